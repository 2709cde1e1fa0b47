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
  const tooDeep = findDeepFlowNesting(text, MAX_NESTING_DEPTH);
  if (tooDeep !== undefined) {
    const { line, column } = lineColumnAt(text, tooDeep);
    return fail(file, line, column, `nesting deeper than ${MAX_NESTING_DEPTH} levels`);
  }
  const lineCounter = new LineCounter();
  let docs;
  // Every CloudFormation short tag makes the yaml package construct a warning, an Error whose
  // stack trace costs more than parsing the node; none of those traces is ever read.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // Key uniqueness is checked by the walker with a hash set; the yaml package's own check is
    // quadratic in the size of a mapping (thousands of resources in generated templates).
    docs = parseAllDocuments(text, { lineCounter, prettyErrors: true, uniqueKeys: false });
  } catch (error) {
    // The yaml package reports its own failures as document errors; this only guards against a bug there.
    return fail(file, 1, 1, `YAML could not be read: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
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
  return { ok: true, file, format: 'yaml', text, root: converted.root, nodeCount: converted.nodeCount, warnings: [...warnings, ...converted.warnings] };
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
