// Values, not only types, of the model: what every layer must spell the same way.
import { choiceOutcomes, holdsIn } from './outcomes.ts';
import type { Attr } from './source.ts';

/**
 * The Condition key a statement part carries when it exists under one outcome of a CloudFormation
 * condition the files do not decide (`{"CloudFormation::Condition":{"IsProd":true}}`), or of an
 * `Fn::FindInMap` key (`{"CloudFormation::Condition":{"Env":"prod"}}`): not an IAM condition, so it
 * restricts nothing in a deployment where it holds. A condition's outcome is a JSON boolean and a
 * key a JSON string, so a key named `true` stays a key.
 */
export const STACK_CONDITION_KEY = 'CloudFormation::Condition';

/** A statement's canonical-JSON Condition as an object of operators, or undefined when it is not one. */
export function conditionBlock(condition: string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(condition);
  } catch {
    return undefined;
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
}

/** A statement's Condition without its STACK_CONDITION_KEY: undefined when that was all it held. */
export function iamConditionOf(condition: string | undefined): string | undefined {
  if (condition === undefined || !condition.includes(STACK_CONDITION_KEY)) return condition;
  const block = conditionBlock(condition);
  if (block === undefined) return condition;
  const rest = Object.entries(block).filter(([key]) => key !== STACK_CONDITION_KEY);
  return rest.length === 0 ? undefined : JSON.stringify(Object.fromEntries(rest));
}

/**
 * A statement's Condition without its STACK_CONDITION_KEY (see iamConditionOf) as a JSON value,
 * undefined when that was all it held: an object of operators, or the value of a Condition that is
 * not one (a value the files do not resolve), which withStackCondition keeps under `''` beside an
 * outcome and is given back as written. Text that is not JSON stays text.
 */
export function iamConditionValue(condition: string | undefined): unknown {
  const iam = iamConditionOf(condition);
  if (iam === undefined) return undefined;
  const kept = iam === condition ? undefined : conditionBlock(iam);
  const wrapped = kept?.[''];
  if (kept !== undefined && Object.keys(kept).length === 1 && typeof wrapped === 'string' && conditionBlock(wrapped) === undefined) return jsonValueOf(wrapped);
  return jsonValueOf(iam);
}

function jsonValueOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * One outcome of something the files do not decide: a CloudFormation condition (`IsProd` being
 * `false`), or the key an `Fn::FindInMap` selects by (parameter `Env` being `prod`, `AWS::Region`
 * being `eu-west-1`): then `condition` names the parameter and `value` is the key.
 */
export interface StackOutcome {
  condition: string;
  value: boolean | string;
}

/**
 * A statement's canonical Condition with a CloudFormation outcome added under STACK_CONDITION_KEY,
 * beside any outcome it already names; undefined when it already names the other outcome of the
 * same condition (a part that exists only when IsProd is true, inside one that exists only when
 * it is false, exists in no deployment).
 */
export function withStackCondition(condition: string | undefined, outcome: StackOutcome): string | undefined {
  // A Condition block that is not an object (unknown, or malformed) is kept whole beside the outcome.
  const block = condition === undefined ? {} : conditionBlock(condition) ?? { '': condition };
  const held = block[STACK_CONDITION_KEY];
  const outcomes: Record<string, unknown> = held !== null && typeof held === 'object' && !Array.isArray(held) ? { ...(held as Record<string, unknown>) } : {};
  const value = outcome.value;
  if (outcomes[outcome.condition] !== undefined && outcomes[outcome.condition] !== value) return undefined;
  outcomes[outcome.condition] = value;
  const merged: Record<string, unknown> = { ...block, [STACK_CONDITION_KEY]: sortedObject(outcomes) };
  return JSON.stringify(sortedObject(merged));
}

function sortedObject(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The CloudFormation outcomes a canonical Condition names under STACK_CONDITION_KEY. */
export function stackOutcomesOf(condition: string | undefined): StackOutcome[] {
  if (condition === undefined || !condition.includes(STACK_CONDITION_KEY)) return [];
  const held = conditionBlock(condition)?.[STACK_CONDITION_KEY];
  if (held === null || typeof held !== 'object' || Array.isArray(held)) return [];
  return Object.entries(held as Record<string, unknown>).map(([name, value]) => ({
    condition: name,
    value: typeof value === 'boolean' ? value : String(value),
  }));
}

/**
 * How reports say when something applies: `when Condition IsProd is false`, `when Conditions
 * IsProd is true and IsDev is false`; a map key by what chooses it: `when Env is prod`,
 * `when Condition IsProd is true and AWS::Region is eu-west-1`.
 */
export function describeOutcomes(outcomes: readonly StackOutcome[]): string {
  if (outcomes.every((o) => typeof o.value === 'boolean')) {
    return `when ${outcomes.length === 1 ? 'Condition' : 'Conditions'} ${outcomes.map((o) => `${o.condition} is ${String(o.value)}`).join(' and ')}`;
  }
  return `when ${outcomes.map((o) => `${typeof o.value === 'boolean' ? 'Condition ' : ''}${o.condition} is ${String(o.value)}`).join(' and ')}`;
}

/**
 * A statement's canonical Condition as reports say it: the IAM Condition left (undefined when
 * none) and the CloudFormation outcomes it exists under (`only when Env is prod`; undefined when
 * none), so an outcome is not shown as a Condition key.
 */
export function conditionPhrases(condition: string | undefined): { iam: string | undefined; onlyWhen: string | undefined } {
  const outcomes = stackOutcomesOf(condition);
  return { iam: iamConditionOf(condition), onlyWhen: outcomes.length === 0 ? undefined : `only ${describeOutcomes(outcomes)}` };
}

/**
 * Whether two lists of outcomes of one choice (see describeAnyOutcome) name the same deployments:
 * the same outcomes, in any order.
 */
export function sameOutcomes(a: readonly StackOutcome[] | undefined, b: readonly StackOutcome[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && outcomesWithin(a, b) && outcomesWithin(b, a);
}

/** Whether every outcome of `inner` is one of `outer`'s: the deployments of inner are some of outer's. */
export function outcomesWithin(inner: readonly StackOutcome[], outer: readonly StackOutcome[]): boolean {
  return inner.every((o) => outer.some((p) => p.condition === o.condition && p.value === o.value));
}

/**
 * How reports say when something applies under any of several outcomes of one choice: `when Env
 * is staging or prod` (`listValues` words the list); one outcome as describeOutcomes says it.
 */
export function describeAnyOutcome(outcomes: readonly StackOutcome[], listValues: (values: string[]) => string = (values) => values.join(' or ')): string {
  const [first] = outcomes;
  if (first === undefined || outcomes.length === 1) return describeOutcomes(outcomes);
  const prefix = typeof first.value === 'boolean' ? 'Condition ' : '';
  return `when ${prefix}${first.condition} is ${listValues(outcomes.map((o) => String(o.value)))}`;
}

/**
 * Whether an attribute is `value`: `true` when it is (under every outcome), `false` when it is not
 * or is unknown, and the outcomes under which it is when an undecided choice (an `Fn::If`, an
 * `Fn::FindInMap` on a key the files do not give) makes it `value` under some only.
 */
export function whenValue<T>(attr: Attr<T>, value: T): boolean | StackOutcome[] {
  if (attr.known) return attr.value === value;
  const held = holdsIn(attr.choice === undefined ? [] : choiceOutcomes(attr.choice), (o) => o.value === value);
  return typeof held === 'boolean' ? held : held.map((o) => o.when);
}
