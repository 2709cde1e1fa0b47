import type { Role, Statement } from '../../model/index.ts';
import type { Rule } from '../types.ts';
import { ECS_TASKS_PRINCIPAL, conditionKeys, formatList, lineIn, rolesUsedAs, serviceKeys, uniqueServices, usersLabel, type RoleUse } from './shared.ts';
import { boundedMemo } from '../../analysis/memo.ts';

const SOURCE_KEYS = ['aws:sourceaccount', 'aws:sourcearn'];

/**
 * Trust policies are written once and copied to every role (the same condition block in thousands
 * of them): each distinct block is read once.
 */
const sourceConditionByText = boundedMemo((condition) => {
  const keys = conditionKeys(condition);
  // An unreadable block is not evidence of absence: look for the key names in the text.
  return keys === undefined ? SOURCE_KEYS.some((k) => condition.toLowerCase().includes(k)) : keys.some((k) => SOURCE_KEYS.includes(k));
});

/** Whether a statement's condition pins the calling task to an account or ARN (confused-deputy protection). */
function hasSourceCondition(condition: string | undefined): boolean {
  return condition !== undefined && sourceConditionByText(condition);
}

/** Principals an Allow statement admits besides ECS tasks; unresolved principals are left out. */
function otherPrincipals(s: Statement): string[] {
  const out: string[] = [];
  for (const p of s.principals ?? []) if (p.known && !ECS_TASKS_PRINCIPAL.test(p.value)) out.push(p.value);
  const not = (s.notPrincipals ?? []).flatMap((p) => (p.known ? [p.value] : []));
  if (s.notPrincipals !== undefined) out.push(not.length > 0 ? `everyone except ${not.join(', ')} (NotPrincipal)` : 'everyone (NotPrincipal)');
  return out;
}

function admitsEcsTasks(s: Statement): boolean {
  return (s.principals ?? []).some((p) => p.known && ECS_TASKS_PRINCIPAL.test(p.value));
}

/** A role used as task role, execution role, or both. */
interface Judged {
  role: Role;
  task?: RoleUse;
  execution?: RoleUse;
}

function judgedRoles(task: readonly RoleUse[], execution: readonly RoleUse[]): Judged[] {
  const byId = new Map<string, Judged>();
  for (const u of task) byId.set(u.role.id, { role: u.role, task: u });
  for (const u of execution) {
    const judged = byId.get(u.role.id);
    if (judged === undefined) byId.set(u.role.id, { role: u.role, execution: u });
    else judged.execution = u;
  }
  return [...byId.values()];
}

/** What a finding on the role says about who uses it (only built for roles that have a finding). */
function describeUse({ task: t, execution: e }: Judged): { capacity: string; users: string; services: string[] } {
  const services = uniqueServices([...(t?.services ?? []), ...(e?.services ?? [])]);
  const tds = [...new Set([...(t?.taskDefinitions ?? []), ...(e?.taskDefinitions ?? [])])];
  return {
    capacity: t !== undefined && e !== undefined ? 'Task and execution role' : t !== undefined ? 'Task role' : 'Execution role',
    users: usersLabel(services, tds),
    services: serviceKeys(services),
  };
}

export const rule: Rule = {
  meta: {
    id: 'FW109',
    severity: 'low',
    area: 'iam',
    title: 'Task or execution role trust policy is broader than ECS tasks',
    description:
      'Finds roles used as task or execution roles whose trust policy admits principals other than the ' +
      'ecs-tasks.amazonaws.com service (users, other accounts, other services, NotPrincipal), or admits ECS tasks without an ' +
      'aws:SourceAccount or aws:SourceArn condition. Anyone else the role trusts gets the service\'s permissions without ' +
      'running the service, and without a source condition ECS tasks of any account could, through a confused deputy, be ' +
      'handed the role.',
    messages: {
      otherPrincipals:
        '{{capacity}} {{role}} of {{users}} can also be assumed by {{principals}}. Whoever else the trust policy admits gets ' +
        'the permissions of the service without running it. Trust only the ecs-tasks.amazonaws.com service principal.',
      noSourceCondition:
        '{{capacity}} {{role}} of {{users}} trusts ecs-tasks.amazonaws.com without an aws:SourceAccount or aws:SourceArn ' +
        'condition. Add one (your account ID, or arn:aws:ecs:<region>:<account>:*) so that only ECS tasks of your account ' +
        'can be given the role (confused-deputy protection).',
    },
    fixable: false,
  },
  check(ctx, report) {
    for (const j of judgedRoles(rolesUsedAs(ctx, 'task'), rolesUsedAs(ctx, 'execution'))) {
      const trust = j.role.trustPolicy;
      if (trust === undefined || trust.unknown !== undefined) continue;
      const allows = trust.statements.filter((s) => s.effect === 'Allow');
      const broad = allows.map((s) => ({ s, others: otherPrincipals(s) })).filter((x) => x.others.length > 0);
      const unpinned = allows.filter((s) => admitsEcsTasks(s) && !hasSourceCondition(s.condition));
      if (broad.length === 0 && unpinned.length === 0) continue;

      const use = describeUse(j);
      const base = { role: j.role.logicalId, capacity: use.capacity, users: use.users };
      if (broad.length > 0) {
        report({
          messageId: 'otherPrincipals',
          data: { ...base, principals: formatList([...new Set(broad.flatMap((x) => x.others))], 5) },
          entity: j.role,
          line: lineIn(j.role, broad[0].s.source),
          services: use.services,
        });
      }
      if (unpinned.length > 0) {
        report({ messageId: 'noSourceCondition', data: base, entity: j.role, line: lineIn(j.role, unpinned[0].source), services: use.services });
      }
    }
  },
};
