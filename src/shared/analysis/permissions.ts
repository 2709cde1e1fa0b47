import { describeOutcomes, withStackCondition } from '../model/index.ts';
import type {
  AccessLevel,
  AttachedPolicy,
  Attr,
  EffectivePermissions,
  EntityRef,
  Grant,
  Infra,
  Known,
  Policy,
  PatternGrant,
  Role,
  SourceRef,
  StackOutcome,
  Statement,
} from '../model/index.ts';
import type { IamCatalog, ManagedPolicyDocument, ManagedPolicySource } from './catalog.ts';
import { entityId, type InfraIndex } from './infra-index.ts';
import { isAwsManagedArn, policyNameOfArn } from './iam/arn.ts';
import { actionAppliesTo } from './iam/applicability.ts';
import { canonicalResource, segmentsMarked } from './iam/arn-forms.ts';
import {
  actionMatches,
  expandActionPattern,
  expandNotAction,
  hasPlaceholder,
  type ExpandedAction,
  resourceMatches,
  resourcesOverlap,
} from './iam/expand.ts';
import { statementsFromJson } from './iam/policy-json.ts';
import { fingerprintHash } from './fingerprint.ts';

export { isAwsManagedArn } from './iam/arn.ts';

/**
 * The resource of a grant whose `Resource` entry could not be resolved from the files (a parameter
 * without default, an import). It is kept as a grant so the action still counts (the role does
 * call that service), and `resourceMatches` treats it as an unknown value: only `*` covers it.
 */
export const UNKNOWN_RESOURCE = '${Unknown}';

/**
 * Grants of an Allow with `NotResource` carry the resource `NOT <a>, <b>`: "every resource except
 * these". Reports show it as written; rules that need the list use `notResourceList`.
 */
export const NOT_PREFIX = 'NOT ';
const LIST_SEPARATOR = ', ';

/** The excluded resources of a `NOT …` grant resource, or undefined for an ordinary resource. */
export function notResourceList(resource: string): string[] | undefined {
  return resource.startsWith(NOT_PREFIX) ? resource.slice(NOT_PREFIX.length).split(LIST_SEPARATOR) : undefined;
}

/**
 * Effective permissions of every role in `infra`: the union of its Allow statements (inline
 * policies, AWS::IAM::Policy and ManagedPolicy resources attached by their `Roles`, in-template
 * managed policies and AWS managed policies in `ManagedPolicyArns`), expanded against the
 * catalog, minus what unconditional explicit Denies certainly remove.
 *
 * There is one grant per (action, resource, condition). When several statements grant it, it
 * carries the pattern, policy and source of the one whose pattern is most specific (see
 * `patternSpecificity`), so neither the grants nor what is derived from their patterns (the
 * services the application calls) depends on the order of statements and policies.
 *
 * Deny handling errs towards showing more permission, never less: a grant is removed only when
 * a Deny without Condition matches its action and its Resource covers every ARN the grant's
 * resource may denote. Conditional Denies, Denies that cover only part of a grant's resource
 * (Allow `s3:GetObject` on `*`, Deny on one bucket), and Denies with unresolved entries keep the
 * grants and say so in `unknown`, once per Deny and only when it overlaps at least one grant.
 *
 * Not modelled (each is said in `unknown` when present): permissions boundaries, and policies that
 * live outside the scanned files (customer managed ARNs, unresolved references). SCPs, session
 * policies and resource policies are outside a role's own definition and not considered.
 */
export function computePermissions(
  infra: Infra,
  index: InfraIndex,
  catalog: IamCatalog,
  managed: ManagedPolicySource,
): Map<string, EffectivePermissions> {
  const context = new Context(infra, index, catalog, managed);
  const out = new Map<string, EffectivePermissions>();
  for (const role of infra.roles) out.set(role.id, computeRole(role, context));
  return out;
}

interface Origin {
  via: string;
  managed: boolean;
  /** For AWS managed policies: where the template attaches it, used for every value of the policy. */
  sourceOverride?: SourceRef;
  /** The outcome of an undecided CloudFormation condition under which alone the role has the policy. */
  when?: StackOutcome;
}

/**
 * How many expanded grants one analysis may hold. A role with `Action: '*'` expands to ~22k
 * grants; a template with hundreds of such roles would otherwise exhaust memory. Past the budget,
 * broad patterns are kept unexpanded (as one grant spelled as written, which `allows` matches as a
 * glob) and the role says so in `unknown`.
 */
export const GRANT_BUDGET = 1_000_000;

class Context {
  readonly budget = { remaining: GRANT_BUDGET };
  readonly policiesByRole = new Map<string, Policy[]>();
  /**
   * Policy resources with a `Roles` entry the files do not decide (a parameter without a default,
   * an import, an expression over an ARN): each may be attached to any role, so every role notes
   * it (see undecidedAttachment) rather than the policy silently granting nothing.
   */
  readonly undecidedPolicies: { policy: Policy; reason: string }[] = [];
  /** The notes for undecided policies, by the ids of the ones a role has attached anyway (see undecidedNotes). */
  private readonly undecidedNotesFor = new Map<string, string[]>();

  /**
   * The notes a role gets for the undecided policies it does not have attached by name: one per
   * policy, or, past a few, one that names the first ones and fingerprints what they all say, so
   * a thousand such policies cost a thousand roles one shared note each, not a million.
   */
  undecidedNotes(attached: ReadonlySet<string>): string[] {
    if (this.undecidedPolicies.length === 0) return [];
    const left = this.undecidedPolicies.filter((u) => !attached.has(u.policy.id));
    const key = left.length === this.undecidedPolicies.length ? '' : left.map((u) => u.policy.id).join('\0');
    let notes = this.undecidedNotesFor.get(key);
    if (notes === undefined) {
      const each = left.map((u) => undecidedAttachment(u.policy, u.reason));
      notes = each.length <= MAX_UNDECIDED_NOTES
        ? each.map((n) => n.text)
        : [
            `${each.length} policies whose Roles the files do not decide may be attached (${left.slice(0, MAX_UNDECIDED_NOTES).map((u) => nameOf(u.policy)).join(', ')}, and ${each.length - MAX_UNDECIDED_NOTES} more); ` +
              `what they say, together: ${fingerprintHash(each.map((n) => n.stable).sort().join('\n'))}`,
          ];
      this.undecidedNotesFor.set(key, notes);
    }
    return notes;
  }
  /**
   * Permissions boundaries by policy (resource id or ARN), expanded once: CDK apps often give every
   * role the same one. Their own budget, so how many roles come first does not decide whether a
   * boundary is applied.
   */
  readonly boundaries = new Map<string, BoundaryCap | undefined>();
  readonly boundaryBudget = { remaining: GRANT_BUDGET };
  private readonly managedStatements = new Map<string, { statements: Statement[]; problems: string[] }>();
  private readonly managedDocs = new Map<string, ManagedPolicyDocument | undefined>();
  /** File → resource → its spelling for arnSpelling. */
  private readonly spellings = new Map<string, Map<string, string>>();

  constructor(
    readonly infra: Infra,
    readonly index: InfraIndex,
    readonly catalog: IamCatalog,
    private readonly managed: ManagedPolicySource,
  ) {
    // Only policy resources attach by role name: without any, the names need no index.
    if (infra.policies.length > 0) this.attachPolicies(infra);
  }

  /**
   * `resource` as a statement in `file` means it, for asking which actions apply to it: a
   * placeholder that stands for an ARN (`${Table.Arn}/index/*`) spelled as that ARN, so the
   * answer does not depend on how the ARN was written (see canonicalResource).
   */
  readonly arnSpelling = (resource: string, file: string): string => {
    if (!resource.includes('${')) return resource;
    let inFile = this.spellings.get(file);
    if (inFile === undefined) this.spellings.set(file, (inFile = new Map()));
    let spelled = inFile.get(resource);
    if (spelled === undefined) {
      const typeOf = (logicalId: string): string | undefined => this.index.resourceType(entityId(file, logicalId));
      spelled = segmentsMarked(canonicalResource(resource, typeOf), typeOf);
      inFile.set(resource, spelled);
    }
    return spelled;
  };

  private attachPolicies(infra: Infra): void {
    const byName = new Map<string, Role[]>();
    for (const role of infra.roles) {
      if (role.roleName === undefined) continue;
      const list = byName.get(role.roleName) ?? [];
      list.push(role);
      byName.set(role.roleName, list);
    }
    const undecided = new Set<string>();
    for (const policy of infra.policies) {
      const targets = new Set<string>();
      for (const ref of policy.roles) {
        if (ref.kind === 'unknown' && !undecided.has(policy.id)) {
          undecided.add(policy.id);
          this.undecidedPolicies.push({ policy, reason: ref.reason });
        }
        if (ref.kind === 'resource') targets.add(ref.id);
        // `Roles` takes role names: a literal name attaches to the scanned role of that name.
        else if (ref.kind === 'external') for (const r of byName.get(ref.value) ?? []) targets.add(r.id);
      }
      for (const id of targets) {
        const list = this.policiesByRole.get(id) ?? [];
        list.push(policy);
        this.policiesByRole.set(id, list);
      }
    }
  }

  managedPolicy(arn: string): ManagedPolicyDocument | undefined {
    if (!this.managedDocs.has(arn)) this.managedDocs.set(arn, this.managed.get(arn));
    return this.managedDocs.get(arn);
  }

  /** Parsed once per policy; the placeholder source is replaced by each role's attachment site. */
  statementsOf(doc: ManagedPolicyDocument): { statements: Statement[]; problems: string[] } {
    let hit = this.managedStatements.get(doc.arn);
    if (hit === undefined) {
      hit = statementsFromJson(doc.document, { file: '', line: 0, path: doc.arn, explicit: true });
      this.managedStatements.set(doc.arn, hit);
    }
    return hit;
  }
}

function computeRole(role: Role, context: Context): EffectivePermissions {
  const acc = new RoleAccumulator(role.id, context.catalog, context.budget, context.arnSpelling);
  const inlineVia = `${role.logicalId} inline`;
  for (const doc of role.inlinePolicies) {
    if (doc.unknown !== undefined) acc.note(`inline policy ${doc.name} (${at(doc.source)}) is unknown: ${doc.unknown}`);
    acc.statements(doc.statements, { via: inlineVia, managed: false });
  }

  const done = new Set<string>();
  const doneUnder = new Set<string>();
  const applyPolicy = (policy: Policy, when?: StackOutcome): void => {
    if (done.has(policy.id)) return;
    if (when === undefined) done.add(policy.id);
    else {
      const key = `${policy.id}\0${when.condition}\0${when.value}`;
      if (doneUnder.has(key)) return;
      doneUnder.add(key);
    }
    addPolicy(acc, policy, when);
  };
  for (const policy of context.policiesByRole.get(role.id) ?? []) applyPolicy(policy);

  // Those attached either way first: one also named under an outcome adds nothing there.
  const refs = role.managedPolicies.filter((r) => r.when === undefined).concat(role.managedPolicies.filter((r) => r.when !== undefined));
  for (const ref of refs) addManagedPolicy(acc, ref, context, applyPolicy);
  for (const note of context.undecidedNotes(done)) acc.note(note);

  const perms = acc.finish();
  if (role.permissionsBoundary !== undefined) applyBoundary(perms, role.permissionsBoundary, context);
  return perms;
}

/**
 * The note for a policy that may be attached to the role. It says what the policy would grant, so
 * an edit to such a policy changes the note (and a diff sees a change, not "no posture change").
 * Resources written with placeholders are shown as `${…}`: their logical IDs change with CDK's
 * hashes, which is not a change of what the policy grants.
 */
function undecidedAttachment(policy: Policy, reason: string): { text: string; stable: string } {
  const listed = (attrs: readonly Attr<string>[] | undefined, what: string): string =>
    attrs === undefined ? '' : `${what} ${attrs.map((a) => (a.known ? (a.value.includes('${') ? '${…}' : a.value) : '(undecided)')).join(', ')}`;
  const statements = policy.document.statements.map((st) =>
    [st.effect, listed(st.actions, ''), listed(st.notActions, 'all but'), listed(st.resources, 'on'), listed(st.notResources, 'on all but'), st.condition === undefined ? '' : 'with a Condition']
      .filter((part) => part !== '').join(' ').replace(/ {2,}/g, ' '));
  const grants = policy.document.unknown !== undefined ? `its document is unknown (${policy.document.unknown})` : statements.length === 0 ? 'it has no statement' : `it says: ${statements.join('; ')}`;
  const tail = `may be attached: the files do not decide its Roles (${reason}); ${grants}`;
  return { text: `policy ${nameOf(policy)} (${at(policy.source)}) ${tail}`, stable: `policy ${nameOf(policy)} ${tail}` };
}

/** How a diff finds a policy again: its construct path survives CDK's logical-ID hashes. */
function nameOf(policy: Policy): string {
  return policy.cdkPath ?? policy.logicalId;
}

/** Undecided policies noted one by one; past this many, one note stands for all (see Context.undecidedNotes). */
const MAX_UNDECIDED_NOTES = 3;

/** A policy resource of the files: its statements, or a note when its document is unknown. */
function addPolicy(acc: RoleAccumulator, policy: Policy, when?: StackOutcome): void {
  if (policy.document.unknown !== undefined) acc.note(`policy ${policy.logicalId} (${at(policy.document.source)}) is unknown: ${policy.document.unknown}${attachedOnly(when)}`);
  acc.statements(policy.document.statements, when === undefined ? { via: policy.id, managed: false } : { via: policy.id, managed: false, when });
}

/** For notes about a policy the role names only under one outcome of an undecided condition. */
function attachedOnly(when: StackOutcome | undefined): string {
  return when === undefined ? '' : ` (attached only ${describeOutcomes([when])})`;
}

/**
 * Adds the statements of a managed policy the role names (one in the files, or an AWS managed one
 * from the snapshot) to `acc`, or notes why its permissions are unknown.
 */
function addManagedPolicy(acc: RoleAccumulator, ref: AttachedPolicy, context: Context, applyPolicy: (policy: Policy, when?: StackOutcome) => void): void {
  const when = ref.when;
  const only = attachedOnly(when);
  if (ref.kind === 'resource') {
    const policy = context.index.resolve(ref, context.infra.policies);
    if (policy !== undefined) applyPolicy(policy, when);
    else acc.note(`managed policy reference ${ref.id} (${at(ref.source)}) is not a policy in the scanned files; its permissions are unknown${only}`);
    return;
  }
  if (ref.kind === 'unknown') {
    acc.note(`a managed policy ARN (${at(ref.source)}) could not be resolved (${ref.reason}); its permissions are unknown${only}`);
    return;
  }
  const arn = ref.value;
  if (!isAwsManagedArn(arn)) {
    acc.note(`customer managed policy ${arn} (${at(ref.source)}) is not defined in the scanned files; its permissions are unknown${only}`);
    return;
  }
  const doc = context.managedPolicy(arn);
  const condition = when === undefined ? undefined : withStackCondition(undefined, when);
  const entry = (found: { arn: string; name: string; known: boolean }): EffectivePermissions['awsManagedPolicies'][number] =>
    condition === undefined ? { ...found, source: ref.source } : { ...found, source: ref.source, condition };
  if (doc === undefined) {
    acc.awsManaged.push(entry({ arn, name: policyNameOfArn(arn), known: false }));
    acc.note(`AWS managed policy ${arn} (${at(ref.source)}) is not in the bundled snapshot; its permissions are unknown${only}`);
    return;
  }
  acc.awsManaged.push(entry({ arn: doc.arn, name: doc.name, known: true }));
  const parsed = context.statementsOf(doc);
  for (const problem of parsed.problems) acc.note(`AWS managed policy ${doc.name}: ${problem}`);
  const origin: Origin = { via: doc.arn, managed: true, sourceOverride: ref.source };
  if (when !== undefined) origin.when = when;
  acc.statements(parsed.statements, origin);
}

/**
 * A permissions boundary caps what the role's policies grant: an action is effective only when
 * the boundary allows it too. It is applied when the boundary's own permissions are fully known
 * (an AWS managed policy in the snapshot, or a managed policy in the files); otherwise the grants
 * stay as the policies write them, with a note. Applied per action: an action the boundary allows
 * only on some resources or under a condition is kept, and noted, since whether the two overlap
 * is not decided here. The notes can only narrow what is listed (see REMOVAL_ONLY_NOTES).
 */
function applyBoundary(perms: EffectivePermissions, ref: EntityRef, context: Context): void {
  const where = at(ref.source);
  const key = ref.kind === 'resource' ? ref.id : ref.kind === 'external' ? ref.value : undefined;
  if (key !== undefined && !context.boundaries.has(key)) context.boundaries.set(key, boundaryCap(ref, context));
  const cap = key === undefined ? undefined : context.boundaries.get(key);
  if (cap === undefined) {
    perms.unknown.push(`the permissions boundary (${where}) is not applied: effective permissions may be narrower than listed`);
    return;
  }
  const partly = new Set<string>();
  const unrecognised = new Set(perms.unrecognised);
  perms.grants = perms.grants.filter((g) => {
    const action = g.action.toLowerCase();
    if (cap.everywhere.has(action)) return true;
    // An action the catalog lacks is in no expansion of the boundary: only its patterns can say.
    if (cap.somewhere.has(action) || (unrecognised.has(g.action) && cap.mayAllowUnlisted(g.action))) {
      partly.add(g.action);
      return true;
    }
    return false;
  });
  // A pattern as written whose every action the boundary withholds grants nothing either: rules
  // that fall back on patterns (an action the expansion may have missed) must not find it there.
  perms.patterns = perms.patterns.filter((p) => p.effect !== 'Allow' || p.negated || unrecognised.has(p.pattern) || cap.allowsSomeOf(p.pattern));
  if (partly.size > 0) {
    perms.unknown.push(
      `the permissions boundary (${where}) allows ${partly.size} of the granted action(s) only on some resources, under a condition or by a pattern (e.g. ${[...partly].sort()[0]}): effective permissions may be narrower than listed`,
    );
  }
}

/** What a boundary lets through, by lower-case action. */
interface BoundaryCap {
  /** Allowed on `*` without a condition. */
  everywhere: Set<string>;
  /** Allowed only on some resources or under a condition. */
  somewhere: Set<string>;
  /** Whether the boundary allows some action the pattern matches. */
  allowsSomeOf(pattern: string): boolean;
  /** Whether one of the boundary's Allow patterns may cover an action the catalog does not list. */
  mayAllowUnlisted(action: string): boolean;
}

/** The boundary policy's permissions, or undefined when any part of them is unknown. */
function boundaryCap(ref: EntityRef, context: Context): BoundaryCap | undefined {
  const acc = new RoleAccumulator('permissions boundary', context.catalog, context.boundaryBudget, context.arnSpelling);
  addManagedPolicy(acc, ref, context, (policy) => addPolicy(acc, policy));
  // Anything the accumulator could not decide (a policy outside the files or the snapshot, an
  // unresolved entry) leaves the boundary unknown: it is not applied.
  const boundary = acc.finish();
  if (boundary.unknown.length > 0 || boundary.unrecognised.length > 0) return undefined;
  const everywhere = new Set<string>();
  const somewhere = new Set<string>();
  for (const g of boundary.grants) (g.resource === '*' && g.condition === undefined ? everywhere : somewhere).add(g.action.toLowerCase());
  const allowed = [...everywhere, ...somewhere];
  const bySomePattern = new Map<string, boolean>();
  return {
    everywhere,
    somewhere,
    allowsSomeOf(pattern) {
      const p = pattern.toLowerCase();
      if (everywhere.has(p) || somewhere.has(p)) return true;
      let answer = bySomePattern.get(p);
      if (answer === undefined) bySomePattern.set(p, (answer = allowed.some((a) => actionMatches(p, a))));
      return answer;
    },
    mayAllowUnlisted: (action) => boundary.patterns.some((p) => p.effect === 'Allow' && (p.negated || actionMatches(p.pattern, action))),
  };
}

interface Deny {
  via: string;
  source: SourceRef;
  negated: boolean;
  /** Known, placeholder-free Action (or NotAction) patterns. */
  actionPatterns: string[];
  /** Resource patterns; with `notResources` the resources the Deny does NOT apply to. */
  resources: string[];
  notResources: boolean;
  conditional: boolean;
  /** Its Condition's JSON, when it has one. */
  condition?: string;
  /** Why the Deny cannot be applied with certainty even without a Condition, when it cannot. */
  uncertain?: string;
}

class RoleAccumulator {
  readonly awsManaged: EffectivePermissions['awsManagedPolicies'] = [];
  private readonly grants: Grant[] = [];
  /** `patternSpecificity` of the patterns met, asked only when two statements grant one action. */
  private readonly specificity = new Map<string, number>();
  /**
   * Per (resource, condition), where the grant of each action sits in `grants` (the key is the
   * action name, or `?<lower case>` for names the catalog lacks). Grouping by (resource, condition)
   * first spares a key string per grant, which matters for `*` (22k actions).
   */
  private readonly slots = new Map<string, Map<string, number>>();
  private readonly patterns: PatternGrant[] = [];
  private readonly unknown = new Set<string>();
  private readonly unrecognised = new Set<string>();
  private readonly denies: Deny[] = [];

  constructor(
    private readonly roleId: string,
    private readonly catalog: IamCatalog,
    private readonly budget: { remaining: number },
    private readonly arnSpelling: (resource: string, file: string) => string,
  ) {}

  note(message: string): void {
    this.unknown.add(message);
  }

  statements(statements: readonly Statement[], origin: Origin): void {
    for (const written of statements) {
      let st = written;
      if (origin.when !== undefined) {
        // The policy holds only under the outcome: each statement does, as if written under it.
        const condition = withStackCondition(written.condition, origin.when);
        if (condition === undefined) continue;
        st = { ...written, condition };
      }
      if (st.effect === 'Allow') this.allow(st, origin);
      else this.deny(st, origin);
    }
  }

  private src(attr: { source: SourceRef }, origin: Origin): SourceRef {
    return origin.sourceOverride ?? attr.source;
  }

  private where(st: Statement, origin: Origin): string {
    return `${origin.via} (${at(origin.sourceOverride ?? st.source)})`;
  }

  /** The statement's resources as grant resource strings (one `NOT …` string for NotResource). */
  private resourceStrings(st: Statement, origin: Origin): string[] | undefined {
    const values = (list: Attr<string>[], field: string): string[] =>
      list.map((attr) => {
        if (attr.known) return attr.value;
        this.note(`a ${field} entry in ${this.where(st, origin)} is unresolved (${attr.reason}); shown as ${UNKNOWN_RESOURCE}`);
        return UNKNOWN_RESOURCE;
      });
    if (st.notResources !== undefined) return [NOT_PREFIX + values(st.notResources, 'NotResource').join(LIST_SEPARATOR)];
    if (st.resources !== undefined) return values(st.resources, 'Resource');
    return undefined;
  }

  private allow(st: Statement, origin: Origin): void {
    const resources = this.resourceStrings(st, origin);
    const negated = st.actions === undefined && st.notActions !== undefined;
    const actionAttrs = st.actions ?? st.notActions;

    for (const attr of actionAttrs ?? []) {
      if (!attr.known) {
        this.note(
          negated
            ? `a NotAction entry in ${this.where(st, origin)} is unresolved (${attr.reason}); the role may be granted actions that entry would exclude`
            : `an Action entry in ${this.where(st, origin)} is unresolved (${attr.reason}); the role may have more permissions than listed`,
        );
        continue;
      }
      const pattern: PatternGrant = {
        pattern: attr.value,
        effect: 'Allow',
        negated,
        resources: resources ?? [],
        via: origin.via,
        managed: origin.managed,
        source: this.src(attr, origin),
      };
      if (st.condition !== undefined) pattern.condition = st.condition;
      this.patterns.push(pattern);
    }

    if (actionAttrs === undefined) {
      this.note(`an Allow statement in ${this.where(st, origin)} has neither Action nor NotAction; it grants nothing`);
      return;
    }
    if (resources === undefined) {
      this.note(`an Allow statement in ${this.where(st, origin)} has neither Resource nor NotResource; IAM rejects it, so it grants nothing here`);
      return;
    }

    if (negated) {
      const written = (actionAttrs ?? []).filter((a): a is Known<string> => a.known).map((a) => a.value);
      for (const p of written) if (hasPlaceholder(p)) this.note(`NotAction entry ${p} in ${this.where(st, origin)} has an unresolved placeholder; it is taken to exclude nothing`);
      const expansion = expandNotAction(written.filter((p) => !hasPlaceholder(p)), this.catalog);
      for (const p of expansion.unrecognised) this.unrecognised.add(p);
      const label = NOT_PREFIX + written.join(LIST_SEPARATOR);
      this.addExpanded(expansion.actions, label, resources, st, origin, origin.sourceOverride ?? st.source);
      return;
    }

    for (const attr of st.actions ?? []) {
      if (!attr.known) continue;
      const pattern = attr.value;
      const source = this.src(attr, origin);
      if (hasPlaceholder(pattern)) {
        this.note(`Action ${pattern} in ${this.where(st, origin)} has an unresolved placeholder; what it grants is unknown`);
        continue;
      }
      const expansion = expandActionPattern(pattern, this.catalog);
      if (expansion.unrecognised) {
        // Kept as written: it may be an action newer than the catalog, and a reviewer should see it.
        this.unrecognised.add(pattern);
        this.addUnrecognised(pattern, resources, st, origin, source);
        continue;
      }
      this.addExpanded(expansion.actions, pattern, resources, st, origin, source);
    }
  }

  private addExpanded(
    actions: readonly ExpandedAction[],
    pattern: string,
    resources: readonly string[],
    st: Statement,
    origin: Origin,
    source: SourceRef,
  ): void {
    const needed = actions.length * resources.length;
    if (needed > 1000 && needed > this.budget.remaining) {
      this.note(`${pattern} in ${this.where(st, origin)} was not expanded into ${needed} actions: this scan already holds too many expanded permissions; it is kept as one broad grant`);
      this.addUnrecognised(pattern, resources, st, origin, source);
      return;
    }
    this.budget.remaining -= needed;
    const rank = patternSpecificity(pattern);
    for (const resource of resources) {
      const slots = this.slotsFor(resource, st.condition);
      const spelled = this.arnSpelling(resource, source.file);
      for (const a of actions) {
        if (!actionAppliesTo(a, spelled, this.catalog)) continue;
        const at = slots.get(a.action);
        if (at === undefined) {
          slots.set(a.action, this.grants.length);
          this.grants.push(makeGrant(a.action, a.info.accessLevel, a.info.resourceLevel, resource, st.condition, origin.via, pattern, source));
        } else if (this.outranks(pattern, rank, this.grants[at]!)) {
          takeOver(this.grants[at]!, origin.via, pattern, source);
        }
      }
    }
  }

  private addUnrecognised(pattern: string, resources: readonly string[], st: Statement, origin: Origin, source: SourceRef): void {
    // Catalog names are canonical; a name the catalog lacks is matched in any case, as IAM would.
    const key = `?${pattern.toLowerCase()}`;
    const rank = patternSpecificity(pattern);
    for (const resource of resources) {
      const slots = this.slotsFor(resource, st.condition);
      const at = slots.get(key);
      if (at === undefined) {
        slots.set(key, this.grants.length);
        this.grants.push(makeGrant(pattern, 'Unknown', false, resource, st.condition, origin.via, pattern, source));
      } else if (this.outranks(pattern, rank, this.grants[at]!)) {
        // The action is the name as written: the statement that wins gives its spelling.
        takeOver(this.grants[at]!, origin.via, pattern, source).action = pattern;
      }
    }
  }

  /**
   * Whether a statement with `pattern` (of specificity `rank`) takes over `held`, the grant of the
   * same action, resource and condition made so far: when its pattern is more specific, or as
   * specific and first in code-point order. An identical pattern keeps the first statement.
   */
  private outranks(pattern: string, rank: number, held: Grant): boolean {
    const heldPattern = held.pattern;
    if (heldPattern === pattern) return false;
    let heldRank = this.specificity.get(heldPattern);
    if (heldRank === undefined) this.specificity.set(heldPattern, (heldRank = patternSpecificity(heldPattern)));
    return rank > heldRank || (rank === heldRank && pattern < heldPattern);
  }

  /** Where the grants made so far for one resource and condition sit in `grants`, by action. */
  private slotsFor(resource: string, condition: string | undefined): Map<string, number> {
    const key = condition === undefined ? resource : `${resource}\u0000${condition}`;
    let slots = this.slots.get(key);
    if (slots === undefined) {
      slots = new Map();
      this.slots.set(key, slots);
    }
    return slots;
  }

  private deny(st: Statement, origin: Origin): void {
    const negated = st.actions === undefined && st.notActions !== undefined;
    const actionAttrs = st.actions ?? st.notActions ?? [];
    const resourceAttrs = st.notResources ?? st.resources ?? [];
    const deny: Deny = {
      via: origin.via,
      source: origin.sourceOverride ?? st.source,
      negated,
      actionPatterns: [],
      resources: [],
      notResources: st.notResources !== undefined,
      conditional: st.condition !== undefined,
      ...(st.condition === undefined ? {} : { condition: st.condition }),
    };
    const resourceStrings = resourceAttrs.map((a) => (a.known ? a.value : UNKNOWN_RESOURCE));
    let unresolvedActions = 0;
    for (const attr of actionAttrs) {
      if (!attr.known || hasPlaceholder(attr.value)) {
        unresolvedActions++;
        continue;
      }
      deny.actionPatterns.push(attr.value);
      const pattern: PatternGrant = {
        pattern: attr.value,
        effect: 'Deny',
        negated,
        resources: deny.notResources ? [NOT_PREFIX + resourceStrings.join(LIST_SEPARATOR)] : resourceStrings,
        via: origin.via,
        managed: origin.managed,
        source: this.src(attr, origin),
      };
      if (st.condition !== undefined) pattern.condition = st.condition;
      this.patterns.push(pattern);
    }
    // An unresolved Action entry only means the Deny may remove more: applying the known entries
    // is still right. An unresolved NotAction or NotResource entry shrinks the Deny by an unknown
    // amount, so nothing it seems to remove is certain.
    if (unresolvedActions > 0) {
      if (negated) deny.uncertain = 'an unresolved NotAction entry';
      else this.note(`a Deny in ${this.where(st, origin)} has an unresolved Action entry; it may remove more than is subtracted here`);
    }
    for (const attr of resourceAttrs) {
      if (attr.known) {
        deny.resources.push(attr.value);
      } else if (deny.notResources) {
        deny.uncertain ??= 'an unresolved NotResource entry';
      } else {
        this.note(`a Deny in ${this.where(st, origin)} has an unresolved Resource entry; it may remove more than is subtracted here`);
      }
    }
    if (actionAttrs.length === 0 || (st.resources === undefined && st.notResources === undefined)) {
      deny.uncertain ??= 'no Action/NotAction or no Resource/NotResource (IAM rejects such a statement)';
    }
    this.denies.push(deny);
  }

  private applyDenies(): Grant[] {
    if (this.denies.length === 0) return this.grants;
    const removed = new Uint8Array(this.grants.length);
    for (const deny of this.denies) {
      let touched = 0;
      let example: Grant | undefined;
      let limit: string | undefined;
      for (let i = 0; i < this.grants.length; i++) {
        if (removed[i] === 1) continue;
        const grant = this.grants[i];
        if (!denyMatchesAction(deny, grant.action)) continue;
        const covered = denyCovers(deny, grant.resource);
        if (covered && !deny.conditional && deny.uncertain === undefined) {
          removed[i] = 1;
        } else if (covered || denyOverlaps(deny, grant.resource)) {
          touched++;
          example ??= grant;
          limit ??= `${JSON.stringify([deny.notResources, [...deny.resources].sort(), deny.uncertain ?? ''])}\u0000${deny.condition ?? ''}`;
          (grant.limitedBy ??= []).push(limit);
        }
      }
      if (example === undefined) continue;
      const where = `Deny in ${deny.via} (${at(deny.source)})`;
      const eg = `e.g. ${example.action} on ${example.resource}`;
      const n = touched === 1 ? '1 grant' : `${touched} grants`;
      const kept = `${n} it may remove ${touched === 1 ? 'is' : 'are'} kept`;
      if (deny.conditional) this.note(`${where} applies only under its Condition; ${kept} (${eg})`);
      else if (deny.uncertain !== undefined) this.note(`${where} has ${deny.uncertain}; ${kept} (${eg})`);
      else this.note(`${where} covers only part of the resources of ${n}; they are kept as written (${eg})`);
    }
    return this.grants.filter((_, i) => removed[i] === 0);
  }

  finish(): EffectivePermissions {
    return {
      roleId: this.roleId,
      grants: this.applyDenies(),
      patterns: this.patterns,
      awsManagedPolicies: this.awsManaged,
      unknown: [...this.unknown],
      unrecognised: [...this.unrecognised],
    };
  }
}

function makeGrant(
  action: string,
  accessLevel: AccessLevel,
  resourceLevel: boolean,
  resource: string,
  condition: string | undefined,
  via: string,
  pattern: string,
  source: SourceRef,
): Grant {
  return condition === undefined
    ? { action, accessLevel, resource, resourceLevel, via, pattern, source }
    : { action, accessLevel, resource, condition, resourceLevel, via, pattern, source };
}

/**
 * Makes a grant the grant of another statement (same action, resource and condition). Changed in
 * place: the grants are the accumulator's own until `finish`, and `*` after a managed policy would
 * otherwise allocate thousands of them again.
 */
function takeOver(grant: Grant, via: string, pattern: string, source: SourceRef): Grant {
  grant.via = via;
  grant.pattern = pattern;
  grant.source = source;
  return grant;
}

function denyMatchesAction(deny: Deny, action: string): boolean {
  let hit = false;
  for (const p of deny.actionPatterns) {
    if (actionMatches(p, action)) {
      hit = true;
      break;
    }
  }
  return deny.negated ? !hit : hit;
}

/** Does the Deny apply to every ARN the grant's resource may denote? */
function denyCovers(deny: Deny, resource: string): boolean {
  const excluded = notResourceList(resource);
  if (deny.notResources) {
    // "Every resource except R": it covers the grant when no R can meet the grant's resource.
    if (excluded !== undefined) return false;
    return deny.resources.every((r) => !resourcesOverlap(r, resource));
  }
  if (excluded !== undefined) return deny.resources.includes('*');
  return deny.resources.some((p) => resourceMatches(p, resource));
}

/** Could the Deny apply to some ARN of the grant's resource? Over-approximates. */
function denyOverlaps(deny: Deny, resource: string): boolean {
  if (notResourceList(resource) !== undefined) return deny.notResources || deny.resources.length > 0;
  if (deny.notResources) return !deny.resources.some((r) => resourceMatches(r, resource));
  return deny.resources.some((p) => resourcesOverlap(p, resource));
}

function at(source: SourceRef): string {
  return `${source.file}:${source.line}`;
}

/**
 * A pattern standing for actions across services rather than naming one: `*`, `*:Get*`,
 * `?3:*`, or a NotAction complement. Grants from such patterns say nothing about which services a
 * task really calls.
 */
export function isEverythingPattern(pattern: string): boolean {
  if (pattern.startsWith(NOT_PREFIX)) return true;
  const colon = pattern.indexOf(':');
  const service = colon === -1 ? pattern : pattern.slice(0, colon);
  return service.includes('*') || service.includes('?');
}

/** Above every score an everything-pattern can get: a pattern that names a service outranks them all. */
const SERVICE_NAMED = 2 ** 20;
const LITERAL_CAP = 2 ** 18;

/**
 * How narrowly an Allow's action pattern names what it grants; higher is more specific. When
 * several statements grant one action on one resource (under one condition), the grant carries
 * the most specific of their patterns, whatever order the statements and policies come in.
 *
 * Patterns that name a service (`s3:GetObject`, `s3:Get*`, `s3:*`) outrank every everything-pattern
 * (`*`, `*:Get*`, NotAction, see `isEverythingPattern`), so an added `Allow *` never hides that a
 * statement names the service. Within each class more literal (non-wildcard) characters rank
 * higher, and an exact name ranks above a wildcard with as many (`s3:GetObject` over `s3:GetObject*`).
 */
export function patternSpecificity(pattern: string): number {
  let literal = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c !== 42 /* * */ && c !== 63 /* ? */) literal++;
  }
  const score = Math.min(literal, LITERAL_CAP) * 2 + (literal === pattern.length ? 1 : 0);
  return isEverythingPattern(pattern) ? score : SERVICE_NAMED + score;
}

/**
 * Service prefixes (lower case, sorted) the role can call, from grants whose pattern names a
 * service. Grants that came from `*`-everything patterns (see `isEverythingPattern`) are left out:
 * an admin role does not mean the task calls all 450 services.
 */
export function grantedServicePrefixes(perms: EffectivePermissions): string[] {
  const out = new Set<string>();
  for (const grant of perms.grants) {
    if (isEverythingPattern(grant.pattern)) continue;
    const colon = grant.action.indexOf(':');
    if (colon <= 0) continue;
    const prefix = grant.action.slice(0, colon).toLowerCase();
    if (/^[a-z0-9-]+$/.test(prefix)) out.add(prefix);
  }
  return [...out].sort();
}

/**
 * Does the role allow `action` on every ARN `resource` denotes (default `*`: on all resources)?
 * Grants with a Condition count as allowing: the question is whether the role was given the
 * permission, and calling it "missing" when a condition may hold would be a false alarm.
 */
export function allows(perms: EffectivePermissions, action: string, resource = '*'): boolean {
  const wanted = action.toLowerCase();
  for (const grant of perms.grants) {
    const name = grant.action.toLowerCase();
    // Names the catalog does not know are kept as written and may be globs (`foo:Get*`).
    const matches = name === wanted || (grant.accessLevel === 'Unknown' && actionMatches(grant.action, action));
    if (matches && grantCovers(grant.resource, resource)) return true;
  }
  return false;
}

function grantCovers(grantResource: string, resource: string): boolean {
  const excluded = notResourceList(grantResource);
  if (excluded === undefined) return resourceMatches(grantResource, resource);
  if (resource === '*') return false;
  return excluded.every((r) => !resourcesOverlap(r, resource));
}
