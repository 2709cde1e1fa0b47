import type { EffectivePermissions } from '../../model/index.ts';
import type { Rule } from '../types.ts';
import { adminEvidence, coversEveryRole, declaredType, findEscalation, firstLineIn, formatList, rolesUsedAs, serviceKeys, usersLabel, withOnlyWhen, type Escalation, type ResourceTypeOf } from './shared.ts';

/**
 * The privilege-escalation paths the permissions complete (e.g. `PassAnyRole`: `iam:PassRole` on
 * every role), leaving out what FW101 reports as admin-equivalent. FW102 applies it to task roles.
 */
export function privilegeEscalation(perms: EffectivePermissions, typeOf?: ResourceTypeOf): Escalation {
  return findEscalation(perms, adminEvidence(perms), typeOf);
}

export const rule: Rule = {
  meta: {
    id: 'FW102',
    severity: 'high',
    area: 'iam',
    title: 'Task role allows privilege escalation',
    description:
      'Finds task roles whose permissions complete a known IAM privilege-escalation path (Rhino Security Labs\' catalogue, ' +
      'plus passing any role to a new ECS task and tampering with permissions boundaries): rewriting IAM policies or trust ' +
      'policies, minting credentials for users, passing or assuming any role, or running code under another role. Whoever ' +
      'controls a container can then grow the task role into whatever the account allows.',
    messages: {
      escalation:
        'Task role {{role}} of {{users}} allows privilege escalation through {{actions}} (paths: {{methods}}). Code running ' +
        'in the container can use these to obtain permissions beyond the task role, up to administrator. Remove the IAM, ' +
        'PassRole and code-deployment permissions from the task role, or scope iam:PassRole and sts:AssumeRole to the ' +
        'specific role ARNs the application needs.',
    },
    fixable: false,
  },
  check(ctx, report) {
    for (const use of rolesUsedAs(ctx, 'task')) {
      if (use.perms === undefined) continue;
      const found = privilegeEscalation(use.perms, declaredType(ctx.index));
      if (found.methods.length === 0) continue;
      const actions = found.grants.map((g) => {
        const lower = g.action.toLowerCase();
        const label = (lower === 'iam:passrole' || lower === 'sts:assumerole') && coversEveryRole(g.resource) ? `${g.action} on every role` : g.action;
        return withOnlyWhen(label, g.condition);
      });
      report({
        messageId: 'escalation',
        data: {
          role: use.role.logicalId,
          users: usersLabel(use.services, use.taskDefinitions, use.when),
          actions: formatList([...new Set(actions)], 8),
          methods: formatList(found.methods, 5),
        },
        entity: use.role,
        line: firstLineIn(use.role, found.grants.map((g) => g.source)),
        services: serviceKeys(use.services),
      });
    }
  },
};
