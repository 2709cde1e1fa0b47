import type { SecurityGroupRule } from '../../../../src/shared/model/index.ts';
import { rule } from '../../../../src/shared/rules/network/FW204-lb-ingress-by-cidr.ts';
import { infra, known, unknown, unknownRefs } from '../../../support/model.ts';
import {
  cidr, forward, ingress, listener, loadBalancer, refList, ruleCases, securityGroup, service, serviceLb, sgPeer, subnet, targetGroup,
} from '../../../support/network-rules.ts';

const lbSubnets = [subnet('PubA', '10.0.0.0/24', { line: 120 }), subnet('PubB', '10.0.1.0/24', { line: 130 })];

/** Api (container port 8080) → target group Tg → ALB Alb with AlbSg in PubA/PubB. */
function scenario(taskRules: SecurityGroupRule[], o: {
  containerPort?: number; tgPort?: ReturnType<typeof known<number>>; lbType?: 'application' | 'network'; lbGroups?: ReturnType<typeof refList>;
  tgLinksLb?: boolean; listeners?: boolean; lbs?: boolean;
} = {}) {
  return infra({
    services: [service('Api', { key: 'api', securityGroups: refList(['TaskSg']), loadBalancers: [serviceLb('Tg', 'containerPort' in o ? o.containerPort : 8080)] })],
    securityGroups: [securityGroup('TaskSg', taskRules), securityGroup('AlbSg', [ingress(cidr('0.0.0.0/0'), { ports: 443 })], { line: 60 })],
    targetGroups: [targetGroup('Tg', { port: o.tgPort ?? known(80), loadBalancers: (o.tgLinksLb ?? true) ? ['Alb'] : [] })],
    loadBalancers: o.lbs === false ? [] : [loadBalancer('Alb', { type: o.lbType ?? 'application', securityGroups: o.lbGroups ?? refList(['AlbSg']), subnets: refList(['PubA', 'PubB']) })],
    listeners: o.listeners === true ? [listener('Http', { lb: 'Alb', actions: [forward('Tg')] })] : [],
    subnets: lbSubnets,
  });
}

ruleCases(rule, {
  valid: [
    { name: '1. task SG admits the ALB\'s security group', infra: scenario([ingress(sgPeer('AlbSg'), { ports: 8080, line: 44 })]), expect: [] },
    { name: '2. world-open ingress is left to FW202', infra: scenario([ingress(cidr('0.0.0.0/0'), { ports: 8080 })]), expect: [] },
    {
      name: '3. NLB without security groups: VPC CIDR is the documented way',
      infra: scenario([ingress(cidr('10.0.0.0/16'), { ports: 8080 })], { lbType: 'network', lbGroups: refList([], 200, false) }),
      expect: [],
    },
    { name: '4. CIDR rule on another port (SSH from a bastion range)', infra: scenario([ingress(cidr('10.0.0.0/16'), { ports: 22 })]), expect: [] },
    {
      name: '5. service without a load balancer',
      infra: infra({ services: [service('Api', { securityGroups: refList(['TaskSg']) })], securityGroups: [securityGroup('TaskSg', [ingress(cidr('10.0.0.0/16'), { ports: 8080 })])] }),
      expect: [],
    },
    { name: '6. load balancer SGs from a parameter (unknown)', infra: scenario([ingress(cidr('10.0.0.0/16'), { ports: 8080 })], { lbGroups: unknownRefs() }), expect: [] },
    {
      name: '7. neither container port nor target group port known',
      infra: scenario([ingress(cidr('10.0.0.0/16'), { ports: 8080 })], { containerPort: undefined, tgPort: unknown() }),
      expect: [],
    },
    { name: '8. load balancer not in the scanned files', infra: scenario([ingress(cidr('10.0.0.0/16'), { ports: 8080 })], { tgLinksLb: false, lbs: false }), expect: [] },
  ],
  invalid: [
    {
      name: '1. VPC CIDR on the container port: covers the ALB subnets',
      infra: scenario([ingress(cidr('10.0.0.0/16'), { ports: 8080, line: 44 })]),
      expect: [{ resource: 'TaskSg', line: 44, service: 'api', message: ['TCP 8080', '10.0.0.0/16', 'covers the subnets of load balancer Alb', '(AlbSg)'] }],
    },
    {
      name: '2. one LB subnet\'s CIDR exactly',
      infra: scenario([ingress(cidr('10.0.1.0/24'), { ports: [8000, 9000], line: 45 })]),
      expect: [{ resource: 'TaskSg', line: 45, message: ['10.0.1.0/24', 'covers the subnets'] }],
    },
    {
      name: '3. a range that does not contain the LB subnets, on all traffic',
      infra: scenario([ingress(cidr('192.168.0.0/16'), { line: 46 })]),
      expect: [{ resource: 'TaskSg', line: 46, message: ['all traffic', '192.168.0.0/16', 'reached through load balancer Alb', '(AlbSg)'], notMessage: ['covers'] }],
    },
    {
      name: '4. LB found through a listener; target group port used when the container port is not given',
      infra: scenario([ingress(cidr('10.0.0.0/16'), { ports: 80, line: 47 })], { containerPort: undefined, tgLinksLb: false, listeners: true }),
      expect: [{ resource: 'TaskSg', line: 47, message: ['TCP 80'] }],
    },
    {
      name: '5. rule ports unknown (may cover the container port)',
      infra: scenario([ingress(cidr('10.0.0.0/16'), { ports: 'unknown', line: 48 })]),
      expect: [{ resource: 'TaskSg', line: 48, message: ['ports unknown'] }],
    },
    {
      name: '6. NLB with a security group, IPv6 CIDR',
      infra: scenario([ingress(cidr('2001:db8::/56'), { ports: 8080, line: 49 })], { lbType: 'network' }),
      expect: [{ resource: 'TaskSg', line: 49, message: ['2001:db8::/56'] }],
    },
  ],
});
