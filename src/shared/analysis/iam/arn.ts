/**
 * An AWS managed policy ARN in any partition (`aws`, `aws-cn`, `aws-us-gov`, …), with or without
 * its path. The partition may be an unresolved placeholder (`arn:${AWS::Partition}:…` from
 * `Fn::Sub`): AWS managed policies are the same in every partition, so it does not matter which.
 */
const AWS_MANAGED_POLICY_ARN = /^arn:(?:\$\{[^}]*\}|[a-z][a-z0-9-]*):iam::aws:policy\/(?:[^]*\/)?([\w+=,.@-]+)$/;
const POLICY_NAME = /^[\w+=,.@-]+$/;

/** True for `arn:<partition>:iam::aws:policy/[path/]Name`, the account `aws` owning AWS managed policies. */
export function isAwsManagedArn(arn: string): boolean {
  return AWS_MANAGED_POLICY_ARN.test(arn.trim());
}

/** The policy name of an AWS managed policy ARN, or of a bare policy name; undefined for anything else. */
export function awsManagedPolicyName(arnOrName: string): string | undefined {
  const text = arnOrName.trim();
  const match = AWS_MANAGED_POLICY_ARN.exec(text);
  if (match !== null) return match[1];
  return POLICY_NAME.test(text) ? text : undefined;
}

/** The last path segment of a policy ARN (its name), or the text itself when it has none. */
export function policyNameOfArn(arn: string): string {
  const slash = arn.lastIndexOf('/');
  return slash === -1 ? arn : arn.slice(slash + 1);
}
