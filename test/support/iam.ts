// Builders and a case-table runner for the IAM rules (FW1xx). Permissions are built directly as
// the analysis would produce them (grants already expanded), so a rule test does not depend on
// the IAM catalog or the managed-policy snapshot, and reads like the rule's specification.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type {
  AccessLevel, Attr, Container, EffectivePermissions, EntityRef, Finding, Grant, Infra, PatternGrant, PolicyDocument, Posture,
  ResourceEntry, Role, SecretReference, SecretResource, Service, Severity, Statement, TaskDefinition,
} from '../../src/shared/model/index.ts';
import { InfraIndex, entityId } from '../../src/shared/analysis/infra-index.ts';
import { toFinding, type Rule } from '../../src/shared/rules/types.ts';
import { FILE, defaulted, entity, known, ref, src } from './model.ts';

// ── roles and trust policies ─────────────────────────────────────────────────────────────────

export const ECS_TASKS = 'Service:ecs-tasks.amazonaws.com';

export interface TrustStatementOptions {
  principals?: (string | Attr<string>)[];
  notPrincipals?: string[];
  condition?: Record<string, Record<string, unknown>> | string;
  effect?: 'Allow' | 'Deny';
  line?: number;
}

export function trustStatement(o: TrustStatementOptions = {}): Statement {
  const line = o.line ?? 3;
  const s: Statement = {
    effect: o.effect ?? 'Allow',
    actions: [known('sts:AssumeRole', line)],
    principals: (o.principals ?? [ECS_TASKS]).map((p) => (typeof p === 'string' ? known(p, line) : p)),
    source: src(line),
  };
  if (o.notPrincipals !== undefined) {
    s.notPrincipals = o.notPrincipals.map((p) => known(p, line));
    delete s.principals;
  }
  if (o.condition !== undefined) s.condition = typeof o.condition === 'string' ? o.condition : JSON.stringify(o.condition);
  return s;
}

export function document(name: string, statements: Statement[], line = 2): PolicyDocument {
  return { name, statements, source: src(line) };
}

/** A condition that pins ECS tasks to the account (the confused-deputy guard FW109 wants). */
export const SOURCE_ACCOUNT = { StringEquals: { 'aws:SourceAccount': '123456789012' } };

export interface RoleOptions {
  line?: number;
  /** Trust policy statements; `null` leaves the trust policy out (unknown). Default: ECS tasks with aws:SourceAccount. */
  trust?: Statement[] | null;
  trustUnknown?: string;
  file?: string;
}

export function role(logicalId: string, o: RoleOptions = {}): Role {
  const line = o.line ?? 20;
  const r: Role = { ...entity(logicalId, line, o.file ?? FILE), inlinePolicies: [], managedPolicies: [] };
  if (o.trust !== null) {
    const trust = document(`${logicalId} trust`, o.trust ?? [trustStatement({ condition: SOURCE_ACCOUNT, line: line + 3 })], line + 2);
    if (o.trustUnknown !== undefined) trust.unknown = o.trustUnknown;
    r.trustPolicy = trust;
  }
  return r;
}

// ── task definitions, containers, secrets, services ──────────────────────────────────────────

export function secret(name: string, valueFrom: string | Attr<string>, store: SecretReference['store'] = 'secretsmanager', line = 70): SecretReference {
  return { name, valueFrom: typeof valueFrom === 'string' ? known(valueFrom, line) : valueFrom, store, source: src(line) };
}

export interface ContainerOptions {
  image?: string;
  registry?: Container['registry'];
  logDriver?: string;
  secrets?: SecretReference[];
  repositoryCredentials?: SecretReference;
  environmentFiles?: string[];
}

export function container(name: string, o: ContainerOptions = {}): Container {
  const c: Container = {
    name,
    image: known(o.image ?? 'public.ecr.aws/nginx/nginx:latest', 61),
    registry: o.registry ?? 'ecr-public',
    logOptions: {},
    secrets: o.secrets ?? [],
    environmentFiles: (o.environmentFiles ?? []).map((f) => known(f, 66)),
    portMappings: [],
    source: src(60),
  };
  if (o.logDriver !== undefined) c.logDriver = known(o.logDriver, 64);
  if (o.repositoryCredentials !== undefined) c.repositoryCredentials = o.repositoryCredentials;
  return c;
}

export interface TaskDefOptions {
  line?: number;
  /** Logical ID of the role, or an EntityRef (external ARN, unknown). */
  taskRole?: string | EntityRef;
  executionRole?: string | EntityRef;
  containers?: Container[];
  compat?: string[];
}

function roleRef(r: string | EntityRef): EntityRef {
  return typeof r === 'string' ? ref(r) : r;
}

export function taskDef(logicalId: string, o: TaskDefOptions = {}): TaskDefinition {
  const td: TaskDefinition = {
    ...entity(logicalId, o.line ?? 50),
    networkMode: known('awsvpc', (o.line ?? 50) + 1),
    requiresCompatibilities: o.compat ?? ['FARGATE'],
    containers: o.containers ?? [container('app')],
  };
  if (o.taskRole !== undefined) td.taskRole = roleRef(o.taskRole);
  if (o.executionRole !== undefined) td.executionRole = roleRef(o.executionRole);
  return td;
}

export interface ServiceOptions {
  key?: string;
  /** Defaults to `key`: set both for a service whose key the scan qualified (see Service.key). */
  stableKey?: string;
  taskDefinition?: string;
  line?: number;
  exec?: boolean | Attr<boolean>;
  fargate?: boolean | 'unknown';
}

export function service(logicalId: string, o: ServiceOptions = {}): Service {
  const line = o.line ?? 100;
  return {
    ...entity(logicalId, line),
    key: o.key ?? logicalId,
    stableKey: o.stableKey ?? o.key ?? logicalId,
    launchType: known('FARGATE', line + 1),
    fargate: o.fargate ?? true,
    desiredCount: defaulted(1, line),
    taskDefinition: ref(o.taskDefinition ?? 'TaskDef'),
    assignPublicIp: defaulted(false, line),
    subnets: { known: true, items: [], source: src(line) },
    securityGroups: { known: true, items: [], source: src(line) },
    enableExecuteCommand: o.exec === undefined ? defaulted(false, line) : typeof o.exec === 'boolean' ? known(o.exec, line + 5) : o.exec,
    loadBalancers: [],
  };
}

/** An in-template AWS::SecretsManager::Secret / AWS::SSM::Parameter, optionally with a literal Name. */
export function secretResource(logicalId: string, name?: string, store: SecretResource['store'] = 'secretsmanager', line = 210): SecretResource {
  const r: SecretResource = { ...entity(logicalId, line), store };
  if (name !== undefined) r.name = name;
  return r;
}

/** A `ValueFrom: !Ref <logicalId>` reference to an in-template secret. */
export function secretRef(envName: string, logicalId: string, store: SecretReference['store'] = 'secretsmanager'): SecretReference {
  return { ...secret(envName, `\${${logicalId}}`, store), resource: ref(logicalId) };
}

export function resourceEntry(logicalId: string, type: string, line = 200): ResourceEntry {
  return { ...entity(logicalId, line), type };
}

// ── effective permissions ────────────────────────────────────────────────────────────────────

export interface GrantOptions {
  resource?: string;
  accessLevel?: AccessLevel;
  resourceLevel?: boolean;
  condition?: Record<string, Record<string, unknown>>;
  via?: string;
  pattern?: string;
  line?: number;
}

/** Access levels of the actions the tests use, as the catalog has them (so cases stay short). */
const LEVELS: Record<string, AccessLevel> = {
  'iam:passrole': 'Write', 'iam:putrolepolicy': 'Permissions management', 'iam:attachrolepolicy': 'Permissions management',
  'iam:createpolicyversion': 'Permissions management', 'iam:createaccesskey': 'Write', 'iam:updateassumerolepolicy': 'Permissions management',
  'iam:getrole': 'Read', 'iam:listroles': 'List', 'sts:assumerole': 'Write', 'sts:getcalleridentity': 'Read',
  's3:getobject': 'Read', 's3:putobject': 'Write', 's3:deleteobject': 'Write', 's3:listbucket': 'List', 's3:putobjectacl': 'Permissions management',
  's3:listallmybuckets': 'List', 's3:getbucketlocation': 'Read', 's3:putobjecttagging': 'Tagging', 's3:getobjectversion': 'Read',
  'dynamodb:getitem': 'Read', 'dynamodb:putitem': 'Write', 'dynamodb:deleteitem': 'Write', 'dynamodb:query': 'Read',
  'sqs:sendmessage': 'Write', 'sqs:receivemessage': 'Read', 'sqs:tagqueue': 'Tagging',
  'ec2:runinstances': 'Write', 'ec2:describeinstances': 'List', 'lambda:createfunction': 'Write', 'lambda:invokefunction': 'Write',
  'lambda:updatefunctioncode': 'Write', 'ecs:registertaskdefinition': 'Write', 'ecs:runtask': 'Write',
  'secretsmanager:getsecretvalue': 'Read', 'secretsmanager:listsecrets': 'List', 'ssm:getparameters': 'Read', 'ssm:getparameter': 'Read',
  'kms:decrypt': 'Write', 'ecr:getauthorizationtoken': 'Read', 'ecr:batchchecklayeravailability': 'Read',
  'ecr:getdownloadurlforlayer': 'Read', 'ecr:batchgetimage': 'Read', 'ecr:putimage': 'Write', 'logs:createlogstream': 'Write',
  'logs:putlogevents': 'Write', 'logs:createloggroup': 'Write', 'cloudwatch:putmetricdata': 'Write',
  'ssmmessages:createcontrolchannel': 'Write', 'ssmmessages:createdatachannel': 'Write', 'ssmmessages:opencontrolchannel': 'Write',
  'ssmmessages:opendatachannel': 'Write', 'xray:puttracesegments': 'Write',
};

/** Actions that only accept `*` (no resource types in the catalog). */
const STAR_ONLY = new Set([
  'sts:getcalleridentity', 's3:listallmybuckets', 'ec2:describeinstances', 'secretsmanager:listsecrets', 'ecr:getauthorizationtoken',
  'cloudwatch:putmetricdata', 'ssmmessages:createcontrolchannel', 'ssmmessages:createdatachannel', 'ssmmessages:opencontrolchannel',
  'ssmmessages:opendatachannel', 'xray:puttracesegments', 'iam:listroles',
]);

export const INLINE = 'TaskRole inline';

export function grant(action: string, o: GrantOptions = {}): Grant {
  const lower = action.toLowerCase();
  const g: Grant = {
    action,
    accessLevel: o.accessLevel ?? LEVELS[lower] ?? 'Unknown',
    resource: o.resource ?? '*',
    resourceLevel: o.resourceLevel ?? !STAR_ONLY.has(lower),
    via: o.via ?? INLINE,
    pattern: o.pattern ?? action,
    source: src(o.line ?? 30),
  };
  if (o.condition !== undefined) g.condition = JSON.stringify(o.condition);
  return g;
}

/** Several grants from one statement (same resource, condition, via, line). */
export function grants(actions: string[], o: GrantOptions = {}): Grant[] {
  return actions.map((a) => grant(a, o));
}

export interface PatternOptions {
  effect?: 'Allow' | 'Deny';
  negated?: boolean;
  resources?: string[];
  condition?: Record<string, Record<string, unknown>>;
  via?: string;
  managed?: boolean;
  line?: number;
}

export function pattern(p: string, o: PatternOptions = {}): PatternGrant {
  const pg: PatternGrant = {
    pattern: p,
    effect: o.effect ?? 'Allow',
    negated: o.negated ?? false,
    resources: o.resources ?? ['*'],
    via: o.via ?? INLINE,
    managed: o.managed ?? false,
    source: src(o.line ?? 30),
  };
  if (o.condition !== undefined) pg.condition = JSON.stringify(o.condition);
  return pg;
}

export function managedArn(name: string): string {
  return `arn:aws:iam::aws:policy/${name}`;
}

export interface PermsOptions {
  grants?: Grant[];
  /** Default: one Allow pattern per distinct (grant pattern, via, resource, condition), as the analysis keeps them. */
  patterns?: PatternGrant[];
  managed?: { name: string; known?: boolean; line?: number }[];
  unknown?: string[];
}

/** Effective permissions of a role in the test template. */
export function perms(roleLogicalId: string, o: PermsOptions = {}): EffectivePermissions {
  const gs = o.grants ?? [];
  return {
    roleId: entityId(FILE, roleLogicalId),
    grants: gs,
    patterns: o.patterns ?? derivedPatterns(gs),
    awsManagedPolicies: (o.managed ?? []).map((m) => ({ arn: managedArn(m.name), name: m.name, known: m.known ?? true, source: src(m.line ?? 25) })),
    unknown: o.unknown ?? [],
    unrecognised: [],
  };
}

function derivedPatterns(gs: Grant[]): PatternGrant[] {
  const seen = new Map<string, PatternGrant>();
  for (const g of gs) {
    const key = `${g.pattern}|${g.via}|${g.condition ?? ''}|${g.source.line}`;
    const existing = seen.get(key);
    if (existing !== undefined) {
      if (!existing.resources.includes(g.resource)) existing.resources.push(g.resource);
      continue;
    }
    const p: PatternGrant = { pattern: g.pattern, effect: 'Allow', negated: false, resources: [g.resource], via: g.via, managed: g.via.startsWith('arn:'), source: g.source };
    if (g.condition !== undefined) p.condition = g.condition;
    seen.set(key, p);
  }
  return [...seen.values()];
}

/** What AmazonECSTaskExecutionRolePolicy expands to. */
export function executionPolicyGrants(line = 25): Grant[] {
  return grants(
    ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage', 'logs:CreateLogStream', 'logs:PutLogEvents'],
    { via: managedArn('service-role/AmazonECSTaskExecutionRolePolicy'), line },
  );
}

// ── running rules ────────────────────────────────────────────────────────────────────────────

export function posture(infra: Infra, permissions: EffectivePermissions[] = []): Posture {
  return { infra, permissions: new Map(permissions.map((p) => [p.roleId, p])), services: [] };
}

export function runRule(rule: Rule, infra: Infra, permissions: EffectivePermissions[] = []): Finding[] {
  const findings: Finding[] = [];
  rule.check({ posture: posture(infra, permissions), index: new InfraIndex(infra) }, (r) => findings.push(toFinding(rule, r)));
  return findings;
}

export interface ExpectedFinding {
  resource: string;
  line: number;
  severity?: Severity;
  /** Service key; `null` asserts the finding has none. */
  service?: string | null;
  /** Substrings the message must contain. */
  message?: string[];
  /** Substrings the message must not contain. */
  notMessage?: string[];
}

export interface IamCase {
  name: string;
  infra: Infra;
  permissions?: EffectivePermissions[];
  expect: ExpectedFinding[];
}

/** One test per case: compliant (or not judged) cases report nothing, others exactly what is expected, in order. */
export function iamRuleCases(rule: Rule, cases: { valid: IamCase[]; invalid: IamCase[] }): void {
  describe(`${rule.meta.id} ${rule.meta.title}`, () => {
    test('metadata', () => {
      assert.equal(rule.meta.area, 'iam');
      // FW103, FW106, FW107 and FW108 build fixes (src/shared/fixes/builders/iam.ts); the others do not.
      assert.equal(rule.meta.fixable, ['FW103', 'FW106', 'FW107', 'FW108'].includes(rule.meta.id));
      assert.ok(rule.meta.description.length > 80);
      assert.ok(Object.keys(rule.meta.messages).length > 0);
    });
    describe('compliant / not judged', () => {
      for (const c of cases.valid) {
        test(c.name, () => {
          assert.deepEqual(runRule(rule, c.infra, c.permissions).map(summary), []);
        });
      }
    });
    describe('non-compliant', () => {
      for (const c of cases.invalid) {
        test(c.name, () => {
          const findings = runRule(rule, c.infra, c.permissions);
          assert.equal(findings.length, c.expect.length, `findings: ${JSON.stringify(findings.map(summary), null, 1)}`);
          c.expect.forEach((e, i) => {
            const f = findings[i];
            assert.equal(f.ruleId, rule.meta.id);
            assert.equal(f.severity, e.severity ?? rule.meta.severity);
            assert.equal(f.resource, e.resource);
            assert.equal(f.line, e.line, `line of ${summary(f)}`);
            assert.equal(f.file, FILE);
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

export function summary(f: Finding): string {
  return `${f.ruleId}/${f.severity} ${f.resource}:${f.line} [${f.service ?? '-'}] ${f.message}`;
}
