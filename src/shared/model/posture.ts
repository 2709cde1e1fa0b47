import type { Infra } from './infra.ts';
import type { Attr, SourceRef } from './source.ts';
import type { StackOutcome } from './conditions.ts';

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging' | 'Unknown';

/** One allowed (action, resource, condition) triple of a role, after expansion and Deny subtraction. */
export interface Grant {
  /** Canonical case from the catalog, e.g. `s3:GetObject`; unknown actions keep the template's spelling. */
  action: string;
  accessLevel: AccessLevel;
  /** The Resource string as written (`*`, an ARN, an ARN with `${X}` placeholders). */
  resource: string;
  /** Canonical JSON of the statement's Condition, when it has one. */
  condition?: string;
  /** Whether the action supports resource-level permissions (false: `*` is the only possible resource). */
  resourceLevel: boolean;
  /** The policy that grants it: in-template policy id, `<role> inline`, or a managed policy ARN. */
  via: string;
  /**
   * The action pattern in the statement (`s3:Get*`, `*`). When several statements grant the triple,
   * the most specific pattern (`s3:GetObject` over `s3:*` over `*`), and `via` and `source` are its
   * statement's: the same whatever order the statements come in.
   */
  pattern: string;
  source: SourceRef;
  /**
   * Denies that may take it away but cannot be applied with certainty (under a Condition, on part
   * of its resources, with an unresolved NotAction/NotResource entry), each as `<its Resource or
   * NotResource scope>\u0000<its Condition JSON or ''>` (its actions match this grant's): removing
   * one, or narrowing its Condition, gives back what it took.
   */
  limitedBy?: string[];
}

/** A statement's action pattern as written, kept for rules about wildcards. */
export interface PatternGrant {
  pattern: string;
  effect: 'Allow' | 'Deny';
  negated: boolean;
  resources: string[];
  condition?: string;
  via: string;
  /** True when the statement came from an AWS managed policy (then fixes cannot edit it). */
  managed: boolean;
  source: SourceRef;
}

export interface EffectivePermissions {
  roleId: string;
  grants: Grant[];
  patterns: PatternGrant[];
  /**
   * AWS managed policy ARNs attached (resolved against the snapshot, or unknown). `condition`, as a
   * grant's, names the outcome of an undecided CloudFormation condition under which alone the
   * role names the policy (see STACK_CONDITION_KEY).
   */
  awsManagedPolicies: { arn: string; name: string; known: boolean; source: SourceRef; condition?: string }[];
  /** Parts of the role's permissions that could not be resolved, said in words. */
  unknown: string[];
  /** Actions that match no known service action (typos, new actions) as written. */
  unrecognised: string[];
}

export type NeedKind = 'startup' | 'runtime';

/** An AWS service a task needs to reach, and whether it can. */
export interface Need {
  /** Endpoint short name: `ecr.api`, `ecr.dkr`, `s3`, `logs`, `secretsmanager`, `ssm`, `kms`, `ssmmessages`, `dynamodb`, … */
  service: string;
  reason: string;
  kind: NeedKind;
  covered: boolean | 'unknown';
  /** `nat:<id>`, `igw`, `endpoint:<logicalId>`, or undefined when not covered. */
  via?: string;
  problems: CoverageProblem[];
  source: SourceRef;
}

export type CoverageProblemKind =
  | 'no-path'
  | 'endpoint-missing-az'
  | 'endpoint-private-dns'
  | 'endpoint-sg-ingress'
  | 'task-sg-egress'
  | 'gateway-route-table'
  | 'endpoint-policy'
  | 'ecr-endpoint-unrestricted'
  | 'network-acl'
  /** Undecided: endpoints named with `${AWS::Region}` serve calls written out to a region only if the stack deploys there. */
  | 'endpoint-region';

export interface CoverageProblem {
  kind: CoverageProblemKind;
  /** The endpoint entity id the problem is about, when there is one. */
  endpointId?: string;
  detail: string;
  /** What is missing (AZs, route table ids, subnet ids) for fixes. */
  missing?: string[];
  /**
   * `task-sg-egress` only: the task groups let TCP 443 out to no destination at all, so every path
   * fails (the internet, interface endpoints, a gateway endpoint's prefix list). Decided without the
   * subnets, which are not in the files: which path the tasks would take is unknown.
   */
  everyPath?: boolean;
  /**
   * `no-path` only: the calls go to a region the files write out (an image URI, `awslogs-region`),
   * and the VPC's endpoints for the AWS service serve other regions (`endpoints`).
   */
  otherRegion?: { calls: string; endpoints: string };
}

export type EgressPath = 'nat' | 'igw' | 'endpoints-only' | 'none' | 'unknown';

export interface IngressSource {
  kind: 'internet' | 'load-balancer' | 'service' | 'security-group' | 'cidr' | 'prefix-list' | 'unknown';
  /** The LB / service / SG id, or the CIDR. */
  ref: string;
  /**
   * A load balancer's: whether the internet reaches the service through it (internet-facing, its
   * groups admit the world on a port it forwards, the service's groups admit it).
   */
  internet?: boolean | 'unknown';
  protocol: string;
  ports: string;
  source: SourceRef;
}

export interface ServicePosture {
  serviceId: string;
  /** The service's key (`Service.key`): unique among the scanned services. */
  key: string;
  taskRoleId?: string;
  /** Set instead of `taskRoleId` when the task definition's TaskRoleArn is an undecided `Fn::If` (see TaskDefinition.taskRoleChoices). */
  taskRoleChoices?: { roleId: string; when: StackOutcome }[];
  executionRoleId?: string;
  publicIp: Attr<boolean>;
  /** Subnet entity ids (or external ids). */
  subnets: string[];
  securityGroupIds: string[];
  /** Default route of the service's subnets taken together. */
  egress: EgressPath;
  internetIngress: boolean | 'unknown';
  ingress: IngressSource[];
  /** Availability zones of the service's subnets, when all are known. */
  availabilityZones?: string[];
  vpcId?: string;
  needs: Need[];
}

export interface Posture {
  infra: Infra;
  /** By role entity id. */
  permissions: Map<string, EffectivePermissions>;
  services: ServicePosture[];
}
