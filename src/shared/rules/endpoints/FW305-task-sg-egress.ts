import type { Entity, Fix, FixDeclined, VpcEndpoint } from '../../model/index.ts';
import type { InfraIndex } from '../../analysis/infra-index.ts';
import type { Rule, RuleContext } from '../types.ts';
import type { ProblemHit } from './shared.ts';
import {
  endpointById,
  endpointGroups,
  endpointLabel,
  groupBy,
  impact,
  isGatewayService,
  listWords,
  plural,
  serviceEntity,
  servicesPhrase,
  serviceKeysOf,
  taskGroups,
  uncoveredProblems,
  unique,
} from './shared.ts';
import { taskEgressFix } from '../../fixes/builders/endpoints.ts';

interface Located extends ProblemHit {
  endpoint?: VpcEndpoint;
  target?: Entity;
  groups: string[];
  /**
   * Where the blocked traffic was headed: an endpoint, the internet when no endpoint is in play, or
   * anywhere when the subnets (so the path) are unknown but the groups let HTTPS out to nothing.
   */
  path: 'gateway' | 'interface' | 'internet' | 'anywhere';
}

function isGateway(endpoint: VpcEndpoint | undefined, need: string): boolean {
  return endpoint !== undefined ? endpoint.type === 'Gateway' : isGatewayService(need);
}

/** Where an interface endpoint's traffic must be allowed to: its security groups, else its subnets. */
function interfaceDestination(index: InfraIndex, hit: Located): string {
  const endpoint = hit.endpoint;
  if (endpoint === undefined) return 'the endpoint (its security group or subnet CIDRs)';
  const groups = endpointGroups(index, endpoint).map((g) => g.logicalId);
  if (groups.length > 0) return `${plural(groups.length, 'security group')} ${listWords(groups)} of the endpoint`;
  return 'the CIDRs of the endpoint’s subnets';
}

function groupFix(ctx: RuleContext, first: Located, hits: readonly ProblemHit[]): Fix | FixDeclined | undefined {
  // Which destination to open depends on the path, and with the subnets unknown so is the path.
  if (first.path === 'anywhere') return { declined: 'the service\'s subnets are not in the files, so which destination (internet, endpoint security groups, prefix list) to open is not known' };
  const sg = ctx.posture.infra.securityGroups.find((g) => g.id === first.target?.id);
  return sg === undefined ? undefined : taskEgressFix(ctx, sg, hits, first.path, first.endpoint);
}

export const rule: Rule = {
  meta: {
    id: 'FW305',
    severity: 'high',
    area: 'endpoints',
    title: 'Task security group egress does not allow HTTPS to the endpoint',
    description:
      'Finds task security groups whose egress rules do not allow TCP 443 to a VPC endpoint the service depends on: to an ' +
      'interface endpoint’s security group or subnets, or, for a gateway endpoint, to the service’s managed prefix list ' +
      '(com.amazonaws.<region>.s3). The gateway case is the classic ECR lock-down trap: egress limited to the interface ' +
      'endpoints’ security group blocks image layer downloads from S3, and tasks fail with CannotPullContainerError.',
    messages: {
      gateway:
        '{{Groups}} of {{services}} {{does}} not allow outbound TCP 443 to the {{awsService}} prefix list ' +
        '(com.amazonaws.<region>.{{awsService}}) that gateway endpoint {{endpoint}} routes to{{note}}, so {{impact}}. A gateway ' +
        'endpoint has no security group to reference: add an egress rule for TCP 443 with DestinationPrefixListId set to the ' +
        'region’s {{awsService}} prefix list ID (pl-…).',
      interface:
        '{{Groups}} of {{services}} {{does}} not allow outbound TCP 443 to interface endpoint {{endpoint}} ({{awsService}}): ' +
        'connections to it are dropped at the task, so {{impact}}. Add an egress rule for TCP 443 to {{destination}}.',
      internet:
        '{{Groups}} of {{services}} {{does}} not allow outbound TCP 443 to the internet (0.0.0.0/0), the only path from the ' +
        'service’s subnets to {{awsService}}, so {{impact}}. Allow TCP 443 to 0.0.0.0/0, or add VPC endpoints for these ' +
        'services and allow TCP 443 to them.',
      anywhere:
        '{{Groups}} of {{services}} {{does}} not allow outbound TCP 443 to any destination (egress only to loopback ' +
        'addresses, or on other ports): whatever subnets the tasks run in, {{awsService}} cannot be reached through a NAT or ' +
        'internet gateway, an interface endpoint or a gateway endpoint’s prefix list, so {{impact}}. Allow TCP 443 to the ' +
        'path the subnets take: the VPC endpoints’ security groups (and the S3 prefix list for a gateway endpoint), or ' +
        '0.0.0.0/0 behind a NAT or internet gateway.',
    },
    fixable: true,
  },
  check(ctx, report) {
    const { index } = ctx;
    const located: Located[] = uncoveredProblems(ctx, 'task-sg-egress').map((hit) => {
      const groups = taskGroups(index, hit.posture);
      const endpoint = endpointById(index, hit.problem.endpointId);
      const path = hit.problem.everyPath === true
        ? 'anywhere'
        : hit.problem.endpointId === undefined ? 'internet' : isGateway(endpoint, hit.need.service) ? 'gateway' : 'interface';
      return {
        ...hit,
        endpoint,
        target: groups[0] ?? serviceEntity(index, hit.posture),
        groups: groups.map((g) => g.logicalId),
        path,
      };
    });
    // The fix is one egress rule on the task's group toward one endpoint, or toward the internet
    // for every AWS service that goes that way: one finding per group and destination (and one for
    // the AWS services no destination is open to).
    const key = (h: Located): string => `${h.target?.id ?? h.posture.serviceId}\n${h.problem.endpointId ?? h.path}`;
    for (const group of groupBy(located, key).values()) {
      const first = group[0];
      if (first === undefined || first.target === undefined) continue;
      const sgs = unique(group.flatMap((h) => h.groups));
      const groupsWords = sgs.length > 0 ? `security ${plural(sgs.length, 'group')} ${listWords(sgs)}` : 'the security groups';
      const awsService =
        first.endpoint !== undefined && first.endpoint.service.known
          ? first.endpoint.service.value
          : listWords(unique(group.map((h) => h.need.service)));
      const pullsImages = awsService === 's3' && group.some((h) => /layer|ecr/i.test(h.need.reason));
      report({
        messageId: first.path,
        data: {
          Groups: groupsWords.charAt(0).toUpperCase() + groupsWords.slice(1),
          does: sgs.length > 1 || sgs.length === 0 ? 'do' : 'does',
          services: servicesPhrase(group.map((h) => h.posture.key)),
          awsService,
          endpoint: endpointLabel(index, first.endpoint, group),
          note: pullsImages ? ' (ECR serves image layers from S3, so image pulls fail)' : '',
          destination: interfaceDestination(index, first),
          impact: impact(group),
        },
        entity: first.target,
        services: serviceKeysOf(group),
        fix: () => groupFix(ctx, first, group),
      });
    }
  },
};
