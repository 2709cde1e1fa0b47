// `npm run agreement`: how fargate-warden's security-group and IAM predicates agree with the
// labeled fixtures of two other scanners, KICS and cfn_nag, copied in ../shared/corpus with their
// expected positives indexed in ../shared/corpus/_labels. See docs/agreement.md for the method and
// for why every disagreement is what it is; test/agreement.test.ts pins the numbers.
//
// Our rules judge only the security groups and roles that ECS services attach to their tasks, and
// the fixtures are mostly not ECS stacks. So each rule's underlying predicate (exported from the
// rule file, the same function the rule calls) is applied to every security group, role and
// policy of each fixture, each fixture scanned on its own. One row (fully_open_ingress) runs the
// whole engine instead, because that KICS query judges ECS services' security groups like FW202.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EntityRef, Infra, Policy, PolicyDocument, Role, SecurityGroup, SecurityGroupRule } from '../src/shared/model/index.ts';
import type { AnalysisDeps } from '../src/shared/analysis/posture.ts';
import { emptyInfra, InfraIndex } from '../src/shared/analysis/infra-index.ts';
import { computePermissions } from '../src/shared/analysis/permissions.ts';
import { loadInfra } from '../src/shared/sources/index.ts';
import { scan } from '../src/shared/engine.ts';
import { defaultConfig } from '../src/shared/config/index.ts';
import { worldIngressRules } from '../src/shared/rules/network/FW202-world-ingress.ts';
import { allowAllEgress } from '../src/shared/rules/network/FW203-all-egress.ts';
import { adminEquivalence } from '../src/shared/rules/iam/FW101-admin-task-role.ts';
import { privilegeEscalation } from '../src/shared/rules/iam/FW102-privilege-escalation.ts';
import { wildcardActionPatterns } from '../src/shared/rules/iam/FW104-wildcard-actions.ts';
import { loadIamCatalog } from '../src/shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../src/shared/io/managed-policies.ts';

export const REPO = resolve(import.meta.dirname, '..');
export const CORPUS = resolve(REPO, '..', 'shared', 'corpus');
const KICS_ROOT = 'Checkmarx__kics';
const CFN_NAG_ROOT = 'stelligent__cfn_nag';

// ── what we compute per fixture ──────────────────────────────────────────────────────────────

/** A security-group rule a predicate holds for: its group, and its standalone resource when it is one. */
export interface RuleOwner {
  group: string;
  standalone?: string;
}

/**
 * Which logical ID a rule's verdict is attached to. fargate-warden and KICS attach a standalone
 * AWS::EC2::SecurityGroupIngress/Egress's verdict to that resource (our findings do, so its own
 * Metadata can suppress them); cfn_nag attaches it to the group when the group is in the template.
 */
export type Attribution = 'standalone' | 'group';

/** Logical IDs each predicate holds for in one fixture. */
export interface Facts {
  /** The file was read as a CloudFormation template (if not, every predicate is empty). */
  read: boolean;
  /** FW202 `worldIngressRules`: each rule from 0.0.0.0/0 or ::/0. */
  worldIngress: RuleOwner[];
  /** FW203 `allowAllEgress`, explicit rules: all traffic to 0.0.0.0/0 or ::/0 written in the template. */
  allEgressExplicit: RuleOwner[];
  /** FW203 `allowAllEgress`, implicit: no egress declared, so CloudFormation's default allow-all applies. */
  allEgressImplicit: RuleOwner[];
  /** FW101 `adminEquivalence` (statements in the template) or FW104 `wildcardActionPatterns` (in the template). */
  wildcardActions: Set<string>;
  /** FW101 `adminEquivalence`: an administrator-class AWS managed policy attached. */
  adminManagedPolicy: Set<string>;
  /** FW102 `privilegeEscalation` PassAnyRole, or FW101 (in the template), which subsumes it. */
  passRoleAnyRole: Set<string>;
  /** End to end: the logical IDs of FW202 findings when the whole engine scans the fixture. */
  fw202Findings: Set<string>;
  /** Resource type by logical ID, and each resource's line span (for mapping KICS lines). */
  types: Map<string, string>;
  spans: { logicalId: string; first: number; last: number }[];
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function ruleOwner(infra: Infra, sg: SecurityGroup, rule: SecurityGroupRule): RuleOwner {
  if (rule.standaloneId === undefined) return { group: sg.logicalId };
  const standalone = infra.resources.find((r) => r.id === rule.standaloneId)?.logicalId;
  if (standalone === undefined) return { group: sg.logicalId };
  // A group outside the template (a stand-in named by its sg-… id) has no resource to attach to: every scanner uses the rule's.
  return { group: sg.external === true ? standalone : sg.logicalId, standalone };
}

/**
 * A role made of exactly the documents one resource declares: a role's inline policies and AWS
 * managed policy ARNs, or a policy's document. Each resource is judged on what it declares, the
 * way the other scanners attribute (a role's inline statements to the role, a policy's to the policy).
 */
function alone(entity: Role | Policy, inlinePolicies: PolicyDocument[], managedPolicies: EntityRef[]): Role {
  return {
    id: `${entity.id}~alone`, logicalId: entity.logicalId, file: entity.file, stackId: entity.stackId, source: entity.source,
    suppressions: [], inlinePolicies, managedPolicies,
  };
}

export function factsOf(path: string, text: string, deps: AnalysisDeps): Facts {
  const infra = loadInfra([{ path, text }]);
  const facts: Facts = {
    read: infra.stacks.length > 0,
    worldIngress: [], allEgressExplicit: [], allEgressImplicit: [],
    wildcardActions: new Set(), adminManagedPolicy: new Set(), passRoleAnyRole: new Set(), fw202Findings: new Set(),
    types: new Map(infra.resources.map((r) => [r.logicalId, r.type])),
    spans: infra.resources.filter((r) => r.range !== undefined).map((r) => ({ logicalId: r.logicalId, first: lineAt(text, r.range!.start), last: lineAt(text, r.range!.end) })),
  };
  for (const sg of infra.securityGroups) {
    if (sg.isDefault === true) continue;
    for (const rule of worldIngressRules(sg)) facts.worldIngress.push(ruleOwner(infra, sg, rule));
    const egress = allowAllEgress(sg);
    for (const rule of egress.rules) (rule.source.explicit ? facts.allEgressExplicit : facts.allEgressImplicit).push(ruleOwner(infra, sg, rule));
    if (egress.implicitWithoutRule) facts.allEgressImplicit.push({ group: sg.logicalId });
  }

  const synthetic = emptyInfra();
  for (const role of infra.roles) synthetic.roles.push(alone(role, role.inlinePolicies, role.managedPolicies.filter((m) => m.kind === 'external')));
  for (const policy of infra.policies) synthetic.roles.push(alone(policy, [policy.document], []));
  const permissions = computePermissions(synthetic, new InfraIndex(synthetic), deps.catalog, deps.managedPolicies);
  for (const role of synthetic.roles) {
    const perms = permissions.get(role.id);
    if (perms === undefined) continue;
    const admin = adminEquivalence(perms);
    const adminInTemplate = admin !== undefined && admin.statements.some((s) => !s.managed);
    if (adminInTemplate || wildcardActionPatterns(perms).some((p) => !p.managed)) facts.wildcardActions.add(role.logicalId);
    if (admin !== undefined && admin.managed.length > 0) facts.adminManagedPolicy.add(role.logicalId);
    if (adminInTemplate || privilegeEscalation(perms).methods.includes('PassAnyRole')) facts.passRoleAnyRole.add(role.logicalId);
  }

  const result = scan([{ path, text }], deps, defaultConfig());
  for (const f of result.findings) if (f.ruleId === 'FW202') facts.fw202Findings.add(f.resource);
  return facts;
}

// ── the comparisons ──────────────────────────────────────────────────────────────────────────

type FactKey = 'worldIngress' | 'allEgressExplicit' | 'allEgressImplicit' | 'allEgress' | 'wildcardActions' | 'adminManagedPolicy' | 'passRoleAnyRole' | 'fw202Findings';

export interface Comparison {
  /** Short name used in the table and the test. */
  id: string;
  scanner: 'cfn_nag' | 'kics';
  /** cfn_nag rule class names, or the KICS query (under cloudFormation/aws/). */
  external: string[];
  externalLabel: string;
  ours: FactKey;
  oursLabel: string;
  /** Only resources of these types are compared (cfn_nag attributes each rule to one resource type). */
  types?: string[];
}

export const COMPARISONS: readonly Comparison[] = [
  { id: 'W2', scanner: 'cfn_nag', external: ['SecurityGroupIngressOpenToWorldRule'], externalLabel: 'W2 ingress open to world', ours: 'worldIngress', oursLabel: 'FW202 worldIngressRules' },
  { id: 'F1000', scanner: 'cfn_nag', external: ['SecurityGroupMissingEgressRule'], externalLabel: 'F1000 missing egress rule', ours: 'allEgressImplicit', oursLabel: 'FW203 allowAllEgress (implicit)' },
  { id: 'W5', scanner: 'cfn_nag', external: ['SecurityGroupEgressOpenToWorldRule'], externalLabel: 'W5 egress open to world', ours: 'allEgressExplicit', oursLabel: 'FW203 allowAllEgress (explicit)' },
  { id: 'F3', scanner: 'cfn_nag', external: ['IamRoleWildcardActionOnPermissionsPolicyRule'], externalLabel: 'F3 role * action', ours: 'wildcardActions', oursLabel: 'FW101/FW104 wildcard actions', types: ['AWS::IAM::Role'] },
  { id: 'F4', scanner: 'cfn_nag', external: ['IamPolicyWildcardActionRule'], externalLabel: 'F4 policy * action', ours: 'wildcardActions', oursLabel: 'FW101/FW104 wildcard actions', types: ['AWS::IAM::Policy'] },
  { id: 'F5', scanner: 'cfn_nag', external: ['IamManagedPolicyWildcardActionRule'], externalLabel: 'F5 managed policy * action', ours: 'wildcardActions', oursLabel: 'FW101/FW104 wildcard actions', types: ['AWS::IAM::ManagedPolicy'] },
  { id: 'W43/W44', scanner: 'cfn_nag', external: ['IamRoleAdministratorAccessPolicyRule', 'IamRoleElevatedManagedPolicyRule'], externalLabel: 'W43/W44 admin/elevated managed policy', ours: 'adminManagedPolicy', oursLabel: 'FW101 admin-class managed policy', types: ['AWS::IAM::Role'] },
  { id: 'F38', scanner: 'cfn_nag', external: ['IamRolePassRoleWildcardResourceRule'], externalLabel: 'F38 role PassRole on *', ours: 'passRoleAnyRole', oursLabel: 'FW102 PassAnyRole (or FW101)', types: ['AWS::IAM::Role'] },
  { id: 'F39', scanner: 'cfn_nag', external: ['IamPolicyPassRoleWildcardResourceRule'], externalLabel: 'F39 policy PassRole on *', ours: 'passRoleAnyRole', oursLabel: 'FW102 PassAnyRole (or FW101)', types: ['AWS::IAM::Policy'] },
  { id: 'F40', scanner: 'cfn_nag', external: ['IamManagedPolicyPassRoleWildcardResourceRule'], externalLabel: 'F40 managed policy PassRole on *', ours: 'passRoleAnyRole', oursLabel: 'FW102 PassAnyRole (or FW101)', types: ['AWS::IAM::ManagedPolicy'] },
  { id: 'unrestricted_security_group_ingress', scanner: 'kics', external: ['unrestricted_security_group_ingress'], externalLabel: 'KICS unrestricted_security_group_ingress', ours: 'worldIngress', oursLabel: 'FW202 worldIngressRules' },
  { id: 'fully_open_ingress (predicate)', scanner: 'kics', external: ['fully_open_ingress'], externalLabel: 'KICS fully_open_ingress', ours: 'worldIngress', oursLabel: 'FW202 worldIngressRules' },
  { id: 'fully_open_ingress', scanner: 'kics', external: ['fully_open_ingress'], externalLabel: 'KICS fully_open_ingress (ECS services)', ours: 'fw202Findings', oursLabel: 'FW202 findings, whole engine' },
  { id: 'security_groups_allows_unrestricted_outbound_traffic', scanner: 'kics', external: ['security_groups_allows_unrestricted_outbound_traffic'], externalLabel: 'KICS security_groups_allows_unrestricted_outbound_traffic', ours: 'allEgress', oursLabel: 'FW203 allowAllEgress' },
  { id: 'security_group_egress_cidr_open_to_world', scanner: 'kics', external: ['security_group_egress_cidr_open_to_world'], externalLabel: 'KICS security_group_egress_cidr_open_to_world', ours: 'allEgress', oursLabel: 'FW203 allowAllEgress' },
  { id: 'iam_policies_with_full_privileges', scanner: 'kics', external: ['iam_policies_with_full_privileges'], externalLabel: 'KICS iam_policies_with_full_privileges', ours: 'wildcardActions', oursLabel: 'FW101/FW104 wildcard actions' },
  { id: 'iam_policy_grants_full_permissions', scanner: 'kics', external: ['iam_policy_grants_full_permissions'], externalLabel: 'KICS iam_policy_grants_full_permissions', ours: 'wildcardActions', oursLabel: 'FW101/FW104 wildcard actions' },
];

function oursFor(facts: Facts, key: FactKey, attribution: Attribution): Set<string> {
  const owners = (list: RuleOwner[]) => new Set(list.map((o) => (attribution === 'standalone' ? o.standalone ?? o.group : o.group)));
  switch (key) {
    case 'allEgress':
      return owners([...facts.allEgressExplicit, ...facts.allEgressImplicit]);
    case 'worldIngress':
    case 'allEgressExplicit':
    case 'allEgressImplicit':
      return owners(facts[key]);
    default:
      return facts[key];
  }
}

export interface FileResult {
  /** Path under the corpus. */
  file: string;
  tp: string[];
  fp: string[];
  fn: string[];
  /** Set when the fixture could not be compared, and why. */
  skipped?: string;
}

export interface Row {
  comparison: Comparison;
  files: FileResult[];
  tp: number;
  fp: number;
  fn: number;
}

// ── labels ───────────────────────────────────────────────────────────────────────────────────

interface CfnNagUnit { rule: string; expected_offending_ids: string[] }
interface CfnNagIntegration { integration: true; violations: { rule: string; ids: string[] }[]; fatal: string[] }
type CfnNagEntry = CfnNagUnit | CfnNagIntegration;

/** cfn_nag's unit specs sometimes say "some" offenders without naming them. */
const UNNAMED = /ids not listed/;

/**
 * Expected offending IDs per template for the given cfn_nag rules, or the reason the template is
 * not labeled for them. A unit spec labels one rule on one template; an integration spec lists
 * every violation of the template, so a rule missing from it is a labeled negative. A template no
 * spec labels for the rule is left out: nobody said what cfn_nag reports there.
 */
export function cfnNagLabels(rules: readonly string[]): Map<string, Set<string> | { skipped: string }> {
  const index = JSON.parse(readFileSync(join(CORPUS, '_labels', 'cfn_nag_expected.json'), 'utf8')) as { templates: Record<string, CfnNagEntry[]> };
  const out = new Map<string, Set<string> | { skipped: string }>();
  for (const [template, entries] of Object.entries(index.templates)) {
    let labeled: Set<string> | undefined;
    let unnamed = false;
    for (const entry of entries) {
      if ('integration' in entry) {
        if (entry.fatal.length > 0) continue;
        labeled ??= new Set();
        for (const v of entry.violations) if (rules.includes(v.rule)) for (const id of v.ids) labeled.add(id);
      }
    }
    // Integration specs are complete; unit specs add what they name (they agree wherever both exist).
    for (const entry of entries) {
      if ('integration' in entry || !rules.includes(entry.rule)) continue;
      if (entry.expected_offending_ids.some((id) => UNNAMED.test(id))) {
        unnamed = true;
        continue;
      }
      labeled ??= new Set();
      for (const id of entry.expected_offending_ids) labeled.add(id);
    }
    if (labeled !== undefined) out.set(template, labeled);
    else if (unnamed) out.set(template, { skipped: 'the spec expects offenders without naming them' });
  }
  return out;
}

interface KicsQuery { query_dir: string; expected_positive_lines_by_file: Record<string, number[]>; files: Record<string, string> }

export function kicsQuery(name: string): KicsQuery {
  const index = JSON.parse(readFileSync(join(CORPUS, '_labels', 'kics_expected.json'), 'utf8')) as { queries: Record<string, KicsQuery> };
  const query = index.queries[`cloudFormation/aws/${name}`];
  if (query === undefined) throw new Error(`KICS query cloudFormation/aws/${name} is not in kics_expected.json`);
  return query;
}

/** The logical ID of the resource whose declaration spans `line` (KICS reports a property's line). */
export function resourceAtLine(facts: Facts, line: number): string | undefined {
  const hits = facts.spans.filter((s) => s.first <= line && line <= s.last);
  return hits.sort((a, b) => a.last - a.first - (b.last - b.first))[0]?.logicalId;
}

// ── measuring ────────────────────────────────────────────────────────────────────────────────

function compare(file: string, expected: Set<string>, ours: Set<string>): FileResult {
  const sorted = (xs: Iterable<string>) => [...xs].sort();
  return {
    file,
    tp: sorted([...ours].filter((id) => expected.has(id))),
    fp: sorted([...ours].filter((id) => !expected.has(id))),
    fn: sorted([...expected].filter((id) => !ours.has(id))),
  };
}

export function measureAgreement(deps: AnalysisDeps = { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() }): Row[] {
  const factsCache = new Map<string, Facts>();
  const facts = (rel: string): Facts => {
    let f = factsCache.get(rel);
    if (f === undefined) {
      f = factsOf(rel, readFileSync(join(CORPUS, rel), 'utf8'), deps);
      factsCache.set(rel, f);
    }
    return f;
  };

  const rows: Row[] = [];
  for (const comparison of COMPARISONS) {
    const files: FileResult[] = [];
    const restrict = (ids: Set<string>, f: Facts): Set<string> =>
      comparison.types === undefined ? ids : new Set([...ids].filter((id) => comparison.types!.includes(f.types.get(id) ?? '')));
    if (comparison.scanner === 'cfn_nag') {
      for (const [template, labels] of [...cfnNagLabels(comparison.external)].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const rel = `${CFN_NAG_ROOT}/${template}`;
        if (!('has' in labels)) {
          files.push({ file: rel, tp: [], fp: [], fn: [], skipped: labels.skipped });
          continue;
        }
        if (!existsSync(join(CORPUS, rel))) {
          files.push({ file: rel, tp: [], fp: [], fn: [], skipped: 'not in the corpus' });
          continue;
        }
        const f = facts(rel);
        const result = compare(rel, labels, restrict(oursFor(f, comparison.ours, 'group'), f));
        if (!f.read) result.skipped = 'not read as a CloudFormation template';
        files.push(result);
      }
    } else {
      const query = kicsQuery(comparison.external[0]!);
      const dir = join(KICS_ROOT, query.query_dir, 'test');
      const fixtures = readdirSync(join(CORPUS, dir)).filter((n) => /^(positive|negative)\d*\.(ya?ml|json)$/.test(n)).sort();
      for (const name of fixtures) {
        const rel = `${dir}/${name}`;
        const f = facts(rel);
        const expected = new Set<string>();
        const unmapped: number[] = [];
        for (const line of query.expected_positive_lines_by_file[name] ?? []) {
          const id = resourceAtLine(f, line);
          if (id === undefined) unmapped.push(line);
          else expected.add(id);
        }
        const result = compare(rel, expected, restrict(oursFor(f, comparison.ours, 'standalone'), f));
        if (unmapped.length > 0) result.fn.push(...unmapped.map((l) => `line ${l}`));
        if (!f.read) result.skipped = 'not read as a CloudFormation template';
        files.push(result);
      }
    }
    const counted = files.filter((r) => r.skipped === undefined);
    rows.push({
      comparison,
      files,
      tp: counted.reduce((n, r) => n + r.tp.length, 0),
      fp: counted.reduce((n, r) => n + r.fp.length, 0),
      fn: counted.reduce((n, r) => n + r.fn.length, 0),
    });
  }
  return rows;
}

// ── printing ─────────────────────────────────────────────────────────────────────────────────

/** A fixture's path under its scanner's test directory, as docs/agreement.md names it. */
export function shortPath(file: string): string {
  return file.replace(`${CFN_NAG_ROOT}/spec/test_templates/`, '').replace(`${KICS_ROOT}/assets/queries/cloudFormation/aws/`, '');
}

export function renderAgreement(rows: readonly Row[]): string {
  const out: string[] = [];
  out.push('| scanner | their rule | our predicate | fixtures | TP | FP | FN |');
  out.push('| --- | --- | --- | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    const counted = row.files.filter((f) => f.skipped === undefined).length;
    out.push(`| ${row.comparison.scanner} | ${row.comparison.externalLabel} | ${row.comparison.oursLabel} | ${counted} | ${row.tp} | ${row.fp} | ${row.fn} |`);
  }
  out.push('');
  out.push('Per fixture file (logical IDs; "=" marks full agreement):');
  for (const row of rows) {
    out.push(`  ${row.comparison.id}  (${row.comparison.externalLabel} vs ${row.comparison.oursLabel})`);
    for (const f of row.files) {
      if (f.skipped !== undefined) {
        out.push(`    ${shortPath(f.file)}: skipped (${f.skipped})`);
        continue;
      }
      const agree = f.fp.length === 0 && f.fn.length === 0;
      const list = (xs: string[]) => xs.join(', ') || '-';
      out.push(`    ${agree ? '=' : '≠'} ${shortPath(f.file)}: TP ${list(f.tp)} · FP ${list(f.fp)} · FN ${list(f.fn)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!existsSync(join(CORPUS, '_labels'))) {
    console.error(`fargate-warden agreement: the labeled corpus is not at ${CORPUS} (expected ../shared/corpus next to the repository).`);
    process.exit(2);
  }
  process.stdout.write(renderAgreement(measureAgreement()));
}
