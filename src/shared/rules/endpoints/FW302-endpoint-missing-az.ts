import type { Rule } from '../types.ts';
import {
  describeMissing,
  details,
  endpointById,
  endpointLabel,
  endpointService,
  groupBy,
  impact,
  lineIn,
  listWords,
  missingOf,
  serviceEntity,
  servicesPhrase,
  serviceKeysOf,
  uncoveredProblems,
  verbS,
} from './shared.ts';
import { endpointSubnetsFix } from '../../fixes/builders/endpoints.ts';

export const rule: Rule = {
  meta: {
    id: 'FW302',
    severity: 'high',
    area: 'endpoints',
    title: 'Interface endpoint missing from an AZ the service runs in',
    description:
      'Finds interface VPC endpoints that have no network interface in an Availability Zone (or subnet) where a service that ' +
      'depends on them runs tasks. An interface endpoint exists only in the subnets listed in its SubnetIds; tasks placed ' +
      'elsewhere fail to reach the AWS service through it, which for ECR, S3 and CloudWatch Logs means tasks fail to start ' +
      'with terse errors.',
    messages: {
      missing:
        'Interface endpoint {{endpoint}} ({{awsService}}) has no network interface in {{missing}}, where {{services}} ' +
        'run{{s}} tasks: tasks placed there cannot reach {{awsService}} through it, so {{impact}}. Add a subnet in each of ' +
        'those AZs to the endpoint’s SubnetIds.',
    },
    fixable: true,
  },
  check(ctx, report) {
    const hits = uncoveredProblems(ctx, 'endpoint-missing-az');
    const groups = groupBy(hits, (h) => h.problem.endpointId ?? `service:${h.posture.serviceId}`);
    for (const group of groups.values()) {
      const first = group[0];
      if (first === undefined) continue;
      const endpoint = endpointById(ctx.index, first.problem.endpointId);
      const entity = endpoint ?? serviceEntity(ctx.index, first.posture);
      if (entity === undefined) continue;
      const missing = describeMissing(ctx.index, missingOf(group), group.flatMap((h) => h.posture.subnets));
      const keys = group.map((h) => h.posture.key);
      const services = servicesPhrase(keys);
      report({
        messageId: 'missing',
        data: {
          endpoint: endpointLabel(ctx.index, endpoint, group),
          awsService: endpointService(group, endpoint),
          missing: missing.length > 0 ? listWords(missing) : `an AZ it needs (${listWords(details(group))})`,
          services,
          s: verbS(keys),
          impact: impact(group),
        },
        entity,
        line: endpoint !== undefined ? lineIn(endpoint, endpoint.subnets.source) : undefined,
        services: serviceKeysOf(group),
        fix: endpoint === undefined ? undefined : () => endpointSubnetsFix(ctx, endpoint, group),
      });
    }
  },
};
