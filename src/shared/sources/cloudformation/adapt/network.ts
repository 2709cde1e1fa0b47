import type { Attr, Entity, EntityRef, FlowLog, NatGateway, NetworkAclEntry, Route, RouteTable, RouteTargetKind, Subnet, Vpc } from '../../../model/index.ts';
import type { ResolvedResource, RValue } from '../resolved.ts';
import {
  type AdaptContext, attrBooleanOr, attrNumber, attrString, defaultSource, defaulted, entityRef, literal, prop, refType, sourceRef, str, unknownOf, EXPECT_SUBNET, EXPECT_VPC,
} from './common.ts';

const ROUTE_TABLE_TYPES = ['AWS::EC2::RouteTable'] as const;

export function adaptVpc(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const file = ctx.template.file;
  const cidr = prop(res.properties, 'CidrBlock');
  const vpc: Vpc = {
    ...base,
    cidr: cidr !== undefined
      ? attrString(cidr, file)
      : unknownOf('no CidrBlock: the range comes from an IPAM pool', defaultSource(res, file, 'CidrBlock')),
    additionalCidrs: [],
    dnsSupport: attrBooleanOr(prop(res.properties, 'EnableDnsSupport'), file, defaulted(true, defaultSource(res, file, 'EnableDnsSupport'))),
    dnsHostnames: attrBooleanOr(prop(res.properties, 'EnableDnsHostnames'), file, defaulted(false, defaultSource(res, file, 'EnableDnsHostnames'))),
  };
  ctx.infra.vpcs.push(vpc);
}

/** AWS::EC2::VPCCidrBlock adds a range to a VPC, possibly declared in another template. */
export function adaptVpcCidrBlock(res: ResolvedResource, _base: Entity, ctx: AdaptContext): void {
  const p = res.properties;
  const cidr = prop(p, 'CidrBlock') ?? prop(p, 'Ipv6CidrBlock');
  if (cidr === undefined) return;
  ctx.pending.vpcCidrs.push({ vpc: entityRef(prop(p, 'VpcId'), ctx, EXPECT_VPC), cidr: attrString(cidr, ctx.template.file) });
}

export function adaptSubnet(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const file = ctx.template.file;
  const p = res.properties;
  const cidr = prop(p, 'CidrBlock');
  const az = prop(p, 'AvailabilityZone') ?? prop(p, 'AvailabilityZoneId');
  const subnet: Subnet = {
    ...base,
    cidr: cidr !== undefined ? attrString(cidr, file) : unknownOf('no IPv4 CidrBlock', defaultSource(res, file, 'CidrBlock')),
    availabilityZone: az !== undefined
      ? attrString(az, file)
      : unknownOf('no AvailabilityZone: EC2 chooses one', defaultSource(res, file, 'AvailabilityZone')),
    mapPublicIpOnLaunch: attrBooleanOr(prop(p, 'MapPublicIpOnLaunch'), file, defaulted(false, defaultSource(res, file, 'MapPublicIpOnLaunch'))),
    ipv6: subnetIpv6(res, file),
  };
  const vpc = prop(p, 'VpcId');
  if (vpc !== undefined) subnet.vpc = entityRef(vpc, ctx, EXPECT_VPC);
  ctx.infra.subnets.push(subnet);
}

/** Whether a subnet has IPv6 addresses: an IPv6 block written (its value does not matter), or IPv6-only. */
function subnetIpv6(res: ResolvedResource, file: string): Attr<boolean> {
  const p = res.properties;
  const block = prop(p, 'Ipv6CidrBlock') ?? prop(p, 'Ipv6CidrBlocks');
  if (block !== undefined && block.kind !== 'null') return { known: true, value: true, source: sourceRef(block.loc, file) };
  const native = prop(p, 'Ipv6Native');
  if (native !== undefined) return attrBooleanOr(native, file, defaulted(false, defaultSource(res, file, 'Ipv6Native')));
  return defaulted(false, defaultSource(res, file, 'Ipv6CidrBlock'));
}

export function adaptRouteTable(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const table: RouteTable = { ...base, routes: [] };
  const vpc = prop(res.properties, 'VpcId');
  if (vpc !== undefined) table.vpc = entityRef(vpc, ctx, EXPECT_VPC);
  ctx.infra.routeTables.push(table);
}

const TARGET_KEYS: [string, RouteTargetKind][] = [
  ['NatGatewayId', 'nat'],
  ['TransitGatewayId', 'tgw'],
  ['VpcPeeringConnectionId', 'peering'],
  ['InstanceId', 'instance'],
  ['NetworkInterfaceId', 'eni'],
  ['EgressOnlyInternetGatewayId', 'egress-only-igw'],
  ['VpcEndpointId', 'vpce'],
  ['CarrierGatewayId', 'other'],
  ['LocalGatewayId', 'other'],
  ['CoreNetworkArn', 'other'],
];

const GATEWAY_TYPES: Record<string, RouteTargetKind> = {
  'AWS::EC2::InternetGateway': 'igw',
  'AWS::EC2::VPCEndpoint': 'vpce',
  'AWS::EC2::VPNGateway': 'other',
  'AWS::EC2::EgressOnlyInternetGateway': 'egress-only-igw',
  'AWS::EC2::TransitGateway': 'tgw',
  'AWS::EC2::NatGateway': 'nat',
};

const GATEWAY_PREFIXES: [string, RouteTargetKind][] = [['igw-', 'igw'], ['vgw-', 'other'], ['vpce-', 'vpce'], ['eigw-', 'egress-only-igw'], ['local', 'other']];

/** `GatewayId` holds internet gateways, virtual private gateways and gateway endpoints alike. */
function gatewayKind(v: RValue, ctx: AdaptContext): RouteTargetKind {
  if (v.kind === 'ref') return GATEWAY_TYPES[refType(v, ctx) ?? ''] ?? 'unknown';
  const text = literal(v);
  if (text === undefined) return 'unknown';
  for (const [prefix, kind] of GATEWAY_PREFIXES) if (text.startsWith(prefix)) return kind;
  return 'unknown';
}

export function routeOf(res: ResolvedResource, ctx: AdaptContext): Route {
  const file = ctx.template.file;
  const p = res.properties;
  const source = sourceRef(res.loc, file);
  const v4 = prop(p, 'DestinationCidrBlock');
  const v6 = prop(p, 'DestinationIpv6CidrBlock');
  const pl = prop(p, 'DestinationPrefixListId');
  let destination: Attr<string>;
  let destinationKind: Route['destinationKind'] = 'cidr4';
  if (v4 !== undefined) destination = attrString(v4, file);
  else if (v6 !== undefined) { destination = attrString(v6, file); destinationKind = 'cidr6'; }
  else if (pl !== undefined) { destination = attrString(pl, file); destinationKind = 'prefixList'; }
  else destination = unknownOf('the route has no destination', { ...source, explicit: false });

  let target: RouteTargetKind = 'unknown';
  let targetRef: EntityRef | undefined;
  const gateway = prop(p, 'GatewayId');
  if (gateway !== undefined) {
    target = gatewayKind(gateway, ctx);
    targetRef = entityRef(gateway, ctx);
  } else {
    for (const [key, kind] of TARGET_KEYS) {
      const v = prop(p, key);
      if (v === undefined) continue;
      target = kind;
      targetRef = entityRef(v, ctx);
      break;
    }
  }
  const route: Route = { destination, destinationKind, target, source };
  if (targetRef !== undefined) route.targetRef = targetRef;
  return route;
}

export function adaptRoute(res: ResolvedResource, _base: Entity, ctx: AdaptContext): void {
  const routeTable = entityRef(prop(res.properties, 'RouteTableId'), ctx, { expect: ROUTE_TABLE_TYPES });
  const route = routeOf(res, ctx);
  // A route that exists only under a condition the files do not decide may not be there: where
  // its destination leads is unknown, not its target.
  if (res.condition === 'unknown') {
    route.target = 'unknown';
    delete route.targetRef;
  }
  ctx.pending.routes.push({ routeTable, route, file: ctx.template.file, loc: res.loc, logicalId: res.logicalId });
}

export function adaptSubnetRouteTableAssociation(res: ResolvedResource, _base: Entity, ctx: AdaptContext): void {
  const p = res.properties;
  ctx.pending.subnetAssociations.push({
    subnet: entityRef(prop(p, 'SubnetId'), ctx, EXPECT_SUBNET),
    routeTable: entityRef(prop(p, 'RouteTableId'), ctx, { expect: ROUTE_TABLE_TYPES }),
    file: ctx.template.file,
    loc: res.loc,
    logicalId: res.logicalId,
  });
}

const NETWORK_ACL_TYPES = ['AWS::EC2::NetworkAcl'] as const;

export function adaptNetworkAcl(_res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  (ctx.infra.networkAcls ??= []).push({ ...base, entries: [] });
}

/** An entry of a network ACL, possibly declared in another template than the ACL. */
export function adaptNetworkAclEntry(res: ResolvedResource, _base: Entity, ctx: AdaptContext): void {
  const file = ctx.template.file;
  const p = res.properties;
  const at = (name: string): Attr<never> => unknownOf(`no ${name}`, defaultSource(res, file, name));
  const cidr = prop(p, 'CidrBlock') ?? prop(p, 'Ipv6CidrBlock');
  const entry: NetworkAclEntry = {
    egress: attrBooleanOr(prop(p, 'Egress'), file, defaulted(false, defaultSource(res, file, 'Egress'))),
    ruleNumber: prop(p, 'RuleNumber') === undefined ? at('RuleNumber') : attrNumber(prop(p, 'RuleNumber')!, file),
    protocol: prop(p, 'Protocol') === undefined ? at('Protocol') : attrString(prop(p, 'Protocol')!, file),
    action: prop(p, 'RuleAction') === undefined ? at('RuleAction') : attrString(prop(p, 'RuleAction')!, file),
    cidr: cidr === undefined ? at('CidrBlock') : attrString(cidr, file),
    source: sourceRef(res.loc, file),
  };
  ctx.pending.networkAclEntries.push({ acl: entityRef(prop(p, 'NetworkAclId'), ctx, { expect: NETWORK_ACL_TYPES }), entry });
}

export function adaptSubnetNetworkAclAssociation(res: ResolvedResource, _base: Entity, ctx: AdaptContext): void {
  const p = res.properties;
  ctx.pending.networkAclAssociations.push({ subnet: entityRef(prop(p, 'SubnetId'), ctx, EXPECT_SUBNET), acl: entityRef(prop(p, 'NetworkAclId'), ctx, { expect: NETWORK_ACL_TYPES }) });
}

export function adaptInternetGateway(_res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  ctx.infra.internetGateways.push({ ...base, vpcs: [] });
}

export function adaptGatewayAttachment(res: ResolvedResource, _base: Entity, ctx: AdaptContext): void {
  const gateway = prop(res.properties, 'InternetGatewayId');
  if (gateway === undefined) return;
  ctx.pending.gatewayAttachments.push({
    gateway: entityRef(gateway, ctx, { expect: ['AWS::EC2::InternetGateway'] }),
    vpc: entityRef(prop(res.properties, 'VpcId'), ctx, EXPECT_VPC),
  });
}

export function adaptNatGateway(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const p = res.properties;
  const nat: NatGateway = { ...base, connectivity: literal(prop(p, 'ConnectivityType'))?.toLowerCase() === 'private' ? 'private' : 'public' };
  const subnet = prop(p, 'SubnetId');
  if (subnet !== undefined) nat.subnet = entityRef(subnet, ctx, EXPECT_SUBNET);
  ctx.infra.natGateways.push(nat);
}

export function adaptFlowLog(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const p = res.properties;
  const target = prop(p, 'ResourceId');
  const flowLog: FlowLog = {
    ...base,
    resourceType: str(prop(p, 'ResourceType')) ?? 'unknown',
    resources: target === undefined ? [] : [entityRef(target, ctx)],
  };
  ctx.infra.flowLogs.push(flowLog);
}
