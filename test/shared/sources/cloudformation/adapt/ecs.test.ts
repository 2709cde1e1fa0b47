import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byLogicalId, lineOf, load, target, value } from './fixtures.ts';
import { defaultConfig } from '../../../../../src/shared/config/index.ts';
import { scan } from '../../../../../src/shared/engine.ts';
import { loadIamCatalog } from '../../../../../src/shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../../../../../src/shared/io/managed-policies.ts';

const FILE = 'ecs-service.yaml';
const infra = load(FILE);

test('service with every attribute set', () => {
  const s = byLogicalId(infra.services, 'Service');
  assert.equal(s.key, 'orders-api');
  assert.equal(s.serviceName, 'orders-api');
  assert.equal(target(s.cluster), 'Cluster');
  assert.equal(target(s.taskDefinition), 'TaskDef');
  assert.equal(value(s.launchType), 'FARGATE');
  assert.equal(s.fargate, true);
  assert.equal(value(s.desiredCount), 3);
  assert.equal(s.desiredCount.source.explicit, true);
  assert.equal(value(s.enableExecuteCommand), true);
  assert.equal(value(s.assignPublicIp), true);
  assert.equal(s.assignPublicIp.source.line, lineOf(FILE, 'AssignPublicIp: ENABLED'));
  assert.deepEqual(s.subnets.items.map(target), ['ext:subnet-0aaa', 'ext:subnet-0bbb']);
  assert.deepEqual(s.securityGroups.items.map(target), ['ext:sg-0123']);
  assert.equal(s.securityGroups.source.explicit, true);
  assert.equal(s.loadBalancers.length, 1);
  assert.equal(target(s.loadBalancers[0].targetGroup), 'TargetGroup');
  assert.equal(s.loadBalancers[0].containerName, 'api');
  assert.equal(s.loadBalancers[0].containerPort, 8080);
  assert.equal(value(s.maxCount), 12, 'ScalableTarget ResourceId joins the service Name');
  assert.equal(s.source.line, lineOf(FILE, '  Service:'));
  assert.equal(s.source.path, 'Resources.Service');
});

test('service relying on defaults', () => {
  const s = byLogicalId(infra.services, 'Defaults');
  assert.equal(s.key, 'Defaults', 'no ServiceName and no CDK path: the logical ID');
  assert.equal(s.serviceName, undefined);
  assert.equal(value(s.launchType), 'capacity-provider:FARGATE_SPOT');
  assert.equal(s.fargate, true);
  assert.equal(value(s.desiredCount), 1);
  assert.equal(s.desiredCount.source.explicit, false);
  assert.equal(s.desiredCount.source.line, lineOf(FILE, '  Defaults:'));
  assert.equal(value(s.enableExecuteCommand), false);
  assert.equal(s.enableExecuteCommand.source.explicit, false);
  assert.equal(value(s.assignPublicIp), false);
  assert.equal(s.assignPublicIp.source.explicit, false);
  assert.equal(s.securityGroups.known, true);
  assert.deepEqual(s.securityGroups.items, []);
  assert.equal(s.securityGroups.source.explicit, false);
  assert.equal(s.subnets.known, false, 'a List parameter without default');
  assert.equal(s.maxCount, undefined);
  assert.equal(s.loadBalancers.length, 0);
});

test('task sets are not services', () => {
  assert.equal(infra.services.length, 2);
  assert.ok(infra.resources.some((r) => r.type === 'AWS::ECS::TaskSet'));
});

test('cluster container insights', () => {
  const c = byLogicalId(infra.clusters, 'Cluster');
  assert.equal(c.name, 'orders');
  assert.equal(value(c.containerInsights), true);
});

test('task definition roles by GetAtt Arn and by Ref', () => {
  const td = byLogicalId(infra.taskDefinitions, 'TaskDef');
  assert.equal(td.family, 'orders-api');
  assert.equal(value(td.networkMode), 'awsvpc');
  assert.deepEqual(td.requiresCompatibilities, ['FARGATE']);
  assert.equal(target(td.taskRole), 'TaskRole');
  assert.equal(target(td.executionRole), 'ExecutionRole');
});

test('container registries', () => {
  const td = byLogicalId(infra.taskDefinitions, 'TaskDef');
  const registry = Object.fromEntries(td.containers.map((c) => [c.name, c.registry]));
  assert.deepEqual(registry, { api: 'ecr-private', sidecar: 'ecr-private', envoy: 'ecr-public', hub: 'other', mystery: 'unknown' });
  const api = td.containers[0];
  assert.equal(value(api.image), '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/orders-api:1.4.2');
  const mystery = td.containers[4];
  assert.equal(mystery.image.known, false);
});

test('container logs, ports and environment files', () => {
  const api = byLogicalId(infra.taskDefinitions, 'TaskDef').containers[0];
  assert.equal(value(api.logDriver), 'awslogs');
  assert.equal(api.logOptions['awslogs-group'], '/ecs/orders');
  assert.equal(api.logOptions['awslogs-stream-prefix'], 'api');
  assert.ok(api.logOptions['awslogs-region'] !== undefined);
  assert.deepEqual(api.portMappings.map((p) => [p.containerPort, p.protocol]), [[8080, 'tcp'], [9090, 'udp']]);
  assert.deepEqual(api.environmentFiles.map(value), ['arn:aws:s3:::orders-config/api.env']);
});

test('secret stores and customer-managed keys', () => {
  const api = byLogicalId(infra.taskDefinitions, 'TaskDef').containers[0];
  const secrets = Object.fromEntries(api.secrets.map((s) => [s.name, s]));
  assert.equal(secrets.DB_PASSWORD.store, 'secretsmanager');
  assert.equal(target(secrets.DB_PASSWORD.resource), 'DbSecret');
  assert.equal(target(secrets.DB_PASSWORD.kmsKey), 'DbKey');
  assert.equal(secrets.API_KEY.store, 'secretsmanager');
  assert.equal(secrets.API_KEY.resource, undefined);
  assert.equal(secrets.FLAGS.store, 'ssm');
  assert.equal(target(secrets.FLAGS.resource), 'FlagParam');
  assert.equal(secrets.REGION_CONFIG.store, 'ssm');
  assert.equal(secrets.PATH_CONFIG.store, 'ssm');
  assert.equal(secrets.SSM_ARN.store, 'ssm');
  assert.equal(secrets.DB_HOST.store, 'secretsmanager', 'CDK joins the secret ARN with a JSON key');
  assert.equal(target(secrets.DB_HOST.resource), 'PlainSecret');
  assert.equal(secrets.DB_HOST.kmsKey, undefined, 'alias/aws/secretsmanager is AWS managed');

  const hub = byLogicalId(infra.taskDefinitions, 'TaskDef').containers[3];
  assert.equal(hub.repositoryCredentials?.store, 'secretsmanager');
  assert.equal(value(hub.repositoryCredentials?.valueFrom), 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:dockerhub-AbCdEf');
});

test('secret resources', () => {
  const db = byLogicalId(infra.secrets, 'DbSecret');
  assert.equal(db.store, 'secretsmanager');
  assert.equal(db.name, 'orders/db');
  assert.equal(target(db.kmsKey), 'DbKey');
  assert.equal(byLogicalId(infra.secrets, 'PlainSecret').kmsKey, undefined);
  const param = byLogicalId(infra.secrets, 'FlagParam');
  assert.equal(param.store, 'ssm');
  assert.equal(param.name, '/orders/flags');
});

test('the unresolved parameters are listed once', () => {
  const keys = infra.unresolved.map((u) => `${u.file}:${u.line}:${u.path}:${u.reason}`);
  assert.equal(new Set(keys).size, keys.length);
  assert.ok(infra.unresolved.some((u) => u.path.includes('AwsvpcConfiguration.Subnets')), JSON.stringify(infra.unresolved));
});

test('every declared resource is listed', () => {
  assert.equal(infra.resources.length, 14);
  const repo = infra.resources.find((r) => r.logicalId === 'Repo');
  assert.equal(repo?.type, 'AWS::ECR::Repository');
  assert.equal(infra.stacks.length, 1);
  assert.equal(infra.stacks[0].format, 'cloudformation-yaml');
  assert.ok(infra.stacks[0].text.includes('orders-api'));
  assert.deepEqual(infra.errors, []);
});

test('a log driver\'s secret options are secrets the agent reads at start-up, like `Secrets`', () => {
  const text = `Resources:
  ExecRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy]
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      ExecutionRoleArn: !GetAtt ExecRole.Arn
      ContainerDefinitions:
        - Name: app
          Image: public.ecr.aws/nginx/nginx:latest
          LogConfiguration:
            LogDriver: splunk
            Options: {splunk-url: 'https://splunk.example.com:8088'}
            SecretOptions:
              - Name: splunk-token
                ValueFrom: arn:aws:secretsmanager:eu-west-1:123456789012:secret:splunk-AbCdEf
  Service:
    Type: AWS::ECS::Service
    Properties:
      LaunchType: FARGATE
      TaskDefinition: !Ref TaskDef
`;
  const result = scan([{ path: 'splunk.yaml', text }], { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() }, defaultConfig());
  const [secret] = result.posture.infra.taskDefinitions[0]!.containers[0]!.secrets;
  assert.equal(secret?.name, 'log option splunk-token');
  assert.equal(secret?.store, 'secretsmanager');
  assert.equal(secret?.source.line, text.split('\n').findIndex((l) => l.includes('- Name: splunk-token')) + 1);
  const fw107 = result.findings.filter((f) => f.ruleId === 'FW107');
  assert.equal(fw107.length, 1, 'the managed execution policy reads no secret');
  assert.match(fw107[0]!.message, /log option splunk-token/);
  assert.ok(result.posture.services[0]!.needs.some((n) => n.service === 'secretsmanager' && n.kind === 'startup'));
});
