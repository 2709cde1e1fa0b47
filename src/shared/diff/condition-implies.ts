import { cidrContains } from '../analysis/cidr.ts';
import { resourceMatches } from '../analysis/iam/resource-match.ts';

/**
 * Whether every request a grant under Condition `narrow` allows is also allowed under Condition
 * `wide`: both in conditionKey's form (`''` for no Condition). Restricting a grant to fewer regions,
 * VPCs or tag values is then no gain. Sound, not complete: a true answer is always right, a false
 * one may miss an implication (numeric and date comparisons, for instance, are only equal or not).
 *
 * A Condition is a conjunction of clauses (operator, key, values), so `narrow` implies `wide` when
 * each clause of `wide` is implied by some clause of `narrow` on the same key.
 */
export function conditionImplies(narrow: string, wide: string): boolean {
  if (wide === '') return true;
  // A value the files do not decide (`${unknown: condition IsProd cannot be decided…}`) reads the
  // same whatever its branches hold: two such texts may stand for different values.
  if (narrow === '' || narrow.includes(UNDECIDED) || wide.includes(UNDECIDED)) return false;
  if (narrow === wide) return true;
  const narrowClauses = clausesOf(narrow);
  const wideClauses = clausesOf(wide);
  if (narrowClauses === undefined || wideClauses === undefined) return false;
  return wideClauses.every((w) => narrowClauses.some((n) => n.key === w.key && clauseImplies(n, w)));
}

/** How the sources write a value they cannot decide into policy JSON (see toJson). */
const UNDECIDED = '${unknown: ';

interface Clause {
  operator: Operator;
  /** The condition key, in lower case (see conditionKey). */
  key: string;
  /** Sorted and deduplicated (see conditionKey). */
  values: string[];
}

interface Operator {
  /** `ForAllValues:` or `ForAnyValue:` for multivalued keys, or `''`. */
  set: string;
  /** The operator without set prefix and IfExists suffix, `ArnEquals` read as the `ArnLike` it is. */
  base: string;
  ifExists: boolean;
}

/** conditionKey's form back into clauses; undefined for what it kept as written (not JSON, not an object of objects). */
function clausesOf(key: string): Clause[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(key);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  const out: Clause[] = [];
  for (const entry of parsed as unknown[]) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) return undefined;
    const operator = operatorOf(entry[0]);
    for (const pair of entry[1] as unknown[]) {
      if (!Array.isArray(pair) || typeof pair[0] !== 'string') return undefined;
      const value: unknown = pair[1];
      const values = Array.isArray(value) ? value : [value];
      if (!values.every((v): v is string => typeof v === 'string')) return undefined;
      out.push({ operator, key: pair[0], values });
    }
  }
  return out;
}

const OPERATOR = /^(ForAllValues:|ForAnyValue:)?(.*?)(IfExists)?$/;

function operatorOf(text: string): Operator {
  const m = OPERATOR.exec(text)!;
  const base = m[2]!;
  return { set: m[1] ?? '', base: ARN_ALIASES[base] ?? base, ifExists: m[3] !== undefined };
}

/** IAM treats ArnEquals as ArnLike (both take wildcards). */
const ARN_ALIASES: Record<string, string> = { ArnEquals: 'ArnLike', ArnNotEquals: 'ArnNotLike' };

/** Operators a request satisfies when its value matches one of the listed values: fewer values, fewer requests. */
const MATCHING = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnLike', 'NumericEquals', 'DateEquals', 'Bool', 'BinaryEquals', 'IpAddress']);

/** Negated operators by the operator they negate: more values, fewer requests. */
const NEGATED: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  ArnNotLike: 'ArnLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
};

/** Narrower operators that a wider one accepts every value of, when the wider one's values match the narrower's. */
const NARROWER_THAN: Record<string, string[]> = {
  StringLike: ['StringEquals'],
  StringEqualsIgnoreCase: ['StringEquals'],
};

function clauseImplies(narrow: Clause, wide: Clause): boolean {
  const n = narrow.operator;
  const w = wide.operator;
  // ForAllValues is true for a request without the key, ForAnyValue false: they do not mix.
  if (n.set !== w.set) return false;
  // Without the key in the request, an IfExists clause holds and a plain one does not (or holds
  // either way when negated): only IfExists on the narrow side makes it hold where the wide one may not.
  if (n.ifExists && !w.ifExists) return false;
  if (n.base === w.base && sameValues(narrow.values, wide.values)) return true;
  if (MATCHING.has(w.base) && (n.base === w.base || NARROWER_THAN[w.base]?.includes(n.base) === true)) {
    return narrow.values.every((v) => wide.values.some((pattern) => valueCovers(w.base, pattern, v)));
  }
  const negated = NEGATED[w.base];
  if (negated !== undefined && n.base === w.base) {
    // "not any of N" implies "not any of W" when every value W rules out, N rules out too.
    return wide.values.every((v) => narrow.values.some((pattern) => valueCovers(negated, pattern, v)));
  }
  return false;
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Whether every request value `narrow` accepts under `operator`, `wide` accepts too. */
function valueCovers(operator: string, wide: string, narrow: string): boolean {
  if (wide === narrow) return true;
  switch (operator) {
    case 'StringEqualsIgnoreCase':
      return wide.toLowerCase() === narrow.toLowerCase();
    case 'StringLike':
      return resourceMatches(wide, narrow);
    case 'ArnLike':
      return arnCovers(wide, narrow);
    case 'IpAddress':
      return cidrContains(wide, narrow);
    default:
      return false;
  }
}

/**
 * ArnLike matches each of an ARN's six colon-separated parts on its own, so a wildcard never spans
 * a colon: compared part by part. A policy variable (`${aws:SourceAccount}`) has colons of its own:
 * only the same text covers it.
 */
function arnCovers(wide: string, narrow: string): boolean {
  if (wide.includes('${') || narrow.includes('${')) return false;
  const w = wide.split(':');
  const n = narrow.split(':');
  return w.length === n.length && w.every((part, i) => resourceMatches(part, n[i]!));
}
