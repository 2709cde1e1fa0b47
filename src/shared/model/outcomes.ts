// What holds in every outcome of an undecided choice and what only in some: asked one way by every
// reader (IAM statements, managed policies, security group rules, task roles, public IPs, images).
import type { StackOutcome } from './conditions.ts';
import type { Choice } from './source.ts';

/** A choice's outcomes as the StackOutcome each is (`IsProd` being `true`, `Env` being `prod`) and its value. */
export function choiceOutcomes<T>(choice: Choice<T>): { when: StackOutcome; value: T }[] {
  return choice.outcomes.map(({ key, value }) => ({ when: { condition: choice.on, value: key }, value }));
}

/** What every outcome has (`inEvery`), and per outcome what only some have (`onlyIn`): see splitByOutcome. */
export interface OutcomeSplit<T> {
  inEvery: T[];
  onlyIn: T[][];
}

/**
 * What each outcome has (`each`, one list per outcome), split by whether every outcome has it,
 * items being the same when their `key` is: `inEvery`, the first outcome's items every outcome
 * has, in its order (there either way, so said once, as written); `onlyIn`, per outcome, its items
 * some other outcome lacks (there only under that outcome). No outcomes: nothing in either.
 */
export function splitByOutcome<T>(each: readonly (readonly T[])[], key: (item: T) => string): OutcomeSplit<T> {
  const keySets = each.map((items) => new Set(items.map(key)));
  const everywhere = (item: T): boolean => {
    const k = key(item);
    return keySets.every((set) => set.has(k));
  };
  return { inEvery: (each[0] ?? []).filter(everywhere), onlyIn: each.map((items) => items.filter((item) => !everywhere(item))) };
}

/**
 * Whether `holds` holds under every outcome (`true`), under none (`false`, also when there are no
 * outcomes), or only under some: then those outcomes, in order.
 */
export function holdsIn<O>(outcomes: readonly O[], holds: (outcome: O) => boolean): boolean | O[] {
  const some = outcomes.filter(holds);
  if (some.length === 0) return false;
  return some.length === outcomes.length ? true : some;
}
