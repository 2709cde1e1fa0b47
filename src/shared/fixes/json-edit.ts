import type { Edit } from '../model/index.ts';
import type { PMap, PNode, PSeq } from '../sources/cloudformation/parse.ts';
import { lineIndent, removeFlowMember, type TemplateDoc } from './doc.ts';
import type { CfnValue } from './value.ts';

/**
 * Edits on JSON templates: new text uses the file's indentation unit and line breaks, and a
 * collection written on one line stays on one line.
 */

function multiline(doc: TemplateDoc, node: PNode): boolean {
  const body = doc.text.slice(node.pos.range.start, node.pos.range.end);
  if (body.includes('\n')) return true;
  // An empty collection says nothing about style; follow the file.
  return (node.kind === 'map' ? node.entries.length : node.kind === 'seq' ? node.items.length : 1) === 0 && doc.text.includes('\n');
}

/** JSON text for `v` placed where the current line is indented by `indent`. */
export function jsonValue(doc: TemplateDoc, v: CfnValue, indent: string, pretty: boolean): string {
  if (!pretty) return compact(v);
  return JSON.stringify(v, null, doc.indentUnit).split('\n').join(`${doc.eol}${indent}`);
}

/**
 * Whether a value starting at `offset` has its line to itself (only its key before it): then a
 * collection written there is spread over lines; inside a one-line object it stays on one line.
 */
export function ownsLine(doc: TemplateDoc, offset: number): boolean {
  const lineStart = doc.text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*(?:"(?:[^"\\]|\\.)*"[ \t]*:[ \t]*)?$/.test(doc.text.slice(lineStart, offset));
}

export function jsonReplaceNode(doc: TemplateDoc, node: PNode, v: CfnValue): Edit {
  const indent = lineIndent(doc.text, node.pos.range.start);
  const pretty = node.kind === 'scalar' ? doc.text.includes('\n') && ownsLine(doc, node.pos.range.start) && typeof v === 'object' && v !== null : multiline(doc, node);
  return { file: doc.file, range: { start: node.pos.range.start, end: node.pos.range.end }, text: jsonValue(doc, v, indent, pretty) };
}

export function jsonInsertEntries(doc: TemplateDoc, map: PMap, entries: [string, CfnValue][], after?: string): Edit {
  const pretty = multiline(doc, map);
  const last = (after === undefined ? undefined : map.entries.find((e) => e.key === after)) ?? map.entries[map.entries.length - 1];
  if (last === undefined) {
    const outer = lineIndent(doc.text, map.pos.range.start);
    const inner = outer + doc.indentUnit;
    const body = entries.map(([k, v]) => `${JSON.stringify(k)}: ${jsonValue(doc, v, inner, pretty)}`);
    const text = pretty ? `${doc.eol}${inner}${body.join(`,${doc.eol}${inner}`)}${doc.eol}${outer}` : body.join(', ');
    return { file: doc.file, range: at(map.pos.range.start + 1), text };
  }
  const indent = lineIndent(doc.text, last.keyPos.range.start);
  const body = entries.map(([k, v]) => `${JSON.stringify(k)}: ${jsonValue(doc, v, indent, pretty)}`);
  const text = pretty ? body.map((b) => `,${doc.eol}${indent}${b}`).join('') : body.map((b) => `, ${b}`).join('');
  return { file: doc.file, range: at(last.value.pos.range.end), text };
}

export function jsonAppendItems(doc: TemplateDoc, seq: PSeq, items: CfnValue[]): Edit {
  const pretty = multiline(doc, seq);
  const last = seq.items[seq.items.length - 1];
  if (last === undefined) {
    const outer = lineIndent(doc.text, seq.pos.range.start);
    const inner = outer + doc.indentUnit;
    const body = items.map((v) => jsonValue(doc, v, inner, pretty));
    const text = pretty ? `${doc.eol}${inner}${body.join(`,${doc.eol}${inner}`)}${doc.eol}${outer}` : body.join(', ');
    return { file: doc.file, range: at(seq.pos.range.start + 1), text };
  }
  const indent = lineIndent(doc.text, last.pos.range.start);
  const body = items.map((v) => jsonValue(doc, v, indent, pretty));
  const text = pretty ? body.map((b) => `,${doc.eol}${indent}${b}`).join('') : body.map((b) => `, ${b}`).join('');
  return { file: doc.file, range: at(last.pos.range.end), text };
}

/** Replaces item `index` with one or more items, or removes it (never the only one). */
export function jsonReplaceItem(doc: TemplateDoc, seq: PSeq, index: number, items: CfnValue[]): Edit | undefined {
  const item = seq.items[index];
  if (item === undefined) return undefined;
  if (items.length === 0) {
    return seq.items.length === 1 ? undefined : removeFlowMember(doc, seq.items.map((i) => i.pos.range), index);
  }
  const pretty = multiline(doc, seq);
  const indent = lineIndent(doc.text, item.pos.range.start);
  const sep = pretty ? `,${doc.eol}${indent}` : ', ';
  const text = items.map((v) => jsonValue(doc, v, indent, pretty)).join(sep);
  return { file: doc.file, range: { start: item.pos.range.start, end: item.pos.range.end }, text };
}

/** One-line JSON with a space after each comma and colon, as hand-written one-liners have. */
function compact(v: CfnValue): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(compact).join(', ')}]`;
  return `{${Object.keys(v).map((k) => `${JSON.stringify(k)}: ${compact(v[k])}`).join(', ')}}`;
}

function at(offset: number): { start: number; end: number } {
  return { start: offset, end: offset };
}
