import type { Edit, Infra, TextRange } from '../model/index.ts';
import { parseTemplate, type PEntry, type PMap, type PNode, type PSeq } from '../sources/cloudformation/parse.ts';
import { recallParsed } from '../sources/cloudformation/parsed-cache.ts';
import { isIntrinsicKey } from './value.ts';

/**
 * A template as fix builders see it: its text, the position-keeping tree the sources parse it
 * into, and the layout conventions new text must follow to look like it was always there.
 */
export interface TemplateDoc {
  file: string;
  text: string;
  format: 'json' | 'yaml';
  root: PNode;
  /** `\r\n` when the file uses it. */
  eol: string;
  /** One level of indentation as the file writes it (`  `, `    `, a tab). */
  indentUnit: string;
  /** YAML: block sequence items indented under their key (`Key:\n  - a`) rather than level with it. */
  indentSequences: boolean;
  /** YAML: the quote the file prefers for strings that need quoting. */
  quote: "'" | '"';
}

const CACHE_SIZE = 32;
/** `&name` opening a node (after a blank, `:`, `-`, `[`, `{` or `,`), not an ampersand inside a word. */
const YAML_ANCHOR = /(?:^|[\s:[{,-])&[^\s,[\]{}]+(?=\s|$)/m;
const cache = new Map<string, TemplateDoc | null>();

/**
 * The parsed template for `file`. Parsing is memoised on the exact text (rules build fixes on every
 * scan, and verification re-scans), so a template is parsed at most once per version of its text.
 */
export function templateDoc(file: string, text: string): TemplateDoc | undefined {
  const key = `${file}\u0000${text.length}`;
  const hit = cache.get(key);
  if (hit !== undefined && (hit === null || hit.text === text)) {
    // Most recently used last: verification reads the original text between every fix it tries.
    cache.delete(key);
    cache.set(key, hit);
    if (hit === null) return undefined;
    return hit;
  }
  const parsed = recallParsed(file, text) ?? parseTemplate(file, text);
  // A YAML alias reads its anchor's text: an edit there would change every place that uses it.
  const doc = parsed.ok && !(parsed.format === 'yaml' && YAML_ANCHOR.test(text)) ? describeDoc(file, text, parsed.format, parsed.root) : null;
  cache.set(key, doc);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return doc ?? undefined;
}

/**
 * Why no fix edits `text`, when it is YAML with an anchor (`&name`, which aliases `*name` repeat):
 * fix builders leave such templates alone (see `templateDoc`), and `fix` says so rather than
 * offering nothing without a word. Undefined for JSON and for YAML without anchors.
 */
export function anchoredYamlReason(file: string, text: string): string | undefined {
  const m = YAML_ANCHOR.exec(text);
  if (m === null) return undefined;
  const parsed = recallParsed(file, text) ?? parseTemplate(file, text);
  if (!parsed.ok || parsed.format !== 'yaml') return undefined;
  const line = text.slice(0, m.index + m[0].indexOf('&')).split('\n').length;
  const name = m[0].slice(m[0].indexOf('&'));
  return `the template uses YAML anchors and aliases (${name} on line ${line}), and an edit to an anchored node would change every place that repeats it: fargate-warden edits no such template; fix it by hand, or write the aliased values out and run fix again`;
}

/** The template that declares the file's resources, from the stacks the sources kept. */
export function docFor(infra: Infra, file: string): TemplateDoc | undefined {
  const stack = infra.stacks.find((s) => s.file === file);
  if (stack === undefined || stack.format === 'terraform') return undefined;
  return templateDoc(file, stack.text);
}

function describeDoc(file: string, text: string, format: 'json' | 'yaml', root: PNode): TemplateDoc {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const doc: TemplateDoc = { file, text, format, root, eol, indentUnit: '  ', indentSequences: true, quote: "'" };
  if (format === 'json') {
    const first = root.kind === 'map' ? root.entries[0] : undefined;
    if (first !== undefined) {
      const lead = leadingWhitespace(text, first.keyPos.range.start);
      if (lead !== undefined && lead.length > 0) doc.indentUnit = lead;
    }
    return doc;
  }
  const resources = mapChild(root, 'Resources');
  const firstResource = resources?.kind === 'map' ? resources.entries[0] : undefined;
  if (firstResource !== undefined && !isFlow(doc, resources as PMap)) {
    const lead = leadingWhitespace(text, firstResource.keyPos.range.start);
    if (lead !== undefined && lead.length > 0) doc.indentUnit = lead;
  }
  const seq = firstBlockSequenceUnderKey(doc, root, 0);
  if (seq !== undefined) doc.indentSequences = seq.item > seq.key;
  const single = (text.match(/:[ \t]+'/g) ?? []).length;
  const double = (text.match(/:[ \t]+"/g) ?? []).length;
  doc.quote = double > single ? '"' : "'";
  return doc;
}

function firstBlockSequenceUnderKey(doc: TemplateDoc, node: PNode, depth: number): { key: number; item: number } | undefined {
  if (depth > 40 || node.kind !== 'map' || isFlow(doc, node)) return undefined;
  for (const e of node.entries) {
    if (e.value.kind === 'seq' && !isFlow(doc, e.value) && e.value.items.length > 0) {
      return { key: e.keyPos.column, item: e.value.pos.column };
    }
    const inner = firstBlockSequenceUnderKey(doc, e.value, depth + 1);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** The whitespace before `offset` on its line, or undefined when something else precedes it there. */
export function leadingWhitespace(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lead = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(lead) ? lead : undefined;
}

/** The whole indentation of the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** Whether a collection is written in flow style (`{…}`, `[…]`, and every JSON collection). */
export function isFlow(doc: TemplateDoc, node: PMap | PSeq): boolean {
  if (doc.format === 'json') return true;
  const c = doc.text[node.pos.range.start];
  return c === '{' || c === '[';
}

/**
 * Removes member `index` of a flow collection (any JSON one, a YAML `[…]` or `{…}`), given as the
 * spans its members take, with the separator that goes with it: the comma before it, or the one
 * after it for the first. The only member goes alone.
 */
export function removeFlowMember(doc: TemplateDoc, spans: readonly TextRange[], index: number): Edit | undefined {
  const span = spans[index];
  if (span === undefined) return undefined;
  const prev = spans[index - 1];
  const next = spans[index + 1];
  const range = prev !== undefined ? { start: prev.end, end: span.end } : next !== undefined ? { start: span.start, end: next.start } : { start: span.start, end: span.end };
  return { file: doc.file, range, text: '' };
}

// ---------------------------------------------------------------------------------------------
// Navigation

/** Below this many entries a scan is as quick as a look-up table and allocates nothing. */
const INDEXED_MAP_SIZE = 16;
/** Entries by key of the large mappings (a template's `Resources`), which builders query once per resource they touch. */
const entriesByMap = new WeakMap<PMap, Map<string, PEntry>>();

export function mapEntry(node: PNode | undefined, key: string): PEntry | undefined {
  if (node === undefined || node.kind !== 'map') return undefined;
  if (node.entries.length < INDEXED_MAP_SIZE) return node.entries.find((e) => e.key === key);
  let byKey = entriesByMap.get(node);
  if (byKey === undefined) {
    byKey = new Map();
    // The first of duplicate keys, as a scan finds it.
    for (const e of node.entries) if (!byKey.has(e.key)) byKey.set(e.key, e);
    entriesByMap.set(node, byKey);
  }
  return byKey.get(key);
}

export function mapChild(node: PNode | undefined, key: string): PNode | undefined {
  return mapEntry(node, key)?.value;
}

/** Follows keys and list indexes from `node`; undefined as soon as one is missing. */
export function nodeAt(node: PNode | undefined, path: readonly (string | number)[]): PNode | undefined {
  let cur = node;
  for (const step of path) {
    if (cur === undefined) return undefined;
    if (typeof step === 'number') cur = cur.kind === 'seq' ? cur.items[step] : undefined;
    else cur = mapChild(cur, step);
  }
  return cur;
}

/** `Resources.Sg.Properties.SecurityGroupEgress[1]` → `['Resources', 'Sg', 'Properties', 'SecurityGroupEgress', 1]`. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (m === null) {
      out.push(part);
      continue;
    }
    if (m[1] !== '') out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** The body (`Type`, `Properties`, …) of a resource declaration. */
export function resourceNode(doc: TemplateDoc, logicalId: string): PMap | undefined {
  const node = nodeAt(doc.root, ['Resources', logicalId]);
  return node?.kind === 'map' ? node : undefined;
}

export function resourcesMap(doc: TemplateDoc): PMap | undefined {
  const node = mapChild(doc.root, 'Resources');
  return node?.kind === 'map' ? node : undefined;
}

export function propertiesNode(doc: TemplateDoc, logicalId: string): PMap | undefined {
  const node = mapChild(resourceNode(doc, logicalId), 'Properties');
  return node?.kind === 'map' && !isIntrinsic(node) ? node : undefined;
}

/** A one-entry mapping that is a function call (`!Ref X`, `Fn::If: …`): its shape is not literal. */
export function isIntrinsic(node: PNode | undefined): boolean {
  return node !== undefined && node.kind === 'map' && node.entries.length === 1 && isIntrinsicKey(node.entries[0].key);
}

/** The innermost node whose range is exactly `range` (list items and rule resources carry theirs). */
export function nodeWithRange(node: PNode, range: TextRange, depth = 0): PNode | undefined {
  if (depth > 200) return undefined;
  const r = node.pos.range;
  if (range.start < r.start || range.end > r.end) return undefined;
  const children: PNode[] = node.kind === 'map' ? node.entries.map((e) => e.value) : node.kind === 'seq' ? node.items : [];
  for (const child of children) {
    const found = nodeWithRange(child, range, depth + 1);
    if (found !== undefined) return found;
  }
  return r.start === range.start && r.end === range.end ? node : undefined;
}

/** Logical IDs declared in the template, to pick names for new resources that do not collide. */
export function freeLogicalId(doc: TemplateDoc, wanted: string, taken: ReadonlySet<string> = new Set()): string {
  const resources = resourcesMap(doc);
  const used = new Set([...(resources?.entries.map((e) => e.key) ?? []), ...taken]);
  const params = mapChild(doc.root, 'Parameters');
  if (params?.kind === 'map') for (const e of params.entries) used.add(e.key);
  if (!used.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!used.has(`${wanted}${i}`)) return `${wanted}${i}`;
}

/** Names of resources referenced anywhere under `node` by `Ref`/`Fn::GetAtt` (long or short form) or `${X}` in `Fn::Sub`. */
export function referencedIds(node: PNode): Set<string> {
  const out = new Set<string>();
  forEachReference(node, (id) => out.add(id));
  return out;
}

const NO_GUARDS: ReadonlySet<string> = new Set();

/**
 * Calls `visit` for each resource named under `node` (as referencedIds finds them), with the
 * conditions of the `Fn::If` true branches the reference is in: it is evaluated only when they hold.
 */
export function forEachReference(node: PNode, visit: (logicalId: string, guards: ReadonlySet<string>) => void, guards = NO_GUARDS, depth = 0): void {
  if (depth > 200) return;
  if (node.kind === 'seq') {
    for (const item of node.items) forEachReference(item, visit, guards, depth + 1);
    return;
  }
  if (node.kind !== 'map') return;
  for (const e of node.entries) {
    const arg = e.value;
    if (e.key === 'Ref' && arg.kind === 'scalar' && typeof arg.value === 'string') {
      visit(arg.value, guards);
      continue;
    }
    if (e.key === 'Fn::GetAtt') {
      const first = arg.kind === 'seq' ? arg.items[0] : arg;
      if (first?.kind === 'scalar' && typeof first.value === 'string') visit(first.value.split('.')[0]!, guards);
    } else if (e.key === 'Fn::Sub') {
      const tpl = arg.kind === 'seq' ? arg.items[0] : arg;
      if (tpl?.kind === 'scalar' && typeof tpl.value === 'string') {
        for (const m of tpl.value.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[^}]*)?\}/g)) visit(m[1]!, guards);
      }
      if (arg.kind === 'seq' && arg.items[1] !== undefined) forEachReference(arg.items[1], visit, guards, depth + 1);
      continue;
    } else if (e.key === 'Fn::If' && arg.kind === 'seq' && arg.items[0]?.kind === 'scalar' && typeof arg.items[0].value === 'string') {
      // The true branch is evaluated only when the condition holds; the false branch never is then.
      if (arg.items[1] !== undefined) forEachReference(arg.items[1], visit, new Set([...guards, arg.items[0].value]), depth + 1);
      if (arg.items[2] !== undefined) forEachReference(arg.items[2], visit, guards, depth + 1);
      continue;
    }
    forEachReference(arg, visit, guards, depth + 1);
  }
}

const referrersByDoc = new WeakMap<TemplateDoc, Map<string, string[]>>();

/** Logical IDs of the resources whose declaration references `logicalId` (indexed once per template). */
export function resourcesReferencing(doc: TemplateDoc, logicalId: string): string[] {
  let index = referrersByDoc.get(doc);
  if (index === undefined) {
    index = new Map();
    for (const e of resourcesMap(doc)?.entries ?? []) {
      for (const target of referencedIds(e.value)) {
        if (target === e.key) continue;
        const list = index.get(target);
        if (list === undefined) index.set(target, [e.key]);
        else list.push(e.key);
      }
    }
    referrersByDoc.set(doc, index);
  }
  return index.get(logicalId) ?? [];
}

/** The declared `Type` of a resource. */
export function resourceType(doc: TemplateDoc, logicalId: string): string | undefined {
  const t = mapChild(resourceNode(doc, logicalId), 'Type');
  return t?.kind === 'scalar' && typeof t.value === 'string' ? t.value : undefined;
}

const resourcesByTypeByDoc = new WeakMap<TemplateDoc, Map<string, string[]>>();

/** Logical IDs of the template's resources of one type, in declaration order (indexed once per template). */
export function resourcesOfType(doc: TemplateDoc, type: string): readonly string[] {
  let byType = resourcesByTypeByDoc.get(doc);
  if (byType === undefined) {
    byType = new Map();
    for (const e of resourcesMap(doc)?.entries ?? []) {
      const t = resourceType(doc, e.key);
      if (t === undefined) continue;
      const list = byType.get(t);
      if (list === undefined) byType.set(t, [e.key]);
      else list.push(e.key);
    }
    resourcesByTypeByDoc.set(doc, byType);
  }
  return byType.get(type) ?? [];
}
