import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { resourceMatches, resourcesOverlap } from '../../../../src/shared/analysis/iam/expand.ts';

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
