import { STACK_CONDITION_KEY, conditionBlock, type Attr, type Entity, type EntityRef, type Policy, type PolicyDocument, type Role, type SourceRef, type Statement } from '../../../model/index.ts';
import type { ResolvedResource, RValue } from '../resolved.ts';
import {
  type AdaptContext, attrString, canonicalJsonOf, defaultSource, entityRef, fromJson, isObject, items, literal, prop, sourceRef, str,
  unknownOf, withCdkFields,
  withValue,
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

/** The statement fields an undecided `Fn::If` may choose, read per outcome. */
const OUTCOME_FIELDS = ['Effect', 'Action', 'Resource', 'Condition'] as const;

/**
 * A statement whose Effect, Action, Resource or Condition holds an `Fn::If` on a condition the
 * files do not decide, as the statements it is under each outcome: what both outcomes have, as
 * written; what only one has, under a Condition naming the outcome
 * (`{"CloudFormation::Condition":{"IsProd":"true"}}`), so a grant present either way is one grant,
 * and one present only in production is conditional. An Effect or Condition that differs by
 * outcome makes two statements, each under its outcome (an Allow only in production; a Deny that
 * may apply; a Condition only outside production). Undefined when there is no such `Fn::If`, or
 * more than one condition, or one inside another's branch (read as unknown then).
 */
function statementOutcomes(v: RValue, file: string, problems: string[]): Statement[] | undefined {
  if (!isObject(v)) return undefined;
  const conditions = new Set<string>();
  for (const field of OUTCOME_FIELDS) if (!choicesIn(prop(v, field), conditions)) return undefined;
  if (conditions.size !== 1) return undefined;
  const [condition] = conditions as Set<string> & [string];
  // Problems are kept only when the split is used: otherwise the caller reads the statement whole.
  const scratch: string[] = [];
  const variant = (outcome: boolean): Statement | undefined => {
    const entries = new Map(v.entries);
    for (const field of OUTCOME_FIELDS) {
      const value = prop(v, field);
      if (value === undefined) continue;
      const chosen = underOutcome(value, outcome);
      if (chosen !== undefined) entries.set(field, chosen);
      // `AWS::NoValue` in this outcome: no Effect is a statement IAM refuses (read whole, as
      // unknown); no Condition is none; no Action or Resource grants nothing.
      else if (field === 'Effect') return undefined;
      else if (field === 'Condition') entries.delete(field);
      else entries.set(field, { kind: 'array', items: [], loc: value.loc });
    }
    return statement({ ...v, entries }, file, scratch);
  };
  const whenTrue = variant(true);
  const whenFalse = variant(false);
  if (whenTrue === undefined || whenFalse === undefined) return undefined;
  problems.push(...new Set(scratch));
  /** Each outcome as a whole under its condition (one left with no action or resource grants nothing). */
  const eachOutcome = (out: Statement[]): Statement[] => {
    for (const [st, outcome] of [[whenTrue, true], [whenFalse, false]] as const) {
      if (st.actions?.length === 0 || st.resources?.length === 0) continue;
      out.push({ ...st, condition: withStackCondition(st.condition, condition, outcome) });
    }
    return out;
  };
  // An Effect or a Condition that differs by outcome: nothing is shared.
  if (whenTrue.effect !== whenFalse.effect || whenTrue.condition !== whenFalse.condition) return eachOutcome([]);
  const key = (a: Attr<string>): string => (a.known ? `=${a.value}` : `?${a.reason}`);
  const keys = (list: Attr<string>[] | undefined): Set<string> => new Set((list ?? []).map(key));
  const same = (a: Set<string>, b: Set<string>): boolean => a.size === b.size && [...a].every((x) => b.has(x));
  const out: Statement[] = [];
  const push = (st: Statement, list: 'actions' | 'resources', keep: (a: Attr<string>) => boolean, outcome?: boolean): void => {
    const kept = (st[list] ?? []).filter(keep);
    if (kept.length === 0) return;
    const part: Statement = { ...st, [list]: kept };
    if (outcome !== undefined) part.condition = withStackCondition(st.condition, condition, outcome);
    out.push(part);
  };
  // One field differs between the outcomes: split it three ways (both, only true, only false).
  for (const [list, other] of [['actions', 'resources'], ['resources', 'actions']] as const) {
    if (!same(keys(whenTrue[other]), keys(whenFalse[other]))) continue;
    const t = keys(whenTrue[list]);
    const f = keys(whenFalse[list]);
    push(whenTrue, list, (a) => f.has(key(a)));
    push(whenTrue, list, (a) => !f.has(key(a)), true);
    push(whenFalse, list, (a) => !t.has(key(a)), false);
    return out;
  }
  // Both differ: what both outcomes have in both fields as written, then each outcome as a whole.
  const shared = (list: 'actions' | 'resources'): Attr<string>[] | undefined => {
    const other = keys(whenFalse[list]);
    return whenTrue[list] === undefined ? undefined : whenTrue[list].filter((a) => other.has(key(a)));
  };
  const [sharedActions, sharedResources] = [shared('actions'), shared('resources')];
  if (sharedActions?.length !== 0 && sharedResources?.length !== 0) {
    const common: Statement = { ...whenTrue };
    if (sharedActions !== undefined) common.actions = sharedActions;
    if (sharedResources !== undefined) common.resources = sharedResources;
    out.push(common);
  }
  return eachOutcome(out);
}

/**
 * Adds the condition of every undecided `Fn::If` anywhere in `x` to `into`; false when one sits in
 * another's branch (the outcomes would multiply: read as unknown).
 */
function choicesIn(x: RValue | undefined, into: Set<string>): boolean {
  if (x === undefined) return true;
  if (x.kind === 'unknown') {
    if (x.choice === undefined) return true;
    const inner = new Set<string>();
    if (!choicesIn(x.choice.whenTrue, inner) || !choicesIn(x.choice.whenFalse, inner) || inner.size > 0) return false;
    into.add(x.choice.condition);
    return true;
  }
  if (x.kind === 'array') return x.items.every((item) => choicesIn(item, into));
  if (x.kind === 'object') return [...x.entries.values()].every((value) => choicesIn(value, into));
  return true;
}

/**
 * `x` with each undecided `Fn::If` replaced by its branch under `outcome`; undefined for
 * `AWS::NoValue`. A list item whose branch is a list adds that list's items.
 */
function underOutcome(x: RValue, outcome: boolean): RValue | undefined {
  if (x.kind === 'unknown' && x.choice !== undefined) return outcome ? x.choice.whenTrue : x.choice.whenFalse;
  if (x.kind === 'array') {
    return {
      ...x,
      items: x.items.flatMap((item) => {
        const chosen = underOutcome(item, outcome);
        if (chosen === undefined) return [];
        return item.kind === 'unknown' && item.choice !== undefined ? items(chosen) : [chosen];
      }),
    };
  }
  if (x.kind === 'object') {
    const entries = new Map<string, RValue>();
    x.entries.forEach((value, key) => {
      const chosen = underOutcome(value, outcome);
      if (chosen !== undefined) entries.set(key, chosen);
    });
    return { ...x, entries };
  }
  return x;
}

/** A statement's canonical Condition with the outcome of a CloudFormation condition added to it. */
function withStackCondition(condition: string | undefined, name: string, outcome: boolean): string {
  // A Condition block that is not an object (unknown, or malformed) is kept whole beside the outcome.
  const block = condition === undefined ? {} : conditionBlock(condition) ?? { '': condition };
  const merged: Record<string, unknown> = { ...block, [STACK_CONDITION_KEY]: { [name]: String(outcome) } };
  return JSON.stringify(Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
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
  if (statementValue.kind === 'unknown') return { name, statements: [], source, unknown: statementValue.reason };
  const problems: string[] = [];
  const statements: Statement[] = [];
  for (const item of items(statementValue)) {
    const outcomes = statementOutcomes(item, file, problems);
    if (outcomes !== undefined) {
      statements.push(...outcomes);
      continue;
    }
    const s = statement(item, file, problems);
    if (s !== undefined) statements.push(s);
  }
  const out: PolicyDocument = { name, statements, source };
  if (problems.length > 0) out.unknown = `statements skipped: ${problems.join('; ')}`;
  return out;
}

export function adaptRole(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const file = ctx.template.file;
  const p = res.properties;
  const trust = prop(p, 'AssumeRolePolicyDocument');
  const policies = prop(p, 'Policies');
  const inlinePolicies: PolicyDocument[] = [];
  if (policies?.kind === 'unknown') {
    inlinePolicies.push({ name: `${res.logicalId} inline policies`, statements: [], source: sourceRef(policies.loc, file), unknown: policies.reason });
  }
  items(policies?.kind === 'unknown' ? undefined : policies).forEach((item, i) => {
    const name = str(prop(item, 'PolicyName')) ?? `${res.logicalId} inline ${i}`;
    inlinePolicies.push(policyDocument(prop(item, 'PolicyDocument'), name, file, sourceRef(item.loc, file)));
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

function managedPolicyRefs(v: RValue | undefined, ctx: AdaptContext): EntityRef[] {
  if (v === undefined) return [];
  if (v.kind === 'unknown') return [entityRef(v, ctx)];
  return items(v).map((item) => entityRef(item, ctx, { expect: MANAGED_POLICY_TYPES }));
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
