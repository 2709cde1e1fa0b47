import { rule, EXEC_ACTIONS } from '../../../../src/shared/rules/iam/FW108-exec-without-ssmmessages.ts';
import type { Infra, Service } from '../../../../src/shared/model/index.ts';
import { external, infra, unknown } from '../../../support/model.ts';
import { grant, grants, iamRuleCases, pattern, perms, role, service, taskDef } from '../../../support/iam.ts';

/** TaskRole (line 20) is the task role of TaskDef; ExecRole (line 40) its execution role. */
function scene(services: Service[] = [service('Api', { key: 'api', exec: true })], extra: Partial<Infra> = {}): Infra {
  return infra({
    roles: [role('TaskRole'), role('ExecRole', { line: 40 })],
    taskDefinitions: [taskDef('TaskDef', { taskRole: 'TaskRole', executionRole: 'ExecRole' })],
    services,
    ...extra,
  });
}

const execGrants = () => grants([...EXEC_ACTIONS]);

iamRuleCases(rule, {
  valid: [
    { name: '1. ECS Exec on, the task role has the four ssmmessages actions', infra: scene(), permissions: [perms('TaskRole', { grants: execGrants() })], expect: [] },
    { name: '2. ECS Exec off (default): nothing needed', infra: scene([service('Api')]), permissions: [perms('TaskRole')], expect: [] },
    { name: '3. ECS Exec from a parameter without default (unknown)', infra: scene([service('Api', { exec: unknown() })]), permissions: [perms('TaskRole')], expect: [] },
    {
      name: '4. ssmmessages:* expanded by the analysis',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: grants([...EXEC_ACTIONS], { pattern: 'ssmmessages:*' }) })],
      expect: [],
    },
    {
      name: '5. part of the task role unresolved: the actions may be there',
      infra: scene(),
      permissions: [perms('TaskRole', { unknown: ['ManagedPolicyArns from parameter ExtraPolicies'] })],
      expect: [],
    },
    {
      name: '6. task definition not in these files',
      infra: scene([service('Api', { exec: true, taskDefinition: 'ImportedTaskDef' })]),
      permissions: [perms('TaskRole')],
      expect: [],
    },
    {
      name: '7. task role given as an external ARN',
      infra: infra({ taskDefinitions: [taskDef('TaskDef', { taskRole: external('arn:aws:iam::123456789012:role/app') })], services: [service('Api', { exec: true })] }),
      expect: [],
    },
    {
      name: '8. grants under a condition: they may apply, not reported',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: grants([...EXEC_ACTIONS], { condition: { StringEquals: { 'aws:ResourceTag/exec': 'on' } } }) })],
      expect: [],
    },
    {
      name: '9. the role exists but the analysis produced nothing for it',
      infra: scene(),
      expect: [],
    },
  ],
  invalid: [
    {
      name: '1. ECS Exec on, task role has none of the actions',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('s3:GetObject', { resource: 'arn:aws:s3:::b/*' })] })],
      expect: [{ resource: 'TaskRole', line: 20, service: 'api', message: ['service api', 'TaskRole', 'ssmmessages:CreateControlChannel, ssmmessages:CreateDataChannel, ssmmessages:OpenControlChannel, ssmmessages:OpenDataChannel'] }],
    },
    {
      name: '2. only one of the four: the three missing are named',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('ssmmessages:CreateControlChannel')] })],
      expect: [{ resource: 'TaskRole', line: 20, message: ['does not allow ssmmessages:CreateDataChannel, ssmmessages:OpenControlChannel, ssmmessages:OpenDataChannel'] }],
    },
    {
      name: '3. no task role at all: on the service, at enableExecuteCommand',
      infra: infra({ taskDefinitions: [taskDef('TaskDef')], services: [service('Api', { key: 'api', exec: true })] }),
      expect: [{ resource: 'Api', line: 105, service: 'api', message: ['no task role', 'TaskDef'] }],
    },
    {
      name: '4. two services with ECS Exec on one role: one finding naming both',
      infra: scene([service('Api', { key: 'api', exec: true }), service('Worker', { key: 'worker', exec: true, line: 120 })]),
      permissions: [perms('TaskRole')],
      expect: [{ resource: 'TaskRole', line: 20, service: null, message: ['services api, worker'] }],
    },
    {
      name: '5. the actions on the execution role do not help: the SSM agent uses the task role',
      infra: scene(),
      permissions: [perms('TaskRole'), perms('ExecRole', { grants: execGrants() })],
      expect: [{ resource: 'TaskRole', line: 20 }],
    },
    {
      name: '6. an explicit Deny of ssmmessages:* removes them',
      infra: scene(),
      permissions: [perms('TaskRole', { patterns: [pattern('ssmmessages:*'), pattern('ssmmessages:*', { effect: 'Deny' })] })],
      expect: [{ resource: 'TaskRole', line: 20, message: ['ssmmessages:OpenDataChannel'] }],
    },
  ],
});
