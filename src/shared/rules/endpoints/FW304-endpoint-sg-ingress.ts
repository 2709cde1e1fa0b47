import type { Entity, Fix, VpcEndpoint } from '../../model/index.ts';
import type { Rule, RuleContext } from '../types.ts';
import type { ProblemHit } from './shared.ts';
import {
  endpointById,
  endpointGroups,
  endpointLabel,
  groupBy,
  impact,
  listWords,
  plural,
  serviceEntity,
  servicesPhrase,
  serviceKeysOf,
  taskGroups,
  uncoveredProblems,
  unique,
} from './shared.ts';
import { endpointIngressFix } from '../../fixes/builders/endpoints.ts';

interface Located extends ProblemHit {
  endpoint?: VpcEndpoint;
  /** Where the fix goes: the endpoint's security group, else the endpoint, else the service. */
  target?: Entity;
  messageId: 'group' | 'defaultGroup' | 'endpoint';
}

function groupFix(ctx: RuleContext, target: Entity, hits: readonly ProblemHit[]): Fix | undefined {
  const sg = ctx.posture.infra.securityGroups.find((g) => g.id === target.id);
  return sg === undefined ? undefined : endpointIngressFix(ctx, sg, hits);
}

export const rule: Rule = {
  meta: {
    id: 'FW304',
    severity: 'high',
    area: 'endpoints',
    title: 'Endpoint security group does not admit HTTPS from the task',
    description:
      'Finds interface VPC endpoints whose security groups do not admit TCP 443 from the tasks that depend on them (by the ' +
      'task security group or a CIDR that contains the task subnets). Endpoints are reached over HTTPS; a security group ' +
      'that drops it makes the endpoint useless to those tasks, and for ECR, S3 and CloudWatch Logs the tasks fail to start. ' +
      'One finding per endpoint security group, naming every endpoint and service it affects.',
    messages: {
      group:
        'Security group {{group}} of {{endpoints}} ({{awsService}}) does not admit TCP 443 from the tasks of {{services}} ' +
        '({{from}}): their HTTPS connections to the {{endpointWord}} are dropped, so {{impact}}. Add an ingress rule for TCP ' +
        '443 from {{fix}}.',
      defaultGroup:
        '{{Endpoints}} ({{awsService}}) declares no security group, so the VPC default security group applies, and it does ' +
        'not admit TCP 443 from the tasks of {{services}} ({{from}}): their HTTPS connections are dropped, so {{impact}}. Give ' +
        'the endpoint a security group that admits TCP 443 from {{fix}}.',
      endpoint:
        'The security groups of {{endpoints}} ({{awsService}}) do not admit TCP 443 from the tasks of {{services}} ({{from}}): ' +
        'their HTTPS connections are dropped, so {{impact}}. Admit TCP 443 from {{fix}}.',
    },
    fixable: true,
  },
  check(ctx, report) {
    const { index } = ctx;
    const located: Located[] = uncoveredProblems(ctx, 'endpoint-sg-ingress').map((hit) => {
      const endpoint = endpointById(index, hit.problem.endpointId);
      const group = endpoint !== undefined ? endpointGroups(index, endpoint)[0] : undefined;
      const target = group ?? endpoint ?? serviceEntity(index, hit.posture);
      const declaresNone = endpoint !== undefined && endpoint.securityGroups.known && endpoint.securityGroups.items.length === 0;
      const messageId = group !== undefined ? 'group' : declaresNone ? 'defaultGroup' : 'endpoint';
      return { ...hit, endpoint, target, messageId };
    });
    // Endpoints usually share one security group: one finding there, since one rule fixes them all.
    for (const group of groupBy(located, (h) => `${h.messageId}\n${h.target?.id ?? h.posture.serviceId}`).values()) {
      const first = group[0];
      if (first === undefined || first.target === undefined) continue;
      const target = first.target;
      const endpointNames = unique(group.map((h) => endpointLabel(index, h.endpoint, [h])));
      const awsNames = unique(
        group.map((h) => (h.endpoint !== undefined && h.endpoint.service.known ? h.endpoint.service.value : h.need.service)),
      );
      const taskSgs = unique(group.flatMap((h) => taskGroups(index, h.posture).map((g) => g.logicalId)));
      const from =
        taskSgs.length > 0
          ? `${plural(taskSgs.length, 'security group')} ${listWords(taskSgs)}`
          : 'the VPC default security group';
      const endpoints = `${plural(endpointNames.length, 'endpoint')} ${listWords(endpointNames)}`;
      report({
        messageId: first.messageId,
        data: {
          group: target.logicalId,
          endpoints,
          Endpoints: endpoints.charAt(0).toUpperCase() + endpoints.slice(1),
          endpointWord: plural(endpointNames.length, 'endpoint'),
          awsService: listWords(awsNames),
          services: servicesPhrase(group.map((h) => h.posture.key)),
          from,
          fix: taskSgs.length > 0 ? listWords(taskSgs) : 'the CIDRs of the service subnets',
          impact: impact(group),
        },
        entity: target,
        services: serviceKeysOf(group),
        fix: first.messageId === 'group' ? () => groupFix(ctx, target, group) : undefined,
      });
    }
  },
};
