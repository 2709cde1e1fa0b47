import type {
  Attr, Entity, EntityRef, Infra, InputError, Known, NetworkAclEntry, RefList, SecurityGroupRule, Route, SourceRef, StackEnvironment, StackOutcome, Suppression,
  TextRange,
} from '../../../model/index.ts';
import { entityId } from '../../../analysis/infra-index.ts';
import { userSourceLocation } from '../cdk-assembly.ts';
import { Fields } from '../resolved.ts';
import type { Loc, ResolvedResource, ResolvedTemplate, RObject, RRef, RUnknown, RValue } from '../resolved.ts';

/** What the CDK cloud assembly says about one template. */
export interface TemplateMeta {
  stackName?: string;
  /** Text range of each resource's whole declaration (key and body), from the parsed template. */
  resourceRanges?: Map<string, TextRange>;
  constructPaths?: Map<string, string>;
  creationStacks?: Map<string, string[]>;
  /** The account and region the stack artifact's `environment` pins (nested templates share their parent's). */
  environment?: StackEnvironment;
}

/**
 * Links that can only be made once every template is adapted: standalone rules, routes and
 * associations may live in another template than the entity they change.
 */
export interface Pending {
  /** `groupName`: the group was named by GroupName (default VPC), as a literal name, not by GroupId. */
  standaloneRules: { group: EntityRef; rule: SecurityGroupRule; file: string; loc: Loc; logicalId: string; groupName?: string }[];
  routes: { routeTable: EntityRef; route: Route; file: string; loc: Loc; logicalId: string }[];
  subnetAssociations: { subnet: EntityRef; routeTable: EntityRef; file: string; loc: Loc; logicalId: string }[];
  networkAclEntries: { acl: EntityRef; entry: NetworkAclEntry }[];
  networkAclAssociations: { subnet: EntityRef; acl: EntityRef }[];
  gatewayAttachments: { gateway: EntityRef; vpc: EntityRef }[];
  vpcCidrs: { vpc: EntityRef; cidr: Attr<string> }[];
  scalableTargets: { resourceId: RValue | undefined; max: Attr<number>; file: string; loc: Loc; logicalId: string; template: ResolvedTemplate }[];
  listenerRules: {
    listener: EntityRef;
    actions: { type: string; targetGroups: EntityRef[]; redirectProtocol?: string; source: SourceRef }[];
    file: string; loc: Loc; logicalId: string;
  }[];
}

export function emptyPending(): Pending {
  return { standaloneRules: [], routes: [], subnetAssociations: [], networkAclEntries: [], networkAclAssociations: [], gatewayAttachments: [], vpcCidrs: [], scalableTargets: [], listenerRules: [] };
}

/** A resource declared in one of the scanned templates. */
export interface Declaration {
  /** Its entity id: one string, shared by the entity and every reference to it. */
  id: string;
  type: string;
}

export interface AdaptContext {
  template: ResolvedTemplate;
  infra: Infra;
  pending: Pending;
  /**
   * Every declared resource by file, then logical ID: references are looked up here without
   * building and hashing an entity id string for each.
   */
  declarations: ReadonlyMap<string, ReadonlyMap<string, Declaration>>;
  /** The declarations of `template`, where most references point. */
  declared: ReadonlyMap<string, Declaration>;
  /** Every resolved template by file, to read the resources a reference points at. */
  templates: Map<string, ResolvedTemplate>;
  meta?: TemplateMeta;
}

// ---------------------------------------------------------------------------------------------
// Locations

export function sourceRef(loc: Loc, file: string, explicit = true): SourceRef {
  return { file, line: loc.line, column: loc.column, path: loc.path, explicit };
}

/** Where an absent attribute would be: the owning resource's line, the attribute's would-be path. */
export function defaultSource(res: ResolvedResource, file: string, path: string): SourceRef {
  return { file, line: res.loc.line, column: res.loc.column, path: `Resources.${res.logicalId}.Properties.${path}`, explicit: false };
}

export function rangeOf(loc: Loc): TextRange {
  return { start: loc.range.start, end: loc.range.end };
}

/**
 * Without the parsed tree, the declaration is known from its key to the end of its Properties or
 * Metadata, whichever ends last.
 */
export function resourceRange(res: ResolvedResource): TextRange {
  const start = res.loc.range.start;
  let end = res.loc.range.end;
  const properties = res.properties.loc.range;
  if (properties.end > end && properties.start >= start) end = properties.end;
  const metadata = res.metadata?.loc.range;
  if (metadata !== undefined && metadata.end > end && metadata.start >= start) end = metadata.end;
  return { start, end };
}

// ---------------------------------------------------------------------------------------------
// Navigating resolved values

export function isObject(v: RValue | undefined): v is RObject {
  return v !== undefined && v.kind === 'object';
}

export function prop(v: RValue | undefined, key: string): RValue | undefined {
  return isObject(v) ? v.entries.get(key) : undefined;
}

/** Follows a path of keys through nested objects. */
export function propPath(v: RValue | undefined, ...keys: string[]): RValue | undefined {
  let cur = v;
  for (const key of keys) cur = prop(cur, key);
  return cur;
}

/**
 * Items of a list property. A single non-list value is treated as a one-item list, which is how
 * IAM reads `Action: s3:GetObject` and harmless elsewhere.
 */
export function items(v: RValue | undefined): RValue[] {
  if (v === undefined || v.kind === 'null') return [];
  if (v.kind === 'array') return v.items;
  return [v];
}

/** A literal string (or number, as CloudFormation converts them) — partial strings included. */
export function str(v: RValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'number') return String(v.value);
  if (v.kind === 'boolean') return String(v.value);
  return undefined;
}

/** A literal string with no unresolved placeholders. */
export function literal(v: RValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v.kind === 'string') return v.partial === true ? undefined : v.value;
  if (v.kind === 'number' || v.kind === 'boolean') return String(v.value);
  return undefined;
}

export function num(v: RValue | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (v.kind === 'number') return v.value;
  if (v.kind === 'string' && v.partial !== true && /^\s*-?\d+(\.\d+)?\s*$/.test(v.value)) return Number(v.value);
  return undefined;
}

export function bool(v: RValue | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (v.kind === 'boolean') return v.value;
  if (v.kind === 'string' && v.partial !== true) {
    const s = v.value.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return undefined;
}

/** `${Target}` / `${Target.Attr}`: how an unresolved reference reads inside a string. */
export function refPlaceholder(v: { target: string; attribute?: string }): string {
  return v.attribute === undefined ? `\${${v.target}}` : `\${${v.target}.${v.attribute}}`;
}

function describeKind(v: RValue): string {
  switch (v.kind) {
    case 'array': return 'a list';
    case 'object': return 'an object';
    case 'null': return 'null';
    case 'boolean': return 'a boolean';
    case 'number': return 'a number';
    case 'string': return 'a string';
    case 'ref': return 'a reference';
    case 'unknown': return 'an unknown value';
  }
}

// ---------------------------------------------------------------------------------------------
// Attributes

function unknownAttr<T>(reason: string, source: SourceRef): Attr<T> {
  return { known: false, reason, source };
}

function knownAttr<T>(value: T, source: SourceRef): Attr<T> {
  return { known: true, value, source };
}

/**
 * A known attribute with another value from the same place. Written out rather than spread: a
 * spread copy gets a different hidden class from the attributes it sits beside, and replacing an
 * attribute with it made V8 migrate and re-optimise the owning entities every time.
 */
export function withValue<T, U>(attr: Known<T>, value: U): Known<U> {
  return { known: true, value, source: attr.source };
}

export function defaulted<T>(value: T, source: SourceRef): Attr<T> {
  return { known: true, value, source: { ...source, explicit: false } };
}

/**
 * The default of an absent attribute, placed where it would be written. Callers build it only
 * when the attribute is absent: the fallback of a present one would be garbage at once.
 */
export function defaultAt<T>(value: T, res: ResolvedResource, file: string, path: string): Attr<T> {
  return { known: true, value, source: defaultSource(res, file, path) };
}

/**
 * A string attribute. References become `${Target.Attr}` placeholders (a reference is a definite
 * value, just not a literal one); values that cannot be strings become Unknown.
 */
export function attrString(v: RValue, file: string): Attr<string> {
  const source = sourceRef(v.loc, file);
  switch (v.kind) {
    case 'string': return knownAttr(v.value, source);
    case 'number':
    case 'boolean': return knownAttr(String(v.value), source);
    case 'ref': return knownAttr(refPlaceholder(v), source);
    case 'unknown': return unknownAttr(v.reason, source);
    default: return unknownAttr(`expected a string, found ${describeKind(v)}`, source);
  }
}

/** `attrString` with a fallback for an absent attribute. */
export function attrStringOr(v: RValue | undefined, file: string, absent: Attr<string>): Attr<string> {
  return v === undefined ? absent : attrString(v, file);
}

export function attrNumber(v: RValue, file: string): Attr<number> {
  const source = sourceRef(v.loc, file);
  const n = num(v);
  if (n !== undefined) return knownAttr(n, source);
  if (v.kind === 'unknown') return unknownAttr(v.reason, source);
  return unknownAttr(`expected a number, found ${v.kind === 'string' ? `'${v.value}'` : describeKind(v)}`, source);
}

export function attrBoolean(v: RValue, file: string): Attr<boolean> {
  const source = sourceRef(v.loc, file);
  const b = bool(v);
  if (b !== undefined) return knownAttr(b, source);
  if (v.kind === 'unknown') return unknownAttr(v.reason, source);
  return unknownAttr(`expected true or false, found ${v.kind === 'string' ? `'${v.value}'` : describeKind(v)}`, source);
}

export function attrNumberOr(v: RValue | undefined, file: string, absent: Attr<number>): Attr<number> {
  return v === undefined ? absent : attrNumber(v, file);
}

export function attrBooleanOr(v: RValue | undefined, file: string, absent: Attr<boolean>): Attr<boolean> {
  return v === undefined ? absent : attrBoolean(v, file);
}

export function unknownOf<T>(reason: string, source: SourceRef): Attr<T> {
  return unknownAttr(reason, source);
}

// ---------------------------------------------------------------------------------------------
// References

export function targetId(v: { target: string; file?: string }, template: ResolvedTemplate): string {
  return entityId(v.file ?? template.file, v.target);
}

export interface RefOptions {
  /** Resource types the reference may point at; a reference to another type becomes `unknown`. */
  expect?: readonly string[];
}

/** The references most adapters make; one object each, since resources by the thousand make them. */
export const EXPECT_VPC: RefOptions = { expect: ['AWS::EC2::VPC'] };
export const EXPECT_SUBNET: RefOptions = { expect: ['AWS::EC2::Subnet'] };

/** The declaration of a reference's target (or of a logical ID in this template), when it is in the scanned files. */
export function declarationOf(v: { target: string; file?: string }, ctx: AdaptContext): Declaration | undefined {
  return v.file === undefined ? ctx.declared.get(v.target) : ctx.declarations.get(v.file)?.get(v.target);
}

/** Resource type of the target of a reference, when declared in the scanned files. */
export function refType(v: RValue | undefined, ctx: AdaptContext): string | undefined {
  if (v === undefined || v.kind !== 'ref') return undefined;
  return declarationOf(v, ctx)?.type;
}

/** The declaration a reference points at, in whichever scanned template holds it. */
export function resourceOf(v: RRef, ctx: AdaptContext): ResolvedResource | undefined {
  return ctx.templates.get(v.file ?? ctx.template.file)?.resources.get(v.target);
}

/**
 * A reference to another entity. `!Ref X` and `!GetAtt X.Arn` both point at X; literal ids and
 * ARNs are external; a `!Sub` whose only reference is a resource of the expected type (e.g.
 * `arn:…:role/${TaskRole}`) points at that resource.
 */
export function entityRef(v: RValue | undefined, ctx: AdaptContext, options: RefOptions = {}): EntityRef {
  const file = ctx.template.file;
  if (v === undefined) return { kind: 'unknown', reason: 'absent', source: { file, line: 1, path: '', explicit: false } };
  const source = sourceRef(v.loc, file);
  switch (v.kind) {
    case 'ref': {
      const target = declarationOf(v, ctx);
      if (target === undefined || (options.expect !== undefined && !options.expect.includes(target.type))) {
        const where = v.file !== undefined && v.file !== file ? ` in ${v.file}` : '';
        if (target === undefined) {
          return { kind: 'unknown', reason: `${v.target}${where} is not a resource declared in the scanned files (or its Condition is false)`, source };
        }
        const what = v.attribute === undefined ? `Ref ${v.target}` : `${v.target}.${v.attribute}`;
        return { kind: 'unknown', reason: `${what}${where} (${target.type}) is not a ${options.expect!.join(' or ')}`, source };
      }
      return { kind: 'resource', id: target.id, source };
    }
    case 'string': {
      if (v.partial === true) {
        const viaSub = subRef(v.value, v.refs ?? [], ctx, options);
        if (viaSub !== undefined) return { kind: 'resource', id: viaSub, source };
      }
      if (v.value.trim() === '') return { kind: 'unknown', reason: 'empty string', source };
      return { kind: 'external', value: normaliseArn(v.value), source };
    }
    case 'number':
      return { kind: 'external', value: String(v.value), source };
    case 'unknown':
      return { kind: 'unknown', reason: v.reason, source };
    default:
      return { kind: 'unknown', reason: `expected a reference, found ${describeKind(v)}`, source };
  }
}

function subRef(value: string, refs: string[], ctx: AdaptContext, options: RefOptions): string | undefined {
  const exact = /^\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}$/.exec(value);
  if (exact !== null && refs.includes(exact[1])) {
    const target = declarationOf({ target: exact[1] }, ctx);
    if (target !== undefined && (options.expect === undefined || options.expect.includes(target.type))) return target.id;
    return undefined;
  }
  if (options.expect === undefined) return undefined;
  const candidates = refs.map((r) => declarationOf({ target: r }, ctx)).filter((target) => target !== undefined && options.expect?.includes(target.type) === true);
  return candidates.length === 1 ? candidates[0]!.id : undefined;
}

/**
 * AWS managed policy ARNs are written with `${AWS::Partition}` so templates work in every
 * partition; analyses look them up by the `aws` partition ARN.
 */
export function normaliseArn(value: string): string {
  return value.replace(/^arn:\$\{AWS::Partition\}:/, 'arn:aws:');
}

/**
 * A list of references, property `path` of `res`. A single string with commas (a
 * `CommaDelimitedList` parameter default) is split; an unknown list is `known: false`; an absent
 * one is empty, placed where it would be written.
 */
export function refList(v: RValue | undefined, ctx: AdaptContext, res: ResolvedResource, path: string, options: RefOptions = {}): RefList {
  const file = ctx.template.file;
  if (v === undefined || v.kind === 'null') return { known: true, items: [], source: defaultSource(res, file, path) };
  const source = sourceRef(v.loc, file);
  if (v.kind === 'unknown') return { known: false, items: [], source, reason: v.reason };
  if (v.kind === 'string' && v.partial !== true && v.value.includes(',')) {
    const parts = v.value.split(',').map((s) => s.trim()).filter((s) => s !== '');
    return { known: true, items: parts.map((value) => ({ kind: 'external', value, source })), source };
  }
  if (v.kind !== 'array') {
    if (v.kind === 'object') return { known: false, items: [], source, reason: `expected a list, found ${describeKind(v)}` };
    return { known: true, items: [entityRef(v, ctx, options)], source };
  }
  const out: EntityRef[] = [];
  let known = true;
  let reason: string | undefined;
  for (const item of v.items) {
    if (item.kind === 'unknown') {
      // An element that is itself an unknown list (e.g. `!Split` of an import) hides the length.
      known = false;
      reason ??= item.reason;
    }
    out.push(entityRef(item, ctx, options));
  }
  return reason === undefined ? { known, items: out, source } : { known, items: out, source, reason };
}

// ---------------------------------------------------------------------------------------------
// Entities

/**
 * The list of every entity without inline suppressions (nearly all of them): one shared, frozen
 * array instead of an empty one per entity, all kept to the end of the scan.
 */
const NO_SUPPRESSIONS = Object.freeze([]) as unknown as Suppression[];

export function suppressionsOf(res: ResolvedResource, file: string, errors: InputError[]): Suppression[] {
  const block = prop(res.metadata, 'fargate-warden');
  if (block === undefined) return NO_SUPPRESSIONS;
  const ignore = prop(block, 'ignore');
  const out: Suppression[] = [];
  if (ignore === undefined || (ignore.kind !== 'array' && ignore.kind !== 'object')) {
    const loc = (ignore ?? block).loc;
    errors.push({ file, line: loc.line, column: loc.column, message: `${res.logicalId}: Metadata.fargate-warden needs an 'ignore' list of { id, reason } entries; nothing was suppressed.` });
    return out;
  }
  for (const entry of items(ignore)) {
    const id = literal(prop(entry, 'id')) ?? literal(prop(entry, 'rule'));
    const reason = literal(prop(entry, 'reason'));
    if (id === undefined || id.trim() === '') {
      errors.push({ file, line: entry.loc.line, column: entry.loc.column, message: `${res.logicalId}: a fargate-warden suppression needs an 'id' (e.g. FW203) and a 'reason'; this one was ignored.` });
      continue;
    }
    if (reason === undefined || reason.trim() === '') {
      errors.push({ file, line: entry.loc.line, column: entry.loc.column, message: `${res.logicalId}: suppression of ${id} has no reason; a reason is required, so ${id} is not suppressed. Add reason: "why this is acceptable".` });
      continue;
    }
    out.push({ ruleId: id.trim(), reason: reason.trim(), source: sourceRef(entry.loc, file) });
  }
  return out;
}

/**
 * Sets the CDK fields of `base` on an entity built from it. Hot adapters write their entity as one
 * literal naming the base fields rather than spreading `base`: a spread copy takes the base's
 * layout and then grows a separate property store for every field added after it, and the
 * entities live to the end of the scan.
 */
export function withCdkFields<T extends Entity>(entity: T, base: Entity): T {
  if (base.cdkPath !== undefined) entity.cdkPath = base.cdkPath;
  if (base.cdkSource !== undefined) entity.cdkSource = base.cdkSource;
  return entity;
}

/** Entities by id. */
export function byId<T extends Entity>(list: readonly T[]): Map<string, T> {
  // Filled in a loop: `new Map(list.map(…))` makes a pair array per entity and iterates them.
  const out = new Map<string, T>();
  for (const e of list) out.set(e.id, e);
  return out;
}

export function entityBase(res: ResolvedResource, ctx: AdaptContext): Entity {
  const file = ctx.template.file;
  const entity: Entity = {
    id: ctx.declared.get(res.logicalId)?.id ?? entityId(file, res.logicalId),
    logicalId: res.logicalId,
    file,
    stackId: file,
    source: sourceRef(res.loc, file),
    range: ctx.meta?.resourceRanges?.get(res.logicalId) ?? resourceRange(res),
    suppressions: suppressionsOf(res, file, ctx.infra.errors),
  };
  const cdkPath = literal(prop(res.metadata, 'aws:cdk:path')) ?? ctx.meta?.constructPaths?.get(res.logicalId);
  if (cdkPath !== undefined) entity.cdkPath = cdkPath;
  const frames = ctx.meta?.creationStacks?.get(res.logicalId);
  if (frames !== undefined) {
    const frame = userSourceLocation(frames);
    if (frame !== undefined) entity.cdkSource = `${frame.file}:${frame.line}:${frame.column}`;
  }
  return entity;
}

// ---------------------------------------------------------------------------------------------
// JSON

/** A plain JSON view of a resolved value (references as placeholders), for canonical forms. */
export function toJson(v: RValue): unknown {
  switch (v.kind) {
    case 'string': return v.value;
    case 'number':
    case 'boolean': return v.value;
    case 'null': return null;
    case 'array': return v.items.map(toJson);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, val] of v.entries) out[k] = toJson(val);
      return out;
    }
    case 'ref': return refPlaceholder(v);
    case 'unknown': return `\${unknown: ${v.reason}}`;
  }
}

/**
 * `canonicalJson(toJson(v))` in one `JSON.stringify` of a copy whose keys are inserted sorted (the
 * same rule as analysis/iam/policy-json.ts's canonicalJson, read straight from the resolved value).
 * Array-index keys (`"0"`, `"10"`) would be listed numerically first by `JSON.stringify`, so a
 * value holding any takes the general path.
 */
export function canonicalJsonOf(v: RValue): string {
  const sorted = sortedJson(v);
  return sorted === INDEX_KEY ? canonicalJson(toJson(v)) : JSON.stringify(sorted);
}

const INDEX_KEY = Symbol('array-index key');
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

function sortedJson(v: RValue): unknown {
  if (v.kind === 'array') {
    const out = new Array<unknown>(v.items.length);
    for (let i = 0; i < v.items.length; i++) {
      const item = sortedJson(v.items[i]!);
      if (item === INDEX_KEY) return INDEX_KEY;
      out[i] = item;
    }
    return out;
  }
  if (v.kind !== 'object') return toJson(v);
  const keys = [...v.entries.keys()].sort();
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (ARRAY_INDEX.test(k)) return INDEX_KEY;
    const value = sortedJson(v.entries.get(k)!);
    if (value === INDEX_KEY) return INDEX_KEY;
    // Assigned like toJson does, so a `__proto__` key is dropped the same way.
    out[k] = value;
  }
  return out;
}

/** JSON with object keys sorted at every level, so equal documents compare equal as strings. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Converts parsed JSON into a resolved value placed at `loc` (every node shares it): policy
 * documents are sometimes written as JSON strings.
 */
export function fromJson(value: unknown, loc: Loc, subRefs?: readonly string[]): RValue {
  if (value === null) return { kind: 'null', loc };
  if (typeof value === 'string') {
    // Parsed out of a `!Sub` string: a value with its placeholders is a partial string like the `!Sub`'s own.
    if (subRefs === undefined || !value.includes('${')) return { kind: 'string', value, loc };
    return { kind: 'string', value, partial: true, refs: subRefs.filter((r) => value.includes(`\${${r}`)), loc };
  }
  if (typeof value === 'number') return { kind: 'number', value, loc };
  if (typeof value === 'boolean') return { kind: 'boolean', value, loc };
  if (Array.isArray(value)) return { kind: 'array', items: value.map((item, i) => fromJson(item, { ...loc, path: `${loc.path}[${i}]` }, subRefs)), loc };
  if (typeof value === 'object') {
    const entries = new Fields();
    for (const [k, val] of Object.entries(value as Record<string, unknown>)) entries.set(k, fromJson(val, { ...loc, path: `${loc.path}.${k}` }, subRefs));
    return { kind: 'object', entries, loc };
  }
  return { kind: 'unknown', reason: 'unsupported JSON value', loc };
}

// ---------------------------------------------------------------------------------------------
// Undecided choices of any arity: an `Fn::If` (two outcomes) or an `Fn::FindInMap` over a key the
// files do not give (one outcome per key)

/**
 * `x` under each outcome of the one thing its undecided choices choose on: an `Fn::If`'s
 * condition (`IsProd` true, false) or the parameter a map key comes from (`Env` being `dev`,
 * `prod`: the keys every `Fn::FindInMap` on it has). A value of `AWS::NoValue` is undefined.
 * Undefined when there is no choice, or they choose on several things, or one sits inside another
 * (the outcomes would multiply): the caller reads `x` as unknown.
 */
export function stackOutcomesIn(x: RValue | undefined): { when: StackOutcome; value: RValue | undefined }[] | undefined {
  if (x === undefined) return undefined;
  const choosers = new Map<string, ChoiceKey[]>();
  if (!choosersIn(x, choosers) || choosers.size !== 1) return undefined;
  const [[name, keys]] = choosers as Map<string, ChoiceKey[]> & [[string, ChoiceKey[]]];
  if (keys.length === 0) return undefined;
  return keys.map((value) => {
    const when: StackOutcome = { condition: name, value };
    return { when, value: chooseIn(x, (u) => pickOutcome(u, when)) };
  });
}

/** An outcome of a choice: a condition's `true` or `false`, or a map key. */
type ChoiceKey = boolean | string;

/**
 * The condition or key parameter of every undecided choice in `x`, with the keys all choices on it
 * have (none when a name is both a condition and a key parameter); false when choices nest.
 */
function choosersIn(x: RValue, into: Map<string, ChoiceKey[]>): boolean {
  if (x.kind === 'unknown') {
    if (x.choice === undefined) return true;
    const nested = new Map<string, ChoiceKey[]>();
    for (const { value } of x.choice.outcomes) if (value !== undefined && (!choosersIn(value, nested) || nested.size > 0)) return false;
    const { on, outcomes } = x.choice;
    const held = into.get(on);
    const keys = outcomes.map((o) => o.key);
    // A key another lookup on the same parameter lacks fails that deployment: only shared keys are outcomes.
    into.set(on, held === undefined ? keys : held.filter((key) => keys.includes(key)));
    return true;
  }
  if (x.kind === 'array') return x.items.every((item) => choosersIn(item, into));
  if (x.kind === 'object') return [...x.entries.values()].every((value) => choosersIn(value, into));
  return true;
}

function pickOutcome(u: RUnknown, when: StackOutcome): { value: RValue | undefined; fromIf: boolean } | undefined {
  const outcome = u.choice?.outcomes.find((o) => o.key === when.value);
  return outcome === undefined ? undefined : { value: outcome.value, fromIf: typeof outcome.key === 'boolean' };
}

/**
 * `x` with each undecided choice replaced by what `pick` chooses; undefined for `AWS::NoValue`. A
 * list item that is an `Fn::If` whose branch is a list adds that list's items.
 */
function chooseIn(x: RValue, pick: (u: RUnknown) => { value: RValue | undefined; fromIf: boolean } | undefined): RValue | undefined {
  if (x.kind === 'unknown') {
    const picked = pick(x);
    return picked === undefined ? x : picked.value;
  }
  if (x.kind === 'array') {
    return {
      ...x,
      items: x.items.flatMap((item) => {
        const chosen = chooseIn(item, pick);
        if (chosen === undefined) return [];
        return item.kind === 'unknown' && pick(item)?.fromIf === true ? items(chosen) : [chosen];
      }),
    };
  }
  if (x.kind === 'object') {
    const entries = new Map<string, RValue>();
    x.entries.forEach((value, key) => {
      const chosen = chooseIn(value, pick);
      if (chosen !== undefined) entries.set(key, chosen);
    });
    return { ...x, entries };
  }
  return x;
}
