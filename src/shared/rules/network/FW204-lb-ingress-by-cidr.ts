import type { LoadBalancer, SecurityGroup, Service } from '../../model/index.ts';
import type { InfraIndex } from '../../analysis/infra-index.ts';
import { cidrOverlaps } from '../../analysis/cidr.ts';
import type { Report, Rule } from '../types.ts';
import {
  describePorts, isCidrPeer, isWorldPeer, listWords, refLabel, ruleCoversPort, ruleLocation, serviceLoadBalancers,
  taskNetworkedServices, taskSecurityGroups,
} from './shared.ts';

export const rule: Rule = {
  meta: {
    id: 'FW204',
    severity: 'low',
    area: 'network',
    title: 'Task ingress by CIDR from a load balancer that has a security group',
    description:
      'Finds services behind a load balancer that has security groups whose task security group admits the container port ' +
      'from a CIDR range (the VPC or the load balancer subnets, typically) instead of from the load balancer\'s security ' +
      'group. A CIDR admits every other ENI in that range too (other tasks, instances, endpoints), while a security-group ' +
      'reference admits exactly the load balancer and follows it when its addresses change. World-open rules are FW202\'s.',
    messages: {
      coversLb:
        'Security group {{group}} of service {{service}} admits {{ports}} from {{cidr}}, which covers the subnets of load ' +
        'balancer {{lb}}; everything else in that range gets in too. Admit the load balancer\'s security group ({{lbGroups}}) ' +
        'instead of the CIDR.',
      cidr:
        'Security group {{group}} of service {{service}} admits {{ports}} from {{cidr}} while the service is reached through ' +
        'load balancer {{lb}}. Admit the load balancer\'s security group ({{lbGroups}}) instead of a CIDR range, so only ' +
        'the load balancer gets in.',
    },
    fixable: false,
  },
  check({ index }, report) {
    for (const service of taskNetworkedServices(index)) {
      const lbs = serviceLoadBalancers(index, service).filter((lb) => lb.securityGroups.known && lb.securityGroups.items.length > 0);
      if (lbs.length === 0) continue;
      const ports = lbPorts(index, service);
      // Without the port the load balancer talks to, any CIDR rule could be for someone else.
      if (ports.length === 0) continue;
      for (const sg of taskSecurityGroups(index, service)) checkGroup(index, service, sg, lbs, ports, report);
    }
  },
};

function checkGroup(
  index: InfraIndex, service: Service, sg: SecurityGroup, lbs: LoadBalancer[], ports: number[],
  report: (r: Report) => void,
): void {
  for (const rule of sg.rules) {
    const peer = rule.peer;
    if (rule.direction !== 'ingress' || !isCidrPeer(peer) || isWorldPeer(peer)) continue;
    if (!ports.some((p) => ruleCoversPort(rule, p))) continue;
    const covered = lbs.find((lb) => coversLbSubnets(index, lb, peer.cidr));
    const lb = covered ?? lbs[0];
    const at = ruleLocation(index, sg, rule);
    report({
      messageId: covered !== undefined ? 'coversLb' : 'cidr',
      data: {
        group: sg.logicalId, service: service.key, ports: describePorts(rule), cidr: peer.cidr,
        lb: lb.logicalId, lbGroups: listWords(lb.securityGroups.items.map((r) => refLabel(r, index))),
      },
      entity: at.entity,
      line: at.line,
      service: service.key,
    });
  }
}

/** The ports the load balancer sends to: the container port, else the target group's port. */
function lbPorts(index: InfraIndex, service: Service): number[] {
  const ports = new Set<number>();
  for (const slb of service.loadBalancers) {
    if (slb.containerPort !== undefined) {
      ports.add(slb.containerPort);
      continue;
    }
    const tg = index.resolve(slb.targetGroup, index.infra.targetGroups);
    if (tg?.port.known === true) ports.add(tg.port.value);
  }
  return [...ports];
}

function coversLbSubnets(index: InfraIndex, lb: LoadBalancer, cidr: string): boolean {
  return index.all(lb.subnets, index.infra.subnets).some((s) => s.cidr.known && cidrOverlaps(cidr, s.cidr.value));
}
