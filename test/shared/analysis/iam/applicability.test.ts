import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { IamCatalog } from '../../../../src/shared/analysis/catalog.ts';
import { actionAppliesTo } from '../../../../src/shared/analysis/iam/applicability.ts';
import { expandActionPattern, lookupAction } from '../../../../src/shared/analysis/iam/expand.ts';
import { loadIamCatalog } from '../../../../src/shared/io/iam-catalog.ts';

const catalog = loadIamCatalog();

function applying(pattern: string, resource: string, from: IamCatalog = catalog): string[] {
  return expandActionPattern(pattern, from).actions.filter((a) => actionAppliesTo(a, resource, from)).map((a) => a.action);
}

function applies(action: string, resource: string): boolean {
  const expanded = lookupAction(action, catalog);
  assert.ok(expanded, action);
  return actionAppliesTo(expanded, resource, catalog);
}

describe('actionAppliesTo (the IAM catalog\'s resource types)', () => {
  it('s3:* on the objects of a bucket grants object actions, not bucket ones', () => {
    const granted = applying('s3:*', 'arn:aws:s3:::assets/*');
    for (const a of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:PutObjectAcl']) assert.ok(granted.includes(a), a);
    for (const a of ['s3:DeleteBucket', 's3:PutBucketPolicy', 's3:ListBucket', 's3:PutBucketAcl']) assert.ok(!granted.includes(a), a);
    assert.ok(granted.length < expandActionPattern('s3:*', catalog).actions.length);
  });

  it('s3:* on the bucket grants bucket actions, not object ones', () => {
    assert.equal(applies('s3:ListBucket', 'arn:aws:s3:::assets'), true);
    assert.equal(applies('s3:GetObject', 'arn:aws:s3:::assets'), false);
    assert.equal(applies('s3:GetObject', 'arn:aws:s3:::assets*'), true, 'a star after the name reaches the objects');
  });

  it('an action of one service grants nothing on another service\'s resource', () => {
    assert.equal(applies('s3:GetObject', 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders'), false);
    assert.equal(applies('dynamodb:GetItem', 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders'), true);
  });

  it('a DynamoDB index takes Query and Scan, not GetItem', () => {
    const index = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders/index/*';
    assert.equal(applies('dynamodb:Query', index), true);
    assert.equal(applies('dynamodb:GetItem', index), false);
  });

  it('iam:* on roles grants the role actions that escalate, not the policy ones', () => {
    const granted = applying('iam:*', 'arn:aws:iam::123456789012:role/app-*');
    for (const a of ['iam:PassRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy']) assert.ok(granted.includes(a), a);
    for (const a of ['iam:CreatePolicyVersion', 'iam:CreateUser', 'iam:PutUserPolicy']) assert.ok(!granted.includes(a), a);
  });

  it('keeps what IAM grants on the ARNs AWS documents (found unsound in review)', () => {
    for (const a of ['logs:DescribeLogStreams', 'logs:FilterLogEvents', 'logs:PutRetentionPolicy']) assert.equal(applies(a, 'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/app:*'), true, a);
    assert.equal(applies('ssm:StartSession', 'arn:aws:ssm:us-west-2::document/AWS-StartPortForwardingSession'), true);
    assert.equal(applies('ssm:GetParameters', 'arn:aws:ssm:us-east-1::parameter/aws/service/ecs/optimized-ami/amazon-linux-2/recommended'), true);
    assert.equal(applies('dms:StartReplicationTask', 'arn:aws:dms:us-east-1:123456789012:task:ABCDEFGHIJKL'), true);
    assert.equal(applies('iam:PassRole', 'arn:aws:iam::123456789012:role/team:a/app'), true);
    assert.equal(applies('sns:Publish', 'arn:aws:sns:us-east-1:123456789012:endpoint/GCM/app/0123'), true);
  });

  it('leaves alone what it cannot judge', () => {
    // Actions without a resource type: IAM wants "*", but the reference has gaps there.
    assert.equal(applies('s3:ListAllMyBuckets', 'arn:aws:s3:::assets/*'), true);
    assert.equal(applies('ecr:GetAuthorizationToken', 'arn:aws:ecr:eu-west-1:111122223333:repository/app'), true);
    // Resources that are not ARN patterns.
    for (const resource of ['*', '${Bucket.Arn}', '${Unknown}', 'NOT arn:aws:s3:::other/*', 'assets']) {
      assert.equal(applies('s3:DeleteBucket', resource), true, resource);
    }
    // A catalog without ARN formats.
    const noFormats: IamCatalog = { services: () => catalog.services(), actions: (prefix) => catalog.actions(prefix) };
    assert.ok(applying('s3:*', 'arn:aws:s3:::assets/*', noFormats).includes('s3:DeleteBucket'));
  });
});
