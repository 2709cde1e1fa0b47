import type { Attr, CoverageProblem, CoverageProblemKind, EntityRef, Need, NetworkAcl, SecurityGroup, Subnet, VpcEndpoint } from '../model/index.ts';
import { endpointRegion, ecrPolicyUnrestricted, policySatisfies, refusedRequests } from './endpoint-policy.ts';
import type { InfraIndex } from './infra-index.ts';
import { refId } from './infra-index.ts';
import type { NeedSpec } from './needs.ts';
import type { ServiceNetwork, SubnetNetwork } from './reachability.ts';
import { endpointInVpc, knownSubnetCidrs, resolveGroups } from './reachability.ts';
import type { EgressDestination, Tri } from './security-group-match.ts';
import { effectiveRules, egressAllows, egressLeavesEni, formatProtocol, ingressAllows, triAnd, triOr } from './security-group-match.ts';

/**
 * Endpoint coverage, as DESIGN's "Analyses" defines it. For each of the service's subnets we follow
 * the path a call for the need actually takes, in the order AWS resolves it:
 *
 * 1. a Gateway endpoint whose route table is the subnet's (its prefix-list route beats 0.0.0.0/0);
 * 2. an Interface endpoint with private DNS on anywhere in the VPC: it captures the service's public
 *    DNS name for the whole VPC, so when it is broken the call fails even if a NAT gateway exists;
 * 3. otherwise the subnet's internet path (NAT, or an internet gateway with a public IP). Endpoints
 *    that step 1 and 2 passed over (private DNS off, gateway not on the subnet's route table) are
 *    bypassed, and are reported only when there is no internet path to fall back on.
 *
 * The need is covered when every subnet's path works (tasks land in all of them): one failing
 * subnet makes it uncovered, otherwise anything the files do not decide makes it `unknown`.
 *
 * Subnets outside the files leave the path unknown, but not whether the task can use any path:
 * task security groups that let TCP 443 out to no destination at all fail every one of them
 * (`blockedOnEveryPath`).
 */

const HTTPS = 443;

interface Draft {
  kind: CoverageProblemKind;
  endpointId?: string;
  base: string;
  missing?: string[];
  everyPath?: boolean;
  otherRegion?: { calls: string; endpoints: string };
}

interface Outcome {
  covered: Tri;
  via?: string;
  drafts: Draft[];
}

/** The files do not decide the path. Shared: outcomes are only read. */
const UNDECIDED: Outcome = { covered: 'unknown', drafts: [] };

interface Candidate {
  endpoint: VpcEndpoint;
  inVpc: Tri;
  /** The endpoint's service name is unresolved: it might serve this need. */
  maybeService: boolean;
  /**
   * The need writes out the regions it calls and the endpoint's name does not (`${AWS::Region}`
   * in a stack whose region the files do not pin): it serves them only if the stack deploys there.
   */
  regionUndecided: boolean;
}

/** Everything about the service that does not change from one need to the next. */
export interface CoverageContext {
  net: ServiceNetwork;
  index: InfraIndex;
}

/** The endpoints that may serve one AWS service from the network, split by type as each subnet's path asks. */
interface Candidates {
  gateways: Candidate[];
  interfaces: Candidate[];
  /** Whether an endpoint certainly in the VPC serves the AWS service (of any type). */
  servedInVpc: boolean;
  /** Regions of endpoints for the AWS service left out because the need calls another region (see NeedSpec.regions). */
  otherRegion?: string[];
  /**
   * When some candidates are `regionUndecided`: the candidates as they stand if the stack deploys
   * to another region than the need calls, where those endpoints do not serve it.
   */
  ifOtherRegion?: Candidates;
}

/** Per network: its candidates per AWS service and its task groups' checks, both shared with networks alike. */
interface NetMemo {
  candidates: Map<string, Candidates>;
  groups: TaskGroupChecks;
}

const memoByNet = new WeakMap<ServiceNetwork, NetMemo>();

function netMemo(net: ServiceNetwork, index: InfraIndex): NetMemo {
  let memo = memoByNet.get(net);
  if (memo === undefined) {
    const checks = checksOf(index);
    memo = { candidates: checks.candidatesFor(net), groups: checks.forGroupsOf(net) };
    memoByNet.set(net, memo);
  }
  return memo;
}

function candidates(spec: NeedSpec, ctx: CoverageContext): Candidates {
  const byService = netMemo(ctx.net, ctx.index).candidates;
  // The region a need calls, when written out, narrows its candidates.
  const key = spec.regions === undefined ? spec.service : `${spec.service}\0${spec.regions.join(',')}`;
  let found = byService.get(key);
  if (found === undefined) byService.set(key, (found = findCandidates(spec, ctx)));
  return found;
}

function findCandidates(spec: NeedSpec, ctx: CoverageContext): Candidates {
  const out: Candidates = { gateways: [], interfaces: [], servedInVpc: false };
  for (const endpoint of ctx.index.infra.vpcEndpoints) {
    const matches = endpoint.service.known ? endpoint.service.value === spec.service : true;
    if (!matches) continue;
    const inVpc = endpointInVpc(endpoint, ctx.net);
    if (inVpc === false) continue;
    // An endpoint serves its own region's service names: not calls written out to another region.
    const region = spec.regions === undefined ? undefined : checksOf(ctx.index).facts(endpoint).region;
    if (region !== undefined && spec.regions?.some((r) => r !== region) === true) {
      (out.otherRegion ??= []).push(region);
      continue;
    }
    const regionUndecided = spec.regions !== undefined && region === undefined && endpoint.service.known;
    const candidate: Candidate = { endpoint, inVpc, maybeService: !endpoint.service.known, regionUndecided };
    if (inVpc === true && endpoint.service.known) out.servedInVpc = true;
    if (endpoint.type === 'Gateway') out.gateways.push(candidate);
    else if (endpoint.type === 'Interface') out.interfaces.push(candidate);
  }
  const decided = (list: Candidate[]): Candidate[] => list.filter((c) => !c.regionUndecided);
  if ([...out.gateways, ...out.interfaces].some((c) => c.regionUndecided)) {
    const gateways = decided(out.gateways);
    const interfaces = decided(out.interfaces);
    const servedInVpc = [...gateways, ...interfaces].some((c) => c.inVpc === true && !c.maybeService);
    out.ifOtherRegion = { gateways, interfaces, servedInVpc };
    if (out.otherRegion !== undefined) out.ifOtherRegion.otherRegion = out.otherRegion;
  }
  return out;
}

/** A network check's answer: whether the path works, and what is wrong when it does not. */
interface Verdict {
  ok: Tri;
  drafts: Draft[];
}

interface ResolvedGroups {
  groups: SecurityGroup[];
  ids: string[];
  complete: boolean;
}

interface EndpointFacts {
  /** Ids of the subnets and route tables the endpoint names (entity ids or external values). */
  subnetIds: Set<string>;
  routeTableIds: Set<string>;
  /** CIDRs of the endpoint's subnets, when every one is in the files with a known CIDR. */
  subnetCidrs?: string[];
  region?: string;
  ecrUnrestricted: Tri;
  /** How a need covered through the endpoint says so (`endpoint:<logical id>`). */
  via: string;
  /** Set when the endpoint's VPC, in the files, has DNS support or DNS hostnames off: why private DNS cannot work. */
  vpcDnsOff?: string;
  /** Made on first use and shared by every need through the endpoint: drafts are only read. */
  ecrUnrestrictedDraft?: Draft;
}

/**
 * The answers that depend on the network alone, not on the need, computed once per analysis: a
 * service's needs ask the same endpoints the same questions, and services with the same security
 * groups ask what their neighbours asked. The model is not changed while it is analysed, so an
 * index's answers stay valid.
 */
class NetworkChecks {
  private readonly endpointGroups = new Map<VpcEndpoint, Map<string | undefined, ResolvedGroups>>();
  private readonly groupsByList = new Map<string, ResolvedGroups>();
  private readonly endpointFacts = new Map<VpcEndpoint, EndpointFacts>();
  private readonly taskGroups = new Map<string, TaskGroupChecks>();
  private readonly candidatesByPlacement = new Map<string, Map<string, Candidates>>();

  constructor(readonly index: InfraIndex) {}

  /**
   * The endpoint's groups as seen from a VPC (whose default group stands in for an empty list).
   * Endpoints that list the same groups share one answer, so the task-side checks keyed by it
   * (admission, egress to the groups) are made once for all of them.
   */
  groupsOf(endpoint: VpcEndpoint, vpcId: string | undefined): ResolvedGroups {
    let byVpc = this.endpointGroups.get(endpoint);
    if (byVpc === undefined) this.endpointGroups.set(endpoint, (byVpc = new Map()));
    let groups = byVpc.get(vpcId);
    if (groups === undefined) {
      const key = groupListKey(endpoint, vpcId);
      groups = key === undefined ? undefined : this.groupsByList.get(key);
      if (groups === undefined) {
        groups = resolveGroups(this.index, endpoint.securityGroups, vpcId, endpoint);
        if (key !== undefined) this.groupsByList.set(key, groups);
      }
      byVpc.set(vpcId, groups);
    }
    return groups;
  }

  facts(endpoint: VpcEndpoint): EndpointFacts {
    let facts = this.endpointFacts.get(endpoint);
    if (facts === undefined) {
      facts = {
        subnetIds: knownIds(endpoint.subnets.items),
        routeTableIds: knownIds(endpoint.routeTables.items),
        subnetCidrs: knownSubnetCidrs(this.index, endpoint.subnets),
        region: endpointRegion(endpoint.serviceNameRaw),
        ecrUnrestricted: ecrPolicyUnrestricted(endpoint.policy),
        via: `endpoint:${label(endpoint)}`,
      };
      const dnsOff = vpcDnsOff(endpoint, this.index);
      if (dnsOff !== undefined) facts.vpcDnsOff = dnsOff;
      this.endpointFacts.set(endpoint, facts);
    }
    return facts;
  }

  /**
   * Candidate endpoints per AWS service for the network. Whether an endpoint is in the network's
   * VPC depends on the VPC and the subnets (their route tables follow from them), so networks
   * placed alike share them.
   */
  candidatesFor(net: ServiceNetwork): Map<string, Candidates> {
    const key = `${net.vpcId ?? ''}\u0000${net.subnets.map((s) => s.id).join('\u0000')}`;
    let byService = this.candidatesByPlacement.get(key);
    if (byService === undefined) this.candidatesByPlacement.set(key, (byService = new Map()));
    return byService;
  }

  /**
   * The checks for the network's task security groups. What they depend on besides the endpoint
   * and the subnet is the list of group ids (which decides the groups that resolve), whether one
   * is missing, and the VPC (whose default group stands in for an empty list, the task's or the
   * endpoint's): networks equal in those share one set of answers.
   */
  forGroupsOf(net: ServiceNetwork): TaskGroupChecks {
    const key = `${net.vpcId ?? ''}\u0000${net.securityGroupsComplete ? 1 : 0}\u0000${net.securityGroupIds.join('\u0000')}`;
    let checks = this.taskGroups.get(key);
    if (checks === undefined) this.taskGroups.set(key, (checks = new TaskGroupChecks(net, this)));
    return checks;
  }
}

/**
 * Answers for one set of task security groups. `net` is the first network found with the set;
 * only what the set determines is read from it (groups, their ids, completeness, VPC).
 */
class TaskGroupChecks {
  private toInternet: Tri | undefined;
  private leaves: Tri | undefined;
  private readonly toPrefixList = new Map<string, Tri>();
  private readonly toCidr = new Map<string, Tri>();
  private readonly toGroups = new Map<ResolvedGroups, Tri>();
  private readonly admittedBy = new Map<ResolvedGroups, Map<string, Tri>>();
  private readonly interfaces = new Map<VpcEndpoint, Map<string, Verdict>>();

  constructor(
    readonly net: ServiceNetwork,
    readonly network: NetworkChecks,
  ) {}

  /** Whether the groups let HTTPS out to the internet (NAT or an internet gateway). */
  egressToInternet(): Tri {
    this.toInternet ??= this.egress({ kind: 'internet' });
    return this.toInternet;
  }

  /** Whether the groups let HTTPS leave the task ENI for any destination at all (callers weigh groups outside the files). */
  egressAnywhere(): Tri {
    this.leaves ??= egressLeavesEni(this.net.securityGroups, HTTPS);
    return this.leaves;
  }

  egressToPrefixList(service: 's3' | 'dynamodb'): Tri {
    let value = this.toPrefixList.get(service);
    if (value === undefined) this.toPrefixList.set(service, (value = this.egress({ kind: 'prefixList', service })));
    return value;
  }

  egressToCidr(cidr: string): Tri {
    let value = this.toCidr.get(cidr);
    if (value === undefined) this.toCidr.set(cidr, (value = this.egress({ kind: 'cidr', cidr })));
    return value;
  }

  egressToGroups(groups: ResolvedGroups): Tri {
    let value = this.toGroups.get(groups);
    if (value === undefined) this.toGroups.set(groups, (value = this.egress({ kind: 'sg', ids: groups.ids })));
    return value;
  }

  /** The network half of the path through an interface endpoint from one subnet. */
  interfaceVerdict(endpoint: VpcEndpoint, subnet: SubnetNetwork): Verdict {
    let bySubnet = this.interfaces.get(endpoint);
    if (bySubnet === undefined) this.interfaces.set(endpoint, (bySubnet = new Map()));
    let verdict = bySubnet.get(subnet.id);
    if (verdict === undefined) bySubnet.set(subnet.id, (verdict = interfaceNetwork(endpoint, subnet, this)));
    return verdict;
  }

  /**
   * Whether the endpoint groups admit HTTPS from these task groups in one subnet: endpoints of
   * several services often share their groups.
   */
  admittedFrom(endpointGroups: ResolvedGroups, subnet: SubnetNetwork): Tri {
    let bySubnet = this.admittedBy.get(endpointGroups);
    if (bySubnet === undefined) this.admittedBy.set(endpointGroups, (bySubnet = new Map()));
    let value = bySubnet.get(subnet.id);
    if (value === undefined) bySubnet.set(subnet.id, (value = this.admitted(endpointGroups, subnet)));
    return value;
  }

  private admitted(endpointGroups: ResolvedGroups, subnet: SubnetNetwork): Tri {
    const { net } = this;
    const index = this.network.index;
    const admitted = ingressAllows(endpointGroups.groups, HTTPS, { sgIds: net.securityGroupIds, cidrs: subnet.cidr === undefined ? [] : [subnet.cidr] }, index);
    if (admitted === false && subnet.cidr === undefined && hasRuleOn443(endpointGroups.groups, 'ingress', ['cidr4', 'cidr6'])) return 'unknown';
    return admitted;
  }

  private egress(dest: EgressDestination): Tri {
    return egressAllows(this.net.securityGroups, HTTPS, dest, this.network.index);
  }
}

/**
 * What decides how an endpoint's group list resolves: the VPC and each reference. An empty list
 * (the VPC default group, anchored at the endpoint) gets no key and is resolved per endpoint.
 */
function groupListKey(endpoint: VpcEndpoint, vpcId: string | undefined): string | undefined {
  const refs = endpoint.securityGroups;
  if (refs.items.length === 0) return undefined;
  let key = `${vpcId ?? ''}\u0000${refs.known ? 1 : 0}`;
  for (const ref of refs.items) key += `\u0000${ref.kind}:${refId(ref)}`;
  return key;
}

function knownIds(refs: EntityRef[]): Set<string> {
  const ids = new Set<string>();
  for (const ref of refs) if (ref.kind !== 'unknown') ids.add(refId(ref));
  return ids;
}

const checksByIndex = new WeakMap<InfraIndex, NetworkChecks>();

function checksOf(index: InfraIndex): NetworkChecks {
  let checks = checksByIndex.get(index);
  if (checks === undefined) checksByIndex.set(index, (checks = new NetworkChecks(index)));
  return checks;
}

/**
 * Private DNS of an interface endpoint needs the VPC's DNS support and DNS hostnames on; with
 * either off, EC2 refuses `PrivateDnsEnabled` (the stack fails) and the service names resolve to
 * public addresses. Only a VPC declared in the files, with the attribute known, is judged.
 */
export function vpcDnsOff(endpoint: VpcEndpoint, index: InfraIndex): string | undefined {
  if (endpoint.vpc === undefined || endpoint.vpc.kind !== 'resource') return undefined;
  const vpc = index.resolve(endpoint.vpc, index.infra.vpcs);
  if (vpc === undefined) return undefined;
  const off = (attr: Attr<boolean>, key: string): string | undefined =>
    attr.known && !attr.value ? `${key}${attr.source.explicit ? ' false' : ' not set (it defaults to false)'}` : undefined;
  const why = off(vpc.dnsSupport, 'EnableDnsSupport') ?? off(vpc.dnsHostnames, 'EnableDnsHostnames');
  return why === undefined ? undefined : `its VPC ${vpc.logicalId} has ${why}`;
}

function label(endpoint: VpcEndpoint): string {
  return endpoint.logicalId;
}

/** Turns a `false` into `unknown` when some security group's rules are outside the files. */
function unlessIncomplete(value: Tri, complete: boolean): Tri {
  return value === false && !complete ? 'unknown' : value;
}

function gatewayAssociated(endpoint: VpcEndpoint, subnet: SubnetNetwork, index: InfraIndex): Tri {
  const rt = subnet.routeTableId;
  if (rt !== undefined && checksOf(index).facts(endpoint).routeTableIds.has(rt)) return true;
  // The main route table, or a list we cannot read, may well hold the association.
  if (rt === undefined || !endpoint.routeTables.known || endpoint.routeTables.items.some((r) => r.kind === 'unknown')) return 'unknown';
  return false;
}

/** AZ strings are comparable when literal or `${AZ[n]}` (distinct elements of one `Fn::GetAZs`). */
function comparableAz(az: string): boolean {
  return !az.includes('${') || /^\$\{AZ\[\d+\]\}$/.test(az);
}

function endpointCoversSubnet(endpoint: VpcEndpoint, subnet: SubnetNetwork, index: InfraIndex): { ok: Tri; missing?: string[] } {
  if (checksOf(index).facts(endpoint).subnetIds.has(subnet.id)) return { ok: true };
  if (!endpoint.subnets.known) return { ok: 'unknown' };
  const endpointAzs: (string | undefined)[] = endpoint.subnets.items.map((r) => {
    const s = index.subnet(r);
    return s?.availabilityZone.known === true ? s.availabilityZone.value : undefined;
  });
  if (subnet.az === undefined) {
    // DESIGN: when AZs cannot be resolved, only an endpoint in the task's own subnets counts.
    return { ok: false, missing: [subnet.id] };
  }
  if (endpointAzs.includes(subnet.az)) return { ok: true };
  const decidable = comparableAz(subnet.az) && endpointAzs.every((az) => az !== undefined && comparableAz(az));
  return decidable ? { ok: false, missing: [subnet.az] } : { ok: 'unknown' };
}

/** Whether some rule of these peer kinds could carry HTTPS: then an address we do not know might match it. */
function hasRuleOn443(groups: SecurityGroup[], direction: 'ingress' | 'egress', peerKinds: string[]): boolean {
  return groups.some((g) => effectiveRules(g, direction).some((r) => {
    if (!peerKinds.includes(r.peer.kind)) return false;
    const p = formatProtocol(r.protocol);
    if (p === 'all') return true;
    return p === 'tcp' && (!r.portsKnown || (r.fromPort <= HTTPS && HTTPS <= r.toPort));
  }));
}

function evalGateway(endpoint: VpcEndpoint, spec: NeedSpec, ctx: CoverageContext): Outcome {
  const { net, index } = ctx;
  const drafts: Draft[] = [];
  const service = spec.service === 'dynamodb' ? 'dynamodb' : 's3';
  const egress = unlessIncomplete(netMemo(net, index).groups.egressToPrefixList(service), net.securityGroupsComplete);
  if (egress === false) {
    drafts.push({
      kind: 'task-sg-egress', endpointId: endpoint.id,
      base: `the task security group does not allow TCP 443 to the ${service} prefix list (or 0.0.0.0/0), so traffic to gateway endpoint ${label(endpoint)} is dropped`,
      missing: [`prefix-list:${service}`],
    });
  }
  const region = checksOf(index).facts(endpoint).region;
  const policy = policySatisfies(endpoint.policy, spec.policy, region);
  if (policy === false) drafts.push(policyDraft(endpoint, spec, region));
  return { covered: triAnd(egress, policy), via: checksOf(index).facts(endpoint).via, drafts };
}

function policyDraft(endpoint: VpcEndpoint, spec: NeedSpec, region: string | undefined): Draft {
  const refused = refusedRequests(endpoint.policy, spec.policy, region);
  const requests = refused.length > 0 || spec.policy.kind === 'ecr-layers' ? refused : spec.policy.requests;
  const what = spec.policy.kind === 'ecr-layers'
    ? 's3:GetObject on arn:aws:s3:::prod-<region>-starport-layer-bucket/* (ECR image layers)'
    : requests.map((r) => `${r.action}${r.resource === undefined ? '' : ` on ${r.resource}`}`).slice(0, 3).join(', ');
  return { kind: 'endpoint-policy', endpointId: endpoint.id, base: `the policy of endpoint ${label(endpoint)} does not allow ${what} (${spec.reason})` };
}

/**
 * The network half of an interface endpoint path, which no need changes: the endpoint has a
 * network interface where the task runs, its groups admit the task, and the task's groups let
 * HTTPS out to it.
 */
function interfaceNetwork(endpoint: VpcEndpoint, subnet: SubnetNetwork, task: TaskGroupChecks): Verdict {
  const { net, network } = task;
  const index = network.index;
  const drafts: Draft[] = [];

  const placement = endpointCoversSubnet(endpoint, subnet, index);
  if (placement.ok === false) {
    drafts.push({
      kind: 'endpoint-missing-az', endpointId: endpoint.id,
      base: subnet.az === undefined
        ? `endpoint ${label(endpoint)} is not in the task subnets (their AZs are unknown)`
        : `endpoint ${label(endpoint)} has no network interface in the AZs the service runs in`,
      missing: placement.missing,
    });
  }

  const endpointGroups = network.groupsOf(endpoint, net.vpcId);
  const admitted = unlessIncomplete(task.admittedFrom(endpointGroups, subnet), endpointGroups.complete && net.securityGroupsComplete);
  if (admitted === false) {
    drafts.push({
      kind: 'endpoint-sg-ingress', endpointId: endpoint.id,
      base: `the security group of endpoint ${label(endpoint)} does not admit TCP 443 from the tasks`,
      missing: net.securityGroupIds,
    });
  }

  const bySg = task.egressToGroups(endpointGroups);
  const cidrs = network.facts(endpoint).subnetCidrs;
  let byCidr: Tri;
  if (cidrs !== undefined && cidrs.length > 0) {
    byCidr = triAnd(...cidrs.map((cidr) => task.egressToCidr(cidr)));
  } else {
    byCidr = task.egressToCidr('0.0.0.0/0');
    if (byCidr === false && hasRuleOn443(net.securityGroups, 'egress', ['cidr4'])) byCidr = 'unknown';
  }
  const egress = unlessIncomplete(triOr(bySg, byCidr), net.securityGroupsComplete);
  if (egress === false) {
    drafts.push({
      kind: 'task-sg-egress', endpointId: endpoint.id,
      base: `the task security group does not allow TCP 443 to endpoint ${label(endpoint)} (its security group or subnets)`,
      missing: endpointGroups.ids,
    });
  }
  return { ok: triAnd(placement.ok, admitted, egress), drafts };
}

function evalInterface(endpoint: VpcEndpoint, subnet: SubnetNetwork, spec: NeedSpec, ctx: CoverageContext): Outcome {
  const { net, index } = ctx;
  const network = netMemo(net, index).groups.interfaceVerdict(endpoint, subnet);
  const facts = checksOf(index).facts(endpoint);
  const policy = policySatisfies(endpoint.policy, spec.policy, facts.region);
  const unrestrictedEcr = (spec.service === 'ecr.api' || spec.service === 'ecr.dkr') && facts.ecrUnrestricted === true;
  const via = facts.via;
  const dnsOk = facts.vpcDnsOff === undefined;
  if (policy !== false && !unrestrictedEcr && dnsOk) return { covered: triAnd(network.ok, policy), via, drafts: network.drafts };

  const drafts = [...network.drafts];
  if (!dnsOk) {
    drafts.push({
      kind: 'endpoint-private-dns', endpointId: endpoint.id,
      base: `endpoint ${label(endpoint)} enables private DNS but ${facts.vpcDnsOff}, so private DNS cannot work (EC2 refuses it) and calls to ${spec.service} resolve to public addresses`,
    });
  }
  if (policy === false) drafts.push(policyDraft(endpoint, spec, facts.region));
  if (unrestrictedEcr) drafts.push((facts.ecrUnrestrictedDraft ??= ecrUnrestrictedDraft(endpoint)));
  return { covered: triAnd(network.ok, policy, dnsOk), via, drafts };
}

function ecrUnrestrictedDraft(endpoint: VpcEndpoint): Draft {
  return {
    kind: 'ecr-endpoint-unrestricted', endpointId: endpoint.id,
    base: `ECR endpoint ${label(endpoint)} has no policy limiting it to the account's own repositories`,
  };
}

function evalInternet(subnet: SubnetNetwork, spec: NeedSpec, ctx: CoverageContext, bypassed: Draft[], endpointsExist: boolean): Outcome {
  const { net, index } = ctx;
  const reach = subnet.internet.reach;
  if (reach === true) {
    const egress = unlessIncomplete(netMemo(net, index).groups.egressToInternet(), net.securityGroupsComplete);
    if (egress === false) {
      return {
        covered: false,
        drafts: [{ kind: 'task-sg-egress', base: `the task security group does not allow TCP 443 to the internet, the only path to ${spec.service}`, missing: ['0.0.0.0/0'] }],
      };
    }
    return { covered: egress, via: subnet.internet.via, drafts: [] };
  }
  if (reach === 'unknown') return UNDECIDED;
  if (bypassed.length > 0) return { covered: false, drafts: bypassed };
  const otherRegion = otherRegionOf(spec, ctx);
  // The written-out regions no endpoint serves (with two containers, one may be served).
  const unserved = otherRegion === undefined ? undefined : (spec.regions ?? []).filter((r) => !otherRegion.includes(r)).join(', ');
  const base = otherRegion !== undefined
    ? `the calls go to ${unserved}, but the ${spec.service} endpoints serve ${otherRegion.join(', ')}, and the subnets have no internet path`
    : spec.internetOnly
    ? `${spec.service} has no VPC endpoint and the subnets have no internet path (NAT, or internet gateway with public IP)`
    : endpointsExist
      ? `no ${spec.service} endpoint reaches the tasks and the subnets have no internet path`
      : `no internet path (NAT, or internet gateway with public IP) and no ${spec.service} VPC endpoint`;
  const draft: Draft = { kind: 'no-path', base };
  if (otherRegion !== undefined && unserved !== undefined) draft.otherRegion = { calls: unserved, endpoints: otherRegion.join(', ') };
  return { covered: false, drafts: [draft] };
}

function otherRegionOf(spec: NeedSpec, ctx: CoverageContext): string[] | undefined {
  const regions = candidates(spec, ctx).otherRegion;
  return regions === undefined ? undefined : [...new Set(regions)].sort();
}

/**
 * Follows the subnet's path for the need. Endpoints named with `${AWS::Region}` in a stack whose
 * region the files do not pin serve the calls only if the stack deploys to the region the need
 * writes out (an interface endpoint serves its own region's names, a gateway endpoint its own
 * region's prefix list; calls to another region take the subnet's internet path). Both readings
 * are followed: what they agree on stands, otherwise the need is undecided.
 */
function assessSubnet(subnet: SubnetNetwork, spec: NeedSpec, found: Candidates, ctx: CoverageContext): Outcome {
  const otherRegion = found.ifOtherRegion;
  if (otherRegion === undefined) return followPath(subnet, spec, found, ctx);
  const sameRegion = followPath(subnet, spec, found, ctx);
  if (sameRegion.covered === 'unknown') return sameRegion;
  const elsewhere = followPath(subnet, spec, otherRegion, ctx);
  if (elsewhere.covered === sameRegion.covered) {
    const vias = [...new Set([sameRegion.via, elsewhere.via].filter((v): v is string => v !== undefined))];
    return vias.length === 0 ? sameRegion : { ...sameRegion, via: vias.join(',') };
  }
  const undecided = found.interfaces.concat(found.gateways).filter((c) => c.regionUndecided).map((c) => label(c.endpoint));
  return {
    covered: 'unknown',
    drafts: [{
      kind: 'endpoint-region',
      base: `the calls go to ${(spec.regions ?? []).join(', ')}, and ${undecided.length === 1 ? 'endpoint' : 'endpoints'} ${undecided.join(', ')} serve${undecided.length === 1 ? 's' : ''} the stack's region, which the files do not pin: ` +
        `whether the tasks reach ${spec.service} is not decided`,
    }],
  };
}

function followPath(subnet: SubnetNetwork, spec: NeedSpec, found: Candidates, ctx: CoverageContext): Outcome {
  const bypassed: Draft[] = [];
  if (!spec.internetOnly) {
    let someUnknown = false;
    for (const c of found.gateways) {
      const assoc = triAnd(gatewayAssociated(c.endpoint, subnet, ctx.index), c.maybeService ? 'unknown' : true);
      if (assoc === true) return evalGateway(c.endpoint, spec, ctx);
      if (assoc === 'unknown') someUnknown = true;
    }
    if (someUnknown) return UNDECIDED;
    for (const c of found.gateways) {
      if (c.inVpc !== true) continue;
      bypassed.push({
        kind: 'gateway-route-table', endpointId: c.endpoint.id,
        base: `gateway endpoint ${label(c.endpoint)} is not associated with the route tables of the service's subnets`,
        missing: [subnet.routeTableId ?? subnet.id],
      });
    }

    const interfaces = found.interfaces;
    const capturing = interfaces.find((c) => c.inVpc === true && !c.maybeService && c.endpoint.privateDns.known && c.endpoint.privateDns.value);
    if (capturing !== undefined) return evalInterface(capturing.endpoint, subnet, spec, ctx);
    if (interfaces.some((c) => !(c.endpoint.privateDns.known && !c.endpoint.privateDns.value))) return UNDECIDED;
    for (const c of interfaces) {
      if (c.inVpc !== true || c.maybeService) continue;
      bypassed.push({
        kind: 'endpoint-private-dns', endpointId: c.endpoint.id,
        base: `endpoint ${label(c.endpoint)} has private DNS disabled, so calls to ${spec.service} resolve to public addresses and need an internet path`,
      });
    }
  }
  return evalInternet(subnet, spec, ctx, bypassed, found.servedInVpc);
}

/**
 * Whether the task groups certainly fail the need on every path, whatever the subnets: they let TCP
 * 443 out to no destination (see `egressLeavesEni`), so not to the internet, not to an interface
 * endpoint's ENIs and not to a gateway endpoint's prefix list. Only for traffic that leaves
 * through the task ENI: on Fargate all of it, but on EC2 container instances the agent pulls
 * images, fetches secrets and ships awslogs over the instance's network (start-up needs, as
 * FW107 reads the launch types), so there only the application's calls (task role, ECS Exec)
 * are the task's. Anything undecided (a group outside the files, an unknown network mode or
 * launch type: only a service known to launch on Fargate counts as one, more cautious than
 * FW107, which also counts a Fargate-only task definition) leaves the need as the subnets left it.
 */
function blockedOnEveryPath(spec: NeedSpec, ctx: CoverageContext): boolean {
  const { net } = ctx;
  if (net.awsvpc !== true || !net.securityGroupsComplete) return false;
  if (spec.kind === 'startup' && net.service.fargate !== true) return false;
  return netMemo(net, ctx.index).groups.egressAnywhere() === false;
}

/**
 * A subnet whose network ACL is one of the files' own, and not one that lets everything through
 * both ways: network ACLs are stateless and checked by rule number, and one that admits, say, only
 * 8080 in and 443 out drops the replies of the tasks' calls to AWS. They are not evaluated here, so
 * a path that seemed open is undecided rather than taken for working.
 */
function withNetworkAcl(outcome: Outcome, subnet: Subnet, ctx: CoverageContext): Outcome {
  const ref = subnet.networkAcl;
  if (outcome.covered !== true || ref === undefined) return outcome;
  const acl = ref.kind === 'resource' ? networkAclsOf(ctx.index).get(ref.id) : undefined;
  if (acl !== undefined && acl.open) return outcome;
  const name = acl?.acl.logicalId ?? (ref.kind === 'external' ? ref.value : 'an unresolved network ACL');
  const draft: Draft = { kind: 'network-acl', base: `network ACL ${name} on its subnets is not evaluated, so whether it lets the calls and their replies through is not decided` };
  return { ...outcome, covered: 'unknown', drafts: [...outcome.drafts, draft] };
}

/** The files' network ACLs by id, each with whether it lets everything through: asked per service, need and subnet. */
const networkAclsByIndex = new WeakMap<InfraIndex, Map<string, { acl: NetworkAcl; open: boolean }>>();

function networkAclsOf(index: InfraIndex): Map<string, { acl: NetworkAcl; open: boolean }> {
  let acls = networkAclsByIndex.get(index);
  if (acls === undefined) {
    acls = new Map((index.infra.networkAcls ?? []).map((acl) => [acl.id, { acl, open: allowsEverything(acl) }]));
    networkAclsByIndex.set(index, acls);
  }
  return acls;
}

/** Whether, each way, an entry allowing all traffic from and to 0.0.0.0/0 comes before any Deny. */
function allowsEverything(acl: NetworkAcl): boolean {
  // An entry whose direction, or a Deny whose number, protocol or range, the files do not decide may be the one that blocks.
  if (acl.entries.some((e) => !e.egress.known || !e.ruleNumber.known || !e.action.known)) return false;
  return [true, false].every((egress) => {
    const entries = acl.entries.filter((e) => e.egress.known && e.egress.value === egress);
    if (entries.some((e) => !e.ruleNumber.known || !e.action.known)) return false;
    const allowAll = entries.filter((e) => e.action.known && e.action.value.toLowerCase() === 'allow' && e.protocol.known && e.protocol.value === '-1' && e.cidr.known && e.cidr.value === '0.0.0.0/0');
    const first = Math.min(...allowAll.map((e) => (e.ruleNumber.known ? e.ruleNumber.value : Infinity)));
    return Number.isFinite(first) && !entries.some((e) => e.action.known && e.action.value.toLowerCase() === 'deny' && e.ruleNumber.known && e.ruleNumber.value < first);
  });
}

function everyPathDraft(spec: NeedSpec): Draft {
  return {
    kind: 'task-sg-egress',
    base: `the task security group allows no TCP 443 egress to any destination (only to loopback addresses, or on other ports), so no path to ${spec.service} works, whatever the subnets: not the internet, not an interface endpoint, not a gateway endpoint's prefix list`,
    everyPath: true,
  };
}

function mergeDrafts(drafts: Draft[]): CoverageProblem[] {
  // One problem per (kind, endpoint); a need has a handful, so a linear search beats building keys.
  // The detail names what is missing once every draft is merged in.
  const problems: CoverageProblem[] = [];
  const bases: string[] = [];
  for (const d of drafts) {
    const existing = problems.find((p) => p.kind === d.kind && (p.endpointId ?? '') === (d.endpointId ?? '') && p.everyPath === d.everyPath);
    if (existing === undefined) {
      const problem: CoverageProblem = { kind: d.kind, detail: d.base };
      if (d.endpointId !== undefined) problem.endpointId = d.endpointId;
      if (d.everyPath === true) problem.everyPath = true;
      if (d.otherRegion !== undefined) problem.otherRegion = d.otherRegion;
      if (d.missing !== undefined) problem.missing = [...d.missing];
      problems.push(problem);
      bases.push(d.base);
    } else if (d.missing !== undefined) {
      const missing = (existing.missing ??= []);
      for (const m of d.missing) if (!missing.includes(m)) missing.push(m);
    }
  }
  for (let i = 0; i < problems.length; i++) {
    const missing = problems[i].missing;
    if (missing !== undefined && missing.length > 0) problems[i].detail = `${bases[i]}: missing ${missing.join(', ')}`;
  }
  return problems;
}

/** Decides one need for the service: covered, how, and what is wrong when it is not. */
export function assessNeed(spec: NeedSpec, ctx: CoverageContext): Need {
  const { net } = ctx;
  const need: Need = { service: spec.service, reason: spec.reason, kind: spec.kind, covered: 'unknown', problems: [], source: spec.source };
  // Bridge/host networking: the container instance's network decides, and it is not the service's.
  if (net.awsvpc === false) return need;
  const found = candidates(spec, ctx);
  let covered: Tri = net.subnetsResolved ? true : 'unknown';
  let assessed = 0;
  const vias: string[] = [];
  // Most needs are covered without a problem: the list is made for the first one.
  let drafts: Draft[] | undefined;
  for (const subnet of net.subnets) {
    if (subnet.subnet === undefined) continue;
    const outcome = withNetworkAcl(assessSubnet(subnet, spec, found, ctx), subnet.subnet, ctx);
    assessed++;
    covered = triAnd(covered, outcome.covered);
    if (outcome.via !== undefined && !vias.includes(outcome.via)) vias.push(outcome.via);
    if (outcome.drafts.length > 0) {
      drafts ??= [];
      for (const draft of outcome.drafts) drafts.push(draft);
    }
  }
  if (assessed === 0) covered = triAnd(covered, 'unknown');
  // What the subnets in the files could not decide, the task groups may: they block every path.
  if (covered === 'unknown' && (!net.subnetsResolved || assessed === 0) && blockedOnEveryPath(spec, ctx)) {
    covered = false;
    (drafts ??= []).push(everyPathDraft(spec));
  }
  need.covered = covered;
  if (covered === true) need.via = vias.join(',');
  if (drafts !== undefined) need.problems = mergeDrafts(drafts);
  return need;
}
