// Helpers shared by the network rules (FW201–FW210). Kept here rather than in analysis/ because
// they encode rule policy (which services are in scope, how a rule is named in a message).
import type { Entity, EntityRef, LoadBalancer, Peer, SecurityGroup, SecurityGroupRule, Service } from '../../model/index.ts';
import type { InfraIndex } from '../../analysis/infra-index.ts';
import { isWorldCidr } from '../../analysis/cidr.ts';
import type { WorldInPieces } from '../../analysis/security-group-match.ts';
import { listWords, plural } from '../words.ts';
export { listWords, plural };

/**
 * Whether a service's tasks get their own ENI (awsvpc), which is what makes public IPs, task
 * security groups, task subnets and per-task IP consumption meaningful. Fargate always uses
 * awsvpc; an EC2-launch service counts only when its task definition says awsvpc. When the launch
 * type is unknown we judge it unless the task definition rules awsvpc out.
 */
export function usesTaskNetworking(index: InfraIndex, service: Service): boolean {
  if (service.fargate === true) return true;
  const mode = index.taskDefinition(service.taskDefinition)?.networkMode;
  const awsvpc = mode?.known === true ? mode.value.toLowerCase() === 'awsvpc' : undefined;
  if (service.fargate === false) return awsvpc === true;
  return awsvpc !== false;
}

/**
 * Every network rule and some fixes walk the services and their groups: both answers are
 * computed once per analysis (its index) and shared, so callers must not modify them.
 */
const networkingByIndex = new WeakMap<InfraIndex, { services?: readonly Service[]; groups: Map<Service, readonly SecurityGroup[]> }>();

function networkingOf(index: InfraIndex): { services?: readonly Service[]; groups: Map<Service, readonly SecurityGroup[]> } {
  let cached = networkingByIndex.get(index);
  if (cached === undefined) networkingByIndex.set(index, (cached = { groups: new Map() }));
  return cached;
}

export function taskNetworkedServices(index: InfraIndex): readonly Service[] {
  const cached = networkingOf(index);
  return (cached.services ??= index.infra.services.filter((s) => usesTaskNetworking(index, s)));
}

/**
 * The declared security groups a service's tasks run with. The VPC default SG stand-in is left
 * out: it is never in the files, so there is no line to point at, and FW205 reports that case.
 */
export function taskSecurityGroups(index: InfraIndex, service: Service): readonly SecurityGroup[] {
  const { groups } = networkingOf(index);
  let found = groups.get(service);
  if (found === undefined) groups.set(service, (found = declaredTaskGroups(index, service)));
  return found;
}

function declaredTaskGroups(index: InfraIndex, service: Service): SecurityGroup[] {
  const seen = new Set<string>();
  const out: SecurityGroup[] = [];
  for (const sg of index.all(service.securityGroups, index.infra.securityGroups)) {
    if (sg.isDefault === true || seen.has(sg.id)) continue;
    seen.add(sg.id);
    out.push(sg);
  }
  return out;
}

export function isWorldPeer(peer: Peer): boolean {
  return (peer.kind === 'cidr4' || peer.kind === 'cidr6') && isWorldCidr(peer.cidr);
}

export function isCidrPeer(peer: Peer): peer is Extract<Peer, { kind: 'cidr4' | 'cidr6' }> {
  return peer.kind === 'cidr4' || peer.kind === 'cidr6';
}

function isAllProtocols(protocol: string): boolean {
  const p = protocol.toLowerCase();
  return p === 'all' || p === '-1';
}

/** Whether the rule's port range contains `port` (unknown ports count: the rule may well cover it). */
export function ruleCoversPort(rule: SecurityGroupRule, port: number): boolean {
  if (isAllProtocols(rule.protocol)) return true;
  const p = rule.protocol.toLowerCase();
  if (p !== 'tcp' && p !== '6') return false;
  if (!rule.portsKnown) return true;
  return rule.fromPort <= port && port <= rule.toPort;
}

/** Allows every protocol, or every TCP port: for outbound traffic both amount to "anything". */
export function isAllTraffic(rule: SecurityGroupRule): boolean {
  if (isAllProtocols(rule.protocol)) return true;
  const p = rule.protocol.toLowerCase();
  return (p === 'tcp' || p === '6') && rule.portsKnown && rule.fromPort <= 0 && rule.toPort >= 65535;
}

/** Human wording of a rule's protocol and ports, e.g. `TCP 443`, `all traffic`, `TCP 8000-8100`. */
export function describePorts(rule: SecurityGroupRule): string {
  if (isAllProtocols(rule.protocol)) return 'all traffic';
  const p = rule.protocol.toLowerCase();
  if (p === 'unknown') return 'traffic (protocol unknown)';
  if (p === 'icmp' || p === '1') return 'ICMP';
  if (p === 'icmpv6' || p === '58') return 'ICMPv6';
  const name = p === 'tcp' || p === '6' ? 'TCP' : p === 'udp' || p === '17' ? 'UDP' : undefined;
  if (name === undefined) return `protocol ${rule.protocol}`;
  if (!rule.portsKnown) return `${name} (ports unknown)`;
  if (rule.fromPort <= 0 && rule.toPort >= 65535) return `all ${name} ports`;
  if (rule.fromPort === rule.toPort) return `${name} ${rule.fromPort}`;
  return `${name} ${rule.fromPort}-${rule.toPort}`;
}

/** Most other pieces a finding names; the rest are counted (a template can split the world into thousands). */
export const NAMED_PIECES_CAP = 8;

/** Each piece's rules as a set, built once per worldInPieces result: every rule of it asks. */
const pieceMembers = new WeakMap<WorldInPieces, ReadonlySet<SecurityGroupRule>>();

function membersOf(piece: WorldInPieces): ReadonlySet<SecurityGroupRule> {
  let members = pieceMembers.get(piece);
  if (members === undefined) pieceMembers.set(piece, (members = new Set(piece.rules)));
  return members;
}

/**
 * How a finding names the world in pieces a rule of `group` takes part in: what the pieces together
 * let through from (or to) every address (`TCP 443`), and the other pieces, each by its range, with
 * its ports when they differ from the rule's and its group when it is another one. Past
 * NAMED_PIECES_CAP the others are counted, and so are the port ranges: every piece is reported, and
 * a message naming all the others (or all the ranges the rule completes, which the all-protocol
 * rules of worldInPieces can make thousands) would make the report grow with the square of their number.
 */
export function describeWorldPieces(
  rule: SecurityGroupRule, group: SecurityGroup, pieces: readonly WorldInPieces[], groups: readonly SecurityGroup[],
): { open: string; others: string } {
  const mine = pieces.filter((piece) => membersOf(piece).has(rule));
  const open = [...new Set(mine.map((piece) => describePorts({ ...rule, protocol: piece.protocol, fromPort: piece.fromPort, toPort: piece.toPort, portsKnown: true })))];
  const involved = mine.length === 1 ? membersOf(mine[0]!) : new Set(mine.flatMap((piece) => piece.rules));
  const count = involved.size - (involved.has(rule) ? 1 : 0);
  // In the order the groups declare them, the rule's own group first, whichever protocol's pieces they were found among.
  const named = new Set<string>();
  let seen = 0;
  for (const owner of [group, ...groups.filter((g) => g !== group)]) {
    for (const other of owner.rules) {
      if (named.size === NAMED_PIECES_CAP || seen === count) break;
      if (other === rule || !involved.has(other)) continue;
      seen++;
      const cidr = isCidrPeer(other.peer) ? other.peer.cidr : '';
      const ports = describePorts(other) === describePorts(rule) ? '' : ` (${describePorts(other)})`;
      named.add(`${cidr}${ports}${owner === group ? '' : ` of ${owner.logicalId}`}`);
    }
  }
  const rest = count - seen;
  return { open: listWords(firstNamed(open)), others: listWords(rest > 0 ? [...named, `${rest} more`] : [...named]) };
}

/** The first NAMED_PIECES_CAP names, the rest counted (`… and 292 more`). */
function firstNamed(names: readonly string[]): string[] {
  return names.length <= NAMED_PIECES_CAP ? [...names] : [...names.slice(0, NAMED_PIECES_CAP), `${names.length - NAMED_PIECES_CAP} more`];
}

/** What a user would call a referenced entity: its logical ID when declared, else the literal. */
export function refLabel(ref: EntityRef, index?: InfraIndex): string {
  if (ref.kind === 'resource') {
    const found = index?.entity(ref.id);
    if (found !== undefined) return found.logicalId;
    const hash = ref.id.lastIndexOf('#');
    return hash >= 0 ? ref.id.slice(hash + 1) : ref.id;
  }
  return ref.kind === 'external' ? ref.value : `unknown (${ref.reason})`;
}

/**
 * Where to attach a finding about one security-group rule: the standalone
 * `AWS::EC2::SecurityGroupIngress/Egress` resource when the rule is one (so its own Metadata
 * suppressions apply), else the group, at the rule's line when it is in the same file.
 */
export function ruleLocation(index: InfraIndex, sg: SecurityGroup, rule: SecurityGroupRule): { entity: Entity; line: number } {
  let entity: Entity = sg;
  if (rule.standaloneId !== undefined) {
    const standalone = index.entity(rule.standaloneId) ?? index.infra.resources.find((r) => r.id === rule.standaloneId);
    if (standalone !== undefined) entity = standalone;
  }
  return { entity, line: lineIn(entity, rule.source) };
}

/** A line inside `entity`'s file: `source`'s line when it is in that file, else the entity's own. */
export function lineIn(entity: Entity, source: { file: string; line: number }): number {
  return source.file === entity.file ? source.line : entity.source.line;
}

/**
 * Load balancers that forward to the service: through its target groups' `loadBalancers`, and
 * through listeners whose actions name those target groups (the adapter may fill either).
 */
export function serviceLoadBalancers(index: InfraIndex, service: Service): LoadBalancer[] {
  const { infra } = index;
  const out = new Map<string, LoadBalancer>();
  const byTargetGroup = listenersByTargetGroup(index);
  const listeners = new Set<number>();
  for (const slb of service.loadBalancers) {
    const tg = index.resolve(slb.targetGroup, infra.targetGroups);
    if (tg === undefined) continue;
    for (const lb of index.all(tg.loadBalancers, infra.loadBalancers)) out.set(lb.id, lb);
    for (const i of byTargetGroup.get(tg.id) ?? []) listeners.add(i);
  }
  // In the order the listeners are declared, as a walk over all of them would find them.
  for (const i of [...listeners].sort((a, b) => a - b)) {
    const lb = index.resolve(infra.listeners[i].loadBalancer, infra.loadBalancers);
    if (lb !== undefined) out.set(lb.id, lb);
  }
  return [...out.values()];
}

const listenersByIndex = new WeakMap<InfraIndex, Map<string, number[]>>();

/** Positions in `infra.listeners` of the listeners whose actions forward to each target group id. */
function listenersByTargetGroup(index: InfraIndex): Map<string, number[]> {
  const cached = listenersByIndex.get(index);
  if (cached !== undefined) return cached;
  const byTargetGroup = new Map<string, number[]>();
  index.infra.listeners.forEach((listener, i) => {
    for (const action of listener.actions) {
      for (const t of action.targetGroups) {
        if (t.kind !== 'resource') continue;
        const list = byTargetGroup.get(t.id);
        if (list === undefined) byTargetGroup.set(t.id, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    }
  });
  listenersByIndex.set(index, byTargetGroup);
  return byTargetGroup;
}

