import type { Attr, Service, Subnet } from '../../model/index.ts';
import type { InfraIndex } from '../../analysis/infra-index.ts';
import { cidrUsableIps, parseCidr } from '../../analysis/cidr.ts';
import type { Rule } from '../types.ts';
import { lineIn, listWords, plural, taskNetworkedServices } from './shared.ts';

export const rule: Rule = {
  meta: {
    id: 'FW207',
    severity: 'medium',
    area: 'network',
    title: 'Subnets too small for the service at peak',
    description:
      'Each awsvpc/Fargate task takes one IP address from its subnet, and AWS reserves five addresses in every subnet. This ' +
      'rule compares twice the service\'s peak task count (the auto scaling maximum, else the desired count) with the usable ' +
      'addresses of its subnets; the factor of two leaves room for deployments, which start new tasks before stopping old ' +
      'ones, and for the other ENIs that share the subnets. Scaling past the limit fails with ' +
      'InsufficientPrivateIPAddressCapacity.',
    messages: {
      tooSmall:
        'Service {{service}} may run {{peak}} tasks ({{peakSource}}), and 2 × {{peak}} = {{needed}} exceeds the {{usable}} ' +
        'usable IPs of {{subnetWord}} {{subnets}} ({{sizes}}; AWS reserves 5 per subnet). Tasks will fail to start with ' +
        'InsufficientPrivateIPAddressCapacity at peak or during deployments: use larger subnets (e.g. /22), more subnets, ' +
        'or a lower maximum.',
    },
    fixable: false,
  },
  check({ index }, report) {
    for (const service of taskNetworkedServices(index)) {
      const peak = peakTasks(service.maxCount, service.desiredCount);
      if (peak === undefined) continue;
      const subnets = serviceSubnets(index, service);
      if (subnets === undefined || subnets.length === 0) continue;
      let usable = 0;
      const sizes: string[] = [];
      for (const subnet of subnets) {
        // IPv4 only: a task's primary address comes from the subnet's IPv4 range.
        if (!subnet.cidr.known || parseCidr(subnet.cidr.value)?.version !== 4) { usable = -1; break; }
        usable += cidrUsableIps(subnet.cidr.value) ?? 0;
        sizes.push(subnet.cidr.value);
      }
      if (usable < 0) continue;
      const needed = 2 * peak.count;
      if (needed <= usable) continue;
      report({
        messageId: 'tooSmall',
        data: {
          service: service.key,
          peak: peak.count,
          peakSource: peak.from,
          needed,
          usable,
          subnetWord: plural(subnets.length, 'subnet'),
          subnets: listWords(subnets.map((s) => s.logicalId)),
          sizes: sizes.join(', '),
        },
        entity: service,
        line: lineIn(service, service.subnets.source),
        service: service.key,
      });
    }
  },
};

function peakTasks(max: Attr<number> | undefined, desired: Attr<number>): { count: number; from: string } | undefined {
  // A scaling target whose maximum we cannot read could allow any number: no guess from the desired count.
  if (max !== undefined) return max.known ? { count: max.value, from: 'auto scaling maximum' } : undefined;
  return desired.known ? { count: desired.value, from: 'desired count' } : undefined;
}

/** All of the service's subnets, or undefined when any of them is not in the files. */
function serviceSubnets(index: InfraIndex, service: Service): Subnet[] | undefined {
  if (!service.subnets.known) return undefined;
  const out = new Map<string, Subnet>();
  for (const ref of service.subnets.items) {
    const subnet = index.subnet(ref);
    if (subnet === undefined) return undefined;
    out.set(subnet.id, subnet);
  }
  return [...out.values()];
}
