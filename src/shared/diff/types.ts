import type { AccessLevel, EgressPath, Finding, NeedKind, Posture } from '../model/index.ts';

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
}

/** The service's side of a security-group rule: traffic towards the service, or from it. */
export type ServiceDirection = 'ingress' | 'egress';

export interface SecurityGroupRuleChange {
  group: string;
  /** The rule's direction on its own group. */
  direction: 'ingress' | 'egress';
  protocol: string;
  ports: string;
  peer: string;
  /**
   * `own`: a rule of one of the service's groups. `references-service`: a rule of another group
   * whose peer is one of the service's groups (a database admitting the service, a load balancer
   * allowed to send to it).
   */
  relation: 'own' | 'references-service';
  /**
   * What the rule means for the service: `ingress` when it lets traffic reach the service (its own
   * ingress, or another group's egress to it), `egress` when it lets the service reach something
   * (its own egress, or another group admitting it).
   */
  serviceDirection: ServiceDirection;
  /** Whether the peer is the whole internet (0.0.0.0/0 or ::/0). */
  world: boolean;
  /** False for the implicit allow-all egress CloudFormation adds. */
  explicit: boolean;
  file: string;
  line: number;
}

export interface Exposure {
  publicIp: boolean | 'unknown';
  internetIngress: boolean | 'unknown';
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
}

/** The service's network path on one side, for the flowchart: who reaches it, how it gets out. */
export interface NetworkPath {
  /** Ingress sources by label: `internet`, a load balancer, another service, an SG, a CIDR. */
  ingress: { kind: string; label: string }[];
  publicIp: boolean | 'unknown';
  egress: EgressPath;
  needs: { service: string; kind: NeedKind; covered: boolean | 'unknown'; via?: string }[];
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
  /** This service's own verdict, by the same rules as the whole diff's. */
  verdict: Verdict;
  /** Logical ID and file on the side that has it (head when both). */
  resource: string;
  file: string;
  line: number;
  cdkPath?: string;
  permissions: { added: PermissionChange[]; removed: PermissionChange[] };
  securityGroupRules: { added: SecurityGroupRuleChange[]; removed: SecurityGroupRuleChange[] };
  exposure: { before: Exposure | null; after: Exposure | null };
  network: { before: NetworkPath | null; after: NetworkPath | null };
  /**
   * `lost`: needs nothing covers on head that were covered on base or are new with this change.
   * `gained`: needs uncovered on base that are covered on head. `uncertain`: needs that were
   * covered and can no longer be decided from the files.
   */
  needs: { lost: NeedChange[]; gained: NeedChange[]; uncertain: NeedChange[] };
  findings: { new: Finding[]; resolved: Finding[] };
  /** Why this service's verdict is what it is: broadening reasons first, then narrowing, then the rest. */
  reasons: VerdictReason[];
}

export interface VerdictReason {
  service: string;
  effect: 'broader' | 'narrower' | 'neutral';
  /** Phrase without the service name: `gains 3 permissions`, `can no longer reach dynamodb`. */
  text: string;
}

export interface PostureDiff {
  /** Sorted by stable key. */
  services: ServiceDiff[];
  findings: { new: Finding[]; resolved: Finding[]; unchanged: Finding[] };
  verdict: Verdict;
  /** Why the verdict is what it is, one phrase per reason: broadening first. */
  reasons: string[];
  /** Files either side could not analyze (the comparison is incomplete where they are). */
  errors: (SideError & { side: 'base' | 'head' })[];
}
