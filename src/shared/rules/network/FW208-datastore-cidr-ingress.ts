import type { DataStore, SecurityGroup } from '../../model/index.ts';
import type { Rule } from '../types.ts';
import { describePorts, isCidrPeer, isWorldPeer, listWords, ruleLocation } from './shared.ts';

export const rule: Rule = {
  meta: {
    id: 'FW208',
    severity: 'medium',
    area: 'network',
    title: 'Data store security group admits a CIDR range',
    description:
      'Finds ingress rules by CIDR (IPv4 or IPv6) on the security groups of data stores such as RDS, Aurora, ElastiCache, ' +
      'OpenSearch, MSK or EFS. Fargate tasks get whatever address is free in their subnets, so a CIDR that admits them ' +
      'admits every other ENI in the range as well. Referencing the calling services\' security groups admits exactly those ' +
      'tasks and follows them as they scale.',
    messages: {
      cidr:
        'Security group {{group}} of {{stores}} admits {{ports}} from {{cidr}}: every ENI in that range can connect, not just ' +
        'the services that need the data. Admit the calling services\' security groups instead of the CIDR.',
      world:
        'Security group {{group}} of {{stores}} admits {{ports}} from {{cidr}} (anywhere). Admit only the calling services\' ' +
        'security groups.',
    },
    fixable: false,
  },
  check({ index }, report) {
    // One finding per rule even when several data stores share the group: the fix is one edit.
    const storesByGroup = new Map<string, { sg: SecurityGroup; stores: DataStore[] }>();
    for (const store of index.infra.dataStores) {
      for (const sg of index.all(store.securityGroups, index.infra.securityGroups)) {
        if (sg.isDefault === true) continue;
        const entry = storesByGroup.get(sg.id) ?? { sg, stores: [] };
        if (!entry.stores.includes(store)) entry.stores.push(store);
        storesByGroup.set(sg.id, entry);
      }
    }
    for (const { sg, stores } of storesByGroup.values()) {
      for (const rule of sg.rules) {
        const peer = rule.peer;
        if (rule.direction !== 'ingress' || !isCidrPeer(peer)) continue;
        const at = ruleLocation(index, sg, rule);
        report({
          messageId: isWorldPeer(peer) ? 'world' : 'cidr',
          data: {
            group: sg.logicalId,
            stores: listWords(stores.map((s) => (s.engine === '' ? s.logicalId : `${s.logicalId} (${s.engine})`))),
            ports: describePorts(rule),
            cidr: peer.cidr,
          },
          entity: at.entity,
          line: at.line,
        });
      }
    }
  },
};
