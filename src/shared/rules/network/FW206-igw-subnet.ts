import type { Subnet } from '../../model/index.ts';
import { subnetDefaultRoute } from '../../analysis/routes.ts';
import type { Rule } from '../types.ts';
import { lineIn, listWords, plural, taskNetworkedServices } from './shared.ts';

export const rule: Rule = {
  meta: {
    id: 'FW206',
    severity: 'medium',
    area: 'network',
    title: 'Service runs in a subnet whose default route is an internet gateway',
    description:
      'Finds awsvpc/Fargate services placed in public subnets, i.e. subnets whose route table sends 0.0.0.0/0 to an ' +
      'internet gateway. There tasks either carry public IPs and are internet hosts, or carry none and cannot reach ECR, ' +
      'CloudWatch Logs or anything else outside the VPC. Tasks belong in private subnets that reach AWS through a NAT ' +
      'gateway or VPC endpoints.',
    messages: {
      publicIp:
        'Service {{service}} runs in {{subnetWord}} {{subnets}}, whose default route goes to an internet gateway, and gives its ' +
        'tasks public IPs: they are hosts on the internet. Move the service to private subnets (default route to a NAT ' +
        'gateway, or VPC endpoints only).',
      noPublicIp:
        'Service {{service}} runs in {{subnetWord}} {{subnets}}, whose default route goes to an internet gateway. Without a ' +
        'public IP its tasks cannot use that route (no ECR pulls or log delivery except through VPC endpoints); with one ' +
        'they would be internet hosts. Move the service to private subnets (default route to a NAT gateway, or VPC endpoints only).',
      unknownPublicIp:
        'Service {{service}} runs in {{subnetWord}} {{subnets}}, whose default route goes to an internet gateway. Move the ' +
        'service to private subnets (default route to a NAT gateway, or VPC endpoints only).',
    },
    fixable: false,
  },
  check({ index }, report) {
    for (const service of taskNetworkedServices(index)) {
      const seen = new Set<string>();
      const publicSubnets: Subnet[] = [];
      for (const subnet of index.all(service.subnets, index.infra.subnets)) {
        if (seen.has(subnet.id)) continue;
        seen.add(subnet.id);
        if (subnetDefaultRoute(index, subnet).kind === 'igw') publicSubnets.push(subnet);
      }
      if (publicSubnets.length === 0) continue;
      const ip = service.assignPublicIp;
      report({
        messageId: !ip.known ? 'unknownPublicIp' : ip.value ? 'publicIp' : 'noPublicIp',
        data: {
          service: service.key,
          subnetWord: plural(publicSubnets.length, 'subnet'),
          subnets: listWords(publicSubnets.map((s) => s.logicalId)),
        },
        entity: service,
        line: lineIn(service, service.subnets.source),
        service: service.key,
      });
    }
  },
};
