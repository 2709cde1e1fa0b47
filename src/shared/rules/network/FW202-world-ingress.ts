import type { Rule } from '../types.ts';
import type { SecurityGroup, SecurityGroupRule } from '../../model/index.ts';
import { describePorts, describeWorldPieces, isCidrPeer, isWorldPeer, ruleLocation, taskNetworkedServices, taskSecurityGroups } from './shared.ts';
import { worldInPieces } from '../../analysis/security-group-match.ts';
import { worldIngressFix } from '../../fixes/builders/network.ts';

type CidrRule = SecurityGroupRule & { peer: { kind: 'cidr4' | 'cidr6'; cidr: string } };

/** The group's ingress rules from 0.0.0.0/0 or ::/0, whatever the ports. FW202 applies it to task security groups. */
export function worldIngressRules(sg: SecurityGroup): CidrRule[] {
  return sg.rules.filter((r): r is CidrRule => r.direction === 'ingress' && isCidrPeer(r.peer) && isWorldPeer(r.peer));
}

export const rule: Rule = {
  meta: {
    id: 'FW202',
    severity: 'high',
    area: 'network',
    title: 'Task security group admits inbound traffic from anywhere',
    description:
      'Finds ingress rules from 0.0.0.0/0 or ::/0 on security groups that ECS services attach to their tasks. A task ENI is ' +
      'a host in the VPC; with a public IP, or behind anything that routes internet traffic to it, such a rule exposes the ' +
      'container port to the whole internet. Tasks behind a load balancer should admit only the load balancer\'s security group.',
    messages: {
      worldIngress:
        'Security group {{group}} of service {{service}} admits {{ports}} from {{cidr}} (anywhere){{when}}. Admit only the load ' +
        'balancer\'s or the calling services\' security groups instead.',
      splitWorldIngress:
        'Security group {{group}} of service {{service}} admits {{ports}} from {{cidr}}, which with {{others}} admits {{open}} ' +
        'from every address (anywhere). Admit only the load balancer\'s or the calling services\' security groups instead.',
    },
    fixable: true,
  },
  check(ctx, report) {
    const { index } = ctx;
    for (const service of taskNetworkedServices(index)) {
      const groups = taskSecurityGroups(index, service);
      // The world in pieces (0.0.0.0/1 + 128.0.0.0/1 on a port both let through), possibly across the groups.
      const pieces = worldInPieces(groups, 'ingress');
      const split = new Set(pieces.flatMap((piece) => piece.rules));
      for (const sg of groups) {
        for (const rule of worldIngressRules(sg)) {
          const peer = rule.peer;
          const at = ruleLocation(index, sg, rule);
          report({
            messageId: 'worldIngress',
            // Under one outcome of an undecided Fn::If the rule is there in those deployments: said so.
            data: { group: sg.logicalId, service: service.key, ports: describePorts(rule), cidr: peer.cidr },
            when: rule.when === undefined ? undefined : [rule.when],
            entity: at.entity,
            line: at.line,
            service: service.key,
            fix: () => worldIngressFix(ctx, sg, rule),
          });
        }
        for (const rule of sg.rules.filter((r) => split.has(r))) {
          const at = ruleLocation(index, sg, rule);
          const { open, others } = describeWorldPieces(rule, sg, pieces, groups);
          report({
            messageId: 'splitWorldIngress',
            data: { group: sg.logicalId, service: service.key, ports: describePorts(rule), cidr: isCidrPeer(rule.peer) ? rule.peer.cidr : '', others, open },
            entity: at.entity,
            line: at.line,
            service: service.key,
          });
        }
      }
    }
  },
};
