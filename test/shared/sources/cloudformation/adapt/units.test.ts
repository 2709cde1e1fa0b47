// Adapter behaviour on hand-built resolved templates: the cases the parser cannot easily produce
// (unknown values in odd places, cross-file references) and the normalisation tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adaptTemplates } from '../../../../../src/shared/sources/cloudformation/index.ts';
import { normaliseProtocol } from '../../../../../src/shared/sources/cloudformation/adapt/security-groups.ts';
import { normaliseEndpointService } from '../../../../../src/shared/sources/cloudformation/adapt/endpoints.ts';
import { canonicalJson, canonicalJsonOf, fromJson, toJson } from '../../../../../src/shared/sources/cloudformation/adapt/common.ts';
import { template } from './build.ts';

test('protocols normalise from numbers, names and case', () => {
  const p = (value: string | number) => normaliseProtocol({ kind: typeof value === 'number' ? 'number' : 'string', value, loc: { line: 1, column: 1, path: '', range: { start: 0, end: 0 } } } as never).protocol;
  assert.equal(p(-1), 'all');
  assert.equal(p('-1'), 'all');
  assert.equal(p('all'), 'all');
  assert.equal(p('6'), 'tcp');
  assert.equal(p('TCP'), 'tcp');
  assert.equal(p(17), 'udp');
  assert.equal(p('1'), 'icmp');
  assert.equal(p('58'), 'icmpv6');
  assert.equal(p('50'), '50');
  assert.equal(normaliseProtocol(undefined).protocol, 'unknown');
});

test('endpoint service names normalise to the short AWS name', () => {
  assert.equal(normaliseEndpointService('com.amazonaws.eu-west-1.ecr.api'), 'ecr.api');
  assert.equal(normaliseEndpointService('com.amazonaws.${AWS::Region}.s3'), 's3');
  assert.equal(normaliseEndpointService('com.amazonaws.us-gov-west-1.logs'), 'logs');
  assert.equal(normaliseEndpointService('cn.com.amazonaws.cn-north-1.ecr.dkr'), 'ecr.dkr');
  assert.equal(normaliseEndpointService('com.amazonaws.vpce.us-east-1.vpce-svc-0123'), 'com.amazonaws.vpce.us-east-1.vpce-svc-0123');
  assert.equal(normaliseEndpointService('aws.sagemaker.us-east-1.notebook'), 'aws.sagemaker.us-east-1.notebook');
});

test('canonical JSON sorts keys at every level', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
});

test('canonical JSON of a resolved value is that of its plain copy, array-index keys included', () => {
  const loc = { line: 1, column: 1, path: 'Condition', range: { start: 0, end: 0 } };
  for (const value of [
    { StringEquals: { 'aws:SourceAccount': '123', 'aws:SourceArn': ['b', 'a'] }, Bool: { 'aws:SecureTransport': false } },
    { b: { 10: 1, 9: 2, a: 3 }, a: [{ 2: null, '-1': 1 }] },
    ['x', 1, true, null, {}],
  ]) {
    const resolved = fromJson(value, loc);
    assert.equal(canonicalJsonOf(resolved), canonicalJson(toJson(resolved)));
  }
  assert.equal(canonicalJsonOf(fromJson({ b: { 10: 1, 9: 2 } }, loc)), '{"b":{"10":1,"9":2}}');
});

test('references across files, unknown lists and mismatched types', () => {
  const network = template({
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x', VpcId: { Ref: 'Vpc' } } },
  }, 'network.yaml');
  const app = template({
    Ingress: {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: { GroupId: { $import: ['network.yaml', 'Sg', 'GroupId'] }, IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '10.0.0.0/8' },
    },
    Orphan: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: 'sg-0abc', IpProtocol: -1, CidrIp: '0.0.0.0/0' } },
    Service: {
      Type: 'AWS::ECS::Service',
      Properties: {
        TaskDefinition: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/x:1',
        LaunchType: 'FARGATE',
        NetworkConfiguration: { AwsvpcConfiguration: { Subnets: { $unknown: 'parameter Subnets has no default' }, SecurityGroups: [{ 'Fn::GetAtt': ['Vpc', 'DefaultSecurityGroup'] }] } },
      },
    },
  }, 'app.yaml');
  // `Vpc` is not in app.yaml: the GetAtt above is a dangling reference there.
  const infra = adaptTemplates([network, app]);
  const sg = infra.securityGroups.find((g) => g.logicalId === 'Sg');
  assert.ok(sg);
  const standalone = sg.rules.filter((r) => r.standaloneId !== undefined);
  assert.equal(standalone.length, 1);
  assert.equal(standalone[0].standaloneId, 'app.yaml#Ingress');
  assert.deepEqual(standalone[0].peer, { kind: 'cidr4', cidr: '10.0.0.0/8' });
  // A rule on a group given by ID goes to that group's stand-in, not to the unresolved list.
  const outside = infra.securityGroups.find((g) => g.id === 'sg-0abc');
  assert.ok(outside);
  assert.equal(outside.external, true);
  assert.deepEqual(outside.rules.map((r) => r.standaloneId), ['app.yaml#Orphan']);
  assert.equal(infra.unresolved.some((u) => u.path === 'Resources.Orphan'), false);

  const service = infra.services[0];
  assert.equal(service.subnets.known, false);
  assert.equal(service.subnets.reason, 'parameter Subnets has no default');
  assert.equal(service.taskDefinition.kind, 'external');
  assert.equal(service.securityGroups.items[0].kind, 'unknown');
  assert.equal(service.fargate, true);
  assert.equal(infra.resources.length, 5);
});

test('a reference to the VPC default security group is not the VPC', () => {
  const t = template({
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    Service: {
      Type: 'AWS::ECS::Service',
      Properties: { TaskDefinition: 'td', NetworkConfiguration: { AwsvpcConfiguration: { SecurityGroups: [{ 'Fn::GetAtt': ['Vpc', 'DefaultSecurityGroup'] }] } } },
    },
  });
  const [ref] = adaptTemplates([t]).services[0].securityGroups.items;
  assert.equal(ref.kind, 'unknown');
  assert.match(ref.kind === 'unknown' ? ref.reason : '', /Vpc\.DefaultSecurityGroup.*AWS::EC2::VPC/);
});

test('role ARN built with Sub points at the role', () => {
  const t = template({
    TaskRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [] } } },
    Td: {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        TaskRoleArn: { $sub: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${TaskRole}', refs: ['TaskRole'] },
        ExecutionRoleArn: 'arn:aws:iam::111122223333:role/ecsTaskExecutionRole',
        ContainerDefinitions: [],
      },
    },
  });
  const td = adaptTemplates([t]).taskDefinitions[0];
  assert.deepEqual(td.taskRole && { kind: td.taskRole.kind, id: td.taskRole.kind === 'resource' ? td.taskRole.id : '' }, { kind: 'resource', id: 'template.yaml#TaskRole' });
  assert.equal(td.executionRole?.kind, 'external');
});

test('unknown rule lists and unknown egress do not invent implicit egress', () => {
  const t = template({
    Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { SecurityGroupIngress: { $unknown: 'condition IsProd is unknown' }, SecurityGroupEgress: { $unknown: 'condition IsProd is unknown' } } },
  });
  const sg = adaptTemplates([t]).securityGroups[0];
  assert.equal(sg.implicitEgress, false);
  assert.equal(sg.rules.length, 2);
  for (const rule of sg.rules) {
    assert.equal(rule.protocol, 'unknown');
    assert.equal(rule.portsKnown, false);
    assert.deepEqual(rule.peer, { kind: 'unknown', reason: 'condition IsProd is unknown' });
  }
});

test('scalable target by literal service name and by reference', () => {
  const t = template({
    Cluster: { Type: 'AWS::ECS::Cluster', Properties: { ClusterName: 'prod' } },
    A: { Type: 'AWS::ECS::Service', Properties: { ServiceName: 'api', Cluster: { Ref: 'Cluster' }, TaskDefinition: 'x' } },
    B: { Type: 'AWS::ECS::Service', Properties: { Cluster: { Ref: 'Cluster' }, TaskDefinition: 'x' } },
    TargetA: { Type: 'AWS::ApplicationAutoScaling::ScalableTarget', Properties: { ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount', ResourceId: 'service/prod/api', MaxCapacity: 10, MinCapacity: 1 } },
    TargetB: { Type: 'AWS::ApplicationAutoScaling::ScalableTarget', Properties: { ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount', ResourceId: { $sub: 'service/${Cluster}/${B.Name}', refs: ['Cluster', 'B'] }, MaxCapacity: '4' } },
    Other: { Type: 'AWS::ApplicationAutoScaling::ScalableTarget', Properties: { ServiceNamespace: 'dynamodb', ResourceId: 'table/x', MaxCapacity: 99 } },
  });
  const infra = adaptTemplates([t]);
  const max = (id: string) => {
    const m = infra.services.find((s) => s.logicalId === id)?.maxCount;
    return m?.known === true ? m.value : undefined;
  };
  assert.equal(max('A'), 10);
  assert.equal(max('B'), 4);
  assert.equal(infra.unresolved.length, 0);
});

test('launch type defaults come from the cluster', () => {
  const t = template({
    Plain: { Type: 'AWS::ECS::Cluster', Properties: {} },
    WithDefault: { Type: 'AWS::ECS::Cluster', Properties: { DefaultCapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }] } },
    Assoc: { Type: 'AWS::ECS::Cluster', Properties: {} },
    Association: { Type: 'AWS::ECS::ClusterCapacityProviderAssociations', Properties: { Cluster: { Ref: 'Assoc' }, CapacityProviders: ['FARGATE'], DefaultCapacityProviderStrategy: [{ CapacityProvider: 'FARGATE' }] } },
    OnPlain: { Type: 'AWS::ECS::Service', Properties: { Cluster: { Ref: 'Plain' }, TaskDefinition: 'x' } },
    OnDefault: { Type: 'AWS::ECS::Service', Properties: { Cluster: { Ref: 'WithDefault' }, TaskDefinition: 'x' } },
    OnAssoc: { Type: 'AWS::ECS::Service', Properties: { Cluster: { Ref: 'Assoc' }, TaskDefinition: 'x' } },
    OnExternal: { Type: 'AWS::ECS::Service', Properties: { Cluster: 'prod', TaskDefinition: 'x' } },
    Strategy: { Type: 'AWS::ECS::Service', Properties: { CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE' }, { CapacityProvider: 'FARGATE_SPOT' }], TaskDefinition: 'x' } },
  });
  const services = new Map(adaptTemplates([t]).services.map((s) => [s.logicalId, s]));
  const lt = (id: string) => {
    const a = services.get(id)?.launchType;
    return a?.known === true ? `${a.value}${a.source.explicit ? '' : ' (default)'}` : 'unknown';
  };
  assert.equal(lt('OnPlain'), 'EC2 (default)');
  assert.equal(services.get('OnPlain')?.fargate, false);
  assert.equal(lt('OnDefault'), 'capacity-provider:FARGATE_SPOT (default)');
  assert.equal(services.get('OnDefault')?.fargate, true);
  assert.equal(lt('OnAssoc'), 'capacity-provider:FARGATE (default)');
  assert.equal(lt('OnExternal'), 'unknown');
  assert.equal(services.get('OnExternal')?.fargate, 'unknown');
  assert.equal(lt('Strategy'), 'capacity-provider:FARGATE,FARGATE_SPOT');
  assert.equal(services.get('Strategy')?.fargate, true);
});

test('a throwing adapter becomes an error and the rest is still adapted', () => {
  const t = template({
    Good: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    Bad: { Type: 'AWS::EC2::Subnet', Properties: {} },
  });
  // Sabotage: a resolver bug could hand over a Map-less object.
  const bad = t.resources.get('Bad');
  assert.ok(bad);
  (bad as { properties: unknown }).properties = { kind: 'object', entries: null, loc: bad.loc };
  const infra = adaptTemplates([t]);
  assert.equal(infra.vpcs.length, 1);
  assert.equal(infra.errors.length, 1);
  assert.match(infra.errors[0].message, /internal error reading Bad/);
});

test('an unknown network block claims no defaults', () => {
  const t = template({
    Service: { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: 'x', LaunchType: 'FARGATE', NetworkConfiguration: { $unknown: 'condition UseVpc is unknown' } } },
  });
  const s = adaptTemplates([t]).services[0];
  assert.equal(s.assignPublicIp.known, false);
  assert.equal(s.subnets.known, false);
  assert.equal(s.securityGroups.known, false);
  assert.equal(s.securityGroups.reason, 'condition UseVpc is unknown');
});
