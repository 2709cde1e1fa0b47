import type { Role, Service } from '../../model/index.ts';
import type { Rule } from '../types.ts';
import { taskRoles } from '../../analysis/infra-index.ts';
import { formatList, lineIn, roleAllows, serviceKeys, uniqueServices } from './shared.ts';
import { execPermissionsFix } from '../../fixes/builders/iam.ts';

/** What the SSM agent inside the task calls to open the ECS Exec session channels. */
export const EXEC_ACTIONS = [
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
] as const;

export const rule: Rule = {
  meta: {
    id: 'FW108',
    severity: 'medium',
    area: 'iam',
    title: 'ECS Exec enabled but the task role lacks the ssmmessages permissions',
    description:
      'Finds services with enableExecuteCommand: true whose task definition has no task role, or whose task role clearly ' +
      'lacks ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel or OpenDataChannel. ECS Exec runs ' +
      'through the SSM agent inside the task, which uses the task role (not the execution role), so `aws ecs ' +
      'execute-command` fails when an incident needs it. Roles whose permissions are not fully known are not judged.',
    messages: {
      missing:
        'ECS Exec is enabled on {{services}}, but task role {{role}} does not allow {{actions}}: the SSM agent in the task ' +
        'opens the session channels with the task role, so `aws ecs execute-command` will fail. Allow the four ' +
        'ssmmessages:CreateControlChannel/CreateDataChannel/OpenControlChannel/OpenDataChannel actions (Resource "*") in ' +
        'the task role, or turn enableExecuteCommand off.',
      noTaskRole:
        'ECS Exec is enabled on service {{service}}, but its task definition {{taskDefinition}} has no task role: the SSM ' +
        'agent in the task has no credentials to open the session channels, so `aws ecs execute-command` will fail. Add a ' +
        'task role allowing the four ssmmessages channel actions, or turn enableExecuteCommand off.',
    },
    fixable: true,
  },
  check(ctx, report) {
    const byRole = new Map<string, { role: Role; services: Service[]; missing: string[] }>();
    for (const service of ctx.posture.infra.services) {
      const exec = service.enableExecuteCommand;
      if (!exec.known || exec.value !== true) continue;
      const td = ctx.index.taskDefinition(service.taskDefinition);
      if (td === undefined) continue;
      if (td.taskRole === undefined) {
        report({
          messageId: 'noTaskRole',
          data: { service: service.key, taskDefinition: td.logicalId },
          entity: service,
          line: lineIn(service, exec.source),
          service: service.key,
          fix: () => execPermissionsFix(ctx, { taskDefinition: td }),
        });
        continue;
      }
      // Each role an undecided Fn::If may give the tasks: ECS Exec fails in the deployments of a role without these.
      for (const choice of taskRoles(td)) {
        const role = ctx.index.role(choice.role);
        const perms = role === undefined ? undefined : ctx.posture.permissions.get(role.id);
        if (role === undefined || perms === undefined) continue;
        const missing = EXEC_ACTIONS.filter((a) => roleAllows(perms, a) === 'no');
        if (missing.length === 0) continue;
        const entry = byRole.get(role.id);
        if (entry === undefined) byRole.set(role.id, { role, services: [service], missing });
        else entry.services.push(service);
      }
    }
    for (const { role, services, missing } of byRole.values()) {
      const unique = uniqueServices(services);
      report({
        messageId: 'missing',
        data: {
          role: role.logicalId,
          services: `${unique.length === 1 ? 'service' : 'services'} ${formatList(unique.map((s) => s.key), 10)}`,
          actions: formatList(missing, 4),
        },
        entity: role,
        services: serviceKeys(unique),
        fix: () => execPermissionsFix(ctx, { role, taskDefinitions: unique.flatMap((svc) => ctx.index.taskDefinition(svc.taskDefinition) ?? []) }),
      });
    }
  },
};
