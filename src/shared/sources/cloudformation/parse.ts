import { LineCounter, parseAllDocuments } from 'yaml';
import type { TextRange } from '../../model/index.ts';
import { parseJson } from './json-parse.ts';
import { convertYamlDocument } from './tags.ts';

/**
 * The raw, position-carrying tree of a template, shared by JSON and YAML. YAML short tags are
 * already rewritten to their long form (`!Ref X` is the map `{ Ref: X }`), so the resolver never
 * needs to know which format a template came from.
 */
export type PNode = PScalar | PMap | PSeq;

export interface PPos {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like every JavaScript string index. */
  column: number;
  /** Offsets into the template text. For a converted short tag, from the `!` to the end of its value. */
  range: TextRange;
}

export interface PScalar {
  kind: 'scalar';
  value: string | number | boolean | null;
  pos: PPos;
}

export interface PEntry {
  key: string;
  keyPos: PPos;
  value: PNode;
}

export interface PMap {
  kind: 'map';
  entries: PEntry[];
  pos: PPos;
  /** The YAML short tag (`!Sub`) this one-entry map was rewritten from. */
  tag?: string;
}

export interface PSeq {
  kind: 'seq';
  items: PNode[];
  pos: PPos;
}

export interface ParseError {
  line: number;
  column: number;
  message: string;
}

export interface ParsedTemplate {
  ok: true;
  file: string;
  format: 'json' | 'yaml';
  text: string;
  root: PNode;
  /** Number of nodes in `root` (aliases counted once per use); sizes the resolver's work budget. */
  nodeCount: number;
  /** Oddities that did not stop parsing (extra YAML documents, unknown tags). */
  warnings: ParseError[];
  /** YAML only: some node is an alias's copy of another, so an edit can change text it does not touch (see reparse.ts). */
  aliases?: boolean;
  /** YAML with aliases only: where they and the nodes they repeat are written. */
  aliasSites?: AliasSites;
}

/**
 * Where a YAML template's aliases (`*name`) and the anchored nodes they repeat (`&name`) are
 * written. A node an alias repeats stands for text elsewhere: its tree positions are the anchor's.
 */
export interface AliasSites {
  /** Every alias as written (also one inside an anchored node). */
  aliases: { name: string; range: TextRange }[];
  /** Every anchored node some alias repeats, from its `&name` to the end of its value. Anchors no alias names are not listed. */
  anchored: { name: string; range: TextRange }[];
}

export interface ParseFailure {
  ok: false;
  file: string;
  error: ParseError;
}

/**
 * CloudFormation itself refuses template bodies above 1 MB; 20 MB leaves room for generated
 * templates scanned locally while keeping memory bounded.
 */
export const MAX_TEMPLATE_CHARS = 20 * 1024 * 1024;
/** Real templates nest about 15 levels; 200 only stops pathological input before it exhausts the stack. */
export const MAX_NESTING_DEPTH = 200;
/**
 * YAML aliases can expand a tiny file into billions of nodes. Each node costs at least two
 * characters of source unless aliases repeat it, so this budget only trips on alias abuse.
 */
export function nodeBudgetFor(textLength: number): number {
  return 100_000 + 2 * textLength;
}

export function parseTemplate(file: string, text: string): ParsedTemplate | ParseFailure {
  if (text.length > MAX_TEMPLATE_CHARS) {
    const mb = (text.length / (1024 * 1024)).toFixed(1);
    return fail(file, 1, 1, `template is ${mb} MB, above the ${MAX_TEMPLATE_CHARS / (1024 * 1024)} MB limit fargate-warden reads; split it or exclude the file`);
  }
  const first = firstSignificantChar(text);
  if (first === -1) return fail(file, 1, 1, 'file is empty');
  if (text.charCodeAt(first) === 0x7b /* { */) {
    const json = parseJson(text, MAX_NESTING_DEPTH, nodeBudgetFor(text.length));
    if (json.ok) return { ok: true, file, format: 'json', text, root: json.root, nodeCount: json.nodeCount, warnings: [] };
    // A YAML flow mapping also starts with `{`; only files that claim to be JSON get the JSON error outright.
    if (/\.(json|template)$/i.test(file)) return { ok: false, file, error: json.error };
    const yaml = parseYaml(file, text);
    return yaml.ok ? yaml : { ok: false, file, error: json.error };
  }
  return parseYaml(file, text);
}

function parseYaml(file: string, text: string): ParsedTemplate | ParseFailure {
  const tooDeep = findDeepFlowNesting(text, MAX_NESTING_DEPTH) ?? findDeepBlockNesting(text, MAX_NESTING_DEPTH);
  if (tooDeep !== undefined) {
    const { line, column } = lineColumnAt(text, tooDeep);
    return fail(file, line, column, `nesting deeper than ${MAX_NESTING_DEPTH} levels`);
  }
  const lineCounter = new LineCounter();
  let docs;
  try {
    docs = readYamlDocuments(text, lineCounter);
  } catch (error) {
    // The yaml package reports its own failures as document errors; this only guards against a bug there.
    return fail(file, 1, 1, `YAML could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if ('empty' in docs) {
    // An "empty stream": comments or directives only.
    const err = docs.errors[0];
    if (err !== undefined) return yamlFailure(file, err, lineCounter);
    return fail(file, 1, 1, 'file holds no YAML document');
  }
  const doc = docs[0];
  if (doc === undefined || doc.contents === null) return fail(file, 1, 1, 'file holds no YAML document');
  const err = doc.errors[0];
  if (err !== undefined) return yamlFailure(file, err, lineCounter);
  const warnings: ParseError[] = [];
  const extra = docs.slice(1).filter((d) => d.contents !== null);
  if (extra.length > 0) {
    const start = extra[0]!.range[0];
    const { line, col } = lineCounter.linePos(start);
    warnings.push({ line, column: col, message: `file holds ${extra.length + 1} YAML documents; only the first is read as the template` });
  }
  const converted = convertYamlDocument(doc, text, lineCounter, MAX_NESTING_DEPTH, nodeBudgetFor(text.length));
  if (!converted.ok) return { ok: false, file, error: converted.error };
  return { ok: true, file, format: 'yaml', text, root: converted.root, nodeCount: converted.nodeCount, warnings: [...warnings, ...converted.warnings], aliases: converted.aliases, ...(converted.aliasSites === undefined ? {} : { aliasSites: converted.aliasSites }) };
}

/** The yaml package's documents of `text`, read the way templates are read (see parseYaml). */
export function readYamlDocuments(text: string, lineCounter: LineCounter) {
  // Every CloudFormation short tag makes the yaml package construct a warning, an Error whose
  // stack trace costs more than parsing the node; none of those traces is ever read.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // Key uniqueness is checked by the walker with a hash set; the yaml package's own check is
    // quadratic in the size of a mapping (thousands of resources in generated templates).
    return parseAllDocuments(text, { lineCounter, prettyErrors: true, uniqueKeys: false });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

interface YamlErrorLike {
  message: string;
  pos: [number, number];
  linePos?: [{ line: number; col: number }] | [{ line: number; col: number }, { line: number; col: number }];
}

function yamlFailure(file: string, err: YamlErrorLike, lineCounter: LineCounter): ParseFailure {
  const at = err.linePos?.[0] ?? lineCounter.linePos(err.pos[0]);
  // The yaml package appends " at line L, column C:" and a source excerpt; our error carries both separately.
  const message = err.message.split(/ at line \d+, column \d+/)[0]!.split('\n')[0]!.trim();
  return { ok: false, file, error: { line: at.line, column: at.col, message: `YAML: ${message}` } };
}

function fail(file: string, line: number, column: number, message: string): ParseFailure {
  return { ok: false, file, error: { line, column, message } };
}

function firstSignificantChar(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0xfeff) return i;
  }
  return -1;
}

export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * The yaml package recurses once per flow collection level, and on very deep input spends
 * seconds before it reports a stack overflow. This scan finds such input in linear time. It
 * follows quotes and comments well enough for templates; block scalars may be counted as flow,
 * which can only make the limit trip on text no template contains (hundreds of unclosed `[`).
 */
export function findDeepFlowNesting(text: string, limit: number): number | undefined {
  let depth = 0;
  let atValueStart = true;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      atValueStart = true;
      continue;
    }
    if (c === 0x20 || c === 0x09 || c === 0x0d) continue;
    if (c === 0x23 /* # */) {
      const prev = i === 0 ? 0x20 : text.charCodeAt(i - 1);
      if (prev === 0x20 || prev === 0x09 || prev === 0x0a) {
        const eol = text.indexOf('\n', i);
        if (eol === -1) return undefined;
        i = eol - 1;
        continue;
      }
    }
    if ((c === 0x22 || c === 0x27) && (atValueStart || depth > 0)) {
      i = skipQuoted(text, i, c);
      atValueStart = false;
      continue;
    }
    if ((c === 0x5b || c === 0x7b) && (atValueStart || depth > 0)) {
      depth++;
      if (depth > limit) return i;
      atValueStart = true;
      continue;
    }
    if ((c === 0x5d || c === 0x7d) && depth > 0) {
      depth--;
      atValueStart = false;
      continue;
    }
    if (c === 0x2c /* , */ && depth > 0) {
      atValueStart = true;
      continue;
    }
    if ((c === 0x3a /* : */ || c === 0x2d /* - */ || c === 0x3f /* ? */) && isBlank(text.charCodeAt(i + 1))) {
      atValueStart = true;
      continue;
    }
    atValueStart = false;
  }
  return undefined;
}

/**
 * The yaml package recurses once per block collection level too, and a few thousand levels
 * (`k:` lines indented one more each time) overflow the stack. This scan follows block structure
 * by indentation in linear time: each `- `, `? ` and key opens a level at its column, and a line
 * closes the levels indented deeper than it and, at its own column, those it is a sibling of (a
 * sequence may sit at its parent key's column). Block scalars are skipped. A line it misreads (the
 * continuation of a multi-line scalar or flow collection) opens at most one level per column, so
 * only text with hundreds of ever deeper indentations trips it.
 */
export function findDeepBlockNesting(text: string, limit: number): number | undefined {
  const columns: number[] = [];
  const sequence: boolean[] = [];
  /** While a block scalar's lines are skipped: the column its lines are indented deeper than. */
  let scalarAbove: number | undefined;
  const n = text.length;
  for (let lineStart = 0; lineStart < n;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = n;
    let next = lineEnd + 1;
    let i = lineStart;
    while (i < lineEnd && text.charCodeAt(i) === 0x20) i++;
    const indent = i - lineStart;
    while (i < lineEnd && (text.charCodeAt(i) === 0x09 || text.charCodeAt(i) === 0x0d)) i++;
    const blank = i === lineEnd;
    if (scalarAbove !== undefined) {
      if (blank || indent > scalarAbove) {
        lineStart = next;
        continue;
      }
      scalarAbove = undefined;
    }
    const c = text.charCodeAt(i);
    if (blank || c === 0x23 /* # */ || (indent === 0 && c === 0x25 /* % */)) {
      lineStart = next;
      continue;
    }
    if (indent === 0 && (text.startsWith('---', i) || text.startsWith('...', i)) && isBlank(text.charCodeAt(i + 3))) {
      // A new document (or the end of one) starts from the top.
      columns.length = 0;
      sequence.length = 0;
      lineStart = next;
      continue;
    }
    const kind = indicatorAt(text, i) === 0x2d ? 'seq' : indicatorAt(text, i) === 0x3f || keyColon(text, i, lineEnd) !== -1 ? 'map' : 'scalar';
    for (let top = columns.length - 1; top >= 0; top--) {
      const column = columns[top]!;
      if (column < indent || (column === indent && kind === 'seq' && !sequence[top]!)) break;
      columns.pop();
      sequence.pop();
    }
    let pos = i;
    for (;;) {
      const column = pos - lineStart;
      const indicator = indicatorAt(text, pos);
      const colon = indicator === undefined ? keyColon(text, pos, lineEnd) : -1;
      if (indicator === undefined && colon === -1) {
        // A scalar or a flow collection: it opens no block level.
        if (isBlockScalarHeader(text, pos, lineEnd)) scalarAbove = columns.length === 0 ? -1 : columns[columns.length - 1]!;
        next = Math.max(next, afterQuoted(text, pos, lineEnd));
        break;
      }
      columns.push(column);
      sequence.push(indicator === 0x2d);
      if (columns.length > limit) return pos;
      if (indicator === undefined) {
        // What follows a key on its line is its value: a scalar or a flow collection, never a block collection.
        const value = skipSpacesAndProperties(text, colon + 1, lineEnd);
        if (isBlockScalarHeader(text, value, lineEnd)) scalarAbove = column;
        next = Math.max(next, afterQuoted(text, value, lineEnd));
        break;
      }
      pos = skipSpacesAndProperties(text, pos + 1, lineEnd);
      if (pos >= lineEnd || text.charCodeAt(pos) === 0x23) break;
    }
    lineStart = next;
  }
  return undefined;
}

/**
 * Where the scan goes on when a quoted scalar starts at `i` and ends below its line (the line after
 * its closing quote): its lines are text, however they are indented. Else 0.
 */
function afterQuoted(text: string, i: number, lineEnd: number): number {
  const c = text.charCodeAt(i);
  if (c !== 0x22 && c !== 0x27) return 0;
  const close = skipQuoted(text, i, c);
  if (close < lineEnd) return 0;
  const eol = text.indexOf('\n', close);
  return eol === -1 ? text.length : eol + 1;
}

/** `-` or `?` when the character at `i` is that block indicator (followed by a blank or the end). */
function indicatorAt(text: string, i: number): number | undefined {
  const c = text.charCodeAt(i);
  return (c === 0x2d || c === 0x3f) && isBlank(text.charCodeAt(i + 1)) ? c : undefined;
}

/** Past blanks, tags (`!Sub`) and anchors (`&a`) from `i`. */
function skipSpacesAndProperties(text: string, i: number, end: number): number {
  let pos = i;
  for (;;) {
    while (pos < end && (text.charCodeAt(pos) === 0x20 || text.charCodeAt(pos) === 0x09)) pos++;
    const c = text.charCodeAt(pos);
    if (pos >= end || (c !== 0x21 /* ! */ && c !== 0x26 /* & */)) return pos;
    while (pos < end && !isBlank(text.charCodeAt(pos))) pos++;
  }
}

/** The `:` ending an implicit key that starts at `i` (quoted or plain, on this line), or -1. */
function keyColon(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  let j = i;
  if (c === 0x22 || c === 0x27) {
    // Only within the line: an implicit key is on one line, and a scan to a closing quote further
    // down would make the whole scan quadratic.
    j = skipQuoted(text.slice(i, end), 0, c) + i + 1;
    if (j > end) return -1;
    while (j < end && text.charCodeAt(j) === 0x20) j++;
    return text.charCodeAt(j) === 0x3a && (j + 1 >= end || isBlank(text.charCodeAt(j + 1))) ? j : -1;
  }
  if (c === 0x5b || c === 0x7b || c === 0x7c || c === 0x3e || c === 0x23 || c === 0x2a /* [ { | > # * */) return -1;
  for (; j < end; j++) {
    const d = text.charCodeAt(j);
    if (d === 0x3a && (j + 1 >= end || isBlank(text.charCodeAt(j + 1)))) return j;
    if (d === 0x23 && j > i && isBlank(text.charCodeAt(j - 1))) return -1;
  }
  return -1;
}

/** `|` or `>`, with at most two indentation or chomping indicators, then only a comment: the lines below are text. */
function isBlockScalarHeader(text: string, i: number, end: number): boolean {
  const c = text.charCodeAt(i);
  if (c !== 0x7c && c !== 0x3e) return false;
  let j = i + 1;
  while (j < end && j <= i + 2 && /[0-9+-]/.test(text[j]!)) j++;
  while (j < end && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09 || text.charCodeAt(j) === 0x0d)) j++;
  return j >= end || (text.charCodeAt(j) === 0x23 && isBlank(text.charCodeAt(j - 1)));
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || Number.isNaN(c);
}

function skipQuoted(text: string, start: number, quote: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote === 0x22 && c === 0x5c /* \ */) {
      i++;
      continue;
    }
    if (c === quote) {
      if (quote === 0x27 && text.charCodeAt(i + 1) === 0x27) {
        i++;
        continue;
      }
      return i;
    }
  }
  return text.length;
}
