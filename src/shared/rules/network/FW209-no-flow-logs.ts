import type { Service, Subnet, Vpc } from '../../model/index.ts';
import type { Rule } from '../types.ts';
import { listWords, plural, taskNetworkedServices } from './shared.ts';

export const rule: Rule = {
  meta: {
    id: 'FW209',
    severity: 'low',
    area: 'network',
    title: 'VPC that hosts tasks has no flow logs',
    description:
      'Finds VPCs declared in the scanned files that host awsvpc/Fargate tasks but have no VPC Flow Log, neither on the VPC ' +
      'nor on every subnet the tasks use. Each task has its own ENI, so flow logs record traffic per task: without them ' +
      'there is no record of what a compromised or misbehaving task talked to.',
    messages: {
      noFlowLogs:
        'VPC {{vpc}} hosts the tasks of {{services}} but has no flow logs (none on the VPC, and {{uncovered}} without one). ' +
        'Add an AWS::EC2::FlowLog for the VPC so task traffic is recorded.',
    },
    fixable: false,
  },
  check({ index }, report) {
    const { infra } = index;
    // A flow log whose target we cannot resolve may be the one that covers a VPC here.
    if (infra.flowLogs.some((f) => f.resources.some((r) => r.kind === 'unknown'))) return;
    const logged = new Set<string>();
    for (const f of infra.flowLogs) for (const r of f.resources) if (r.kind === 'resource') logged.add(r.id);

    const byVpc = new Map<string, { vpc: Vpc; services: Service[]; subnets: Map<string, Subnet> }>();
    for (const service of taskNetworkedServices(index)) {
      for (const subnet of index.all(service.subnets, infra.subnets)) {
        const vpc = index.resolve(subnet.vpc, infra.vpcs);
        if (vpc === undefined) continue;
        const entry = byVpc.get(vpc.id) ?? { vpc, services: [], subnets: new Map<string, Subnet>() };
        if (!entry.services.includes(service)) entry.services.push(service);
        entry.subnets.set(subnet.id, subnet);
        byVpc.set(vpc.id, entry);
      }
    }

    for (const { vpc, services, subnets } of byVpc.values()) {
      if (logged.has(vpc.id)) continue;
      const uncovered = [...subnets.values()].filter((s) => !logged.has(s.id));
      if (uncovered.length === 0) continue;
      report({
        messageId: 'noFlowLogs',
        data: {
          vpc: vpc.logicalId,
          services: `${plural(services.length, 'service')} ${listWords(services.map((s) => s.key))}`,
          uncovered: `task ${plural(uncovered.length, 'subnet')} ${listWords(uncovered.map((s) => s.logicalId))}`,
        },
        entity: vpc,
        services: services.map((s) => s.key),
      });
    }
  },
};
