/**
 * A small unified diff (`diff -u` / `git diff` style) of two versions of a file, line by line.
 * Common leading and trailing lines are set aside first, then Myers' O(ND) algorithm compares the
 * rest, so the usual case (a few edits in a large template) costs little. `\r` stays part of a
 * line, so CRLF files diff as themselves.
 */

export interface DiffOptions {
  /** Lines of context around each change (default 3). */
  context?: number;
  /** Header paths; default `a/<path>` and `b/<path>`. */
  oldLabel?: string;
  newLabel?: string;
}

/**
 * One line of a line-by-line comparison: kept (` `, in both texts), removed (`-`, only in the old
 * one) or added (`+`, only in the new one). `oldNo` and `newNo` are 1-based; a removed line's
 * `newNo` (an added one's `oldNo`) is where it would be on the other side.
 */
export interface LineOp {
  kind: ' ' | '-' | '+';
  line: string;
  oldNo: number;
  newNo: number;
}

/** Above this many differing lines the middle is shown as removed then added, without alignment. */
const MAX_EDIT_DISTANCE = 4000;

export function unifiedDiff(path: string, oldText: string, newText: string, options: DiffOptions = {}): string {
  if (oldText === newText) return '';
  const context = options.context ?? 3;
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const hunks = toHunks(diffSplit(a, b), context);
  const out: string[] = [`--- ${headerName(options.oldLabel ?? `a/${path}`)}`, `+++ ${headerName(options.newLabel ?? `b/${path}`)}`];
  for (const hunk of hunks) {
    const first = hunk[0];
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    const oldStart = oldCount === 0 ? first.oldNo - 1 : (hunk.find((o) => o.kind !== '+') as LineOp).oldNo;
    const newStart = newCount === 0 ? first.newNo - 1 : (hunk.find((o) => o.kind !== '-') as LineOp).newNo;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const op of hunk) {
      out.push(`${op.kind}${op.line}`);
      const lastOld = op.kind !== '+' && op.oldNo === a.lines.length && !a.finalNewline;
      const lastNew = op.kind !== '-' && op.newNo === b.lines.length && !b.finalNewline;
      if ((op.kind === '-' && lastOld) || (op.kind === '+' && lastNew) || (op.kind === ' ' && (lastOld || lastNew))) {
        out.push('\\ No newline at end of file');
      }
    }
  }
  return `${out.join('\n')}\n`;
}

/** The line-by-line comparison unifiedDiff prints, as data: every line of both texts, in order. */
export function diffTextLines(oldText: string, newText: string): LineOp[] {
  return diffSplit(splitLines(oldText), splitLines(newText));
}

function diffSplit(a: SplitText, b: SplitText): LineOp[] {
  // A last line without its line break differs from the same line with one.
  const mark = (x: SplitText): string[] => (x.finalNewline || x.lines.length === 0 ? x.lines : [...x.lines.slice(0, -1), `${x.lines[x.lines.length - 1]}\u0000`]);
  return diffLines(mark(a), mark(b)).map((o) => (o.line.endsWith('\u0000') ? { ...o, line: o.line.slice(0, -1) } : o));
}

/**
 * A file name as a `---`/`+++` line ends it. GNU patch reads the name up to the first blank unless a
 * tab ends it, so a name with a space gets a trailing tab, as `git diff` writes it (git apply
 * reads both).
 */
function headerName(name: string): string {
  return name.includes(' ') ? `${name}\t` : name;
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

interface SplitText {
  lines: string[];
  finalNewline: boolean;
}

function splitLines(text: string): SplitText {
  if (text === '') return { lines: [], finalNewline: true };
  const finalNewline = text.endsWith('\n');
  const lines = (finalNewline ? text.slice(0, -1) : text).split('\n');
  return { lines, finalNewline };
}

function diffLines(a: string[], b: string[]): LineOp[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const ops: LineOp[] = [];
  for (let i = 0; i < pre; i++) ops.push({ kind: ' ', line: a[i], oldNo: i + 1, newNo: i + 1 });
  const midA = a.slice(pre, a.length - suf);
  const midB = b.slice(pre, b.length - suf);
  const script = myers(midA, midB) ?? [...midA.map(() => '-' as const), ...midB.map(() => '+' as const)];
  let i = 0;
  let j = 0;
  for (const kind of script) {
    if (kind === ' ') ops.push({ kind, line: midA[i], oldNo: pre + ++i, newNo: pre + ++j });
    else if (kind === '-') ops.push({ kind, line: midA[i], oldNo: pre + ++i, newNo: pre + j + 1 });
    else ops.push({ kind, line: midB[j], oldNo: pre + i + 1, newNo: pre + ++j });
  }
  for (let k = 0; k < suf; k++) {
    const oi = a.length - suf + k;
    const ni = b.length - suf + k;
    ops.push({ kind: ' ', line: a[oi], oldNo: oi + 1, newNo: ni + 1 });
  }
  return ops;
}

/** Myers' greedy shortest edit script; removals come before additions within a change. */
function myers(a: string[], b: string[]): (' ' | '-' | '+')[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, offset, n, m, d);
    }
  }
  return undefined;
}

function backtrack(trace: Int32Array[], offset: number, n: number, m: number, dEnd: number): (' ' | '-' | '+')[] {
  const script: (' ' | '-' | '+')[] = [];
  let x = n;
  let y = m;
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = v[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      script.push(' ');
      x--;
      y--;
    }
    script.push(x === prevX ? '+' : '-');
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    script.push(' ');
    x--;
    y--;
  }
  return script.reverse();
}

function toHunks(ops: LineOp[], context: number): LineOp[][] {
  const changed = ops.map((o, i) => (o.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return [];
  const hunks: LineOp[][] = [];
  let start = Math.max(0, changed[0] - context);
  let end = Math.min(ops.length, changed[0] + context + 1);
  for (const i of changed.slice(1)) {
    if (i - context <= end) end = Math.min(ops.length, i + context + 1);
    else {
      hunks.push(ops.slice(start, end));
      start = Math.max(0, i - context);
      end = Math.min(ops.length, i + context + 1);
    }
  }
  hunks.push(ops.slice(start, end));
  return hunks.map(orderChanges);
}

/** Within each run of changes, removed lines first, then added ones, as `diff -u` prints them. */
function orderChanges(hunk: LineOp[]): LineOp[] {
  const out: LineOp[] = [];
  let removed: LineOp[] = [];
  let added: LineOp[] = [];
  const flush = (): void => {
    out.push(...removed, ...added);
    removed = [];
    added = [];
  };
  for (const op of hunk) {
    if (op.kind === '-') removed.push(op);
    else if (op.kind === '+') added.push(op);
    else {
      flush();
      out.push(op);
    }
  }
  flush();
  return out;
}
