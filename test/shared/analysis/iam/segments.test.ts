import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalResource, SEGMENT_VALUE, segmentsMarked } from '../../../../src/shared/analysis/iam/arn-forms.ts';
import { patternMayMatchFormat } from '../../../../src/shared/analysis/iam/resource-match.ts';

const types: Record<string, string> = { Bucket: 'AWS::S3::Bucket', Queue: 'AWS::SQS::Queue', Logs: 'AWS::Logs::LogGroup', Param: 'AWS::SSM::Parameter' };
const typeOf = (id: string): string | undefined => types[id];
const marked = (resource: string): string => segmentsMarked(canonicalResource(resource, typeOf), typeOf);

describe('segmentsMarked (placeholders whose value is one ARN segment)', () => {
  it('marks names and IDs that hold no slash or colon, and only those', () => {
    assert.equal(marked('${Bucket.Arn}/*'), `arn:aws:s3:::${SEGMENT_VALUE}/*`);
    assert.equal(marked('arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:${Queue.QueueName}'), `arn:aws:sqs:\${AWS::Region}:\${AWS::AccountId}:${SEGMENT_VALUE}`);
    // A log group name may hold slashes; a parameter's type has no ARN form; a parameter of the template is no resource.
    assert.equal(marked('${Logs.Arn}'), 'arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:${Logs}:*');
    assert.equal(marked('arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${Param}'), 'arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${Param}');
    assert.equal(marked('arn:aws:s3:::${BucketParameter}/*'), 'arn:aws:s3:::${BucketParameter}/*');
  });

  it('a marked bucket is a bucket, not its objects; its objects are objects, not buckets', () => {
    const bucket = 'arn:${Partition}:s3:::${BucketName}';
    const object = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
    assert.deepEqual([patternMayMatchFormat(marked('${Bucket.Arn}'), bucket), patternMayMatchFormat(marked('${Bucket.Arn}'), object)], [true, false]);
    assert.deepEqual([patternMayMatchFormat(marked('${Bucket.Arn}/*'), bucket), patternMayMatchFormat(marked('${Bucket.Arn}/*'), object)], [false, true]);
    // Unmarked, the placeholder may hold a slash: the bucket's ARN might be an object's.
    assert.equal(patternMayMatchFormat('arn:aws:s3:::${BucketParameter}', object), true);
  });
});

describe('grants on a bucket written as a placeholder and written out are the same', () => {
  it('s3:* and s3:Get* on `${Bucket.Arn}/*` grant the object actions the literal ARN does, no bucket or access-point action', async () => {
    const { scan } = await import('../../../../src/shared/engine.ts');
    const { defaultConfig } = await import('../../../../src/shared/config/index.ts');
    const { analysisDeps } = await import('../../diff/support.ts');
    const actions = (action: string, resource: string): string[] => {
      const text = `Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties: {BucketName: acme-docs}
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]}
      Policies: [{PolicyName: p, PolicyDocument: {Statement: [{Effect: Allow, Action: '${action}', Resource: ${resource}}]}}]
`;
      return scan([{ path: 't.yaml', text }], analysisDeps(), defaultConfig()).posture.permissions.get('t.yaml#Role')!.grants.map((g) => g.action).sort();
    };
    for (const action of ['s3:*', 's3:Get*', 's3:ListBucket']) {
      assert.deepEqual(actions(action, "!Sub '${Bucket.Arn}/*'"), actions(action, "'arn:aws:s3:::acme-docs/*'"), action);
    }
    assert.ok(!actions('s3:*', "!Sub '${Bucket.Arn}/*'").includes('s3:ListBucket'));
  });
});
