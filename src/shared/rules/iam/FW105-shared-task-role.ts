import type { Rule } from '../types.ts';
import { formatList, rolesUsedAs } from './shared.ts';

export const rule: Rule = {
  meta: {
    id: 'FW105',
    severity: 'medium',
    area: 'iam',
    title: 'One task role shared by several services',
    description:
      'Finds task roles used by the task definitions of more than one ECS service. A shared role must hold the union of ' +
      'what every service needs, so each service can do what the others do, a compromise of one is a compromise of all, ' +
      'and CloudTrail cannot tell them apart. Give each service its own task role.',
    messages: {
      shared:
        'Task role {{role}} is shared by {{count}} services: {{services}}. Each of them gets the permissions all of them ' +
        'need, a compromised container in one reaches what the others can, and CloudTrail shows one identity for all. ' +
        'Give each service its own task role holding only what it uses.',
    },
    fixable: false,
  },
  check(ctx, report) {
    for (const use of rolesUsedAs(ctx, 'task')) {
      // Services are counted by name (stable key): one service seen through two declarations is one.
      const names = [...new Set(use.services.map((s) => s.stableKey))];
      if (names.length < 2) continue;
      report({
        messageId: 'shared',
        data: { role: use.role.logicalId, count: names.length, services: formatList(names, 10) },
        entity: use.role,
      });
    }
  },
};
