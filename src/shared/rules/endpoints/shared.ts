// Helpers shared by the endpoint rules (FW301–FW308). They turn the coverage analysis's per-need
// problems into per-resource findings: the analysis sees each problem once per service and need,
// a reviewer wants it once per thing to change.
import type {
  CoverageProblem,
  CoverageProblemKind,
  Entity,
  Need,
  Posture,
  SecurityGroup,
  ServicePosture,
  Subnet,
  VpcEndpoint,
} from '../../model/index.ts';
import type { InfraIndex } from '../../analysis/infra-index.ts';
import type { RuleContext } from '../types.ts';
import { listWords, plural } from '../words.ts';
export { listWords, plural };

/** One problem as one service sees it through one of its needs. */
export interface ProblemHit {
  posture: ServicePosture;
  need: Need;
  problem: CoverageProblem;
}

/**
 * Problems of one kind on needs that are not covered. A problem on a covered need is an endpoint
 * the task does not depend on (e.g. traffic leaves through a NAT gateway because private DNS is
 * off), so it breaks nothing; a need of unknown coverage is not ours to judge.
 */
export function uncoveredProblems(ctx: RuleContext, kind: CoverageProblemKind): ProblemHit[] {
  return problemsWhere(ctx, kind, (need) => need.covered === false);
}

/** Problems of one kind on needs whose coverage is known, covered or not. */
export function knownProblems(ctx: RuleContext, kind: CoverageProblemKind): ProblemHit[] {
  return problemsWhere(ctx, kind, (need) => need.covered !== 'unknown');
}

function problemsWhere(ctx: RuleContext, kind: CoverageProblemKind, keep: (need: Need) => boolean): ProblemHit[] {
  return (problemsByKind(ctx).get(kind) ?? []).filter((hit) => keep(hit.need));
}

/**
 * Every problem of the analysis by kind, in the order of services and needs: each endpoint rule
 * asks for one kind, and one walk over every need answers them all. Hits are shared: read only.
 */
const hitsByPosture = new WeakMap<Posture, Map<CoverageProblemKind, ProblemHit[]>>();

function problemsByKind(ctx: RuleContext): Map<CoverageProblemKind, ProblemHit[]> {
  let byKind = hitsByPosture.get(ctx.posture);
  if (byKind === undefined) {
    byKind = new Map();
    for (const posture of ctx.posture.services) {
      for (const need of posture.needs) {
        for (const problem of need.problems) {
          const hits = byKind.get(problem.kind);
          if (hits === undefined) byKind.set(problem.kind, [{ posture, need, problem }]);
          else hits.push({ posture, need, problem });
        }
      }
    }
    hitsByPosture.set(ctx.posture, byKind);
  }
  return byKind;
}

/** Groups while keeping first-seen order, so findings come out in the order of the services. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

export function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

export function endpointById(index: InfraIndex, id: string | undefined): VpcEndpoint | undefined {
  if (id === undefined) return undefined;
  return index.infra.vpcEndpoints.find((e) => e.id === id);
}

export function serviceEntity(index: InfraIndex, posture: ServicePosture): Entity | undefined {
  return index.infra.services.find((s) => s.id === posture.serviceId) ?? index.entity(posture.serviceId);
}

/** The declared security groups of a service's tasks, without the VPC default-SG stand-in. */
export function taskGroups(index: InfraIndex, posture: ServicePosture): SecurityGroup[] {
  const out: SecurityGroup[] = [];
  for (const id of unique(posture.securityGroupIds)) {
    const sg = index.infra.securityGroups.find((g) => g.id === id);
    if (sg !== undefined && sg.isDefault !== true) out.push(sg);
  }
  return out;
}

export function endpointGroups(index: InfraIndex, endpoint: VpcEndpoint): SecurityGroup[] {
  return index.all(endpoint.securityGroups, index.infra.securityGroups).filter((g) => g.isDefault !== true);
}

/** What a user calls an entity id or literal: the logical ID when declared, else the literal. */
export function label(index: InfraIndex, id: string): string {
  const found = index.entity(id);
  if (found !== undefined) return found.logicalId;
  const hash = id.lastIndexOf('#');
  return hash >= 0 ? id.slice(hash + 1) : id;
}

/** `${AZ[1]}` is how the sources spell `!Select [1, !GetAZs '']` when the region is not known. */
const AZ_PLACEHOLDER = /^\$\{AZ\[(\d+)\]\}$/;
const AZ_NAME = /^[a-z]{2}(?:-[a-z]+)+-\d+[a-z]$/;

/**
 * Labels for `missing` entries, which the analysis fills with subnet ids or AZ names: subnets get
 * their AZ, AZs get the service subnets that sit in them, so the message says where to look.
 */
export function describeMissing(index: InfraIndex, ids: readonly string[], serviceSubnetIds: readonly string[] = []): string[] {
  return unique(
    ids.map((id) => {
      const subnet = index.infra.subnets.find((s) => s.id === id);
      if (subnet !== undefined) {
        const az = subnet.availabilityZone;
        return az.known ? `subnet ${subnet.logicalId} (${azWords(az.value)})` : `subnet ${subnet.logicalId}`;
      }
      if (!AZ_PLACEHOLDER.test(id) && !AZ_NAME.test(id)) return label(index, id);
      const inAz = unique(serviceSubnetIds)
        .map((sid) => index.infra.subnets.find((s) => s.id === sid))
        .filter((s): s is Subnet => s !== undefined && s.availabilityZone.known && s.availabilityZone.value === id)
        .map((s) => s.logicalId);
      return inAz.length > 0 ? `${azWords(id)} (${plural(inAz.length, 'subnet')} ${listWords(inAz)})` : azWords(id);
    }),
  );
}

function azWords(az: string): string {
  const m = AZ_PLACEHOLDER.exec(az);
  return m !== null ? `the AZ of !Select [${m[1]}, !GetAZs '']` : az;
}

/** How many services a message names before it counts the rest. */
export const NAMED_SERVICES_CAP = 8;

/**
 * `service orders-api`, `services orders-api and worker`, or past the cap `services a, b, … h and
 * 992 more`: one endpoint can serve every service of a large stack, and a message naming them all
 * would dwarf the report.
 */
export function servicesPhrase(keys: readonly string[]): string {
  const list = unique(keys);
  const named = list.length <= NAMED_SERVICES_CAP ? listWords(list) : `${list.slice(0, NAMED_SERVICES_CAP).join(', ')} and ${list.length - NAMED_SERVICES_CAP} more`;
  return `${plural(list.length, 'service')} ${named}`;
}

/** Verb agreement for `servicesPhrase`: `service a runs`, `services a and b run`. */
export function verbS(keys: readonly string[]): string {
  return unique(keys).length === 1 ? 's' : '';
}

/** The endpoint's logical ID, else whatever the analysis called it. */
export function endpointLabel(index: InfraIndex, endpoint: VpcEndpoint | undefined, hits: readonly ProblemHit[]): string {
  if (endpoint !== undefined) return endpoint.logicalId;
  const id = hits.find((h) => h.problem.endpointId !== undefined)?.problem.endpointId;
  return id !== undefined ? label(index, id) : '(not in the scanned files)';
}

/** The affected services' keys, for `Report.services`. */
export function serviceKeysOf(hits: readonly ProblemHit[]): string[] {
  return unique(hits.map((h) => h.posture.key));
}

/** What breaks when the problem stands, in the strongest terms any affected need allows. */
export function impact(hits: readonly ProblemHit[]): string {
  return hits.some((h) => h.need.kind === 'startup')
    ? 'tasks cannot start'
    : 'the application’s calls to it fail at run time';
}

/** The AWS services (`ecr.api`, `s3`, …) the hits are about, endpoint service first when known. */
export function awsServices(hits: readonly ProblemHit[], endpoint?: VpcEndpoint): string {
  const names = unique([
    ...(endpoint !== undefined && endpoint.service.known ? [endpoint.service.value] : []),
    ...hits.map((h) => h.need.service),
  ]);
  return listWords(names);
}

/** The endpoint's own service name, else the needs' service. */
export function endpointService(hits: readonly ProblemHit[], endpoint: VpcEndpoint | undefined): string {
  if (endpoint !== undefined && endpoint.service.known) return endpoint.service.value;
  return listWords(unique(hits.map((h) => h.need.service)));
}

/** A line inside `entity`'s file: `source`'s line when it is in that file and set explicitly, else the entity's own. */
export function lineIn(entity: Entity, source: { file: string; line: number; explicit?: boolean } | undefined): number {
  if (source === undefined || source.file !== entity.file || source.explicit === false) return entity.source.line;
  return source.line;
}

/** Detail strings from the analysis, de-duplicated, for rules whose subject the model does not spell out. */
export function details(hits: readonly ProblemHit[]): string[] {
  return unique(hits.map((h) => h.problem.detail.trim()).filter((d) => d.length > 0));
}

/** `missing` entries across hits, de-duplicated. */
export function missingOf(hits: readonly ProblemHit[]): string[] {
  return unique(hits.flatMap((h) => h.problem.missing ?? []));
}

/** Gateway endpoints exist for S3 and DynamoDB only; every other service is an interface endpoint. */
export function isGatewayService(service: string): boolean {
  return service === 's3' || service === 'dynamodb';
}
