import type { Service } from '../../model/index.ts';
import type { Rule } from '../types.ts';
import { lineIn } from './shared.ts';

export const rule: Rule = {
  meta: {
    id: 'FW210',
    severity: 'medium',
    area: 'network',
    title: 'Internet-facing load balancer forwards plaintext HTTP to a service',
    description:
      'Finds HTTP (not HTTPS) listeners on internet-facing load balancers whose default action forwards to a target group ' +
      'an ECS service registers with. Requests and responses, cookies and tokens included, then cross the internet ' +
      'unencrypted. An HTTP listener that only redirects to HTTPS is fine.',
    messages: {
      plaintext:
        'Listener {{listener}} of internet-facing load balancer {{lb}} accepts plaintext HTTP on port {{port}} and forwards it ' +
        'to service {{service}} (target group {{targetGroup}}). Serve the service from an HTTPS listener with a certificate, ' +
        'and make the HTTP listener redirect to HTTPS.',
    },
    fixable: false,
  },
  check({ index }, report) {
    const { infra } = index;
    const servicesByTargetGroup = new Map<string, Service[]>();
    for (const service of infra.services) {
      for (const slb of service.loadBalancers) {
        if (slb.targetGroup?.kind !== 'resource') continue;
        const list = servicesByTargetGroup.get(slb.targetGroup.id) ?? [];
        if (!list.includes(service)) list.push(service);
        servicesByTargetGroup.set(slb.targetGroup.id, list);
      }
    }

    for (const listener of infra.listeners) {
      if (!listener.protocol.known || listener.protocol.value.toUpperCase() !== 'HTTP') continue;
      const lb = index.resolve(listener.loadBalancer, infra.loadBalancers);
      if (lb === undefined || !lb.scheme.known || lb.scheme.value !== 'internet-facing') continue;
      const reported = new Set<Service>();
      for (const action of listener.actions) {
        if (action.type.toLowerCase() !== 'forward') continue;
        for (const tgRef of action.targetGroups) {
          if (tgRef.kind !== 'resource') continue;
          const tg = index.resolve(tgRef, infra.targetGroups);
          for (const service of servicesByTargetGroup.get(tgRef.id) ?? []) {
            if (reported.has(service)) continue;
            reported.add(service);
            report({
              messageId: 'plaintext',
              data: {
                listener: listener.logicalId,
                lb: lb.logicalId,
                port: listener.port.known ? listener.port.value : 'unknown',
                service: service.key,
                targetGroup: tg?.logicalId ?? tgRef.id,
              },
              entity: listener,
              line: lineIn(listener, listener.protocol.source),
              service: service.key,
            });
          }
        }
      }
    }
  },
};
