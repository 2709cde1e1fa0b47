import type { EntityRef, NatGateway, Route, RouteTable, Subnet } from '../model/index.ts';
import { cidrsCoverWorld, isWorldCidr, parseCidr } from './cidr.ts';
import type { InfraIndex } from './infra-index.ts';
import { refId } from './infra-index.ts';

export type DefaultRouteKind = 'igw' | 'nat' | 'tgw' | 'peering' | 'vpce' | 'instance' | 'eni' | 'other' | 'none' | 'unknown';

export interface DefaultRoute {
  kind: DefaultRouteKind;
  route?: Route;
  routeTable?: RouteTable;
  /** Why the kind is `unknown`, for reports. */
  reason?: string;
}

/** The route table associated with a subnet, or undefined (main route table, or not in the files). */
export function subnetRouteTable(index: InfraIndex, subnet: Subnet): RouteTable | undefined {
  return index.resolve(subnet.routeTable, index.infra.routeTables);
}

/**
 * The IPv4 default route (0.0.0.0/0) of the subnet's route table. A subnet without an explicit
 * association uses the VPC's main route table, which CloudFormation cannot declare: `unknown`.
 */
export function subnetDefaultRoute(index: InfraIndex, subnet: Subnet): DefaultRoute {
  if (subnet.routeTable === undefined) {
    return { kind: 'unknown', reason: `subnet ${subnet.logicalId} has no route table association (the VPC's main route table applies)` };
  }
  const routeTable = subnetRouteTable(index, subnet);
  if (routeTable === undefined) {
    return { kind: 'unknown', reason: `route table ${refId(subnet.routeTable)} of subnet ${subnet.logicalId} is not in the scanned files` };
  }
  return routeTableDefaultRoute(routeTable);
}

export function routeTableDefaultRoute(routeTable: RouteTable): DefaultRoute {
  // Pieces that cover the world win over 0.0.0.0/0 by longest prefix.
  const split = splitDefaultRoute(routeTable);
  if (split !== undefined) return split;
  const defaults = routeTable.routes.filter((r) => r.destinationKind === 'cidr4' && r.destination.known && isWorldCidr(r.destination.value));
  const route = defaults[0];
  if (route !== undefined) return { kind: routeKind(route), route, routeTable };
  // A route whose destination we cannot read might be the default route.
  const unreadable = routeTable.routes.find((r) => r.destinationKind !== 'prefixList' && !r.destination.known);
  if (unreadable !== undefined) {
    return { kind: 'unknown', route: unreadable, routeTable, reason: `a route of ${routeTable.logicalId} has an unresolved destination` };
  }
  return { kind: 'none', routeTable };
}

/**
 * Whether the route table sends `::/0` to an internet gateway, which, unlike an egress-only one,
 * lets the internet in to the IPv6 addresses behind it. Unknown when a route's destination is not
 * read.
 */
export function routeTableIpv6ToInternetGateway(routeTable: RouteTable): boolean | 'unknown' {
  const route = routeTable.routes.find((r) => r.destinationKind === 'cidr6' && r.destination.known && isWorldCidr(r.destination.value));
  if (route !== undefined) return route.target === 'igw' ? true : route.target === 'unknown' ? 'unknown' : false;
  // ::/1 + 8000::/1 to an internet gateway lets the internet in as surely as ::/0 does.
  if (cidrsCoverWorld(routeTable.routes.filter((r) => r.destinationKind === 'cidr6' && r.destination.known && r.target === 'igw').map(destination), 6)) return true;
  return routeTable.routes.some((r) => r.destinationKind !== 'prefixList' && !r.destination.known) ? 'unknown' : false;
}

/** A route's destination as written, or '' when the files do not decide it. */
function destination(route: Route): string {
  return route.destination.known ? route.destination.value : '';
}

/**
 * The default route written in pieces: 0.0.0.0/1 + 128.0.0.0/1 (the VPN-client idiom) send every
 * public address somewhere as surely as 0.0.0.0/0 does, and win over it by longest prefix. Routes to
 * one kind of target that together cover the world are that kind; pieces to different kinds send
 * some AWS endpoints one way and some the other: unknown.
 */
function splitDefaultRoute(routeTable: RouteTable): DefaultRoute | undefined {
  const pieces = routeTable.routes.filter((r) => r.destinationKind === 'cidr4' && (parseCidr(destination(r))?.prefix ?? 0) > 0);
  if (!cidrsCoverWorld(pieces.map(destination), 4)) return undefined;
  const kinds = [...new Set(pieces.map(routeKind))];
  for (const kind of kinds) {
    const same = pieces.filter((r) => routeKind(r) === kind);
    if (cidrsCoverWorld(same.map(destination), 4)) return { kind, route: same[0], routeTable };
  }
  return {
    kind: 'unknown', route: pieces[0], routeTable,
    reason: `${routeTable.logicalId} splits the default route between ${kinds.join(' and ')} targets, so which one reaches an AWS endpoint depends on its address`,
  };
}

function routeKind(route: Route): DefaultRouteKind {
  switch (route.target) {
    case 'igw': case 'nat': case 'tgw': case 'peering': case 'vpce': case 'instance': case 'eni': case 'other': case 'unknown':
      return route.target;
    // IPv6-only gateways cannot carry IPv4 traffic; a 0.0.0.0/0 route to one is a dead end.
    case 'egress-only-igw':
      return 'other';
    default:
      return 'unknown';
  }
}

/**
 * Whether the NAT gateway a route points at actually reaches the internet: a private NAT gateway
 * never does, and a public one only when its own subnet routes to an internet gateway. A NAT
 * gateway referenced by id (outside the files) is taken at its word: the route says NAT.
 */
export function natReachesInternet(index: InfraIndex, target: EntityRef | undefined): boolean | 'unknown' {
  if (target === undefined) return 'unknown';
  if (target.kind === 'external') return true;
  const nat: NatGateway | undefined = index.resolve(target, index.infra.natGateways);
  if (nat === undefined) return 'unknown';
  if (nat.connectivity === 'private') return false;
  const natSubnet = index.subnet(nat.subnet);
  if (natSubnet === undefined) return true;
  const route = subnetDefaultRoute(index, natSubnet);
  if (route.kind === 'igw') return true;
  if (route.kind === 'unknown') return 'unknown';
  return false;
}
