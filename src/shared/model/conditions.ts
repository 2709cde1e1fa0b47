// Values, not only types, of the model: what every layer must spell the same way.

/**
 * The Condition key a statement part carries when it exists under one outcome of a CloudFormation
 * condition the files do not decide (`{"CloudFormation::Condition":{"IsProd":"true"}}`): not an IAM
 * condition, so it restricts nothing in a deployment where it holds.
 */
export const STACK_CONDITION_KEY = 'CloudFormation::Condition';

/** A statement's Condition without its STACK_CONDITION_KEY: undefined when that was all it held. */
export function iamConditionOf(condition: string | undefined): string | undefined {
  if (condition === undefined || !condition.includes(STACK_CONDITION_KEY)) return condition;
  let parsed: unknown;
  try {
    parsed = JSON.parse(condition);
  } catch {
    return condition;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return condition;
  const rest = Object.entries(parsed as Record<string, unknown>).filter(([key]) => key !== STACK_CONDITION_KEY);
  return rest.length === 0 ? undefined : JSON.stringify(Object.fromEntries(rest));
}
