import {
  holdsIn, splitByOutcome, type Entity, type EntityRef, type Peer, type Protocol, type SecurityGroup, type SecurityGroupRule, type SourceRef, type StackOutcome,
  type TextRange,
} from '../../../model/index.ts';
import { parseCidr } from '../../../analysis/cidr.ts';
import type { ResolvedResource, RValue } from '../resolved.ts';
import {
  type AdaptContext, defaultSource, entityRef, isObject, literal, num, prop, rangeOf, refPlaceholder, sourceRef, stackOutcomesIn, str, withCdkFields,
  EXPECT_VPC,
} from './common.ts';

export const SECURITY_GROUP_TYPES = ['AWS::EC2::SecurityGroup'] as const;
const PREFIX_LIST_TYPES = ['AWS::EC2::PrefixList'] as const;

const PROTOCOL_NAMES: Record<string, Protocol> = {
  '-1': 'all', all: 'all', '6': 'tcp', tcp: 'tcp', '17': 'udp', udp: 'udp', '1': 'icmp', icmp: 'icmp', '58': 'icmpv6', icmpv6: 'icmpv6',
};

/** IpProtocol as written (`-1`, `"6"`, `TCP`, …) to the model's names; `unknown` when it cannot be read. */
export function normaliseProtocol(v: RValue | undefined): { protocol: Protocol; reason?: string } {
  if (v === undefined) return { protocol: 'unknown', reason: 'the rule has no IpProtocol' };
  if (v.kind === 'unknown') return { protocol: 'unknown', reason: v.reason };
  const text = literal(v);
  if (text === undefined) return { protocol: 'unknown', reason: `IpProtocol is ${v.kind === 'string' ? `'${v.value}'` : `a ${v.kind}`}` };
  const key = text.trim().toLowerCase();
  return { protocol: PROTOCOL_NAMES[key] ?? key };
}

const ALL_PORTS = { fromPort: 0, toPort: 65535 };

interface PortRange { fromPort: number; toPort: number; portsKnown: boolean; icmpCode?: number }

// The outcomes that span all ports, shared: a rule copies the numbers out of them.
const ALL_PORTS_KNOWN: PortRange = { ...ALL_PORTS, portsKnown: true };
const ALL_PORTS_UNKNOWN: PortRange = { ...ALL_PORTS, portsKnown: false };

function portRange(protocol: Protocol, fromV: RValue | undefined, toV: RValue | undefined, reject: Reject): PortRange {
  if (protocol === 'all') return ALL_PORTS_KNOWN;
  if (protocol === 'unknown') return ALL_PORTS_UNKNOWN;
  const from = num(fromV);
  const to = num(toV);
  const unreadable = (fromV !== undefined && from === undefined) || (toV !== undefined && to === undefined);
  if (unreadable) return ALL_PORTS_UNKNOWN;
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    // FromPort is the ICMP type and ToPort the code: the model keeps the type as a one-type range
    // and the code beside it (-1, or none given: every code of the type).
    if (from === undefined || from === -1) return from !== undefined ? ALL_PORTS_KNOWN : ALL_PORTS_UNKNOWN;
    return to === undefined || to === -1 ? { fromPort: from, toPort: from, portsKnown: true } : { fromPort: from, toPort: from, portsKnown: true, icmpCode: to };
  }
  if (protocol !== 'tcp' && protocol !== 'udp') return ALL_PORTS_KNOWN;
  if (from === undefined && to === undefined) return ALL_PORTS_UNKNOWN;
  for (const [value, n, key] of [[fromV, from, 'FromPort'], [toV, to, 'ToPort']] as const) {
    if (value !== undefined && n !== undefined && (!Number.isInteger(n) || n < -1 || n > 65535)) {
      reject(value, `${key} ${n} is not a port (0-65535, or -1 for all)`);
      return ALL_PORTS_UNKNOWN;
    }
  }
  if (from === -1 || to === -1) return ALL_PORTS_KNOWN;
  if (from !== undefined && to !== undefined && from > to) {
    reject(fromV!, `FromPort ${from} is greater than ToPort ${to}`);
    return ALL_PORTS_UNKNOWN;
  }
  const lo = from ?? to ?? 0;
  const hi = to ?? from ?? 65535;
  return { fromPort: lo, toPort: hi, portsKnown: true };
}

/**
 * Reports a value EC2 would refuse (the stack would fail to deploy): an error at the value, and
 * the caller reads that part of the rule as unknown rather than guessing what was meant.
 */
type Reject = (value: RValue, problem: string) => void;

function rejecter(ctx: AdaptContext, owner: string): Reject {
  return (value, problem) => {
    const error = {
      file: ctx.template.file,
      line: value.loc.line,
      column: value.loc.column,
      message: `${owner}: ${problem}, which EC2 does not accept (the stack would fail to deploy); the value is read as unknown.`,
    };
    // A value both outcomes of an undecided `Fn::If` share is read once per outcome: said once.
    const { errors } = ctx.infra;
    let said = rejected.get(errors);
    if (said === undefined) rejected.set(errors, (said = new Set()));
    const key = `${error.file}\0${error.line}\0${error.column}\0${error.message}`;
    if (said.has(key)) return;
    said.add(key);
    errors.push(error);
  };
}

/** The rejections already reported, per list of errors they go to. */
const rejected = new WeakMap<object, Set<string>>();

/** A literal CIDR (not a placeholder for a value the files do not fix) that EC2 would refuse for `key`. */
function cidrProblem(cidr: string, key: 'CidrIp' | 'CidrIpv6'): string | undefined {
  if (cidr.includes('${')) return undefined;
  const parsed = parseCidr(cidr);
  const version = key === 'CidrIp' ? 4 : 6;
  if (parsed !== undefined && parsed.version === version) return undefined;
  return `${key} '${cidr}' is not an IPv${version} CIDR`;
}

/** `!GetAtt Vpc.CidrBlock` / `!GetAtt Subnet.CidrBlock` read through to the literal when it is one. */
function cidrOf(v: RValue, ctx: AdaptContext): string | undefined {
  if (v.kind === 'string') return v.value;
  if (v.kind === 'ref') {
    if (v.attribute === 'CidrBlock' && (v.file === undefined || v.file === ctx.template.file)) {
      const target = ctx.template.resources.get(v.target);
      const cidr = literal(prop(target?.properties, 'CidrBlock'));
      if (cidr !== undefined) return cidr;
    }
    return refPlaceholder(v);
  }
  return undefined;
}

/**
 * The peer keys of a rule, own side first: an ingress rule names its source, an egress rule its
 * destination, but the other spelling is read too. Spelled out once rather than per rule.
 */
const PEER_KEYS = {
  ingress: {
    side: 'Source',
    groups: ['SourceSecurityGroupId', 'DestinationSecurityGroupId', 'SourceSecurityGroupName', 'DestinationSecurityGroupName'],
    prefixLists: ['SourcePrefixListId', 'DestinationPrefixListId'],
  },
  egress: {
    side: 'Destination',
    groups: ['DestinationSecurityGroupId', 'SourceSecurityGroupId', 'DestinationSecurityGroupName', 'SourceSecurityGroupName'],
    prefixLists: ['DestinationPrefixListId', 'SourcePrefixListId'],
  },
} as const;

function firstProp(v: RValue, keys: readonly string[]): RValue | undefined {
  for (const key of keys) {
    const value = prop(v, key);
    if (value !== undefined) return value;
  }
  return undefined;
}

function peerOf(rule: RValue, direction: 'ingress' | 'egress', ctx: AdaptContext, reject: Reject): Peer {
  const keys = PEER_KEYS[direction];
  const side = keys.side;
  const cidr4 = prop(rule, 'CidrIp');
  const cidr6 = prop(rule, 'CidrIpv6');
  const sg = firstProp(rule, keys.groups);
  const pl = firstProp(rule, keys.prefixLists);
  if (cidr4 !== undefined) {
    if (cidr4.kind === 'unknown') return { kind: 'unknown', reason: cidr4.reason };
    return cidrPeer(cidr4, 'CidrIp', ctx, reject);
  }
  if (cidr6 !== undefined) {
    if (cidr6.kind === 'unknown') return { kind: 'unknown', reason: cidr6.reason };
    return cidrPeer(cidr6, 'CidrIpv6', ctx, reject);
  }
  if (sg !== undefined) return { kind: 'sg', group: entityRef(sg, ctx, { expect: SECURITY_GROUP_TYPES }) };
  if (pl !== undefined) return { kind: 'prefixList', prefixList: entityRef(pl, ctx, { expect: PREFIX_LIST_TYPES }) };
  return { kind: 'unknown', reason: `the rule names no peer (CidrIp, CidrIpv6, ${side}SecurityGroupId or ${side}PrefixListId)` };
}

function cidrPeer(value: RValue, key: 'CidrIp' | 'CidrIpv6', ctx: AdaptContext, reject: Reject): Peer {
  const cidr = cidrOf(value, ctx)?.trim();
  if (cidr === undefined) return { kind: 'unknown', reason: `${key} is a ${value.kind}` };
  const problem = cidrProblem(cidr, key);
  if (problem === undefined) return { kind: key === 'CidrIp' ? 'cidr4' : 'cidr6', cidr };
  reject(value, problem);
  return { kind: 'unknown', reason: problem };
}

/** One rule, from a list item of a SecurityGroup or from a standalone rule resource's properties. */
export function securityGroupRule(
  v: RValue,
  direction: 'ingress' | 'egress',
  ctx: AdaptContext,
  where: { source: SourceRef; range?: TextRange; standaloneId?: string; owner: string },
): SecurityGroupRule {
  let protocol: Protocol = 'unknown';
  let ports = ALL_PORTS_UNKNOWN;
  let peer: Peer;
  let description: string | undefined;
  if (isObject(v)) {
    const reject = rejecter(ctx, where.owner);
    protocol = normaliseProtocol(prop(v, 'IpProtocol')).protocol;
    ports = portRange(protocol, prop(v, 'FromPort'), prop(v, 'ToPort'), reject);
    peer = peerOf(v, direction, ctx, reject);
    description = str(prop(v, 'Description'));
  } else {
    peer = { kind: 'unknown', reason: v.kind === 'unknown' ? v.reason : `the rule is ${v.kind === 'array' ? 'a list' : `a ${v.kind}`}, not an object` };
  }
  // Built once its values are known, with its range (rules nearly always have one) in the literal:
  // fields added afterwards grow a separate property store on each of the many long-lived rules.
  const { fromPort, toPort, portsKnown } = ports;
  const out: SecurityGroupRule = where.range === undefined
    ? { direction, protocol, fromPort, toPort, portsKnown, peer, source: where.source }
    : { direction, protocol, fromPort, toPort, portsKnown, peer, source: where.source, range: where.range };
  if (where.standaloneId !== undefined) out.standaloneId = where.standaloneId;
  if (description !== undefined) out.description = description;
  if (ports.icmpCode !== undefined) out.icmpCode = ports.icmpCode;
  return out;
}

function ruleList(v: RValue | undefined, direction: 'ingress' | 'egress', ctx: AdaptContext, owner: string): SecurityGroupRule[] {
  if (v === undefined || v.kind === 'null') return [];
  const file = ctx.template.file;
  const rule = (item: RValue, at: RValue = item): SecurityGroupRule =>
    securityGroupRule(item, direction, ctx, { source: sourceRef(item.loc, file), range: rangeOf(at.loc), owner });
  if (v.kind !== 'array') return [rule(v)];
  return v.items.flatMap((item) => {
    const outcomes = stackOutcomesIn(item);
    if (outcomes === undefined) return [rule(item)];
    // The rule as each outcome writes it (an `Fn::If` around it or in one of its values, an
    // `Fn::FindInMap` on an undecided key in one of them); the range stays the item's, which is
    // what a fix would have to edit.
    return mergeRuleOutcomes(outcomes.map(({ when, value }) => ({ when, rules: value === undefined ? [] : [rule(value, item)] })));
  });
}

/**
 * A group's rule list property. When it holds undecided `Fn::If`s on one condition (around the
 * list, around items, in their values) it is read under each outcome: CloudFormation deploys one.
 * `implicit`, for egress, is the rule CloudFormation adds to an outcome that declares none.
 */
function ruleProperty(
  v: RValue | undefined, direction: 'ingress' | 'egress', ctx: AdaptContext, owner: string, implicit?: () => SecurityGroupRule,
): { rules: SecurityGroupRule[]; implicit: boolean } {
  const read = (x: RValue | undefined): { rules: SecurityGroupRule[]; implicit: boolean } => {
    const declared = ruleList(x, direction, ctx, owner);
    if (declared.length === 0 && implicit !== undefined) return { rules: [implicit()], implicit: true };
    // CDK's "no egress" stand-in drops the default and lets nothing through: not a rule.
    return { rules: direction === 'egress' ? declared.filter((r) => !isCdkMatchNoTraffic(r)) : declared, implicit: false };
  };
  const outcomes = stackOutcomesIn(v);
  if (outcomes === undefined) return read(v);
  const each = outcomes.map(({ when, value }) => ({ when, ...read(value) }));
  if (holdsIn(each, (o) => o.implicit) === true) return each[0]!;
  return { rules: mergeRuleOutcomes(each), implicit: false };
}

/**
 * CDK's placeholder for a group without egress (`allowAllOutbound: false` and no egress rule): a
 * group must declare some egress to drop CloudFormation's allow-all, so CDK writes ICMP type 252
 * code 86 to 255.255.255.255/32 ("Disallow all traffic"), which matches no packet. It declares
 * egress, so the default is gone, and lets nothing out: the group has no egress rule at all.
 */
function isCdkMatchNoTraffic(r: SecurityGroupRule): boolean {
  return r.protocol === 'icmp' && r.portsKnown && r.fromPort === 252 && r.peer.kind === 'cidr4' && r.peer.cidr === '255.255.255.255/32';
}

/**
 * The rules of each outcome of an undecided choice (an `Fn::If`, an `Fn::FindInMap` on a key the
 * files do not give): a rule every outcome has is there either way, as written; one only some have
 * may not be there (`conditional`), and `when` says where it is, once per outcome that has it.
 */
function mergeRuleOutcomes(outcomes: readonly { when: StackOutcome; rules: SecurityGroupRule[] }[]): SecurityGroupRule[] {
  const { inEvery, onlyIn } = splitByOutcome(outcomes.map((o) => o.rules), ruleKey);
  const under = (r: SecurityGroupRule, when: StackOutcome): SecurityGroupRule => ({ ...r, conditional: true, when });
  return [...inEvery, ...outcomes.flatMap((o, i) => onlyIn[i]!.map((r) => under(r, o.when)))];
}

/** What a rule lets through, wherever and however it is written (its description aside). */
function ruleKey(r: SecurityGroupRule): string {
  return JSON.stringify([r.direction, r.protocol, r.fromPort, r.toPort, r.portsKnown, r.icmpCode ?? null, peerKey(r.peer)]);
}

function peerKey(peer: Peer): string {
  switch (peer.kind) {
    case 'cidr4':
    case 'cidr6':
      return `${peer.kind}:${peer.cidr}`;
    case 'sg':
      return `sg:${refKey(peer.group)}`;
    case 'prefixList':
      return `pl:${refKey(peer.prefixList)}`;
    default:
      return `?${peer.reason}`;
  }
}

function refKey(ref: EntityRef): string {
  return ref.kind === 'resource' ? `r:${ref.id}` : ref.kind === 'external' ? `e:${ref.value}` : `?${ref.reason}`;
}

export function adaptSecurityGroup(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const file = ctx.template.file;
  const p = res.properties;
  const ingress = ruleProperty(prop(p, 'SecurityGroupIngress'), 'ingress', ctx, res.logicalId).rules;
  // CloudFormation keeps EC2's default allow-all egress unless the group itself declares egress;
  // standalone SecurityGroupEgress resources add to it rather than replace it.
  const { rules: egress, implicit: implicitEgress } = ruleProperty(prop(p, 'SecurityGroupEgress'), 'egress', ctx, res.logicalId, () => ({
    direction: 'egress', protocol: 'all', ...ALL_PORTS, portsKnown: true, peer: { kind: 'cidr4', cidr: '0.0.0.0/0' },
    description: 'default egress CloudFormation adds when the group declares none',
    source: defaultSource(res, file, 'SecurityGroupEgress'),
  }));
  // A group that exists only under an undecided Condition may not be there, nor its rules (as a
  // standalone rule under one; see adaptStandaloneRule).
  if (res.condition === 'unknown') for (const rule of [...ingress, ...egress]) rule.conditional = true;
  const group: SecurityGroup = withCdkFields({
    id: base.id, logicalId: base.logicalId, file, stackId: base.stackId, source: base.source, range: base.range, suppressions: base.suppressions,
    rules: ingress.length === 0 ? egress : ingress.concat(egress),
    implicitEgress,
  }, base);
  const name = str(prop(p, 'GroupName'));
  if (name !== undefined) group.groupName = name;
  const vpc = prop(p, 'VpcId');
  if (vpc !== undefined) group.vpc = entityRef(vpc, ctx, EXPECT_VPC);
  ctx.infra.securityGroups.push(group);
}

/** AWS::EC2::SecurityGroupIngress / SecurityGroupEgress: merged into their group when it is in the files. */
export function adaptStandaloneRule(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const direction = res.type === 'AWS::EC2::SecurityGroupEgress' ? 'egress' : 'ingress';
  const read = (p: RValue): { rule: SecurityGroupRule; group: EntityRef; groupName?: string } => {
    const rule = securityGroupRule(p, direction, ctx, { source: base.source, range: base.range, standaloneId: base.id, owner: res.logicalId });
    if (res.condition === 'unknown') rule.conditional = true;
    const target = prop(p, 'GroupId') ?? prop(p, 'GroupName');
    const group = entityRef(target, ctx, { expect: SECURITY_GROUP_TYPES });
    if (target === undefined) group.source = base.source;
    // GroupName (default VPC) written out: the group of that GroupName, which the link pass looks for.
    if (prop(p, 'GroupId') === undefined && group.kind === 'external') return { rule, group, groupName: group.value };
    return { rule, group };
  };
  const push = ({ rule, group, groupName }: { rule: SecurityGroupRule; group: EntityRef; groupName?: string }): void =>
    void ctx.pending.standaloneRules.push({ group, rule, file: ctx.template.file, loc: res.loc, logicalId: res.logicalId, ...(groupName === undefined ? {} : { groupName }) });
  // An undecided choice in its properties: the rule each outcome writes (one, when they agree).
  const outcomes = stackOutcomesIn(res.properties);
  if (outcomes === undefined || outcomes.some((o) => o.value === undefined)) {
    push(read(res.properties));
    return;
  }
  const each = outcomes.map(({ when, value }) => ({ when, ...read(value!) }));
  const first = each[0]!;
  if (holdsIn(each, (o) => ruleKey(o.rule) === ruleKey(first.rule) && refKey(o.group) === refKey(first.group)) === true) {
    push(first);
    return;
  }
  for (const side of each) push({ group: side.group, rule: { ...side.rule, conditional: true, when: side.when } });
}
