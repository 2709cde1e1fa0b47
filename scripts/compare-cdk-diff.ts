// `npm run compare:cdk-diff`: side-by-side evidence that `fargate-warden diff` reports everything
// `cdk diff` puts in its security tables (IAM statement changes, IAM policy changes, security
// group changes), and what it reports besides. Runs both on the same base/head pairs, maps each
// cdk row to the fargate-warden changes that correspond to it, prints the table and writes it to
// docs/evidence/cdk-diff.md (`--check` compares instead of writing; `--stdout` only prints).
//
// cdk's side is @aws-cdk/cloudformation-diff (a devDependency, never imported from src/): fullDiff
// on each pair of templates, the same call `cdk diff` makes. Templates are read here with the
// `yaml` package and CloudFormation's short tags, independently of fargate-warden's own parser.
import cfnDiff from '@aws-cdk/cloudformation-diff';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml, type Tags } from 'yaml';
import { generateTemplate } from '../bench/generate.ts';
import { main as cliMain } from '../src/cli/main.ts';

const { fullDiff } = cfnDiff;
type TemplateDiff = ReturnType<typeof fullDiff>;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Template = { Resources?: Record<string, { Type?: string; Properties?: Record<string, Json>; Metadata?: Record<string, Json> }> } & Record<string, unknown>;

export const ROOT = resolve(import.meta.dirname, '..');
export const EVIDENCE_FILE = join(ROOT, 'docs', 'evidence', 'cdk-diff.md');

// ---------------------------------------------------------------------------------------------
// The pairs

export interface EvidencePair {
  id: string;
  title: string;
  /** Directories, relative to ROOT when inside it. */
  base: string;
  head: string;
}

const FIXTURES = 'test/fixtures/cdk-diff';
const FIXTURE_TITLES: Record<string, string> = {
  'iam-statement-added': 'IAM statements added (one with a condition)',
  'sg-ingress-added': 'Security group ingress added (IPv4 range, IPv6 world)',
  'sg-egress-removed': 'Security group egress removed (inline rule and standalone resource)',
  'managed-policy-attached': 'AWS managed policy attached (CDK-style Fn::Join ARN)',
  'public-ip-enabled': 'Public IP enabled',
  'endpoint-removed': 'VPC endpoint removed (endpoints-only subnets)',
  'endpoint-sg-opened': "Interface endpoints' security group opened to the world",
};

/**
 * Every pair the evidence covers. The bench pair is generated into `workDir` (the bench's own
 * generator, N = 10), the others are checked-in directories.
 */
export function evidencePairs(workDir: string): EvidencePair[] {
  const benchDir = join(workDir, 'bench-10');
  for (const variant of ['base', 'head'] as const) {
    mkdirSync(join(benchDir, variant), { recursive: true });
    writeFileSync(join(benchDir, variant, 'template.json'), JSON.stringify(generateTemplate({ services: 10, variant }), null, 2));
  }
  const pairs: EvidencePair[] = [
    { id: 'bench-10', title: 'Bench pair, N = 10 (head broadens one service in ten)', base: join(benchDir, 'base'), head: join(benchDir, 'head') },
    { id: 'examples', title: 'examples/base → examples/head (two stacks: network and API service)', base: 'examples/base', head: 'examples/head' },
  ];
  for (const id of Object.keys(FIXTURE_TITLES)) {
    pairs.push({ id, title: FIXTURE_TITLES[id], base: `${FIXTURES}/${id}/base`, head: `${FIXTURES}/${id}/head` });
  }
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// Reading templates (independently of fargate-warden's parser)

const INTRINSICS = ['Ref', 'Condition', 'GetAtt', 'Sub', 'Join', 'Select', 'Split', 'ImportValue', 'FindInMap', 'If', 'Equals', 'And', 'Or', 'Not', 'Base64', 'Cidr', 'GetAZs', 'Transform', 'Length', 'ToJsonString'];
const longName = (name: string): string => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);
const CFN_TAGS: Tags = INTRINSICS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => ({ [longName(name)]: name === 'GetAtt' ? value.split('.') : value }) },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (value: { toJSON(): unknown }) => ({ [longName(name)]: value.toJSON() }) },
  { tag: `!${name}`, collection: 'map' as const, resolve: (value: { toJSON(): unknown }) => ({ [longName(name)]: value.toJSON() }) },
]) as Tags;

export function readTemplate(file: string): Template {
  const text = readFileSync(file, 'utf8');
  return (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { customTags: CFN_TAGS })) as Template;
}

/** Relative path → file, for every template under a directory. */
function templateFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(json|ya?ml|template)$/.test(name) && !name.endsWith('manifest.json') && !name.endsWith('.metadata.json')) out.set(relative(dir, full), full);
    }
  };
  walk(dir);
  return out;
}

// ---------------------------------------------------------------------------------------------
// cdk's side: what its security tables list, attributed to the resource it came from

export type CdkRowKind = 'iam-statement' | 'managed-policy' | 'sg-rule';

export interface CdkRow {
  kind: CdkRowKind;
  change: '+' | '-';
  /** The row as cdk's table shows it (cells joined by " │ "). */
  text: string;
  /** The template (relative path) and logical ID of the resource whose change produced the row. */
  template: string;
  origin: string;
  originType: string;
  statement?: { effect: string; actions: string[]; notActions: boolean; resources: string[]; notResources: boolean; principals: string[]; condition: boolean };
  managedPolicy?: { identity: string; arn: string };
  rule?: { group: string; direction: 'ingress' | 'egress'; protocol: string; ports: string; peer: string };
}

interface CdkStatement {
  effect: string;
  actions: { values: string[]; not: boolean };
  resources: { values: string[]; not: boolean };
  principals: { values: string[]; not: boolean };
  condition?: unknown;
  render(): { resource: string; effect: string; action: string; principal: string; condition: string };
}
interface CdkRule {
  groupId: string;
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  peer?: { kind: 'cidr-ip'; ip: string } | { kind: 'security-group'; securityGroupId: string } | { kind: 'prefix-list'; prefixListId: string };
  describeProtocol(): string;
  describePeer(): string;
}

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();

function rowsOf(diff: TemplateDiff, template: string, origin: string, originType: string): CdkRow[] {
  const rows: CdkRow[] = [];
  const statements = diff.iamChanges.statements as unknown as { additions: CdkStatement[]; removals: CdkStatement[] };
  for (const [change, list] of [['+', statements.additions], ['-', statements.removals]] as const) {
    for (const s of list) {
      const r = s.render();
      rows.push({
        kind: 'iam-statement',
        change,
        text: [r.resource, r.effect, r.action, r.principal, r.condition].map(oneLine).join(' │ ').trimEnd(),
        template,
        origin,
        originType,
        statement: {
          effect: s.effect,
          actions: s.actions.values,
          notActions: s.actions.not,
          resources: s.resources.values,
          notResources: s.resources.not,
          principals: s.principals.values,
          condition: s.condition !== undefined,
        },
      });
    }
  }
  const policies = diff.iamChanges.managedPolicies;
  for (const [change, list] of [['+', policies.additions], ['-', policies.removals]] as const) {
    for (const p of list) {
      rows.push({ kind: 'managed-policy', change, text: `${p.identityArn} │ ${p.managedPolicyArn}`, template, origin, originType, managedPolicy: { identity: p.identityArn, arn: p.managedPolicyArn } });
    }
  }
  const sg = diff.securityGroupChanges as unknown as Record<'ingress' | 'egress', { additions: CdkRule[]; removals: CdkRule[] }>;
  for (const direction of ['ingress', 'egress'] as const) {
    for (const [change, list] of [['+', sg[direction].additions], ['-', sg[direction].removals]] as const) {
      for (const rule of list) {
        rows.push({
          kind: 'sg-rule',
          change,
          text: [rule.groupId, direction === 'ingress' ? 'In' : 'Out', rule.describeProtocol(), rule.describePeer()].join(' │ '),
          template,
          origin,
          originType,
          rule: { group: rule.groupId, direction, protocol: rule.ipProtocol, ports: cdkPorts(rule), peer: cdkPeer(rule) },
        });
      }
    }
  }
  return rows;
}

function cdkPorts(rule: CdkRule): string {
  const protocol = normalizeProtocol(rule.ipProtocol);
  if (protocol === 'all' || rule.fromPort === undefined) return 'all';
  const to = rule.toPort ?? rule.fromPort;
  if (rule.fromPort <= 0 && to >= 65535) return 'all';
  return rule.fromPort === to ? String(rule.fromPort) : `${rule.fromPort}-${to}`;
}

function cdkPeer(rule: CdkRule): string {
  const peer = rule.peer;
  if (peer === undefined) return 'unknown';
  if (peer.kind === 'cidr-ip') return peer.ip;
  if (peer.kind === 'security-group') return `sg:${logicalIdIn(peer.securityGroupId) ?? peer.securityGroupId}`;
  return `pl:${logicalIdIn(peer.prefixListId) ?? peer.prefixListId}`;
}

/** `${Name}` or `${Name.Attr}` → Name. */
function logicalIdIn(rendered: string): string | undefined {
  return /^\$\{([^.}]+)(?:\.[^}]*)?\}$/.exec(rendered)?.[1];
}

export interface CdkSide {
  rows: CdkRow[];
  /** Every row of the whole-template diffs, as cdk prints them (to check the attribution lost nothing). */
  wholeTemplateRows: string[];
  templates: { base: Map<string, Template>; head: Map<string, Template> };
}

/**
 * cdk's security rows for a pair. Templates are paired by relative path (one stack each, as
 * `cdk diff` diffs stack by stack). Each row is attributed to its resource by diffing the
 * templates restricted to that one resource: cdk computes these rows resource by resource, so the
 * union is the whole-template diff, which is also kept to check exactly that.
 */
export function cdkSecurityRows(pair: EvidencePair): CdkSide {
  const baseFiles = templateFiles(resolve(ROOT, pair.base));
  const headFiles = templateFiles(resolve(ROOT, pair.head));
  const names = [...new Set([...baseFiles.keys(), ...headFiles.keys()])].sort();
  const rows: CdkRow[] = [];
  const wholeTemplateRows: string[] = [];
  const templates = { base: new Map<string, Template>(), head: new Map<string, Template>() };
  for (const name of names) {
    const base = baseFiles.has(name) ? readTemplate(baseFiles.get(name) as string) : {};
    const head = headFiles.has(name) ? readTemplate(headFiles.get(name) as string) : {};
    templates.base.set(name, base);
    templates.head.set(name, head);
    wholeTemplateRows.push(...rowsOf(fullDiff(base, head), name, '', '').map(rowKey));
    const ids = [...new Set([...Object.keys(base.Resources ?? {}), ...Object.keys(head.Resources ?? {})])].sort();
    for (const id of ids) {
      const b = base.Resources?.[id];
      const h = head.Resources?.[id];
      if (JSON.stringify(b) === JSON.stringify(h)) continue;
      const only = (r: typeof b): Template => (r === undefined ? { Resources: {} } : { Resources: { [id]: r } });
      rows.push(...rowsOf(fullDiff(only(b), only(h)), name, id, (h ?? b)?.Type ?? ''));
    }
  }
  return { rows, wholeTemplateRows: wholeTemplateRows.sort(), templates };
}

export const rowKey = (row: CdkRow): string => `${row.kind} ${row.change} ${row.text}`;
/** A row with the resource it came from: two endpoints may carry the same statement. */
export const rowId = (row: CdkRow): string => `${row.origin}: ${rowKey(row)}`;

// ---------------------------------------------------------------------------------------------
// fargate-warden's side: `diff --format json` (the public contract in DESIGN.md)

export interface DiffJson {
  version: number;
  services: ServiceDiffJson[];
  findings: { new: FindingJson[]; resolved: FindingJson[] };
  verdict: string;
}
export interface ServiceDiffJson {
  key: string;
  status: string;
  permissions: { added: PermissionJson[]; removed: PermissionJson[] };
  securityGroupRules: { added: RuleJson[]; removed: RuleJson[] };
  exposure: { before: ExposureJson | null; after: ExposureJson | null };
  needs: { lost: NeedJson[]; gained: NeedJson[] };
  /** Statement actions of the policies of the VPC endpoints the service uses (beyond the contract's minimum; used when present). */
  endpointPolicies?: { added: EndpointPolicyJson[]; removed: EndpointPolicyJson[] };
  /** Each side's network path, with how every need is reached (beyond the contract's minimum; used when present). */
  network?: { before: NetworkJson | null; after: NetworkJson | null };
}
export interface NetworkJson { needs: { service: string; covered: boolean | 'unknown'; via?: string | null }[] }
/** `condition` here and in PermissionJson: the statement's IAM Condition block, null when it has none (the outcome it exists under is `when`, not read here). */
export interface EndpointPolicyJson { endpoint: string; effect: string; principal: string; action: string; resource: string; condition?: unknown }
export interface PermissionJson { role: string; action: string; resource: string; accessLevel: string; condition?: unknown }
export interface RuleJson { group: string; direction: string; protocol: string; ports: string; peer: string; explicit?: boolean }
export interface ExposureJson { publicIp: boolean | 'unknown'; internetIngress: boolean | 'unknown'; defaultRoute?: string }
export interface NeedJson { service: string; reason: string; before?: string | null; after?: string | null }
export interface FindingJson { ruleId: string; resource: string; service?: string }

/** `fargate-warden diff --base B --head H --format json`, run through the CLI's own entry point. */
export async function fargateWardenDiff(pair: EvidencePair): Promise<DiffJson> {
  let stdout = '';
  let stderr = '';
  const code = await cliMain(['diff', '--base', pair.base, '--head', pair.head, '--format', 'json'], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: ROOT,
    env: {},
  });
  if (code !== 0 && code !== 1) throw new Error(`fargate-warden diff --base ${pair.base} --head ${pair.head} exited ${code}: ${stderr}`);
  return JSON.parse(stdout) as DiffJson;
}

// ---------------------------------------------------------------------------------------------
// The mapping

export type Status = 'reported' | 'effect' | 'no-effective-change' | 'out-of-scope' | 'missing';

export interface Correspondence {
  row: CdkRow;
  status: Status;
  /** What fargate-warden's diff says for it. */
  ours: string;
}

export interface PairComparison {
  pair: EvidencePair;
  correspondences: Correspondence[];
  /** What fargate-warden reports that no cdk security row covers. */
  extras: string[];
  /** The attribution check: per-resource rows equal the whole-template rows. */
  attributionComplete: boolean;
}

interface Ctx {
  ours: DiffJson;
  cdk: CdkSide;
  /** Logical ID → the labels fargate-warden may use for it (logical ID, CDK path). */
  labels: (logicalId: string) => Set<string>;
  /** Roles (logical IDs) that are an ECS service's task or execution role, base or head. */
  serviceRoles: Set<string>;
  /** Security groups (logical IDs) by what uses them: 'service' | 'endpoint:<id>' | 'load-balancer:<id>'. */
  groupUsers: Map<string, Set<string>>;
  /** Permission changes and rule changes already explained by some cdk row (for the extras). */
  explainedPermissions: Set<PermissionJson>;
  explainedRules: Set<RuleJson>;
}

export function compare(pair: EvidencePair, cdk: CdkSide, ours: DiffJson): PairComparison {
  const ctx = context(cdk, ours);
  const correspondences = cdk.rows.map((row) => correspond(row, ctx));
  const order: Record<Status, number> = { missing: 0, reported: 1, effect: 2, 'no-effective-change': 3, 'out-of-scope': 4 };
  correspondences.sort((a, b) => order[a.status] - order[b.status] || cmp(rowKey(a.row), rowKey(b.row)));
  return {
    pair,
    correspondences,
    extras: extras(ctx),
    attributionComplete: JSON.stringify(cdk.rows.map(rowKey).sort()) === JSON.stringify(cdk.wholeTemplateRows),
  };
}

function context(cdk: CdkSide, ours: DiffJson): Ctx {
  const paths = new Map<string, string>();
  const serviceRoles = new Set<string>();
  const groupUsers = new Map<string, Set<string>>();
  const use = (group: Json | undefined, user: string): void => {
    for (const g of Array.isArray(group) ? group : group === undefined ? [] : [group]) {
      const id = refTarget(g);
      if (id === undefined) continue;
      if (!groupUsers.has(id)) groupUsers.set(id, new Set());
      (groupUsers.get(id) as Set<string>).add(user);
    }
  };
  for (const side of [cdk.templates.base, cdk.templates.head]) {
    for (const template of side.values()) {
      for (const [id, resource] of Object.entries(template.Resources ?? {})) {
        const path = resource.Metadata?.['aws:cdk:path'];
        if (typeof path === 'string') paths.set(id, path);
        const p = resource.Properties ?? {};
        if (resource.Type === 'AWS::ECS::TaskDefinition') {
          for (const role of [p.TaskRoleArn, p.ExecutionRoleArn]) {
            const target = role === undefined ? undefined : refTarget(role);
            if (target !== undefined) serviceRoles.add(target);
          }
        }
        if (resource.Type === 'AWS::ECS::Service') use(objectAt(p, ['NetworkConfiguration', 'AwsvpcConfiguration', 'SecurityGroups']), 'service');
        if (resource.Type === 'AWS::EC2::VPCEndpoint') use(p.SecurityGroupIds, `endpoint:${id}`);
        if (resource.Type === 'AWS::ElasticLoadBalancingV2::LoadBalancer') use(p.SecurityGroups, `load-balancer:${id}`);
      }
    }
  }
  const labels = (logicalId: string): Set<string> => {
    const out = new Set([logicalId]);
    const path = paths.get(logicalId);
    if (path !== undefined) {
      out.add(path);
      out.add(path.replace(/\/(Resource|Default)$/, ''));
    }
    return out;
  };
  return { ours, cdk, labels, serviceRoles, groupUsers, explainedPermissions: new Set(), explainedRules: new Set() };
}

function objectAt(value: Json | undefined, path: string[]): Json | undefined {
  let v = value;
  for (const key of path) v = v !== null && typeof v === 'object' && !Array.isArray(v) ? v[key] : undefined;
  return v;
}

/** `{Ref: X}`, `{Fn::GetAtt: [X, ...]}`, `{Fn::GetAtt: "X.Attr"}` → X. */
function refTarget(value: Json): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const att = value['Fn::GetAtt'];
  if (Array.isArray(att) && typeof att[0] === 'string') return att[0];
  if (typeof att === 'string') return att.split('.')[0];
  return undefined;
}

function correspond(row: CdkRow, ctx: Ctx): Correspondence {
  switch (row.kind) {
    case 'iam-statement':
      return correspondStatement(row, ctx);
    case 'managed-policy':
      return correspondManagedPolicy(row, ctx);
    case 'sg-rule':
      return correspondRule(row, ctx);
  }
}

/** A permission change in the direction a cdk row implies, with the service that shows it. */
interface Hit { service: string; p: PermissionJson }

function permissionChanges(ctx: Ctx, direction: 'added' | 'removed'): Hit[] {
  return ctx.ours.services.flatMap((s) => s.permissions[direction].map((p) => ({ service: s.key, p })));
}

function correspondStatement(row: CdkRow, ctx: Ctx): Correspondence {
  const st = row.statement as NonNullable<CdkRow['statement']>;
  const roles = st.principals.map((p) => (p.startsWith('AWS:') ? logicalIdIn(p.slice(4)) : undefined)).filter((r): r is string => r !== undefined);
  const isRole = (id: string): boolean => [...ctx.cdk.templates.base.values(), ...ctx.cdk.templates.head.values()].some((t) => t.Resources?.[id]?.Type === 'AWS::IAM::Role');
  const identityRoles = roles.filter(isRole);

  if (identityRoles.length === 0) {
    // Not an identity policy: a trust policy, or a resource policy (endpoint, bucket, queue…).
    if (row.originType === 'AWS::IAM::Role') {
      const hits = ctx.ours.findings.new.concat(ctx.ours.findings.resolved).filter((f) => f.ruleId === 'FW109' && ctx.labels(row.origin).has(f.resource));
      return hits.length > 0
        ? { row, status: 'reported', ours: `trust policy finding ${hits.map((f) => f.ruleId).join(', ')} on ${row.origin}` }
        : { row, status: ctx.serviceRoles.has(row.origin) ? 'missing' : 'out-of-scope', ours: ctx.serviceRoles.has(row.origin) ? 'nothing (trust policy of a service role)' : 'trust policy of a role no ECS service uses' };
    }
    if (row.originType === 'AWS::EC2::VPCEndpoint') {
      const reported = endpointStatementChanges(row, st, ctx);
      if (reported !== undefined) return { row, status: 'reported', ours: reported };
      const via = `endpoint:${row.origin}`;
      const needs = needChangesVia(ctx, via);
      const findings = ctx.ours.findings.new.concat(ctx.ours.findings.resolved).filter((f) => ctx.labels(row.origin).has(f.resource));
      if (needs.length + findings.length > 0) {
        return { row, status: 'effect', ours: [...needs, ...findings.map((f) => `finding ${f.ruleId} on ${f.resource}`)].join('; ') };
      }
      return { row, status: 'missing', ours: `nothing about endpoint ${row.origin}'s policy` };
    }
    return { row, status: 'out-of-scope', ours: `resource policy of ${row.origin} (${row.originType}), not a service's permission` };
  }

  const outOfScope = identityRoles.filter((r) => !ctx.serviceRoles.has(r));
  const inScope = identityRoles.filter((r) => ctx.serviceRoles.has(r));
  if (inScope.length === 0) return { row, status: 'out-of-scope', ours: `${outOfScope.join(', ')}: no ECS service uses this role` };

  const allow = st.effect === 'Allow';
  const direction: 'added' | 'removed' = (row.change === '+') === allow ? 'added' : 'removed';
  const candidates = permissionChanges(ctx, direction);
  const parts: string[] = [];
  let missing = false;
  let unchanged = false;
  for (const role of inScope) {
    const labels = ctx.labels(role);
    const mine = candidates.filter((h) => labels.has(h.p.role));
    if (st.notActions || st.notResources) {
      // NotAction/NotResource: fargate-warden expands the complement; any change on the role counts.
      if (mine.length === 0) missing = true;
      mine.forEach((h) => ctx.explainedPermissions.add(h.p));
      parts.push(`${role}: ${direction === 'added' ? '+' : '-'}${mine.length} permissions (NotAction/NotResource expanded)`);
      continue;
    }
    for (const action of st.actions) {
      for (const resource of st.resources) {
        const hits = mine.filter((h) => actionMatches(action, h.p.action) && resourceMatches(resource, h.p.resource) && (!st.condition || (h.p.condition ?? undefined) !== undefined));
        hits.forEach((h) => ctx.explainedPermissions.add(h.p));
        const sign = direction === 'added' ? '+' : '-';
        if (hits.length > 0) {
          const shown = hasWildcard(action) ? `${hits.length} actions matching ${action}${levels(hits.map((h) => h.p))}` : hits[0].p.action;
          parts.push(`${sign} ${role} ${shown} on ${hits[0].p.resource}${st.condition ? ' (with its condition)' : ''} [${services(hits)}]`);
        } else if (stillGranted(row, role, action, resource, ctx)) {
          unchanged = true;
          parts.push(`${role} ${action} on ${resource}: granted on both sides (statement restructured)`);
        } else {
          missing = true;
          parts.push(`MISSING ${sign} ${role} ${action} on ${resource}`);
        }
      }
    }
  }
  if (outOfScope.length > 0) parts.push(`${outOfScope.join(', ')}: no ECS service uses this role`);
  const status: Status = missing ? 'missing' : parts.every((p) => !p.startsWith('+') && !p.startsWith('-')) && unchanged ? 'no-effective-change' : 'reported';
  return { row, status, ours: parts.join('; ') };
}

/** Every action of an endpoint policy statement in some service's `endpointPolicies`, in the row's direction. */
function endpointStatementChanges(row: CdkRow, st: NonNullable<CdkRow['statement']>, ctx: Ctx): string | undefined {
  if (st.notActions || st.actions.length === 0) return undefined;
  const labels = ctx.labels(row.origin);
  const direction = row.change === '+' ? 'added' : 'removed';
  const parts: string[] = [];
  for (const action of st.actions) {
    const hits = ctx.ours.services.flatMap((s) =>
      (s.endpointPolicies?.[direction] ?? [])
        .filter((e) => labels.has(e.endpoint) && e.effect === st.effect && e.action.toLowerCase() === action.toLowerCase())
        .map((e) => ({ service: s.key, e })),
    );
    if (hits.length === 0) return undefined;
    const e = hits[0].e;
    parts.push(`${row.change} ${e.endpoint} policy ${e.effect} ${e.action} on ${e.resource} [${[...new Set(hits.map((h) => h.service))].sort().join(', ')}]`);
  }
  return parts.join('; ');
}

/** The cdk change on the other side covers the same action and resource for the role: a restructure. */
function stillGranted(row: CdkRow, role: string, action: string, resource: string, ctx: Ctx): boolean {
  return ctx.cdk.rows.some(
    (other) =>
      other !== row &&
      other.kind === 'iam-statement' &&
      other.change !== row.change &&
      other.statement !== undefined &&
      other.statement.effect === row.statement?.effect &&
      !other.statement.notActions &&
      !other.statement.notResources &&
      other.statement.principals.includes(`AWS:\${${role}}`) &&
      other.statement.actions.some((a) => actionMatches(a, action)) &&
      other.statement.resources.includes(resource),
  );
}

function correspondManagedPolicy(row: CdkRow, ctx: Ctx): Correspondence {
  const mp = row.managedPolicy as NonNullable<CdkRow['managedPolicy']>;
  const role = logicalIdIn(mp.identity) ?? mp.identity;
  if (!ctx.serviceRoles.has(role)) return { row, status: 'out-of-scope', ours: `${role}: no ECS service uses this role` };
  const direction = row.change === '+' ? 'added' : 'removed';
  const labels = ctx.labels(role);
  const mine = permissionChanges(ctx, direction).filter((h) => labels.has(h.p.role));
  const document = awsManagedPolicy(mp.arn);
  const patterns = document === undefined ? undefined : allowedActionPatterns(document);
  const hits = patterns === undefined ? mine : mine.filter((h) => patterns.some((p) => actionMatches(p, h.p.action)));
  hits.forEach((h) => ctx.explainedPermissions.add(h.p));
  if (hits.length === 0) {
    return { row, status: 'missing', ours: `MISSING: no permission ${direction} on ${role}` };
  }
  const name = mp.arn.split('/').pop() ?? mp.arn;
  const what = document === undefined ? `${hits.length} permissions` : `${name} expanded: ${hits.length} actions matching ${patterns?.join(', ')}${levels(hits.map((h) => h.p))}`;
  return { row, status: 'reported', ours: `${direction === 'added' ? '+' : '-'} ${role} ${what} [${services(hits)}]` };
}

function correspondRule(row: CdkRow, ctx: Ctx): Correspondence {
  const rule = row.rule as NonNullable<CdkRow['rule']>;
  const groupId = logicalIdIn(rule.group) ?? rule.group;
  const groupLabels = ctx.labels(groupId);
  const peerId = rule.peer.startsWith('sg:') ? rule.peer.slice(3) : undefined;
  const peerLabels = peerId === undefined ? new Set([rule.peer]) : new Set([...ctx.labels(peerId)].map((l) => `sg:${l}`));
  const direction = row.change === '+' ? 'added' : 'removed';
  const hits = ctx.ours.services.flatMap((s) =>
    s.securityGroupRules[direction]
      .filter((r) => groupLabels.has(r.group) && r.direction === rule.direction && normalizeProtocol(r.protocol) === normalizeProtocol(rule.protocol) && r.ports === rule.ports && peerLabels.has(r.peer))
      .map((r) => ({ service: s.key, r })),
  );
  hits.forEach((h) => ctx.explainedRules.add(h.r));
  if (hits.length > 0) {
    const r = hits[0].r;
    return { row, status: 'reported', ours: `${direction === 'added' ? '+' : '-'} ${r.group} ${r.direction} ${r.protocol} ${r.ports} ${r.peer} [${[...new Set(hits.map((h) => h.service))].sort().join(', ')}]` };
  }
  const users = [...(ctx.groupUsers.get(groupId) ?? [])].sort();
  if (!users.includes('service')) {
    // A group no service uses: its rules matter through what they change for services.
    const effects = users.flatMap((u) => (u.startsWith('endpoint:') ? needChangesVia(ctx, u) : u.startsWith('load-balancer:') ? exposureChanges(ctx) : []));
    if (effects.length > 0) return { row, status: 'effect', ours: [...new Set(effects)].join('; ') };
    return { row, status: 'missing', ours: `nothing: ${groupId} is ${users.length === 0 ? 'used by nothing in the templates' : `used by ${users.join(', ')}`}, not by a service` };
  }
  return { row, status: 'missing', ours: `MISSING ${direction} ${groupId} ${rule.direction} ${rule.protocol} ${rule.ports} ${rule.peer}` };
}

function needChangesVia(ctx: Ctx, via: string): string[] {
  const out: string[] = [];
  for (const s of ctx.ours.services) {
    for (const n of s.needs.gained) if (n.after === via || n.before === via) out.push(`${s.key} can now reach ${n.service} via ${via}`);
    for (const n of s.needs.lost) if (n.after === via || n.before === via) out.push(`${s.key} can no longer reach ${n.service} (was via ${via})`);
    for (const p of pathChanges(s)) if (p.before === via || p.after === via) out.push(`${s.key} reaches ${p.service} via ${p.after} (was ${p.before})`);
  }
  return out;
}

/** Needs covered on both sides whose path changed (`igw` → `endpoint:EcrApi`): in `network`, not in needs lost/gained. */
function pathChanges(s: ServiceDiffJson): { service: string; before: string; after: string }[] {
  const before = s.network?.before?.needs ?? [];
  const after = new Map((s.network?.after?.needs ?? []).map((n) => [n.service, n]));
  const out: { service: string; before: string; after: string }[] = [];
  for (const b of before) {
    const a = after.get(b.service);
    if (a === undefined || b.covered !== true || a.covered !== true || b.via === a.via) continue;
    out.push({ service: b.service, before: b.via ?? 'unknown', after: a.via ?? 'unknown' });
  }
  return out;
}

function exposureChanges(ctx: Ctx): string[] {
  const out: string[] = [];
  for (const s of ctx.ours.services) {
    const { before, after } = s.exposure;
    if (before !== null && after !== null && before.internetIngress !== after.internetIngress) {
      out.push(`${s.key} internet ingress ${before.internetIngress} → ${after.internetIngress}`);
    }
  }
  return out;
}

function extras(ctx: Ctx): string[] {
  const out: string[] = [];
  for (const s of ctx.ours.services) {
    if (s.status === 'added' || s.status === 'removed') out.push(`${s.key}: service ${s.status}`);
    const { before, after } = s.exposure;
    if (before !== null && after !== null) {
      if (before.publicIp !== after.publicIp) out.push(`${s.key}: public IP ${before.publicIp} → ${after.publicIp}`);
      if (before.internetIngress !== after.internetIngress) out.push(`${s.key}: reachable from the internet ${before.internetIngress} → ${after.internetIngress}`);
      if (before.defaultRoute !== after.defaultRoute) out.push(`${s.key}: default route ${before.defaultRoute} → ${after.defaultRoute}`);
    }
    for (const n of s.needs.lost) out.push(`${s.key}: can no longer reach ${n.service} (${n.reason})${n.before == null ? '' : `, was via ${n.before}`}`);
    for (const n of s.needs.gained) out.push(`${s.key}: can now reach ${n.service} (${n.reason})${n.after == null ? '' : ` via ${n.after}`}`);
    for (const p of pathChanges(s)) out.push(`${s.key}: reaches ${p.service} via ${p.after} (was ${p.before})`);
    for (const direction of ['added', 'removed'] as const) {
      const unexplained = s.permissions[direction].filter((p) => !ctx.explainedPermissions.has(p));
      const byRole = groupBy(unexplained, (p) => p.role);
      for (const [role, list] of byRole) {
        const sample = list.slice(0, 3).map((p) => `${p.action} on ${p.resource}`).join(', ');
        out.push(`${s.key}: ${direction === 'added' ? '+' : '-'}${list.length} permission${list.length === 1 ? '' : 's'} of ${role} that no cdk row accounts for (${sample}${list.length > 3 ? ', …' : ''})`);
      }
      for (const r of s.securityGroupRules[direction].filter((r) => !ctx.explainedRules.has(r))) {
        out.push(`${s.key}: ${direction === 'added' ? '+' : '-'} rule ${r.group} ${r.direction} ${r.protocol} ${r.ports} ${r.peer}${r.explicit === false ? ' (implicit CloudFormation default)' : ''}`);
      }
    }
  }
  const findings = (list: FindingJson[], word: string): void => {
    const counts = new Map<string, number>();
    for (const f of list) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
    if (counts.size > 0) out.push(`${word} findings: ${[...counts].sort((a, b) => cmp(a[0], b[0])).map(([id, n]) => (n > 1 ? `${id} ×${n}` : id)).join(', ')}`);
  };
  findings(ctx.ours.findings.new, 'new');
  findings(ctx.ours.findings.resolved, 'resolved');
  out.push(`verdict: ${ctx.ours.verdict}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Small matchers (IAM action wildcards; resources with `${…}` placeholders)

const hasWildcard = (s: string): boolean => /[*?]/.test(s);

function wildcardRegExp(pattern: string, flags = 'i'): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, flags);
}

export function actionMatches(pattern: string, action: string): boolean {
  return pattern === '*' || wildcardRegExp(pattern).test(action);
}

/** cdk renders `{"Fn::Sub": "…"}` as JSON text and `${AWS::Partition}` literally; fargate-warden may resolve either. */
function normalizeResource(r: string): string {
  let s = r;
  const sub = /^\{"Fn::Sub":"(.*)"\}$/.exec(s);
  if (sub !== null) s = JSON.parse(`"${sub[1]}"`) as string;
  return s.replace(/\$\{AWS::Partition\}/g, 'aws');
}

export function resourceMatches(cdkResource: string, ours: string): boolean {
  const a = normalizeResource(cdkResource);
  const b = normalizeResource(ours);
  if (a === b) return true;
  // `${…}` on either side stands for a value the other side may have resolved.
  const loose = (s: string): RegExp => new RegExp(`^${s.split(/\$\{[^}]*\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);
  return (a.includes('${') && loose(a).test(b)) || (b.includes('${') && loose(b).test(a));
}

function normalizeProtocol(p: string): string {
  const s = String(p).toLowerCase();
  return ({ '-1': 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' } as Record<string, string>)[s] ?? s;
}

function awsManagedPolicy(arn: string): { Statement?: unknown } | undefined {
  if (!/:iam::aws:policy\//.test(arn)) return undefined;
  const name = arn.split('/').pop() as string;
  const file = join(ROOT, 'data', 'aws-managed-policies', 'policies', `${name}.json`);
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { document: { Statement?: unknown } }).document;
}

function allowedActionPatterns(document: { Statement?: unknown }): string[] {
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  const out: string[] = [];
  for (const s of statements as { Effect?: string; Action?: string | string[] }[]) {
    if (s?.Effect !== 'Allow' || s.Action === undefined) continue;
    out.push(...(Array.isArray(s.Action) ? s.Action : [s.Action]));
  }
  return out;
}

function levels(ps: PermissionJson[]): string {
  const counts = new Map<string, number>();
  for (const p of ps) counts.set(p.accessLevel, (counts.get(p.accessLevel) ?? 0) + 1);
  return ` (${[...counts].sort((a, b) => cmp(a[0], b[0])).map(([l, n]) => `${l} ${n}`).join(', ')})`;
}

const services = (hits: Hit[]): string => [...new Set(hits.map((h) => h.service))].sort().join(', ');

function groupBy<T>(xs: T[], key: (x: T) => string): [string, T[]][] {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    if (!m.has(k)) m.set(k, []);
    (m.get(k) as T[]).push(x);
  }
  return [...m].sort((a, b) => cmp(a[0], b[0]));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Report

const STATUS_TEXT: Record<Status, string> = {
  reported: '✅ reported',
  effect: '✅ effect reported',
  'no-effective-change': '➖ no effective change',
  'out-of-scope': '➖ out of scope',
  missing: '❌ missing',
};

const KIND_TEXT: Record<CdkRowKind, string> = { 'iam-statement': 'IAM statement', 'managed-policy': 'IAM policy', 'sg-rule': 'security group' };

/** Markdown table cell: no pipes or newlines from template strings. */
const cell = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ').replace(/</g, '&lt;');

export function renderEvidence(results: PairComparison[]): string {
  const version = (JSON.parse(readFileSync(join(ROOT, 'node_modules', '@aws-cdk', 'cloudformation-diff', 'package.json'), 'utf8')) as { version: string }).version;
  const lines: string[] = [];
  lines.push('# fargate-warden diff vs cdk diff: side-by-side evidence');
  lines.push('');
  lines.push('<!-- Generated by `npm run compare:cdk-diff` (scripts/compare-cdk-diff.ts); do not edit by hand. -->');
  lines.push('');
  lines.push(`Every row \`cdk diff\` prints in its security tables (IAM Statement Changes, IAM Policy Changes, Security Group Changes; @aws-cdk/cloudformation-diff ${version}, \`fullDiff\` on each pair of templates) is mapped to what \`fargate-warden diff --format json\` reports for the same base/head pair. cdk's IAM rows are statements; fargate-warden's are effective permissions per role, action and resource (wildcards and AWS managed policies expanded), so one cdk row maps to one or more fargate-warden changes.`);
  lines.push('');
  lines.push('Status: **reported**: the same change is in fargate-warden\'s diff · **effect reported**: fargate-warden reports what the change does to the services (endpoint coverage, exposure) rather than the rule or policy itself · **no effective change**: the permission is granted on both sides (statements restructured) · **out of scope**: not attached to any ECS service · **missing**: a bug in fargate-warden\'s diff.');
  lines.push('');
  lines.push('| pair | cdk security rows | reported | effect reported | no effective change | out of scope | missing | fargate-warden only |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const n = (s: Status): number => r.correspondences.filter((c) => c.status === s).length;
    lines.push(`| [${r.pair.id}](#${r.pair.id}) | ${r.correspondences.length} | ${n('reported')} | ${n('effect')} | ${n('no-effective-change')} | ${n('out-of-scope')} | ${n('missing')} | ${r.extras.length - 1} |`);
  }
  for (const r of results) {
    lines.push('');
    lines.push(`## ${r.pair.id}`);
    lines.push('');
    lines.push(`${r.pair.title}. Base \`${displayPath(r.pair.base)}\`, head \`${displayPath(r.pair.head)}\`.`);
    lines.push('');
    if (r.correspondences.length === 0) {
      lines.push('cdk\'s security tables: no rows.');
    } else {
      lines.push('| cdk diff (security tables) | fargate-warden diff | status |');
      lines.push('| --- | --- | --- |');
      for (const c of r.correspondences) {
        const where = c.row.origin === '' ? '' : ` (${c.row.template === 'template.json' || c.row.template === 'template.yaml' ? '' : `${c.row.template}: `}${c.row.origin})`;
        lines.push(`| ${cell(`${c.row.change} ${KIND_TEXT[c.row.kind]}${where}: ${c.row.text}`)} | ${cell(c.ours)} | ${STATUS_TEXT[c.status]} |`);
      }
    }
    lines.push('');
    lines.push('fargate-warden reports, cdk\'s security tables do not:');
    lines.push('');
    for (const e of r.extras) lines.push(`- ${cell(e)}`);
  }
  const gaps = results.flatMap((r) => r.correspondences.filter((c) => c.status === 'missing').map((c) => ({ pair: r.pair.id, c })));
  lines.push('');
  lines.push('## Gaps');
  lines.push('');
  if (gaps.length === 0) {
    lines.push('None: every cdk security row is in fargate-warden\'s diff.');
  } else {
    lines.push(`${gaps.length} cdk row${gaps.length === 1 ? '' : 's'} with no counterpart in \`fargate-warden diff --format json\` (open bugs in the diff engine; test/evidence/cdk-diff.test.ts lists them and fails when one is fixed or a new one appears):`);
    lines.push('');
    for (const { pair, c } of gaps) lines.push(`- ${pair}: ${cell(`${c.row.change} ${KIND_TEXT[c.row.kind]} (${c.row.origin}) ${c.row.text}`)}: ${cell(c.ours)}`);
  }
  lines.push('');
  return lines.join('\n');
}

function displayPath(p: string): string {
  const abs = resolve(ROOT, p);
  return abs.startsWith(ROOT) ? relative(ROOT, abs) : `<generated>/${p.split('/').slice(-2).join('/')}`;
}

export async function runEvidence(): Promise<PairComparison[]> {
  const work = mkdtempSync(join(tmpdir(), 'fw-cdk-diff-'));
  try {
    const results: PairComparison[] = [];
    for (const pair of evidencePairs(work)) {
      const cdk = cdkSecurityRows(pair);
      const ours = await fargateWardenDiff(pair);
      results.push(compare(pair, cdk, ours));
    }
    return results;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function cli(argv: string[]): Promise<number> {
  const results = await runEvidence();
  const markdown = renderEvidence(results);
  process.stdout.write(markdown);
  const missing = results.flatMap((r) => r.correspondences.filter((c) => c.status === 'missing').map((c) => `${r.pair.id} ${rowId(c.row)}`));
  if (missing.length > 0) process.stderr.write(`\ncdk reports, fargate-warden's diff misses (${missing.length}):\n${missing.map((m) => `  ${m}`).join('\n')}\n`);
  if (argv.includes('--stdout')) return 0;
  if (argv.includes('--check')) {
    const current = existsSync(EVIDENCE_FILE) ? readFileSync(EVIDENCE_FILE, 'utf8') : '';
    if (current !== markdown) {
      process.stderr.write(`${relative(ROOT, EVIDENCE_FILE)} is out of date: run \`npm run compare:cdk-diff\`.\n`);
      return 1;
    }
    return 0;
  }
  mkdirSync(dirname(EVIDENCE_FILE), { recursive: true });
  writeFileSync(EVIDENCE_FILE, markdown);
  process.stderr.write(`wrote ${relative(ROOT, EVIDENCE_FILE)}\n`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await cli(process.argv.slice(2));
}
