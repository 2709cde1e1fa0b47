import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import type { AliasSites, ParseError, PEntry, PNode, PPos } from './parse.ts';

/**
 * CloudFormation's YAML short tags and the long form each stands for. The yaml package is run
 * without custom tags (it leaves `!Ref` on the node and warns), and this walker rewrites every
 * tagged node into the one-entry map the long form would have produced.
 */
export const SHORT_TAGS: ReadonlyMap<string, string> = new Map([
  ['!Ref', 'Ref'],
  ['!Condition', 'Condition'],
  ['!GetAtt', 'Fn::GetAtt'],
  ['!Sub', 'Fn::Sub'],
  ['!Join', 'Fn::Join'],
  ['!Select', 'Fn::Select'],
  ['!Split', 'Fn::Split'],
  ['!If', 'Fn::If'],
  ['!Equals', 'Fn::Equals'],
  ['!Not', 'Fn::Not'],
  ['!And', 'Fn::And'],
  ['!Or', 'Fn::Or'],
  ['!FindInMap', 'Fn::FindInMap'],
  ['!GetAZs', 'Fn::GetAZs'],
  ['!ImportValue', 'Fn::ImportValue'],
  ['!Base64', 'Fn::Base64'],
  ['!Cidr', 'Fn::Cidr'],
  ['!Transform', 'Fn::Transform'],
  ['!Length', 'Fn::Length'],
  ['!ToJsonString', 'Fn::ToJsonString'],
  ['!ForEach', 'Fn::ForEach'],
]);

export type ConvertResult =
  | { ok: true; root: PNode; nodeCount: number; warnings: ParseError[]; aliases: boolean; aliasSites?: AliasSites }
  | { ok: false; error: ParseError };

class ConvertError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

export function convertYamlDocument(doc: Document, text: string, lineCounter: LineCounter, maxDepth: number, maxNodes: number): ConvertResult {
  const walker = new Walker(text, lineCounter, maxDepth, maxNodes);
  try {
    const root = walker.walk(doc.contents as YamlNode, 0);
    return { ok: true, root, nodeCount: walker.nodeCount, warnings: walker.warnings, aliases: walker.aliases, ...(walker.aliases ? { aliasSites: walker.aliasSites() } : {}) };
  } catch (error) {
    if (error instanceof ConvertError) {
      const { line, col } = lineCounter.linePos(error.offset);
      return { ok: false, error: { line, column: col, message: error.message } };
    }
    throw error;
  }
}

class Walker {
  private readonly text: string;
  private readonly lineCounter: LineCounter;
  private readonly maxDepth: number;
  private readonly maxNodes: number;
  /**
   * Every definition of each anchor name, in document order. An alias names the last one before it
   * in the text, also when it sits inside a node another alias expands (where the walk is later
   * than the text: a name redefined in between must not count).
   */
  private readonly anchors = new Map<string, { start: number; node: YamlNode }[]>();
  /** How many alias expansions the walk is inside: anchors met there are already registered. */
  private expanding = 0;
  nodeCount = 0;
  /** Whether any alias was expanded: a node may then stand for text elsewhere in the file. */
  aliases = false;
  /** Each alias written in the text, by its offset (one inside an anchored node is walked once per expansion), and what it repeats. */
  private readonly aliasUses = new Map<number, { name: string; end: number; target: YamlNode }>();
  readonly warnings: ParseError[] = [];

  constructor(text: string, lineCounter: LineCounter, maxDepth: number, maxNodes: number) {
    this.text = text;
    this.lineCounter = lineCounter;
    this.maxDepth = maxDepth;
    this.maxNodes = maxNodes;
  }

  walk(node: YamlNode | null | undefined, depth: number, emptyAt = 0): PNode {
    // Every value counts, also the null written as nothing, so a tree's count is its values' (see reparse.ts).
    const start = node?.range?.[0] ?? emptyAt;
    if (++this.nodeCount > this.maxNodes) {
      throw new ConvertError(`the document expands to more than ${this.maxNodes} nodes (YAML aliases used as a "billion laughs" bomb?)`, start);
    }
    if (node === null || node === undefined) {
      // `Key:` with nothing after it; CloudFormation reads that as null.
      return { kind: 'scalar', value: null, pos: this.pos(emptyAt, emptyAt) };
    }
    if (depth > this.maxDepth) throw new ConvertError(`nesting deeper than ${this.maxDepth} levels (YAML aliases referring to themselves?)`, start);
    if (isAlias(node)) {
      const target = this.definitionBefore(node.source, start);
      if (target === undefined) throw new ConvertError(`alias *${node.source} names no anchor before it`, start);
      this.aliases = true;
      if (!this.aliasUses.has(start)) this.aliasUses.set(start, { name: node.source, end: node.range?.[1] ?? start, target });
      this.expanding++;
      try {
        return this.walk(target, depth + 1);
      } finally {
        this.expanding--;
      }
    }
    if (this.expanding === 0 && (isScalar(node) || isMap(node) || isSeq(node)) && node.anchor !== undefined) {
      const definitions = this.anchors.get(node.anchor);
      if (definitions === undefined) this.anchors.set(node.anchor, [{ start, node }]);
      else definitions.push({ start, node });
    }
    const plain = this.walkUntagged(node, depth);
    const tag = node.tag;
    if (tag === undefined || !tag.startsWith('!') || tag.startsWith('!!')) return plain;
    const longName = SHORT_TAGS.get(tag);
    if (longName === undefined) {
      const { line, col } = this.lineCounter.linePos(start);
      this.warnings.push({ line, column: col, message: `unknown YAML tag ${tag} (not a CloudFormation function); its value is read as written` });
      return plain;
    }
    return this.shortForm(tag, longName, plain);
  }

  aliasSites(): AliasSites {
    const aliases: AliasSites['aliases'] = [];
    const anchored = new Map<YamlNode, AliasSites['anchored'][number]>();
    for (const [start, use] of this.aliasUses) {
      aliases.push({ name: use.name, range: { start, end: use.end } });
      if (anchored.has(use.target)) continue;
      const [valueStart, valueEnd] = use.target.range ?? [start, start];
      anchored.set(use.target, { name: use.name, range: { start: this.anchorStart(use.name, valueStart), end: this.lastLineEnd(valueStart, valueEnd) } });
    }
    return { aliases, anchored: [...anchored.values()] };
  }

  /** The yaml package's node range starts after its properties: the `&name` is the nearest one before the value. */
  private anchorStart(name: string, valueStart: number): number {
    const token = `&${name}`;
    for (let at = this.text.lastIndexOf(token, valueStart); at !== -1; at = at === 0 ? -1 : this.text.lastIndexOf(token, at - 1)) {
      const after = this.text[at + token.length];
      if (after === undefined || /\s/.test(after) || at + token.length === valueStart) return at;
    }
    return valueStart;
  }

  private definitionBefore(anchor: string, offset: number): YamlNode | undefined {
    const definitions = this.anchors.get(anchor) ?? [];
    for (let i = definitions.length - 1; i >= 0; i--) if (definitions[i]!.start < offset) return definitions[i]!.node;
    return undefined;
  }

  private walkUntagged(node: YamlNode, depth: number): PNode {
    const [start, valueEnd] = node.range ?? [0, 0];
    if (isScalar(node)) {
      const v = node.value;
      let value: string | number | boolean | null;
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') value = v;
      else if (typeof v === 'bigint') value = Number(v);
      else value = String(v);
      // Tagged scalars are not resolved by the schema (`!Ref 80` stays the string "80"): keep the text.
      return { kind: 'scalar', value, pos: this.pos(start, valueEnd) };
    }
    if (isSeq(node)) {
      const items: PNode[] = [];
      for (const item of node.items) items.push(this.walk(item as YamlNode | null, depth + 1, start));
      return { kind: 'seq', items, pos: this.pos(start, this.trimEnd(start, valueEnd)) };
    }
    if (isMap(node)) {
      const entries: PEntry[] = [];
      let seen: Set<string> | undefined;
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const keyStart = keyNode?.range?.[0] ?? start;
        const keyEnd = keyNode?.range?.[1] ?? keyStart;
        let key: string;
        if (keyNode !== null && isScalar(keyNode)) {
          key = keyNode.value === null ? '' : String(keyNode.value);
          if (key === '<<' && keyNode.type === 'PLAIN') {
            const { line, col } = this.lineCounter.linePos(keyStart);
            this.warnings.push({
              line,
              column: col,
              message: 'YAML merge key << is not part of the YAML CloudFormation reads (it rejects the template; `aws cloudformation package` expands it): its entries are not merged here',
            });
          }
        } else {
          // A collection used as a key: no CloudFormation section uses one, keep its text for messages.
          key = this.text.slice(keyStart, keyEnd);
          const { line, col } = this.lineCounter.linePos(keyStart);
          this.warnings.push({ line, column: col, message: 'a mapping key that is not a scalar is read as its source text' });
        }
        if (entries.length < 16) {
          for (const e of entries) if (e.key === key) throw new ConvertError(`duplicate key "${key}" (keys of a mapping must be unique)`, keyStart);
        } else {
          if (seen === undefined) seen = new Set(entries.map((e) => e.key));
          if (seen.has(key)) throw new ConvertError(`duplicate key "${key}" (keys of a mapping must be unique)`, keyStart);
          seen.add(key);
        }
        const value = this.walk(pair.value as YamlNode | null, depth + 1, keyEnd);
        entries.push({ key, keyPos: this.pos(keyStart, keyEnd), value });
      }
      return { kind: 'map', entries, pos: this.pos(start, this.trimEnd(start, valueEnd)) };
    }
    throw new ConvertError('unsupported YAML node', start);
  }

  private shortForm(tag: string, longName: string, value: PNode): PNode {
    const tagStart = this.findTagStart(tag, value.pos.range.start);
    const keyPos = this.pos(tagStart, tagStart + tag.length);
    let arg = value;
    if (tag === '!GetAtt' && value.kind === 'scalar' && typeof value.value === 'string') {
      // `!GetAtt Db.Endpoint.Address` names resource `Db`, attribute `Endpoint.Address`.
      const dot = value.value.indexOf('.');
      if (dot > 0) {
        arg = {
          kind: 'seq',
          items: [
            { kind: 'scalar', value: value.value.slice(0, dot), pos: value.pos },
            { kind: 'scalar', value: value.value.slice(dot + 1), pos: value.pos },
          ],
          pos: value.pos,
        };
      }
    }
    if (value.kind === 'scalar' && value.value === null && value.pos.range.start === value.pos.range.end) {
      // `!GetAZs` with no value: the tag is all there is to point at.
      arg = { kind: 'scalar', value: '', pos: keyPos };
    }
    return {
      kind: 'map',
      tag,
      entries: [{ key: longName, keyPos, value: arg }],
      pos: this.pos(tagStart, Math.max(arg.pos.range.end, keyPos.range.end)),
    };
  }

  /**
   * The yaml package's node range starts after the tag. The tag is the nearest `!Name` before
   * the value with only blanks, an anchor or a comment in between; when that cannot be shown,
   * the value's own start is used.
   */
  private findTagStart(tag: string, valueStart: number): number {
    const at = this.text.lastIndexOf(tag, valueStart);
    if (at === -1) return valueStart;
    const between = this.text.slice(at + tag.length, valueStart);
    return /^(?:\s|&\S+|#[^\n]*)*$/.test(between) ? at : valueStart;
  }

  /** Block collections end after their last line break; a fix replacing one should keep that break. */
  /**
   * The end of a node's text without its final line break only: the blank lines a keep-chomped
   * block scalar (`|+`) ends with are its value, and an edit placed after them is inside the node.
   */
  private lastLineEnd(start: number, end: number): number {
    let e = end;
    if (e > start && this.text[e - 1] === '\n') e--;
    if (e > start && this.text[e - 1] === '\r') e--;
    return e;
  }

  private trimEnd(start: number, end: number): number {
    let e = end;
    while (e > start && /\s/.test(this.text[e - 1]!)) e--;
    return e;
  }

  private pos(start: number, end: number): PPos {
    const { line, col } = this.lineCounter.linePos(start);
    return { line, column: col, range: { start, end } };
  }
}
