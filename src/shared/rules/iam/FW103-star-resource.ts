import { iamConditionOf, type AccessLevel, type Grant } from '../../model/index.ts';
import type { Rule } from '../types.ts';
import {
  adminEvidence, coveredByAdmin, declaredType, findEscalation, firstLineIn, formatList, onlyWhen, rolesUsedAs, serviceKeys, usersLabel, worstFirstActions,
} from './shared.ts';
import { scopeResourcesFix } from '../../fixes/builders/iam.ts';

/** Access levels judged, and how badly: changing things is high, reading (and tagging, see docs) medium. */
const SEVERITY_BY_LEVEL: Partial<Record<AccessLevel, 'high' | 'medium'>> = {
  'Permissions management': 'high',
  Write: 'high',
  Tagging: 'medium',
  Read: 'medium',
  List: 'medium',
};

const LIST_CAP = 10;

export const rule: Rule = {
  meta: {
    id: 'FW103',
    severity: 'high',
    area: 'iam',
    title: 'Task role grants Resource "*" on actions that support resource ARNs',
    description:
      'Finds task roles that allow, on Resource "*", actions which IAM lets you scope to specific resources. Such a grant ' +
      'reaches every bucket, table, queue or secret of the account, present and future, instead of the ones the service ' +
      'uses. High when write or permissions-management actions are among them, medium for read, list and tagging only. ' +
      'Actions that only accept "*" (e.g. ecr:GetAuthorizationToken) are not reported.',
    messages: {
      starResource:
        'Task role {{role}} of {{users}} allows {{count}} action(s) on Resource "*" that can be limited to specific ARNs: ' +
        '{{actions}}. They reach every matching resource in the account, not only the ones the service uses. Replace "*" ' +
        'with the ARNs the application needs (e.g. the bucket and its objects, the table and its indexes).',
    },
    fixable: true,
  },
  check(ctx, report) {
    for (const use of rolesUsedAs(ctx, 'task')) {
      if (use.perms === undefined) continue;
      const admin = adminEvidence(use.perms);
      // Each grant is reported once: escalation paths by FW102, admin statements by FW101.
      const escalation = new Set(findEscalation(use.perms, admin, declaredType(ctx.index)).grants.map((g) => g.action.toLowerCase()));
      const judged: Grant[] = use.perms.grants.filter(
        (g) =>
          g.resource === '*' &&
          g.resourceLevel &&
          // A condition may narrow the resources (aws:ResourceTag, s3:prefix); we cannot tell, so we do not guess.
          iamConditionOf(g.condition) === undefined &&
          SEVERITY_BY_LEVEL[g.accessLevel] !== undefined &&
          !escalation.has(g.action.toLowerCase()) &&
          !coveredByAdmin(admin, g),
      );
      if (judged.length === 0) continue;
      const worst = worstFirstActions(judged, true);
      const severity = worst.some((g) => SEVERITY_BY_LEVEL[g.accessLevel] === 'high') ? 'high' : 'medium';
      report({
        messageId: 'starResource',
        data: {
          role: use.role.logicalId,
          users: usersLabel(use.services, use.taskDefinitions, use.when),
          count: new Set(worst.map((g) => g.action.toLowerCase())).size,
          actions: formatList(worst.map((g) => `${g.action} (${g.accessLevel}${onlyWhen(g.condition, '; ')})`), LIST_CAP),
        },
        entity: use.role,
        line: firstLineIn(use.role, worst.map((g) => g.source)),
        severity,
        services: serviceKeys(use.services),
        fix: () => scopeResourcesFix(ctx, use.role, judged),
      });
    }
  },
};
