import type { TextRange } from '../../model/index.ts';

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
  /** Insertion-ordered; keys as written. `AWS::NoValue` entries are already removed. */
  entries: Map<string, RValue>;
  /** Location of each key, for fixes that insert next to a key. */
  keyLocs: Map<string, Loc>;
  loc: Loc;
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
