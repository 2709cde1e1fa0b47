// Builders and a case-table runner for the network rules (FW2xx). Each builder fills the model's
// required fields with the values a template that omits the attribute would produce, so a case
// only spells out what it is about.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type {
  Attr, DataStore, EntityRef, Finding, FlowLog, Infra, Listener, LoadBalancer, Peer, Posture, RefList, ResourceEntry, Route,
  RouteTable, RouteTargetKind, SecurityGroup, SecurityGroupRule, Service, ServiceLoadBalancer, ServicePosture, Severity, Subnet,
  TargetGroup, TaskDefinition, Vpc,
} from '../../src/shared/model/index.ts';
import { InfraIndex } from '../../src/shared/analysis/infra-index.ts';
import { toFinding, type Rule } from '../../src/shared/rules/types.ts';
import { FILE, defaulted, entity, known, ref, src } from './model.ts';

// ── services and task definitions ────────────────────────────────────────────────────────────

export interface ServiceOptions {
  line?: number;
  key?: string;
  fargate?: boolean | 'unknown';
  launchType?: Attr<string>;
  taskDefinition?: string;
  desiredCount?: Attr<number>;
  maxCount?: Attr<number>;
  assignPublicIp?: Attr<boolean>;
  subnets?: RefList;
  securityGroups?: RefList;
  loadBalancers?: ServiceLoadBalancer[];
}

export function service(logicalId: string, o: ServiceOptions = {}): Service {
  const line = o.line ?? 10;
  const s: Service = {
    ...entity(logicalId, line),
    key: o.key ?? logicalId,
    stableKey: o.key ?? logicalId,
    launchType: o.launchType ?? known('FARGATE', line + 1),
    fargate: o.fargate ?? true,
    desiredCount: o.desiredCount ?? defaulted(1, line),
    taskDefinition: ref(o.taskDefinition ?? 'TaskDef'),
    assignPublicIp: o.assignPublicIp ?? defaulted(false, line),
    subnets: o.subnets ?? refList([], line),
    securityGroups: o.securityGroups ?? refList([], line, false),
    enableExecuteCommand: defaulted(false, line),
    loadBalancers: o.loadBalancers ?? [],
  };
  if (o.maxCount !== undefined) s.maxCount = o.maxCount;
  return s;
}

/** A RefList at a given line; `explicit: false` models an absent property. */
export function refList(logicalIds: string[], line = 1, explicit = true): RefList {
  return { known: true, items: logicalIds.map((id) => ref(id)), source: src(line, 'Resources', explicit) };
}

export function serviceLb(targetGroup: string | undefined, containerPort?: number, line = 1): ServiceLoadBalancer {
  const slb: ServiceLoadBalancer = { source: src(line) };
  if (targetGroup !== undefined) slb.targetGroup = ref(targetGroup);
  if (containerPort !== undefined) slb.containerPort = containerPort;
  return slb;
}

export function taskDefinition(logicalId: string, networkMode: Attr<string>, compat: string[] = []): TaskDefinition {
  return { ...entity(logicalId, 80), networkMode, requiresCompatibilities: compat, containers: [] };
}

// ── security groups ──────────────────────────────────────────────────────────────────────────

export function cidr(value: string): Peer {
  return value.includes(':') ? { kind: 'cidr6', cidr: value } : { kind: 'cidr4', cidr: value };
}

export function sgPeer(logicalId: string): Peer {
  return { kind: 'sg', group: ref(logicalId) };
}

export function prefixListPeer(id: string): Peer {
  return { kind: 'prefixList', prefixList: { kind: 'external', value: id, source: src() } };
}

export interface RuleOptions {
  line?: number;
  protocol?: string;
  /** `[from, to]`, a single port, or `'unknown'` (ports from an unresolved parameter). */
  ports?: [number, number] | number | 'unknown';
  standaloneId?: string;
  explicit?: boolean;
  file?: string;
}

function sgRule(direction: 'ingress' | 'egress', peer: Peer, o: RuleOptions): SecurityGroupRule {
  const protocol = o.protocol ?? (o.ports === undefined ? 'all' : 'tcp');
  const ports = o.ports ?? [0, 65535];
  const [fromPort, toPort] = ports === 'unknown' ? [0, 65535] : typeof ports === 'number' ? [ports, ports] : ports;
  const r: SecurityGroupRule = {
    direction, protocol, fromPort, toPort, portsKnown: ports !== 'unknown', peer,
    source: src(o.line ?? 1, 'Resources', o.explicit ?? true, o.file ?? FILE),
  };
  if (o.standaloneId !== undefined) r.standaloneId = o.standaloneId;
  return r;
}

export function ingress(peer: Peer, o: RuleOptions = {}): SecurityGroupRule {
  return sgRule('ingress', peer, o);
}

export function egress(peer: Peer, o: RuleOptions = {}): SecurityGroupRule {
  return sgRule('egress', peer, o);
}

/** The allow-all egress CloudFormation adds to a group that declares none; points at the group's line. */
export function implicitEgress(sgLine: number): SecurityGroupRule {
  return sgRule('egress', cidr('0.0.0.0/0'), { line: sgLine, explicit: false, protocol: '-1' });
}

export function securityGroup(
  logicalId: string, rules: SecurityGroupRule[], o: { line?: number; implicitEgress?: boolean; isDefault?: boolean; vpc?: string } = {},
): SecurityGroup {
  const sg: SecurityGroup = { ...entity(logicalId, o.line ?? 40), rules, implicitEgress: o.implicitEgress ?? false };
  if (o.isDefault !== undefined) sg.isDefault = o.isDefault;
  if (o.vpc !== undefined) sg.vpc = ref(o.vpc);
  return sg;
}

/** A standalone AWS::EC2::SecurityGroupIngress/Egress resource, as it appears in `infra.resources`. */
export function standaloneRuleResource(logicalId: string, line: number, type = 'AWS::EC2::SecurityGroupIngress'): ResourceEntry {
  return { ...entity(logicalId, line), type };
}

// ── VPC, subnets, routes ─────────────────────────────────────────────────────────────────────

export function vpc(logicalId: string, cidrBlock = '10.0.0.0/16', line = 100): Vpc {
  return { ...entity(logicalId, line), cidr: known(cidrBlock, line + 1), additionalCidrs: [], dnsSupport: known(true, line + 2), dnsHostnames: known(true, line + 3) };
}

export function subnet(
  logicalId: string, cidrBlock: string | Attr<string>, o: { vpc?: string; routeTable?: string; line?: number; az?: string } = {},
): Subnet {
  const line = o.line ?? 120;
  const s: Subnet = {
    ...entity(logicalId, line),
    cidr: typeof cidrBlock === 'string' ? known(cidrBlock, line + 1) : cidrBlock,
    availabilityZone: o.az !== undefined ? known(o.az, line + 2) : { known: false, reason: 'Fn::GetAZs', source: src(line + 2) },
    mapPublicIpOnLaunch: defaulted(false, line),
  };
  if (o.vpc !== undefined) s.vpc = ref(o.vpc);
  if (o.routeTable !== undefined) s.routeTable = ref(o.routeTable);
  return s;
}

export function route(target: RouteTargetKind, destination: string | Attr<string> = '0.0.0.0/0', targetRef?: EntityRef): Route {
  const dest = typeof destination === 'string' ? known(destination, 150) : destination;
  const r: Route = {
    destination: dest,
    destinationKind: dest.known && dest.value.includes(':') ? 'cidr6' : 'cidr4',
    target,
    source: src(150),
  };
  if (targetRef !== undefined) r.targetRef = targetRef;
  return r;
}

export function routeTable(logicalId: string, routes: Route[], vpcId?: string): RouteTable {
  const rt: RouteTable = { ...entity(logicalId, 140), routes };
  if (vpcId !== undefined) rt.vpc = ref(vpcId);
  return rt;
}

export function flowLog(logicalId: string, resources: EntityRef[], resourceType = 'VPC'): FlowLog {
  return { ...entity(logicalId, 170), resourceType, resources };
}

// ── load balancing ───────────────────────────────────────────────────────────────────────────

export function loadBalancer(
  logicalId: string,
  o: { scheme?: Attr<'internet-facing' | 'internal'>; type?: LoadBalancer['type']; securityGroups?: RefList; subnets?: RefList; line?: number } = {},
): LoadBalancer {
  const line = o.line ?? 200;
  return {
    ...entity(logicalId, line),
    type: o.type ?? 'application',
    scheme: o.scheme ?? defaulted('internet-facing' as const, line),
    securityGroups: o.securityGroups ?? refList([], line, false),
    subnets: o.subnets ?? refList([], line),
  };
}

export type ListenerAction = Listener['actions'][number];

export function forward(...targetGroups: string[]): ListenerAction {
  return { type: 'forward', targetGroups: targetGroups.map((t) => ref(t)), source: src(233) };
}

export function redirect(protocol = 'HTTPS'): ListenerAction {
  return { type: 'redirect', targetGroups: [], redirectProtocol: protocol, source: src(233) };
}

export function listener(
  logicalId: string, o: { lb?: string; protocol?: Attr<string>; port?: Attr<number>; actions?: ListenerAction[]; line?: number } = {},
): Listener {
  const line = o.line ?? 230;
  const l: Listener = {
    ...entity(logicalId, line),
    protocol: o.protocol ?? known('HTTP', line + 2),
    port: o.port ?? known(80, line + 3),
    actions: o.actions ?? [],
  };
  if (o.lb !== undefined) l.loadBalancer = ref(o.lb);
  return l;
}

export function targetGroup(logicalId: string, o: { port?: Attr<number>; loadBalancers?: string[] } = {}): TargetGroup {
  return {
    ...entity(logicalId, 260),
    protocol: known('HTTP', 261),
    port: o.port ?? known(80, 262),
    targetType: known('ip', 263),
    loadBalancers: (o.loadBalancers ?? []).map((id) => ref(id)),
  };
}

export function dataStore(logicalId: string, securityGroups: RefList, engine = 'postgres', line = 300): DataStore {
  return { ...entity(logicalId, line), engine, resourceType: 'AWS::RDS::DBInstance', securityGroups };
}

// ── running rules ────────────────────────────────────────────────────────────────────────────

export function postureFor(infra: Infra, services: ServicePosture[] = []): Posture {
  return { infra, permissions: new Map(), services };
}

/** Runs one rule over an Infra the way the engine does, returning shaped findings. */
export function runRule(rule: Rule, infra: Infra): Finding[] {
  const findings: Finding[] = [];
  rule.check({ posture: postureFor(infra), index: new InfraIndex(infra) }, (r) => findings.push(toFinding(rule, r)));
  return findings;
}

export interface ExpectedFinding {
  resource: string;
  line: number;
  /** Defaults to the rule's severity. */
  severity?: Severity;
  /** Service key; `null` asserts the finding has none. */
  service?: string | null;
  /** Substrings the message must contain. */
  message?: string[];
  /** Substrings the message must not contain. */
  notMessage?: string[];
  file?: string;
}

export interface RuleCase {
  name: string;
  infra: Infra;
  /** Empty for compliant (valid) cases. */
  expect: ExpectedFinding[];
}

/**
 * Registers one test per case, cdk-nag style: compliant cases must produce nothing, non-compliant
 * ones exactly the expected findings (in report order).
 */
export function ruleCases(rule: Rule, cases: { valid: RuleCase[]; invalid: RuleCase[] }): void {
  describe(`${rule.meta.id} ${rule.meta.title}`, () => {
    describe('compliant / not judged', () => {
      for (const c of cases.valid) {
        test(c.name, () => {
          assert.deepEqual(runRule(rule, c.infra).map(summary), []);
        });
      }
    });
    describe('non-compliant', () => {
      for (const c of cases.invalid) {
        test(c.name, () => {
          const findings = runRule(rule, c.infra);
          assert.equal(findings.length, c.expect.length, `findings: ${JSON.stringify(findings.map(summary), null, 1)}`);
          c.expect.forEach((e, i) => {
            const f = findings[i];
            assert.equal(f.ruleId, rule.meta.id);
            assert.equal(f.severity, e.severity ?? rule.meta.severity);
            assert.equal(f.resource, e.resource);
            assert.equal(f.line, e.line);
            assert.equal(f.file, e.file ?? FILE);
            if (e.service === null) assert.equal(f.service, undefined);
            else if (e.service !== undefined) assert.equal(f.service, e.service);
            assert.doesNotMatch(f.message, /\{\{/, 'every placeholder is filled');
            for (const part of e.message ?? []) assert.ok(f.message.includes(part), `message ${JSON.stringify(f.message)} lacks ${JSON.stringify(part)}`);
            for (const part of e.notMessage ?? []) assert.ok(!f.message.includes(part), `message ${JSON.stringify(f.message)} has ${JSON.stringify(part)}`);
          });
        });
      }
    });
  });
}

function summary(f: Finding): string {
  return `${f.ruleId} ${f.resource}:${f.line} [${f.service ?? '-'}] ${f.message}`;
}
