// Values, not only types, of the model: what every layer must spell the same way.

/**
 * The Condition key a statement part carries when it exists under one outcome of a CloudFormation
 * condition the files do not decide (`{"CloudFormation::Condition":{"IsProd":"true"}}`): not an IAM
 * condition, so it restricts nothing in a deployment where it holds.
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
