import type { Edit, TextRange } from '../model/index.ts';
import type { PEntry, PMap, PNode, PSeq } from '../sources/cloudformation/parse.ts';
import { SHORT_TAGS } from '../sources/cloudformation/tags.ts';
import { isFlow, leadingWhitespace, removeFlowMember, type TemplateDoc } from './doc.ts';
import { isCfnObject, isIntrinsicValue, type CfnObject, type CfnValue } from './value.ts';

/**
 * Edits on YAML templates that change only what they must: new text is indented the way the
 * file indents, quoted the way it quotes, and short tags are used for intrinsics. Block
 * collections get block text, flow collections (`[…]`, `{…}`) get flow text.
 */

const SHORT_BY_LONG = new Map([...SHORT_TAGS].map(([short, long]) => [long, short]));

const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;
/** What a plain scalar may look like in both block and flow context, conservatively. */
const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./:@*+=() -]*$/;

export function yamlScalar(v: string | number | boolean | null, quote: "'" | '"' = "'"): string {
  if (v === null) return 'null';
  if (typeof v !== 'string') return String(v);
  if (PLAIN.test(v) && !RESERVED.test(v) && !v.endsWith(':') && !v.endsWith(' ') && !v.includes(': ') && !v.includes(' #')) return v;
  // Control characters and line breaks need the escapes only double quotes have.
  // eslint-disable-next-line no-control-regex
  if (quote === '"' || /[\u0000-\u001f\u007f]/.test(v)) return JSON.stringify(v);
  return `'${v.replace(/'/g, "''")}'`;
}

function key(doc: TemplateDoc, k: string): string {
  return yamlScalar(k, doc.quote);
}

/** A mapping key as this file would write it. */
export function yamlKeyText(doc: TemplateDoc, k: string): string {
  return key(doc, k);
}

/** A value that reads well on one line: scalars, intrinsics over scalars, short lists of them. */
function isInline(v: CfnValue): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (Object.keys(v).length === 0) return true;
  if (!isIntrinsicValue(v)) return false;
  const arg = Object.values(v)[0];
  return isFlat(arg);
}

function isFlat(v: CfnValue, depth = 0): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (depth > 3) return false;
  if (Array.isArray(v)) return v.every((x) => isFlat(x, depth + 1));
  return isIntrinsicValue(v) && isFlat(Object.values(v)[0], depth + 1);
}

/** Flow-style text for any value (short tags for intrinsics). */
export function yamlInline(doc: TemplateDoc, v: CfnValue): string {
  if (v === null || typeof v !== 'object') return yamlScalar(v, doc.quote);
  if (Array.isArray(v)) return `[${v.map((x) => yamlInline(doc, x)).join(', ')}]`;
  const keys = Object.keys(v);
  if (keys.length === 1) {
    const short = SHORT_BY_LONG.get(keys[0]);
    const arg = v[keys[0]];
    if (short !== undefined) {
      if (short === '!GetAtt' && Array.isArray(arg) && arg.length === 2 && arg.every((x) => typeof x === 'string')) {
        return `!GetAtt ${arg[0] as string}.${arg[1] as string}`;
      }
      return `${short} ${yamlInline(doc, arg)}`;
    }
  }
  if (keys.length === 0) return '{}';
  return `{ ${keys.map((k) => `${key(doc, k)}: ${yamlInline(doc, v[k])}`).join(', ')} }`;
}

/** The text that follows `key:` for a value whose key is indented by `indent`. */
export function yamlAfterKey(doc: TemplateDoc, v: CfnValue, indent: string): string {
  if (isInline(v) || v === null || typeof v !== 'object') return ` ${yamlInline(doc, v)}`;
  if (Array.isArray(v)) {
    const itemIndent = doc.indentSequences ? indent + doc.indentUnit : indent;
    return v.map((item) => `${doc.eol}${itemIndent}- ${yamlItem(doc, item, `${itemIndent}  `)}`).join('');
  }
  const inner = indent + doc.indentUnit;
  return Object.keys(v).map((k) => `${doc.eol}${inner}${key(doc, k)}:${yamlAfterKey(doc, v[k], inner)}`).join('');
}

/** The text after `- ` for a list item whose content is indented by `indent`. */
export function yamlItem(doc: TemplateDoc, v: CfnValue, indent: string): string {
  if (isInline(v) || !isCfnObject(v)) return yamlInline(doc, v);
  return yamlMapBody(doc, v, indent);
}

/** Entries of a block mapping: the first without indentation (it follows `- ` or replaces a node in place). */
export function yamlMapBody(doc: TemplateDoc, v: CfnObject, indent: string): string {
  return Object.keys(v).map((k, i) => `${i === 0 ? '' : `${doc.eol}${indent}`}${key(doc, k)}:${yamlAfterKey(doc, v[k], indent)}`).join('');
}

/** Items of a block sequence, the first without indentation (it replaces a sequence in place). */
function yamlSeqBody(doc: TemplateDoc, items: CfnValue[], indent: string): string {
  return items.map((item, i) => `${i === 0 ? '' : `${doc.eol}${indent}`}- ${yamlItem(doc, item, `${indent}  `)}`).join('');
}

// ---------------------------------------------------------------------------------------------
// Positions

/** Spaces standing for the column of `offset` (a `- ` before it counts as indentation). */
export function columnIndent(doc: TemplateDoc, offset: number): string {
  const lineStart = doc.text.lastIndexOf('\n', offset - 1) + 1;
  const lead = leadingWhitespace(doc.text, offset);
  if (lead !== undefined) return lead;
  return ' '.repeat(offset - lineStart);
}

/**
 * Where to add a line after a block node: the end of the line its last character is on, so a
 * comment trailing that line stays on it.
 */
export function lineEndAfter(doc: TemplateDoc, offset: number, floor = 0): number {
  const text = doc.text;
  let p = offset;
  while (p > floor && /\s/.test(text[p - 1] ?? '')) p--;
  let q = text.indexOf('\n', p);
  if (q === -1) q = text.length;
  else if (text[q - 1] === '\r') q--;
  return q;
}

function blockInsertPoint(doc: TemplateDoc, node: PNode): number {
  return insertPointAfter(doc, node, node.pos.range.start);
}

/**
 * Where to add a line after a block node (see lineEndAfter), past the blank lines that end a
 * keep-chomped block scalar (`|+`, `>+`) it ends with: those lines are part of the scalar's value,
 * and a line added above them would move them out of it (a changed `GroupDescription`, which
 * replaces the security group; a changed script).
 */
function insertPointAfter(doc: TemplateDoc, node: PNode, floor: number): number {
  const at = lineEndAfter(doc, node.pos.range.end, floor);
  const last = lastBlockDescendant(doc, node);
  if (last === undefined || !/^[|>](?:[1-9]?\+|\+[1-9])/.test(doc.text.slice(last.pos.range.start, last.pos.range.start + 3))) return at;
  let end = last.pos.range.end;
  if (doc.text[end - 1] === '\n') end--;
  if (doc.text[end - 1] === '\r') end--;
  return Math.max(at, end);
}

/** The scalar a block node ends with (its last entry's or item's, all the way down); undefined for flow collections. */
function lastBlockDescendant(doc: TemplateDoc, node: PNode): PNode | undefined {
  let cur: PNode | undefined = node;
  for (let depth = 0; cur !== undefined && depth < 200; depth++) {
    if (cur.kind === 'scalar') return cur;
    if (isFlow(doc, cur)) return undefined;
    cur = cur.kind === 'map' ? cur.entries[cur.entries.length - 1]?.value : cur.items[cur.items.length - 1];
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Edits

export function yamlReplaceNode(doc: TemplateDoc, node: PNode, v: CfnValue): Edit {
  const range = { start: node.pos.range.start, end: node.pos.range.end };
  const flowNode = node.kind === 'scalar' || isFlow(doc, node) || (node.kind === 'map' && node.tag !== undefined);
  let text: string;
  if (isInline(v) || flowNode || v === null || typeof v !== 'object') {
    // A flow context can only take flow text; a block scalar's range includes its final line break.
    text = node.kind === 'scalar' && typeof v === 'string' ? requote(doc, doc.text[range.start], v) : yamlInline(doc, v);
    if (node.kind === 'scalar' && /[|>]/.test(doc.text[range.start] ?? '')) range.end = lineEndAfter(doc, range.end, range.start);
  } else if (Array.isArray(v)) {
    text = yamlSeqBody(doc, v, columnIndent(doc, range.start));
  } else {
    text = yamlMapBody(doc, v, columnIndent(doc, range.start));
  }
  return { file: doc.file, range, text };
}

/** A string replacing a scalar keeps the scalar's quoting when it had some. */
function requote(doc: TemplateDoc, first: string | undefined, v: string): string {
  if (first === '"') return JSON.stringify(v);
  // eslint-disable-next-line no-control-regex
  if (first === "'" && !/[\u0000-\u001f\u007f]/.test(v)) return `'${v.replace(/'/g, "''")}'`;
  return yamlScalar(v, doc.quote);
}

/** Replaces the value of `entry` (in a block or flow map) with `v`. */
export function yamlReplaceEntryValue(doc: TemplateDoc, map: PMap, entry: PEntry, v: CfnValue): Edit {
  const value = entry.value;
  const blockValue = value.kind !== 'scalar' && !(value.kind === 'map' && value.tag !== undefined) && !isFlow(doc, value);
  if (isFlow(doc, map) || (!blockValue && isInline(v))) return yamlReplaceNode(doc, value, v);
  // From just after the colon, so a block value can become inline and the other way round.
  const colon = doc.text.indexOf(':', entry.keyPos.range.end);
  const between = doc.text.slice(colon + 1, value.pos.range.start);
  const keyIndent = columnIndent(doc, entry.keyPos.range.start);
  if (colon === -1 || colon > value.pos.range.start || between.includes('#')) {
    if (isInline(v)) return yamlReplaceNode(doc, value, v);
    return { file: doc.file, range: { start: value.pos.range.start, end: value.pos.range.end }, text: yamlAfterKey(doc, v, keyIndent).replace(/^\r?\n[ \t]*/, '') };
  }
  const end = value.kind === 'scalar' && /[|>]/.test(doc.text[value.pos.range.start] ?? '') ? lineEndAfter(doc, value.pos.range.end, value.pos.range.start) : value.pos.range.end;
  return { file: doc.file, range: { start: colon + 1, end }, text: yamlAfterKey(doc, v, keyIndent) };
}

/** Adds entries at the end of a mapping, in its style. */
export function yamlInsertEntries(doc: TemplateDoc, map: PMap, entries: [string, CfnValue][], options: { blankLine?: boolean; after?: string } = {}): Edit {
  const anchor = options.after === undefined ? undefined : map.entries.find((e) => e.key === options.after);
  if (isFlow(doc, map)) {
    const last = anchor ?? map.entries[map.entries.length - 1];
    const body = entries.map(([k, v]) => `${key(doc, k)}: ${yamlInline(doc, v)}`).join(', ');
    if (last === undefined) return { file: doc.file, range: at(map.pos.range.start + 1), text: ` ${body} ` };
    return { file: doc.file, range: at(last.value.pos.range.end), text: `, ${body}` };
  }
  const first = map.entries[0];
  const indent = first === undefined ? '' : columnIndent(doc, first.keyPos.range.start);
  const pos = anchor === undefined ? blockInsertPoint(doc, map) : insertPointAfter(doc, anchor.value, anchor.keyPos.range.start);
  const sep = options.blankLine === true ? doc.eol : '';
  const text = entries.map(([k, v]) => `${doc.eol}${sep}${indent}${key(doc, k)}:${yamlAfterKey(doc, v, indent)}`).join('');
  return { file: doc.file, range: at(pos), text };
}

/** Adds items at the end of a sequence, in its style. */
export function yamlAppendItems(doc: TemplateDoc, seq: PSeq, items: CfnValue[]): Edit {
  if (isFlow(doc, seq)) {
    const last = seq.items[seq.items.length - 1];
    const body = items.map((v) => yamlInline(doc, v)).join(', ');
    if (last === undefined) return { file: doc.file, range: at(seq.pos.range.start + 1), text: body };
    return { file: doc.file, range: at(last.pos.range.end), text: `, ${body}` };
  }
  const indent = columnIndent(doc, seq.pos.range.start);
  const pos = blockInsertPoint(doc, seq);
  return { file: doc.file, range: at(pos), text: items.map((v) => `${doc.eol}${indent}- ${yamlItem(doc, v, `${indent}  `)}`).join('') };
}

/** Replaces item `index` of a sequence with one or more items (none removes it, unless it is the only one). */
export function yamlReplaceItem(doc: TemplateDoc, seq: PSeq, index: number, items: CfnValue[]): Edit | undefined {
  const item = seq.items[index];
  if (item === undefined) return undefined;
  if (isFlow(doc, seq)) {
    if (items.length === 0) return removeFlowMember(doc, seq.items.map((i) => i.pos.range), index);
    return { file: doc.file, range: { start: item.pos.range.start, end: item.pos.range.end }, text: items.map((v) => yamlInline(doc, v)).join(', ') };
  }
  const dash = dashBefore(doc, item.pos.range.start);
  if (dash === undefined) return undefined;
  const indent = columnIndent(doc, dash);
  if (items.length === 0) {
    if (seq.items.length === 1) return undefined;
    const next = seq.items[index + 1];
    const nextStart = next === undefined ? undefined : dashBefore(doc, next.pos.range.start) ?? next.pos.range.start;
    return { file: doc.file, range: blockMemberLines(doc, dash, indent, seq.pos.range.start + 1, nextStart, item), text: '' };
  }
  const text = items.map((v, i) => `${i === 0 ? '' : `${doc.eol}${indent}- `}${yamlItem(doc, v, `${indent}  `)}`).join('');
  return { file: doc.file, range: { start: item.pos.range.start, end: trimTrailingComment(doc, item, item.pos.range.end) }, text };
}

/**
 * The start of the comment lines (at `indent`) right above the line starting at `lineStart`: they
 * describe the item on that line and go wherever it goes. Never moves to or before `floor`.
 */
function commentBlockStart(doc: TemplateDoc, lineStart: number, indent: string, floor: number): number {
  let start = lineStart;
  for (;;) {
    if (start < 2) return start;
    const prevStart = doc.text.lastIndexOf('\n', start - 2) + 1;
    if (prevStart < floor) return start;
    const prev = doc.text.slice(prevStart, start).replace(/\r?\n$/, '');
    if (!prev.startsWith(`${indent}#`)) return start;
    start = prevStart;
  }
}

/** A block map item's range may run over a comment that ends its last line; keep that comment. */
function trimTrailingComment(doc: TemplateDoc, item: PNode, end: number): number {
  if (item.kind !== 'map' || item.entries.length === 0) return end;
  const lastValue = item.entries[item.entries.length - 1].value;
  if (lastValue.kind !== 'scalar') return end;
  const tail = doc.text.slice(lastValue.pos.range.end, end);
  return /^[ \t]*#[^\n]*$/.test(tail) ? lastValue.pos.range.end : end;
}

/**
 * The lines of a block member (a sequence item, a mapping entry) whose first line holds `first`
 * (its dash or key), at `indent`: from the comment lines right above it, which describe it, to the
 * start of the next member's comment lines or line (`nextStart`), or past the end of its own last
 * line (the one `last` ends on). Never reaches to or before `floor`.
 */
function blockMemberLines(doc: TemplateDoc, first: number, indent: string, floor: number, nextStart: number | undefined, last: PNode): TextRange {
  const start = commentBlockStart(doc, doc.text.lastIndexOf('\n', first - 1) + 1, indent, floor);
  if (nextStart !== undefined) return { start, end: commentBlockStart(doc, doc.text.lastIndexOf('\n', nextStart - 1) + 1, indent, start) };
  const lineEnd = lineEndAfter(doc, last.pos.range.end, last.pos.range.start);
  const nl = doc.text.indexOf('\n', lineEnd);
  return { start, end: nl === -1 ? doc.text.length : nl + 1 };
}

/**
 * Removes entry `index` of a block mapping (see blockMemberLines). Refused when its key does not
 * start its line, or it is the mapping's only entry.
 */
export function yamlRemoveEntry(doc: TemplateDoc, map: PMap, index: number): Edit | undefined {
  const entry = map.entries[index];
  if (entry === undefined || map.entries.length === 1) return undefined;
  const keyStart = entry.keyPos.range.start;
  const lineStart = doc.text.lastIndexOf('\n', keyStart - 1) + 1;
  if (doc.text.slice(lineStart, keyStart).trim() !== '') return undefined;
  const range = blockMemberLines(doc, keyStart, doc.text.slice(lineStart, keyStart), map.pos.range.start + 1, map.entries[index + 1]?.keyPos.range.start, entry.value);
  return { file: doc.file, range, text: '' };
}

/** The `-` that introduces a block sequence item starting at `offset`. */
function dashBefore(doc: TemplateDoc, offset: number): number | undefined {
  for (let i = offset - 1; i >= 0; i--) {
    const c = doc.text[i];
    if (c === '-') return i;
    if (c !== ' ' && c !== '\t') return undefined;
  }
  return undefined;
}

function at(offset: number): { start: number; end: number } {
  return { start: offset, end: offset };
}
