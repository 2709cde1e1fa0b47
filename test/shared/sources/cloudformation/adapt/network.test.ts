import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byLogicalId, lineOf, load, target, value } from './fixtures.ts';
import { loadInfra } from '../../../../../src/shared/sources/index.ts';

const FILE = 'network.yaml';
const infra = load(FILE);

test('vpc with a secondary CIDR block and a flow log', () => {
  const vpc = byLogicalId(infra.vpcs, 'Vpc');
  assert.equal(value(vpc.cidr), '10.0.0.0/16');
  assert.deepEqual(vpc.additionalCidrs.map(value), ['100.64.0.0/16']);
  const flow = byLogicalId(infra.flowLogs, 'FlowLog');
  assert.equal(flow.resourceType, 'VPC');
  assert.deepEqual(flow.resources.map(target), ['Vpc']);
});

test('subnets: public IP mapping default, AZ, CIDR and route table', () => {
  const pub = byLogicalId(infra.subnets, 'PublicSubnet');
  assert.equal(value(pub.mapPublicIpOnLaunch), true);
  assert.equal(pub.mapPublicIpOnLaunch.source.explicit, true);
  assert.equal(target(pub.routeTable), 'PublicRt');
  assert.equal(target(pub.vpc), 'Vpc');
  assert.equal(pub.availabilityZone.known, true, 'GetAZs selects a partial, still known, zone');
  assert.match(value(pub.availabilityZone) ?? '', /\$\{/);

  const priv = byLogicalId(infra.subnets, 'PrivateSubnet');
  assert.equal(value(priv.mapPublicIpOnLaunch), false);
  assert.equal(priv.mapPublicIpOnLaunch.source.explicit, false);
  assert.equal(priv.mapPublicIpOnLaunch.source.line, lineOf(FILE, '  PrivateSubnet:'));
  assert.equal(value(priv.availabilityZone), 'eu-west-1b');
  assert.equal(value(priv.cidr), '10.0.16.0/20');
  assert.equal(target(priv.routeTable), 'PrivateRt');

  const lonely = byLogicalId(infra.subnets, 'UnassociatedSubnet');
  assert.equal(lonely.routeTable, undefined, 'the main route table applies');
  assert.equal(lonely.availabilityZone.known, false);
  assert.equal(lonely.availabilityZone.source.explicit, false);
});

test('route targets', () => {
  const routes = (id: string) => byLogicalId(infra.routeTables, id).routes.map((r) => `${value(r.destination)} ${r.destinationKind} ${r.target} ${target(r.targetRef)}`);
  assert.deepEqual(routes('PublicRt'), [
    '0.0.0.0/0 cidr4 igw Igw',
    '::/0 cidr6 egress-only-igw ext:eigw-0123',
  ]);
  assert.deepEqual(routes('PrivateRt'), [
    '0.0.0.0/0 cidr4 nat Nat',
    '10.100.0.0/16 cidr4 tgw ext:tgw-0123',
    '192.168.0.0/16 cidr4 other ext:vgw-0123',
    '203.0.113.0/24 cidr4 igw ext:igw-0123',
    'pl-0abc prefixList peering ext:pcx-0123',
    '172.16.0.0/12 cidr4 eni ext:eni-0123',
    '172.31.0.0/16 cidr4 instance ext:i-0123',
  ]);
  const route = byLogicalId(infra.routeTables, 'PublicRt').routes[0];
  assert.equal(route.source.line, lineOf(FILE, '  PublicDefault:'));
});

test('a route in a table outside the files is unresolved', () => {
  assert.ok(infra.unresolved.some((u) => u.path === 'Resources.ExternalTable.Properties.RouteTableId' && /rtb-0123/.test(u.reason)));
});

test('gateways', () => {
  assert.deepEqual(byLogicalId(infra.internetGateways, 'Igw').vpcs.map(target), ['Vpc']);
  const nat = byLogicalId(infra.natGateways, 'Nat');
  assert.equal(nat.connectivity, 'public');
  assert.equal(target(nat.subnet), 'PublicSubnet');
  assert.equal(byLogicalId(infra.natGateways, 'PrivateNat').connectivity, 'private');
});

test('a route under a Condition the files do not decide leads to an unknown target: it may not be there', () => {
  const text = [
    'Parameters:',
    '  Env: {Type: String}',
    'Conditions:',
    '  IsProd: !Equals [!Ref Env, prod]',
    'Resources:',
    '  Rt:',
    '    Type: AWS::EC2::RouteTable',
    '    Properties: {VpcId: vpc-1}',
    '  NatRoute:',
    '    Type: AWS::EC2::Route',
    '    Condition: IsProd',
    '    Properties: {RouteTableId: !Ref Rt, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: nat-0abc}',
    '  PeeringRoute:',
    '    Type: AWS::EC2::Route',
    '    Properties: {RouteTableId: !Ref Rt, DestinationCidrBlock: 10.1.0.0/16, VpcPeeringConnectionId: pcx-0abc}',
    '',
  ].join('\n');
  const model = loadInfra([{ path: 'conditional.yaml', text }]);
  const routes = byLogicalId(model.routeTables, 'Rt').routes.map((r) => `${value(r.destination)} ${r.target} ${target(r.targetRef)}`);
  assert.deepEqual(routes, ['0.0.0.0/0 unknown undefined', '10.1.0.0/16 peering ext:pcx-0abc']);
});

test('a subnet has IPv6 addresses with an IPv6 block (whatever its value) or when IPv6-only', () => {
  const text = `Resources:
  V4:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: vpc-1, CidrBlock: 10.0.0.0/24}
  DualStack:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: vpc-1, CidrBlock: 10.0.1.0/24, Ipv6CidrBlock: !Select [0, !GetAtt Vpc.Ipv6CidrBlocks]}
  Native:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: vpc-1, Ipv6Native: true, Ipv6CidrBlocks: ['2001:db8::/64']}
`;
  const model = loadInfra([{ path: 'v6.yaml', text }]);
  const ipv6 = (id: string): unknown => value(byLogicalId(model.subnets, id).ipv6!);
  assert.deepEqual([ipv6('V4'), ipv6('DualStack'), ipv6('Native')], [false, true, true]);
});
