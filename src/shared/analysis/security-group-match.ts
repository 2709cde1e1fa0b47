import type { EntityRef, SecurityGroup, SecurityGroupRule, SourceRef } from '../model/index.ts';
import { cidrBounds, cidrContains, cidrsContain, cidrsCoverWorld, isWorldCidr, parseCidr } from './cidr.ts';
import type { InfraIndex } from './infra-index.ts';
import { refId } from './infra-index.ts';

/** Three-valued logic: `unknown` means the files do not decide. */
export type Tri = boolean | 'unknown';

export function triOr(...values: Tri[]): Tri {
  if (values.includes(true)) return true;
  return values.includes('unknown') ? 'unknown' : false;
}

export function triAnd(...values: Tri[]): Tri {
  if (values.includes(false)) return false;
  return values.includes('unknown') ? 'unknown' : true;
}

export type EgressDestination =
  | { kind: 'cidr'; cidr: string }
  | { kind: 'sg'; ids: string[] }
  /** A gateway endpoint's AWS-managed prefix list; `ids` are prefix list ids known to be that list. */
  | { kind: 'prefixList'; service: 's3' | 'dynamodb'; ids?: string[] }
  /** Any public address (an AWS API reached through NAT or an internet gateway). */
  | { kind: 'internet' };

export interface IngressOrigin {
  /** Security group ids the traffic comes from (entity ids or `sg-…` values). */
  sgIds: string[];
  /** The traffic may also come from groups the files do not name: any group reference may admit it. */
  otherGroups?: boolean;
  /**
   * Every CIDR the traffic may come from: all must be admitted. Undefined when its addresses are not
   * known (a load balancer whose subnets are not in the files): then only a world IPv4 rule surely
   * admits them, and any other CIDR or a prefix list may.
   */
  cidrs?: string[];
}

/** Protocols that carry TCP (the port-443 HTTPS every AWS API uses). */
function carriesTcp(protocol: string): boolean {
  const p = protocol.toLowerCase();
  return p === 'tcp' || p === 'all' || p === '-1' || p === '6';
}

function coversPort(rule: SecurityGroupRule, port: number): Tri {
  const p = rule.protocol.toLowerCase();
  // All-protocol rules ignore the port range (CloudFormation even allows arbitrary ports on them).
  if (p === 'all' || p === '-1') return true;
  if (!carriesTcp(p)) return false;
  if (!rule.portsKnown) return 'unknown';
  return rule.fromPort <= port && port <= rule.toPort;
}

/**
 * The rules of a group in effect for a direction, with CloudFormation's implicit allow-all egress
 * added when the source reports the flag but did not materialise the rule.
 */
export function effectiveRules(group: SecurityGroup, direction: 'ingress' | 'egress'): readonly SecurityGroupRule[] {
  let split = rulesByGroup.get(group);
  if (split === undefined) {
    const ingress = group.rules.filter((r) => r.direction === 'ingress');
    let egress = group.rules.filter((r) => r.direction === 'egress');
    if (group.implicitEgress && egress.length === 0) {
      egress = [allowAllRule('egress', { kind: 'cidr4', cidr: '0.0.0.0/0' }, { ...group.source, explicit: false })];
    }
    split = { ingress, egress };
    rulesByGroup.set(group, split);
  }
  return split[direction];
}

/**
 * A group's rules split by direction, once: every check of every service walks them. The model is
 * complete before it is analysed and not changed afterwards, so the split stays right.
 */
const rulesByGroup = new WeakMap<SecurityGroup, { ingress: readonly SecurityGroupRule[]; egress: readonly SecurityGroupRule[] }>();

function allowAllRule(direction: 'ingress' | 'egress', peer: SecurityGroupRule['peer'], source: SourceRef): SecurityGroupRule {
  return { direction, protocol: 'all', fromPort: 0, toPort: 65535, portsKnown: true, peer, source };
}

const DEFAULT_SG_PREFIX = 'default-sg:';

/** The id the VPC default security group stand-in carries, so task and endpoint sides agree on it. */
export function defaultSecurityGroupId(vpcId: string | undefined): string {
  return `${DEFAULT_SG_PREFIX}${vpcId ?? 'unknown-vpc'}`;
}

/**
 * The VPC default security group, which templates never declare: AWS creates it with all egress
 * (IPv4 and IPv6) and ingress only from members of the group itself.
 */
export function defaultSecurityGroup(vpcId: string | undefined, anchor: SourceRef): SecurityGroup {
  const id = defaultSecurityGroupId(vpcId);
  const source: SourceRef = { ...anchor, explicit: false };
  const self: EntityRef = { kind: 'resource', id, source };
  return {
    id,
    logicalId: vpcId === undefined ? 'default security group' : `default security group of ${vpcId}`,
    file: anchor.file,
    stackId: anchor.file,
    source,
    suppressions: [],
    rules: [
      allowAllRule('ingress', { kind: 'sg', group: self }, source),
      allowAllRule('egress', { kind: 'cidr4', cidr: '0.0.0.0/0' }, source),
      allowAllRule('egress', { kind: 'cidr6', cidr: '::/0' }, source),
    ],
    implicitEgress: false,
    isDefault: true,
  };
}

// `s3` at a word start: `com.amazonaws.eu-west-1.s3`, `S3PrefixList`, `Network-S3PrefixListId`.
const S3_NAME = /(^|[^a-z0-9])s3/i;
const DYNAMODB_NAME = /dynamodb/i;

/**
 * Whether a prefix-list peer is the AWS-managed list of a gateway endpoint's service. A customer
 * managed AWS::EC2::PrefixList from the files is not; a reference to the gateway endpoint itself
 * (Terraform's `prefix_list_id`) is; an id from outside the files is only when its spelling says so.
 */
function prefixListMatches(index: InfraIndex, ref: EntityRef, service: 's3' | 'dynamodb', ids: string[] | undefined): Tri {
  const byName = service === 's3' ? S3_NAME : DYNAMODB_NAME;
  if (ref.kind === 'resource') {
    if (ids?.includes(ref.id) === true) return true;
    const endpoint = index.resolve(ref, index.infra.vpcEndpoints);
    if (endpoint !== undefined) {
      if (!endpoint.service.known) return 'unknown';
      return endpoint.type === 'Gateway' && endpoint.service.value === service;
    }
    const type = index.resourceType(ref.id);
    if (type === 'AWS::EC2::PrefixList') return false;
    return byName.test(ref.id) ? true : 'unknown';
  }
  const text = ref.kind === 'external' ? ref.value : ref.reason;
  if (ids?.includes(text) === true) return true;
  return byName.test(text) ? true : 'unknown';
}

function sgRefMatches(ref: EntityRef, ids: string[]): Tri {
  if (ref.kind === 'unknown') return 'unknown';
  return ids.includes(refId(ref));
}

/** Whether one egress rule lets TCP `port` out to the destination. */
export function egressRuleAllows(rule: SecurityGroupRule, port: number, dest: EgressDestination, index: InfraIndex): Tri {
  const portOk = coversPort(rule, port);
  if (portOk === false) return false;
  const peer = rule.peer;
  let peerOk: Tri;
  switch (peer.kind) {
    case 'cidr4':
    case 'cidr6': {
      if (dest.kind === 'sg') {
        // An SG destination's members have addresses we do not know; only the whole range surely
        // covers them, and the IPv4 one: interface endpoints take IPv4 addresses unless made dual-stack.
        peerOk = peer.kind === 'cidr4' && isWorldCidr(peer.cidr) ? true : parseCidr(peer.cidr) === undefined ? 'unknown' : false;
      } else if (dest.kind === 'cidr') {
        peerOk = cidrContains(peer.cidr, dest.cidr) ? true : parseCidr(peer.cidr) === undefined || parseCidr(dest.cidr) === undefined ? 'unknown' : false;
      } else {
        // AWS public endpoints and the S3/DynamoDB prefix lists are IPv4 public ranges.
        peerOk = peer.kind === 'cidr4' && isWorldCidr(peer.cidr) ? true : parseCidr(peer.cidr) === undefined ? 'unknown' : false;
      }
      break;
    }
    case 'sg':
      peerOk = dest.kind === 'sg' ? sgRefMatches(peer.group, dest.ids) : false;
      break;
    case 'prefixList':
      peerOk = dest.kind === 'prefixList' ? prefixListMatches(index, peer.prefixList, dest.service, dest.ids) : dest.kind === 'internet' ? false : 'unknown';
      break;
    default:
      peerOk = 'unknown';
  }
  return triAnd(portOk, peerOk);
}

/**
 * Whether any of the groups lets TCP `port` out to the destination. Groups are those attached to the
 * ENI; a caller that could not resolve some of them should turn `false` into `unknown`.
 */
export function egressAllows(groups: SecurityGroup[], port: number, dest: EgressDestination, index: InfraIndex): Tri {
  let result: Tri = false;
  const pieces: string[] = [];
  for (const group of groups) {
    for (const rule of effectiveRules(group, 'egress')) {
      const allowed = egressRuleAllows(rule, port, dest, index);
      if (allowed === true) return true;
      if (allowed === 'unknown') result = 'unknown';
      if ((rule.peer.kind === 'cidr4' || rule.peer.kind === 'cidr6') && coversPort(rule, port) === true) pieces.push(rule.peer.cidr);
    }
  }
  // No one rule holds the destination, but several CIDR rules together may: 0.0.0.0/1 + 128.0.0.0/1
  // is the whole internet (only IPv4 counts for destinations whose addresses are not known).
  if (pieces.length > 1) {
    const together = dest.kind === 'cidr' ? cidrsContain(pieces, dest.cidr) : cidrsCoverWorld(pieces, 4);
    if (together) return true;
  }
  return result;
}

/**
 * Loopback ranges. Traffic to them never leaves the ENI, so an egress rule toward one lets nothing
 * out: CloudFormation's way of declaring "no egress" is a single rule to 127.0.0.1/32, because a
 * group declared without egress rules gets allow-all.
 */
const LOOPBACK = ['127.0.0.0/8', '::1/128'];

function isLoopback(cidr: string): boolean {
  return LOOPBACK.some((range) => cidrContains(range, cidr));
}

/**
 * Whether some egress rule of the groups may let TCP `port` leave the ENI at all, whatever the
 * destination. Only a rule toward a loopback range leads nowhere; any other CIDR, a group, a prefix
 * list or an unresolved peer may reach an AWS endpoint or the internet. So `false` means the groups
 * certainly send nothing on the port anywhere, which needs no subnet, route or endpoint to decide.
 * A caller that could not resolve some of the groups should turn `false` into `unknown`.
 */
export function egressLeavesEni(groups: SecurityGroup[], port: number): Tri {
  let result: Tri = false;
  for (const group of groups) {
    for (const rule of effectiveRules(group, 'egress')) {
      const portOk = coversPort(rule, port);
      if (portOk === false) continue;
      const peer = rule.peer;
      let leaves: Tri = true;
      if (peer.kind === 'cidr4' || peer.kind === 'cidr6') leaves = isLoopback(peer.cidr) ? false : parseCidr(peer.cidr) === undefined ? 'unknown' : true;
      else if (peer.kind !== 'sg' && peer.kind !== 'prefixList') leaves = 'unknown';
      const allowed = triAnd(portOk, leaves);
      if (allowed === true) return true;
      if (allowed === 'unknown') result = 'unknown';
    }
  }
  return result;
}

/** Whether one ingress rule admits TCP `port` from the given CIDR. */
function ingressRuleAdmitsCidr(rule: SecurityGroupRule, cidr: string): Tri {
  const peer = rule.peer;
  if (peer.kind === 'cidr4' || peer.kind === 'cidr6') {
    if (cidrContains(peer.cidr, cidr)) return true;
    return parseCidr(peer.cidr) === undefined || parseCidr(cidr) === undefined ? 'unknown' : false;
  }
  // A customer prefix list could hold the range; an unknown peer could be anything.
  if (peer.kind === 'prefixList' || peer.kind === 'unknown') return 'unknown';
  return false;
}

/**
 * Whether the groups admit TCP `port` from the origin: a rule referencing one of its groups, or
 * CIDR rules that together contain every one of its CIDRs (when its CIDRs are not known, a world
 * rule; any other CIDR rule leaves it undecided).
 */
export function ingressAllows(groups: SecurityGroup[], port: number, from: IngressOrigin, _index: InfraIndex): Tri {
  let sg: Tri = false;
  for (const group of groups) {
    for (const rule of effectiveRules(group, 'ingress')) {
      const portOk = coversPort(rule, port);
      if (portOk === false) continue;
      let admitted: Tri = false;
      if (rule.peer.kind === 'sg') {
        const named = sgRefMatches(rule.peer.group, from.sgIds);
        admitted = triAnd(portOk, named === false && from.otherGroups === true ? 'unknown' : named);
      } else if (rule.peer.kind === 'unknown') admitted = 'unknown';
      if (admitted === true) return true;
      if (admitted === 'unknown') sg = 'unknown';
    }
  }
  if (from.cidrs === undefined) return triOr(sg, unknownAddressesAdmitted(groups, port));
  if (from.cidrs.length === 0) return sg;
  let everyCidr: Tri = true;
  for (const cidr of from.cidrs) {
    const admitted = cidrAdmitted(groups, port, cidr);
    if (admitted === false) return sg;
    if (admitted === 'unknown') everyCidr = 'unknown';
  }
  return triOr(sg, everyCidr);
}

/**
 * Whether some ingress rule admits TCP `port` from addresses that are not known. 0.0.0.0/0 holds
 * every IPv4 address; any other CIDR rule, a prefix list or an unresolved peer may hold them or not.
 * Groups whose rules name no address range at all cannot admit them: false.
 */
function unknownAddressesAdmitted(groups: SecurityGroup[], port: number): Tri {
  if (cidrsCoverWorld(ingressCidrs(groups, port), 4)) return true;
  return someIngressRule(groups, (rule) => coversPort(rule, port), ({ peer }) =>
    // An IPv6 range, a prefix list or an unresolved peer may hold them or not.
    peer.kind === 'cidr4' ? (isWorldCidr(peer.cidr) ? true : 'unknown') : peer.kind === 'sg' ? false : 'unknown');
}

/**
 * Whether some ingress rule of the groups admits traffic: `portOk` and `peerOk` of one rule both
 * true, or `unknown` when one may (ports are checked first; a rule on other ports is skipped).
 */
function someIngressRule(groups: SecurityGroup[], portOk: (rule: SecurityGroupRule) => Tri, peerOk: (rule: SecurityGroupRule) => Tri): Tri {
  let result: Tri = false;
  for (const group of groups) {
    for (const rule of effectiveRules(group, 'ingress')) {
      const port = portOk(rule);
      if (port === false) continue;
      const admitted = triAnd(port, peerOk(rule));
      if (admitted === true) return true;
      if (admitted === 'unknown') result = 'unknown';
    }
  }
  return result;
}

/** Whether a rule's peer is the whole internet; a prefix list or an unresolved peer may hold it. */
export function peerIsWorld(peer: SecurityGroupRule['peer']): Tri {
  if (peer.kind === 'cidr4' || peer.kind === 'cidr6') return isWorldCidr(peer.cidr);
  return peer.kind === 'unknown' || peer.kind === 'prefixList' ? 'unknown' : false;
}

/**
 * Whether some ingress rule of the groups admits the whole internet (0.0.0.0/0 or ::/0) on one of
 * TCP `ports`, or on any port when `ports` is undefined (the caller does not know which ports
 * matter). A prefix list or an unresolved peer may hold the world: unknown.
 */
export function ingressAdmitsWorld(groups: SecurityGroup[], ports: readonly number[] | undefined): Tri {
  // The world in pieces (0.0.0.0/1 + 128.0.0.0/1) on one of the ports, or on any when they are not known.
  const pieces = ports === undefined ? splitWorldRules(groups, 'ingress').length > 0
    : ports.some((port) => { const cidrs = ingressCidrs(groups, port); return cidrsCoverWorld(cidrs, 4) || cidrsCoverWorld(cidrs, 6); });
  if (pieces) return true;
  return someIngressRule(groups, (rule) => (ports === undefined ? true : triOr(...ports.map((port) => coversPort(rule, port)))), (rule) => peerIsWorld(rule.peer));
}

/** Whether some ingress rule of the groups admits TCP `port` from every address of `cidr`. */
function cidrAdmitted(groups: SecurityGroup[], port: number, cidr: string): Tri {
  const one = someIngressRule(groups, (rule) => coversPort(rule, port), (rule) => ingressRuleAdmitsCidr(rule, cidr));
  // Several adjacent CIDR rules (two /25s, or 0.0.0.0/1 + 128.0.0.0/1) may hold it together.
  return one !== true && cidrsContain(ingressCidrs(groups, port), cidr) ? true : one;
}

/** The CIDRs of the ingress rules of the groups that surely admit TCP `port`. */
function ingressCidrs(groups: SecurityGroup[], port: number): string[] {
  const out: string[] = [];
  for (const group of groups) {
    for (const rule of effectiveRules(group, 'ingress')) {
      if ((rule.peer.kind === 'cidr4' || rule.peer.kind === 'cidr6') && coversPort(rule, port) === true) out.push(rule.peer.cidr);
    }
  }
  return out;
}

function peerCidr(rule: SecurityGroupRule): string {
  return rule.peer.kind === 'cidr4' || rule.peer.kind === 'cidr6' ? rule.peer.cidr : '';
}

/**
 * The CIDR rules (of one address family) whose range no other of them holds (of equal ranges, the
 * first): the pieces that make up the union. A 10.0.0.0/16 rule beside 0.0.0.0/1 adds nothing to it and is not one of them.
 */
export function outermost<T extends SecurityGroupRule>(rules: readonly T[]): T[] {
  // CIDR ranges nest or are disjoint: sorted by start, widest first, a range lies in an earlier one
  // exactly when it ends before the furthest end seen so far. One sort, not every pair (groups may
  // hold thousands of rules).
  const ranges = rules.map((rule, i) => {
    const parsed = parseCidr(peerCidr(rule));
    if (parsed === undefined) return undefined;
    const [start, end] = cidrBounds(parsed);
    return { i, start, end };
  });
  const sorted = ranges.filter((r) => r !== undefined).sort((a, b) => (a.start !== b.start ? (a.start < b.start ? -1 : 1) : a.end !== b.end ? (a.end > b.end ? -1 : 1) : a.i - b.i));
  const keep = new Set<number>();
  let furthest = -1n;
  for (const r of sorted) {
    if (r.end <= furthest) continue;
    keep.add(r.i);
    furthest = r.end;
  }
  return rules.filter((_, i) => keep.has(i));
}

/**
 * Traffic that reaches every address of one IP version only through several CIDR rules together:
 * for each port of `fromPort`-`toPort` (of a TCP/UDP range; otherwise the protocol's one class of
 * traffic), the ranges of the rules letting it through cover 0.0.0.0/0 or ::/0, and no one of them
 * is that world range. `rules` are the outermost of those ranges: the pieces.
 */
export interface WorldInPieces {
  /** Canonical protocol (`formatProtocol`): `all`, `tcp`, `udp`, `icmp`, a number. */
  protocol: string;
  fromPort: number;
  toPort: number;
  /** For ICMP: the code, as the rules write it. */
  icmpCode?: number;
  version: 4 | 6;
  rules: SecurityGroupRule[];
}

/** Above this many distinct port intervals of one protocol, pieces count only on identical ports (each interval walks every rule). */
const MAX_PORT_INTERVALS = 256;

/**
 * The world in pieces (0.0.0.0/1 + 128.0.0.0/1, four /2s, ::/1 + 8000::/1) in rules of one
 * direction of the groups, per protocol and ports: a port is open to every address when the ranges
 * of the rules allowing it cover the address space, whatever else those rules allow
 * (0.0.0.0/1 on all TCP ports + 128.0.0.0/1 on 443 open 443 to the world). An all-protocol rule
 * lets every protocol and port through. Rules under an undecided condition are left out (they may
 * not be there together), and so are rules whose ports are not known.
 */
export function worldInPieces(groups: readonly SecurityGroup[], direction: 'ingress' | 'egress'): WorldInPieces[] {
  const allProtocols: SecurityGroupRule[] = [];
  const byProtocol = new Map<string, SecurityGroupRule[]>();
  for (const group of groups) {
    for (const rule of effectiveRules(group, direction)) {
      if ((rule.peer.kind !== 'cidr4' && rule.peer.kind !== 'cidr6') || rule.when !== undefined || isWorldCidr(rule.peer.cidr)) continue;
      const protocol = formatProtocol(rule.protocol);
      if (protocol === 'all') {
        allProtocols.push(rule);
        continue;
      }
      if (!rule.portsKnown) continue;
      // ICMP types and codes are not port ranges: only the same type and code combine.
      const key = protocol === 'tcp' || protocol === 'udp' ? protocol : `${protocol}:${formatPorts(rule)}:${rule.icmpCode ?? ''}`;
      const list = byProtocol.get(key);
      if (list === undefined) byProtocol.set(key, [rule]);
      else list.push(rule);
    }
  }
  const out: WorldInPieces[] = [];
  for (const version of [4, 6] as const) {
    const family = (rules: readonly SecurityGroupRule[]) => rules.filter((r) => r.peer.kind === (version === 4 ? 'cidr4' : 'cidr6'));
    const everyProtocol = family(allProtocols);
    const covered = (rules: readonly SecurityGroupRule[]) => rules.length > 1 && cidrsCoverWorld(rules.map(peerCidr), version);
    if (covered(everyProtocol)) out.push({ protocol: 'all', fromPort: 0, toPort: 65535, version, rules: outermost(everyProtocol) });
    for (const [key, list] of byProtocol) {
      const rules = [...family(list), ...everyProtocol];
      // Most groups hold no pieces at all: one look at every range of the protocol decides that.
      if (!covered(rules)) continue;
      const protocol = key.split(':')[0]!;
      if (protocol !== 'tcp' && protocol !== 'udp') {
        const { fromPort, toPort, icmpCode } = list[0]!;
        const pieces = outermost(rules);
        if (pieces.every((rule) => formatProtocol(rule.protocol) === 'all')) continue;
        out.push({ protocol, fromPort, toPort, ...(icmpCode === undefined ? {} : { icmpCode }), version, rules: pieces });
        continue;
      }
      out.push(...portPieces(protocol, version, rules));
    }
  }
  return out;
}

/**
 * The port ranges of one protocol's rules (with the all-protocol ones) open to every address only
 * together, adjacent ranges of the same pieces merged. Pieces that are all all-protocol rules are
 * left to the `all` entry.
 */
function portPieces(protocol: string, version: 4 | 6, rules: readonly SecurityGroupRule[]): WorldInPieces[] {
  const span = (rule: SecurityGroupRule): [number, number] => (formatProtocol(rule.protocol) === 'all' ? [0, 65535] : [Math.max(0, rule.fromPort), Math.min(65535, rule.toPort)]);
  let intervals: [number, number][];
  const bounds = [...new Set(rules.flatMap((rule) => { const [from, to] = span(rule); return [from, to + 1]; }))].sort((a, b) => a - b);
  let through: (from: number, to: number) => SecurityGroupRule[];
  if (bounds.length <= MAX_PORT_INTERVALS + 1) {
    intervals = bounds.slice(0, -1).map((from, i) => [from, bounds[i + 1]! - 1]);
    through = (from, to) => rules.filter((rule) => { const [a, b] = span(rule); return a <= from && to <= b; });
  } else {
    // Too many ranges to walk each: only rules on the very same ports (and all-protocol ones) combine.
    // Each range's rules are looked up, not filtered from all of them: a template with thousands of
    // distinct ranges would otherwise cost every range times every rule.
    const everyProtocol = rules.filter((rule) => formatProtocol(rule.protocol) === 'all');
    const bySpan = new Map<string, { span: [number, number]; rules: SecurityGroupRule[] }>();
    for (const rule of rules) {
      const ports = span(rule);
      const same = bySpan.get(ports.join('-'));
      if (same === undefined) bySpan.set(ports.join('-'), { span: ports, rules: [rule] });
      else same.rules.push(rule);
    }
    intervals = [...bySpan.values()].map((same) => same.span).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    // The all-protocol rules come last in `rules` (see worldInPieces), so this keeps their order.
    through = (from, to) => {
      const same = bySpan.get(`${from}-${to}`)!.rules;
      return from === 0 && to === 65535 ? same : [...same, ...everyProtocol];
    };
  }
  const out: WorldInPieces[] = [];
  for (const [from, to] of intervals) {
    const open = through(from, to);
    if (open.length < 2 || !cidrsCoverWorld(open.map(peerCidr), version)) continue;
    const pieces = outermost(open);
    if (pieces.every((rule) => formatProtocol(rule.protocol) === 'all')) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last.toPort === from - 1 && sameRules(last.rules, pieces)) last.toPort = to;
    else out.push({ protocol, fromPort: from, toPort: to, version, rules: pieces });
  }
  return out;
}

function sameRules(a: readonly SecurityGroupRule[], b: readonly SecurityGroupRule[]): boolean {
  return a.length === b.length && a.every((rule, i) => rule === b[i]);
}

/**
 * Rules of one direction that admit the world (or send to it) only together (`worldInPieces`): no
 * one of them is a world rule, all of them are, on some port.
 */
export function splitWorldRules(groups: readonly SecurityGroup[], direction: 'ingress' | 'egress'): SecurityGroupRule[] {
  return [...new Set(worldInPieces(groups, direction).flatMap((piece) => piece.rules))];
}

/** Human form of a rule's ports, as reports print them: `443`, `8000-8100`, `all`. */
export function formatPorts(rule: SecurityGroupRule): string {
  const p = rule.protocol.toLowerCase();
  if (p === 'all' || p === '-1') return 'all';
  if (!rule.portsKnown) return 'unknown';
  if (rule.fromPort === 0 && rule.toPort === 65535) return 'all';
  return rule.fromPort === rule.toPort ? String(rule.fromPort) : `${rule.fromPort}-${rule.toPort}`;
}

/** Canonical protocol name: `-1` is `all`, numbers 6/17/1 are tcp/udp/icmp. */
export function formatProtocol(protocol: string): string {
  const p = protocol.toLowerCase();
  if (p === '-1') return 'all';
  if (p === '6') return 'tcp';
  if (p === '17') return 'udp';
  if (p === '1') return 'icmp';
  if (p === '58') return 'icmpv6';
  return p;
}
