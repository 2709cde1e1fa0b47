import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { arnForm, canonicalResource, hasArnForm } from '../../../../src/shared/analysis/iam/arn-forms.ts';

const R = '${AWS::Region}';
const A = '${AWS::AccountId}';

/** The logical IDs of a template, with their types. */
const declared: Record<string, string> = {
  Table: 'AWS::DynamoDB::Table',
  Global: 'AWS::DynamoDB::GlobalTable',
  Bucket: 'AWS::S3::Bucket',
  Key: 'AWS::KMS::Key',
  Logs: 'AWS::Logs::LogGroup',
  Repo: 'AWS::ECR::Repository',
  Stream: 'AWS::Kinesis::Stream',
  Fn: 'AWS::Lambda::Function',
  Queue: 'AWS::SQS::Queue',
  Topic: 'AWS::SNS::Topic',
  Cluster: 'AWS::ECS::Cluster',
  Fs: 'AWS::EFS::FileSystem',
  Role: 'AWS::IAM::Role',
  Secret: 'AWS::SecretsManager::Secret',
  Param: 'AWS::SSM::Parameter',
};
const typeOf = (id: string): string | undefined => declared[id];
const canonical = (resource: string, environment?: { account?: string; region?: string }): string => canonicalResource(resource, typeOf, environment);

describe('arnForm (the ARN a GetAtt/Ref of a declared resource stands for)', () => {
  const table: [string, string, string | undefined, string][] = [
    ['AWS::DynamoDB::Table', 'Table', 'Arn', `arn:aws:dynamodb:${R}:${A}:table/\${Table}`],
    ['AWS::DynamoDB::GlobalTable', 'Global', 'Arn', `arn:aws:dynamodb:${R}:${A}:table/\${Global}`],
    ['AWS::S3::Bucket', 'Bucket', 'Arn', 'arn:aws:s3:::${Bucket}'],
    ['AWS::KMS::Key', 'Key', 'Arn', `arn:aws:kms:${R}:${A}:key/\${Key}`],
    ['AWS::Logs::LogGroup', 'Logs', 'Arn', `arn:aws:logs:${R}:${A}:log-group:\${Logs}:*`],
    ['AWS::ECR::Repository', 'Repo', 'Arn', `arn:aws:ecr:${R}:${A}:repository/\${Repo}`],
    ['AWS::Kinesis::Stream', 'Stream', 'Arn', `arn:aws:kinesis:${R}:${A}:stream/\${Stream}`],
    ['AWS::Lambda::Function', 'Fn', 'Arn', `arn:aws:lambda:${R}:${A}:function:\${Fn}`],
    ['AWS::SQS::Queue', 'Queue', 'Arn', `arn:aws:sqs:${R}:${A}:\${Queue.QueueName}`],
    ['AWS::SNS::Topic', 'Topic', 'TopicArn', `arn:aws:sns:${R}:${A}:\${Topic.TopicName}`],
    ['AWS::SNS::Topic', 'Topic', undefined, `arn:aws:sns:${R}:${A}:\${Topic.TopicName}`],
    ['AWS::ECS::Cluster', 'Cluster', 'Arn', `arn:aws:ecs:${R}:${A}:cluster/\${Cluster}`],
    ['AWS::EFS::FileSystem', 'Fs', 'Arn', `arn:aws:elasticfilesystem:${R}:${A}:file-system/\${Fs}`],
  ];
  for (const [type, id, attribute, arn] of table) {
    it(`${type} ${attribute ?? 'Ref'}`, () => {
      assert.equal(hasArnForm(type), true);
      assert.equal(arnForm(type, id, attribute), arn);
    });
  }

  it('attributes and Refs that are not the ARN have none', () => {
    assert.equal(arnForm('AWS::DynamoDB::Table', 'Table', undefined), undefined, 'Ref is the table name');
    assert.equal(arnForm('AWS::DynamoDB::Table', 'Table', 'StreamArn'), undefined);
    assert.equal(arnForm('AWS::SQS::Queue', 'Queue', undefined), undefined, 'Ref is the queue URL');
    assert.equal(arnForm('AWS::SQS::Queue', 'Queue', 'QueueName'), undefined);
    assert.equal(arnForm('AWS::SNS::Topic', 'Topic', 'TopicName'), undefined);
    assert.equal(arnForm('AWS::KMS::Key', 'Key', 'KeyId'), undefined);
  });

  it('types whose ARN depends on properties (a path, a random suffix, a leading slash) have none', () => {
    for (const type of ['AWS::IAM::Role', 'AWS::IAM::ManagedPolicy', 'AWS::SecretsManager::Secret', 'AWS::SSM::Parameter', 'AWS::ECS::TaskDefinition', 'AWS::EFS::AccessPoint']) {
      assert.equal(hasArnForm(type), false, type);
      assert.equal(arnForm(type, 'X', 'Arn'), undefined, type);
      assert.equal(arnForm(type, 'X', undefined), undefined, type);
    }
  });
});

describe('canonicalResource (one spelling per resource)', () => {
  const same: [string, string, string][] = [
    ['a table by GetAtt and by Sub', '${Table.Arn}', 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Table}'],
    ['its indexes', '${Table.Arn}/index/*', 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Table}/index/*'],
    ['a table with the partition written out', '${Table.Arn}', 'arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Table}'],
    ['a bucket\'s objects', '${Bucket.Arn}/*', 'arn:${AWS::Partition}:s3:::${Bucket}/*'],
    ['a key, its ID by GetAtt', '${Key.Arn}', 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${Key.KeyId}'],
    ['a log group (with `:*`)', '${Logs.Arn}', 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${Logs}:*'],
    ['a queue, by its name attribute', '${Queue.Arn}', 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Queue.QueueName}'],
    ['a topic by Ref and by TopicArn', '${Topic}', '${Topic.TopicArn}'],
    ['a topic by Ref and by its name', '${Topic}', 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${Topic.TopicName}'],
    ['a file system, its ID by GetAtt', '${Fs.Arn}', 'arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:file-system/${Fs.FileSystemId}'],
  ];
  for (const [what, a, b] of same) {
    it(`${what}: ${a} = ${b}`, () => assert.equal(canonical(a), canonical(b)));
  }

  it('spells the placeholder as its ARN, the suffix kept', () => {
    assert.equal(canonical('${Table.Arn}/index/*'), `arn:aws:dynamodb:${R}:${A}:table/\${Table}/index/*`);
    assert.equal(canonical('${Bucket.Arn}/uploads/${aws:username}/*'), 'arn:aws:s3:::${Bucket}/uploads/${aws:username}/*');
    assert.equal(canonical('NOT ${Table.Arn}, ${Bucket.Arn}'), `NOT arn:aws:dynamodb:${R}:${A}:table/\${Table}, arn:aws:s3:::\${Bucket}`);
  });

  it('different resources stay different', () => {
    assert.notEqual(canonical('${Table.Arn}'), canonical('${Table.Arn}/index/*'));
    assert.notEqual(canonical('${Logs.Arn}'), canonical('arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:${Logs}'), 'the log group ARN ends in `:*`');
    assert.notEqual(canonical('${Table.Arn}'), canonical('arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Global}'));
    assert.notEqual(canonical('${Queue}'), canonical('${Queue.Arn}'), 'an SQS Ref is the URL');
  });

  it('leaves other types, undeclared names, non-ARN attributes and policy variables as they are', () => {
    for (const value of [
      '${Role.Arn}', '${Secret}', '${Param}', '${Undeclared.Arn}', '${Table}', '${Table.StreamArn}', '${Queue}', '${Queue.QueueName}',
      '${Key}', '${aws:username}', '${AWS::Region}', '${AWS::AccountId}', '${AWS::URLSuffix}', '${Foo.Bar.Arn}', '*', 'arn:aws:s3:::b/*',
    ]) {
      assert.equal(canonical(value), value, value);
    }
  });

  it('reads only the partition placeholder in a string that names no listed resource', () => {
    assert.equal(canonical('arn:${AWS::Partition}:s3:::${Other}/*'), 'arn:aws:s3:::${Other}/*');
  });

  it('does not look anything up in a string without placeholders', () => {
    const value = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';
    assert.equal(canonicalResource(value, () => assert.fail('no look-up')), value);
  });

  describe('in a stack pinned to an account and region', () => {
    const env = { account: '111122223333', region: 'eu-west-1' };

    it('the values written out read as the placeholders they equal there', () => {
      assert.equal(canonical('${Table.Arn}', env), canonical('arn:aws:dynamodb:eu-west-1:111122223333:table/${Table}', env));
      assert.equal(canonical('${Table.Arn}/index/*', env), canonical('arn:${AWS::Partition}:dynamodb:eu-west-1:111122223333:table/${Table}/index/*', env));
      assert.equal(canonical('arn:aws:dynamodb:eu-west-1:111122223333:table/orders', env), `arn:aws:dynamodb:${R}:${A}:table/orders`);
      assert.equal(canonical('arn:aws:iam::111122223333:role/app', env), `arn:aws:iam::${A}:role/app`);
    });

    it('pinning a stack changes no GetAtt spelling', () => {
      assert.equal(canonical('${Table.Arn}', env), canonical('${Table.Arn}'));
      assert.equal(canonical('${Queue.Arn}', { region: 'eu-west-1' }), canonical('${Queue.Arn}'));
    });

    it('only its own values, standing alone', () => {
      assert.equal(canonical('arn:aws:dynamodb:us-east-1:444455556666:table/orders', env), 'arn:aws:dynamodb:us-east-1:444455556666:table/orders');
      assert.equal(canonical('arn:aws:dynamodb:eu-west-1:444455556666:table/x', { account: '111122223333' }), 'arn:aws:dynamodb:eu-west-1:444455556666:table/x');
      assert.equal(canonical('arn:aws:s3:::logs-1111222233334-xeu-west-12/*', env), 'arn:aws:s3:::logs-1111222233334-xeu-west-12/*', 'not part of a longer number or word');
    });

    it('inside names too, as the resolver writes `${AWS::AccountId}` and `${AWS::Region}` there: a pinned and an agnostic synth of one name are one name', () => {
      assert.equal(canonical('arn:aws:s3:::logs-111122223333-eu-west-1/*', env), `arn:aws:s3:::logs-${A}-${R}/*`);
      assert.equal(
        canonical('arn:aws:ecr:eu-west-1:111122223333:repository/cdk-hnb659fds-container-assets-111122223333-eu-west-1', env),
        canonical('arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/cdk-hnb659fds-container-assets-${AWS::AccountId}-${AWS::Region}'),
      );
    });

    it('without one, values written out stay values', () => {
      assert.notEqual(canonical('${Table.Arn}'), canonical('arn:aws:dynamodb:eu-west-1:111122223333:table/${Table}'));
    });
  });
});
