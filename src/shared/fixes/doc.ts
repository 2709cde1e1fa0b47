import type { Edit, Fix, FixDeclined, Infra, TextRange } from '../model/index.ts';
import { parseTemplate, type AliasSites, type PEntry, type PMap, type PNode, type PSeq } from '../sources/cloudformation/parse.ts';
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
  /** YAML with aliases: where they and the anchored nodes they repeat are (see aliasedEditReason). */
  aliasSites?: AliasSites;
}

const CACHE_SIZE = 32;
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
  const doc = parsed.ok ? describeDoc(file, text, parsed.format, parsed.root) : null;
  if (doc !== null && parsed.ok && parsed.aliasSites !== undefined) doc.aliasSites = parsed.aliasSites;
  cache.set(key, doc);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return doc ?? undefined;
}

/**
 * Why `edits` cannot be spliced into `doc`'s text where an alias is involved, or undefined when
 * they can. An anchored node that some alias repeats is text that stands in several places: an
 * edit in it (or on its lines, where an insertion may join it) would change every alias too, and
 * one meant for an alias's copy lands there as well, since a copy's tree positions are the
 * anchor's. So an edit is refused when it touches the lines of such a node, or when the resource
 * (or, outside `Resources`, the section) it edits contains an alias, whose positions no builder
 * can trust. Anchors no alias names, and `&` inside quoted strings or comments, change nothing.
 */
export function aliasedEditReason(doc: TemplateDoc, edits: readonly Edit[]): string | undefined {
  const sites = doc.aliasSites;
  if (sites === undefined) return undefined;
  const lineOf = (offset: number): number => lineAt(doc.text, offset);
  for (const edit of edits) {
    if (edit.file !== doc.file) continue;
    for (const anchored of sites.anchored) {
      const span = wholeLines(doc.text, anchored.range);
      if (edit.range.start > span.end || edit.range.end < span.start) continue;
      const alias = sites.aliases.find((a) => a.name === anchored.name && a.range.start > anchored.range.start);
      return `the edit at line ${lineOf(edit.range.start)} would change the YAML node anchored as &${anchored.name} on line ${lineOf(anchored.range.start)}, which the alias *${anchored.name}${alias === undefined ? '' : ` on line ${lineOf(alias.range.start)}`} repeats, so the alias would change with it: fix it by hand, or write the aliased value out and run fix again`;
    }
    const unit = editedUnit(doc, edit.range.start);
    if (unit === undefined) continue;
    const alias = sites.aliases.find((a) => a.range.start >= unit.range.start && a.range.end <= unit.range.end);
    if (alias !== undefined) {
      return `${unit.name} uses the YAML alias *${alias.name} (line ${lineOf(alias.range.start)}), whose node is the anchor's text elsewhere, so fargate-warden does not edit ${unit.name}: fix it by hand, or write the aliased value out and run fix again`;
    }
  }
  return undefined;
}

/**
 * `fix`, or its decline when an alias makes one of its edits unsafe (see aliasedEditReason): the
 * check every fix passes, whichever rule built it, before anyone reads it.
 */
export function declineAliasedEdits(infra: Infra, fix: Fix | FixDeclined | undefined): Fix | FixDeclined | undefined {
  if (fix === undefined || 'declined' in fix) return fix;
  for (const file of new Set(fix.edits.map((e) => e.file))) {
    const doc = docFor(infra, file);
    const reason = doc === undefined ? undefined : aliasedEditReason(doc, fix.edits);
    if (reason !== undefined) return { declined: reason };
  }
  return fix;
}

/**
 * The resource an offset lies in (`resource Api`), or outside `Resources` the top-level section
 * (`section Outputs`), with its text: from its key to the next key. Keys, not values, bound it: an
 * alias's value has the anchor's positions.
 */
function editedUnit(doc: TemplateDoc, offset: number): { name: string; range: TextRange } | undefined {
  const holding = (map: PNode | undefined, limit: number): { entry: PEntry; range: TextRange } | undefined => {
    if (map?.kind !== 'map') return undefined;
    let i = map.entries.length - 1;
    while (i >= 0 && map.entries[i]!.keyPos.range.start > offset) i--;
    if (i === -1) return undefined;
    const entry = map.entries[i]!;
    const range = { start: entry.keyPos.range.start, end: map.entries[i + 1]?.keyPos.range.start ?? limit };
    return offset <= range.end ? { entry, range } : undefined;
  };
  const section = holding(doc.root, doc.text.length);
  if (section === undefined) return undefined;
  const resource = section.entry.key === 'Resources' ? holding(section.entry.value, section.range.end) : undefined;
  return resource === undefined ? { name: `section ${section.entry.key}`, range: section.range } : { name: `resource ${resource.entry.key}`, range: resource.range };
}

/** `range` widened to the whole lines it is on, line break included. */
function wholeLines(text: string, range: TextRange): TextRange {
  const start = text.lastIndexOf('\n', range.start - 1) + 1;
  const lineEnd = text.indexOf('\n', range.end);
  return { start, end: lineEnd === -1 ? text.length : lineEnd + 1 };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
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
