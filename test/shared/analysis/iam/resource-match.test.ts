import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { resourceMatches, resourcesOverlap } from '../../../../src/shared/analysis/iam/expand.ts';
import { patternMayMatchFormat } from '../../../../src/shared/analysis/iam/resource-match.ts';

describe('resourceMatches (pattern covers every ARN the resource may denote)', () => {
  const table: [string, string, boolean][] = [
    ['*', 'arn:aws:s3:::bucket/key', true],
    ['*', '*', true],
    ['*', '${Unknown}', true],
    ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket', true],
    ['arn:aws:s3:::bucket', 'arn:aws:s3:::Bucket', false],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b/c', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket', false],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/secret/*', true],
    ['arn:aws:s3:::bucket/secret/*', 'arn:aws:s3:::bucket/*', false],
    ['arn:aws:s3:::bucket/*', '*', false],
    ['arn:aws:s3:::*', 'arn:aws:s3:::bucket/*', true],
    ['arn:aws:s3:::bucket-?', 'arn:aws:s3:::bucket-a', true],
    ['arn:aws:s3:::bucket-?', 'arn:aws:s3:::bucket-ab', false],
    ['arn:aws:s3:::bucket-?', 'arn:aws:s3:::bucket-?', true],
    ['arn:aws:s3:::bucket-?', 'arn:aws:s3:::bucket-*', false],
    ['arn:aws:sqs:*:*:queue', 'arn:aws:sqs:eu-west-1:123456789012:queue', true],
    ['arn:*:sqs:*:*:queue', 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:queue', true],
    ['arn:aws:sqs:*:*:queue', 'arn:${AWS::Partition}:sqs:eu-west-1:1:queue', false],
    ['arn:${AWS::Partition}:s3:::b/*', 'arn:${AWS::Partition}:s3:::b/k', true],
    ['arn:${AWS::Partition}:s3:::b/*', 'arn:aws:s3:::b/k', false],
    ['arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/*', false],
    ['arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/${*}', true],
    ['arn:aws:s3:::b/x*y*z', 'arn:aws:s3:::b/x1y2z', true],
    ['arn:aws:s3:::b/x*y*z', 'arn:aws:s3:::b/x1z', false],
  ];
  for (const [pattern, resource, expected] of table) {
    it(`${pattern} ${expected ? 'covers' : 'does not cover'} ${resource}`, () => assert.equal(resourceMatches(pattern, resource), expected));
  }

  it('stays fast on long ARNs with many stars', () => {
    const p = `arn:aws:s3:::${'*a'.repeat(200)}`;
    const r = `arn:aws:s3:::${'ba'.repeat(400)}`;
    assert.equal(resourceMatches(p, r), true);
    assert.equal(resourceMatches(p, r + 'b'), false);
  });
});

describe('resourcesOverlap (some ARN may match both)', () => {
  const table: [string, string, boolean][] = [
    ['*', 'arn:aws:s3:::b', true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/secret/*', true],
    ['arn:aws:s3:::b/secret/*', 'arn:aws:s3:::b/*', true],
    ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*', false],
    ['arn:aws:s3:::a*', 'arn:aws:s3:::*b', true],
    ['arn:aws:s3:::a?', 'arn:aws:s3:::?b', true],
    ['arn:aws:s3:::a?', 'arn:aws:s3:::abc', false],
    ['arn:aws:s3:::x', 'arn:aws:s3:::y', false],
    ['arn:${AWS::Partition}:s3:::b', 'arn:aws:s3:::b', true],
    ['${Unknown}', 'arn:aws:s3:::b', true],
  ];
  for (const [a, b, expected] of table) {
    it(`${a} ${expected ? 'overlaps' : 'does not overlap'} ${b}`, () => {
      assert.equal(resourcesOverlap(a, b), expected);
      assert.equal(resourcesOverlap(b, a), expected);
    });
  }
});

describe('patternMayMatchFormat (can a policy resource name an ARN of a catalog resource type)', () => {
  const bucket = 'arn:${Partition}:s3:::${BucketName}';
  const object = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
  const accessPoint = 'arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}';
  const role = 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}';
  const policy = 'arn:${Partition}:iam::${Account}:policy/${PolicyNameWithPath}';
  const table = 'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}';
  const index = 'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName}';
  const stream = 'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/stream/${StreamLabel}';
  const model = 'arn:${Partition}:bedrock:${Region}::foundation-model/${ResourceId}';
  const logGroup = 'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}';
  const document = 'arn:${Partition}:ssm:${Region}:${Account}:document/${DocumentName}';
  const dmsTask = 'arn:${Partition}:dms:${Region}:${Account}:task:*';
  const topic = 'arn:${Partition}:sns:${Region}:${Account}:${TopicName}';
  const table_: [string, string, boolean, string][] = [
    ['*', bucket, true, 'everything'],
    ['arn:aws:s3:::b/*', object, true, 'objects of the bucket'],
    ['arn:aws:s3:::b/*', bucket, false, 'a bucket name holds no slash'],
    ['arn:aws:s3:::b', bucket, true, 'the bucket'],
    ['arn:aws:s3:::b', object, false, 'an object ARN has a key after the slash'],
    ['arn:aws:s3:::*', object, true, 'a star spans the slash'],
    ['arn:aws:s3:::*', bucket, true, 'and matches a bucket'],
    ['arn:aws:s3:::b/*', accessPoint, false, 'an access point has a region and account'],
    ['arn:aws:s3:*:*:b/*', accessPoint, true, 'a star may span a colon, and the access point may be named so'],
    ['arn:${AWS::Partition}:s3:::${Bucket}/*', bucket, false, 'a bucket placeholder and a slash: objects only'],
    ['arn:${AWS::Partition}:s3:::${Bucket}/*', object, true, 'the placeholder may be the bucket'],
    ['arn:${AWS::Partition}:s3:::${Bucket}/*', accessPoint, false, 'a format that names a region has one: the bucket placeholder cannot read ":<account>:accesspoint"'],
    ['arn:aws:s3:::${Bucket}/*', 'arn:${Partition}:s3::${Account}:accesspoint/${AccessPointAlias}', false, 'nor, without a region, an account: a multi-region access point has one'],
    ['arn:aws:ssm:us-west-2::document/AWS-StartPortForwardingSession', document, true, 'an account may be empty where the region is not (AWS-owned documents)'],
    ['arn:${AWS::Partition}', bucket, false, 'the partition placeholder is one segment: it cannot hold the rest of the ARN'],
    ['arn:${Unknown}', bucket, true, 'another placeholder may hold anything'],
    ['arn:aws:s3:::${Prefix}', object, true, 'a parameter placeholder may hold anything'],
    ['arn:aws:iam::*:role/app-*', role, true, 'roles'],
    ['arn:aws:iam::*:role/app-*', policy, true, 'the account star may reach into a policy path, and IAM paths may hold a colon'],
    ['arn:aws:iam::123456789012:role/app-*', policy, false, 'with the account written out, a role is no policy'],
    ['arn:aws:iam::123456789012:role/team:a/app', role, true, 'a role path may hold a colon'],
    ['arn:aws:logs:us-east-1:123456789012:log-group:/ecs/app:*', logGroup, true, 'the log group ARN IAM checks ends in :*'],
    ['arn:aws:ssm:us-west-2::document/AWS-StartPortForwardingSession', document, true, 'AWS-owned documents have no account'],
    ['arn:aws:dms:us-east-1:123456789012:task:ABCDEFGHIJKL', dmsTask, true, 'a wildcard in the format matches anything'],
    ['arn:aws:sns:us-east-1:123456789012:endpoint/GCM/app/id', topic, true, 'sns:Publish also reaches platform endpoints, which the catalog lists as topics'],
    ['arn:aws:s3:::b', 'arn:${Partition}:opsworks-cm::${Account}:backup/${ServerName}-{Date-and-Time-Stamp-of-Backup}', true, 'a format this reader does not understand matches anything'],
    ['arn:aws:iam::123456789012:role/path/*', role, true, 'role paths hold slashes'],
    ['ARN:AWS:IAM::123456789012:ROLE/x', role, true, 'letters in any case: errs towards applying'],
    ['arn:aws:dynamodb:*:*:table/T', table, true, 'the table'],
    ['arn:aws:dynamodb:*:*:table/T', index, false, 'not its indexes'],
    ['arn:aws:dynamodb:*:*:table/T/index/*', index, true, 'its indexes'],
    ['arn:aws:dynamodb:*:*:table/T/index/*', table, false, 'a table name holds no slash'],
    ['arn:aws:dynamodb:*:*:table/T/stream/*', stream, true, 'stream labels'],
    ['arn:aws:dynamodb:*:*:table/x:y', stream, true, 'a stream label is a timestamp and may hold colons: errs towards applying'],
    ['arn:aws:bedrock:*::foundation-model/anthropic.claude-v2:1', model, true, 'model IDs hold colons'],
    ['arn:aws:sqs:*:*:q', table, false, 'another service'],
    ['arn:aws:s3:::b/?', object, true, 'one character'],
    ['arn:aws:s3:::?', object, false, 'one character cannot hold a slash and a key'],
  ];
  for (const [pattern, format, expected, why] of table_) {
    it(`${pattern} ${expected ? 'may name' : 'cannot name'} ${format} (${why})`, () => {
      assert.equal(patternMayMatchFormat(pattern, format), expected);
    });
  }
});
