import type { PMap } from '../../sources/cloudformation/parse.ts';
import {
  whenValue, type Edit, type Fix, type FixDeclined, type LoadBalancer, type Posture, type SecurityGroup, type SecurityGroupRule, type Service, type ServicePosture,
  type VpcEndpoint,
} from '../../model/index.ts';
import type { RuleContext } from '../../rules/types.ts';
import { refId } from '../../analysis/infra-index.ts';
import { egressRuleAllows, formatProtocol } from '../../analysis/security-group-match.ts';
import { cidrOverlaps, isWorldCidr, parseCidr } from '../../analysis/cidr.ts';
import { serviceNetwork } from '../../analysis/reachability.ts';
import { isAllTraffic, isWorldPeer, serviceLoadBalancers, taskNetworkedServices, taskSecurityGroups } from '../../rules/network/shared.ts';
import { docFor, freeLogicalId, isIntrinsic, mapChild, mapEntry, propertiesNode, resourcesReferencing, resourceType, type TemplateDoc } from '../doc.ts';
import { sharedCondition } from '../conditions.ts';
import { insertResources, removeEntry, replaceEntry, replaceItem, replaceNode, setKey } from '../edit.ts';
import { getAtt, isCfnObject, nodeToValue, ref, valueKey, type CfnObject, type CfnValue } from '../value.ts';
import {
  declined, declinedUnderChoice, docOf, guarded, inlineRuleSlot, literalSeq, localLogicalId, makeFix, nodeAtPath, parameterNamed, propsOf, references, securityGroupValue, valueOf,
} from './common.ts';
import { plural } from '../../rules/words.ts';

// ---------------------------------------------------------------------------------------------
// Shared

export function postureOf(ctx: RuleContext, service: Service): ServicePosture | undefined {
  let byServiceId = posturesByAnalysis.get(ctx.posture);
  if (byServiceId === undefined) {
    byServiceId = new Map();
    // The first posture of a service id, as a search from the start finds it.
    for (const p of ctx.posture.services) if (!byServiceId.has(p.serviceId)) byServiceId.set(p.serviceId, p);
    posturesByAnalysis.set(ctx.posture, byServiceId);
  }
  return byServiceId.get(service.id);
}

const posturesByAnalysis = new WeakMap<Posture, Map<string, ServicePosture>>();

const usersByIndex = new WeakMap<object, Map<string, Service[]>>();

/** Services whose tasks run with this security group (indexed once per analysis). */
export function servicesUsing(ctx: RuleContext, sg: SecurityGroup): Service[] {
  let bySg = usersByIndex.get(ctx.index);
  if (bySg === undefined) {
    bySg = new Map();
    for (const s of taskNetworkedServices(ctx.index)) {
      for (const g of taskSecurityGroups(ctx.index, s)) {
        const list = bySg.get(g.id);
        if (list === undefined) bySg.set(g.id, [s]);
        else if (!list.includes(s)) list.push(s);
      }
    }
    usersByIndex.set(ctx.index, bySg);
  }
  return bySg.get(sg.id) ?? [];
}

/** Resource types that may reference a task security group without depending on its egress. */
const HARMLESS_REFERENCES = new Set([
  'AWS::ECS::Service', 'AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress',
]);

/** Resources other than services and SG rules that use the group (a Lambda, an instance): its egress is theirs too. */
function otherUsers(doc: TemplateDoc, sg: SecurityGroup): string[] {
  return resourcesReferencing(doc, sg.logicalId).filter((id) => !HARMLESS_REFERENCES.has(resourceType(doc, id) ?? ''));
}

/** Why a group other resources use is not narrowed: its rules are theirs too, and what they need is not known. */
function sharedGroupReason(doc: TemplateDoc, sg: SecurityGroup, others: readonly string[], direction: 'ingress' | 'egress'): string {
  const named = others.slice(0, 3).map((id) => `${id} (${resourceType(doc, id) ?? 'unknown type'})`).join(', ');
  const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
  return `security group ${sg.logicalId} is also used by ${named}${more}, whose ${direction} needs are not known: narrow it by hand, or give the tasks a group of their own`;
}

function tcp443(extra: CfnObject, description: string): CfnObject {
  return { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, ...extra, Description: description };
}

/**
 * How to write "the S3 (or DynamoDB) managed prefix list" in this template: a rule elsewhere in
 * the files that already names it, or a parameter named for it. CloudFormation cannot look the
 * `pl-` ID up, so without one of those there is nothing correct to write.
 */
export function prefixListValue(ctx: RuleContext, doc: TemplateDoc, service: 's3' | 'dynamodb'): CfnValue | undefined {
  for (const sg of ctx.posture.infra.securityGroups) {
    if (sg.file !== doc.file) continue;
    for (const rule of sg.rules) {
      if (rule.peer.kind !== 'prefixList' || egressRuleAllows({ ...rule, protocol: 'tcp', portsKnown: true, fromPort: 443, toPort: 443 }, 443, { kind: 'prefixList', service }, ctx.index) !== true) continue;
      const item = nodeAtPath(doc, rule.source.path);
      const value = valueOf(mapChild(item, 'DestinationPrefixListId') ?? mapChild(item, 'SourcePrefixListId'));
      if (value !== undefined) return value;
    }
  }
  const param = parameterNamed(doc, service === 's3' ? /(?:s3.*prefix|prefix.*s3)/i : /(?:dynamo.*prefix|prefix.*dynamo)/i);
  return param === undefined ? undefined : ref(param);
}

function endpointByLabel(ctx: RuleContext, label: string, file: string): VpcEndpoint | undefined {
  const all = ctx.posture.infra.vpcEndpoints.filter((e) => e.logicalId === label);
  return all.find((e) => e.file === file) ?? (all.length === 1 ? all[0] : undefined);
}

// ---------------------------------------------------------------------------------------------
// FW203: explicit egress for what the services need

interface EgressPlan {
  rules: CfnObject[];
  words: string[];
  /** Rule → the logical ID of the security group it sends to, when that group is in the template. */
  peers: Map<CfnObject, string>;
}

/**
 * Egress rules that carry exactly what the services using `sg` need, from the coverage analysis:
 * TCP 443 to 0.0.0.0/0 when a need goes through NAT or an internet gateway (AWS APIs have public
 * addresses, and that one rule also reaches gateway endpoints); TCP 443 to the security groups of
 * the interface endpoints in use; TCP 443 to the S3/DynamoDB prefix list for gateway endpoints;
 * and the ports other security groups in the files admit from this one (databases, internal load
 * balancers, other services). When that cannot be known (a need whose coverage is undecided, a group
 * or prefix list the template cannot reference), why, for the decline.
 */
function egressPlan(ctx: RuleContext, doc: TemplateDoc, sg: SecurityGroup, users: Service[]): EgressPlan | { unknown: string } {
  let internet = false;
  const internetVia = new Set<string>();
  const endpointGroups = new Map<string, { value: CfnValue; endpoints: string[] }>();
  const prefixLists = new Map<'s3' | 'dynamodb', string[]>();
  const vpcCidrs = new Map<string, { value: CfnValue; endpoints: string[] }>();
  for (const service of users) {
    const posture = postureOf(ctx, service);
    if (posture === undefined) return { unknown: `service ${service.key} was not analysed` };
    for (const need of posture.needs) {
      if (need.covered === 'unknown') return { unknown: `whether service ${service.key} reaches ${need.service} (${need.reason}) cannot be decided from the files, so the egress its tasks need is not known` };
      if (need.covered === false || need.via === undefined) continue;
      for (const via of need.via.split(',')) {
        if (via === 'igw' || via.startsWith('nat:')) {
          internet = true;
          internetVia.add(via === 'igw' ? 'the internet gateway' : `NAT ${via.slice(4)}`);
          continue;
        }
        if (!via.startsWith('endpoint:')) return { unknown: `service ${service.key} reaches ${need.service} through ${via}, which no egress rule can name` };
        const endpoint = endpointByLabel(ctx, via.slice('endpoint:'.length), doc.file);
        if (endpoint === undefined) return { unknown: `endpoint ${via.slice('endpoint:'.length)}, which service ${service.key} uses for ${need.service}, is declared outside ${doc.file}, so a rule there cannot name its security group` };
        if (endpoint.type === 'Gateway') {
          const svc = endpoint.service.known && endpoint.service.value === 'dynamodb' ? 'dynamodb' : 's3';
          prefixLists.set(svc, [...(prefixLists.get(svc) ?? []), endpoint.logicalId]);
          continue;
        }
        const groups = endpoint.securityGroups.items.filter((r) => r.kind !== 'unknown');
        if (endpoint.securityGroups.known && groups.length > 0 && groups.length === endpoint.securityGroups.items.length) {
          for (const g of groups) {
            const value = securityGroupValue(doc, g);
            if (value === undefined) return { unknown: `the security group of endpoint ${endpoint.logicalId} cannot be referenced from ${doc.file}` };
            const key = refId(g);
            const entry = endpointGroups.get(key) ?? { value, endpoints: [] };
            if (!entry.endpoints.includes(endpoint.logicalId)) entry.endpoints.push(endpoint.logicalId);
            endpointGroups.set(key, entry);
          }
        } else {
          // The endpoint has the VPC default group: allow HTTPS to the VPC's own range instead.
          const vpcId = posture.vpcId;
          const vpcLocal = vpcId === undefined ? undefined : localLogicalId(doc, vpcId);
          if (vpcLocal === undefined) return { unknown: `endpoint ${endpoint.logicalId} uses the VPC default security group, and the VPC of service ${service.key} is not declared in ${doc.file} to allow its CIDR` };
          const entry = vpcCidrs.get(vpcLocal) ?? { value: getAtt(vpcLocal, 'CidrBlock'), endpoints: [] };
          entry.endpoints.push(endpoint.logicalId);
          vpcCidrs.set(vpcLocal, entry);
        }
      }
    }
  }

  const rules: CfnObject[] = [];
  const words: string[] = [];
  const peers = new Map<CfnObject, string>();
  if (internet) {
    rules.push(tcp443({ CidrIp: '0.0.0.0/0' }, 'HTTPS to AWS APIs and registries'));
    words.push(`TCP 443 to 0.0.0.0/0 (AWS APIs through ${[...internetVia].sort().join(' and ')}; this also reaches gateway endpoints)`);
  } else {
    for (const [svc, endpoints] of prefixLists) {
      const value = prefixListValue(ctx, doc, svc);
      if (value === undefined) return { unknown: `${doc.file} holds no ${svc} prefix list ID (pl-…) for a rule towards gateway ${plural(endpoints.length, 'endpoint')} ${[...new Set(endpoints)].join(', ')}` };
      rules.push(tcp443({ DestinationPrefixListId: value }, `HTTPS to ${svc === 's3' ? 'S3' : 'DynamoDB'} through gateway endpoint`));
      words.push(`TCP 443 to the ${svc} prefix list (gateway ${plural(endpoints.length, 'endpoint')} ${[...new Set(endpoints)].join(', ')})`);
    }
    for (const [key, { value, endpoints }] of endpointGroups) {
      const rule = tcp443({ DestinationSecurityGroupId: value }, 'HTTPS to VPC interface endpoints');
      const local = localLogicalId(doc, key);
      if (local !== undefined) peers.set(rule, local);
      rules.push(rule);
      words.push(`TCP 443 to security group ${label(ctx, key)} (${plural(endpoints.length, 'endpoint')} ${endpoints.join(', ')})`);
    }
    for (const [vpc, { value, endpoints }] of vpcCidrs) {
      rules.push(tcp443({ CidrIp: value }, 'HTTPS to VPC interface endpoints'));
      words.push(`TCP 443 to the CIDR of ${vpc} (${plural(endpoints.length, 'endpoint')} ${[...new Set(endpoints)].join(', ')}, which use the VPC default security group)`);
    }
  }

  // Whatever admits these tasks, by security group or by a range holding their subnets, is
  // something they talk to (a database, an internal load balancer, another service).
  const subnetCidrs = users.flatMap((s) => serviceNetwork(s, ctx.index).subnets.map((n) => n.cidr));
  const cidrsKnown = subnetCidrs.length > 0 && subnetCidrs.every((c) => c !== undefined);
  const vpcIds = new Set(users.map((s) => postureOf(ctx, s)?.vpcId));
  const planned = ruleKeys(rules);
  for (const other of ctx.posture.infra.securityGroups) {
    if (other.isDefault === true) continue;
    // A group of another VPC is not reached by these tasks' private addresses.
    if (other.vpc !== undefined && other.vpc.kind !== 'unknown' && !vpcIds.has(refId(other.vpc)) && !vpcIds.has(undefined)) continue;
    for (const rule of other.rules) {
      if (rule.direction !== 'ingress') continue;
      const peer = rule.peer;
      let admitsUs: boolean;
      if (peer.kind === 'sg') admitsUs = peer.group.kind === 'resource' && peer.group.id === sg.id;
      else if (peer.kind === 'cidr4' && other.id !== sg.id && !isWorldCidr(peer.cidr)) {
        // A range we cannot read, or a private range while our own addresses are unknown, may be us.
        if (parseCidr(peer.cidr) === undefined) return { unknown: `security group ${other.logicalId} admits ${peer.cidr}, a range that may hold these tasks` };
        if (!cidrsKnown) {
          if (PRIVATE_RANGES.some((p) => cidrOverlaps(p, peer.cidr))) return { unknown: `security group ${other.logicalId} admits ${peer.cidr}, which may hold these tasks (their subnets' ranges are not known)` };
          admitsUs = false;
        } else {
          admitsUs = subnetCidrs.some((c) => c !== undefined && cidrOverlaps(peer.cidr, c));
        }
      } else admitsUs = false;
      if (!admitsUs) continue;
      if (!rule.portsKnown || rule.protocol === 'unknown') return { unknown: `security group ${other.logicalId} admits these tasks on ports or a protocol the files do not decide` };
      const value = securityGroupValue(doc, other.id);
      if (value === undefined) return { unknown: `security group ${other.logicalId}, which admits these tasks, cannot be referenced from ${doc.file}` };
      const protocol = formatProtocol(rule.protocol);
      const egress: CfnObject = protocol === 'all'
        ? { IpProtocol: '-1', DestinationSecurityGroupId: value }
        : { IpProtocol: protocol, FromPort: rule.fromPort, ToPort: rule.toPort, DestinationSecurityGroupId: value };
      egress.Description = `To ${other.logicalId}, which admits these tasks`;
      const key = ruleKey(egress);
      if (key !== undefined && planned.has(key)) continue;
      if (key !== undefined) planned.add(key);
      const local = localLogicalId(doc, other.id);
      if (local !== undefined) peers.set(egress, local);
      rules.push(egress);
      words.push(`${describeEgress(egress)} to security group ${other.logicalId} (it admits these tasks)`);
    }
  }
  return rules.length === 0 ? { unknown: 'the services need no AWS service, endpoint or other group that a rule could name' } : { rules, words, peers };
}

/**
 * The plan's rules split into those the group can hold inline and those that must be resources of
 * their own: an inline rule naming a group whose own rules name this one would make each group
 * depend on the other, and CloudFormation refuses the circular dependency. A standalone
 * `AWS::EC2::SecurityGroupEgress` depends on both groups, and neither on it.
 */
function splitCyclic(doc: TemplateDoc, sg: SecurityGroup, plan: EgressPlan): { inline: CfnObject[]; standalone: [string, CfnObject][] } {
  const inline: CfnObject[] = [];
  const standalone: [string, CfnObject][] = [];
  const taken = new Set<string>();
  for (const rule of plan.rules) {
    const peer = plan.peers.get(rule);
    if (peer === undefined || peer === sg.logicalId || !references(doc, peer, sg.logicalId)) {
      inline.push(rule);
      continue;
    }
    const name = freeLogicalId(doc, `${sg.logicalId}EgressTo${peer}`, taken);
    taken.add(name);
    standalone.push([name, standaloneRule(doc, 'AWS::EC2::SecurityGroupEgress', sg.logicalId, peer, rule)]);
  }
  return { inline, standalone };
}

/**
 * A standalone rule resource of `group` towards `peer`. It exists where both groups do: a group
 * created only under a `Condition` passes it on (verification drops the fix when the two groups
 * have different conditions, which no single one expresses).
 */
export function standaloneRule(doc: TemplateDoc, type: string, group: string, peer: string | undefined, rule: CfnObject): CfnObject {
  const condition = sharedCondition(doc, peer === undefined ? [group] : [group, peer]);
  return {
    Type: type,
    ...(typeof condition === 'string' ? { Condition: condition } : {}),
    Properties: { GroupId: getAtt(group, 'GroupId'), ...rule },
  };
}

/** RFC 1918 and carrier-grade NAT ranges: where VPC addresses come from. */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

function describeEgress(rule: CfnObject): string {
  if (rule.IpProtocol === '-1') return 'all traffic';
  const ports = rule.FromPort === rule.ToPort ? String(rule.FromPort) : `${String(rule.FromPort)}-${String(rule.ToPort)}`;
  return `${String(rule.IpProtocol).toUpperCase()} ${ports}`;
}

/**
 * What makes two rules the same: protocol, ports and peer (descriptions differ freely; `GroupId` names the group a standalone
 * rule belongs to, not what it allows). A security group peer is the same whether written
 * `!Ref Sg` or `!GetAtt Sg.GroupId`.
 */
export function ruleKey(rule: CfnValue): string | undefined {
  if (!isCfnObject(rule)) return undefined;
  const strip = (o: CfnObject): CfnObject => {
    const copy: CfnObject = { ...o };
    delete copy.Description;
    delete copy.GroupId;
    // Protocol numbers CloudFormation also accepts by name (`6` is `tcp`, `-1` all traffic, whatever the ports).
    // A protocol from an intrinsic (`!Ref Protocol`) stays as written: only a written one has a name.
    if (typeof copy.IpProtocol === 'string' || typeof copy.IpProtocol === 'number') copy.IpProtocol = formatProtocol(String(copy.IpProtocol));
    if (copy.IpProtocol === 'all') {
      delete copy.FromPort;
      delete copy.ToPort;
    }
    for (const key of ['DestinationSecurityGroupId', 'SourceSecurityGroupId']) {
      const peer = copy[key];
      const getAttArgs = isCfnObject(peer) ? peer['Fn::GetAtt'] : undefined;
      if (Array.isArray(getAttArgs) && getAttArgs.length === 2 && getAttArgs[1] === 'GroupId' && typeof getAttArgs[0] === 'string') copy[key] = ref(getAttArgs[0]);
    }
    return copy;
  };
  return valueKey(strip(rule));
}

/** The keys of rules (see ruleKey): "does any of these say the same?" in one lookup each. */
function ruleKeys(rules: readonly CfnValue[]): Set<string> {
  const keys = new Set<string>();
  for (const rule of rules) {
    const key = ruleKey(rule);
    if (key !== undefined) keys.add(key);
  }
  return keys;
}

function hasRule(keys: ReadonlySet<string>, rule: CfnValue): boolean {
  const key = ruleKey(rule);
  return key !== undefined && keys.has(key);
}

/**
 * The rules of the group's standalone `AWS::EC2::SecurityGroupEgress` (or `…Ingress`) resources in
 * this template, as written. EC2 refuses a rule the group already has: a fix must not add one of
 * them again.
 */
function standaloneRules(ctx: RuleContext, doc: TemplateDoc, sg: SecurityGroup, direction: 'ingress' | 'egress'): CfnValue[] {
  const out: CfnValue[] = [];
  for (const rule of sg.rules) {
    if (rule.direction !== direction || rule.standaloneId === undefined) continue;
    const resource = ctx.posture.infra.resources.find((r) => r.id === rule.standaloneId);
    const props = resource === undefined || resource.file !== doc.file ? undefined : propsOf(doc, resource);
    if (props !== undefined) out.push(nodeToValue(props));
  }
  return out;
}

function label(ctx: RuleContext, id: string): string {
  return ctx.index.entity(id)?.logicalId ?? id;
}

function worldAllEgress(rule: SecurityGroupRule): boolean {
  return rule.direction === 'egress' && isWorldPeer(rule.peer) && isAllTraffic(rule);
}

/**
 * FW203: replaces the group's allow-all egress (written out, or CloudFormation's implicit one)
 * with the egress its services need. Declines for rules in standalone resources, groups that
 * other kinds of resources use too, and services whose needs are not all known.
 */
function allEgressFixUnsafe(ctx: RuleContext, sg: SecurityGroup, rule: SecurityGroupRule): Fix | FixDeclined | undefined {
  if (rule.standaloneId !== undefined) return undefined;
  if (rule.when !== undefined) return declinedUnderChoice(`${sg.logicalId}'s egress rule (line ${rule.source.line}) exists`, [rule.when], `narrow ${sg.logicalId}'s egress by hand`);
  const doc = docOf(ctx, sg);
  const props = doc === undefined ? undefined : propsOf(doc, sg);
  if (doc === undefined || props === undefined) return undefined;
  const others = otherUsers(doc, sg);
  if (others.length > 0) return declined(sharedGroupReason(doc, sg, others, 'egress'));
  const users = servicesUsing(ctx, sg);
  if (users.length === 0) return undefined;
  // Custom DNS servers (DHCP options) are reached through the group's egress; AmazonProvidedDNS is not.
  if (ctx.posture.infra.resources.some((r) => r.type === 'AWS::EC2::DHCPOptions')) {
    return declined(`the files declare DHCP options, whose DNS servers the tasks may reach through ${sg.logicalId}'s egress, and no rule here would keep them: narrow it by hand`);
  }
  const planned = egressPlan(ctx, doc, sg, users);
  if ('unknown' in planned) return declined(`${planned.unknown}: narrow ${sg.logicalId}'s egress by hand`);

  const inline = sg.rules.filter((r) => r.standaloneId === undefined && r.source.explicit);
  const worldRules = inline.filter((r) => worldAllEgress(r) && r.when === undefined);
  const slots = worldRules.map((r) => inlineRuleSlot(doc, sg, r));
  if (slots.some((s) => s === undefined)) return undefined;
  // The group's other rules stay; the plan adds only what they do not already allow (EC2 refuses
  // a rule a group already has, inline or standalone, and the deployment would fail).
  const kept = slots[0]?.seq.items.filter((item) => !slots.some((s) => s?.item === item)).map(nodeToValue) ?? [];
  const existing = [...kept, ...standaloneRules(ctx, doc, sg, 'egress')];
  const existingKeys = ruleKeys(existing);
  const plan = { ...planned, rules: planned.rules.filter((r) => !hasRule(existingKeys, r)) };
  const { inline: inlineRules, standalone } = splitCyclic(doc, sg, plan);
  // Only an inline rule removes the allow-all default; a group left with standalone rules alone keeps it.
  if (inlineRules.length === 0 && kept.length === 0) return undefined;
  const separate = standalone.length === 0 ? [] : [insertResources(doc, standalone)];
  const names = users.map((s) => s.key).join(', ');
  const explanation = `Allow only what ${plural(users.length, 'service')} ${names} ${users.length === 1 ? 'needs' : 'need'}: ${plan.words.join('; ')}.`;

  if (worldRules.length === 0) {
    // The implicit rule: declaring egress is what removes it.
    if (!sg.implicitEgress) return undefined;
    const declared = mapChild(props, 'SecurityGroupEgress');
    if (declared !== undefined && !(declared.kind === 'seq' && declared.items.length === 0) && !(declared.kind === 'scalar' && declared.value === null)) return undefined;
    return makeFix(`Declare the egress ${sg.logicalId} needs`, `${explanation} Declaring egress removes the allow-all rule CloudFormation adds to a group without any.`, [
      setKey(doc, props, 'SecurityGroupEgress', inlineRules),
      ...separate,
    ]);
  }
  // Removing the first item of a list whose every item goes is refused; put the new rules there instead.
  const edits = [...slots.map((slot, i) => (slot === undefined ? undefined : replaceItem(doc, slot.seq, slot.index, i === 0 ? inlineRules : []))), ...separate];
  return makeFix(`Replace allow-all egress of ${sg.logicalId} with what its services need`, explanation, edits);
}

// ---------------------------------------------------------------------------------------------
// FW202: admit the load balancer instead of the world

function loadBalancerGroups(ctx: RuleContext, doc: TemplateDoc, users: Service[]): { lbs: LoadBalancer[]; groups: { id: string; value: CfnValue; lb: string }[] } | undefined {
  const lbs: LoadBalancer[] = [];
  const groups: { id: string; value: CfnValue; lb: string }[] = [];
  for (const service of users) {
    const own = serviceLoadBalancers(ctx.index, service);
    if (own.length === 0) return undefined;
    for (const lb of own) {
      if (!lbs.includes(lb)) lbs.push(lb);
      const refs = lb.securityGroups.items;
      if (!lb.securityGroups.known || refs.length === 0 || refs.some((r) => r.kind === 'unknown')) return undefined;
      for (const r of refs) {
        const id = refId(r);
        const value = securityGroupValue(doc, r);
        if (value === undefined) return undefined;
        if (!groups.some((g) => g.id === id)) groups.push({ id, value, lb: lb.logicalId });
      }
    }
  }
  return groups.length === 0 ? undefined : { lbs, groups };
}

/** A rule's mapping with its world CIDR replaced by a source security group, keys kept in place. */
function withSourceGroup(item: CfnObject, group: CfnValue, lb: string): CfnObject {
  const out: CfnObject = {};
  let placed = false;
  for (const [k, v] of Object.entries(item)) {
    if (k === 'CidrIp' || k === 'CidrIpv6') {
      if (!placed) out.SourceSecurityGroupId = group;
      placed = true;
      continue;
    }
    out[k] = k === 'Description' ? `From load balancer ${lb}` : v;
  }
  if (!placed) out.SourceSecurityGroupId = group;
  return out;
}

/**
 * Edits that turn one rule mapping from "anywhere" into "from this group": the CIDR entry is
 * re-keyed in place and a description, when there is one, says where traffic now comes from.
 * Every other entry stays as written.
 */
function retarget(doc: TemplateDoc, map: PMap, group: { value: CfnValue; lb: string }): (Edit | undefined)[] {
  const cidrKey = mapEntry(map, 'CidrIp') !== undefined ? 'CidrIp' : 'CidrIpv6';
  const edits: (Edit | undefined)[] = [replaceEntry(doc, map, cidrKey, 'SourceSecurityGroupId', group.value)];
  if (mapEntry(map, 'Description') !== undefined) edits.push(setKey(doc, map, 'Description', `From load balancer ${group.lb}`));
  return edits;
}

/**
 * Whether a rule writes its range out. A range from a parameter (`CidrIp: !Ref AllowedCidr`,
 * default `0.0.0.0/0`) is the deployer's to set: replacing it would take that choice away.
 */
function literalCidr(rule: PMap): boolean {
  const cidr = mapChild(rule, 'CidrIp') ?? mapChild(rule, 'CidrIpv6');
  return cidr?.kind === 'scalar';
}

/**
 * How other tasks may call the service's tasks by their own addresses, bypassing its load
 * balancers: it registers them in Cloud Map (`ServiceRegistries`), or serves through Service
 * Connect (`ServiceConnectConfiguration.Services`). A declaration the files do not spell out counts
 * as such a way. Undefined when the service is reached through its load balancers only.
 */
function directCallers(ctx: RuleContext, service: Service): string | undefined {
  const doc = docFor(ctx.posture.infra, service.file);
  const props = doc === undefined ? undefined : propertiesNode(doc, service.logicalId);
  if (props === undefined) return 'is declared in a way the files do not spell out, so whether other tasks call it directly is not known';
  const listed = (key: string, node = props): boolean => {
    const v = mapChild(node, key);
    return v !== undefined && !(v.kind === 'seq' && v.items.length === 0) && !(v.kind === 'scalar' && v.value === null);
  };
  if (listed('ServiceRegistries')) return 'registers its tasks in Cloud Map (ServiceRegistries)';
  const connect = mapChild(props, 'ServiceConnectConfiguration');
  if (connect !== undefined && (connect.kind !== 'map' || isIntrinsic(connect) || listed('Services', connect))) {
    return 'serves through Service Connect (ServiceConnectConfiguration)';
  }
  return undefined;
}

/**
 * FW202: every world ingress rule of the group admits the load balancers' security groups instead,
 * on the same ports. Declines when a service using the group has no load balancer, a load
 * balancer has no security group in this template, the group belongs to something else too (the
 * load balancer itself, an instance), or a standalone rule would need several groups.
 */
function worldIngressFixUnsafe(ctx: RuleContext, sg: SecurityGroup, rule: SecurityGroupRule): Fix | FixDeclined | undefined {
  if (rule.when !== undefined) {
    return declinedUnderChoice(`${sg.logicalId}'s ingress rule (line ${rule.source.line}) exists`, [rule.when], `change the value that outcome gives (the branch, or the mapping's entry) by hand`);
  }
  const doc = docOf(ctx, sg);
  if (doc === undefined) return undefined;
  const sharers = otherUsers(doc, sg);
  if (sharers.length > 0) return declined(sharedGroupReason(doc, sg, sharers, 'ingress'));
  if (ctx.posture.infra.loadBalancers.some((lb) => lb.securityGroups.items.some((r) => r.kind === 'resource' && r.id === sg.id))) return undefined;
  const users = servicesUsing(ctx, sg);
  if (users.length === 0) return undefined;
  const found = loadBalancerGroups(ctx, doc, users);
  if (found === undefined || found.groups.some((g) => g.id === sg.id)) return undefined;
  // Tasks called by their own addresses may be called through the world rule: the load balancer's group alone would cut those callers off.
  for (const service of users) {
    const how = directCallers(ctx, service);
    if (how !== undefined) {
      return declined(`service ${service.key} ${how}: other tasks may reach it directly, not through the load balancer, and admitting the load balancer alone would cut them off; admit the callers' security groups (or the VPC range) next to the load balancer's by hand`);
    }
  }
  const lbNames = found.lbs.map((lb) => lb.logicalId);
  const title = `Admit ${lbNames.join(', ')} instead of the internet to ${sg.logicalId}`;
  const explanation = `The tasks sit behind load ${plural(lbNames.length, 'balancer')} ${lbNames.join(', ')}; their ingress from anywhere becomes ingress from the load ${plural(lbNames.length, 'balancer')}’ security ${plural(found.groups.length, 'group')} on the same ports.`;

  // EC2 refuses a rule the group already has (the deployment would fail): the rules the group keeps
  // and its standalone ones are what the new rules must not repeat.
  const standaloneIngress = standaloneRules(ctx, doc, sg, 'ingress');
  const inlineSeq = literalSeq(propsOf(doc, sg), 'SecurityGroupIngress');

  if (rule.standaloneId !== undefined) {
    const standalone = ctx.posture.infra.resources.find((r) => r.id === rule.standaloneId);
    const props = standalone === undefined ? undefined : propsOf(doc, standalone);
    if (props === undefined || found.groups.length !== 1 || !literalCidr(props)) return undefined;
    const value = nodeToValue(props);
    const retargeted = isCfnObject(value) ? withSourceGroup(value, found.groups[0].value, found.groups[0].lb) : undefined;
    const elsewhere = [...(inlineSeq?.items.map(nodeToValue) ?? []), ...standaloneIngress];
    if (retargeted === undefined) return undefined;
    if (hasRule(ruleKeys(elsewhere), retargeted)) {
      return declined(`${sg.logicalId} already admits the load balancer on these ports: delete ${standalone?.logicalId ?? 'the rule'} by hand instead (turned into the same rule, EC2 would refuse the duplicate)`);
    }
    return makeFix(title, explanation, retarget(doc, props, found.groups[0]));
  }

  const world = sg.rules.filter((r) => r.direction === 'ingress' && r.standaloneId === undefined && r.source.explicit && isWorldPeer(r.peer) && r.when === undefined);
  const slots = world.map((r) => inlineRuleSlot(doc, sg, r));
  if (slots.length === 0 || slots.some((s) => s === undefined)) return undefined;
  const seq = slots[0]?.seq;
  const others = seq?.items.filter((item) => !slots.some((s) => s?.item === item)).map(nodeToValue) ?? [];
  const produced = ruleKeys([...others, ...standaloneIngress]);
  const edits: (Edit | undefined)[] = [];
  let removed = 0;
  for (const slot of slots) {
    if (slot === undefined || slot.item.kind !== 'map' || !literalCidr(slot.item)) return undefined;
    const value = nodeToValue(slot.item);
    if (!isCfnObject(value)) return undefined;
    const replacements = found.groups.map((g) => ({ g, rule: withSourceGroup(value, g.value, g.lb) })).filter((r) => !hasRule(produced, r.rule));
    for (const key of ruleKeys(replacements.map((r) => r.rule))) produced.add(key);
    if (replacements.length === 0) removed++;
    if (replacements.length === 1) edits.push(...retarget(doc, slot.item, replacements[0].g));
    else edits.push(replaceItem(doc, slot.seq, slot.index, replacements.map((r) => r.rule)));
  }
  // Every inline rule goes (standalone rules already admit the load balancer): the list goes with them.
  if (seq !== undefined && removed === seq.items.length) {
    const props = propsOf(doc, sg);
    return makeFix(title, explanation, [props === undefined ? undefined : removeEntry(doc, props, 'SecurityGroupIngress')]);
  }
  return makeFix(title, explanation, edits);
}

// ---------------------------------------------------------------------------------------------
// FW201: public IP off when nothing needs it

/**
 * FW201: `AssignPublicIp: DISABLED`, only when every need of the service is covered by a path that
 * does not use the public IP (NAT or VPC endpoints) and nothing reaches the tasks directly by it
 * (internet ingress without a load balancer).
 */
function publicIpFixUnsafe(ctx: RuleContext, service: Service): Fix | FixDeclined | undefined {
  const posture = postureOf(ctx, service);
  const doc = docOf(ctx, service);
  if (posture === undefined || doc === undefined) return undefined;
  // Nothing proves a private path when the subnets' routes or the needs themselves are unknown.
  if (posture.egress === 'unknown' || posture.needs.length === 0) return undefined;
  // Through an internet gateway, the public IP is the tasks' only way out: without it they lose the
  // internet altogether, the application's own calls included, whatever VPC endpoints cover.
  const viaGateway = serviceNetwork(service, ctx.index).subnets.filter((s) => s.defaultRoute === 'igw' || s.defaultRoute === 'unknown');
  if (viaGateway.length > 0) {
    const names = viaGateway.map((s) => s.subnet?.logicalId ?? s.id).join(', ');
    return declined(`${viaGateway.length === 1 ? `subnet ${names} sends` : `subnets ${names} send`} internet traffic to an internet gateway${viaGateway.some((s) => s.defaultRoute === 'unknown') ? ' (or may)' : ''}, which only tasks with a public IP can use: move the service to private subnets (a NAT gateway or VPC endpoints only) first`);
  }
  for (const need of posture.needs) {
    if (need.covered === 'unknown') return undefined;
    if (need.covered === false && need.kind === 'startup') return undefined;
    if (need.via !== undefined && need.via.split(',').includes('igw')) return undefined;
  }
  const direct = posture.ingress.some((i) => i.kind === 'internet');
  if (direct && serviceLoadBalancers(ctx.index, service).length === 0) return undefined;
  const attr = service.assignPublicIp;
  const when = whenValue(attr, true);
  if (typeof when !== 'boolean') return declinedUnderChoice('AssignPublicIp gives the tasks a public IP', when, `set AssignPublicIp to DISABLED in the branch or mapping entries that enable it by hand`, true);
  if (!attr.known || !attr.source.explicit || attr.source.file !== doc.file) return undefined;
  const node = nodeAtPath(doc, attr.source.path);
  if (node === undefined || node.kind !== 'scalar') return undefined;
  const paths = [...new Set(posture.needs.flatMap((n) => (n.via ?? '').split(',')).filter((v) => v !== ''))].sort();
  return makeFix(
    `Stop assigning public IPs to tasks of ${service.key}`,
    `Every AWS service the tasks need is reached without a public IP (${paths.join(', ') || 'no needs'}), so AssignPublicIp becomes DISABLED.`,
    [replaceNode(doc, node, 'DISABLED')],
  );
}

export const allEgressFix = guarded(allEgressFixUnsafe);
export const worldIngressFix = guarded(worldIngressFixUnsafe);
export const publicIpFix = guarded(publicIpFixUnsafe);
