import type { Choice, TextRange } from '../../model/index.ts';

/**
 * The contract between the CloudFormation parser/resolver and the adapters that build the model.
 * A template is parsed once (JSON or YAML, short tags converted), then every intrinsic function
 * is evaluated as far as the files allow. What remains is one of the `RValue` kinds below.
 */
export interface Loc {
  line: number;
  column: number;
  /** Path inside the template, e.g. `Resources.ApiSg.Properties.SecurityGroupIngress[1]`. */
  path: string;
  /** Source text range of the node (for a resolved intrinsic: the range of the intrinsic call). */
  range: TextRange;
}

export type RValue = RString | RNumber | RBoolean | RNull | RArray | RObject | RRef | RUnknown;

export interface RString {
  kind: 'string';
  value: string;
  /**
   * True when the string holds `${Name}` placeholders for parts that could not be resolved
   * (e.g. `${AWS::AccountId}`, `${Bucket}` for a resource reference inside `!Sub`, `${AZ[0]}`
   * for an element of `!GetAZs`). Two partial strings that are equal denote the same value.
   */
  partial?: boolean;
  /** Logical IDs of resources referenced inside a partial string (`!Sub '${Queue.Arn}'`). */
  refs?: string[];
  loc: Loc;
}

export interface RNumber {
  kind: 'number';
  value: number;
  loc: Loc;
}

export interface RBoolean {
  kind: 'boolean';
  value: boolean;
  loc: Loc;
}

export interface RNull {
  kind: 'null';
  loc: Loc;
}

export interface RArray {
  kind: 'array';
  items: RValue[];
  loc: Loc;
}

export interface RObject {
  kind: 'object';
  /** Insertion-ordered; keys as written. `AWS::NoValue` entries are already removed. Usually a `Fields`. */
  entries: ReadonlyMap<string, RValue>;
  loc: Loc;
}

/**
 * Key lists that several `Fields` hold. Not frozen: a frozen array has other elements than the
 * lists `Fields` usually holds, which makes every key lookup site polymorphic.
 */
const sharedKeyLists = new WeakSet<readonly string[]>();

/** Marks `keys` as shared by several `Fields` (none of which may then change it in place). */
export function shareKeyList(keys: string[]): string[] {
  sharedKeyLists.add(keys);
  return keys;
}

/** Above this many keys, `Fields` looks keys up through a hash index instead of a scan. */
const FIELDS_SCAN_LIMIT = 16;

/**
 * The entries of a resolved object: a read-only map over two arrays. Objects in templates have a
 * handful of keys, where a scan is as fast as hashing; a large template resolves to tens of
 * thousands of objects, and a `Map` each cost several times the memory (and the GC time).
 */
export class Fields implements ReadonlyMap<string, RValue> {
  /** Possibly shared with other objects of the same keys (see `shareKeyList`); `set` copies it first. */
  private keyList: string[];
  private readonly valueList: RValue[];
  private index: Map<string, number> | undefined;

  /**
   * Takes over `keys` and `values` (same length, keys unique); `set` adds to an empty one. A
   * `keys` passed through `shareKeyList` may be shared by many objects: it is copied before this
   * object changes it.
   */
  constructor(keys: string[] = [], values: RValue[] = []) {
    this.keyList = keys;
    this.valueList = values;
    if (keys.length > FIELDS_SCAN_LIMIT) this.index = new Map(keys.map((k, n) => [k, n]));
  }

  /** Adds an entry, or replaces the value of an existing key in place (as `Map#set`). */
  set(key: string, value: RValue): this {
    const i = this.indexOf(key);
    if (i !== -1) {
      this.valueList[i] = value;
      return this;
    }
    if (sharedKeyLists.has(this.keyList)) this.keyList = [...this.keyList];
    this.keyList.push(key);
    this.valueList.push(value);
    if (this.index !== undefined) this.index.set(key, this.keyList.length - 1);
    else if (this.keyList.length > FIELDS_SCAN_LIMIT) this.index = new Map(this.keyList.map((k, n) => [k, n]));
    return this;
  }

  get size(): number {
    return this.keyList.length;
  }

  get(key: string): RValue | undefined {
    const i = this.indexOf(key);
    return i === -1 ? undefined : this.valueList[i];
  }

  has(key: string): boolean {
    return this.indexOf(key) !== -1;
  }

  forEach(callback: (value: RValue, key: string, map: ReadonlyMap<string, RValue>) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.keyList.length; i++) callback.call(thisArg, this.valueList[i]!, this.keyList[i]!, this);
  }

  *entries(): MapIterator<[string, RValue]> {
    for (let i = 0; i < this.keyList.length; i++) yield [this.keyList[i]!, this.valueList[i]!];
  }

  keys(): MapIterator<string> {
    return this.keyList.values();
  }

  values(): MapIterator<RValue> {
    return this.valueList.values();
  }

  [Symbol.iterator](): MapIterator<[string, RValue]> {
    return this.entries();
  }

  private indexOf(key: string): number {
    if (this.index !== undefined) return this.index.get(key) ?? -1;
    const keys = this.keyList;
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return i;
    return -1;
  }
}

/** `Ref` or `Fn::GetAtt` to a resource in the same template (or, via exports, another scanned template). */
export interface RRef {
  kind: 'ref';
  /** Logical ID of the target resource. */
  target: string;
  /** Attribute for `Fn::GetAtt` (e.g. `Arn`, `GroupId`); undefined for `Ref`. */
  attribute?: string;
  /** File of the target when it lives in another template (cross-stack export). */
  file?: string;
  loc: Loc;
}

/** A value that depends on something outside the files: a parameter without default, an import, an unknown condition. */
export interface RUnknown {
  kind: 'unknown';
  reason: string;
  loc: Loc;
  /**
   * For an `Fn::If` whose condition the files do not decide, or an `Fn::FindInMap` whose top-level
   * key is a parameter the files give no value (or `AWS::Region`) over a small mapping: the value
   * under each outcome (undefined: `AWS::NoValue`), for readers that can use every outcome (an IAM
   * statement grants what each outcome grants, under that outcome). Others read the value as unknown.
   */
  choice?: Choice<RValue | undefined>;
}

export interface ResolvedResource {
  logicalId: string;
  type: string;
  /** `Properties`, resolved; an empty object when absent. */
  properties: RObject;
  /** `Metadata`, resolved (kept for `aws:cdk:path` and inline suppressions). */
  metadata?: RObject;
  /** Result of the resource's `Condition`: true when none; 'unknown' when it cannot be decided. */
  condition: boolean | 'unknown';
  dependsOn: string[];
  /** Location of the resource's key in `Resources`. */
  loc: Loc;
}

export interface ResolvedTemplate {
  file: string;
  format: 'json' | 'yaml';
  text: string;
  /** Resources whose condition is not false, in declaration order. */
  resources: Map<string, ResolvedResource>;
  /** Export names this template declares (`Outputs.*.Export.Name`), resolved, mapped to their values. */
  exports: Map<string, RValue>;
  /** Unknowns met while resolving, with where and why. */
  unresolved: { loc: Loc; reason: string }[];
  /**
   * Problems that did not stop the template from being read. Most are about a value (a `Ref` to a
   * name the template does not declare, bad intrinsic arguments, cyclic conditions): that value is
   * unknown, like any unresolved one. `kind: 'structure'` means part of the file is not shaped like
   * a template (a section or resource that is not a mapping, a resource without `Type`), so it could
   * not be read at all; `kind: 'internal'` is an exception inside the resolver, a bug.
   */
  problems: ResolveProblem[];
}

export interface ResolveProblem {
  loc: Loc;
  message: string;
  kind?: 'structure' | 'internal';
}
