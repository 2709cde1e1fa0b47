import type { EffectivePermissions, Infra, ServicePosture } from '../model/index.ts';
import { assessNeed } from './coverage.ts';
import type { InfraIndex } from './infra-index.ts';
import { refId } from './infra-index.ts';
import { serviceNeeds } from './needs.ts';
import { analyzeIngress, egressPath, groupOwners, serviceNetwork } from './reachability.ts';

/**
 * One posture per ECS service (Fargate or not: `fargate` stays on the service entity for rules to
 * filter on). Networks are computed for all services first, because naming an ingress peer
 * ("another service") needs every service's security groups.
 */
export function analyzeServices(infra: Infra, index: InfraIndex, permissions: Map<string, EffectivePermissions>): ServicePosture[] {
  const networks = infra.services.map((service) => serviceNetwork(service, index));
  const owners = groupOwners(index, networks);
  return networks.map((net) => {
    const { service, taskDefinition } = net;
    const { ingress, internetIngress } = analyzeIngress(net, index, owners);
    const coverage = { net, index };
    const needs = serviceNeeds(service, taskDefinition, index, permissions).map((spec) => assessNeed(spec, coverage));
    const posture: ServicePosture = {
      serviceId: service.id,
      key: service.key,
      publicIp: net.publicIp,
      subnets: net.subnets.map((s) => s.id),
      securityGroupIds: net.securityGroupIds,
      egress: egressPath(net, index),
      internetIngress,
      ingress,
      needs,
    };
    const taskRole = taskDefinition?.taskRole;
    const executionRole = taskDefinition?.executionRole;
    if (taskRole !== undefined && taskRole.kind !== 'unknown') posture.taskRoleId = refId(taskRole);
    const choices = taskDefinition?.taskRoleChoices?.filter((c) => c.role.kind !== 'unknown');
    if (choices !== undefined && choices.length > 0) posture.taskRoleChoices = choices.map((c) => ({ roleId: refId(c.role), when: c.when }));
    if (executionRole !== undefined && executionRole.kind !== 'unknown') posture.executionRoleId = refId(executionRole);
    if (net.availabilityZones !== undefined) posture.availabilityZones = net.availabilityZones;
    if (net.vpcId !== undefined) posture.vpcId = net.vpcId;
    return posture;
  });
}
