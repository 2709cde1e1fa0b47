import { iamConditionOf, type EffectivePermissions, type PatternGrant } from '../../model/index.ts';
import type { Rule } from '../types.ts';
import { adminEvidence, conditionKeysMet, firstLineIn, formatList, isAdmin, onlyWhen, rolesUsedAs, serviceKeys, usersLabel, viaLabel, withOnlyWhen, type AdminEvidence } from './shared.ts';

/** What makes the permissions admin-equivalent, or undefined when nothing does. FW101 applies it to task roles. */
export function adminEquivalence(perms: EffectivePermissions): AdminEvidence | undefined {
  const evidence = adminEvidence(perms);
  return isAdmin(evidence) ? evidence : undefined;
}

/** One admin statement arrives as one pattern per NotAction entry: show it once. */
function describeStatements(statements: readonly PatternGrant[]): string[] {
  const groups = new Map<string, PatternGrant[]>();
  for (const s of statements) {
    const key = s.negated ? `${s.via}|not|${s.resources.join(',')}|${s.condition ?? ''}` : `${s.via}|${s.pattern}|${s.source.file}:${s.source.line}|${s.condition ?? ''}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [s]);
    else group.push(s);
  }
  return [...groups.values()].map((group) => {
    const first = group[0];
    const what = first.negated ? `every action except ${group.map((g) => g.pattern).join(', ')}` : `Action "${first.pattern}"`;
    return `${what} on Resource "*" ${conditionText(first.condition)} (${viaLabel(first.via)}${onlyWhen(first.condition, '; ')})`;
  });
}

/** How the statement is conditioned: not at all, or only on where and when the task calls (see taskMeetsCondition). */
function conditionText(condition: string | undefined): string {
  const iam = iamConditionOf(condition);
  const keys = iam === undefined ? undefined : conditionKeysMet(iam);
  return keys === undefined ? 'without a condition' : `under a condition the task's own calls meet (${keys.join(', ')})`;
}

export const rule: Rule = {
  meta: {
    id: 'FW101',
    severity: 'critical',
    area: 'iam',
    title: 'Task role is admin-equivalent',
    description:
      'Finds task roles that can do anything in the account: an Allow of every action (`*`, or everything but a NotAction ' +
      'list) on every resource without a condition, or an administrator-class AWS managed policy (AdministratorAccess, ' +
      'PowerUserAccess, IAMFullAccess, AdministratorAccess-Amplify, AdministratorAccess-AWSElasticBeanstalk). The task role ' +
      'is the identity every container of the task receives from the credential endpoint, so a single exploitable bug in ' +
      'the application hands the attacker the account.',
    messages: {
      admin:
        'Task role {{role}} of {{users}} is admin-equivalent: {{evidence}}. Every container of the task receives these ' +
        'credentials from the ECS credential endpoint (169.254.170.2), so code execution or SSRF in the application gives ' +
        'the attacker the whole account. Grant only the actions the application calls, on the ARNs it uses.',
    },
    fixable: false,
  },
  check(ctx, report) {
    for (const use of rolesUsedAs(ctx, 'task')) {
      if (use.perms === undefined) continue;
      const evidence = adminEquivalence(use.perms);
      if (evidence === undefined) continue;
      const managedArns = new Set(evidence.managed.map((m) => m.arn));
      // A managed policy's own admin statement is the policy itself: name the policy, not the statement.
      const statements = evidence.statements.filter((s) => !managedArns.has(s.via));
      const parts = [...describeStatements(statements), ...evidence.managed.map((m) => withOnlyWhen(`AWS managed policy ${m.name}`, m.condition))];
      report({
        messageId: 'admin',
        data: { role: use.role.logicalId, users: usersLabel(use.services, use.taskDefinitions, use.when), evidence: formatList(parts, 4) },
        entity: use.role,
        line: firstLineIn(use.role, [...statements.map((s) => s.source), ...evidence.managed.map((m) => m.source)]),
        services: serviceKeys(use.services),
      });
    }
  },
};
