import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InfraIndex } from '../../../src/shared/analysis/infra-index.ts';
import { ecrRepositoryArn, registryHost, serviceNeeds } from '../../../src/shared/analysis/needs.ts';
import { actionCallsEndpoint, endpointsForIamPrefix } from '../../../src/shared/analysis/endpoint-services.ts';
import type { Container, EffectivePermissions, Infra, Policy, PolicyDocument, Role } from '../../../src/shared/model/index.ts';
import { computePermissions } from '../../../src/shared/analysis/permissions.ts';
import { loadIamCatalog } from '../../../src/shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../../../src/shared/io/managed-policies.ts';
import { entity, external, infra, known, ref, src } from '../../support/model.ts';
import { compose, container, id, permissions, secretRef, service, taskDefinition } from '../../support/network.ts';

function needsOf(containers: Container[], opts: { exec?: boolean; perms?: Map<string, EffectivePermissions>; extra?: Partial<Infra> } = {}): string[] {
  const infra = compose({ taskDefinitions: [taskDefinition('TaskDef', containers, { taskRole: 'TaskRole' })], services: [service('Api', { exec: opts.exec })] }, opts.extra ?? {});
  const index = new InfraIndex(infra);
  return serviceNeeds(infra.services[0]!, infra.taskDefinitions[0], index, opts.perms ?? new Map())
    .map((n) => `${n.service} ${n.kind} ${n.reason}`);
}

const SM = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf';

describe('serviceNeeds: task definition and service', () => {
  const cases: [string, Container[], { exec?: boolean; extra?: Partial<Infra> }, string[]][] = [
    ['private ECR image', [container()], {}, [
      'ecr.api startup private ECR image', 'ecr.dkr startup private ECR image', 's3 startup private ECR image layers',
    ]],
    ['awslogs', [container({ registry: 'other', image: 'nginx:1.27', logDriver: 'awslogs' })], {}, [
      'docker.io startup image from docker.io (no VPC endpoint)', 'logs startup awslogs log driver',
    ]],
    ['firelens needs nothing of its own', [container({ registry: 'other', image: 'ghcr.io/org/app:1', logDriver: 'awsfirelens' })], {}, [
      'ghcr.io startup image from ghcr.io (no VPC endpoint)',
    ]],
    ['ECR Public', [container({ registry: 'ecr-public', image: 'public.ecr.aws/nginx/nginx:1' })], {}, [
      'public.ecr.aws startup image from public.ecr.aws (no VPC endpoint)',
    ]],
    ['unknown registry needs nothing we can name', [container({ registry: 'unknown' })], {}, []],
    // A customer managed key is no need of its own: the secret store calls KMS on the caller's behalf.
    ['secrets from Secrets Manager and SSM, customer KMS key', [container({
      registry: 'unknown',
      secrets: [secretRef('DB', 'secretsmanager', `${SM}:password::`, 'Key'), secretRef('FLAG', 'ssm', '/app/flag')],
    })], {}, [
      'secretsmanager startup secrets from Secrets Manager', 'ssm startup secrets from SSM Parameter Store',
    ]],
    ['a KMS key found through the in-template secret', [container({
      registry: 'unknown',
      secrets: [{ ...secretRef('DB', 'secretsmanager', '${DbSecret}'), resource: { kind: 'resource', id: 'template.yaml#DbSecret', source: entity('x').source } }],
    })], { extra: { secrets: [{ ...entity('DbSecret'), store: 'secretsmanager', kmsKey: { kind: 'resource', id: 'template.yaml#Key', source: entity('x').source } }] } }, [
      'secretsmanager startup secrets from Secrets Manager',
    ]],
    ['repository credentials', [container({ registry: 'other', image: 'registry.example.com/app:1', repositoryCredentials: secretRef('creds', 'secretsmanager', SM) })], {}, [
      'registry.example.com startup image from registry.example.com (no VPC endpoint)', 'secretsmanager startup private registry credentials',
    ]],
    ['environment files', [container({ registry: 'unknown', environmentFiles: ['arn:aws:s3:::cfg/app.env'] })], {}, ['s3 startup environment files']],
    ['ECS Exec', [container({ registry: 'unknown' })], { exec: true }, ['ssmmessages runtime ECS Exec']],
    ['two containers share one need', [container({ name: 'a', logDriver: 'awslogs' }), container({ name: 'b', logDriver: 'awslogs' })], {}, [
      'ecr.api startup private ECR image', 'ecr.dkr startup private ECR image', 's3 startup private ECR image layers', 'logs startup awslogs log driver',
    ]],
  ];
  for (const [name, containers, opts, expected] of cases) {
    it(name, () => assert.deepEqual(needsOf(containers, opts), expected));
  }
});

describe('serviceNeeds: task role permissions', () => {
  const none = [container({ registry: 'unknown' })];
  it('maps explicitly named prefixes to endpoint names', () => {
    const perms = permissions('TaskRole', [
      ['dynamodb:GetItem', 'arn:aws:dynamodb:us-east-1:1:table/t'],
      ['sqs:SendMessage', '*'],
      ['cloudwatch:PutMetricData', '*'],
      ['kinesis:PutRecord', '*'],
      ['ecr:DescribeImages', '*'],
      ['sts:AssumeRole', 'arn:aws:iam::1:role/x'],
    ]);
    assert.deepEqual(needsOf(none, { perms }), [
      'monitoring runtime task role permissions (cloudwatch)',
      'dynamodb runtime task role permissions (dynamodb)',
      'ecr.api runtime task role permissions (ecr)',
      'kinesis-streams runtime task role permissions (kinesis)',
      'sqs runtime task role permissions (sqs)',
      'sts runtime task role permissions (sts)',
    ]);
  });
  it('services without an endpoint say so', () => {
    const perms = permissions('TaskRole', [['iam:GetRole', '*'], ['route53:ChangeResourceRecordSets', '*']]);
    assert.deepEqual(needsOf(none, { perms }), [
      'iam runtime task role permissions (iam); iam has no VPC endpoint',
      'route53 runtime task role permissions (route53); route53 has no VPC endpoint',
    ]);
  });
  it('skips grants from the bare * pattern and from NotAction patterns naming another service', () => {
    const perms = permissions('TaskRole', [
      ['s3:GetObject', '*', '*'], ['ec2:DescribeInstances', '*', 'NOT iam:*'], ['sqs:GetQueueUrl', '*', '*:Get*'], ['sns:Publish', '*', 'sns:*'],
    ]);
    assert.deepEqual(needsOf(none, { perms }), ['sns runtime task role permissions (sns)']);
  });
  it('skips actions that make no call (PassRole, rds-db:connect)', () => {
    const perms = permissions('TaskRole', [['iam:PassRole', '*'], ['rds-db:connect', '*']]);
    assert.deepEqual(needsOf(none, { perms }), []);
  });
  it('skips actions the catalog does not know', () => {
    const perms = permissions('TaskRole', [['sqss:SendMessage', '*']]);
    perms.get(id('TaskRole'))!.grants[0]!.accessLevel = 'Unknown';
    assert.deepEqual(needsOf(none, { perms }), []);
  });
  it('uses only the task role', () => {
    const perms = permissions('OtherRole', [['sqs:SendMessage', '*']]);
    assert.deepEqual(needsOf(none, { perms }), []);
  });
});

describe('serviceNeeds: task role permissions in any order', () => {
  const catalog = loadIamCatalog();
  const managed = loadManagedPolicies();
  const none = [container({ registry: 'unknown' })];
  const QUEUE = 'arn:aws:sqs:eu-west-1:123456789012:jobs';
  const EC2_READ_ONLY = 'arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess';

  const policyDoc = (name: string, action: string, resource: string, line: number): PolicyDocument => ({
    name,
    statements: [{ effect: 'Allow', actions: [known(action, line)], resources: [known(resource, line)], source: src(line) }],
    source: src(line),
  });
  const admin = policyDoc('admin', '*', '*', 30);
  const adminPolicy: Policy = { ...entity('Admin'), kind: 'managed', name: 'Admin', roles: [], document: admin };

  /** The needs of a service whose task role is `parts`: service, reason and the calls each must let through. */
  function needsWith(parts: Partial<Role>): string[] {
    const taskRole: Role = { ...entity('TaskRole'), inlinePolicies: [], managedPolicies: [], ...parts };
    const model = infra({ roles: [taskRole], policies: [adminPolicy] });
    const perms = computePermissions(model, new InfraIndex(model), catalog, managed);
    const infraWithService = compose({ taskDefinitions: [taskDefinition('TaskDef', none, { taskRole: 'TaskRole' })], services: [service('Api')] });
    return serviceNeeds(infraWithService.services[0]!, infraWithService.taskDefinitions[0], new InfraIndex(infraWithService), perms).map((n) => {
      const requests = n.policy.kind === 'ecr-layers' ? [] : n.policy.requests.map((r) => `${r.action} ${r.resource ?? '*'}`).sort();
      return `${n.service} ${n.kind} ${n.reason}: ${requests.join(', ')}`;
    });
  }

  for (const resource of ['*', QUEUE]) {
    it(`an Allow * before or after a statement that names sqs (on ${resource}): the task needs sqs for that statement`, () => {
      const send = policyDoc('send', 'sqs:SendMessage', resource, 20);
      const sendFirst = needsWith({ inlinePolicies: [send, admin] });
      assert.deepEqual(sendFirst, [`sqs runtime task role permissions (sqs): sqs:SendMessage ${resource}`]);
      assert.deepEqual(needsWith({ inlinePolicies: [admin, send] }), sendFirst);
      assert.deepEqual(needsWith({ inlinePolicies: [send] }), sendFirst, 'the same as without the Allow *');
    });
  }

  it('an Allow * alone names no service', () => {
    assert.deepEqual(needsWith({ inlinePolicies: [admin] }), []);
    assert.deepEqual(needsWith({ managedPolicies: [ref('Admin')] }), []);
  });

  it('an Allow * in any policy, before or after an AWS managed policy, keeps the services the managed policy names', () => {
    const alone = needsWith({ managedPolicies: [external(EC2_READ_ONLY)] });
    for (const prefix of ['ec2', 'autoscaling', 'cloudwatch', 'elasticloadbalancing']) {
      assert.ok(alone.some((n) => n.includes(`task role permissions (${prefix})`)), prefix);
    }
    assert.deepEqual(needsWith({ inlinePolicies: [admin], managedPolicies: [external(EC2_READ_ONLY)] }), alone);
    assert.deepEqual(needsWith({ managedPolicies: [ref('Admin'), external(EC2_READ_ONLY)] }), alone);
    assert.deepEqual(needsWith({ managedPolicies: [external(EC2_READ_ONLY), ref('Admin')] }), alone);
  });
});

describe('endpoint-services', () => {
  const cases: [string, string[], boolean][] = [
    ['ecr', ['ecr.api'], false], ['cloudwatch', ['monitoring'], false], ['kinesis', ['kinesis-streams'], false],
    ['es', ['es'], false], ['execute-api', ['execute-api'], false], ['elasticfilesystem', ['elasticfilesystem'], false],
    ['s3', ['s3'], false], ['dynamodb', ['dynamodb'], false], ['sts', ['sts'], false], ['states', ['states'], false],
    ['iam', [], true], ['route53', [], true], ['cloudfront', [], true],
  ];
  for (const [prefix, endpoints, noEndpoint] of cases) {
    it(`${prefix} → ${endpoints.join(',') || '(none)'}`, () => assert.deepEqual(endpointsForIamPrefix(prefix), { endpoints, noEndpoint }));
  }
  it('actionCallsEndpoint', () => {
    assert.equal(actionCallsEndpoint('iam:PassRole'), false);
    assert.equal(actionCallsEndpoint('rds-db:connect'), false);
    assert.equal(actionCallsEndpoint('iam:GetRole'), true);
  });
});

describe('image helpers', () => {
  it('registryHost', () => {
    assert.equal(registryHost('nginx:1'), 'docker.io');
    assert.equal(registryHost('library/nginx'), 'docker.io');
    assert.equal(registryHost('ghcr.io/org/app:1'), 'ghcr.io');
    assert.equal(registryHost('localhost:5000/app'), 'localhost:5000');
  });
  it('ecrRepositoryArn', () => {
    assert.equal(ecrRepositoryArn('123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api:1.0'), 'arn:aws:ecr:us-east-1:123456789012:repository/team/api');
    assert.equal(ecrRepositoryArn('123456789012.dkr.ecr.us-east-1.amazonaws.com/api@sha256:abc'), 'arn:aws:ecr:us-east-1:123456789012:repository/api');
    assert.equal(ecrRepositoryArn('nginx'), undefined);
  });
});
