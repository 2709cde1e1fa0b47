import { Fields } from '../resolved.ts';
import type { Loc, RArray, RObject, RRef, RString, RUnknown, RValue } from '../resolved.ts';
import type { PMap, PNode } from '../parse.ts';

/** What `Ref: AWS::NoValue` evaluates to: the enclosing key or list item disappears. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export type NoValue = typeof NO_VALUE;
export type Evaluated = RValue | NoValue;

export type Tri = boolean | 'unknown';

export const PSEUDO_PARAMETERS = [
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
] as const;
export type PseudoParameter = (typeof PSEUDO_PARAMETERS)[number];
/** Pseudo parameters that have a single string value per deployment, given as `${AWS::X}` when not supplied. */
export type StringPseudoParameter = Exclude<PseudoParameter, 'AWS::NoValue' | 'AWS::NotificationARNs'>;

/** One intrinsic function call being evaluated. */
export interface Call {
  /** `Ref`, `Fn::Sub`, … */
  name: string;
  /** The value under the function's key. */
  arg: PNode;
  /** The one-entry map holding the call. */
  node: PMap;
  /** Where the result lands in the template (intrinsics are transparent in paths). */
  path: string;
  loc: Loc;
  depth: number;
}

export interface ResourceInfo {
  type: string;
  /** Undefined while the resource's condition has not been needed. */
  condition: Tri | undefined;
  conditionName?: string;
}

/** What intrinsic implementations may ask of the resolver. */
export interface EvalContext {
  evaluate(node: PNode, path: string, depth: number): Evaluated;
  /**
   * Evaluates a list argument of an intrinsic. The items of a literal list keep the call's path:
   * whichever of them is used lands where the call's result lands.
   */
  evaluateList(node: PNode, path: string, depth: number): Evaluated;
  /** A value that depends on something outside the files; recorded in `unresolved`. */
  unknown(reason: string, loc: Loc, placeholder?: string): RUnknown;
  problem(loc: Loc, message: string): void;
  /** Records a problem with the call and yields an unknown describing it. */
  invalid(call: Call, message: string): RUnknown;
  locOf(node: PNode, path: string): Loc;
  /** A copy of `value` that appears at `loc`, as when a parameter's value is used. */
  relocate(value: RValue, loc: Loc): RValue;
  parameter(name: string, loc: Loc, depth: number): RValue | undefined;
  hasParameter(name: string): boolean;
  /** A parameter's `AllowedValues` as written (undefined when it declares none, or not as a list of scalars). */
  allowedValues(name: string): string[] | undefined;
  pseudo(name: StringPseudoParameter): string | undefined;
  resource(logicalId: string): ResourceInfo | undefined;
  resourceCondition(logicalId: string, depth: number): Tri;
  /** `Fn::GetAtt` on a resource: a known value when the attribute mirrors a known property, else an `RRef`. */
  getAtt(target: string, attribute: string, loc: Loc, depth: number): RValue;
  condition(name: string, loc: Loc, depth: number): Tri;
  conditionExpression(node: PNode, path: string, depth: number): Tri;
  mapping(name: string): PNode | undefined;
  importValue(name: string, loc: Loc): RValue;
  /**
   * `${Role.Arn}` of an IAM role of this template spelled out, `arn:${AWS::Partition}:iam::
   * ${AWS::AccountId}:role<Path>${Role}`, when its Path is absent or a literal: for intrinsics that
   * take the ARN apart (CDK's `Fn::Split` of a role ARN back to its name).
   */
  roleArn(target: string, loc: Loc): RString | undefined;
}

export type Intrinsic = (ctx: EvalContext, call: Call) => Evaluated;

// Unknowns that still have a stable name (a parameter without default, an import) can take part in
// strings as `${Name}`; the contract's RUnknown has no field for it, so it lives beside the value.
const placeholders = new WeakMap<RUnknown, string>();

export function setPlaceholder(value: RUnknown, placeholder: string): void {
  placeholders.set(value, placeholder);
}

export function placeholderOf(value: RValue): string | undefined {
  return value.kind === 'unknown' ? placeholders.get(value) : undefined;
}

// A partial string read from another template cannot list that template's logical IDs in `refs`
// (they would name resources of the reader); they are kept here, with their file, so that
// splitting the string back into references (a subnet list passed to a nested stack) yields
// `RRef`s into the right file.
const foreignRefs = new WeakMap<RString, { file: string; refs: string[] }>();

export function foreignRefsOf(value: RString): { file: string; refs: string[] } | undefined {
  return foreignRefs.get(value);
}

export function setForeignRefs(value: RString, refs: { file: string; refs: string[] } | undefined): RString {
  if (refs !== undefined && refs.refs.length > 0) foreignRefs.set(value, refs);
  return value;
}

/** `${Target}` / `${Target.Attr}`: how a resource reference appears inside a partial string. */
export function refPlaceholder(ref: RRef): string {
  return ref.attribute === undefined ? `\${${ref.target}}` : `\${${ref.target}.${ref.attribute}}`;
}

export function stringValue(value: string, loc: Loc, partial = false, refs?: Iterable<string>): RString {
  const s: RString = { kind: 'string', value, loc };
  if (partial) s.partial = true;
  if (refs !== undefined) {
    const list = [...new Set(refs)];
    if (list.length > 0) s.refs = list;
  }
  return s;
}

/** A scalar's text when it is fully known (CloudFormation passes numbers and booleans on as strings). */
export function knownText(value: RValue): string | undefined {
  if (value.kind === 'string') return value.partial === true ? undefined : value.value;
  if (value.kind === 'number') return String(value.value);
  if (value.kind === 'boolean') return value.value ? 'true' : 'false';
  return undefined;
}

export function describe(value: RValue): string {
  switch (value.kind) {
    case 'string':
      return value.partial === true ? 'a partially known string' : 'a string';
    case 'array':
      return 'a list';
    case 'object':
      return 'a mapping';
    case 'ref':
      return 'a resource reference';
    default:
      return `a ${value.kind}`;
  }
}

/** Equality of resolved values, ignoring where they were written. Unknowns are equal only by placeholder. */
export function sameValue(a: RValue, b: RValue, depth = 0): boolean {
  if (depth > 64) return false;
  switch (a.kind) {
    case 'string':
      return b.kind === 'string' && a.value === b.value && (a.partial === true) === (b.partial === true);
    case 'number':
    case 'boolean':
      return b.kind === a.kind && a.value === b.value;
    case 'null':
      return b.kind === 'null';
    case 'array':
      return b.kind === 'array' && a.items.length === b.items.length && a.items.every((item, i) => sameValue(item, b.items[i]!, depth + 1));
    case 'object': {
      if (b.kind !== 'object' || a.entries.size !== b.entries.size) return false;
      for (const [key, value] of a.entries) {
        const other = b.entries.get(key);
        if (other === undefined || !sameValue(value, other, depth + 1)) return false;
      }
      return true;
    }
    case 'ref':
      return b.kind === 'ref' && a.target === b.target && a.attribute === b.attribute && a.file === b.file;
    case 'unknown': {
      const p = placeholderOf(a);
      return p !== undefined && p === placeholderOf(b);
    }
  }
}

export function emptyObject(loc: Loc): RObject {
  return { kind: 'object', entries: new Fields(), loc };
}

export function arrayValue(items: RValue[], loc: Loc): RArray {
  return { kind: 'array', items, loc };
}

/** Reads the items of a literal YAML/JSON list argument, or undefined when the argument is not one. */
export function listArg(call: Call): PNode[] | undefined {
  return call.arg.kind === 'seq' ? call.arg.items : undefined;
}

/** Reads a literal string argument (a scalar written in the template, not computed). */
export function literalString(node: PNode): string | undefined {
  if (node.kind !== 'scalar' || node.value === null) return undefined;
  return typeof node.value === 'string' ? node.value : String(node.value);
}

/**
 * The same value as seen from another template: references gain the file they point into, and
 * partial strings drop their logical IDs (which would otherwise name resources of the reader).
 */
export function fromFile(value: RValue, file: string, depth = 0): RValue {
  if (depth > 64) return value;
  switch (value.kind) {
    case 'ref':
      return value.file === undefined ? { ...value, file } : value;
    case 'string': {
      if (value.refs === undefined) return value;
      const copy: RString = { kind: 'string', value: value.value, partial: true, loc: value.loc };
      return setForeignRefs(copy, { file, refs: value.refs });
    }
    case 'array':
      return { kind: 'array', items: value.items.map((item) => fromFile(item, file, depth + 1)), loc: value.loc };
    case 'object': {
      const entries = new Fields();
      for (const [key, item] of value.entries) entries.set(key, fromFile(item, file, depth + 1));
      return { kind: 'object', entries, loc: value.loc };
    }
    default:
      return value;
  }
}
