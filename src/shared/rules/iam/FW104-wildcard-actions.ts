import type { EffectivePermissions, PatternGrant } from '../../model/index.ts';
import type { Rule } from '../types.ts';
import { accessRank, adminEvidence, coveredByAdmin, firstLineIn, formatList, onlyWhen, rolesUsedAs, serviceKeys, usersLabel, viaLabel, withOnlyWhen } from './shared.ts';

function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** `*`, `svc:*`, or a wildcard in the service part: every action of one or more services. */
function isServiceWide(pattern: string): boolean {
  const colon = pattern.indexOf(':');
  if (colon === -1) return pattern === '*';
  return pattern.slice(colon + 1) === '*' || hasWildcard(pattern.slice(0, colon));
}

/**
 * A partial wildcard (`s3:Get*`, `dynamodb:*Item`) is reported when it reaches actions that change
 * something. Read/list-only ones (`ec2:Describe*`, CDK's `s3:GetObject*`) are left to FW103, which
 * reports them when they apply to every resource. With no expansion (unknown service, all denied)
 * we cannot say what it grants, so it is not reported.
 */
function partialReachesWrites(perms: EffectivePermissions, p: PatternGrant): boolean {
  const pattern = p.pattern.toLowerCase();
  return perms.grants.some((g) => g.via === p.via && g.pattern.toLowerCase() === pattern && accessRank(g.accessLevel) <= accessRank('Tagging'));
}

function describe(p: PatternGrant): string {
  const what = p.negated ? `NotAction ${p.pattern}` : p.pattern;
  return p.managed ? `${what} (${viaLabel(p.via)}${onlyWhen(p.condition, '; ')})` : withOnlyWhen(what, p.condition);
}

/**
 * The Allow patterns that name actions by wildcard: service-wide (`*`, `svc:*`), NotAction, or a
 * partial wildcard that reaches writes. What FW101 already reports (admin statements and
 * admin-class managed policies) is left out. FW104 applies it to task roles.
 */
export function wildcardActionPatterns(perms: EffectivePermissions): PatternGrant[] {
  const admin = adminEvidence(perms);
  return perms.patterns.filter((p) => {
    if (p.effect !== 'Allow' || coveredByAdmin(admin, p)) return false;
    if (p.negated || isServiceWide(p.pattern)) return true;
    return hasWildcard(p.pattern) && partialReachesWrites(perms, p);
  });
}

export const rule: Rule = {
  meta: {
    id: 'FW104',
    severity: 'medium',
    area: 'iam',
    title: 'Task role grants wildcard actions',
    description:
      'Finds task roles whose Allow statements name actions by wildcard: every action of a service (`s3:*`, `*` on a ' +
      'scoped resource), a NotAction list (everything else is allowed), or a partial wildcard that reaches write, ' +
      'permissions-management or tagging actions (`s3:Delete*`, `dynamodb:*Item`). Wildcards grant actions nobody reviewed, ' +
      'including ones AWS adds later. The bare `*` on every resource is FW101\'s finding and is not repeated here.',
    messages: {
      wildcard:
        'Task role {{role}} of {{users}} allows actions by wildcard: {{patterns}}. A wildcard grants every matching action, ' +
        'including destructive ones and ones AWS adds later. List the actions the application calls instead (for AWS ' +
        'managed policies, replace the policy with your own).',
    },
    fixable: false,
  },
  check(ctx, report) {
    for (const use of rolesUsedAs(ctx, 'task')) {
      const perms = use.perms;
      if (perms === undefined) continue;
      const flagged = wildcardActionPatterns(perms);
      if (flagged.length === 0) continue;
      // Broadest first: a reader fixes `s3:*` before `s3:Delete*`.
      const ordered = [...flagged].sort((a, b) => breadth(a) - breadth(b));
      report({
        messageId: 'wildcard',
        data: {
          role: use.role.logicalId,
          users: usersLabel(use.services, use.taskDefinitions, use.when),
          patterns: formatList([...new Set(ordered.map(describe))], 8),
        },
        entity: use.role,
        line: firstLineIn(use.role, ordered.map((p) => p.source)),
        services: serviceKeys(use.services),
      });
    }
  },
};

function breadth(p: PatternGrant): number {
  if (isServiceWide(p.pattern) && !p.negated) return 0;
  return p.negated ? 1 : 2;
}
