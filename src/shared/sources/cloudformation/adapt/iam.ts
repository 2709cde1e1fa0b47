import {
  splitByOutcome, withStackCondition, type Attr, type AttachedPolicy, type Entity, type EntityRef, type Policy, type PolicyDocument, type Role, type SourceRef,
  type OutcomeSplit, type StackOutcome, type Statement,
} from '../../../model/index.ts';
import type { ResolvedResource, RValue } from '../resolved.ts';
import {
  type AdaptContext, attrString, canonicalJsonOf, defaultSource, entityRef, fromJson, isObject, items, literal, prop, sourceRef, stackOutcomesIn, str,
  unknownOf, withCdkFields, withValue,
} from './common.ts';

export const ROLE_TYPES = ['AWS::IAM::Role'] as const;
export const MANAGED_POLICY_TYPES = ['AWS::IAM::ManagedPolicy'] as const;

function attrList(v: RValue | undefined, file: string): Attr<string>[] | undefined {
  if (v === undefined) return undefined;
  return items(v).map((item) => attrString(item, file));
}

function principals(v: RValue | undefined, file: string): Attr<string>[] | undefined {
  if (v === undefined) return undefined;
  const source = sourceRef(v.loc, file);
  if (v.kind === 'string' && v.value.trim() === '*') return [{ known: true, value: 'AWS:*', source }];
  if (v.kind === 'unknown') return [unknownOf(v.reason, source)];
  if (!isObject(v)) return [unknownOf(`Principal must be "*" or an object, found ${v.kind}`, source)];
  const out: Attr<string>[] = [];
  // forEach rather than for…of: no iterator nor entry pair per key.
  v.entries.forEach((value, kind) => {
    for (const item of items(value)) {
      const attr = attrString(item, file);
      if (!attr.known) {
        out.push(attr);
        continue;
      }
      // CDK v1 and older templates write service principals with the URL suffix pseudo parameter.
      const name = kind === 'Service' ? attr.value.trim().replace('${AWS::URLSuffix}', 'amazonaws.com') : attr.value.trim();
      out.push(withValue(attr, `${kind}:${name}`));
    }
  });
  return out;
}

/** The statement fields an undecided choice may choose, read per outcome. */
const OUTCOME_FIELDS = ['Effect', 'Action', 'Resource', 'Condition'] as const;

/** A statement (or null: absent) under one outcome of an undecided choice. */
interface StatementOutcome {
  when: StackOutcome;
  statement: Statement | null;
}

/**
 * A statement whose Effect, Action, Resource or Condition holds an undecided choice (an `Fn::If`
 * on a condition the files do not decide, an `Fn::FindInMap` on a key they do not give), or a
 * Statement list item that is one (a whole statement, or `AWS::NoValue`, per outcome), as the
 * statements it is under each outcome: see mergeOutcomes. Undefined when there is no such choice,
 * or choices on more than one thing, or one inside another (read as unknown then).
 */
function statementOutcomes(v: RValue, file: string, problems: string[]): Statement[] | undefined {
  // Problems are kept only when the split is used: otherwise the caller reads the statement whole.
  const scratch: string[] = [];
  const split: StatementOutcome[] = [];
  if (v.kind === 'unknown') {
    const outcomes = stackOutcomesIn(v);
    if (outcomes === undefined) return undefined;
    for (const { when, value } of outcomes) {
      const read = value === undefined ? null : statement(value, file, scratch);
      if (read === undefined) return undefined;
      split.push({ when, statement: read });
    }
  } else {
    if (!isObject(v)) return undefined;
    const chosen = new Map<string, RValue>();
    for (const field of OUTCOME_FIELDS) {
      const value = prop(v, field);
      if (value !== undefined) chosen.set(field, value);
    }
    const outcomes = stackOutcomesIn({ ...v, entries: chosen });
    if (outcomes === undefined) return undefined;
    for (const { when, value: fields } of outcomes) {
      const entries = new Map(v.entries);
      for (const [field, written] of chosen) {
        const value = prop(fields, field);
        if (value !== undefined) entries.set(field, value);
        // `AWS::NoValue` in this outcome: no Effect is a statement IAM refuses (read whole, as
        // unknown); no Condition is none; no Action or Resource grants nothing.
        else if (field === 'Effect') return undefined;
        else if (field === 'Condition') entries.delete(field);
        else entries.set(field, { kind: 'array', items: [], loc: written.loc });
      }
      const read = statement({ ...v, entries }, file, scratch);
      if (read === undefined) return undefined;
      split.push({ when, statement: read });
    }
  }
  problems.push(...new Set(scratch));
  return mergeOutcomes(split);
}

/**
 * One statement as it is under each outcome of an undecided choice (null: absent there), as the
 * statements it amounts to: what every outcome has, as written; what only some have, under a
 * Condition naming the outcome (`{"CloudFormation::Condition":{"IsProd":true}}`,
 * `{"CloudFormation::Condition":{"Env":"prod"}}`), once per outcome that has it, so a grant
 * present either way is one grant, and one present only in production is conditional. An Effect
 * or Condition that differs by outcome makes one statement per outcome, each under its outcome (an
 * Allow only in production; a Deny that may apply; a Condition only outside production).
 */
function mergeOutcomes(outcomes: readonly StatementOutcome[]): Statement[] {
  const qualify = (st: Statement, when: StackOutcome): Statement | undefined => {
    const qualified = withStackCondition(st.condition, when);
    return qualified === undefined ? undefined : { ...st, condition: qualified };
  };
  /** Each outcome as a whole under its outcome (one left with no action or resource grants nothing). */
  const eachOutcome = (out: Statement[]): Statement[] => {
    for (const { when, statement: st } of outcomes) {
      if (st === null || st.actions?.length === 0 || st.resources?.length === 0) continue;
      const qualified = qualify(st, when);
      if (qualified !== undefined) out.push(qualified);
    }
    return out;
  };
  const present = outcomes.map((o) => o.statement);
  if (present.some((st) => st === null)) return eachOutcome([]);
  const statements = present as Statement[];
  const [first] = statements;
  if (first === undefined) return [];
  // An Effect or a Condition that differs by outcome: nothing is shared.
  if (statements.some((st) => st.effect !== first.effect || st.condition !== first.condition)) return eachOutcome([]);
  const keys = (list: Attr<string>[] | undefined): Set<string> => new Set((list ?? []).map(attrKey));
  const same = (a: Set<string>, b: Set<string>): boolean => a.size === b.size && [...a].every((x) => b.has(x));
  const split = (list: 'actions' | 'resources'): OutcomeSplit<Attr<string>> => splitByOutcome(statements.map((st) => st[list] ?? []), attrKey);
  const out: Statement[] = [];
  const push = (st: Statement, list: 'actions' | 'resources', kept: Attr<string>[], when?: StackOutcome): void => {
    if (kept.length === 0) return;
    const part: Statement = { ...st, [list]: kept };
    const qualified = when === undefined ? part : qualify(part, when);
    if (qualified !== undefined) out.push(qualified);
  };
  // One field differs between the outcomes: what every outcome has, then what each has alone.
  for (const [list, other] of [['actions', 'resources'], ['resources', 'actions']] as const) {
    const others = keys(first[other]);
    if (!statements.every((st) => same(keys(st[other]), others))) continue;
    const { inEvery, onlyIn } = split(list);
    push(first, list, inEvery);
    outcomes.forEach(({ when, statement: st }, i) => push(st!, list, onlyIn[i]!, when));
    return out;
  }
  // Both differ: what every outcome has in both fields as written, then each outcome as a whole.
  const shared = (list: 'actions' | 'resources'): Attr<string>[] | undefined => (first[list] === undefined ? undefined : split(list).inEvery);
  const [sharedActions, sharedResources] = [shared('actions'), shared('resources')];
  if (sharedActions?.length !== 0 && sharedResources?.length !== 0) {
    const common: Statement = { ...first };
    if (sharedActions !== undefined) common.actions = sharedActions;
    if (sharedResources !== undefined) common.resources = sharedResources;
    out.push(common);
  }
  return eachOutcome(out);
}

/** What an action or resource says: the same in every outcome when this is. */
function attrKey(a: Attr<string>): string {
  return a.known ? `=${a.value}` : `?${a.reason}`;
}

function statement(v: RValue, file: string, problems: string[]): Statement | undefined {
  if (!isObject(v)) {
    problems.push(v.kind === 'unknown' ? v.reason : `a statement is ${v.kind}, not an object`);
    return undefined;
  }
  const effectValue = prop(v, 'Effect');
  const effect = literal(effectValue);
  if (effect !== 'Allow' && effect !== 'Deny') {
    problems.push(effectValue?.kind === 'unknown' ? effectValue.reason : `a statement has Effect ${effect === undefined ? '(none)' : `'${effect}'`}`);
    return undefined;
  }
  const out: Statement = { effect, source: sourceRef(v.loc, file) };
  const sid = str(prop(v, 'Sid'));
  if (sid !== undefined) out.sid = sid;
  const actions = attrList(prop(v, 'Action'), file);
  if (actions !== undefined) out.actions = actions;
  const notActions = attrList(prop(v, 'NotAction'), file);
  if (notActions !== undefined) out.notActions = notActions;
  const resources = attrList(prop(v, 'Resource'), file);
  if (resources !== undefined) out.resources = resources;
  const notResources = attrList(prop(v, 'NotResource'), file);
  if (notResources !== undefined) out.notResources = notResources;
  const p = principals(prop(v, 'Principal'), file);
  if (p !== undefined) out.principals = p;
  const np = principals(prop(v, 'NotPrincipal'), file);
  if (np !== undefined) out.notPrincipals = np;
  const condition = prop(v, 'Condition');
  if (condition !== undefined) out.condition = canonicalJsonOf(condition);
  return out;
}

/**
 * A policy document. Documents written as JSON strings are parsed (their statements then all
 * point at the string); what cannot be read is reported in `unknown`, never dropped silently.
 */
export function policyDocument(v: RValue | undefined, name: string, file: string, absent: SourceRef): PolicyDocument {
  if (v === undefined) return { name, statements: [], source: absent, unknown: 'no policy document' };
  const whole = readByOutcome(v, (x) => policyDocument(x, name, file, absent));
  if (whole !== undefined) return { name, source: sourceRef(v.loc, file), ...whole };
  let doc = v;
  // CloudFormation takes a Json property as a JSON string too, often written with `!Sub` to put
  // ARNs in: its placeholders stay in the values, as in any other `!Sub` string.
  if (v.kind === 'string') {
    try {
      doc = fromJson(JSON.parse(v.value), v.loc, v.partial === true ? v.refs ?? [] : undefined);
    } catch {
      return { name, statements: [], source: sourceRef(v.loc, file), unknown: 'the policy document is a string that is not valid JSON' };
    }
  }
  const source = sourceRef(doc.loc, file);
  if (doc.kind === 'unknown') return { name, statements: [], source, unknown: doc.reason };
  if (!isObject(doc)) return { name, statements: [], source, unknown: `the policy document is ${doc.kind}, not an object` };
  const statementValue = prop(doc, 'Statement');
  if (statementValue === undefined) return { name, statements: [], source, unknown: 'the policy document has no Statement' };
  const read = readByOutcome(statementValue, (x) => statementList(x, file)) ?? statementList(statementValue, file);
  return { name, source, ...read };
}

/** The statements of a Statement list (or of a single statement written without a list). */
function statementList(v: RValue, file: string): Pick<PolicyDocument, 'statements' | 'unknown'> {
  if (v.kind === 'unknown') return { statements: [], unknown: v.reason };
  const problems: string[] = [];
  const statements: Statement[] = [];
  for (const item of items(v)) {
    const outcomes = statementOutcomes(item, file, problems);
    if (outcomes !== undefined) {
      statements.push(...outcomes);
      continue;
    }
    const s = statement(item, file, problems);
    if (s !== undefined) statements.push(s);
  }
  return problems.length > 0 ? { statements, unknown: `statements skipped: ${problems.join('; ')}` } : { statements };
}

/**
 * `v`, an undecided choice (an `Fn::If`, an `Fn::FindInMap` on a key the files do not give) of a
 * whole policy document, Statement list or inline policy, read under each outcome with `read`
 * (`AWS::NoValue` grants nothing) and merged: a statement every outcome has counts once, as
 * written; the others pair up in order and are merged as one statement's outcomes are (see
 * mergeOutcomes), so what only some outcomes grant is under a Condition naming each. Undefined
 * when `v` is no such choice (or its outcomes multiply).
 */
function readByOutcome(v: RValue, read: (x: RValue) => Pick<PolicyDocument, 'statements' | 'unknown'>): Pick<PolicyDocument, 'statements' | 'unknown'> | undefined {
  if (v.kind !== 'unknown' || v.choice === undefined) return undefined;
  const outcomes = stackOutcomesIn(v);
  if (outcomes === undefined) return undefined;
  const each = outcomes.map(({ when, value }) => ({ when, ...(value === undefined ? { statements: [] } : read(value)) }));
  const { inEvery: statements, onlyIn: alone } = splitByOutcome(each.map((o) => o.statements), statementKey);
  for (let i = 0; i < Math.max(0, ...alone.map((list) => list.length)); i++) {
    statements.push(...mergeOutcomes(each.map((o, j) => ({ when: o.when, statement: alone[j]![i] ?? null }))));
  }
  const unknown = each.map((o) => o.unknown).filter((u): u is string => u !== undefined);
  return unknown.length === 0 ? { statements } : { statements, unknown: [...new Set(unknown)].join('; ') };
}

/** What a statement says, whatever line it is written on. */
function statementKey(st: Statement): string {
  const list = (attrs: Attr<string>[] | undefined): string[] | undefined => attrs?.map((a) => (a.known ? `=${a.value}` : `?${a.reason}`));
  return JSON.stringify([
    st.sid, st.effect, list(st.actions), list(st.notActions), list(st.resources), list(st.notResources), list(st.principals), list(st.notPrincipals), st.condition,
  ]);
}

export function adaptRole(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const file = ctx.template.file;
  const p = res.properties;
  const trust = prop(p, 'AssumeRolePolicyDocument');
  const policies = prop(p, 'Policies');
  const inlinePolicies: PolicyDocument[] = [];
  const inlinePolicy = (item: RValue, name: string): PolicyDocument =>
    policyDocument(prop(item, 'PolicyDocument'), name, file, sourceRef(item.loc, file));
  if (policies?.kind === 'unknown') {
    const name = `${res.logicalId} inline policies`;
    // Either list of policies, per outcome, as one document: its statements say under which.
    const whole = readByOutcome(policies, (list) => {
      const docs = items(list).map((item, i) => inlinePolicy(item, str(prop(item, 'PolicyName')) ?? `${res.logicalId} inline ${i}`));
      const unknown = docs.flatMap((d) => (d.unknown === undefined ? [] : [d.unknown]));
      const statements = docs.flatMap((d) => d.statements);
      return unknown.length === 0 ? { statements } : { statements, unknown: unknown.join('; ') };
    });
    inlinePolicies.push({ name, source: sourceRef(policies.loc, file), ...(whole ?? { statements: [], unknown: policies.reason }) });
  }
  items(policies?.kind === 'unknown' ? undefined : policies).forEach((item, i) => {
    const outcomes = item.kind === 'unknown' ? stackOutcomesIn(item) : undefined;
    const branchName = outcomes?.map(({ value }) => str(prop(value, 'PolicyName'))).find((n) => n !== undefined);
    const name = str(prop(item, 'PolicyName')) ?? branchName ?? `${res.logicalId} inline ${i}`;
    // A policy that exists (or is this one rather than that one) only under one outcome.
    const whole = readByOutcome(item, (x) => inlinePolicy(x, name));
    inlinePolicies.push(whole === undefined ? inlinePolicy(item, name) : { name, source: sourceRef(item.loc, file), ...whole });
  });
  // The trust policy, always set, is part of the literal rather than added to it.
  const role: Role = withCdkFields({
    id: base.id, logicalId: base.logicalId, file, stackId: base.stackId, source: base.source, range: base.range, suppressions: base.suppressions,
    inlinePolicies,
    managedPolicies: managedPolicyRefs(prop(p, 'ManagedPolicyArns'), ctx),
    trustPolicy: policyDocument(trust, `${res.logicalId} trust policy`, file, defaultSource(res, file, 'AssumeRolePolicyDocument')),
  }, base);
  const roleName = str(prop(p, 'RoleName'));
  if (roleName !== undefined) role.roleName = roleName;
  const boundary = prop(p, 'PermissionsBoundary');
  if (boundary !== undefined) role.permissionsBoundary = entityRef(boundary, ctx, { expect: MANAGED_POLICY_TYPES });
  ctx.infra.roles.push(role);
}

function managedPolicyRefs(v: RValue | undefined, ctx: AdaptContext): AttachedPolicy[] {
  if (v === undefined) return [];
  const read = (x: RValue | undefined): EntityRef[] => {
    if (x === undefined) return [];
    if (x.kind === 'unknown') return [entityRef(x, ctx)];
    return items(x).map((item) => entityRef(item, ctx, { expect: MANAGED_POLICY_TYPES }));
  };
  // An undecided choice (an `Fn::If`, an `Fn::FindInMap` on a key the files do not give) around
  // the list or an item: a policy every outcome names is attached either way; one only some name,
  // only under those outcomes.
  const outcomes = stackOutcomesIn(v);
  if (outcomes === undefined) return read(v);
  const key = (r: EntityRef): string => (r.kind === 'resource' ? `r:${r.id}` : r.kind === 'external' ? `e:${r.value}` : `?${r.reason}`);
  const each = outcomes.map(({ when, value }) => ({ when, refs: read(value) }));
  const { inEvery, onlyIn } = splitByOutcome(each.map((o) => o.refs), key);
  return [...inEvery, ...each.flatMap(({ when }, i) => onlyIn[i]!.map((r): AttachedPolicy => ({ ...r, when })))];
}

function roleRefs(v: RValue | undefined, ctx: AdaptContext): EntityRef[] {
  if (v === undefined) return [];
  if (v.kind === 'unknown') return [entityRef(v, ctx)];
  return items(v).map((item) => entityRef(item, ctx, { expect: ROLE_TYPES }));
}

/** AWS::IAM::Policy, AWS::IAM::ManagedPolicy and AWS::IAM::RolePolicy. */
export function adaptPolicy(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const file = ctx.template.file;
  const p = res.properties;
  const managed = res.type === 'AWS::IAM::ManagedPolicy';
  const name = str(prop(p, managed ? 'ManagedPolicyName' : 'PolicyName'));
  const roles = res.type === 'AWS::IAM::RolePolicy' ? roleRefs(prop(p, 'RoleName'), ctx) : roleRefs(prop(p, 'Roles'), ctx);
  const policy: Policy = {
    ...base,
    kind: managed ? 'managed' : 'inline',
    document: policyDocument(prop(p, 'PolicyDocument'), name ?? res.logicalId, file, defaultSource(res, file, 'PolicyDocument')),
    roles,
  };
  if (name !== undefined) policy.name = name;
  ctx.infra.policies.push(policy);
}
