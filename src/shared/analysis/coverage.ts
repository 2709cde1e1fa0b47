import type { CoverageProblem, CoverageProblemKind, Need, SecurityGroup, VpcEndpoint } from '../model/index.ts';
import { endpointRegion, ecrPolicyUnrestricted, policySatisfies } from './endpoint-policy.ts';
import type { InfraIndex } from './infra-index.ts';
import { refId } from './infra-index.ts';
import type { NeedSpec } from './needs.ts';
import type { ServiceNetwork, SubnetNetwork } from './reachability.ts';
import { endpointInVpc, resolveGroups } from './reachability.ts';
import type { Tri } from './security-group-match.ts';
import { effectiveRules, egressAllows, formatProtocol, ingressAllows, triAnd, triOr } from './security-group-match.ts';

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
 */

const HTTPS = 443;

interface Draft {
  kind: CoverageProblemKind;
  endpointId?: string;
  base: string;
  missing?: string[];
}

interface Outcome {
  covered: Tri;
  via?: string;
  drafts: Draft[];
}

interface Candidate {
  endpoint: VpcEndpoint;
  inVpc: Tri;
  /** The endpoint's service name is unresolved: it might serve this need. */
  maybeService: boolean;
}

/** Everything about the service that does not change from one need to the next. */
export interface CoverageContext {
  net: ServiceNetwork;
  index: InfraIndex;
}

/** Candidates depend only on the network and the AWS service; a service's needs share them. */
const candidatesByNet = new WeakMap<ServiceNetwork, Map<string, Candidate[]>>();

function candidates(spec: NeedSpec, ctx: CoverageContext): Candidate[] {
  let byService = candidatesByNet.get(ctx.net);
  if (byService === undefined) candidatesByNet.set(ctx.net, (byService = new Map()));
  let found = byService.get(spec.service);
  if (found === undefined) byService.set(spec.service, (found = findCandidates(spec, ctx)));
  return found;
}

function findCandidates(spec: NeedSpec, ctx: CoverageContext): Candidate[] {
  const out: Candidate[] = [];
  for (const endpoint of ctx.index.infra.vpcEndpoints) {
    const matches = endpoint.service.known ? endpoint.service.value === spec.service : true;
    if (!matches) continue;
    const inVpc = endpointInVpc(endpoint, ctx.net);
    if (inVpc === false) continue;
    out.push({ endpoint, inVpc, maybeService: !endpoint.service.known });
  }
  return out;
}

function label(endpoint: VpcEndpoint): string {
  return endpoint.logicalId;
}

/** Turns a `false` into `unknown` when some security group's rules are outside the files. */
function unlessIncomplete(value: Tri, complete: boolean): Tri {
  return value === false && !complete ? 'unknown' : value;
}

function gatewayAssociated(endpoint: VpcEndpoint, subnet: SubnetNetwork): Tri {
  const rt = subnet.routeTableId;
  if (endpoint.routeTables.items.some((r) => r.kind !== 'unknown' && refId(r) === rt)) return true;
  // The main route table, or a list we cannot read, may well hold the association.
  if (rt === undefined || !endpoint.routeTables.known || endpoint.routeTables.items.some((r) => r.kind === 'unknown')) return 'unknown';
  return false;
}

/** AZ strings are comparable when literal or `${AZ[n]}` (distinct elements of one `Fn::GetAZs`). */
function comparableAz(az: string): boolean {
  return !az.includes('${') || /^\$\{AZ\[\d+\]\}$/.test(az);
}

function endpointCoversSubnet(endpoint: VpcEndpoint, subnet: SubnetNetwork, index: InfraIndex): { ok: Tri; missing?: string[] } {
  if (endpoint.subnets.items.some((r) => r.kind !== 'unknown' && refId(r) === subnet.id)) return { ok: true };
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
  const egress = unlessIncomplete(egressAllows(net.securityGroups, HTTPS, { kind: 'prefixList', service }, index), net.securityGroupsComplete);
  if (egress === false) {
    drafts.push({
      kind: 'task-sg-egress', endpointId: endpoint.id,
      base: `the task security group does not allow TCP 443 to the ${service} prefix list (or 0.0.0.0/0), so traffic to gateway endpoint ${label(endpoint)} is dropped`,
      missing: [`prefix-list:${service}`],
    });
  }
  const policy = policySatisfies(endpoint.policy, spec.policy, endpointRegion(endpoint.serviceNameRaw));
  if (policy === false) drafts.push(policyDraft(endpoint, spec));
  return { covered: triAnd(egress, policy), via: `endpoint:${label(endpoint)}`, drafts };
}

function policyDraft(endpoint: VpcEndpoint, spec: NeedSpec): Draft {
  const what = spec.policy.kind === 'ecr-layers'
    ? 's3:GetObject on arn:aws:s3:::prod-<region>-starport-layer-bucket/* (ECR image layers)'
    : spec.policy.requests.map((r) => `${r.action}${r.resource === undefined ? '' : ` on ${r.resource}`}`).slice(0, 3).join(', ');
  return { kind: 'endpoint-policy', endpointId: endpoint.id, base: `the policy of endpoint ${label(endpoint)} does not allow ${what} (${spec.reason})` };
}

function evalInterface(endpoint: VpcEndpoint, subnet: SubnetNetwork, spec: NeedSpec, ctx: CoverageContext): Outcome {
  const { net, index } = ctx;
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

  const endpointGroups = resolveGroups(index, endpoint.securityGroups, net.vpcId, endpoint);
  let admitted = ingressAllows(endpointGroups.groups, HTTPS, { sgIds: net.securityGroupIds, cidrs: subnet.cidr === undefined ? [] : [subnet.cidr] }, index);
  if (admitted === false && subnet.cidr === undefined && hasRuleOn443(endpointGroups.groups, 'ingress', ['cidr4', 'cidr6'])) admitted = 'unknown';
  admitted = unlessIncomplete(admitted, endpointGroups.complete && net.securityGroupsComplete);
  if (admitted === false) {
    drafts.push({
      kind: 'endpoint-sg-ingress', endpointId: endpoint.id,
      base: `the security group of endpoint ${label(endpoint)} does not admit TCP 443 from the tasks`,
      missing: net.securityGroupIds,
    });
  }

  const bySg = egressAllows(net.securityGroups, HTTPS, { kind: 'sg', ids: endpointGroups.ids }, index);
  const endpointSubnets = index.all(endpoint.subnets, index.infra.subnets);
  const cidrsKnown = endpoint.subnets.known && endpointSubnets.length === endpoint.subnets.items.length && endpointSubnets.every((s) => s.cidr.known);
  let byCidr: Tri;
  if (cidrsKnown && endpointSubnets.length > 0) {
    byCidr = triAnd(...endpointSubnets.map((s) => egressAllows(net.securityGroups, HTTPS, { kind: 'cidr', cidr: s.cidr.known ? s.cidr.value : '' }, index)));
  } else {
    byCidr = egressAllows(net.securityGroups, HTTPS, { kind: 'cidr', cidr: '0.0.0.0/0' }, index);
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

  const policy = policySatisfies(endpoint.policy, spec.policy, endpointRegion(endpoint.serviceNameRaw));
  if (policy === false) drafts.push(policyDraft(endpoint, spec));

  if ((spec.service === 'ecr.api' || spec.service === 'ecr.dkr') && ecrPolicyUnrestricted(endpoint.policy) === true) {
    drafts.push({
      kind: 'ecr-endpoint-unrestricted', endpointId: endpoint.id,
      base: `ECR endpoint ${label(endpoint)} has no policy limiting it to the account's own repositories`,
    });
  }
  return { covered: triAnd(placement.ok, admitted, egress, policy), via: `endpoint:${label(endpoint)}`, drafts };
}

function evalInternet(subnet: SubnetNetwork, spec: NeedSpec, ctx: CoverageContext, bypassed: Draft[], endpointsExist: boolean): Outcome {
  const { net, index } = ctx;
  const reach = subnet.internet.reach;
  if (reach === true) {
    const egress = unlessIncomplete(egressAllows(net.securityGroups, HTTPS, { kind: 'internet' }, index), net.securityGroupsComplete);
    if (egress === false) {
      return {
        covered: false,
        drafts: [{ kind: 'task-sg-egress', base: `the task security group does not allow TCP 443 to the internet, the only path to ${spec.service}`, missing: ['0.0.0.0/0'] }],
      };
    }
    return { covered: egress, via: subnet.internet.via, drafts: [] };
  }
  if (reach === 'unknown') return { covered: 'unknown', drafts: [] };
  if (bypassed.length > 0) return { covered: false, drafts: bypassed };
  const base = spec.internetOnly
    ? `${spec.service} has no VPC endpoint and the subnets have no internet path (NAT, or internet gateway with public IP)`
    : endpointsExist
      ? `no ${spec.service} endpoint reaches the tasks and the subnets have no internet path`
      : `no internet path (NAT, or internet gateway with public IP) and no ${spec.service} VPC endpoint`;
  return { covered: false, drafts: [{ kind: 'no-path', base }] };
}

function assessSubnet(subnet: SubnetNetwork, spec: NeedSpec, found: Candidate[], ctx: CoverageContext): Outcome {
  const bypassed: Draft[] = [];
  if (!spec.internetOnly) {
    const gateways = found.filter((c) => c.endpoint.type === 'Gateway');
    const associations = gateways.map((c) => ({ c, assoc: triAnd(gatewayAssociated(c.endpoint, subnet), c.maybeService ? 'unknown' : true) }));
    const chosen = associations.find((a) => a.assoc === true);
    if (chosen !== undefined) return evalGateway(chosen.c.endpoint, spec, ctx);
    if (associations.some((a) => a.assoc === 'unknown')) return { covered: 'unknown', drafts: [] };
    for (const { c } of associations) {
      if (c.inVpc !== true) continue;
      bypassed.push({
        kind: 'gateway-route-table', endpointId: c.endpoint.id,
        base: `gateway endpoint ${label(c.endpoint)} is not associated with the route tables of the service's subnets`,
        missing: [subnet.routeTableId ?? subnet.id],
      });
    }

    const interfaces = found.filter((c) => c.endpoint.type === 'Interface');
    const capturing = interfaces.find((c) => c.inVpc === true && !c.maybeService && c.endpoint.privateDns.known && c.endpoint.privateDns.value);
    if (capturing !== undefined) return evalInterface(capturing.endpoint, subnet, spec, ctx);
    if (interfaces.some((c) => !(c.endpoint.privateDns.known && !c.endpoint.privateDns.value))) return { covered: 'unknown', drafts: [] };
    for (const c of interfaces) {
      if (c.inVpc !== true || c.maybeService) continue;
      bypassed.push({
        kind: 'endpoint-private-dns', endpointId: c.endpoint.id,
        base: `endpoint ${label(c.endpoint)} has private DNS disabled, so calls to ${spec.service} resolve to public addresses and need an internet path`,
      });
    }
  }
  return evalInternet(subnet, spec, ctx, bypassed, found.some((c) => c.inVpc === true && !c.maybeService));
}

function mergeDrafts(drafts: Draft[]): CoverageProblem[] {
  const byKey = new Map<string, Draft>();
  for (const d of drafts) {
    const key = `${d.kind}|${d.endpointId ?? ''}`;
    const existing = byKey.get(key);
    if (existing === undefined) {
      byKey.set(key, { ...d, missing: d.missing === undefined ? undefined : [...d.missing] });
    } else if (d.missing !== undefined) {
      const merged = existing.missing ?? [];
      for (const m of d.missing) if (!merged.includes(m)) merged.push(m);
      existing.missing = merged;
    }
  }
  return [...byKey.values()].map((d) => {
    const problem: CoverageProblem = { kind: d.kind, detail: d.missing !== undefined && d.missing.length > 0 ? `${d.base}: missing ${d.missing.join(', ')}` : d.base };
    if (d.endpointId !== undefined) problem.endpointId = d.endpointId;
    if (d.missing !== undefined) problem.missing = d.missing;
    return problem;
  });
}

/** Decides one need for the service: covered, how, and what is wrong when it is not. */
export function assessNeed(spec: NeedSpec, ctx: CoverageContext): Need {
  const { net } = ctx;
  const need: Need = { service: spec.service, reason: spec.reason, kind: spec.kind, covered: 'unknown', problems: [], source: spec.source };
  // Bridge/host networking: the container instance's network decides, and it is not the service's.
  if (net.awsvpc === false) return need;
  const found = candidates(spec, ctx);
  const outcomes = net.subnets.filter((s) => s.subnet !== undefined).map((s) => assessSubnet(s, spec, found, ctx));
  if (!net.subnetsResolved || outcomes.length === 0) outcomes.push({ covered: 'unknown', drafts: [] });
  const covered = triAnd(...outcomes.map((o) => o.covered));
  need.covered = covered;
  if (covered === true) {
    const vias = [...new Set(outcomes.map((o) => o.via).filter((v): v is string => v !== undefined))];
    need.via = vias.join(',');
  }
  need.problems = mergeDrafts(outcomes.flatMap((o) => o.drafts));
  return need;
}
