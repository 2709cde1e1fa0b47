import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { GRANT_BUDGET, allows } from '../../../src/shared/analysis/permissions.ts';
import { buildPosture } from '../../../src/shared/analysis/posture.ts';
import { loadIamCatalog } from '../../../src/shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../../../src/shared/io/managed-policies.ts';
import { loadInfra } from '../../../src/shared/sources/index.ts';

// A hostile template: hundreds of roles that each allow every action. Expanded naively that is
// ~22k grants per role, gigabytes in all; the analysis must stay within its grant budget.
function adminRoles(count: number): string {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    resources[`Admin${i}`] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        Policies: [{ PolicyName: 'all', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] } }],
      },
    };
  }
  return JSON.stringify({ Resources: resources });
}

test('hundreds of allow-everything roles stay within the grant budget and stay correct', () => {
  const infra = loadInfra([{ path: 'admins.json', text: adminRoles(300) }]);
  assert.equal(infra.roles.length, 300);
  const { posture } = buildPosture(infra, { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() });
  let total = 0;
  for (const perms of posture.permissions.values()) total += perms.grants.length;
  assert.ok(total <= GRANT_BUDGET + 300 * 4, `held ${total} grants`);

  const first = posture.permissions.get(infra.roles[0].id);
  const last = posture.permissions.get(infra.roles[299].id);
  assert.ok(first && last);
  // Early roles are expanded in full; later ones keep the broad pattern and say why.
  assert.ok(first.grants.length > 10_000);
  assert.ok(last.grants.length < 10);
  assert.ok(last.unknown.some((u) => u.includes('not expanded')));
  // Either way the role is seen to allow anything.
  assert.equal(allows(first, 's3:GetObject'), true);
  assert.equal(allows(last, 's3:GetObject'), true);
  assert.equal(allows(last, 'iam:CreateUser'), true);
});
