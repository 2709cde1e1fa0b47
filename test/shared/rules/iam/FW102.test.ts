import { rule } from '../../../../src/shared/rules/iam/FW102-privilege-escalation.ts';
import type { Infra } from '../../../../src/shared/model/index.ts';
import { entity, infra } from '../../../support/model.ts';
import { grant, grants, iamRuleCases, managedArn, pattern, perms, role, service, taskDef } from '../../../support/iam.ts';

function scene(extra: Partial<Infra> = {}): Infra {
  return infra({
    roles: [role('TaskRole')],
    taskDefinitions: [taskDef('TaskDef', { taskRole: 'TaskRole' })],
    services: [service('Api', { key: 'api' })],
    ...extra,
  });
}

const ACCOUNT_ROLES = 'arn:aws:iam::123456789012:role/*';
const ONE_ROLE = 'arn:aws:iam::123456789012:role/report-runner';

iamRuleCases(rule, {
  valid: [
    {
      name: '1. iam:PassRole on one named role with ecs:RunTask (bounded by that role)',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('iam:PassRole', { resource: ONE_ROLE }), ...grants(['ecs:RegisterTaskDefinition', 'ecs:RunTask'])] })],
      expect: [],
    },
    {
      name: '2. sts:AssumeRole on one named role',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('sts:AssumeRole', { resource: ONE_ROLE })] })],
      expect: [],
    },
    {
      name: '3. read-only IAM actions',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('iam:GetRole', { resource: ACCOUNT_ROLES }), grant('iam:ListRoles')] })],
      expect: [],
    },
    {
      name: '4. iam:PutRolePolicy under a condition we cannot evaluate (a tag condition may well stop it)',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('iam:PutRolePolicy', { condition: { StringEquals: { 'aws:ResourceTag/team': 'payments' } } })] })],
      expect: [],
    },
    {
      name: '5. an Action "*" statement is FW101\'s finding, not repeated here',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: grants(['iam:PutRolePolicy', 'iam:PassRole', 'sts:AssumeRole'], { pattern: '*' }) })],
      expect: [],
    },
    {
      name: '6. grants from AdministratorAccess are FW101\'s finding',
      infra: scene(),
      permissions: [
        perms('TaskRole', {
          managed: [{ name: 'AdministratorAccess' }],
          grants: grants(['iam:CreatePolicyVersion', 'iam:PassRole'], { pattern: '*', via: managedArn('AdministratorAccess') }),
          patterns: [pattern('*', { via: managedArn('AdministratorAccess'), managed: true })],
        }),
      ],
      expect: [],
    },
    {
      name: '6b. grants of an inline Allow NotAction on "*" (pattern `NOT …`) are FW101\'s finding',
      infra: scene(),
      permissions: [
        perms('TaskRole', {
          grants: grants(['iam:PassRole', 'lambda:UpdateFunctionCode'], { pattern: 'NOT s3:DeleteBucket', line: 30 }),
          patterns: [pattern('s3:DeleteBucket', { negated: true, line: 31 })],
        }),
      ],
      expect: [],
    },
    {
      name: '7. a role that is only an execution role is not judged here',
      infra: scene({ taskDefinitions: [taskDef('TaskDef', { executionRole: 'TaskRole' })] }),
      permissions: [perms('TaskRole', { grants: [grant('iam:PassRole')] })],
      expect: [],
    },
    {
      name: '8. permissions unknown: nothing reported',
      infra: scene(),
      expect: [],
    },
    {
      name: '9. ec2:RunInstances without any PassRole is just compute',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('ec2:RunInstances')] })],
      expect: [],
    },
    {
      name: '9c. IAM actions on a DynamoDB table (NotAction on a table expands to them) allow nothing on IAM',
      infra: scene({ resources: [{ ...entity('OrdersTable'), type: 'AWS::DynamoDB::Table' }] }),
      permissions: [
        perms('TaskRole', {
          grants: [
            grant('iam:AttachRolePolicy', { resource: 'arn:${AWS::Partition}:dynamodb:eu-west-1:123456789012:table/orders' }),
            grant('iam:PassRole', { resource: '${OrdersTable.Arn}' }),
            grant('iam:CreatePolicyVersion', { resource: '${OrdersTable.Arn}' }),
          ],
        }),
      ],
      expect: [],
    },
  ],
  invalid: [
    {
      name: '1. iam:PassRole on "*"',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('iam:PassRole', { line: 33 })] })],
      expect: [{ resource: 'TaskRole', line: 33, service: 'api', message: ['TaskRole', 'service api', 'iam:PassRole on every role', 'PassAnyRole'] }],
    },
    {
      name: '2. iam:PassRole on every role of the account with ec2:RunInstances (Rhino: CreateEC2WithExistingIP)',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('iam:PassRole', { resource: ACCOUNT_ROLES, line: 33 }), grant('ec2:RunInstances', { line: 34 })] })],
      expect: [{ resource: 'TaskRole', line: 33, message: ['iam:PassRole on every role', 'ec2:RunInstances', 'CreateEC2WithExistingIP'] }],
    },
    {
      name: '3. iam:PutRolePolicy, even on one role ARN, rewrites that role\'s permissions',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('iam:PutRolePolicy', { resource: ONE_ROLE, line: 36 })] })],
      expect: [{ resource: 'TaskRole', line: 36, message: ['iam:PutRolePolicy', 'PutRolePolicy'] }],
    },
    {
      name: '4. sts:AssumeRole on "*"',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('sts:AssumeRole', { line: 37 })] })],
      expect: [{ resource: 'TaskRole', line: 37, message: ['sts:AssumeRole on every role', 'AssumeAnyRole'] }],
    },
    {
      name: '5. iam:PassedToService does not limit which role is passed: PassRole + Lambda create/invoke',
      infra: scene(),
      permissions: [
        perms('TaskRole', {
          grants: [
            grant('iam:PassRole', { condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } }, line: 38 }),
            ...grants(['lambda:CreateFunction', 'lambda:InvokeFunction'], { line: 39 }),
          ],
        }),
      ],
      expect: [{ resource: 'TaskRole', line: 38, message: ['lambda:CreateFunction', 'lambda:InvokeFunction', 'PassExistingRoleToNewLambdaThenInvoke'] }],
    },
    {
      name: '6. lambda:UpdateFunctionCode on one function runs code under that function\'s role',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('lambda:UpdateFunctionCode', { resource: 'arn:aws:lambda:eu-west-1:123456789012:function:billing', line: 40 })] })],
      expect: [{ resource: 'TaskRole', line: 40, message: ['lambda:UpdateFunctionCode', 'EditExistingLambdaFunctionWithRole'] }],
    },
    {
      name: '7. several paths: the worst action (permissions management) gives the line',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('iam:PassRole', { line: 30 }), grant('iam:CreatePolicyVersion', { line: 34 })] })],
      expect: [{ resource: 'TaskRole', line: 34, message: ['iam:CreatePolicyVersion, iam:PassRole on every role', 'CreateNewPolicyVersion'] }],
    },
    {
      name: '8. an inline "iam:*" (not admin, so FW101 is silent) is reported here',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: grants(['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PassRole', 'iam:GetRole'], { pattern: 'iam:*', line: 41 }) })],
      expect: [{ resource: 'TaskRole', line: 41, message: ['iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:PassRole on every role'], notMessage: ['iam:GetRole'] }],
    },
    {
      name: '9. two services share the role: no single service, both named',
      infra: scene({ services: [service('Api', { key: 'api' }), service('Jobs', { key: 'jobs', line: 130 })] }),
      permissions: [perms('TaskRole', { grants: [grant('iam:CreateAccessKey', { resource: 'arn:aws:iam::123456789012:user/*', line: 42 })] })],
      expect: [{ resource: 'TaskRole', line: 42, service: null, message: ['services api, jobs', 'iam:CreateAccessKey'] }],
    },
    {
      name: '9b. iam:PassRole with NotResource excluding one role still reaches every other role',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('iam:PassRole', { resource: 'NOT arn:aws:iam::123456789012:role/admin', line: 45 })] })],
      expect: [{ resource: 'TaskRole', line: 45, message: ['iam:PassRole on every role'] }],
    },
    {
      name: '10. PassRole + RegisterTaskDefinition + RunTask on every role: a new ECS task with any role',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('iam:PassRole', { resource: ACCOUNT_ROLES, line: 43 }), ...grants(['ecs:RegisterTaskDefinition', 'ecs:RunTask'], { line: 44 })] })],
      expect: [{ resource: 'TaskRole', line: 43, message: ['PassExistingRoleToNewEcsTask', 'ecs:RunTask'] }],
    },
  ],
});
