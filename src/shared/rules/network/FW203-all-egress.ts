import type { Rule } from '../types.ts';
import type { SecurityGroup, SecurityGroupRule } from '../../model/index.ts';
import type { InfraIndex } from '../../analysis/infra-index.ts';
import {
  describePorts, describeWorldPieces, isAllTraffic, isCidrPeer, isWorldPeer, listWords, ruleLocation, taskNetworkedServices, taskSecurityGroups,
} from './shared.ts';
import { allEgressFix } from '../../fixes/builders/network.ts';
import { worldInPieces, type WorldInPieces } from '../../analysis/security-group-match.ts';

type CidrRule = SecurityGroupRule & { peer: { kind: 'cidr4' | 'cidr6'; cidr: string } };

/**
 * How the group allows all outbound traffic to 0.0.0.0/0 or ::/0, if it does: its rules that allow
 * every protocol (or every TCP port) there, explicit or the implicit default (`source.explicit`
 * false), and whether the source only set `implicitEgress` without modelling that default as a rule.
 * FW203 applies it to task security groups.
 */
export function allowAllEgress(sg: SecurityGroup): { rules: CidrRule[]; implicitWithoutRule: boolean } {
  const rules = sg.rules.filter((r): r is CidrRule => r.direction === 'egress' && isCidrPeer(r.peer) && isWorldPeer(r.peer) && isAllTraffic(r));
  const implicitWithoutRule = sg.implicitEgress && !sg.rules.some((r) => r.direction === 'egress' && !r.source.explicit);
  return { rules, implicitWithoutRule };
}

/**
 * All traffic (every protocol, or every TCP port) to every address only through several rules of
 * the groups together: 0.0.0.0/1 + 128.0.0.0/1 (or ::/1 + 8000::/1, four /2s), in one group or
 * several, on whatever ports each as long as together they let every TCP port out. One entry per
 * IP version and kind, every TCP range's pieces together.
 */
function allEgressInPieces(groups: readonly SecurityGroup[]): WorldInPieces[] {
  const pieces = worldInPieces(groups, 'egress');
  const out: WorldInPieces[] = pieces.filter((piece) => piece.protocol === 'all');
  for (const version of [4, 6] as const) {
    const tcp = pieces.filter((piece) => piece.protocol === 'tcp' && piece.version === version).sort((a, b) => a.fromPort - b.fromPort);
    let next = 0;
    for (const piece of tcp) if (piece.fromPort <= next) next = Math.max(next, piece.toPort + 1);
    if (tcp.length > 0 && next > 65535) out.push({ protocol: 'tcp', fromPort: 0, toPort: 65535, version, rules: [...new Set(tcp.flatMap((piece) => piece.rules))] });
  }
  return out;
}

export const rule: Rule = {
  meta: {
    id: 'FW203',
    severity: 'medium',
    area: 'network',
    title: 'Task security group allows all outbound traffic',
    description:
      'Finds security groups of ECS tasks that allow every protocol (or every TCP port) to 0.0.0.0/0 or ::/0, whether ' +
      'written out or implied: CloudFormation adds an allow-all egress rule to a security group that declares none (and CDK ' +
      'does the same with allowAllOutbound: true, its default). Terraform removes that default, so there only explicit rules ' +
      'count. Unrestricted egress lets a compromised task exfiltrate data or reach anything, and hides which AWS services the ' +
      'task really depends on.',
    messages: {
      explicit:
        'Security group {{group}} of service {{service}} explicitly allows {{ports}} to {{cidr}}{{when}}: its tasks can send anything ' +
        'anywhere. Replace it with egress rules for what the service needs (e.g. TCP 443 to VPC endpoints or the S3 prefix list, the ' +
        'database port to the database\'s security group).',
      explicitSplit:
        'Security group {{group}} of service {{service}} allows {{ports}} to {{cidr}}, which with {{others}} allows {{open}} to every address: ' +
        'its tasks can send anything anywhere. Replace these rules with egress rules for what the service needs (e.g. TCP 443 to ' +
        'VPC endpoints or the S3 prefix list, the database port to the database\'s security group).',
      implicit:
        'Security group {{group}} of service {{service}} allows all traffic to {{cidr}} implicitly{{when}}: no egress rule is ' +
        'declared, so CloudFormation adds allow-all egress, and its tasks can send anything anywhere. Declare egress rules ' +
        'for what the service needs (in CDK, allowAllOutbound: false plus addEgressRule).',
      implicitWithStandalone:
        'Security group {{group}} of service {{service}} allows all traffic to {{cidr}} implicitly{{when}}: no egress rule is ' +
        'declared in its SecurityGroupEgress property, so CloudFormation adds allow-all egress, and the standalone egress ' +
        'rules ({{standalone}}) add to that default instead of replacing it. Move the egress rules into ' +
        'SecurityGroupEgress so the default is dropped.',
    },
    fixable: true,
  },
  check(ctx, report) {
    const { index } = ctx;
    for (const service of taskNetworkedServices(index)) {
      const groups = taskSecurityGroups(index, service);
      // Rules under an undecided condition may not be there together: worldInPieces leaves them out.
      const pieces = allEgressInPieces(groups);
      const split = new Set(pieces.flatMap((piece) => piece.rules));
      for (const sg of groups) {
        const standalone = standaloneEgress(index, sg);
        const allowed = allowAllEgress(sg);
        for (const rule of allowed.rules) {
          const peer = rule.peer;
          const implicit = !rule.source.explicit;
          const at = ruleLocation(index, sg, rule);
          report({
            messageId: !implicit ? 'explicit' : standalone.length > 0 ? 'implicitWithStandalone' : 'implicit',
            data: {
              group: sg.logicalId, service: service.key, ports: describePorts(rule), cidr: peer.cidr, standalone: listWords(standalone),
            },
            when: rule.when === undefined ? undefined : [rule.when],
            entity: at.entity,
            line: at.line,
            service: service.key,
            fix: () => allEgressFix(ctx, sg, rule),
          });
        }
        for (const rule of sg.rules.filter((r) => split.has(r))) {
          const at = ruleLocation(index, sg, rule);
          const { open, others } = describeWorldPieces(rule, sg, pieces, groups);
          report({
            messageId: 'explicitSplit',
            data: { group: sg.logicalId, service: service.key, ports: describePorts(rule), cidr: isCidrPeer(rule.peer) ? rule.peer.cidr : '', others, open },
            entity: at.entity,
            line: at.line,
            service: service.key,
          });
        }
        // The model normally carries the implicit rule itself; this covers a source that only sets the flag.
        if (allowed.implicitWithoutRule) {
          report({
            messageId: standalone.length > 0 ? 'implicitWithStandalone' : 'implicit',
            data: { group: sg.logicalId, service: service.key, ports: 'all traffic', cidr: '0.0.0.0/0', standalone: listWords(standalone) },
            entity: sg,
            service: service.key,
          });
        }
      }
    }
  },
};

/** Logical IDs of standalone egress resources merged into the group (they do not displace the default). */
function standaloneEgress(index: InfraIndex, sg: SecurityGroup): string[] {
  const out: string[] = [];
  for (const rule of sg.rules) {
    if (rule.direction !== 'egress' || rule.standaloneId === undefined) continue;
    const entity = index.entity(rule.standaloneId) ?? index.infra.resources.find((r) => r.id === rule.standaloneId);
    const name = entity?.logicalId ?? rule.standaloneId.slice(rule.standaloneId.lastIndexOf('#') + 1);
    if (!out.includes(name)) out.push(name);
  }
  return out;
}
