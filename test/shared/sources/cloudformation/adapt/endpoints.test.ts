import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byLogicalId, lineOf, load, target, value } from './fixtures.ts';
import { loadInfra } from '../../../../../src/shared/sources/index.ts';

const FILE = 'endpoints.yaml';
const infra = load(FILE);

test('interface endpoint from Sub: normalised name, explicit private DNS', () => {
  const e = byLogicalId(infra.vpcEndpoints, 'EcrApi');
  assert.equal(value(e.service), 'ecr.api');
  assert.equal(value(e.serviceNameRaw), 'com.amazonaws.${AWS::Region}.ecr.api');
  assert.equal(e.type, 'Interface');
  assert.equal(value(e.privateDns), true);
  assert.equal(e.privateDns.source.explicit, true);
  assert.deepEqual(e.subnets.items.map(target), ['ext:subnet-0aaa', 'ext:subnet-0bbb']);
  assert.deepEqual(e.securityGroups.items.map(target), ['EndpointSg']);
  assert.equal(target(e.vpc), 'ext:vpc-0abc');
  assert.equal(e.policy, undefined);
});

test('interface endpoint from Join, private DNS absent defaults to false', () => {
  const e = byLogicalId(infra.vpcEndpoints, 'Logs');
  assert.equal(value(e.service), 'logs');
  assert.equal(value(e.privateDns), false);
  assert.equal(e.privateDns.source.explicit, false);
  assert.equal(e.privateDns.source.line, lineOf(FILE, '  Logs:'));
});

test('type absent defaults to Gateway; route tables and policy', () => {
  const e = byLogicalId(infra.vpcEndpoints, 'S3');
  assert.equal(value(e.service), 's3');
  assert.equal(e.type, 'Gateway');
  assert.deepEqual(e.routeTables.items.map(target), ['ext:rtb-0aaa', 'ext:rtb-0bbb']);
  assert.equal(e.subnets.known, true);
  assert.equal(e.subnets.items.length, 0);
  assert.ok(e.policy);
  assert.deepEqual(e.policy.statements[0].resources?.map(value), ['arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*']);
  assert.deepEqual(e.policy.statements[0].principals?.map(value), ['AWS:*']);
});

test('a policy written as a JSON string', () => {
  const e = byLogicalId(infra.vpcEndpoints, 'Dynamo');
  assert.equal(e.type, 'Gateway');
  assert.deepEqual(e.policy?.statements[0].actions?.map(value), ['dynamodb:*']);
});

test('endpoint services that are not AWS services keep their raw name', () => {
  const e = byLogicalId(infra.vpcEndpoints, 'Partner');
  assert.equal(value(e.service), 'com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0');
  assert.equal(value(e.privateDns), false);
  assert.equal(e.privateDns.source.explicit, true);
});

test('a service name whose service part the files do not decide serves an unknown service, not one called ${…}', () => {
  const text = [
    'Parameters:',
    '  EndpointService: {Type: String}',
    'Resources:',
    '  Decided:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties: {VpcId: vpc-1, VpcEndpointType: Interface, ServiceName: !Sub "com.amazonaws.${AWS::Region}.logs"}',
    '  Undecided:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties: {VpcId: vpc-1, VpcEndpointType: Interface, ServiceName: !Sub "com.amazonaws.${AWS::Region}.${EndpointService}"}',
    '  Partner:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Properties: {VpcId: vpc-1, VpcEndpointType: Interface, ServiceName: !Sub "com.amazonaws.vpce.${AWS::Region}.vpce-svc-0123456789abcdef0"}',
    '',
  ].join('\n');
  const model = loadInfra([{ path: 'undecided.yaml', text }]);
  assert.equal(value(byLogicalId(model.vpcEndpoints, 'Decided').service), 'logs');
  // A pseudo parameter is not an undecided service: a partner endpoint serves its own service.
  assert.equal(byLogicalId(model.vpcEndpoints, 'Partner').service.known, true);
  const undecided = byLogicalId(model.vpcEndpoints, 'Undecided');
  assert.equal(undecided.service.known, false);
  assert.equal(value(undecided.serviceNameRaw), 'com.amazonaws.${AWS::Region}.${EndpointService}');
});

test('an endpoint under a Condition the files do not decide may serve nothing: its service is unknown; a decided one is read as usual', () => {
  const text = [
    'Parameters:',
    '  Env: {Type: String}',
    '  Fixed: {Type: String, Default: prod}',
    'Conditions:',
    '  Undecided: !Equals [!Ref Env, prod]',
    '  Decided: !Equals [!Ref Fixed, prod]',
    'Resources:',
    '  Maybe:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Condition: Undecided',
    '    Properties: {VpcId: vpc-1, VpcEndpointType: Interface, ServiceName: com.amazonaws.eu-west-1.logs}',
    '  Surely:',
    '    Type: AWS::EC2::VPCEndpoint',
    '    Condition: Decided',
    '    Properties: {VpcId: vpc-1, VpcEndpointType: Interface, ServiceName: com.amazonaws.eu-west-1.logs}',
    '',
  ].join('\n');
  const model = loadInfra([{ path: 'conditional.yaml', text }]);
  assert.equal(byLogicalId(model.vpcEndpoints, 'Maybe').service.known, false);
  assert.equal(value(byLogicalId(model.vpcEndpoints, 'Surely').service), 'logs');
});
