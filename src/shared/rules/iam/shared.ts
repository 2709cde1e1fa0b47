// Helpers shared by the IAM rules (FW101–FW109). They encode rule policy (which roles are judged,
// what counts as admin-equivalent or as escalation, what the ECS agent needs), so they live with
// the rules rather than in analysis/.
import type {
  AccessLevel, EffectivePermissions, Entity, EntityRef, Grant, PatternGrant, Posture, Role, SecretReference, SecretResource, Service, SourceRef,
  StackOutcome, TaskDefinition,
} from '../../model/index.ts';
import { conditionBlock, conditionPhrases, describeOutcomes, iamConditionOf, stackOutcomesOf } from '../../model/index.ts';
import { entityId, taskRoles, type InfraIndex } from '../../analysis/infra-index.ts';
import { notResourceList } from '../../analysis/permissions.ts';
import { actionMatches } from '../../analysis/iam/expand.ts';
import { resourceMatches } from '../../analysis/iam/resource-match.ts';
import type { RuleContext } from '../types.ts';
import { boundedMemo } from '../../analysis/memo.ts';

/** Three-valued answers: rules report only on `no` (or `yes` for "is allowed"), never on `unknown`. */
export type Tri = 'yes' | 'no' | 'unknown';

function best(a: Tri, b: Tri): Tri {
  if (a === 'yes' || b === 'yes') return 'yes';
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return 'no';
}

// ── which roles are judged ───────────────────────────────────────────────────────────────────

export interface RoleUse {
  role: Role;
  /** Undefined when the analysis produced nothing for the role: every question about it is unknown. */
  perms?: EffectivePermissions;
  /** Task definitions that use the role in the requested capacity. */
  taskDefinitions: TaskDefinition[];
  /** Services running those task definitions, each once (by key, which no two services share: see Service.key). */
  services: Service[];
  /**
   * Set when every task definition names the role only under one outcome of an undecided
   * condition (`TaskRoleArn: !If [...]`): the role is theirs in the deployments of that outcome.
   */
  when?: StackOutcome;
}

function roleRefs(td: TaskDefinition, as: 'task' | 'execution'): { role: EntityRef; when?: StackOutcome }[] {
  if (as === 'task') return taskRoles(td);
  return td.executionRole === undefined ? [] : [{ role: td.executionRole }];
}

/**
 * Roles that some task definition names as its task role (what the application can do) or its
 * execution role (what the ECS agent can do). A role that is not used that way is not judged by
 * the rule, whatever it allows: its risk belongs to whoever assumes it.
 */
export function rolesUsedAs(ctx: RuleContext, as: 'task' | 'execution'): readonly RoleUse[] {
  // Most IAM rules ask, several of them twice: the answer is computed once per analysis.
  let uses = roleUsesByPosture.get(ctx.posture);
  if (uses === undefined) roleUsesByPosture.set(ctx.posture, (uses = {}));
  return (uses[as] ??= computeRolesUsedAs(ctx, as));
}

const roleUsesByPosture = new WeakMap<Posture, { task?: readonly RoleUse[]; execution?: readonly RoleUse[] }>();

function computeRolesUsedAs(ctx: RuleContext, as: 'task' | 'execution'): RoleUse[] {
  const { infra } = ctx.posture;
  // One pass over the task definitions, not one per role: templates with thousands of roles.
  const byRole = new Map<string, TaskDefinition[]>();
  /** Per role, the one outcome every use of it is under; null once a use is under none or another. */
  const outcomeOf = new Map<string, StackOutcome | null>();
  for (const td of infra.taskDefinitions) {
    for (const { role: r, when } of roleRefs(td, as)) {
      if (r.kind !== 'resource') continue;
      const list = byRole.get(r.id);
      if (list === undefined) byRole.set(r.id, [td]);
      else if (!list.includes(td)) list.push(td);
      const seen = outcomeOf.get(r.id);
      const same = seen !== undefined && seen !== null && when !== undefined && seen.condition === when.condition && seen.value === when.value;
      outcomeOf.set(r.id, seen === undefined ? when ?? null : same ? seen : null);
    }
  }
  const out: RoleUse[] = [];
  for (const role of infra.roles) {
    const taskDefinitions = byRole.get(role.id);
    if (taskDefinitions === undefined) continue;
    const use: RoleUse = { role, taskDefinitions, services: uniqueServices(ctx.index.servicesUsingRole(role.id, as)) };
    const perms = ctx.posture.permissions.get(role.id);
    if (perms !== undefined) use.perms = perms;
    const when = outcomeOf.get(role.id);
    if (when !== undefined && when !== null) use.when = when;
    out.push(use);
  }
  return out;
}

/** Each service once. Keys are unique per service (see Service.key): same-named services in several files stay apart. */
export function uniqueServices(services: readonly Service[]): Service[] {
  // Most roles and task definitions serve one service: nothing to de-duplicate.
  if (services.length < 2) return [...services];
  const seen = new Set<string>();
  return services.filter((s) => (seen.has(s.key) ? false : (seen.add(s.key), true)));
}

const runningByIndex = new WeakMap<object, Map<string, Service[]>>();

export function servicesRunning(ctx: RuleContext, td: TaskDefinition): Service[] {
  let byTaskDefinition = runningByIndex.get(ctx.index);
  if (byTaskDefinition === undefined) {
    byTaskDefinition = new Map();
    for (const s of ctx.posture.infra.services) {
      const id = ctx.index.taskDefinition(s.taskDefinition)?.id;
      if (id === undefined) continue;
      const list = byTaskDefinition.get(id);
      if (list === undefined) byTaskDefinition.set(id, [s]);
      else list.push(s);
    }
    runningByIndex.set(ctx.index, byTaskDefinition);
  }
  return uniqueServices(byTaskDefinition.get(td.id) ?? []);
}

/** Who is affected, for messages: the services, or the task definitions when no service runs them. */
export function usersLabel(services: readonly Service[], taskDefinitions: readonly TaskDefinition[], when?: StackOutcome): string {
  // A role only one outcome of an undecided condition gives them is theirs only there: said so.
  const only = when === undefined ? '' : ` (only ${describeOutcomes([when])})`;
  if (services.length > 0) return `${services.length === 1 ? 'service' : 'services'} ${services.map((s) => s.key).join(', ')}${only}`;
  const tds = taskDefinitions.map((t) => t.logicalId).join(', ');
  return `${taskDefinitions.length === 1 ? 'task definition' : 'task definitions'} ${tds}${only} (no service in these files runs it)`;
}

/** The affected services' keys, for `Report.services`. */
export function serviceKeys(services: readonly Service[]): string[] {
  return services.map((s) => s.key);
}

/** A source line usable for a finding on `entity`: only when it is in the same file. */
export function lineIn(entity: Entity, source: SourceRef | undefined): number | undefined {
  return source !== undefined && source.file === entity.file ? source.line : undefined;
}

/** The first of several candidate sources that lies in the entity's file. */
export function firstLineIn(entity: Entity, sources: readonly (SourceRef | undefined)[]): number | undefined {
  for (const s of sources) {
    const line = lineIn(entity, s);
    if (line !== undefined) return line;
  }
  return undefined;
}

/** "a, b, c and 4 more": messages name what was found without growing without bound. */
export function formatList(items: readonly string[], cap = 8): string {
  if (items.length <= cap) return items.join(', ');
  return `${items.slice(0, cap).join(', ')} and ${items.length - cap} more`;
}

// ── access levels ────────────────────────────────────────────────────────────────────────────

const ACCESS_RANK: Record<AccessLevel, number> = {
  'Permissions management': 0,
  Write: 1,
  Tagging: 2,
  Read: 3,
  List: 4,
  Unknown: 5,
};

export function accessRank(level: AccessLevel): number {
  return ACCESS_RANK[level];
}

/**
 * Grants worst-first (by access level, then name), one per action; `perOutcome`: one per action and
 * outcome of an undecided choice (onlyWhen), leaving out an outcome's grant of an action every
 * deployment has, so a message can say which outcome each grant belongs to.
 */
export function worstFirstActions(grants: readonly Grant[], perOutcome = false): Grant[] {
  const everywhere = perOutcome ? new Set(grants.filter((g) => onlyWhen(g.condition, '') === '').map((g) => g.action.toLowerCase())) : new Set<string>();
  const byAction = new Map<string, Grant>();
  for (const g of grants) {
    const when = perOutcome ? onlyWhen(g.condition, '') : '';
    if (when !== '' && everywhere.has(g.action.toLowerCase())) continue;
    const key = `${g.action.toLowerCase()}\0${when}`;
    const seen = byAction.get(key);
    if (seen === undefined || accessRank(g.accessLevel) < accessRank(seen.accessLevel)) byAction.set(key, g);
  }
  return [...byAction.values()].sort((a, b) => accessRank(a.accessLevel) - accessRank(b.accessLevel) || compare(a.action, b.action));
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ── managed policies ─────────────────────────────────────────────────────────────────────────

/** `arn:aws:iam::aws:policy/job-function/Foo` → `Foo`; a plain name stays as it is. */
export function managedPolicyName(arnOrName: string): string {
  const slash = arnOrName.lastIndexOf('/');
  return slash === -1 ? arnOrName : arnOrName.slice(slash + 1);
}

export function isAwsManagedPolicyArn(arn: string): boolean {
  return /^arn:[^:]*:iam::aws:policy\//.test(arn);
}

/**
 * AWS managed policies that hand a task role the whole account, directly or through one step of
 * privilege escalation. See docs/rules/FW101.md for why each is here and why service-wide
 * `*FullAccess` policies are not.
 */
export const ADMIN_CLASS_MANAGED_POLICIES: readonly string[] = [
  'AdministratorAccess',
  'PowerUserAccess',
  'IAMFullAccess',
  'AdministratorAccess-Amplify',
  'AdministratorAccess-AWSElasticBeanstalk',
];

const ADMIN_CLASS = new Set(ADMIN_CLASS_MANAGED_POLICIES.map((n) => n.toLowerCase()));

export function isAdminClassPolicy(arnOrName: string): boolean {
  return ADMIN_CLASS.has(managedPolicyName(arnOrName).toLowerCase());
}

/**
 * Where a grant exists only in the deployments where an undecided choice (an `Fn::If`, an
 * `Fn::FindInMap` on a key the files do not give) has one outcome: `only when Env is prod` after
 * `separator`, or '' when it exists in every deployment. Messages put it beside what it qualifies,
 * `s3:PutObject (only when Env is prod)`, so each outcome's grants read as that outcome's.
 */
export function onlyWhen(condition: string | undefined, separator: string): string {
  const when = conditionPhrases(condition).onlyWhen;
  return when === undefined ? '' : `${separator}${when}`;
}

/** `text (only when Env is prod)`, or `text` when the grant exists in every deployment. */
export function withOnlyWhen(text: string, condition: string | undefined): string {
  const when = onlyWhen(condition, '');
  return when === '' ? text : `${text} (${when})`;
}

/** A label for where a grant comes from: the managed policy's name, or the in-template policy. */
export function viaLabel(via: string): string {
  if (via.startsWith('arn:')) return managedPolicyName(via);
  const hash = via.lastIndexOf('#');
  return hash === -1 ? via : via.slice(hash + 1);
}

// ── admin-equivalence (FW101) and what it already covers ─────────────────────────────────────

function isStarAction(pattern: string): boolean {
  return pattern === '*' || pattern === '*:*';
}

/**
 * An Allow statement pattern that makes the role admin-equivalent on its own: every action (or
 * every action but a NotAction list) on every resource, with no condition or one that code running
 * in the task meets (see taskMeetsCondition).
 */
export function isAdminPattern(p: PatternGrant): boolean {
  // A grant under one outcome of an undecided CloudFormation condition is admin in that deployment.
  if (p.effect !== 'Allow' || !taskMeetsCondition(p.condition) || !p.resources.includes('*')) return false;
  return p.negated || isStarAction(p.pattern);
}

/**
 * Condition keys that say where, when or over which network a call is made, not what it may
 * touch: the calls of code running in the task meet them (in the named region, over TLS, from the
 * task's VPC, endpoint or NAT address, inside the time window), so every action under them is
 * still the account (or a region of it) to an attacker in the container. `Null` tests are left
 * out: whether a key is absent depends on the call.
 */
const PLACE_AND_TIME_KEYS = new Set(['aws:requestedregion', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceip', 'aws:vpcsourceip', 'aws:currenttime', 'aws:epochtime']);

/**
 * Whether the statement's IAM Condition is absent, or made only of tests the task's own calls
 * meet: the keys above, or `aws:SecureTransport` required to be true (every SDK call uses TLS).
 * Any other key (tags, principal, `aws:CalledVia`, MFA) may make the grant apply to nothing the
 * task does, so it is not counted as admin.
 */
export function taskMeetsCondition(condition: string | undefined): boolean {
  const iam = iamConditionOf(condition);
  if (iam === undefined) return true;
  return conditionKeysMet(iam) !== undefined;
}

/** The condition keys of `iam` when every test in it is one the task's calls meet (see taskMeetsCondition), else undefined. */
export function conditionKeysMet(iam: string): string[] | undefined {
  let block: unknown;
  try {
    block = JSON.parse(iam);
  } catch {
    return undefined;
  }
  if (typeof block !== 'object' || block === null || Array.isArray(block)) return undefined;
  const keys: string[] = [];
  for (const [operator, tests] of Object.entries(block)) {
    if (typeof tests !== 'object' || tests === null || Array.isArray(tests)) return undefined;
    const op = operator.replace(/^For(?:Any|All)Value:/i, '').replace(/IfExists$/i, '').toLowerCase();
    for (const [key, value] of Object.entries(tests)) {
      const k = key.toLowerCase();
      const values = (Array.isArray(value) ? value : [value]).map((v) => String(v).toLowerCase());
      const met = k === 'aws:securetransport' ? op === 'bool' && values.length > 0 && values.every((v) => v === 'true') : PLACE_AND_TIME_KEYS.has(k) && op !== 'null';
      if (!met) return undefined;
      keys.push(key);
    }
  }
  return keys.length === 0 ? undefined : [...new Set(keys)];
}

export interface AdminEvidence {
  readonly statements: readonly PatternGrant[];
  readonly managed: readonly EffectivePermissions['awsManagedPolicies'][number][];
}

/**
 * What makes a role admin-equivalent, if anything. An unconditional Deny of everything cancels it.
 * FW101–FW104 all ask for each task role: the evidence is computed once per role's permissions.
 */
export function adminEvidence(perms: EffectivePermissions): AdminEvidence {
  let evidence = adminEvidenceByPermissions.get(perms);
  if (evidence === undefined) adminEvidenceByPermissions.set(perms, (evidence = computeAdminEvidence(perms)));
  return evidence;
}

const adminEvidenceByPermissions = new WeakMap<EffectivePermissions, AdminEvidence>();

function computeAdminEvidence(perms: EffectivePermissions): AdminEvidence {
  const denyAll = perms.patterns.some(
    (p) => p.effect === 'Deny' && !p.negated && isStarAction(p.pattern) && p.resources.includes('*') && p.condition === undefined,
  );
  if (denyAll) return { statements: [], managed: [] };
  return {
    statements: perms.patterns.filter(isAdminPattern),
    managed: perms.awsManagedPolicies.filter((m) => isAdminClassPolicy(m.arn) || isAdminClassPolicy(m.name)),
  };
}

export function isAdmin(e: AdminEvidence): boolean {
  return e.statements.length > 0 || e.managed.length > 0;
}

function sameSource(a: SourceRef, b: SourceRef): boolean {
  return a.file === b.file && a.line === b.line;
}

/**
 * Whether FW101 already reports the statement or policy a grant/pattern comes from. FW102–FW104
 * leave those out so that one admin statement is one finding, not four.
 */
export function coveredByAdmin(e: AdminEvidence, item: Grant | PatternGrant): boolean {
  if (e.managed.some((m) => m.arn === item.via || m.name === item.via)) return true;
  if ('effect' in item) return e.statements.includes(item);
  if (!taskMeetsCondition(item.condition) || item.resource !== '*') return false;
  if (isStarAction(item.pattern)) return e.statements.some((s) => s.via === item.via);
  // Grants of a NotAction statement carry the pattern `NOT a, b`; its patterns are `a` and `b`.
  const excluded = notActionList(item.pattern);
  if (excluded === undefined) return false;
  return e.statements.some((s) => s.negated && s.via === item.via && (excluded.includes(s.pattern) || sameSource(s.source, item.source)));
}

const NOT = 'NOT ';

function notActionList(pattern: string): string[] | undefined {
  return pattern.startsWith(NOT) ? pattern.slice(NOT.length).split(', ') : undefined;
}

// ── conditions ───────────────────────────────────────────────────────────────────────────────

/** Condition keys (lower case) of a canonical-JSON Condition block, or undefined when unreadable. */
export function conditionKeys(condition: string): string[] | undefined {
  const operators = conditionBlock(condition);
  if (operators === undefined) return undefined;
  const keys: string[] = [];
  for (const block of Object.values(operators)) {
    if (block === null || typeof block !== 'object' || Array.isArray(block)) return undefined;
    for (const key of Object.keys(block as Record<string, unknown>)) keys.push(key.toLowerCase());
  }
  return keys;
}

/**
 * Condition keys that do not stop a compromised container from escalating: it calls from the
 * task's VPC and region anyway, and `iam:PassedToService` limits where a role goes, not which one.
 */
const ESCALATION_NEUTRAL_KEYS = new Set([
  'iam:passedtoservice', 'aws:requestedregion', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:securetransport', 'aws:vpcsourceip',
]);

/** Conditions repeat across every grant of a statement: each distinct one is parsed once. */
const neutralByCondition = boundedMemo((condition) => {
  const keys = conditionKeys(condition);
  return keys !== undefined && keys.length > 0 && keys.every((k) => ESCALATION_NEUTRAL_KEYS.has(k));
});

function conditionNeutralForEscalation(condition: string | undefined): boolean {
  const iam = iamConditionOf(condition);
  return iam === undefined || neutralByCondition(iam);
}

// ── privilege escalation (FW102) ─────────────────────────────────────────────────────────────

export interface EscalationMethod {
  /** Name as in Rhino Security Labs' catalogue (or ours for the ECS and boundary paths). */
  id: string;
  /** Actions that must be allowed on some resource. */
  actions: string[];
  /** Actions that must be allowed on every role (`*`, `role/*`). */
  anyRole?: string[];
}

/**
 * Rhino Security Labs' IAM privilege-escalation methods (github.com/RhinoSecurityLabs/AWS-IAM-Privilege-Escalation),
 * plus passing any role to a new ECS task (the path nearest to a task role) and removing or
 * replacing a permissions boundary. `iam:PassRole` / `sts:AssumeRole` on every role are paths on
 * their own: the combinations then only say how.
 */
export const ESCALATION_METHODS: readonly EscalationMethod[] = [
  { id: 'CreateNewPolicyVersion', actions: ['iam:CreatePolicyVersion'] },
  { id: 'SetExistingDefaultPolicyVersion', actions: ['iam:SetDefaultPolicyVersion'] },
  { id: 'CreateAccessKey', actions: ['iam:CreateAccessKey'] },
  { id: 'CreateLoginProfile', actions: ['iam:CreateLoginProfile'] },
  { id: 'UpdateLoginProfile', actions: ['iam:UpdateLoginProfile'] },
  { id: 'AttachUserPolicy', actions: ['iam:AttachUserPolicy'] },
  { id: 'AttachGroupPolicy', actions: ['iam:AttachGroupPolicy'] },
  { id: 'AttachRolePolicy', actions: ['iam:AttachRolePolicy'] },
  { id: 'PutUserPolicy', actions: ['iam:PutUserPolicy'] },
  { id: 'PutGroupPolicy', actions: ['iam:PutGroupPolicy'] },
  { id: 'PutRolePolicy', actions: ['iam:PutRolePolicy'] },
  { id: 'AddUserToGroup', actions: ['iam:AddUserToGroup'] },
  { id: 'UpdateRolePolicyToAssumeIt', actions: ['iam:UpdateAssumeRolePolicy'] },
  { id: 'ChangeRolePermissionsBoundary', actions: ['iam:PutRolePermissionsBoundary'] },
  { id: 'RemoveRolePermissionsBoundary', actions: ['iam:DeleteRolePermissionsBoundary'] },
  { id: 'ChangeUserPermissionsBoundary', actions: ['iam:PutUserPermissionsBoundary'] },
  { id: 'RemoveUserPermissionsBoundary', actions: ['iam:DeleteUserPermissionsBoundary'] },
  { id: 'PassAnyRole', actions: [], anyRole: ['iam:PassRole'] },
  { id: 'AssumeAnyRole', actions: [], anyRole: ['sts:AssumeRole'] },
  { id: 'CreateEC2WithExistingIP', actions: ['ec2:RunInstances'], anyRole: ['iam:PassRole'] },
  { id: 'PassExistingRoleToNewLambdaThenInvoke', actions: ['lambda:CreateFunction', 'lambda:InvokeFunction'], anyRole: ['iam:PassRole'] },
  { id: 'PassExistingRoleToNewLambdaThenInvokeCrossAccount', actions: ['lambda:CreateFunction', 'lambda:AddPermission'], anyRole: ['iam:PassRole'] },
  { id: 'PassExistingRoleToNewLambdaThenTriggerWithDynamo', actions: ['lambda:CreateFunction', 'lambda:CreateEventSourceMapping'], anyRole: ['iam:PassRole'] },
  { id: 'EditExistingLambdaFunctionWithRole', actions: ['lambda:UpdateFunctionCode'] },
  { id: 'AddExistingLambdaLayerToLambdaFunctionWithRole', actions: ['lambda:UpdateFunctionConfiguration'] },
  { id: 'PassExistingRoleToNewGlueDevEndpoint', actions: ['glue:CreateDevEndpoint'], anyRole: ['iam:PassRole'] },
  { id: 'UpdateExistingGlueDevEndpoint', actions: ['glue:UpdateDevEndpoint'] },
  { id: 'PassExistingRoleToCloudFormation', actions: ['cloudformation:CreateStack'], anyRole: ['iam:PassRole'] },
  { id: 'PassExistingRoleToNewDataPipeline', actions: ['datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition'], anyRole: ['iam:PassRole'] },
  { id: 'CodeStarCreateProjectFromTemplate', actions: ['codestar:CreateProjectFromTemplate'] },
  { id: 'PassRoleToNewCodeStarProject', actions: ['codestar:CreateProject'], anyRole: ['iam:PassRole'] },
  { id: 'CodeStarCreateProjectThenAssociateTeamMember', actions: ['codestar:CreateProject', 'codestar:AssociateTeamMember'] },
  { id: 'PassRoleToNewSageMakerJupyterNotebook', actions: ['sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl'], anyRole: ['iam:PassRole'] },
  { id: 'AccessExistingSageMakerJupyterNotebook', actions: ['sagemaker:CreatePresignedNotebookInstanceUrl'] },
  { id: 'PassExistingRoleToNewEcsTask', actions: ['ecs:RegisterTaskDefinition', 'ecs:RunTask'], anyRole: ['iam:PassRole'] },
];

/** A resource that stands for every role (or every IAM resource) of an account. */
export function coversEveryRole(resource: string): boolean {
  if (resource === '*') return true;
  // NotResource: every resource but the listed ones, so every role unless a role-wide pattern is excluded.
  const excluded = notResourceList(resource);
  if (excluded !== undefined) return excluded.every((r) => !coversEveryRole(r));
  const m = /^arn:[^:]*:iam::[^:]*:(.*)$/.exec(resource);
  return m !== null && (m[1] === '*' || m[1] === 'role/*' || m[1] === 'role*');
}

export interface Escalation {
  methods: string[];
  /** The grants that make up the matched methods, worst-first, one per action. */
  grants: Grant[];
}

/**
 * The escalation methods a role's grants complete. Grants FW101 reports, and grants whose
 * condition could stop the call, do not count (a condition we cannot evaluate is not a finding).
 */
export function findEscalation(perms: EffectivePermissions, admin: AdminEvidence, typeOf?: ResourceTypeOf): Escalation {
  // FW102 and FW103 both ask, for the same role and the same (recomputed) admin evidence.
  const cached = escalationCache.get(perms);
  if (cached !== undefined && cached.typeOf === typeOf && sameEvidence(cached.admin, admin)) return copyEscalation(cached.result);
  const result = computeEscalation(perms, admin, typeOf);
  escalationCache.set(perms, { admin, typeOf, result });
  return copyEscalation(result);
}

const escalationCache = new WeakMap<EffectivePermissions, { admin: AdminEvidence; typeOf: ResourceTypeOf | undefined; result: Escalation }>();

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameEvidence(a: AdminEvidence, b: AdminEvidence): boolean {
  return a === b || (sameList(a.statements, b.statements) && sameList(a.managed, b.managed));
}

function copyEscalation(e: Escalation): Escalation {
  return { methods: [...e.methods], grants: [...e.grants] };
}

/**
 * `actionMatches` of every grant against one action name, in grant order, without scanning every
 * grant per action: grants name concrete actions (one bucket per lower-case name); the few whose
 * action is a pattern are checked one by one.
 */
function grantsMatching(grants: readonly Grant[]): (action: string) => Grant[] {
  const exact = new Map<string, number[]>();
  const patterns: number[] = [];
  for (let i = 0; i < grants.length; i++) {
    const lower = grants[i]!.action.toLowerCase();
    if (isActionPattern(lower)) {
      patterns.push(i);
      continue;
    }
    const bucket = exact.get(lower);
    if (bucket === undefined) exact.set(lower, [i]);
    else bucket.push(i);
  }
  return (action) => {
    const hits = exact.get(action.toLowerCase()) ?? [];
    if (patterns.length === 0) return hits.map((i) => grants[i]!);
    const all = [...hits];
    for (const i of patterns) if (actionMatches(grants[i]!.action, action)) all.push(i);
    return all.sort((a, b) => a - b).map((i) => grants[i]!);
  };
}

function isActionPattern(lowerAction: string): boolean {
  return lowerAction.includes('*') || lowerAction.includes('?') || lowerAction.includes('${');
}

/** Lower-case names of the actions escalation methods need. */
const ESCALATION_ACTIONS = new Set(ESCALATION_METHODS.flatMap((m) => [...m.actions, ...(m.anyRole ?? [])]).map((a) => a.toLowerCase()));

/** Action names repeat across every role of a template: each distinct one is judged once. */

/**
 * Whether a granted action can be part of an escalation method: one the methods name, or a
 * pattern (it may match one). Most grants are neither, and are set aside before anything else.
 */
const mayServeEscalation = boundedMemo((action) => {
  const lower = action.toLowerCase();
  return isActionPattern(lower) || ESCALATION_ACTIONS.has(lower);
});

/** The resource type (`AWS::DynamoDB::Table`) of a logical ID declared in a file, when it is one. */
export type ResourceTypeOf = (logicalId: string, file: string) => string | undefined;

/** ResourceTypeOf over the analysis's declared resources: one per analysis, so findEscalation's cache holds across rules. */
export function declaredType(index: InfraIndex): ResourceTypeOf {
  let typeOf = typeOfByIndex.get(index);
  if (typeOf === undefined) typeOfByIndex.set(index, (typeOf = (logicalId, file) => index.resourceType(entityId(file, logicalId))));
  return typeOf;
}

const typeOfByIndex = new WeakMap<InfraIndex, ResourceTypeOf>();

/**
 * The AWS service a granted Resource belongs to, when it is certain: an ARN with a service field,
 * or `${X.Arn}` of a resource declared in the files. `*`, wildcards there and NotResource: unknown.
 */
function resourceService(resource: string, file: string, typeOf: ResourceTypeOf | undefined): string | undefined {
  const arn = /^arn:[^:]*:([A-Za-z0-9-]+):/.exec(resource.replace(PARTITION, 'aws'));
  if (arn !== null) return arn[1]!.toLowerCase();
  const attribute = /^\$\{([A-Za-z0-9]+)\.Arn\}/.exec(resource);
  const type = attribute === null || typeOf === undefined ? undefined : typeOf(attribute[1]!, file);
  return type?.startsWith('AWS::') === true ? type.split('::')[1]!.toLowerCase() : undefined;
}

/**
 * Whether the grant's Resource is of another service than the action acts on (IAM roles and STS
 * aside, which escalation actions of other services take as well): `iam:*` written on a DynamoDB
 * table, as `NotAction` on a table expands to, allows nothing on IAM.
 */
function onAnotherService(g: Grant, typeOf: ResourceTypeOf | undefined): boolean {
  const service = resourceService(g.resource, g.source.file, typeOf);
  if (service === undefined || service === 'iam' || service === 'sts') return false;
  return !g.action.toLowerCase().startsWith(`${service}:`);
}

function computeEscalation(perms: EffectivePermissions, admin: AdminEvidence, typeOf: ResourceTypeOf | undefined): Escalation {
  const usable = perms.grants.filter(
    (g) => mayServeEscalation(g.action) && conditionNeutralForEscalation(g.condition) && !coveredByAdmin(admin, g) && !onAnotherService(g, typeOf),
  );
  // The common case: nothing the role may do is part of any method.
  if (usable.length === 0) return { methods: [], grants: [] };
  const onAny = grantsMatching(usable);
  const onEveryRole = (action: string) => onAny(action).filter((g) => coversEveryRole(g.resource));
  const methods: string[] = [];
  const grants: Grant[] = [];
  const standalone = new Set<string>();
  for (const m of ESCALATION_METHODS) {
    const parts = [...m.actions.map(onAny), ...(m.anyRole ?? []).map(onEveryRole)];
    if (parts.length === 0 || parts.some((p) => p.length === 0) || !inOneDeployment(parts)) continue;
    methods.push(m.id);
    for (const p of parts) grants.push(...p);
    if (parts.length === 1) for (const g of parts[0]) standalone.add(g.action.toLowerCase());
  }
  // Actions that escalate on their own lead; their partners in combined paths (ec2:RunInstances) follow.
  const rank = (g: Grant) => (standalone.has(g.action.toLowerCase()) ? 0 : 1);
  return { methods, grants: worstFirstActions(grants, true).sort((a, b) => rank(a) - rank(b)) };
}

/** Past this many combinations of outcomes, a method's parts are taken to meet (the safe side is a finding). */
const MAX_OUTCOME_COMBINATIONS = 4096;

/**
 * Whether one deployment can hold a grant of every part of a method: the parts' grants under
 * outcomes the files do not decide (`Env is prod`, `Condition IsProd is true`) must agree on each
 * of them. `iam:PassRole` granted only in prod and `ecs:RunTask` only in dev are no path.
 */
function inOneDeployment(parts: readonly (readonly Grant[])[]): boolean {
  const options = parts.map((grants) => {
    const distinct = new Map<string, StackOutcome[]>();
    for (const g of grants) {
      const outcomes = stackOutcomesOf(g.condition);
      distinct.set(JSON.stringify(outcomes), outcomes);
    }
    // Unconditional grants first: they fit any deployment.
    return [...distinct.values()].sort((a, b) => a.length - b.length);
  });
  if (options.every((o) => o[0]!.length === 0)) return true;
  if (options.reduce((n, o) => n * o.length, 1) > MAX_OUTCOME_COMBINATIONS) return true;
  const held = new Map<string, boolean | string>();
  const pick = (part: number): boolean => {
    if (part === options.length) return true;
    for (const outcomes of options[part]!) {
      const added: string[] = [];
      let fits = true;
      for (const { condition, value } of outcomes) {
        const already = held.get(condition);
        if (already === undefined) {
          held.set(condition, value);
          added.push(condition);
        } else if (already !== value) {
          fits = false;
          break;
        }
      }
      if (fits && pick(part + 1)) return true;
      for (const condition of added) held.delete(condition);
    }
    return false;
  };
  return pick(0);
}

// ── "does the role allow X on Y" ─────────────────────────────────────────────────────────────

/**
 * Notes of the analysis that can only take permissions away (Denies it could not apply for sure,
 * an unapplied permissions boundary), or that are already visible in the grants (an unresolved
 * Resource kept as `${Unknown}`). They cannot hide a missing grant. Any other note might, and a note
 * worded in a way not listed here counts as one that might: the safe side is silence.
 */
const REMOVAL_ONLY_NOTES = [/^(a )?Deny in /, /^the permissions boundary .* narrower/, /grants nothing/, /; shown as \$\{Unknown\}$/];

/** Whether parts of the role's permissions could not be resolved in a way that may hide a grant. */
export function hasUnknownPermissions(perms: EffectivePermissions): boolean {
  return perms.awsManagedPolicies.some((m) => !m.known) || perms.unknown.some((note) => !REMOVAL_ONLY_NOTES.some((re) => re.test(note)));
}

const PARTITION = /\$\{AWS::Partition\}/g;

/**
 * Whether a granted resource pattern covers a resource value. Either may hold `${…}` placeholders
 * for values the files do not fix; equal placeholders denote the same value. Two whole-string
 * placeholders naming different resources declared in the template denote different resources.
 */
export function resourceCovers(pattern: string, value: string, isDeclared: (logicalId: string) => boolean = () => false): Tri {
  const excluded = notResourceList(pattern);
  if (excluded !== undefined) {
    const answers = excluded.map((x) => resourceCovers(x, value, isDeclared));
    return answers.includes('yes') ? 'no' : answers.includes('unknown') ? 'unknown' : 'yes';
  }
  // Templates mix `arn:aws:` and `arn:${AWS::Partition}:`; they denote the same thing where they deploy.
  const p = pattern.replace(PARTITION, 'aws');
  const v = value.replace(PARTITION, 'aws');
  if (resourceMatches(p, v)) return 'yes';
  const pn = wholePlaceholder(p);
  const vn = wholePlaceholder(v);
  if (pn !== undefined && vn !== undefined && pn !== vn && isDeclared(pn) && isDeclared(vn)) return 'no';
  if (!p.includes('${') && !v.includes('${')) return 'no';
  return mayOverlap(p, v) ? 'unknown' : 'no';
}

/**
 * Placeholders whose value never holds `:` (one ARN field). Treating them as `*` would let an
 * unknown region absorb `:secret:other-` and make every ARN pattern "maybe" cover every ARN.
 */
const FIELD_PLACEHOLDERS = new Set(['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::URLSuffix', 'SecretSuffix']);

type GlobToken = { k: 'lit'; c: string } | { k: 'one' } | { k: 'star' } | { k: 'field' };

function globTokens(s: string): GlobToken[] {
  const out: GlobToken[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '$' && s[i + 1] === '{') {
      const end = s.indexOf('}', i + 2);
      if (end !== -1) {
        out.push(FIELD_PLACEHOLDERS.has(s.slice(i + 2, end)) ? { k: 'field' } : { k: 'star' });
        i = end;
        continue;
      }
    }
    out.push(c === '*' ? { k: 'star' } : c === '?' ? { k: 'one' } : { k: 'lit', c });
  }
  return out;
}

function isStarLike(t: GlobToken | undefined): boolean {
  return t?.k === 'star' || t?.k === 'field';
}

/** Can one character satisfy both tokens? */
function charCompatible(a: GlobToken, b: GlobToken): boolean {
  if (a.k === 'lit' && b.k === 'lit') return a.c === b.c;
  if (a.k === 'lit') return b.k !== 'field' || a.c !== ':';
  if (b.k === 'lit') return a.k !== 'field' || b.c !== ':';
  return true;
}

/**
 * Whether some string matches both globs, with placeholders as unknown runs (`field` ones without
 * `:`). Reachability in the product of the two automata; iterative so long ARNs cannot overflow.
 */
export function mayOverlap(a: string, b: string): boolean {
  const x = globTokens(a);
  const y = globTokens(b);
  const width = y.length + 1;
  const seen = new Uint8Array((x.length + 1) * width);
  const stack = [0];
  seen[0] = 1;
  const push = (i: number, j: number): void => {
    const key = i * width + j;
    if (seen[key] === 0) {
      seen[key] = 1;
      stack.push(key);
    }
  };
  while (stack.length > 0) {
    const key = stack.pop() as number;
    const i = Math.floor(key / width);
    const j = key % width;
    if (i === x.length && j === y.length) return true;
    const s = x[i];
    const t = y[j];
    if (isStarLike(s)) push(i + 1, j);
    if (isStarLike(t)) push(i, j + 1);
    if (s !== undefined && t !== undefined && charCompatible(s, t)) push(isStarLike(s) ? i : i + 1, isStarLike(t) ? j : j + 1);
  }
  return false;
}

/** `${Secret}` → `Secret`, `${Key.Arn}` → `Key`; undefined unless the string is one placeholder. */
function wholePlaceholder(s: string): string | undefined {
  const m = /^\$\{([^}.]+)(\.[^}]*)?\}$/.exec(s);
  return m === null ? undefined : m[1];
}

/** Whether a logical ID is declared in a file (for telling placeholders of two resources apart). */
export function declaredIn(ctx: RuleContext, file: string): (logicalId: string) => boolean {
  return (logicalId) => {
    const id = entityId(file, logicalId);
    return ctx.index.entity(id) !== undefined || ctx.index.resourceType(id) !== undefined;
  };
}

/**
 * Whether the role may call `action` on one of `resources` (alternative spellings of the same
 * resource: any one covered is enough). `no` only when nothing could grant it: no grant, no
 * Allow pattern the analysis might have failed to expand, and no unresolved part of the role.
 */
export function roleAllows(perms: EffectivePermissions, action: string, resources: readonly string[] = ['*'], isDeclared?: (id: string) => boolean): Tri {
  return allowedOn(perms, action, (written) => resources.reduce<Tri>((answer, r) => best(answer, resourceCovers(written, r, isDeclared)), 'no'));
}

/**
 * Whether the role may call `action` on some resource. For calls whose resource is named where
 * the analysis cannot pin it down (the log group of a container's log options), any unconditional
 * grant of the action counts, so only a role that holds the action nowhere is `no`.
 */
export function roleAllowsSomewhere(perms: EffectivePermissions, action: string): Tri {
  return allowedOn(perms, action, () => 'yes');
}

/**
 * Whether the role may call an action that has no resource-level permissions
 * (`ecr:GetAuthorizationToken`): IAM evaluates it against the resource `*`, which only a
 * statement whose resource matches the literal `*` allows, not one on a repository ARN.
 */
export function roleAllowsUnscoped(perms: EffectivePermissions, action: string): Tri {
  return allowedOn(perms, action, coversStar);
}

/**
 * The role's answer for `action` on what `covers` accepts (given a resource as a statement writes
 * it): a grant covering it without a condition is `yes`; an unconditional Deny of the action on `*`
 * is `no` whatever else; a conditional or possible grant, an unresolved part of the role, or an
 * Allow pattern the analysis did not expand that may cover it is `unknown`.
 */
function allowedOn(perms: EffectivePermissions, action: string, covers: (written: string) => Tri): Tri {
  let answer: Tri = 'no';
  for (const g of perms.grants) {
    if (!actionMatches(g.action, action)) continue;
    const covered = covers(g.resource);
    if (covered === 'yes' && g.condition === undefined) return 'yes';
    answer = best(answer, covered === 'yes' ? 'unknown' : covered);
  }
  if (deniedEverywhere(perms, action)) return 'no';
  if (answer === 'unknown' || hasUnknownPermissions(perms)) return 'unknown';
  const allowPattern = perms.patterns.some((p) => p.effect === 'Allow' && !p.negated && actionMatches(p.pattern, action) && p.resources.some((r) => covers(r) !== 'no'));
  return allowPattern ? 'unknown' : 'no';
}

/**
 * Whether a statement's resource matches the literal resource `*`. Only wildcards can: `*` matches
 * it, and so does one `?`; any other character cannot, whatever a placeholder stands for. A
 * placeholder may itself be `*`, so a resource made of placeholders and wildcards is unknown.
 */
export function coversStar(resource: string): Tri {
  const excluded = notResourceList(resource);
  if (excluded !== undefined) {
    const answers = excluded.map(coversStar);
    return answers.includes('yes') ? 'no' : answers.includes('unknown') ? 'unknown' : 'yes';
  }
  const rest = resource.replace(/\$\{[^}]*\}/g, '');
  if (/[^*?]/.test(rest)) return 'no';
  if (rest.length < resource.length) return 'unknown';
  return [...rest].filter((c) => c === '?').length <= 1 ? 'yes' : 'no';
}

/** An unconditional Deny of the action on `*`: no Allow pattern left unexpanded can grant it. */
function deniedEverywhere(perms: EffectivePermissions, action: string): boolean {
  return perms.patterns.some((p) => p.effect === 'Deny' && !p.negated && p.condition === undefined && actionMatches(p.pattern, action) && p.resources.includes('*'));
}

// ── secrets a task definition references (FW106, FW107) ──────────────────────────────────────

export interface SecretNeed {
  /** The environment variable (or `repository credentials of <container>`). */
  label: string;
  store: 'secretsmanager' | 'ssm';
  action: string;
  /** ARNs the reference may denote (alternatives: any one covered is enough); undefined when unknown. */
  arns?: string[];
  /**
   * For a reference to a secret declared with a literal name: the ARNs that name gives. The same
   * secret described another way, so a grant that certainly misses these misses the secret.
   */
  named?: string[];
  ref: SecretReference;
}

/** Resolves a reference's in-template Secret or Parameter, when it has one. */
export type SecretLookup = (ref: SecretReference) => SecretResource | undefined;

export function secretLookup(ctx: RuleContext): SecretLookup {
  return (ref) => ctx.index.resolve(ref.resource, ctx.posture.infra.secrets);
}

/** Every secret the ECS agent reads at start-up for a task definition, with the action it needs. */
export function secretNeeds(td: TaskDefinition, lookup: SecretLookup = () => undefined): SecretNeed[] {
  const out: SecretNeed[] = [];
  for (const c of td.containers) {
    const refs: [string, SecretReference][] = c.secrets.map((s) => [s.name, s]);
    if (c.repositoryCredentials !== undefined) refs.push([`repository credentials of ${c.name}`, c.repositoryCredentials]);
    for (const [label, ref] of refs) {
      if (ref.store === 'unknown') continue;
      const need: SecretNeed = {
        label,
        store: ref.store,
        action: ref.store === 'secretsmanager' ? 'secretsmanager:GetSecretValue' : 'ssm:GetParameters',
        ref,
      };
      if (ref.valueFrom.known) need.arns = ref.store === 'secretsmanager' ? secretArnCandidates(ref.valueFrom.value) : parameterArnCandidates(ref.valueFrom.value);
      const name = lookup(ref)?.name;
      if (name !== undefined && !name.includes('${')) need.named = ref.store === 'secretsmanager' ? secretArnCandidates(name) : parameterArnCandidates(name);
      out.push(need);
    }
  }
  return out;
}

/**
 * Two descriptions of the same secret: `yes` when either is certainly covered, `no` when either is
 * certainly not (the other is then only vaguer), `unknown` otherwise.
 */
export function sameThing(a: Tri, b: Tri | undefined): Tri {
  if (a === 'yes' || b === 'yes') return 'yes';
  if (a === 'no' || b === 'no') return 'no';
  return 'unknown';
}

/** Whether a granted resource covers a secret the agent reads. */
export function coversSecret(resource: string, need: SecretNeed, isDeclared?: (id: string) => boolean): Tri {
  const over = (arns: string[]): Tri => arns.map((arn) => resourceCovers(resource, arn, isDeclared)).reduce(best, 'no');
  if (need.arns === undefined) return 'unknown';
  return sameThing(over(need.arns), need.named === undefined ? undefined : over(need.named));
}

/** Splits on `:` outside `${…}` (pseudo parameters such as `${AWS::Region}` hold colons). */
function splitArn(s: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '$' && s[i + 1] === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    if (c === ':' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  parts.push(cur);
  return parts;
}

const LOCAL_PREFIX = 'arn:aws';
const SUFFIX_PLACEHOLDER = '${SecretSuffix}';

/**
 * The ARNs a Secrets Manager `valueFrom` may denote. ECS accepts the full ARN followed by
 * `:json-key:version-stage:version-id`, a partial ARN without the six-character suffix Secrets
 * Manager appends, or (same account and region) the bare name; IAM always sees the full ARN.
 */
export function secretArnCandidates(valueFrom: string): string[] {
  const parts = splitArn(valueFrom);
  if (parts[0] === 'arn' && parts.length >= 7) return withSuffixVariants(parts.slice(0, 7).join(':'), parts[6]);
  // `${DbSecret}` or `${DbSecret}:password::` (CDK's field selector): the reference is the ARN.
  if (/^\$\{[^}]+\}$/.test(parts[0])) return [parts[0]];
  if (parts.length > 1) return [valueFrom];
  return withSuffixVariants(`${LOCAL_PREFIX}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:${valueFrom}`, valueFrom);
}

function withSuffixVariants(arn: string, name: string): string[] {
  const suffixed = `${arn}-${SUFFIX_PLACEHOLDER}`;
  // A name ending in `-xxxxxx` may be complete or a partial ARN whose name happens to look so.
  return /-[A-Za-z0-9]{6}$/.test(name) ? [arn, suffixed] : [suffixed];
}

/** The ARNs an SSM `valueFrom` (ARN or parameter name) may denote. */
export function parameterArnCandidates(valueFrom: string): string[] {
  if (valueFrom.startsWith('arn:')) return [valueFrom];
  const prefix = `${LOCAL_PREFIX}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter`;
  if (valueFrom.startsWith('/')) return [`${prefix}${valueFrom}`];
  // A placeholder may or may not begin with `/`: both spellings are possible.
  if (valueFrom.startsWith('${')) return [`${prefix}/${valueFrom}`, `${prefix}${valueFrom}`];
  return [`${prefix}/${valueFrom}`];
}

// ── trust policies (FW109) ───────────────────────────────────────────────────────────────────

export const ECS_TASKS_PRINCIPAL = /^Service:ecs-tasks\.amazonaws\.com(\.cn)?$/i;
