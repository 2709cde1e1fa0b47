import type { InfraIndex } from '../../analysis/infra-index.ts';
import type { Rule } from '../types.ts';
import {
  details,
  endpointById,
  endpointLabel,
  endpointService,
  groupBy,
  impact,
  label,
  lineIn,
  listWords,
  missingOf,
  plural,
  serviceEntity,
  servicesPhrase,
  serviceKeysOf,
  uncoveredProblems,
  unique,
} from './shared.ts';
import { gatewayRouteTablesFix } from '../../fixes/builders/endpoints.ts';

function isSubnet(index: InfraIndex, id: string): boolean {
  return index.infra.subnets.some((s) => s.id === id);
}

export const rule: Rule = {
  meta: {
    id: 'FW306',
    severity: 'high',
    area: 'endpoints',
    title: 'Gateway endpoint not associated with the service subnets’ route tables',
    description:
      'Finds gateway VPC endpoints (S3, DynamoDB) that are not associated with the route tables of the subnets a dependent ' +
      'service runs in. A gateway endpoint works by adding a prefix-list route to the route tables it is associated with; ' +
      'subnets using any other route table get no route to the service. For the S3 endpoint that ECR image layers travel ' +
      'through, tasks in those subnets fail to start.',
    messages: {
      missing:
        'Gateway endpoint {{endpoint}} ({{awsService}}) is not associated with {{routeTables}}, used by the subnets of ' +
        '{{services}}: traffic from there to {{awsService}} has no route, so {{impact}}. Add {{them}} to the endpoint’s ' +
        'RouteTableIds.',
    },
    fixable: true,
  },
  check(ctx, report) {
    const { index } = ctx;
    const hits = uncoveredProblems(ctx, 'gateway-route-table');
    for (const group of groupBy(hits, (h) => h.problem.endpointId ?? `service:${h.posture.serviceId}`).values()) {
      const first = group[0];
      if (first === undefined) continue;
      const endpoint = endpointById(index, first.problem.endpointId);
      const entity = endpoint ?? serviceEntity(index, first.posture);
      if (entity === undefined) continue;
      const ids = missingOf(group);
      // The analysis names the subnet instead when it has no route table association (main route table).
      const tables = unique(ids.filter((id) => !isSubnet(index, id)).map((id) => label(index, id)));
      const mainFor = unique(ids.filter((id) => isSubnet(index, id)).map((id) => label(index, id)));
      const parts: string[] = [];
      if (tables.length > 0) parts.push(`${plural(tables.length, 'route table')} ${listWords(tables)}`);
      if (mainFor.length > 0) parts.push(`the VPC main route table (used by ${plural(mainFor.length, 'subnet')} ${listWords(mainFor)})`);
      const routeTables = parts.length > 0 ? parts.join(' and ') : `the route tables it needs (${listWords(details(group))})`;
      report({
        messageId: 'missing',
        data: {
          endpoint: endpointLabel(index, endpoint, group),
          awsService: endpointService(group, endpoint),
          routeTables,
          them: tables.length + mainFor.length === 1 ? 'it' : 'them',
          services: servicesPhrase(group.map((h) => h.posture.key)),
          impact: impact(group),
        },
        entity,
        line: endpoint !== undefined ? lineIn(endpoint, endpoint.routeTables.source) : undefined,
        services: serviceKeysOf(group),
        fix: endpoint === undefined ? undefined : () => gatewayRouteTablesFix(ctx, endpoint, group),
      });
    }
  },
};
