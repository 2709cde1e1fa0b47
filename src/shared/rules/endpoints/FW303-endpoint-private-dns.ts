import type { Rule } from '../types.ts';
import {
  endpointById,
  endpointLabel,
  endpointService,
  groupBy,
  impact,
  lineIn,
  serviceEntity,
  servicesPhrase,
  serviceKeysOf,
  uncoveredProblems,
} from './shared.ts';
import { privateDnsFix } from '../../fixes/builders/endpoints.ts';
import { vpcDnsOff } from '../../analysis/coverage.ts';

export const rule: Rule = {
  meta: {
    id: 'FW303',
    severity: 'high',
    area: 'endpoints',
    title: 'Interface endpoint has private DNS disabled',
    description:
      'Finds interface VPC endpoints with private DNS disabled that services without an internet route depend on. The ECS ' +
      'agent and the AWS SDKs call the public service hostnames (api.ecr.<region>.amazonaws.com, logs.<region>.amazonaws.com, ' +
      '…); only private DNS makes those names resolve to the endpoint inside the VPC. Without it the endpoint sits unused and ' +
      'the calls go nowhere. CloudFormation and Terraform default PrivateDnsEnabled to false.',
    messages: {
      disabled:
        'Interface endpoint {{endpoint}} ({{awsService}}) has private DNS disabled ({{how}}): the {{awsService}} hostname ' +
        'still resolves to public addresses that {{services}} cannot reach, so the endpoint is never used and {{impact}}. ' +
        'Set PrivateDnsEnabled: true.',
      vpcDns:
        'Interface endpoint {{endpoint}} ({{awsService}}) enables private DNS, but {{how}}: private DNS needs DNS support and ' +
        'DNS hostnames on the VPC (EC2 refuses the endpoint otherwise), so the {{awsService}} hostname does not resolve to it ' +
        'for {{services}} and {{impact}}. Set EnableDnsSupport and EnableDnsHostnames to true on the VPC.',
    },
    fixable: true,
  },
  check(ctx, report) {
    const hits = uncoveredProblems(ctx, 'endpoint-private-dns');
    for (const group of groupBy(hits, (h) => h.problem.endpointId ?? `service:${h.posture.serviceId}`).values()) {
      const first = group[0];
      if (first === undefined) continue;
      const endpoint = endpointById(ctx.index, first.problem.endpointId);
      const entity = endpoint ?? serviceEntity(ctx.index, first.posture);
      if (entity === undefined) continue;
      const explicit = endpoint?.privateDns.source.explicit === true;
      const vpcOff = endpoint?.privateDns.known === true && endpoint.privateDns.value ? vpcDnsOff(endpoint, ctx.index) : undefined;
      report({
        messageId: vpcOff === undefined ? 'disabled' : 'vpcDns',
        data: {
          endpoint: endpointLabel(ctx.index, endpoint, group),
          awsService: endpointService(group, endpoint),
          how: vpcOff ?? (explicit ? 'PrivateDnsEnabled: false' : 'PrivateDnsEnabled is not set and defaults to false'),
          services: servicesPhrase(group.map((h) => h.posture.key)),
          impact: impact(group),
        },
        entity,
        line: endpoint !== undefined ? lineIn(endpoint, endpoint.privateDns.source) : undefined,
        services: serviceKeysOf(group),
        fix: endpoint === undefined ? undefined : () => privateDnsFix(ctx, endpoint),
      });
    }
  },
};
