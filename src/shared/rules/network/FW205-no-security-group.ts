import type { Rule } from '../types.ts';
import { lineIn, taskNetworkedServices } from './shared.ts';

export const rule: Rule = {
  meta: {
    id: 'FW205',
    severity: 'medium',
    area: 'network',
    title: 'Service declares no security group',
    description:
      'Finds awsvpc/Fargate services whose network configuration names no security group. ECS then attaches the VPC default ' +
      'security group, which is shared by everything else that falls back to it, admits all traffic from its other members ' +
      'and allows all outbound traffic, and which the template neither declares nor reviews.',
    messages: {
      absent:
        'Service {{service}} declares no security groups, so its tasks run with the VPC default security group (shared with ' +
        'every other resource that falls back to it, open to all of them, and allowing all outbound traffic). Give the ' +
        'service its own security group with only the ingress and egress it needs.',
      empty:
        'Service {{service}} sets an empty SecurityGroups list, so its tasks run with the VPC default security group (shared ' +
        'with every other resource that falls back to it, open to all of them, and allowing all outbound traffic). Give the ' +
        'service its own security group with only the ingress and egress it needs.',
    },
    fixable: false,
  },
  check({ index }, report) {
    for (const service of taskNetworkedServices(index)) {
      const groups = service.securityGroups;
      // An unresolved list (e.g. a parameter) may well hold groups: not our call.
      if (!groups.known || groups.items.length > 0) continue;
      report({
        messageId: groups.source.explicit ? 'empty' : 'absent',
        data: { service: service.key },
        entity: service,
        line: lineIn(service, groups.source),
        service: service.key,
      });
    }
  },
};
