import type { Attr, EntityRef, RefList, SourceRef, Suppression, TextRange } from './source.ts';
import type { StackOutcome } from './conditions.ts';

/**
 * Everything the sources understood, across all scanned files. Nothing here knows which IaC
 * format it came from. Strings in `Known<string>` values may hold `${Name}` placeholders for
 * parts of a `Fn::Sub`/`Fn::Join` that could not be resolved (pseudo parameters, imports).
 */
export interface Infra {
  stacks: Stack[];
  clusters: Cluster[];
  services: Service[];
  taskDefinitions: TaskDefinition[];
  roles: Role[];
  policies: Policy[];
  securityGroups: SecurityGroup[];
  vpcs: Vpc[];
  subnets: Subnet[];
  routeTables: RouteTable[];
  natGateways: NatGateway[];
  internetGateways: InternetGateway[];
  flowLogs: FlowLog[];
  vpcEndpoints: VpcEndpoint[];
  loadBalancers: LoadBalancer[];
  listeners: Listener[];
  targetGroups: TargetGroup[];
  secrets: SecretResource[];
  dataStores: DataStore[];
  /** Absent where a source models none (test builders, older callers): no custom network ACL. */
  networkAcls?: NetworkAcl[];
  /** Every resource declared, by id, so rules and fixes can find resources of a given type. */
  resources: ResourceEntry[];
  unresolved: UnresolvedValue[];
  errors: InputError[];
}

/** One template (one file; CDK nested stacks are separate stacks). */
export interface Stack {
  id: string;
  file: string;
  /** CDK stack name or construct path when the template came from a cloud assembly. */
  name?: string;
  format: 'cloudformation-json' | 'cloudformation-yaml' | 'terraform';
  /** The template text, so fixes can splice it and renderers can quote it. */
  text: string;
  /**
   * The account and region the stack deploys to, when the files pin them (a CDK stack's `env`, from
   * the cloud assembly): there, `${AWS::AccountId}` and `${AWS::Region}` are these values. Absent
   * for an environment-agnostic stack; a field is absent when only the other one is pinned.
   */
  environment?: StackEnvironment;
}

export interface StackEnvironment {
  /** Twelve digits. */
  account?: string;
  /** e.g. `eu-west-1`. */
  region?: string;
}

/** Common to every entity. `id` is unique across the Infra: `<file>#<logicalId>`. */
export interface Entity {
  id: string;
  /** The logical ID (CloudFormation) or address (Terraform) a user recognises. */
  logicalId: string;
  file: string;
  stackId: string;
  source: SourceRef;
  /** Text range of the whole resource declaration, for fixes. */
  range?: TextRange;
  /** CDK construct path from `aws:cdk:path` metadata or the cloud assembly. */
  cdkPath?: string;
  /** Where the user's CDK code created it (`aws:cdk:creationStack`), when known. */
  cdkSource?: string;
  suppressions: Suppression[];
}

export interface ResourceEntry extends Entity {
  type: string;
}

export interface InputError {
  file: string;
  line: number;
  column?: number;
  message: string;
}

export interface UnresolvedValue {
  file: string;
  line: number;
  path: string;
  /** e.g. `Fn::ImportValue NetworkStack-VpcId`, `parameter VpcId has no default`. */
  reason: string;
  /**
   * Set when the value is in a resource of a type the analysis does not read (a pipeline, an
   * alarm): it cannot change what the report says about a service, so a diff does not list it.
   */
  unread?: true;
}

export interface Cluster extends Entity {
  name?: string;
  containerInsights: Attr<boolean>;
}

export interface Service extends Entity {
  /**
   * What findings (`Finding.service`) and reports name the service by: its stableKey, unique among
   * the scanned services. When several share a stableKey (a ServiceName is unique per cluster, not
   * per account: two stacks may both run `api`), each is qualified with its cluster, then its file,
   * then its logical ID, the least of these that tells them apart (see qualifiedServiceKeys).
   */
  key: string;
  /** Stable identity across base and head: ServiceName, else CDK construct path, else logical ID. Several services may share it. */
  stableKey: string;
  serviceName?: string;
  /**
   * A ServiceName the files leave wholly open (`!Ref ServiceNameParameter` without a default), as
   * written (`${ServiceNameParameter}`): what a diff matches the service by on both sides, as it does
   * a partial name (`${AWS::StackName}-api`, which is `serviceName` and the stable key already).
   */
  openServiceName?: string;
  cluster?: EntityRef;
  /** FARGATE, EC2, EXTERNAL, or `capacity-provider:FARGATE` style for capacity provider strategies. */
  launchType: Attr<string>;
  /** Whether this service runs on Fargate (launch type, capacity provider, or task definition compatibility). */
  fargate: boolean | 'unknown';
  desiredCount: Attr<number>;
  /** Maximum from an Application Auto Scaling target, when one scales this service. */
  maxCount?: Attr<number>;
  taskDefinition: EntityRef;
  assignPublicIp: Attr<boolean>;
  subnets: RefList;
  /** An explicit empty list and an absent property both mean "the VPC's default SG" (`source.explicit` tells which). */
  securityGroups: RefList;
  enableExecuteCommand: Attr<boolean>;
  loadBalancers: ServiceLoadBalancer[];
}

export interface ServiceLoadBalancer {
  targetGroup?: EntityRef;
  loadBalancerName?: string;
  containerName?: string;
  containerPort?: number;
  source: SourceRef;
}

export interface TaskDefinition extends Entity {
  family?: string;
  networkMode: Attr<string>;
  requiresCompatibilities: string[];
  taskRole?: EntityRef;
  /**
   * When TaskRoleArn is an `Fn::If` on a condition the files do not decide: the role each outcome
   * names, with that outcome (none for an outcome of `AWS::NoValue`). `taskRole` is then unknown,
   * for readers that cannot use both; the others (see `taskRoles`) judge each role as the task
   * role of the deployments of its outcome.
   */
  taskRoleChoices?: { role: EntityRef; when: StackOutcome }[];
  executionRole?: EntityRef;
  containers: Container[];
}

export type RegistryKind = 'ecr-private' | 'ecr-public' | 'other' | 'unknown';

export interface Container {
  name: string;
  image: Attr<string>;
  registry: RegistryKind;
  /** Set when the image is a private registry needing credentials (`RepositoryCredentials`). */
  repositoryCredentials?: SecretReference;
  logDriver?: Attr<string>;
  logOptions: Record<string, string>;
  secrets: SecretReference[];
  /** S3 objects loaded at start-up (`EnvironmentFiles`). */
  environmentFiles: Attr<string>[];
  portMappings: { containerPort?: number; protocol: string; source: SourceRef }[];
  source: SourceRef;
}

export interface SecretReference {
  name: string;
  valueFrom: Attr<string>;
  /** Which store serves it at start-up. */
  store: 'secretsmanager' | 'ssm' | 'unknown';
  /** The in-template resource (Secret or Parameter), when it references one. */
  resource?: EntityRef;
  /** A customer-managed KMS key that encrypts it, when known. */
  kmsKey?: EntityRef;
  source: SourceRef;
}

export interface Role extends Entity {
  roleName?: string;
  trustPolicy?: PolicyDocument;
  inlinePolicies: PolicyDocument[];
  /** Managed policies attached via `ManagedPolicyArns`: in-template ManagedPolicy resources or ARNs. */
  managedPolicies: AttachedPolicy[];
  permissionsBoundary?: EntityRef;
}

/**
 * A managed policy a role names. `when` is set when the role names it only under one outcome of an
 * `Fn::If` on a condition the files do not decide: its statements then hold only there.
 */
export type AttachedPolicy = EntityRef & { when?: StackOutcome };

/** AWS::IAM::Policy or AWS::IAM::ManagedPolicy, attached to roles by their own `Roles` property or by the role. */
export interface Policy extends Entity {
  kind: 'inline' | 'managed';
  name?: string;
  document: PolicyDocument;
  roles: EntityRef[];
}

export interface PolicyDocument {
  /** A name for reports: the policy name, `<role> inline <n>`, or the managed policy ARN. */
  name: string;
  statements: Statement[];
  source: SourceRef;
  /** Whole-document unknowns (e.g. the document is `!If` on an unknown condition). */
  unknown?: string;
}

export interface Statement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  actions?: Attr<string>[];
  notActions?: Attr<string>[];
  resources?: Attr<string>[];
  notResources?: Attr<string>[];
  /** Normalised principals: `Service:ecs-tasks.amazonaws.com`, `AWS:arn:…`, `AWS:*`, `Federated:…`. */
  principals?: Attr<string>[];
  notPrincipals?: Attr<string>[];
  /** Canonical JSON of the Condition block, or undefined. */
  condition?: string;
  source: SourceRef;
}

export type Protocol = 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'all' | string;

export type Peer =
  | { kind: 'cidr4'; cidr: string }
  | { kind: 'cidr6'; cidr: string }
  | { kind: 'sg'; group: EntityRef }
  | { kind: 'prefixList'; prefixList: EntityRef }
  | { kind: 'unknown'; reason: string };

export interface SecurityGroupRule {
  direction: 'ingress' | 'egress';
  protocol: Protocol;
  /** Inclusive; 0–65535 for all ports. Unknown ports are reported as the full range with `portsKnown: false`. */
  fromPort: number;
  toPort: number;
  portsKnown: boolean;
  /**
   * For an ICMP rule of one type (fromPort = toPort = the type): the one code it admits, from
   * ToPort; absent when it admits every code of the type (ToPort -1) or every type.
   */
  icmpCode?: number;
  peer: Peer;
  description?: string;
  /** `explicit: false` for the implicit allow-all egress CloudFormation adds. */
  source: SourceRef;
  /** Set for standalone rule resources (AWS::EC2::SecurityGroupIngress/Egress): their entity id. */
  standaloneId?: string;
  /**
   * Set when the rule exists only under a Condition the files do not decide: it may not be there.
   * Its resource's Condition, or an `Fn::If` (around the rule, its list, or one of its values) that
   * writes it only under one outcome: `when` names that outcome.
   */
  conditional?: true;
  when?: StackOutcome;
  /** Text range of the rule (list item or standalone resource), for fixes. */
  range?: TextRange;
}

export interface SecurityGroup extends Entity {
  groupName?: string;
  vpc?: EntityRef;
  rules: SecurityGroupRule[];
  /** True when no egress rule is declared anywhere and the format adds allow-all egress (CloudFormation). */
  implicitEgress: boolean;
  /** True for the VPC default security group stand-in (never declared in templates). */
  isDefault?: boolean;
  /**
   * True for a group declared outside the files that standalone rules in the files add to
   * (`GroupId: sg-…`): its id is that value, its rules are only the ones the files add, and the
   * analysis treats what they do not admit as unknown, never as refused.
   */
  external?: boolean;
}

export interface Vpc extends Entity {
  cidr: Attr<string>;
  additionalCidrs: Attr<string>[];
  /** `EnableDnsSupport` (default true) and `EnableDnsHostnames` (default false): private DNS of interface endpoints needs both. */
  dnsSupport: Attr<boolean>;
  dnsHostnames: Attr<boolean>;
}

export interface Subnet extends Entity {
  vpc?: EntityRef;
  cidr: Attr<string>;
  availabilityZone: Attr<string>;
  mapPublicIpOnLaunch: Attr<boolean>;
  /**
   * Whether it has IPv6 addresses to give (an `Ipv6CidrBlock`, `Ipv6CidrBlocks` or `Ipv6Native`):
   * Fargate tasks in it get a globally routable IPv6 address when the account's `dualStackIPv6`
   * ECS setting is on. Absent where a source does not say (taken as none).
   */
  ipv6?: Attr<boolean>;
  /** From SubnetRouteTableAssociation; absent means the VPC's main route table. */
  routeTable?: EntityRef;
  /** From SubnetNetworkAclAssociation; absent means the VPC's default network ACL (allows everything unless edited). */
  networkAcl?: EntityRef;
}

/** AWS::EC2::NetworkAcl with the AWS::EC2::NetworkAclEntry resources that add to it. */
export interface NetworkAcl extends Entity {
  entries: NetworkAclEntry[];
}

export interface NetworkAclEntry {
  egress: Attr<boolean>;
  ruleNumber: Attr<number>;
  /** `-1` (all) or a protocol number, as written. */
  protocol: Attr<string>;
  action: Attr<string>;
  /** CidrBlock or Ipv6CidrBlock. */
  cidr: Attr<string>;
  source: SourceRef;
}

export type RouteTargetKind = 'igw' | 'nat' | 'tgw' | 'peering' | 'vpce' | 'instance' | 'eni' | 'egress-only-igw' | 'other' | 'unknown';

export interface Route {
  destination: Attr<string>;
  /** e.g. `0.0.0.0/0`, `::/0`, or a prefix list. */
  destinationKind: 'cidr4' | 'cidr6' | 'prefixList';
  target: RouteTargetKind;
  targetRef?: EntityRef;
  source: SourceRef;
}

export interface RouteTable extends Entity {
  vpc?: EntityRef;
  routes: Route[];
}

export interface NatGateway extends Entity {
  subnet?: EntityRef;
  connectivity: 'public' | 'private';
}

export interface InternetGateway extends Entity {
  vpcs: EntityRef[];
}

export interface FlowLog extends Entity {
  resourceType: string;
  resources: EntityRef[];
}

export type EndpointType = 'Interface' | 'Gateway' | 'GatewayLoadBalancer';

export interface VpcEndpoint extends Entity {
  /** Normalised short name: `ecr.api`, `ecr.dkr`, `s3`, `logs`, …; the raw name is in `serviceNameRaw`. */
  service: Attr<string>;
  serviceNameRaw: Attr<string>;
  type: EndpointType;
  vpc?: EntityRef;
  subnets: RefList;
  securityGroups: RefList;
  /** CloudFormation's default is false; explicit: false means the property was absent. */
  privateDns: Attr<boolean>;
  routeTables: RefList;
  policy?: PolicyDocument;
}

export interface LoadBalancer extends Entity {
  type: 'application' | 'network' | 'gateway' | 'classic';
  scheme: Attr<'internet-facing' | 'internal'>;
  securityGroups: RefList;
  subnets: RefList;
  /** Its `Name` (`LoadBalancerName` for a classic one) when the template writes it as a literal: what a rename of its logical ID keeps. */
  name?: string;
}

export interface Listener extends Entity {
  loadBalancer?: EntityRef;
  protocol: Attr<string>;
  port: Attr<number>;
  /** Default action kinds: forward, redirect, fixed-response, authenticate-*. */
  actions: { type: string; targetGroups: EntityRef[]; redirectProtocol?: string; source: SourceRef }[];
}

export interface TargetGroup extends Entity {
  protocol: Attr<string>;
  port: Attr<number>;
  targetType: Attr<string>;
  vpc?: EntityRef;
  /** Load balancers that forward to it, filled by the adapter from listeners and listener rules. */
  loadBalancers: EntityRef[];
}

export interface SecretResource extends Entity {
  store: 'secretsmanager' | 'ssm';
  name?: string;
  kmsKey?: EntityRef;
}

export interface DataStore extends Entity {
  engine: string;
  resourceType: string;
  securityGroups: RefList;
  port?: Attr<number>;
}
