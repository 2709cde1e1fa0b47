import { rule } from '../../../../src/shared/rules/iam/FW109-trust-policy.ts';
import type { Infra, Role } from '../../../../src/shared/model/index.ts';
import { infra, unknown } from '../../../support/model.ts';
import { ECS_TASKS, SOURCE_ACCOUNT, iamRuleCases, role, service, taskDef, trustStatement } from '../../../support/iam.ts';

/** TaskRole (line 20; trust statements from line 23) is the task role of TaskDef, run by `api`. */
function scene(r: Role, extra: Partial<Infra> = {}): Infra {
  return infra({ roles: [r], taskDefinitions: [taskDef('TaskDef', { taskRole: 'TaskRole' })], services: [service('Api', { key: 'api' })], ...extra });
}

const trusting = (...statements: Parameters<typeof trustStatement>[0][]) => role('TaskRole', { trust: statements.map((s) => trustStatement({ line: 23, ...s })) });

iamRuleCases(rule, {
  valid: [
    { name: '1. ecs-tasks.amazonaws.com with aws:SourceAccount', infra: scene(role('TaskRole')), expect: [] },
    {
      name: '2. ecs-tasks.amazonaws.com with aws:SourceArn',
      infra: scene(trusting({ condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:ecs:eu-west-1:123456789012:*' } } })),
      expect: [],
    },
    { name: '3. trust policy not known (absent from the model)', infra: scene(role('TaskRole', { trust: null })), expect: [] },
    { name: '4. trust policy unresolved as a whole', infra: scene(role('TaskRole', { trust: [trustStatement({ principals: ['AWS:*'] })], trustUnknown: 'Fn::If on unknown condition' })), expect: [] },
    {
      name: '5. a role no task definition uses (e.g. a Lambda role) is not judged',
      infra: scene(trusting({ principals: ['Service:lambda.amazonaws.com'] }), { taskDefinitions: [taskDef('TaskDef')] }),
      expect: [],
    },
    {
      name: '6. a Deny statement naming another principal restricts, it does not admit',
      infra: scene(trusting({ condition: SOURCE_ACCOUNT }, { effect: 'Deny', principals: ['AWS:*'] })),
      expect: [],
    },
    {
      name: '7. an unresolved principal is not reported as "other"',
      infra: scene(trusting({ principals: [ECS_TASKS, unknown('parameter TrustedPrincipal')], condition: SOURCE_ACCOUNT })),
      expect: [],
    },
    {
      name: '8. China partition service principal with a source condition',
      infra: scene(trusting({ principals: ['Service:ecs-tasks.amazonaws.com.cn'], condition: SOURCE_ACCOUNT })),
      expect: [],
    },
  ],
  invalid: [
    {
      name: '1. ecs-tasks without aws:SourceAccount/aws:SourceArn (CDK\'s default trust policy)',
      infra: scene(trusting({})),
      expect: [{ resource: 'TaskRole', line: 23, severity: 'low', service: 'api', message: ['Task role TaskRole', 'service api', 'aws:SourceAccount', 'confused-deputy'] }],
    },
    {
      name: '2. another service principal in the same statement',
      infra: scene(trusting({ principals: [ECS_TASKS, 'Service:ec2.amazonaws.com'], condition: SOURCE_ACCOUNT })),
      expect: [{ resource: 'TaskRole', line: 23, message: ['can also be assumed by Service:ec2.amazonaws.com'] }],
    },
    {
      name: '3. an account root in a second statement: the line of that statement',
      infra: scene(role('TaskRole', { trust: [trustStatement({ condition: SOURCE_ACCOUNT, line: 23 }), trustStatement({ principals: ['AWS:arn:aws:iam::999999999999:root'], line: 27 })] })),
      expect: [{ resource: 'TaskRole', line: 27, message: ['AWS:arn:aws:iam::999999999999:root'] }],
    },
    {
      name: '4. both problems: two findings',
      infra: scene(trusting({ principals: [ECS_TASKS, 'AWS:*'] })),
      expect: [
        { resource: 'TaskRole', line: 23, message: ['AWS:*'] },
        { resource: 'TaskRole', line: 23, message: ['without an aws:SourceAccount'] },
      ],
    },
    {
      name: '5. NotPrincipal admits everyone else',
      infra: scene(role('TaskRole', { trust: [trustStatement({ condition: SOURCE_ACCOUNT, line: 23 }), trustStatement({ notPrincipals: ['AWS:arn:aws:iam::123456789012:user/ops'], line: 29 })] })),
      expect: [{ resource: 'TaskRole', line: 29, message: ['everyone except AWS:arn:aws:iam::123456789012:user/ops (NotPrincipal)'] }],
    },
    {
      name: '6. an execution role is judged too, and says so',
      infra: infra({
        roles: [role('ExecRole', { trust: [trustStatement({ line: 23 })] })],
        taskDefinitions: [taskDef('TaskDef', { executionRole: 'ExecRole' })],
        services: [service('Api', { key: 'api' })],
      }),
      expect: [{ resource: 'ExecRole', line: 23, message: ['Execution role ExecRole'] }],
    },
    {
      name: '7. one role as task and execution role: judged once',
      infra: infra({
        roles: [role('TaskRole', { trust: [trustStatement({ line: 23 })] })],
        taskDefinitions: [taskDef('TaskDef', { taskRole: 'TaskRole', executionRole: 'TaskRole' })],
        services: [service('Api', { key: 'api' })],
      }),
      expect: [{ resource: 'TaskRole', line: 23, message: ['Task and execution role TaskRole'] }],
    },
    {
      name: '8. a condition on other keys (aws:SourceIp) is not confused-deputy protection',
      infra: scene(trusting({ condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })),
      expect: [{ resource: 'TaskRole', line: 23, message: ['without an aws:SourceAccount'] }],
    },
  ],
});
