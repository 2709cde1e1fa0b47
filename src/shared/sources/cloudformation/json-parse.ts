import type { TextRange } from '../../model/index.ts';
import { exactArray } from './exact-array.ts';
import type { ParseError, PEntry, PMap, PNode, PPos, PScalar, PSeq } from './parse.ts';

/**
 * A JSON parser that keeps the position of every node. The yaml package parses JSON too, but
 * about a hundred times slower than `JSON.parse`; this one stays within a small factor of it
 * (CDK synth output is JSON and can be megabytes per stack).
 *
 * Strict RFC 8259 apart from a leading byte-order mark. Duplicate keys are an error, as in the
 * YAML path, because CloudFormation's reading of them is not something a reviewer can see.
 */
export type JsonResult = { ok: true; root: PNode; nodeCount: number } | { ok: false; error: ParseError };

class JsonSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

export function parseJson(text: string, maxDepth: number, maxNodes: number): JsonResult {
  const parser = new Parser(text, maxDepth, maxNodes);
  try {
    const root = parser.parseDocument();
    return { ok: true, root, nodeCount: parser.nodeCount };
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      const { line, column } = parser.lineColumn(error.offset);
      return { ok: false, error: { line, column, message: `JSON: ${error.message}` } };
    }
    throw error;
  }
}

class Parser {
  private readonly text: string;
  private readonly maxDepth: number;
  private readonly maxNodes: number;
  private i = 0;
  private line = 1;
  private lineStart = 0;
  /**
   * Entries and items of the collections being parsed, innermost last. Each collection copies
   * its own off the top when it closes, so its array has exactly its length (most are short, and
   * a growing array keeps spare capacity for the life of the tree).
   */
  private readonly openEntries: PEntry[] = [];
  private openEntryCount = 0;
  private readonly openItems: PNode[] = [];
  private openItemCount = 0;
  /** Recently seen short strings, by hash of their characters (see `parseString`). */
  private readonly interned: (string | undefined)[] = new Array<string | undefined>(INTERN_SLOT_MASK + 1).fill(undefined);
  nodeCount = 0;

  constructor(text: string, maxDepth: number, maxNodes: number) {
    this.text = text;
    this.maxDepth = maxDepth;
    this.maxNodes = maxNodes;
  }

  parseDocument(): PNode {
    if (this.text.charCodeAt(0) === 0xfeff) this.i = 1;
    this.skipWhitespace();
    const root = this.parseValue(0);
    this.skipWhitespace();
    if (this.i < this.text.length) throw new JsonSyntaxError(`unexpected ${this.describe(this.i)} after the end of the document`, this.i);
    return root;
  }

  lineColumn(offset: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let k = this.text.indexOf('\n'); k !== -1 && k < offset; k = this.text.indexOf('\n', k + 1)) {
      line++;
      lineStart = k + 1;
    }
    return { line, column: offset - lineStart + 1 };
  }

  private skipWhitespace(): void {
    const text = this.text;
    let i = this.i;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0d) {
        i++;
      } else if (c === 0x0a) {
        i++;
        this.line++;
        this.lineStart = i;
      } else {
        break;
      }
    }
    this.i = i;
  }

  private count(at: number): void {
    if (++this.nodeCount > this.maxNodes) throw new JsonSyntaxError(`more than ${this.maxNodes} nodes`, at);
  }

  private parseValue(depth: number): PNode {
    const start = this.i;
    const c = this.text.charCodeAt(start);
    this.count(start);
    if (c === 0x7b) return this.parseObject(depth + 1);
    if (c === 0x5b) return this.parseArray(depth + 1);
    const line = this.line;
    const column = start - this.lineStart + 1;
    if (c === 0x22) {
      const value = this.parseString();
      return scalarNode(value, start, this.i, line, column);
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const value = this.parseNumber();
      return scalarNode(value, start, this.i, line, column);
    }
    if (this.text.startsWith('true', start)) return this.literal(true, 4, line, column);
    if (this.text.startsWith('false', start)) return this.literal(false, 5, line, column);
    if (this.text.startsWith('null', start)) return this.literal(null, 4, line, column);
    throw new JsonSyntaxError(`unexpected ${this.describe(start)}, expected a value`, start);
  }

  private literal(value: boolean | null, length: number, line: number, column: number): PNode {
    const start = this.i;
    this.i += length;
    return scalarNode(value, start, this.i, line, column);
  }

  private parseObject(depth: number): PNode {
    if (depth > this.maxDepth) throw new JsonSyntaxError(`nesting deeper than ${this.maxDepth} levels`, this.i);
    const start = this.i;
    const line = this.line;
    const column = start - this.lineStart + 1;
    const text = this.text;
    const open = this.openEntries;
    const first = this.openEntryCount;
    let seen: Set<string> | undefined;
    this.i++;
    this.skipWhitespace();
    if (text.charCodeAt(this.i) === 0x7d) {
      this.i++;
      return mapNode([], start, this.i, line, column);
    }
    for (;;) {
      const keyStart = this.i;
      if (text.charCodeAt(keyStart) !== 0x22) throw new JsonSyntaxError(`unexpected ${this.describe(keyStart)}, expected a string key`, keyStart);
      const keyLine = this.line;
      const keyColumn = keyStart - this.lineStart + 1;
      const key = this.parseString();
      const keyEnd = this.i;
      if (this.openEntryCount - first < 16) {
        for (let k = first; k < this.openEntryCount; k++) if (open[k]!.key === key) throw new JsonSyntaxError(`duplicate key "${key}"`, keyStart);
      } else {
        if (seen === undefined) seen = new Set(open.slice(first, this.openEntryCount).map((e) => e.key));
        if (seen.has(key)) throw new JsonSyntaxError(`duplicate key "${key}"`, keyStart);
        seen.add(key);
      }
      this.skipWhitespace();
      if (text.charCodeAt(this.i) !== 0x3a) throw new JsonSyntaxError(`unexpected ${this.describe(this.i)}, expected ':'`, this.i);
      this.i++;
      this.skipWhitespace();
      const value = this.parseValue(depth);
      open[this.openEntryCount++] = entryNode(key, value, keyStart, keyEnd, keyLine, keyColumn);
      this.skipWhitespace();
      const c = text.charCodeAt(this.i);
      if (c === 0x2c) {
        this.i++;
        this.skipWhitespace();
        continue;
      }
      if (c === 0x7d) {
        this.i++;
        const entries = exactArray(open, first, this.openEntryCount);
        this.openEntryCount = first;
        return mapNode(entries, start, this.i, line, column);
      }
      throw new JsonSyntaxError(`unexpected ${this.describe(this.i)}, expected ',' or '}'`, this.i);
    }
  }

  private parseArray(depth: number): PNode {
    if (depth > this.maxDepth) throw new JsonSyntaxError(`nesting deeper than ${this.maxDepth} levels`, this.i);
    const start = this.i;
    const line = this.line;
    const column = start - this.lineStart + 1;
    const open = this.openItems;
    const first = this.openItemCount;
    this.i++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.i) === 0x5d) {
      this.i++;
      return seqNode([], start, this.i, line, column);
    }
    for (;;) {
      const item = this.parseValue(depth);
      open[this.openItemCount++] = item;
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.i);
      if (c === 0x2c) {
        this.i++;
        this.skipWhitespace();
        continue;
      }
      if (c === 0x5d) {
        this.i++;
        const items = exactArray(open, first, this.openItemCount);
        this.openItemCount = first;
        return seqNode(items, start, this.i, line, column);
      }
      throw new JsonSyntaxError(`unexpected ${this.describe(this.i)}, expected ',' or ']'`, this.i);
    }
  }

  /**
   * Strings without escapes (nearly all of them) are scanned once, hashing their characters on
   * the way, and the short ones are interned: a template repeats a few thousand distinct keys and
   * values (`Type`, `Properties`, `Ref`, resource types) hundreds of thousands of times, and every
   * copy would be a string that outlives the young generation.
   */
  private parseString(): string {
    const text = this.text;
    const start = this.i;
    let hash = 0;
    let j = start + 1;
    for (;;) {
      const c = text.charCodeAt(j);
      if (c === 0x22) break;
      if (c === 0x5c) return this.parseEscapedString(start);
      if (!(c >= 0x20)) {
        if (Number.isNaN(c)) throw new JsonSyntaxError('unterminated string', start);
        throw new JsonSyntaxError('control character in string (escape it)', j);
      }
      hash = (Math.imul(hash, 31) + c) | 0;
      j++;
    }
    this.i = j + 1;
    const length = j - start - 1;
    if (length > INTERN_MAX_LENGTH) return text.slice(start + 1, j);
    const slot = (hash ^ length) & INTERN_SLOT_MASK;
    const cached = this.interned[slot];
    if (cached !== undefined && cached.length === length && text.startsWith(cached, start + 1)) return cached;
    const value = text.slice(start + 1, j);
    this.interned[slot] = value;
    return value;
  }

  private parseEscapedString(start: number): string {
    const text = this.text;
    let j = start + 1;
    for (;;) {
      const c = text.charCodeAt(j);
      if (c === 0x22) break;
      if (c === 0x5c) {
        j += 2;
        continue;
      }
      if (Number.isNaN(c)) throw new JsonSyntaxError('unterminated string', start);
      if (c < 0x20) throw new JsonSyntaxError('control character in string (escape it)', j);
      j++;
    }
    this.i = j + 1;
    try {
      return JSON.parse(text.slice(start, j + 1)) as string;
    } catch {
      throw new JsonSyntaxError('invalid escape sequence in string', start);
    }
  }

  private parseNumber(): number {
    const text = this.text;
    const start = this.i;
    let j = start;
    if (text.charCodeAt(j) === 0x2d) j++;
    const firstDigit = text.charCodeAt(j);
    if (firstDigit === 0x30) {
      j++;
    } else if (firstDigit >= 0x31 && firstDigit <= 0x39) {
      while (isDigit(text.charCodeAt(j))) j++;
    } else {
      throw new JsonSyntaxError('invalid number', start);
    }
    if (text.charCodeAt(j) === 0x2e) {
      j++;
      if (!isDigit(text.charCodeAt(j))) throw new JsonSyntaxError('invalid number', start);
      while (isDigit(text.charCodeAt(j))) j++;
    }
    const e = text.charCodeAt(j);
    if (e === 0x65 || e === 0x45) {
      j++;
      const sign = text.charCodeAt(j);
      if (sign === 0x2b || sign === 0x2d) j++;
      if (!isDigit(text.charCodeAt(j))) throw new JsonSyntaxError('invalid number', start);
      while (isDigit(text.charCodeAt(j))) j++;
    }
    this.i = j;
    return Number(text.slice(start, j));
  }

  private describe(offset: number): string {
    if (offset >= this.text.length) return 'end of input';
    return `character ${JSON.stringify(this.text[offset])}`;
  }
}

/** Longer strings (ARNs, policies, descriptions) rarely repeat; they are sliced as they come. */
const INTERN_MAX_LENGTH = 64;
/** A direct-mapped cache: a collision only costs a slice, and the table stays small. */
const INTERN_SLOT_MASK = 0x1fff;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/*
 * A JSON node is its own position and its own text range (`node.pos === node`,
 * `node.pos.range === node`, with `line`, `column`, `start` and `end` on the node itself): one
 * object per node instead of three. Building and collecting those objects was most of the time
 * spent on megabyte templates, and the parsed tree stays in memory for the fix builders. The
 * nodes are object literals, not class instances, so V8 can allocate this long-lived tree
 * directly in the old generation. (Being cyclic, a node cannot go through `JSON.stringify`.)
 */
type Located = PPos & TextRange;

function scalarNode(value: PScalar['value'], start: number, end: number, line: number, column: number): PScalar {
  const node = { kind: 'scalar' as const, value, pos: null as unknown as Located, line, column, range: null as unknown as TextRange, start, end };
  node.pos = node;
  node.range = node;
  return node;
}

function mapNode(entries: PEntry[], start: number, end: number, line: number, column: number): PMap {
  const node = { kind: 'map' as const, entries, pos: null as unknown as Located, line, column, range: null as unknown as TextRange, start, end };
  node.pos = node;
  node.range = node;
  return node;
}

function seqNode(items: PNode[], start: number, end: number, line: number, column: number): PSeq {
  const node = { kind: 'seq' as const, items, pos: null as unknown as Located, line, column, range: null as unknown as TextRange, start, end };
  node.pos = node;
  node.range = node;
  return node;
}

/** A map entry, located at its key. */
function entryNode(key: string, value: PNode, start: number, end: number, line: number, column: number): PEntry {
  const entry = { key, value, keyPos: null as unknown as Located, line, column, range: null as unknown as TextRange, start, end };
  entry.keyPos = entry;
  entry.range = entry;
  return entry;
}
