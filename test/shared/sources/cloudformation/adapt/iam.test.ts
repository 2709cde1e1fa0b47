import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byLogicalId, lineOf, load, target, value } from './fixtures.ts';

const FILE = 'iam.yaml';
const infra = load(FILE);

test('trust policy: service principal lists, AWS principals, canonical conditions', () => {
  const role = byLogicalId(infra.roles, 'TaskRole');
  assert.equal(role.roleName, 'orders-task');
  const trust = role.trustPolicy;
  assert.ok(trust);
  assert.equal(trust.statements.length, 1);
  const [s] = trust.statements;
  assert.equal(s.effect, 'Allow');
  assert.deepEqual(s.principals?.map(value), [
    'Service:ecs-tasks.amazonaws.com',
    'Service:ecs.amazonaws.com',
    'AWS:arn:aws:iam::${AWS::AccountId}:root',
  ]);
  assert.deepEqual(s.actions?.map(value), ['sts:AssumeRole']);
  assert.ok(s.condition !== undefined);
  const condition = JSON.parse(s.condition) as Record<string, Record<string, string>>;
  assert.deepEqual(Object.keys(condition), ['ArnLike', 'StringEquals'], 'keys sorted');
  assert.equal(condition.ArnLike['aws:SourceArn'], 'arn:aws:ecs:*');
});

test('wildcard principal and account principals', () => {
  const trust = byLogicalId(infra.roles, 'OpenTrust').trustPolicy;
  assert.deepEqual(trust?.statements[0].principals?.map(value), ['AWS:*']);
  assert.deepEqual(trust?.statements[1].principals?.map(value), ['AWS:111122223333', 'AWS:arn:aws:iam::444455556666:root']);
  assert.deepEqual(trust?.statements[2].principals?.map(value), ['Service:ecs-tasks.amazonaws.com'], 'URL suffix normalised');
});

test('inline policies keep names, single statements and NotResource', () => {
  const role = byLogicalId(infra.roles, 'TaskRole');
  assert.equal(role.inlinePolicies.length, 2);
  const [read, unnamed] = role.inlinePolicies;
  assert.equal(read.name, 'read-orders');
  assert.equal(read.statements[0].sid, 'Read');
  assert.deepEqual(read.statements[0].actions?.map(value), ['s3:GetObject', 's3:ListBucket']);
  assert.deepEqual(read.statements[0].resources?.map(value), ['arn:aws:s3:::orders', 'arn:aws:s3:::orders/*']);
  assert.equal(read.statements[1].effect, 'Deny');
  assert.deepEqual(read.statements[1].notResources?.map(value), ['arn:aws:s3:::orders/*']);
  assert.equal(read.statements[1].resources, undefined);
  assert.equal(read.statements[0].source.line, lineOf(FILE, '- Sid: Read'));
  assert.equal(unnamed.name, 'TaskRole inline 1');
  assert.equal(unnamed.statements.length, 1, 'Statement written as an object');
  assert.deepEqual(unnamed.statements[0].resources?.map(value), ['${Queue.Arn}']);
});

test('managed policies: AWS ARNs normalised, in-template policies by reference, boundary', () => {
  const role = byLogicalId(infra.roles, 'TaskRole');
  assert.deepEqual(role.managedPolicies.map(target), [
    'ext:arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
    'ext:arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess',
    'Extra',
  ]);
  assert.equal(target(role.permissionsBoundary), 'Boundary');
});

test('policy resources attach to roles by Ref and by name', () => {
  const byArn = byLogicalId(infra.policies, 'ByArn');
  assert.equal(byArn.kind, 'inline');
  assert.equal(byArn.name, 'by-arn');
  assert.deepEqual(byArn.roles.map(target), ['TaskRole', 'ext:some-external-role']);
  const attached = byLogicalId(infra.policies, 'Attached');
  assert.equal(attached.kind, 'managed');
  assert.deepEqual(attached.roles.map(target), ['OpenTrust']);
  const rolePolicy = byLogicalId(infra.policies, 'RolePol');
  assert.equal(rolePolicy.kind, 'inline');
  assert.deepEqual(rolePolicy.roles.map(target), ['TaskRole']);
});

test('a policy document written as a JSON string is read', () => {
  const extra = byLogicalId(infra.policies, 'Extra');
  assert.equal(extra.document.statements.length, 1);
  assert.deepEqual(extra.document.statements[0].actions?.map(value), ['dynamodb:*']);
  assert.equal(extra.document.unknown, undefined);
});

test('a policy document written as a !Sub JSON string is read, its placeholders kept as in any !Sub', async () => {
  const { scan } = await import('../../../../../src/shared/engine.ts');
  const { defaultConfig } = await import('../../../../../src/shared/config/index.ts');
  const { analysisDeps } = await import('../../../diff/support.ts');
  const text = `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]}
      Policies:
        - PolicyName: app
          PolicyDocument: !Sub '{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:DeleteObject"],"Resource":"\${Bucket.Arn}/*"}]}'
`;
  const result = scan([{ path: 't.yaml', text }], analysisDeps(), defaultConfig());
  const role = result.posture.infra.roles[0]!;
  assert.equal(role.inlinePolicies[0]!.unknown, undefined);
  const resource = role.inlinePolicies[0]!.statements[0]!.resources![0]!;
  assert.deepEqual(resource.known && [resource.value, resource.source.line], ['${Bucket.Arn}/*', 10]);
  const grants = result.posture.permissions.get('t.yaml#Role')!.grants;
  assert.deepEqual(grants.map((g) => `${g.action} ${g.resource}`), ['s3:GetObject ${Bucket.Arn}/*', 's3:DeleteObject ${Bucket.Arn}/*']);
});

test('a statement with an invalid Effect is skipped and reported on the document', () => {
  const rolePolicy = byLogicalId(infra.policies, 'RolePol');
  assert.equal(rolePolicy.document.statements.length, 1);
  assert.match(rolePolicy.document.unknown ?? '', /Effect 'Maybe'/);
});

test('task definition refers to the same role by Ref and by GetAtt', () => {
  const td = byLogicalId(infra.taskDefinitions, 'Td');
  assert.deepEqual([target(td.taskRole), target(td.executionRole)], ['TaskRole', 'TaskRole']);
  assert.deepEqual(td.taskRole?.kind === 'resource' && td.taskRole.id, 'iam.yaml#TaskRole');
});
