import { whenValue } from '../model/index.ts';
import type {
  Attr, EgressPath, EntityRef, IngressSource, Listener, LoadBalancer, RefList, SecurityGroup, SecurityGroupRule, Service, Subnet, TaskDefinition,
  VpcEndpoint,
} from '../model/index.ts';
import { isWorldCidr } from './cidr.ts';
import type { InfraIndex } from './infra-index.ts';
import { refId } from './infra-index.ts';
import type { DefaultRouteKind } from './routes.ts';
import { natReachesInternet, routeTableIpv6ToInternetGateway, subnetDefaultRoute, subnetRouteTable } from './routes.ts';
import type { IngressOrigin, Tri } from './security-group-match.ts';
import {
  defaultSecurityGroup, effectiveRules, formatPorts, formatProtocol, ingressAdmitsWorld, ingressAllows, peerIsWorld, splitWorldRules, triAnd, triOr,
} from './security-group-match.ts';

/** Whether tasks in one subnet reach the internet, and through what. */
export interface InternetReach {
  reach: Tri;
  /** `igw` or `nat:<logicalId>` when `reach` is true. */
  via?: string;
  reason: string;
}

export interface SubnetNetwork {
  /** Entity id, or the external value (`subnet-…`). */
  id: string;
  subnet?: Subnet;
  cidr?: string;
  az?: string;
  /** Entity id or external value of the associated route table; undefined for the main route table or unknown. */
  routeTableId?: string;
  defaultRoute: DefaultRouteKind;
  internet: InternetReach;
  /**
   * Whether the internet may reach tasks here over IPv6: the subnet has IPv6 addresses and routes
   * `::/0` to an internet gateway. Never more than unknown: the tasks get an IPv6 address only
   * when the account's `dualStackIPv6` ECS setting is on, which no template holds.
   */
  ipv6Inbound: Tri;
}

/** The network position of one service's tasks, everything coverage and ingress are decided from. */
export interface ServiceNetwork {
  service: Service;
  taskDefinition?: TaskDefinition;
  /** False for bridge/host network modes: the container instance's network applies, not the service's. */
  awsvpc: Tri;
  publicIp: Attr<boolean>;
  subnets: SubnetNetwork[];
  /** The subnet list is known and every entry is in the files. */
  subnetsResolved: boolean;
  vpcId?: string;
  /** Groups on the task ENI: declared and in the files, or the VPC default SG stand-in. */
  securityGroups: SecurityGroup[];
  securityGroupIds: string[];
  /** False when some group's rules are not in the files (or the list itself is unknown). */
  securityGroupsComplete: boolean;
  usesDefaultSecurityGroup: boolean;
  /** Every subnet's AZ, when all are known. */
  availabilityZones?: string[];
  /** All subnets taken together: false as soon as one subnet has no internet path. */
  internet: InternetReach;
}

function subnetVpcId(subnet: Subnet): string | undefined {
  return subnet.vpc === undefined || subnet.vpc.kind === 'unknown' ? undefined : refId(subnet.vpc);
}

type SubnetInternet = { kind: DefaultRouteKind; internet: InternetReach; routeTableId?: string };

/**
 * Services share a few subnets, and what a subnet offers them depends only on whether tasks get a
 * public IP: worked out once per (subnet, public IP) in an analysis and shared. Nobody changes it.
 */
const subnetNetworksByIndex = new WeakMap<InfraIndex, Map<Subnet, SubnetNetwork[]>>();

function subnetNetwork(index: InfraIndex, subnet: Subnet, publicIp: Attr<boolean>): SubnetNetwork {
  let bySubnet = subnetNetworksByIndex.get(index);
  if (bySubnet === undefined) subnetNetworksByIndex.set(index, (bySubnet = new Map()));
  let byPublicIp = bySubnet.get(subnet);
  if (byPublicIp === undefined) bySubnet.set(subnet, (byPublicIp = []));
  const which = !publicIp.known ? 0 : publicIp.value ? 1 : 2;
  let found = byPublicIp[which];
  if (found === undefined) {
    const { kind, internet, routeTableId } = subnetInternet(index, subnet, publicIp);
    found = {
      id: subnet.id,
      subnet,
      cidr: subnet.cidr.known ? subnet.cidr.value : undefined,
      az: subnet.availabilityZone.known ? subnet.availabilityZone.value : undefined,
      routeTableId,
      defaultRoute: kind,
      internet,
      ipv6Inbound: ipv6Inbound(index, subnet),
    };
    byPublicIp[which] = found;
  }
  return found;
}

function ipv6Inbound(index: InfraIndex, subnet: Subnet): Tri {
  const ipv6: Tri = subnet.ipv6 === undefined ? false : subnet.ipv6.known ? subnet.ipv6.value : 'unknown';
  if (ipv6 === false) return false;
  const routeTable = subnet.routeTable === undefined ? undefined : subnetRouteTable(index, subnet);
  const toGateway = routeTable === undefined ? 'unknown' : routeTableIpv6ToInternetGateway(routeTable);
  return toGateway === false ? false : 'unknown';
}

function subnetInternet(index: InfraIndex, subnet: Subnet, publicIp: Attr<boolean>): SubnetInternet {
  const route = subnetDefaultRoute(index, subnet);
  const routeTableId = subnet.routeTable === undefined || subnet.routeTable.kind === 'unknown' ? undefined : refId(subnet.routeTable);
  const name = subnet.logicalId;
  switch (route.kind) {
    case 'igw':
      if (!publicIp.known) return { kind: route.kind, routeTableId, internet: { reach: 'unknown', reason: `${name} routes to an internet gateway and whether tasks get a public IP is unknown` } };
      return publicIp.value
        ? { kind: route.kind, routeTableId, internet: { reach: true, via: 'igw', reason: `${name} routes to an internet gateway and tasks get a public IP` } }
        : { kind: route.kind, routeTableId, internet: { reach: false, reason: `${name} routes to an internet gateway but tasks get no public IP` } };
    case 'nat': {
      const target = route.route?.targetRef;
      const ok = natReachesInternet(index, target);
      const natName = target === undefined ? 'nat' : target.kind === 'resource' ? (index.entity(target.id)?.logicalId ?? refId(target)) : refId(target);
      if (ok === true) return { kind: route.kind, routeTableId, internet: { reach: true, via: `nat:${natName}`, reason: `${name} routes to NAT gateway ${natName}` } };
      return { kind: route.kind, routeTableId, internet: { reach: ok, reason: ok === false ? `NAT gateway ${natName} of ${name} does not reach the internet` : `whether NAT gateway ${natName} reaches the internet is unknown` } };
    }
    case 'instance':
    case 'eni': {
      // A default route to an instance or ENI is the NAT-instance pattern (fck-nat, firewall
      // appliances that forward on): it exists to reach the internet, so it is taken as NAT.
      const target = route.route?.targetRef;
      const hop = target === undefined ? route.kind : target.kind === 'resource' ? (index.entity(target.id)?.logicalId ?? refId(target)) : refId(target);
      return { kind: route.kind, routeTableId, internet: { reach: true, via: `nat:${hop}`, reason: `${name} routes to NAT ${route.kind} ${hop}` } };
    }
    case 'none':
      return { kind: route.kind, routeTableId, internet: { reach: false, reason: `${name} has no default route` } };
    case 'unknown':
      return { kind: route.kind, routeTableId, internet: { reach: 'unknown', reason: route.reason ?? `the default route of ${name} is unknown` } };
    default:
      // Transit gateways, peering, Gateway Load Balancer endpoints: the internet may be behind them,
      // in another VPC or account whose files we do not see.
      return { kind: route.kind, routeTableId, internet: { reach: 'unknown', reason: `${name} default route goes to a ${route.kind}; what lies behind it is not in the files` } };
  }
}

/** Combines per-subnet reach: tasks are spread over all subnets, so one subnet without a path decides. */
function combineInternet(subnets: SubnetNetwork[], resolved: boolean): InternetReach {
  const noPath = subnets.find((s) => s.internet.reach === false);
  if (noPath !== undefined) return noPath.internet;
  const unknown = subnets.find((s) => s.internet.reach === 'unknown');
  if (unknown !== undefined) return unknown.internet;
  if (!resolved || subnets.length === 0) return { reach: 'unknown', reason: 'the service subnets are not in the scanned files' };
  const igw = subnets.find((s) => s.internet.via === 'igw');
  const chosen = igw ?? subnets[0];
  return chosen?.internet ?? { reach: 'unknown', reason: 'no subnets' };
}

function awsvpcOf(taskDefinition: TaskDefinition | undefined, service: Service): Tri {
  if (service.fargate === true) return true;
  if (taskDefinition === undefined || !taskDefinition.networkMode.known) return 'unknown';
  return taskDefinition.networkMode.value === 'awsvpc';
}

/** Resolves a security group list, with the VPC default SG standing in for an empty one. */
export function resolveGroups(
  index: InfraIndex,
  refs: { known: boolean; items: EntityRef[] },
  vpcId: string | undefined,
  anchor: Service | VpcEndpoint | LoadBalancer,
): { groups: SecurityGroup[]; ids: string[]; complete: boolean; usesDefault: boolean } {
  if (refs.known && refs.items.length === 0) {
    const group = defaultSecurityGroup(vpcId, anchor.source);
    return { groups: [group], ids: [group.id], complete: true, usesDefault: true };
  }
  const groups: SecurityGroup[] = [];
  const ids: string[] = [];
  let complete = refs.known;
  for (const ref of refs.items) {
    const group = index.securityGroup(ref);
    if (group !== undefined) groups.push(group);
    // A group outside the files has rules the files do not show, even when they add some.
    if (group === undefined || group.external === true) complete = false;
    if (ref.kind !== 'unknown') ids.push(refId(ref));
  }
  return { groups, ids, complete, usesDefault: false };
}

export function serviceNetwork(service: Service, index: InfraIndex): ServiceNetwork {
  const taskDefinition = index.taskDefinition(service.taskDefinition);
  const publicIp = service.assignPublicIp;
  const subnets: SubnetNetwork[] = [];
  let resolved = service.subnets.known;
  for (const ref of service.subnets.items) {
    const subnet = index.subnet(ref);
    if (subnet === undefined) {
      resolved = false;
      if (ref.kind !== 'unknown') {
        // IPv6 counts where the files show a dual-stack subnet: most subnets are IPv4-only, and
        // taking every subnet outside the files for a possible IPv6 way in would leave every
        // service that uses one undecided.
        subnets.push({ id: refId(ref), defaultRoute: 'unknown', internet: { reach: 'unknown', reason: `subnet ${refId(ref)} is not in the scanned files` }, ipv6Inbound: false });
      }
      continue;
    }
    subnets.push(subnetNetwork(index, subnet, publicIp));
  }
  const vpcIds = new Set(subnets.map((s) => (s.subnet === undefined ? undefined : subnetVpcId(s.subnet))));
  const vpcId = vpcIds.size === 1 ? [...vpcIds][0] : undefined;
  const azs = subnets.map((s) => s.az);
  const availabilityZones = resolved && subnets.length > 0 && azs.every((a) => a !== undefined) ? [...new Set(azs as string[])].sort() : undefined;
  const groups = resolveGroups(index, service.securityGroups, vpcId, service);
  return {
    service,
    taskDefinition,
    awsvpc: awsvpcOf(taskDefinition, service),
    publicIp,
    subnets,
    subnetsResolved: resolved,
    vpcId,
    securityGroups: groups.groups,
    securityGroupIds: groups.ids,
    securityGroupsComplete: groups.complete,
    usesDefaultSecurityGroup: groups.usesDefault,
    availabilityZones,
    internet: combineInternet(subnets, resolved),
  };
}

/** Whether the endpoint sits in the service's VPC: by its VpcId, else by sharing subnets or route tables. */
/** The ids of a service's subnets and route tables, built once per network (asked for every endpoint and need). */
const netIds = new WeakMap<ServiceNetwork, { subnetIds: Set<string>; routeTableIds: Set<string> }>();

function idsOf(net: ServiceNetwork): { subnetIds: Set<string>; routeTableIds: Set<string> } {
  let ids = netIds.get(net);
  if (ids === undefined) {
    ids = {
      subnetIds: new Set(net.subnets.map((s) => s.id)),
      routeTableIds: new Set(net.subnets.map((s) => s.routeTableId).filter((x): x is string => x !== undefined)),
    };
    netIds.set(net, ids);
  }
  return ids;
}

export function endpointInVpc(endpoint: VpcEndpoint, net: ServiceNetwork): Tri {
  const { subnetIds, routeTableIds } = idsOf(net);
  if (endpoint.subnets.items.some((r) => r.kind !== 'unknown' && subnetIds.has(refId(r)))) return true;
  if (endpoint.routeTables.items.some((r) => r.kind !== 'unknown' && routeTableIds.has(refId(r)))) return true;
  if (endpoint.vpc === undefined || endpoint.vpc.kind === 'unknown' || net.vpcId === undefined) return 'unknown';
  return refId(endpoint.vpc) === net.vpcId;
}

/** The service's egress path, as DESIGN's `egress` field: endpoints matter only when there is no internet. */
export function egressPath(net: ServiceNetwork, index: InfraIndex): EgressPath {
  if (net.awsvpc === false) return 'unknown';
  const reach = net.internet.reach;
  if (reach === 'unknown') return 'unknown';
  if (reach === true) return net.internet.via === 'igw' ? 'igw' : 'nat';
  const endpoints = index.infra.vpcEndpoints.map((e) => endpointInVpc(e, net));
  if (endpoints.includes(true)) return 'endpoints-only';
  return endpoints.includes('unknown') ? 'unknown' : 'none';
}

/** Security groups owned by load balancers and services, to name ingress peers. */
export interface GroupOwners {
  loadBalancers: Map<string, LoadBalancer[]>;
  services: Map<string, Service[]>;
}

export function groupOwners(index: InfraIndex, networks: ServiceNetwork[]): GroupOwners {
  const loadBalancers = new Map<string, LoadBalancer[]>();
  for (const lb of index.infra.loadBalancers) {
    for (const ref of lb.securityGroups.items) {
      if (ref.kind === 'unknown') continue;
      const id = refId(ref);
      const list = loadBalancers.get(id);
      if (list === undefined) loadBalancers.set(id, [lb]);
      else if (!list.includes(lb)) list.push(lb);
    }
  }
  const services = new Map<string, Service[]>();
  for (const net of networks) {
    for (const id of net.securityGroupIds) {
      const list = services.get(id);
      if (list === undefined) services.set(id, [net.service]);
      else if (!list.includes(net.service)) list.push(net.service);
    }
  }
  return { loadBalancers, services };
}

/** Adds the ingress sources one rule admits to `out`. */
function addIngressFromRule(out: IngressSource[], rule: SecurityGroupRule, owners: GroupOwners, partOfWorld = false): void {
  const protocol = formatProtocol(rule.protocol);
  const ports = formatPorts(rule);
  const source = rule.source;
  const peer = rule.peer;
  switch (peer.kind) {
    case 'cidr4':
    case 'cidr6':
      out.push({ protocol, ports, source, kind: partOfWorld || isWorldCidr(peer.cidr) ? 'internet' : 'cidr', ref: peer.cidr });
      return;
    case 'sg': {
      if (peer.group.kind === 'unknown') {
        out.push({ protocol, ports, source, kind: 'unknown', ref: peer.group.reason });
        return;
      }
      const id = refId(peer.group);
      const lbs = owners.loadBalancers.get(id);
      if (lbs !== undefined) {
        for (const lb of lbs) out.push({ protocol, ports, source, kind: 'load-balancer', ref: lb.id });
        return;
      }
      const services = owners.services.get(id);
      if (services !== undefined) {
        for (const s of services) out.push({ protocol, ports, source, kind: 'service', ref: s.id });
        return;
      }
      out.push({ protocol, ports, source, kind: 'security-group', ref: id });
      return;
    }
    case 'prefixList':
      out.push({ protocol, ports, source, kind: 'prefix-list', ref: refId(peer.prefixList) });
      return;
    default:
      out.push({ protocol, ports, source, kind: 'unknown', ref: peer.reason });
  }
}

/** Load balancers that forward to the service's target groups. */
export function forwardingLoadBalancers(service: Service, index: InfraIndex): { lb: LoadBalancer; port?: number; source: Service['loadBalancers'][number]['source'] }[] {
  const out: { lb: LoadBalancer; port?: number; source: Service['loadBalancers'][number]['source'] }[] = [];
  for (const attachment of service.loadBalancers) {
    const tg = index.resolve(attachment.targetGroup, index.infra.targetGroups);
    if (tg === undefined) continue;
    const port = attachment.containerPort ?? (tg.port.known ? tg.port.value : undefined);
    for (const lb of index.all(tg.loadBalancers, index.infra.loadBalancers)) {
      if (!out.some((o) => o.lb.id === lb.id)) out.push({ lb, port, source: attachment.source });
    }
  }
  return out;
}

/**
 * The container ports of the service's attachments to load balancers that are not in the files: by
 * name (classic), through a target group outside them, or through one no load balancer in the files
 * forwards to (ECS attaches only target groups that have a load balancer). Undefined for an unknown port.
 */
function unseenLoadBalancerPorts(service: Service, index: InfraIndex): (number | undefined)[] {
  const ports: (number | undefined)[] = [];
  for (const attachment of service.loadBalancers) {
    const tg = index.resolve(attachment.targetGroup, index.infra.targetGroups);
    if (tg === undefined) {
      ports.push(attachment.containerPort);
    } else if (tg.loadBalancers.length === 0 || index.all(tg.loadBalancers, index.infra.loadBalancers).length < tg.loadBalancers.length) {
      ports.push(attachment.containerPort ?? (tg.port.known ? tg.port.value : undefined));
    }
  }
  return ports;
}

/**
 * Whether the task groups may admit a load balancer the files do not show: its groups and addresses
 * are unknown, so any group reference, CIDR, prefix list or unresolved peer on the port may.
 */
function unseenLoadBalancerAdmitted(net: ServiceNetwork, index: InfraIndex, port: number | undefined): Tri {
  return taskGroupsAdmit(net, index, port, { sgIds: [], otherGroups: true });
}

export interface IngressAnalysis {
  ingress: IngressSource[];
  internetIngress: Tri;
}

/**
 * Who can reach the tasks. `internetIngress` is DESIGN's "the internet can reach the tasks": either
 * directly (a world CIDR admitted AND a public IP in a subnet that routes to an internet gateway), or
 * through an internet-facing load balancer that forwards to the service, whose own SGs admit the
 * internet, and that the task SG admits.
 */
export function analyzeIngress(net: ServiceNetwork, index: InfraIndex, owners: GroupOwners): IngressAnalysis {
  const ingress: IngressSource[] = [];
  // Whether a rule admits the whole internet (and its IPv6 half); unknown when some group's rules are not in the files.
  let worldAdmitted: Tri = net.securityGroupsComplete ? false : 'unknown';
  let world6Admitted: Tri = worldAdmitted;
  // 0.0.0.0/1 + 128.0.0.0/1 on the same ports admit the internet as 0.0.0.0/0 does.
  const split = new Set(splitWorldRules(net.securityGroups, 'ingress'));
  for (const group of net.securityGroups) {
    for (const rule of effectiveRules(group, 'ingress')) {
      addIngressFromRule(ingress, rule, owners, split.has(rule));
      const world = split.has(rule) ? true : peerIsWorld(rule.peer);
      worldAdmitted = triOr(worldAdmitted, world);
      if (rule.peer.kind !== 'cidr4') world6Admitted = triOr(world6Admitted, world);
    }
  }
  for (const id of net.securityGroupIds) {
    if (net.securityGroups.some((g) => g.id === id && g.external !== true)) continue;
    ingress.push({ kind: 'unknown', ref: id, protocol: 'unknown', ports: 'unknown', source: net.service.securityGroups.source });
  }

  let internetIngress: Tri = net.awsvpc === false ? 'unknown' : triOr(triAnd(worldAdmitted, directlyReachable(net)), triAnd(world6Admitted, reachableOverIpv6(net)));

  // A load balancer outside the files (a classic one, an imported target group, or a listener in
  // another stack) may be internet-facing and open: unknown, unless the task groups cannot admit it.
  if (net.awsvpc !== false) {
    for (const port of unseenLoadBalancerPorts(net.service, index)) {
      internetIngress = triOr(internetIngress, triAnd('unknown', unseenLoadBalancerAdmitted(net, index, port)));
    }
  }
  for (const { lb, port, source } of forwardingLoadBalancers(net.service, index)) {
    let entry = ingress.find((i) => i.kind === 'load-balancer' && i.ref === lb.id);
    if (entry === undefined) {
      entry = { kind: 'load-balancer', ref: lb.id, protocol: 'tcp', ports: port === undefined ? 'unknown' : String(port), source, internet: false };
      ingress.push(entry);
    }
    const internetFacing: Tri = lb.scheme.known ? lb.scheme.value === 'internet-facing' : 'unknown';
    if (internetFacing === false) continue;
    const through = triAnd(internetFacing, loadBalancerOpen(index, lb, net.service), loadBalancerAdmitted(net, index, lb, port));
    entry.internet = triOr(entry.internet ?? false, through);
    internetIngress = triOr(internetIngress, through);
  }
  // A load balancer the task groups admit but that forwards to no target group of the service:
  // ECS registers the tasks only in the target groups of the service's LoadBalancers, so the
  // internet does not reach them through it, whatever its scheme.
  for (const entry of ingress) if (entry.kind === 'load-balancer') entry.internet ??= false;
  return { ingress, internetIngress };
}

/** Whether the internet may reach the tasks at their IPv6 addresses (see SubnetNetwork.ipv6Inbound). */
function reachableOverIpv6(net: ServiceNetwork): Tri {
  let reachable: Tri = false;
  for (const s of net.subnets) reachable = triOr(reachable, s.ipv6Inbound);
  return reachable;
}

/**
 * Whether the internet reaches the tasks at their IPv4 addresses without a load balancer: they get
 * a public IP in a subnet that routes to an internet gateway. Tasks without a public IP are not,
 * whatever their subnets (IPv6: see reachableOverIpv6).
 */
function directlyReachable(net: ServiceNetwork): Tri {
  // A public IP one outcome of an undecided Fn::If assigns counts, as a rule one outcome writes
  // does: the deployments of that outcome are reachable. (Coverage reads it as unknown: whether
  // the internet gateway route is usable differs by outcome.)
  const publicIp: Tri = whenValue(net.publicIp, true) !== false ? true : net.publicIp.known ? net.publicIp.value : 'unknown';
  if (publicIp === false) return false;
  let reachable: Tri = net.subnetsResolved && net.subnets.length > 0 ? false : 'unknown';
  for (const s of net.subnets) {
    const publicSubnet: Tri = s.defaultRoute === 'unknown' ? 'unknown' : s.defaultRoute !== 'igw' ? false : publicIp;
    reachable = triOr(reachable, publicSubnet);
  }
  return reachable;
}

/**
 * Whether the load balancer's own SGs admit the internet on a port it forwards to the service from.
 * An internet-facing scheme only gives it public addresses: its groups decide who may connect, and
 * one that admits only the corporate range keeps the service off the internet however the task SG
 * is written.
 */
function loadBalancerOpen(index: InfraIndex, lb: LoadBalancer, service: Service): Tri {
  const refs = lb.securityGroups;
  // A Network Load Balancer created without SGs never has any, and a Gateway Load Balancer cannot:
  // they pass traffic on to the targets, whose SGs alone decide.
  if (refs.known && refs.items.length === 0 && (lb.type === 'network' || lb.type === 'gateway')) return true;
  // An ALB declared without SGs gets the VPC default SG, as a task does.
  const vpcIds = new Set(index.all(lb.subnets, index.infra.subnets).map(subnetVpcId));
  const groups = resolveGroups(index, refs, vpcIds.size === 1 ? [...vpcIds][0] : undefined, lb);
  const open = ingressAdmitsWorld(groups.groups, forwardingListenerPorts(index, lb, service));
  // A group outside the files may hold a world rule the files do not show.
  return open === false && !groups.complete ? 'unknown' : open;
}

/** Listeners by the id of their load balancer, once per analysis: each service behind one asks. */
const listenersByIndex = new WeakMap<InfraIndex, Map<string, Listener[]>>();

function listenersOf(index: InfraIndex, lb: LoadBalancer): Listener[] {
  let byLb = listenersByIndex.get(index);
  if (byLb === undefined) {
    byLb = new Map();
    for (const listener of index.infra.listeners) {
      const owner = index.resolve(listener.loadBalancer, index.infra.loadBalancers);
      if (owner === undefined) continue;
      const list = byLb.get(owner.id);
      if (list === undefined) byLb.set(owner.id, [listener]);
      else list.push(listener);
    }
    listenersByIndex.set(index, byLb);
  }
  return byLb.get(lb.id) ?? [];
}

/**
 * The target groups a listener forwards to (its rules' included), once per listener: a listener
 * with a rule per service is asked by every service behind it.
 */
function forwardedTargetGroups(listener: Listener): Set<string> {
  let ids = forwardedByListener.get(listener);
  if (ids === undefined) {
    ids = new Set();
    for (const action of listener.actions) for (const t of action.targetGroups) if (t.kind === 'resource') ids.add(t.id);
    forwardedByListener.set(listener, ids);
  }
  return ids;
}

const forwardedByListener = new WeakMap<Listener, Set<string>>();

/**
 * The ports of the load balancer's listeners that forward to one of the service's target groups.
 * Undefined, meaning any port, when none is in the files or one's port is unknown, or when one
 * carries UDP (the ports checked are TCP).
 */
function forwardingListenerPorts(index: InfraIndex, lb: LoadBalancer, service: Service): number[] | undefined {
  const targetGroupIds = new Set<string>();
  for (const attachment of service.loadBalancers) {
    const tg = index.resolve(attachment.targetGroup, index.infra.targetGroups);
    if (tg !== undefined) targetGroupIds.add(tg.id);
  }
  const ports: number[] = [];
  for (const listener of listenersOf(index, lb)) {
    const forwarded = forwardedTargetGroups(listener);
    if (![...targetGroupIds].some((id) => forwarded.has(id))) continue;
    if (!listener.port.known || !listener.protocol.known || listener.protocol.value.includes('UDP')) return undefined;
    ports.push(listener.port.value);
  }
  return ports.length === 0 ? undefined : ports;
}

/** Whether the task SG lets the load balancer's traffic in: from its SGs, or from its subnets' CIDRs. */
function loadBalancerAdmitted(net: ServiceNetwork, index: InfraIndex, lb: LoadBalancer, port: number | undefined): Tri {
  // Without the LB's addresses (its subnets' CIDRs) only its SGs or a world rule prove admission, and
  // a CIDR rule may or may not hold them; task groups with no CIDR rule at all do not admit it.
  return port === undefined ? 'unknown' : taskGroupsAdmit(net, index, port, loadBalancerOrigin(index, lb));
}

/** Whether the task groups admit TCP `port` from `origin`; a group outside the files may, when they do not. */
function taskGroupsAdmit(net: ServiceNetwork, index: InfraIndex, port: number | undefined, origin: IngressOrigin): Tri {
  if (port === undefined) return 'unknown';
  const admitted = ingressAllows(net.securityGroups, port, origin, index);
  return admitted === false && !net.securityGroupsComplete ? 'unknown' : admitted;
}

/** One load balancer usually fronts many services: its origin is worked out once per analysis. */
const originsByIndex = new WeakMap<InfraIndex, Map<LoadBalancer, IngressOrigin>>();

/** The CIDRs of the subnets a list names, when every one is in the files with a known CIDR. */
export function knownSubnetCidrs(index: InfraIndex, refs: RefList): string[] | undefined {
  const subnets = index.all(refs, index.infra.subnets);
  if (!refs.known || subnets.length !== refs.items.length) return undefined;
  const cidrs: string[] = [];
  for (const s of subnets) {
    if (!s.cidr.known) return undefined;
    cidrs.push(s.cidr.value);
  }
  return cidrs;
}

/**
 * Where a load balancer's traffic comes from: its SGs (and maybe others when their list is not fully
 * known), and its subnets' CIDRs when all are known.
 */
function loadBalancerOrigin(index: InfraIndex, lb: LoadBalancer): IngressOrigin {
  let origins = originsByIndex.get(index);
  if (origins === undefined) originsByIndex.set(index, (origins = new Map()));
  let origin = origins.get(lb);
  if (origin === undefined) {
    const refs = lb.securityGroups;
    origin = {
      sgIds: refs.items.filter((r) => r.kind !== 'unknown').map(refId),
      otherGroups: !refs.known || refs.items.some((r) => r.kind === 'unknown'),
      cidrs: knownSubnetCidrs(index, lb.subnets),
    };
    origins.set(lb, origin);
  }
  return origin;
}
