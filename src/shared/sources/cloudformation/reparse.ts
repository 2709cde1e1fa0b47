import { LineCounter } from 'yaml';
import { convertYamlDocument } from './tags.ts';
import {
  MAX_NESTING_DEPTH,
  MAX_TEMPLATE_CHARS,
  findDeepBlockNesting,
  findDeepFlowNesting,
  nodeBudgetFor,
  readYamlDocuments,
  type PEntry,
  type PMap,
  type PNode,
  type PPos,
  type ParsedTemplate,
} from './parse.ts';

/**
 * Parses a YAML template by reusing the tree of an earlier text of the same file, when the two
 * differ only inside the `Resources` section: the resources the change touches are parsed on
 * their own and spliced into the earlier tree, and everything after them is moved by the change's
 * length. `fix` verifies every fix by a re-scan of the fixed text, and YAML parsing was most of
 * that: re-parsing the whole file per fix made verification quadratic in the template's size.
 *
 * The result must equal what a full parse of `text` gives, positions included (the test compares
 * both on every corpus template), so anything this cannot vouch for returns undefined and the
 * caller parses in full:
 * - the earlier tree has warnings or aliases (an alias copies a node from elsewhere, so an edit
 *   could change a node outside the text it touches);
 * - `Resources` is not a block mapping at the start of a line, or the change reaches outside its
 *   entries;
 * - the changed entries' text has a line indented less than the entries (a new top-level key, a
 *   document marker, a directive), or it does not parse alone into a mapping of entries with no
 *   warnings and no error (the full parse reports those).
 */
export function reparseYaml(earlier: ParsedTemplate, text: string, ends = sharedEnds(earlier.text, text)): ParsedTemplate | undefined {
  if (earlier.format !== 'yaml' || earlier.aliases !== false || earlier.warnings.length > 0) return undefined;
  if (text.length > MAX_TEMPLATE_CHARS) return undefined;
  const old = earlier.text;
  const root = earlier.root;
  if (root.kind !== 'map') return undefined;
  const sectionIndex = root.entries.findIndex((e) => e.key === 'Resources');
  if (sectionIndex === -1) return undefined;
  const section = root.entries[sectionIndex]!;
  const resources = section.value;
  if (resources.kind !== 'map' || resources.tag !== undefined || resources.entries.length === 0) return undefined;
  if (!startsLine(old, section.keyPos, 0)) return undefined;
  const indent = resources.entries[0]!.keyPos.column - 1;
  if (indent < 1 || !resources.entries.every((e) => startsLine(old, e.keyPos, indent))) return undefined;
  const next = root.entries[sectionIndex + 1];
  if (next !== undefined && !startsLine(old, next.keyPos, 0)) return undefined;

  // Each entry owns the lines from its key to the next entry's key; the last one, up to the next
  // top-level key (or the end of the text).
  const spanStart = (i: number): number => resources.entries[i]!.keyPos.range.start - indent;
  const sectionEnd = next === undefined ? old.length : next.keyPos.range.start;
  const spanEnd = (i: number): number => (i + 1 < resources.entries.length ? spanStart(i + 1) : sectionEnd);

  const { prefix, suffix } = ends;
  if (prefix === old.length && old.length === text.length) return earlier;
  const changeEnd = old.length - suffix;
  const count = resources.entries.length;
  if (prefix < spanStart(0) || changeEnd > sectionEnd) return undefined;
  const delta = text.length - old.length;
  let first = entryAt(prefix, count, spanStart);
  let last = changeEnd > prefix ? entryAt(changeEnd - 1, count, spanStart) : first;
  // The changed entries are parsed alone only from a key line to a key line: text inserted before
  // a key (blank lines, deeper lines) may belong to the entry above it, and text after a change
  // that ends mid-line belongs to the line it joins.
  while (first > 0 && !keyLineAt(text, spanStart(first), indent)) first--;
  while (last < count - 1 && !lineStartAt(text, spanEnd(last) + delta)) last++;
  if (!keyLineAt(text, spanStart(first), indent) || !lineStartAt(text, spanEnd(last) + delta)) return undefined;

  const regionStart = spanStart(first);
  const regionEnd = spanEnd(last) + delta;
  const regionText = text.slice(regionStart, regionEnd);
  if (!indentedAtLeast(regionText, indent)) return undefined;
  if (findDeepFlowNesting(regionText, MAX_NESTING_DEPTH - 2) !== undefined || findDeepBlockNesting(regionText, MAX_NESTING_DEPTH - 2) !== undefined) {
    return undefined;
  }

  const lineCounter = new LineCounter();
  let docs;
  try {
    docs = readYamlDocuments(regionText, lineCounter);
  } catch {
    return undefined;
  }
  if ('empty' in docs || docs.length !== 1) return undefined;
  const doc = docs[0]!;
  if (doc.contents === null || doc.errors.length > 0) return undefined;
  // Entries sit one level below the template's root: depth d here is depth d + 1 there.
  const converted = convertYamlDocument(doc, regionText, lineCounter, MAX_NESTING_DEPTH - 1, nodeBudgetFor(text.length));
  if (!converted.ok || converted.aliases || converted.warnings.length > 0) return undefined;
  const region = converted.root;
  if (region.kind !== 'map' || region.tag !== undefined || region.entries.length === 0) return undefined;
  // A key with no text (`: x`) is placed at its mapping's start, which differs between the parses.
  if (!region.entries.every((e) => e.keyPos.range.end > e.keyPos.range.start && startsLine(regionText, e.keyPos, indent))) return undefined;
  const kept = new Set<string>();
  for (let i = 0; i < count; i++) if (i < first || i > last) kept.add(resources.entries[i]!.key);
  if (region.entries.some((e) => kept.has(e.key))) return undefined;

  let replacedNodes = 0;
  for (let i = first; i <= last; i++) replacedNodes += walkedNodes(resources.entries[i]!.value);
  const nodeCount = earlier.nodeCount - replacedNodes + converted.nodeCount - 1;
  if (nodeCount > nodeBudgetFor(text.length)) return undefined;

  const lineDelta = lineBreaks(regionText) - lineBreaks(old.slice(regionStart, spanEnd(last)));
  const startLine = resources.entries[first]!.keyPos.line;
  movePositions(region, regionStart, startLine - 1, new Set());
  const copies = new Map<PPos, PPos>();
  const entries: PEntry[] = [
    ...resources.entries.slice(0, first),
    ...region.entries,
    ...resources.entries.slice(last + 1).map((e) => movedEntry(e, delta, lineDelta, copies)),
  ];
  // Where the section and the root end: as before, moved, when the change stops short of the last
  // resource; else where the last resource now ends, which is only certain when nothing but
  // blanks follows it (the yaml package counts some trailing comments into a collection).
  let resourcesEnd = resources.pos.range.end + delta;
  let rootEnd = root.pos.range.end + delta;
  if (last === count - 1) {
    resourcesEnd = region.entries[region.entries.length - 1]!.value.pos.range.end;
    if (!/^\s*$/.test(text.slice(resourcesEnd, sectionEnd + delta))) return undefined;
    if (next === undefined) rootEnd = resourcesEnd;
  }
  const resourcesMap: PMap = { kind: 'map', entries, pos: { ...resources.pos, range: { start: resources.pos.range.start, end: resourcesEnd } } };
  const rootEntries: PEntry[] = [
    ...root.entries.slice(0, sectionIndex),
    { key: section.key, keyPos: section.keyPos, value: resourcesMap },
    ...root.entries.slice(sectionIndex + 1).map((e) => movedEntry(e, delta, lineDelta, copies)),
  ];
  const newRoot: PMap = { kind: 'map', entries: rootEntries, pos: { ...root.pos, range: { start: root.pos.range.start, end: rootEnd } } };
  return { ok: true, file: earlier.file, format: 'yaml', text, root: newRoot, nodeCount, warnings: [], aliases: false };
}

/** How many characters two texts share at their start, and after that at their end. */
export function sharedEnds(a: string, b: string): { prefix: number; suffix: number } {
  const limit = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

/** Whether the node at `pos` is the first thing on its line, after exactly `indent` spaces. */
function startsLine(text: string, pos: PPos, indent: number): boolean {
  if (pos.column - 1 !== indent) return false;
  const lineStart = pos.range.start - indent;
  if (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 0x0a) return false;
  for (let i = lineStart; i < pos.range.start; i++) if (text.charCodeAt(i) !== 0x20) return false;
  return true;
}

/** The entry whose span holds `offset`; the last one for an offset at the end of the section. */
function entryAt(offset: number, count: number, spanStart: (i: number) => number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spanStart(mid) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Whether a line starts at `offset`: `indent` spaces, then a key (not a blank, a comment or deeper text). */
function keyLineAt(text: string, offset: number, indent: number): boolean {
  if (!lineStartAt(text, offset)) return false;
  for (let i = offset; i < offset + indent; i++) if (text.charCodeAt(i) !== 0x20) return false;
  const c = text.charCodeAt(offset + indent);
  return !(Number.isNaN(c) || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x23 /* # */);
}

function lineStartAt(text: string, offset: number): boolean {
  return offset === 0 || offset === text.length || text.charCodeAt(offset - 1) === 0x0a;
}

/** Every line that is not blank or a comment is indented by at least `indent` spaces. */
function indentedAtLeast(text: string, indent: number): boolean {
  for (let lineStart = 0; lineStart < text.length;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && text.charCodeAt(i) === 0x20) i++;
    const c = text.charCodeAt(i);
    const blank = i === lineEnd || c === 0x0d || c === 0x23 /* # */;
    if (!blank && i - lineStart < indent) return false;
    lineStart = lineEnd + 1;
  }
  return true;
}

function lineBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The nodes the walker counted for this subtree (one per YAML node): a short tag's map stands
 * for the one tagged node, and `!GetAtt A.B`'s two parts for its one scalar.
 */
function walkedNodes(node: PNode): number {
  if (node.kind === 'scalar') return 1;
  if (node.kind === 'seq') {
    let n = 1;
    for (const item of node.items) n += walkedNodes(item);
    return n;
  }
  if (node.tag !== undefined) {
    const arg = node.entries[0]!.value;
    if (arg.kind === 'seq' && arg.items.length === 2 && arg.items[0]!.pos === arg.pos) return 1;
    return walkedNodes(arg);
  }
  let n = 1;
  for (const e of node.entries) n += walkedNodes(e.value);
  return n;
}

/** Moves a freshly parsed subtree from its own text to `offset` and `lines` further down the template. */
function movePositions(node: PNode, offset: number, lines: number, seen: Set<PPos>): void {
  const shift = (pos: PPos): void => {
    if (seen.has(pos)) return;
    seen.add(pos);
    pos.line += lines;
    pos.range = { start: pos.range.start + offset, end: pos.range.end + offset };
  };
  shift(node.pos);
  if (node.kind === 'seq') for (const item of node.items) movePositions(item, offset, lines, seen);
  else if (node.kind === 'map') {
    for (const e of node.entries) {
      shift(e.keyPos);
      movePositions(e.value, offset, lines, seen);
    }
  }
}

/**
 * A copy of an earlier subtree that sits after the change, `offset` characters and `lines` lines
 * further on. Positions the walker shares between nodes (`!GetAtt A.B`'s parts) stay shared.
 */
function moved(node: PNode, offset: number, lines: number, copies: Map<PPos, PPos>): PNode {
  const pos = movedPos(node.pos, offset, lines, copies);
  if (node.kind === 'scalar') return { kind: 'scalar', value: node.value, pos };
  if (node.kind === 'seq') return { kind: 'seq', items: node.items.map((item) => moved(item, offset, lines, copies)), pos };
  const entries = node.entries.map((e) => movedEntry(e, offset, lines, copies));
  return node.tag === undefined ? { kind: 'map', entries, pos } : { kind: 'map', tag: node.tag, entries, pos };
}

function movedEntry(entry: PEntry, offset: number, lines: number, copies: Map<PPos, PPos>): PEntry {
  if (offset === 0 && lines === 0) return entry;
  return { key: entry.key, keyPos: movedPos(entry.keyPos, offset, lines, copies), value: moved(entry.value, offset, lines, copies) };
}

function movedPos(pos: PPos, offset: number, lines: number, copies: Map<PPos, PPos>): PPos {
  let copy = copies.get(pos);
  if (copy === undefined) {
    copy = { line: pos.line + lines, column: pos.column, range: { start: pos.range.start + offset, end: pos.range.end + offset } };
    copies.set(pos, copy);
  }
  return copy;
}
