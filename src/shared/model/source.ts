/**
 * Where a model value came from. `explicit: false` means the attribute was absent and a
 * documented default applies (the location then points at the owning resource), so rules can
 * tell "not set" apart from "set to the same value".
 */
export interface SourceRef {
  file: string;
  line: number;
  column?: number;
  /** Path inside the document, e.g. `Resources.ApiSg.Properties.SecurityGroupIngress[1]`. */
  path: string;
  explicit: boolean;
}

/** Byte offsets into the source text, for fixes that splice edits. */
export interface TextRange {
  start: number;
  end: number;
}

/** A value that was resolved from the files. */
export interface Known<T> {
  known: true;
  value: T;
  source: SourceRef;
}

/** A value that depends on something outside the scanned files (import, parameter without default, SSM, lookup). */
export interface Unknown<T = unknown> {
  known: false;
  reason: string;
  source: SourceRef;
  /**
   * For an undecided choice whose outcomes are all known values: the value under each outcome
   * (CloudFormation deploys one). Readers that can use every outcome do (see `whenValue`); the
   * others read the value as unknown.
   */
  choice?: Choice<T>;
}

/**
 * What a value is under each outcome of the one thing the files leave it to: an `Fn::If` on a
 * condition they do not decide (`on` names the condition; keys `true` and `false`), or an
 * `Fn::FindInMap` on a key they do not give (`on` names the parameter, or `AWS::Region`; one key
 * per top-level key of the mapping it may select, at most 16, only `AllowedValues` when it has
 * them). Read with choiceOutcomes; ask what holds in every outcome with splitByOutcome or holdsIn.
 */
export interface Choice<T> {
  on: string;
  outcomes: { key: boolean | string; value: T }[];
}

export type Attr<T> = Known<T> | Unknown<T>;

/**
 * A reference from one model entity to another. `resource` points at an entity in `Infra` by id;
 * `external` is a literal identifier from outside the scanned files (an `sg-…`, an ARN);
 * `unknown` could not be resolved.
 */
export type EntityRef =
  | { kind: 'resource'; id: string; source: SourceRef }
  | { kind: 'external'; value: string; source: SourceRef }
  | { kind: 'unknown'; reason: string; source: SourceRef };

/** A list whose length itself may be unknown (e.g. `!Ref SubnetIds` from a parameter without a default). */
export interface RefList {
  /** False when the list as a whole could not be resolved; `items` then holds what little is known. */
  known: boolean;
  items: EntityRef[];
  source: SourceRef;
  reason?: string;
}

export interface Suppression {
  ruleId: string;
  reason: string;
  source: SourceRef;
}
