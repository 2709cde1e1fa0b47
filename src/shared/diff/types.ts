import type { AccessLevel, EgressPath, Finding, Posture } from '../model/index.ts';

/** One side of a diff: what a scan of base or head produced. */
export interface DiffSide {
  posture: Posture;
  findings: Finding[];
}

export interface PermissionChange {
  /** The role's display name (logical ID or CDK path). */
  role: string;
  /** `task` or `execution`: which of the service's roles. */
  roleKind: 'task' | 'execution';
  action: string;
  resource: string;
  condition?: string;
  accessLevel: AccessLevel;
  file: string;
  line: number;
}

export interface SecurityGroupRuleChange {
  group: string;
  direction: 'ingress' | 'egress';
  protocol: string;
  ports: string;
  peer: string;
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
  kind: 'startup' | 'runtime';
  /** How it was reached before / is reached now (`nat:…`, `endpoint:…`), when it was. */
  before?: string;
  after?: string;
}

/** The service's network path on one side, for the flowchart: who reaches it, how it gets out. */
export interface NetworkPath {
  /** Ingress sources by label: `internet`, `load balancer Alb`, `sg:Other`, a CIDR. */
  ingress: { kind: string; label: string }[];
  publicIp: boolean | 'unknown';
  egress: EgressPath;
  needs: { service: string; kind: 'startup' | 'runtime'; covered: boolean | 'unknown'; via?: string }[];
}

export type ServiceStatus = 'added' | 'removed' | 'changed' | 'unchanged';

export interface ServiceDiff {
  key: string;
  status: ServiceStatus;
  /** Logical ID and file on the side that has it (head when both). */
  resource: string;
  file: string;
  line: number;
  cdkPath?: string;
  permissions: { added: PermissionChange[]; removed: PermissionChange[] };
  securityGroupRules: { added: SecurityGroupRuleChange[]; removed: SecurityGroupRuleChange[] };
  exposure: { before: Exposure | null; after: Exposure | null };
  network: { before: NetworkPath | null; after: NetworkPath | null };
  needs: { lost: NeedChange[]; gained: NeedChange[] };
  findings: { new: Finding[]; resolved: Finding[] };
}

export type Verdict = 'broadening' | 'narrowing' | 'mixed' | 'none';

export interface PostureDiff {
  services: ServiceDiff[];
  findings: { new: Finding[]; resolved: Finding[]; unchanged: Finding[] };
  verdict: Verdict;
  /** Why the verdict is what it is, one phrase per reason (for the headline). */
  reasons: string[];
}
