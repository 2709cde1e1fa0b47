import type { AccessLevel, EgressPath, Finding, NeedKind, Posture, StackOutcome, UnresolvedValue } from '../model/index.ts';

/** A file that could not be analyzed on one side; the comparison is incomplete where it is. */
export interface SideError {
  file: string;
  line: number;
  message: string;
}

/** One side of a diff: what a scan of base or head produced (`scan()`'s ScanResult is one). */
export interface DiffSide {
  posture: Posture;
  findings: Finding[];
  errors?: readonly SideError[];
  /**
   * The directory the side's paths start with when the two sides are different trees
   * (`diff --base a/ --head b/`): services told apart by file compare by the path below it.
   */
  root?: string;
}

export interface PermissionChange {
  /** The role's display name (CDK construct path, else logical ID). */
  role: string;
  /** `task` or `execution`: which of the service's roles. Permissions are keyed by this slot, not by the role's name. */
  roleKind: 'task' | 'execution';
  action: string;
  /** The Resource as written on this side (`*`, an ARN, `${Table.Arn}/index/*`). */
  resource: string;
  /** Canonical JSON of the statement's Condition, when it has one. */
  condition?: string;
  accessLevel: AccessLevel;
  /** The action pattern of the statement that grants it (`s3:Get*`, `*`), so long lists can be grouped. */
  pattern: string;
  file: string;
  line: number;
  /**
   * Listed because it is written differently, though nothing is gained or lost by it: added, the
   * other side already allowed all it allows (a narrower copy of a grant base had); removed, the
   * new side still allows it (a grant folded into a wider one).
   */
  covered?: true;
  /**
   * Comparison only (not reported): the Denies that may take it away without certainty (see
   * Grant.limitedBy), each as [its scope as compared (logical IDs by construct path), its
   * Condition's key or `''`], sorted.
   */
  limitedBy?: [scope: string, condition: string][];
}

/** The service's side of a security-group rule: traffic towards the service, or from it. */
export type ServiceDirection = 'ingress' | 'egress';

export interface SecurityGroupRuleChange {
  group: string;
  /** The rule's direction on its own group. */
  direction: 'ingress' | 'egress';
  protocol: string;
  /** `443`, `1024-65535`, `all` or `unknown`; for ICMP the type (`8`) or `all` types. */
  ports: string;
  /** For an ICMP rule of one type that admits one code of it: that code (absent: every code). */
  icmpCode?: number;
  peer: string;
  /**
   * `own`: a rule of one of the service's groups. `references-service`: a rule of another group
   * whose peer is one of the service's groups (a database admitting the service, a load balancer
   * allowed to send to it). `endpoint`: a rule of a security group attached to a VPC endpoint the
   * service uses (see `EndpointPolicyChange`); `endpoint` names it. `load-balancer`: an ingress
   * rule of a group of a load balancer in front of the service (who may reach the load balancer
   * may reach the service); `loadBalancer` names it.
   */
  relation: 'own' | 'references-service' | 'endpoint' | 'load-balancer';
  /** For `relation: 'endpoint'`: the endpoint's display name (CDK construct path, else logical ID). */
  endpoint?: string;
  /** For `relation: 'load-balancer'`: the load balancer's display name. */
  loadBalancer?: string;
  /**
   * What the rule means for the service: `ingress` when it lets traffic reach the service (its own
   * ingress, or another group's egress to it), `egress` when it lets the service reach something
   * (its own egress, or another group admitting it). Rules of an endpoint's group are `egress`:
   * they govern the path the service's calls to AWS take.
   */
  serviceDirection: ServiceDirection;
  /** Whether the peer is the whole internet (0.0.0.0/0 or ::/0). */
  world: boolean;
  /** False for the implicit allow-all egress CloudFormation adds. */
  explicit: boolean;
  /** Its resource exists only under a Condition the files do not decide. */
  conditional?: true;
  /**
   * With `conditional`, when an `Fn::If` on an undecided condition writes the rule only under one
   * outcome: that outcome, as a permission's Condition names it (`{"CloudFormation::Condition":{"IsProd":false}}`).
   */
  condition?: string;
  /**
   * For a peer the files do not decide: why, as compared (positions dropped). Part of the rule's
   * identity, so a peer undecided differently on the two sides (a mapping entry it may select was
   * edited) is a change, not the same rule.
   */
  peerReason?: string;
  /** The logical ID of its AWS::EC2::SecurityGroupIngress/Egress resource, for a standalone rule. */
  standalone?: string;
  file: string;
  line: number;
  /** As PermissionChange.covered: listed, but nothing is gained or lost by it. */
  covered?: true;
}

/**
 * One action of one statement of the policy of a VPC endpoint the service uses. An endpoint is used
 * by a service when one of its needs is covered `via` `endpoint:<logicalId>` (on base or head), or
 * when it is in the service's VPC and serves one of the service's needs. Actions are kept as
 * written (not expanded); principals and resources of the statement are joined by `, `. An
 * endpoint without a policy has AWS's default full-access policy: one implicit entry
 * (`Allow * * *`, `explicit: false`).
 */
export interface EndpointPolicyChange {
  /** The endpoint's display name (CDK construct path, else logical ID). */
  endpoint: string;
  effect: 'Allow' | 'Deny';
  /** Principals as normalised by the model (`AWS:*`, `AWS:arn:…`), joined; `*` when the statement has none. */
  principal: string;
  /** The action or pattern as written; `NotAction ` in front for a NotAction statement. */
  action: string;
  /** Resources as written, joined; `NotResource ` in front for a NotResource statement. */
  resource: string;
  /** Canonical JSON of the statement's Condition, when it has one. */
  condition?: string;
  /** False for the implicit full-access policy of an endpoint declared without one. */
  explicit: boolean;
  file: string;
  line: number;
  /** As PermissionChange.covered: listed, but nothing is gained or lost by it. */
  covered?: true;
}

export interface Exposure {
  /**
   * True also when only some outcomes of an undecided choice (an `Fn::If`, an `Fn::FindInMap` on a
   * key the files do not give) assign one: `publicIpCondition` names them.
   */
  publicIp: boolean | 'unknown';
  /**
   * With `publicIp` true under some outcomes only: those outcomes, of one choice, in the template's
   * order (`IsDev` being `true`; `Env` being `staging`, `Env` being `prod`). The tasks get a public
   * IP in the deployments of any of them.
   */
  publicIpCondition?: StackOutcome[];
  internetIngress: boolean | 'unknown';
  /**
   * The tasks' way out (the scan's `egress`): the default route they can use, so public subnets
   * without public IPs are `none`. Named for the JSON contract; reports call it egress.
   */
  defaultRoute: EgressPath;
}

export interface NeedChange {
  service: string;
  reason: string;
  kind: NeedKind;
  /** True when base did not have this need at all (the change introduced it, uncovered). */
  newlyNeeded: boolean;
  /** How it was reached before / is reached now (`nat:…`, `igw`, `endpoint:…`), when it was. */
  before?: string;
  after?: string;
  /** Whether base could reach it (`unknown`: the files did not decide); absent when newly needed. */
  wasCovered?: boolean | 'unknown';
  /** For a need head no longer decides: why, when the analysis says (a network ACL it does not evaluate). */
  undecidedBecause?: string;
}

/** The service's network path on one side, for the flowchart: who reaches it, how it gets out. */
export interface NetworkPath {
  /**
   * Ingress sources by label: `internet`, a load balancer, another service, an SG, a CIDR. A load
   * balancer's `internetFacing` is its scheme (`unknown` when the files do not decide it),
   * `internet` whether the internet reaches the service through it (see IngressSource.internet),
   * and `balancerType` its type (application, network, …).
   */
  ingress: {
    kind: string;
    label: string;
    internetFacing?: boolean | 'unknown';
    internet?: boolean | 'unknown';
    balancerType?: string;
    /** A load balancer's security groups (labels), as rules name them (`sg:<label>`). */
    groups?: string[];
    /** A `service` source that is the service itself (its group admits its own members). */
    self?: true;
  }[];
  publicIp: boolean | 'unknown';
  egress: EgressPath;
  needs: { service: string; kind: NeedKind; covered: boolean | 'unknown'; via?: string }[];
  /**
   * The AWS services nothing lets the tasks reach for want of any path, as FW301 reports them (see
   * unreachableAwsServices), when there are any: reports read the side's FW301 findings by them.
   */
  unreachable?: { startup: string[]; runtime: string[] };
}

export type ServiceStatus = 'added' | 'removed' | 'changed' | 'unchanged';

/**
 * - `broadening`: something can now do or reach more, or be reached by more, or a need lost its
 *   coverage. Wins over everything else, so a change that also narrows is still flagged.
 * - `narrowing`: only reductions.
 * - `mixed`: the posture changed without broadening, but not only by narrowing (values that can no
 *   longer be determined from the files, alone or next to reductions).
 * - `none`: no posture change (findings may still be new or resolved).
 */
export type Verdict = 'broadening' | 'narrowing' | 'mixed' | 'none';

export interface ServiceDiff {
  key: string;
  status: ServiceStatus;
  /** Why it was not compared (its file could not be read on one side): its details are one side's only. */
  notCompared?: string;
  /** VPC endpoints it uses on one side only (labels), when both sides have it: their rules and statements are listed, not counted. */
  endpointsUsed?: { started: string[]; stopped: string[] };
  /** Whether ECS Exec (a shell into its running tasks) is on, before and after, when that changed. */
  ecsExec?: { before: boolean | 'unknown'; after: boolean | 'unknown' };
  /** This service's own verdict, by the same rules as the whole diff's. */
  verdict: Verdict;
  /** Logical ID and file on the side that has it (head when both). */
  resource: string;
  file: string;
  line: number;
  cdkPath?: string;
  /** Where the user's CDK code created the service (see Entity.cdkSource). */
  cdkSource?: string;
  permissions: { added: PermissionChange[]; removed: PermissionChange[] };
  securityGroupRules: { added: SecurityGroupRuleChange[]; removed: SecurityGroupRuleChange[] };
  /** Statement actions of the policies of the VPC endpoints the service uses (see EndpointPolicyChange). */
  endpointPolicies: { added: EndpointPolicyChange[]; removed: EndpointPolicyChange[] };
  exposure: { before: Exposure | null; after: Exposure | null };
  network: { before: NetworkPath | null; after: NetworkPath | null };
  /**
   * `lost`: needs nothing covers on head that were covered on base or are new with this change.
   * `gained`: needs uncovered on base that are covered on head. `uncertain`: needs that were
   * covered and can no longer be decided from the files.
   */
  needs: { lost: NeedChange[]; gained: NeedChange[]; uncertain: NeedChange[] };
  /** `undecided`, `suppressed`: see PostureDiff.findings. */
  findings: { new: Finding[]; resolved: Finding[]; undecided: Finding[]; suppressed: Finding[] };
  /** Why this service's verdict is what it is: broadening reasons first, then narrowing, then the rest. */
  reasons: VerdictReason[];
}

export interface VerdictReason {
  service: string;
  effect: 'broader' | 'narrower' | 'neutral';
  /** Phrase without the service name: `gains 3 permissions`, `can no longer reach dynamodb`. */
  text: string;
}

export type HeadFindingState = 'new' | 'unchanged' | 'updated';

export interface PostureDiff {
  /** Sorted by stable key. */
  services: ServiceDiff[];
  /**
   * `undecided`: findings base reported that head does not, where head leaves undecided what they
   * were about (a value the files no longer decide). Rules are silent when they cannot decide, so
   * these are not resolved; they are not new either (`--fail-on` counts new findings only).
   * `suppressed`: head's findings that head suppresses and base did not (a suppression the change
   * adds, by config or inline): ones base reported, which the change silences rather than fixes,
   * and ones the change introduces together with their suppression. They are not resolved, not
   * new, and `--fail-on` does not count them; they are listed so a reviewer sees the silence.
   */
  findings: { new: Finding[]; resolved: Finding[]; unchanged: Finding[]; undecided: Finding[]; suppressed: Finding[] };
  /**
   * How each of head's findings, as head's scan reported them and in that order, stands against
   * base (SARIF's `baselineState`): `new` (in `findings.new`, or introduced already suppressed),
   * `updated` (base reported it, head suppresses it), `unchanged` (the rest, suppressed on both
   * sides included).
   */
  headFindingStates: HeadFindingState[];
  /**
   * Values in resources the analysis reads that head leaves undecided and base did not (`added`,
   * head's positions), and the reverse (`removed`, base's). Matched without positions. They do not
   * change the verdict: what they make undecided shows up in the services' changes.
   */
  unresolved: { added: UnresolvedValue[]; removed: UnresolvedValue[] };
  verdict: Verdict;
  /** Why the verdict is what it is, one phrase per reason: broadening first. */
  reasons: string[];
  /**
   * When no service changed but a file only one side could read may define anything (`head could
   * not read new.yaml`): what made the verdict `mixed` rather than `none`. Also the last reason.
   */
  incomplete?: string;
  /** Files either side could not analyze (the comparison is incomplete where they are). */
  errors: (SideError & { side: 'base' | 'head' })[];
}
