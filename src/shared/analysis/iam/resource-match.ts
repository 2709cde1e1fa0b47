/**
 * IAM resource pattern matching. ARNs in policies are globs: `*` any run of characters (`:` and
 * `/` included), `?` one character, `${…}` a policy variable or an unresolved template
 * placeholder (the value is not known here), and the escapes `${*}`, `${?}`, `${$}` for the
 * literal characters. Matching is case-sensitive, as IAM matches ARNs.
 *
 * A granted resource may itself be a pattern (`arn:aws:s3:::bucket/*`), so the questions are
 * about sets of ARNs: does one pattern cover every ARN another may denote, and can two patterns
 * denote a common ARN.
 */

type Token =
  | { k: 'lit'; c: string }
  | { k: 'one' }
  | { k: 'star' }
  | { k: 'var'; name: string };

const STAR: Token = { k: 'star' };
const ONE: Token = { k: 'one' };

const tokenCache = new Map<string, Token[]>();
const TOKEN_CACHE_LIMIT = 20_000;

function tokens(pattern: string): Token[] {
  const hit = tokenCache.get(pattern);
  if (hit !== undefined) return hit;
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      // Consecutive stars denote the same set as one; collapsing keeps the tables small.
      if (out.length === 0 || out[out.length - 1].k !== 'star') out.push(STAR);
    } else if (c === '?') {
      out.push(ONE);
    } else if (c === '$' && pattern[i + 1] === '{') {
      const end = pattern.indexOf('}', i + 2);
      if (end === -1) {
        out.push({ k: 'lit', c });
        continue;
      }
      const name = pattern.slice(i + 2, end);
      if (name === '*' || name === '?' || name === '$') out.push({ k: 'lit', c: name });
      else out.push({ k: 'var', name });
      i = end;
    } else {
      out.push({ k: 'lit', c });
    }
  }
  if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
  tokenCache.set(pattern, out);
  return out;
}

function isPlain(s: string): boolean {
  return !s.includes('*') && !s.includes('?') && !s.includes('${');
}

/**
 * True when `pattern` matches every ARN `resource` may denote (for a plain ARN: when it matches
 * that ARN). Sound, not complete: a true answer is always right, a false one may miss exotic
 * coverings (e.g. `a?*` covering `a*?`). Placeholders in `resource` are covered only by a `*`
 * or by the same placeholder in `pattern`, because their value is unknown.
 */
export function resourceMatches(pattern: string, resource: string): boolean {
  if (pattern === '*' || pattern === resource) return true;
  if (isPlain(pattern)) return false;
  const p = tokens(pattern);
  const r = tokens(resource);
  const n = p.length;
  const m = r.length;
  // covers[i][j]: p[i..] covers r[j..]; filled from the end, one row at a time.
  let next = new Uint8Array(m + 1);
  next[m] = 1;
  for (let i = n - 1; i >= 0; i--) {
    const row = new Uint8Array(m + 1);
    const t = p[i];
    for (let j = m; j >= 0; j--) {
      if (t.k === 'star') {
        row[j] = next[j] === 1 || (j < m && row[j + 1] === 1) ? 1 : 0;
      } else if (j === m) {
        row[j] = 0;
      } else {
        const u = r[j];
        let ok: boolean;
        if (t.k === 'one') ok = u.k === 'lit' || u.k === 'one';
        else if (t.k === 'lit') ok = u.k === 'lit' && u.c === t.c;
        else ok = u.k === 'var' && u.name === t.name;
        row[j] = ok && next[j + 1] === 1 ? 1 : 0;
      }
    }
    next = row;
  }
  return next[0] === 1;
}

/**
 * True when some ARN may match both patterns. Placeholders count as `*` (their value could be
 * anything), so this over-approximates, which is what a "might this matter" question wants.
 */
export function resourcesOverlap(a: string, b: string): boolean {
  if (a === '*' || b === '*' || a === b) return true;
  if (isPlain(a) && isPlain(b)) return false;
  const x = tokens(a).map(varAsStar);
  const y = tokens(b).map(varAsStar);
  const n = x.length;
  const m = y.length;
  const memo = new Int8Array((n + 1) * (m + 1)).fill(-1);
  // Reachability in the product of the two glob automata; iterative to bound the stack on long ARNs.
  const stack: number[] = [0];
  memo[0] = 1;
  const push = (i: number, j: number): void => {
    const key = i * (m + 1) + j;
    if (memo[key] !== 1) {
      memo[key] = 1;
      stack.push(key);
    }
  };
  while (stack.length > 0) {
    const key = stack.pop() as number;
    const i = Math.floor(key / (m + 1));
    const j = key % (m + 1);
    if (i === n && j === m) return true;
    const s = i < n ? x[i] : undefined;
    const t = j < m ? y[j] : undefined;
    if (s?.k === 'star') push(i + 1, j);
    if (t?.k === 'star') push(i, j + 1);
    if (s === undefined || t === undefined) continue;
    if (s.k === 'star' && t.k !== 'star') push(i, j + 1);
    else if (t.k === 'star' && s.k !== 'star') push(i + 1, j);
    else if (s.k !== 'star' && t.k !== 'star' && charsCompatible(s, t)) push(i + 1, j + 1);
  }
  return false;
}

function varAsStar(t: Token): Token {
  return t.k === 'var' ? STAR : t;
}

function charsCompatible(a: Token, b: Token): boolean {
  if (a.k === 'one' || b.k === 'one') return true;
  return a.k === 'lit' && b.k === 'lit' && a.c === b.c;
}

