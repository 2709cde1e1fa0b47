import type { Need, ServicePosture } from '../../model/index.ts';
import { endpointsForIamPrefix } from '../../analysis/endpoint-services.ts';
import type { Fix, FixDeclined } from '../../model/index.ts';
import type { Rule, RuleContext } from '../types.ts';
import { groupBy, isGatewayService, listWords, serviceEntity, uncoveredProblems, unique } from './shared.ts';
import { missingEndpointFix } from '../../fixes/builders/endpoints.ts';
import type { InfraIndex } from '../../analysis/infra-index.ts';
import { subnetDefaultRoute, type DefaultRouteKind } from '../../analysis/routes.ts';

/**
 * The error a task stops with when a start-up need is unreachable, as ECS reports it, so the
 * finding matches what the user would otherwise first see in the console.
 */
const STARTUP_SYMPTOMS: Record<string, string> = {
  'ecr.api': 'CannotPullContainerError, or ResourceInitializationError: unable to pull secrets or registry auth',
  'ecr.dkr': 'CannotPullContainerError',
  s3: 'CannotPullContainerError while downloading image layers',
  logs: 'ResourceInitializationError: failed to validate logger args',
  secretsmanager: 'ResourceInitializationError: unable to pull secrets or registry auth',
  ssm: 'ResourceInitializationError: unable to pull secrets or registry auth',
  kms: 'ResourceInitializationError: unable to pull secrets or registry auth',
};

function symptom(service: string, reasons: readonly string[]): string {
  // S3 serves both image layers and environment files; the reason says which failure comes first.
  if (service === 's3' && !reasons.some((r) => /layer|image/i.test(r))) return 'ResourceInitializationError: failed to download env files';
  return STARTUP_SYMPTOMS[service] ?? (reasons.some((r) => /\bimage\b/i.test(r)) ? 'CannotPullContainerError' : 'ResourceInitializationError');
}

/**
 * Needs no endpoint can serve: public registries (Docker Hub, ECR Public, GHCR) and AWS services
 * without PrivateLink (IAM, Route 53, …). Suggesting an endpoint for them would send the user
 * looking for something that does not exist.
 */
function internetOnly(need: Need): boolean {
  return /no VPC endpoint/i.test(need.reason) || endpointsForIamPrefix(need.service).noEndpoint;
}

function pullsImage(need: Need): boolean {
  return /\bimage\b/i.test(need.reason);
}

/** The default routes of the service's subnets that are in the files, and the subnets without one. */
function subnetRoutes(posture: ServicePosture, index: InfraIndex): { kinds: Set<DefaultRouteKind>; without: string[] } {
  const kinds = new Set<DefaultRouteKind>();
  const without: string[] = [];
  for (const id of posture.subnets) {
    const subnet = index.subnet({ kind: 'resource', id, source: posture.publicIp.source });
    if (subnet === undefined) continue;
    const kind = subnetDefaultRoute(index, subnet).kind;
    kinds.add(kind);
    if (kind === 'none') without.push(subnet.logicalId);
  }
  return { kinds, without };
}

/** Why the internet is not an option, from the service's egress as the reachability analysis saw it. */
function pathWords(posture: ServicePosture, index: InfraIndex): string {
  switch (posture.egress) {
    case 'endpoints-only':
    case 'none': {
      // No way out, but perhaps a route: one the tasks cannot use is named as such.
      const { kinds: routes, without } = subnetRoutes(posture, index);
      if (routes.has('igw') && !(posture.publicIp.known && posture.publicIp.value)) {
        return 'its subnets route to an internet gateway but its tasks get no public IP, so they cannot use it';
      }
      // Some subnets routed through NAT and some not: tasks ECS places in the latter fail.
      if (routes.has('nat') && without.length > 0) {
        const names = without.join(', ');
        return `its subnet${without.length === 1 ? ` ${names} has` : `s ${names} have`} no route to the internet, where ECS places tasks too (its other subnets route through a NAT gateway)`;
      }
      if (routes.has('nat')) return 'its tasks cannot use the NAT route of its subnets';
      return 'its subnets have no route to the internet (no NAT gateway or internet gateway default route)';
    }
    case 'igw':
      return posture.publicIp.known && posture.publicIp.value
        ? 'its tasks cannot use the internet gateway route of its subnets'
        : 'its subnets route to an internet gateway but its tasks get no public IP, so they cannot use it';
    case 'nat':
      return 'its tasks cannot use the NAT route of its subnets';
    case 'unknown':
      return 'it has no usable route to the internet';
  }
}

function endpointHint(service: string): string {
  return isGatewayService(service)
    ? `a Gateway VPC endpoint com.amazonaws.<region>.${service} associated with the route tables of the service's subnets`
    : `an Interface VPC endpoint com.amazonaws.<region>.${service} with private DNS, in every AZ the service runs in`;
}

function internetHint(image: boolean): string {
  return image
    ? 'Copy the image into private ECR (or use an ECR pull-through cache) and pull it through the ECR endpoints, or give the subnets a route through a NAT gateway.'
    : 'Give the subnets a route through a NAT gateway (or a proxy) for these calls.';
}

function fixFor(ctx: RuleContext, serviceId: string, awsService: string): Fix | FixDeclined | undefined {
  const service = ctx.posture.infra.services.find((s) => s.id === serviceId);
  return service === undefined ? undefined : missingEndpointFix(ctx, service, awsService);
}

export const rule: Rule = {
  meta: {
    id: 'FW301',
    severity: 'critical',
    area: 'endpoints',
    title: 'Required AWS service is unreachable',
    description:
      'Finds ECS services that need an AWS service (ECR, S3 for image layers, CloudWatch Logs, Secrets Manager, SSM, KMS, ' +
      'ssmmessages, or one their task role calls) but have neither a route to the internet nor a VPC endpoint for it. ' +
      'Start-up needs make tasks fail before the application runs (critical); run-time needs make the application’s calls ' +
      'time out (medium).',
    messages: {
      startup:
        'Service {{service}} cannot reach {{awsService}}, which its tasks need at start-up ({{reasons}}): {{path}}, and the ' +
        'VPC has no {{awsService}} endpoint. Tasks will fail to start ({{symptom}}). Add {{hint}}, or a route through a NAT ' +
        'gateway.',
      runtime:
        'Service {{service}} cannot reach {{awsService}}, which its application calls at run time ({{reasons}}): {{path}}, ' +
        'and the VPC has no {{awsService}} endpoint. Tasks start, but those calls will time out. Add {{hint}}, or a route ' +
        'through a NAT gateway.',
      startupInternetOnly:
        'Service {{service}} cannot reach {{awsService}}, which its tasks need at start-up ({{reasons}}): {{path}}, and no ' +
        'VPC endpoint can serve {{awsService}}. Tasks will fail to start ({{symptom}}). {{hint}}',
      startupOtherRegion:
        'Service {{service}} cannot reach {{awsService}} in {{region}}, which its tasks need at start-up ({{reasons}}): {{path}}, ' +
        'and its VPC endpoints for {{awsService}} serve {{endpointRegions}} (an endpoint serves only its own region). Tasks ' +
        'will fail to start ({{symptom}}). Use the region the endpoints serve, or a route through a NAT gateway.',
      runtimeOtherRegion:
        'Service {{service}} cannot reach {{awsService}} in {{region}}, which its application calls at run time ({{reasons}}): ' +
        '{{path}}, and its VPC endpoints for {{awsService}} serve {{endpointRegions}} (an endpoint serves only its own region). ' +
        'Tasks start, but those calls will time out. Use the region the endpoints serve, or a route through a NAT gateway.',
      runtimeInternetOnly:
        'Service {{service}} cannot reach {{awsService}}, which its application calls at run time ({{reasons}}): {{path}}, ' +
        'and no VPC endpoint can serve {{awsService}}. Tasks start, but those calls will time out. {{hint}}',
    },
    fixable: true,
  },
  check(ctx, report) {
    const hits = uncoveredProblems(ctx, 'no-path');
    // One finding per service and AWS service: several needs on one AWS service (two containers,
    // a secret and an SDK call) share one missing endpoint and one fix.
    for (const group of groupBy(hits, (h) => `${h.posture.serviceId}\n${h.need.service}`).values()) {
      const first = group[0];
      if (first === undefined) continue;
      const entity = serviceEntity(ctx.index, first.posture);
      if (entity === undefined) continue;
      const awsService = first.need.service;
      const startup = group.some((h) => h.need.kind === 'startup');
      const noEndpoint = group.some((h) => internetOnly(h.need));
      // Every need of the group calls another region than its endpoints serve: adding one would not help.
      const otherRegion = group.every((h) => h.problem.otherRegion !== undefined) ? first.problem.otherRegion : undefined;
      const image = group.some((h) => pullsImage(h.need));
      // Start-up reasons first: they are the ones that decide the severity.
      const ordered = [...group.filter((h) => h.need.kind === 'startup'), ...group.filter((h) => h.need.kind !== 'startup')];
      report({
        messageId: `${startup ? 'startup' : 'runtime'}${noEndpoint ? 'InternetOnly' : otherRegion !== undefined ? 'OtherRegion' : ''}`,
        severity: startup ? 'critical' : 'medium',
        data: {
          service: first.posture.key,
          awsService,
          reasons: listWords(unique(ordered.map((h) => h.need.reason))),
          path: pathWords(first.posture, ctx.index),
          symptom: symptom(awsService, group.filter((h) => h.need.kind === 'startup').map((h) => h.need.reason)),
          hint: noEndpoint ? internetHint(image) : endpointHint(awsService),
          region: otherRegion?.calls ?? '',
          endpointRegions: otherRegion?.endpoints ?? '',
        },
        entity,
        service: first.posture.key,
        fix: noEndpoint || otherRegion !== undefined ? undefined : () => fixFor(ctx, first.posture.serviceId, awsService),
      });
    }
  },
};
