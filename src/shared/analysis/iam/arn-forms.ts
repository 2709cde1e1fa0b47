import type { StackEnvironment } from '../../model/index.ts';

/**
 * One resource, several spellings. A policy may name a DynamoDB table as `!GetAtt Table.Arn`
 * (what CDK's `grant*` methods write), as `!Sub arn:${AWS::Partition}:dynamodb:${AWS::Region}:
 * ${AWS::AccountId}:table/${Table}` (hand-written, `Stack.formatArn`), or with the account and
 * region written out (`Stack.formatArn` in a CDK stack with a pinned `env`). The resolver keeps the
 * first as the placeholder `${Table.Arn}` and the others as partial strings; here the placeholder
 * is spelled as the ARN it stands for, and pinned values as the placeholders they equal, so all of
 * them read the same and IAM globs (`…:table/*`) can be matched against them.
 *
 * Only types whose ARN is fully determined by `Ref` (or another attribute), the stack's region and
 * account, and the partition are listed, each checked against its CloudFormation "Return values"
 * (the sample ARN of `Fn::GetAtt … Arn`, what `Ref` returns). Types whose ARN depends on properties
 * are not: IAM roles and policies (`Path`), Secrets Manager secrets (a random suffix), SSM
 * parameters (a leading `/` or not), EFS access points, task definitions (a revision).
 *
 * The partition is taken to be `aws`, as the diff compares `${AWS::Partition}` with `aws`
 * elsewhere: a template deployed to another partition has both spellings differ alike.
 */

interface ArnForm {
  /** The ARN of the resource `id`, the stack's region and account as placeholders. */
  arn(id: string): string;
  /** `Fn::GetAtt` attributes whose value is that ARN. */
  attributes: readonly string[];
  /** Whether `Ref` gives the ARN as well. */
  refIsArn?: true;
  /** `Fn::GetAtt` attributes whose value is what `Ref` gives, so `${X.KeyId}` reads as `${X}`. */
  sameAsRef?: readonly string[];
}

const REGION = '${AWS::Region}';
const ACCOUNT = '${AWS::AccountId}';
const ref = (id: string): string => `\${${id}}`;
const attribute = (id: string, name: string): string => `\${${id}.${name}}`;
/** `arn:aws:<service>:<region>:<account>:<resource>` in the stack's region and account. */
const local = (service: string, resource: string): string => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;

// Sources: the "Return values" section of each type's page in the AWS CloudFormation User Guide
// (docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/<page>.html; source: awsdocs/aws-cloudformation-user-guide).
const FORMS: ReadonlyMap<string, ArnForm> = new Map<string, ArnForm>([
  // aws-resource-dynamodb-table: Ref is the table name; Arn `arn:aws:dynamodb:us-east-2:123456789012:table/myDynamoDBTable`.
  ['AWS::DynamoDB::Table', { attributes: ['Arn'], arn: (id) => local('dynamodb', `table/${ref(id)}`) }],
  // aws-resource-dynamodb-globaltable: the same, the Arn being the replica's in the stack's region.
  ['AWS::DynamoDB::GlobalTable', { attributes: ['Arn'], arn: (id) => local('dynamodb', `table/${ref(id)}`) }],
  // aws-properties-s3-bucket: Ref is the bucket name; Arn `arn:aws:s3:::DOC-EXAMPLE-BUCKET`.
  ['AWS::S3::Bucket', { attributes: ['Arn'], arn: (id) => `arn:aws:s3:::${ref(id)}` }],
  // aws-resource-kms-key: Ref and KeyId are the key ID; Arn `arn:aws:kms:us-west-2:111122223333:key/1234abcd-…`.
  ['AWS::KMS::Key', { attributes: ['Arn'], sameAsRef: ['KeyId'], arn: (id) => local('kms', `key/${ref(id)}`) }],
  // aws-resource-logs-loggroup: Ref is the name; Arn `arn:aws:logs:us-west-1:123456789012:log-group:/mystack-testgroup-12ABC1AB12A1:*`.
  ['AWS::Logs::LogGroup', { attributes: ['Arn'], arn: (id) => local('logs', `log-group:${ref(id)}:*`) }],
  // aws-resource-ecr-repository: Ref is the name; Arn `arn:aws:ecr:eu-west-1:123456789012:repository/test-repository`.
  ['AWS::ECR::Repository', { attributes: ['Arn'], arn: (id) => local('ecr', `repository/${ref(id)}`) }],
  // aws-resource-kinesis-stream: Ref is the stream name; Arn `arn:aws:kinesis:us-east-2:123456789012:stream/mystream`.
  ['AWS::Kinesis::Stream', { attributes: ['Arn'], arn: (id) => local('kinesis', `stream/${ref(id)}`) }],
  // aws-resource-lambda-function: Ref is the function name; Arn is the unqualified function ARN
  // (`arn:aws:lambda:us-west-2:123456789012:function:my-function`, Lambda API reference).
  ['AWS::Lambda::Function', { attributes: ['Arn'], arn: (id) => local('lambda', `function:${ref(id)}`) }],
  // aws-resource-sqs-queue: Ref is the queue URL; QueueName the name; Arn `arn:aws:sqs:us-east-2:123456789012:mystack-myqueue-15PG5C2FC1CW8`.
  ['AWS::SQS::Queue', { attributes: ['Arn'], arn: (id) => local('sqs', attribute(id, 'QueueName')) }],
  // aws-resource-sns-topic: Ref and TopicArn are the ARN (`arn:aws:sns:us-east-1:123456789012:mystack-mytopic-NZJ5JSMVGFIE`); TopicName the name.
  ['AWS::SNS::Topic', { attributes: ['TopicArn'], refIsArn: true, arn: (id) => local('sns', attribute(id, 'TopicName')) }],
  // aws-resource-ecs-cluster: Ref is the cluster name; Arn `arn:aws:ecs:us-east-2:123456789012:cluster/MyECSCluster`.
  ['AWS::ECS::Cluster', { attributes: ['Arn'], arn: (id) => local('ecs', `cluster/${ref(id)}`) }],
  // aws-resource-efs-filesystem: Ref and FileSystemId are the ID; Arn `arn:aws:elasticfilesystem:us-west-2:1111333322228888:file-system/fs-0123456789abcdef8`.
  ['AWS::EFS::FileSystem', { attributes: ['Arn'], sameAsRef: ['FileSystemId'], arn: (id) => local('elasticfilesystem', `file-system/${ref(id)}`) }],
]);

/** Whether `canonicalResource` can spell a placeholder of a resource of this type another way. */
export function hasArnForm(type: string): boolean {
  return FORMS.has(type);
}

/**
 * The ARN that `${id.attribute}` (`${id}` when `attribute` is undefined, as `Ref` writes it) stands
 * for, when `id` is a resource of `type` and that attribute is its ARN; undefined otherwise. Region
 * and account are the stack's, as `${AWS::Region}` and `${AWS::AccountId}`.
 */
export function arnForm(type: string, id: string, attribute: string | undefined): string | undefined {
  const form = FORMS.get(type);
  if (form === undefined) return undefined;
  if (attribute === undefined ? form.refIsArn !== true : !form.attributes.includes(attribute)) return undefined;
  return form.arn(id);
}

/** The type of a logical ID declared in the template a value comes from; undefined when it declares none. */
export type TypeOfLogicalId = (logicalId: string) => string | undefined;

/** CloudFormation logical IDs are alphanumeric; anything else in `${…}` is no resource. */
const LOGICAL_ID = /^[A-Za-z0-9]+$/;
const PLACEHOLDER = /\$\{([^}]*)\}/g;

/**
 * `resource` with each part that has several spellings spelled one way:
 * - `${X.Arn}` (and attributes or `Ref`s that are the ARN) of a resource of a listed type as its
 *   ARN: `${Table.Arn}/index/*` becomes `arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Table}/index/*`,
 *   the same text as the `Fn::Sub` spelling; `${X.KeyId}`-style attributes that equal `Ref` as `${X}`;
 * - `${AWS::Partition}` as `aws`;
 * - in a stack pinned to an account and region (`environment`), those values written out
 *   (`:eu-west-1:`, `:111122223333:`, and inside names, as CDK writes its asset repository
 *   `cdk-hnb659fds-container-assets-111122223333-eu-west-1` there) as `${AWS::Region}` and
 *   `${AWS::AccountId}`, which they are in that stack (the resolver reads them so). Pinning a
 *   stack, or not, then changes no `${X.Arn}` and no name built with `${AWS::Region}`, and a
 *   pattern written out with the account (`…:111122223333:table/*`) still covers it.
 * Placeholders of other types, of names the template does not declare, and policy variables
 * (`${aws:username}`) stay as they are. Without `${` and without a pinned environment, the string
 * is returned as it is, with no regular expression run.
 */
export function canonicalResource(resource: string, typeOf: TypeOfLogicalId, environment?: StackEnvironment): string {
  let out = resource;
  if (out.includes('${')) {
    out = replaceResourcePlaceholders(out.replaceAll('${AWS::Partition}', 'aws'), typeOf, (id, type, attribute) =>
      arnForm(type, id, attribute) ?? (attribute !== undefined && FORMS.get(type)?.sameAsRef?.includes(attribute) === true ? ref(id) : undefined));
  }
  if (environment?.region !== undefined) out = pinned(out, environment.region, REGION, /[A-Za-z0-9]/, /[0-9]/);
  if (environment?.account !== undefined) out = pinned(out, environment.account, ACCOUNT, /[0-9]/, /[0-9]/);
  return out;
}

/**
 * Values of these (type, attribute) pairs (`''` for `Ref`) are names or IDs that hold no `/` or
 * `:` (bucket, table, stream, function and cluster names, key and file-system IDs, queue and topic
 * names): within an ARN they are one segment. Log group and repository names may hold `/`.
 */
const SEGMENT_VALUES: ReadonlyMap<string, readonly string[]> = new Map([
  ['AWS::S3::Bucket', ['']],
  ['AWS::DynamoDB::Table', ['']],
  ['AWS::DynamoDB::GlobalTable', ['']],
  ['AWS::KMS::Key', ['', 'KeyId']],
  ['AWS::Kinesis::Stream', ['']],
  ['AWS::Lambda::Function', ['']],
  ['AWS::SQS::Queue', ['QueueName']],
  ['AWS::SNS::Topic', ['TopicName']],
  ['AWS::ECS::Cluster', ['']],
  ['AWS::EFS::FileSystem', ['', 'FileSystemId']],
]);

/**
 * How resource-match reads a placeholder whose value is one ARN segment (see
 * patternMayMatchFormat): like `${AWS::Region}`, it cannot take an ARN's `/` or `:`.
 */
export const SEGMENT_VALUE = '${fargate-warden:segment}';

/**
 * `resource` (as canonicalResource spells it) with placeholders whose value is one ARN segment
 * written as SEGMENT_VALUE, for asking which resource types it may name: `arn:aws:s3:::${Bucket}/*`
 * names objects only, as a bucket name holds no `/` (otherwise the placeholder could stand for
 * `:accesspoint/x`, and `s3:ListBucket` would seem to apply to it).
 */
export function segmentsMarked(resource: string, typeOf: TypeOfLogicalId): string {
  if (!resource.includes('${')) return resource;
  return replaceResourcePlaceholders(resource, typeOf, (_id, type, attribute) => (SEGMENT_VALUES.get(type)?.includes(attribute ?? '') === true ? SEGMENT_VALUE : undefined));
}

/**
 * `resource` with each `${LogicalId}` or `${LogicalId.Attribute}` of a resource the template
 * declares replaced by `spell`'s answer, kept as written where it has none. Policy variables
 * (`${aws:username}`) and undeclared names are kept.
 */
function replaceResourcePlaceholders(resource: string, typeOf: TypeOfLogicalId, spell: (id: string, type: string, attribute: string | undefined) => string | undefined): string {
  return resource.replace(PLACEHOLDER, (whole, name: string) => {
    const dot = name.indexOf('.');
    const id = dot === -1 ? name : name.slice(0, dot);
    if (!LOGICAL_ID.test(id)) return whole;
    const type = typeOf(id);
    return type === undefined ? whole : spell(id, type, dot === -1 ? undefined : name.slice(dot + 1)) ?? whole;
  });
}

/**
 * `value` as `placeholder` wherever it stands alone: an ARN's region or account field, or a part of
 * a name (`-111122223333-eu-west-1`), not digits of a longer number (`1111222233334`) or the tail
 * of a longer word. `eu-west-1a`, an AZ of the region, is `${AWS::Region}a` as `!Sub` would write it.
 */
function pinned(resource: string, value: string, placeholder: string, notBefore: RegExp, notAfter: RegExp): string {
  if (!resource.includes(value)) return resource;
  let out = '';
  let from = 0;
  for (let at = resource.indexOf(value); at !== -1; at = resource.indexOf(value, at + 1)) {
    if (at < from) continue;
    const end = at + value.length;
    if ((at > 0 && notBefore.test(resource[at - 1]!)) || (end < resource.length && notAfter.test(resource[end]!))) continue;
    out += resource.slice(from, at) + placeholder;
    from = end;
  }
  return out + resource.slice(from);
}
