import { rule } from '../../../../src/shared/rules/iam/FW105-shared-task-role.ts';
import { infra } from '../../../support/model.ts';
import { iamRuleCases, role, service, taskDef } from '../../../support/iam.ts';

iamRuleCases(rule, {
  valid: [
    {
      name: '1. one service, one task role',
      infra: infra({ roles: [role('TaskRole')], taskDefinitions: [taskDef('TaskDef', { taskRole: 'TaskRole' })], services: [service('Api')] }),
      expect: [],
    },
    {
      name: '2. two services, each with its own task role',
      infra: infra({
        roles: [role('ApiRole'), role('WorkerRole', { line: 40 })],
        taskDefinitions: [taskDef('ApiTask', { taskRole: 'ApiRole' }), taskDef('WorkerTask', { taskRole: 'WorkerRole', line: 70 })],
        services: [service('Api', { taskDefinition: 'ApiTask' }), service('Worker', { taskDefinition: 'WorkerTask', line: 120 })],
      }),
      expect: [],
    },
    {
      name: '3. one execution role for several services is normal (the agent needs the same everywhere)',
      infra: infra({
        roles: [role('ExecRole')],
        taskDefinitions: [taskDef('ApiTask', { executionRole: 'ExecRole' }), taskDef('WorkerTask', { executionRole: 'ExecRole', line: 70 })],
        services: [service('Api', { taskDefinition: 'ApiTask' }), service('Worker', { taskDefinition: 'WorkerTask', line: 120 })],
      }),
      expect: [],
    },
    {
      name: '4. two task definitions share a role but only one has a service',
      infra: infra({
        roles: [role('TaskRole')],
        taskDefinitions: [taskDef('ApiTask', { taskRole: 'TaskRole' }), taskDef('MigrateTask', { taskRole: 'TaskRole', line: 70 })],
        services: [service('Api', { taskDefinition: 'ApiTask' })],
      }),
      expect: [],
    },
    {
      name: '5. one service name twice (one service seen through two declarations, keys qualified as a scan does) counts once',
      infra: infra({
        roles: [role('TaskRole')],
        taskDefinitions: [taskDef('TaskDef', { taskRole: 'TaskRole' })],
        services: [
          service('Api', { key: 'api (cluster default cluster), template.yaml#Api', stableKey: 'api' }),
          service('ApiAlias', { key: 'api (cluster default cluster), template.yaml#ApiAlias', stableKey: 'api', line: 130 }),
        ],
      }),
      expect: [],
    },
    {
      name: '6. task role given as an external ARN: not a role in these files',
      infra: infra({
        taskDefinitions: [taskDef('TaskDef', { taskRole: { kind: 'external', value: 'arn:aws:iam::123456789012:role/shared', source: { file: 'template.yaml', line: 52, path: 'x', explicit: true } } })],
        services: [service('Api'), service('Worker', { line: 120 })],
      }),
      expect: [],
    },
  ],
  invalid: [
    {
      name: '1. two services run the same task definition',
      infra: infra({ roles: [role('TaskRole')], taskDefinitions: [taskDef('TaskDef', { taskRole: 'TaskRole' })], services: [service('Api', { key: 'api' }), service('Worker', { key: 'worker', line: 120 })] }),
      expect: [{ resource: 'TaskRole', line: 20, service: null, message: ['TaskRole', '2 services', 'api, worker'] }],
    },
    {
      name: '2. three services through two task definitions',
      infra: infra({
        roles: [role('TaskRole', { line: 22 })],
        taskDefinitions: [taskDef('ApiTask', { taskRole: 'TaskRole' }), taskDef('JobsTask', { taskRole: 'TaskRole', line: 70 })],
        services: [service('Api', { key: 'api', taskDefinition: 'ApiTask' }), service('Jobs', { key: 'jobs', taskDefinition: 'JobsTask', line: 120 }), service('Cron', { key: 'cron', taskDefinition: 'JobsTask', line: 140 })],
      }),
      expect: [{ resource: 'TaskRole', line: 22, service: null, message: ['3 services', 'api, jobs, cron'] }],
    },
    {
      name: '3. each shared role is reported once; the unshared one is not',
      infra: infra({
        roles: [role('SharedA', { line: 20 }), role('Own', { line: 30 }), role('SharedB', { line: 40 })],
        taskDefinitions: [taskDef('TdA', { taskRole: 'SharedA' }), taskDef('TdOwn', { taskRole: 'Own', line: 60 }), taskDef('TdB', { taskRole: 'SharedB', line: 70 })],
        services: [
          service('A1', { taskDefinition: 'TdA' }), service('A2', { taskDefinition: 'TdA', line: 110 }), service('O1', { taskDefinition: 'TdOwn', line: 120 }),
          service('B1', { taskDefinition: 'TdB', line: 130 }), service('B2', { taskDefinition: 'TdB', line: 140 }),
        ],
      }),
      expect: [{ resource: 'SharedA', line: 20, message: ['A1, A2'] }, { resource: 'SharedB', line: 40, message: ['B1, B2'] }],
    },
  ],
});
