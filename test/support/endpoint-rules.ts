// Builders and a runner for the endpoint rules (FW3xx). These rules read the coverage analysis's
// output (Need, CoverageProblem) and a few infra entities, so a case builds a Posture directly:
// services with their needs and problems, plus the endpoints and security groups findings attach to.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type {
  Attr,
  CoverageProblem,
  CoverageProblemKind,
  EndpointType,
  Finding,
  Infra,
  Need,
  NeedKind,
  PolicyDocument,
  Posture,
  RefList,
  SecurityGroup,
  Service,
  ServicePosture,
  Statement,
  Subnet,
  VpcEndpoint,
} from '../../src/shared/model/index.ts';
import { InfraIndex, entityId } from '../../src/shared/analysis/infra-index.ts';
import { toFinding, type Rule } from '../../src/shared/rules/types.ts';
import { FILE, defaulted, entity, infra, known, ref, src } from './model.ts';

// ── posture: services, needs, problems ───────────────────────────────────────────────────────

export function problem(
  kind: CoverageProblemKind,
  endpoint?: string,
  o: { missing?: string[]; detail?: string } = {},
): CoverageProblem {
  const p: CoverageProblem = { kind, detail: o.detail ?? `${kind} problem` };
  if (endpoint !== undefined) p.endpointId = entityId(FILE, endpoint);
  if (o.missing !== undefined) p.missing = o.missing;
  return p;
}

export interface NeedOptions {
  kind?: NeedKind;
  covered?: boolean | 'unknown';
  reason?: string;
  via?: string;
  problems?: CoverageProblem[];
}

export function need(service: string, o: NeedOptions = {}): Need {
  const n: Need = {
    service,
    reason: o.reason ?? `needs ${service}`,
    kind: o.kind ?? 'startup',
    covered: o.covered ?? false,
    problems: o.problems ?? [],
    source: src(40),
  };
  if (o.via !== undefined) n.via = o.via;
  return n;
}

/** A need that is not covered because nothing reaches the service. */
export function unreachable(service: string, kind: NeedKind = 'startup', reason?: string): Need {
  return need(service, { kind, reason: reason ?? `needs ${service}`, problems: [problem('no-path', undefined, { detail: 'no route, no endpoint' })] });
}

export interface PostureOptions {
  key?: string;
  needs?: Need[];
  securityGroups?: string[];
  subnets?: string[];
  egress?: ServicePosture['egress'];
  publicIp?: Attr<boolean>;
}

export function servicePosture(logicalId: string, o: PostureOptions = {}): ServicePosture {
  return {
    serviceId: entityId(FILE, logicalId),
    key: o.key ?? logicalId,
    publicIp: o.publicIp ?? defaulted(false),
    subnets: (o.subnets ?? []).map((s) => entityId(FILE, s)),
    securityGroupIds: (o.securityGroups ?? []).map((s) => entityId(FILE, s)),
    egress: o.egress ?? 'endpoints-only',
    internetIngress: false,
    ingress: [],
    needs: o.needs ?? [],
  };
}

// ── infra entities ───────────────────────────────────────────────────────────────────────────

export function refList(logicalIds: string[], line = 1, explicit = true): RefList {
  return { known: true, items: logicalIds.map((id) => ref(id)), source: src(line, 'Resources', explicit) };
}

export function service(logicalId: string, line = 100): Service {
  return {
    ...entity(logicalId, line),
    key: logicalId,
    stableKey: logicalId,
    launchType: known('FARGATE', line + 1),
    fargate: true,
    desiredCount: defaulted(1, line),
    taskDefinition: ref('TaskDef'),
    assignPublicIp: defaulted(false, line),
    subnets: refList([], line),
    securityGroups: refList([], line),
    enableExecuteCommand: defaulted(false, line),
    loadBalancers: [],
  };
}

export function securityGroup(logicalId: string, line = 60, o: { isDefault?: boolean } = {}): SecurityGroup {
  const sg: SecurityGroup = { ...entity(logicalId, line), rules: [], implicitEgress: false };
  if (o.isDefault !== undefined) sg.isDefault = o.isDefault;
  return sg;
}

export function subnet(logicalId: string, az?: string, line = 30): Subnet {
  return {
    ...entity(logicalId, line),
    cidr: known('10.0.0.0/24', line + 1),
    availabilityZone: az !== undefined ? known(az, line + 2) : { known: false, reason: 'Fn::GetAZs', source: src(line + 2) },
    mapPublicIpOnLaunch: defaulted(false, line),
  };
}

export interface EndpointOptions {
  line?: number;
  type?: EndpointType;
  subnets?: RefList;
  securityGroups?: RefList;
  privateDns?: Attr<boolean>;
  routeTables?: RefList;
  policy?: PolicyDocument;
  /** Leaves the service name unresolved. */
  unknownService?: boolean;
}

export function endpoint(logicalId: string, service: string, o: EndpointOptions = {}): VpcEndpoint {
  const line = o.line ?? 200;
  const e: VpcEndpoint = {
    ...entity(logicalId, line),
    service: o.unknownService === true ? { known: false, reason: 'parameter without default', source: src(line + 1) } : known(service, line + 1),
    serviceNameRaw: known(`com.amazonaws.eu-west-1.${service}`, line + 1),
    type: o.type ?? (service === 's3' || service === 'dynamodb' ? 'Gateway' : 'Interface'),
    subnets: o.subnets ?? refList([], line, false),
    securityGroups: o.securityGroups ?? refList([], line, false),
    privateDns: o.privateDns ?? defaulted(false, line),
    routeTables: o.routeTables ?? refList([], line, false),
  };
  if (o.policy !== undefined) e.policy = o.policy;
  return e;
}

// ── policies ─────────────────────────────────────────────────────────────────────────────────

export interface StatementOptions {
  effect?: 'Allow' | 'Deny';
  sid?: string;
  principals?: string[] | null;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  condition?: string;
  line?: number;
  /** Makes the first resource unresolved. */
  unknownResource?: boolean;
}

function attrs(values: string[], line: number): Attr<string>[] {
  return values.map((v) => known(v, line));
}

export function statement(o: StatementOptions = {}): Statement {
  const line = o.line ?? 220;
  const s: Statement = { effect: o.effect ?? 'Allow', source: src(line) };
  if (o.sid !== undefined) s.sid = o.sid;
  if (o.principals !== null) s.principals = attrs(o.principals ?? ['*'], line);
  if (o.actions !== undefined) s.actions = attrs(o.actions, line);
  if (o.notActions !== undefined) s.notActions = attrs(o.notActions, line);
  if (o.resources !== undefined) s.resources = attrs(o.resources, line);
  if (o.unknownResource === true) s.resources = [{ known: false, reason: 'Fn::ImportValue', source: src(line) }];
  if (o.notResources !== undefined) s.notResources = attrs(o.notResources, line);
  if (o.condition !== undefined) s.condition = o.condition;
  return s;
}

export function policy(statements: Statement[], line = 210, o: { unknown?: string } = {}): PolicyDocument {
  const p: PolicyDocument = { name: 'endpoint policy', statements, source: src(line) };
  if (o.unknown !== undefined) p.unknown = o.unknown;
  return p;
}

/** An ECR endpoint policy limited to the account's repositories, as the reference recommends. */
export function accountScopedEcrPolicy(): PolicyDocument {
  return policy([
    statement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'], line: 221 }),
    statement({
      actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
      resources: ['arn:aws:ecr:eu-west-1:${AWS::AccountId}:repository/*'],
      line: 225,
    }),
  ]);
}

// ── running a rule ───────────────────────────────────────────────────────────────────────────

export interface Scenario {
  infra?: Partial<Infra>;
  services?: ServicePosture[];
}

/** Runs one rule on a hand-built posture. Every posture gets a Service entity unless the case declares its own. */
export function run(rule: Rule, scenario: Scenario): Finding[] {
  const services = scenario.services ?? [];
  const declared = scenario.infra?.services ?? [];
  const entities = [
    ...declared,
    ...services
      .filter((p) => !declared.some((s) => s.id === p.serviceId))
      .map((p) => ({ ...service(p.serviceId.slice(p.serviceId.indexOf('#') + 1)), key: p.key, stableKey: p.key })),
  ];
  const model = infra({ ...scenario.infra, services: entities });
  const posture: Posture = { infra: model, permissions: new Map(), services };
  const index = new InfraIndex(model);
  const findings: Finding[] = [];
  rule.check({ posture, index }, (r) => findings.push(toFinding(rule, r)));
  return findings;
}

/** The parts of a finding a case table asserts on. */
export function brief(f: Finding): { ruleId: string; severity: string; resource: string; service?: string; line: number } {
  const b: { ruleId: string; severity: string; resource: string; service?: string; line: number } = {
    ruleId: f.ruleId,
    severity: f.severity,
    resource: f.resource,
    line: f.line,
  };
  if (f.service !== undefined) b.service = f.service;
  return b;
}

// ── case tables ──────────────────────────────────────────────────────────────────────────────

export interface Expected {
  severity?: string;
  resource: string;
  /** `null`: the finding must not name a service (several are affected). */
  service?: string | null;
  line?: number;
  /** Every pattern must match the message. */
  message?: RegExp[];
}

export interface Tables {
  valid: { name: string; scenario: Scenario }[];
  invalid: { name: string; scenario: Scenario; findings: Expected[] }[];
}

/** ESLint RuleTester-style: valid cases report nothing, invalid cases report exactly the listed findings, in order. */
export function ruleTable(rule: Rule, tables: Tables): void {
  describe(`${rule.meta.id} valid`, () => {
    for (const c of tables.valid) {
      test(c.name, () => {
        assert.deepEqual(run(rule, c.scenario).map(brief), []);
      });
    }
  });
  describe(`${rule.meta.id} invalid`, () => {
    for (const c of tables.invalid) {
      test(c.name, () => {
        const findings = run(rule, c.scenario);
        assert.equal(findings.length, c.findings.length, `findings: ${JSON.stringify(findings.map((f) => f.message), null, 1)}`);
        c.findings.forEach((want, i) => {
          const got = findings[i];
          assert.ok(got !== undefined);
          assert.equal(got.ruleId, rule.meta.id);
          assert.equal(got.resource, want.resource);
          assert.equal(got.severity, want.severity ?? rule.meta.severity);
          if (want.service === null) assert.equal(got.service, undefined);
          else if (want.service !== undefined) assert.equal(got.service, want.service);
          if (want.line !== undefined) assert.equal(got.line, want.line);
          for (const re of want.message ?? []) assert.match(got.message, re);
          // A message that still holds a placeholder means a data key was forgotten.
          assert.doesNotMatch(got.message, /\{\{/);
        });
      });
    }
  });
}
