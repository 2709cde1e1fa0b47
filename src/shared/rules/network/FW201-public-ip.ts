import { whenValue } from '../../model/index.ts';
import type { Rule } from '../types.ts';
import { lineIn, taskNetworkedServices } from './shared.ts';
import { publicIpFix } from '../../fixes/builders/network.ts';

export const rule: Rule = {
  meta: {
    id: 'FW201',
    severity: 'high',
    area: 'network',
    title: 'Service assigns public IPs to tasks',
    description:
      'Finds ECS services whose network configuration sets AssignPublicIp to ENABLED. Each awsvpc task has its own ENI, so a ' +
      'public IP makes every task an internet host guarded only by its security group; tasks in private subnets reach AWS ' +
      'services through a NAT gateway or VPC endpoints instead.',
    messages: {
      publicIp:
        'Service {{service}} assigns a public IP to every task (AssignPublicIp: ENABLED){{when}}: each task ENI is addressable from the ' +
        'internet and only its security group stands in the way. Run the tasks in private subnets with AssignPublicIp: DISABLED ' +
        'and reach AWS services through a NAT gateway or VPC endpoints.',
    },
    fixable: true,
  },
  check(ctx, report) {
    const { index } = ctx;
    for (const service of taskNetworkedServices(index)) {
      const attr = service.assignPublicIp;
      // Under some outcomes of an undecided choice, the tasks of those deployments are public: said so.
      const when = whenValue(attr, true);
      if (when === false) continue;
      report({
        messageId: 'publicIp',
        data: { service: service.key },
        when: when === true ? undefined : when,
        entity: service,
        line: lineIn(service, attr.source),
        service: service.key,
        fix: () => publicIpFix(ctx, service),
      });
    }
  },
};
