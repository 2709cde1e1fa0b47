import { rule } from '../../../../src/shared/rules/iam/FW106-execution-role-app-permissions.ts';
import type { Infra, TaskDefinition } from '../../../../src/shared/model/index.ts';
import { infra, unknown } from '../../../support/model.ts';
import {
  container, executionPolicyGrants, grant, grants, iamRuleCases, perms, resourceEntry, role, secret, secretRef, secretResource, service, taskDef,
} from '../../../support/iam.ts';

const DB_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf';
const OTHER_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/payments-XyZ123';

/** ExecRole (line 20) is the execution role of TaskDef; TaskRole (line 40) its task role. */
function scene(td: Partial<TaskDefinition> = {}, extra: Partial<Infra> = {}): Infra {
  return infra({
    roles: [role('ExecRole'), role('TaskRole', { line: 40 })],
    taskDefinitions: [{ ...taskDef('TaskDef', { executionRole: 'ExecRole', taskRole: 'TaskRole' }), ...td }],
    services: [service('Api', { key: 'api' })],
    ...extra,
  });
}

const withDbSecret = { containers: [container('app', { secrets: [secret('DB_PASSWORD', DB_SECRET)] })] };

iamRuleCases(rule, {
  valid: [
    {
      name: '1. AmazonECSTaskExecutionRolePolicy alone',
      infra: scene(),
      permissions: [perms('ExecRole', { grants: executionPolicyGrants(), managed: [{ name: 'AmazonECSTaskExecutionRolePolicy' }] })],
      expect: [],
    },
    {
      name: '2. baseline + CreateLogGroup + reading the referenced secret (suffix wildcard) + kms:Decrypt',
      infra: scene(withDbSecret),
      permissions: [
        perms('ExecRole', {
          grants: [
            ...executionPolicyGrants(),
            grant('logs:CreateLogGroup'),
            grant('secretsmanager:GetSecretValue', { resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-??????' }),
            grant('kms:Decrypt', { resource: 'arn:aws:kms:eu-west-1:123456789012:key/1234' }),
          ],
        }),
      ],
      expect: [],
    },
    {
      name: '3. ssm:GetParameters on the referenced parameter path',
      infra: scene({ containers: [container('app', { secrets: [secret('API_KEY', '/prod/api/key', 'ssm')] })] }),
      permissions: [perms('ExecRole', { grants: [...executionPolicyGrants(), grant('ssm:GetParameters', { resource: 'arn:aws:ssm:eu-west-1:123456789012:parameter/prod/api/*' })] })],
      expect: [],
    },
    {
      name: '4. CDK style: valueFrom `${DbSecret}:password::`, grant on `${DbSecret}`',
      infra: scene({ containers: [container('app', { secrets: [secret('DB_PASSWORD', '${DbSecret}:password::')] })] }, { resources: [resourceEntry('DbSecret', 'AWS::SecretsManager::Secret')] }),
      permissions: [perms('ExecRole', { grants: [...executionPolicyGrants(), ...grants(['secretsmanager:GetSecretValue'], { resource: '${DbSecret}' })] })],
      expect: [],
    },
    {
      name: '5. a secret reference that could not be resolved: any secret read may be for it',
      infra: scene({ containers: [container('app', { secrets: [secret('DB_PASSWORD', unknown('Fn::ImportValue DbSecretArn'))] })] }),
      permissions: [perms('ExecRole', { grants: [...executionPolicyGrants(), grant('secretsmanager:GetSecretValue', { resource: OTHER_SECRET })] })],
      expect: [],
    },
    {
      name: '6. environment files justify s3:GetObject and s3:GetBucketLocation',
      infra: scene({ containers: [container('app', { environmentFiles: ['arn:aws:s3:::config-bucket/app.env'] })] }),
      permissions: [perms('ExecRole', { grants: [...executionPolicyGrants(), ...grants(['s3:GetObject', 's3:GetBucketLocation'], { resource: 'arn:aws:s3:::config-bucket/*' })] })],
      expect: [],
    },
    {
      name: '7. application permissions on the task role are not this rule\'s business',
      infra: scene(),
      permissions: [perms('ExecRole', { grants: executionPolicyGrants() }), perms('TaskRole', { grants: [grant('dynamodb:PutItem')] })],
      expect: [],
    },
    {
      name: '8. execution role permissions unknown: nothing reported',
      infra: scene(),
      expect: [],
    },
    {
      name: '9. repository credentials justify reading that secret',
      infra: scene({ containers: [container('app', { registry: 'other', repositoryCredentials: secret('creds', OTHER_SECRET) })] }),
      permissions: [perms('ExecRole', { grants: [...executionPolicyGrants(), grant('secretsmanager:GetSecretValue', { resource: OTHER_SECRET })] })],
      expect: [],
    },
  ],
  invalid: [
    {
      name: '1. application permissions on the execution role (they never reach the container)',
      infra: scene(),
      permissions: [perms('ExecRole', { grants: [...executionPolicyGrants(), grant('s3:PutObject', { resource: 'arn:aws:s3:::app/*', line: 33 }), grant('dynamodb:PutItem', { line: 34 })] })],
      expect: [{ resource: 'ExecRole', line: 34, service: 'api', message: ['ExecRole', 'service api', '2 action(s)', 'dynamodb:PutItem, s3:PutObject', 'task role'] }],
    },
    {
      name: '2. pitfall 2: secretsmanager:GetSecretValue but no secret is referenced (the app meant to read it)',
      infra: scene(),
      permissions: [perms('ExecRole', { grants: [...executionPolicyGrants(), grant('secretsmanager:GetSecretValue', { resource: DB_SECRET, line: 35 })] })],
      expect: [{ resource: 'ExecRole', line: 35, message: [`secretsmanager:GetSecretValue on ${DB_SECRET}`] }],
    },
    {
      name: '3. reading a secret other than the referenced ones',
      infra: scene(withDbSecret),
      permissions: [perms('ExecRole', { grants: [...executionPolicyGrants(), grant('secretsmanager:GetSecretValue', { resource: `${DB_SECRET.slice(0, -7)}-*` }), grant('secretsmanager:GetSecretValue', { resource: OTHER_SECRET, line: 36 })] })],
      expect: [{ resource: 'ExecRole', line: 36, message: [`on ${OTHER_SECRET}`, '1 action(s)'] }],
    },
    {
      name: '3b. reading by name pattern a secret other than the referenced template secret (whose Name is known)',
      infra: scene({ containers: [container('app', { secrets: [secretRef('DB_PASSWORD', 'DbSecret')] })] }, { secrets: [secretResource('DbSecret', 'prod/db')] }),
      permissions: [perms('ExecRole', { grants: [...executionPolicyGrants(), grant('secretsmanager:GetSecretValue', { resource: 'arn:aws:secretsmanager:*:*:secret:payments/*', line: 36 })] })],
      expect: [{ resource: 'ExecRole', line: 36, message: ['on arn:aws:secretsmanager:*:*:secret:payments/*'] }],
    },
    {
      name: '4. the execution role is also the task role: the other message',
      infra: scene({ taskRole: { kind: 'resource', id: 'template.yaml#ExecRole', source: { file: 'template.yaml', line: 52, path: 'x', explicit: true } } }),
      permissions: [perms('ExecRole', { grants: [...executionPolicyGrants(), grant('sqs:SendMessage', { line: 37 })] })],
      expect: [{ resource: 'ExecRole', line: 37, message: ['sqs:SendMessage', 'also a task role'] }],
    },
    {
      name: '5. ssm:GetParameters when only Secrets Manager secrets are referenced; kms:Decrypt is justified by the secret',
      infra: scene(withDbSecret),
      permissions: [perms('ExecRole', { grants: [...executionPolicyGrants(), grant('secretsmanager:GetSecretValue', { resource: DB_SECRET }), grant('kms:Decrypt'), grant('ssm:GetParameters', { line: 38 })] })],
      expect: [{ resource: 'ExecRole', line: 38, message: ['ssm:GetParameters'], notMessage: ['kms:Decrypt', 'secretsmanager'] }],
    },
    {
      name: '6. kms:Decrypt with no secret referenced',
      infra: scene(),
      permissions: [perms('ExecRole', { grants: [...executionPolicyGrants(), grant('kms:Decrypt', { line: 39 })] })],
      expect: [{ resource: 'ExecRole', line: 39, message: ['kms:Decrypt'] }],
    },
    {
      name: '7. a broad execution role: the list is capped, the count is complete',
      infra: scene({}, { services: [] }),
      permissions: [perms('ExecRole', { grants: grants(['ec2:RunInstances', 'ecr:PutImage', 'lambda:CreateFunction', 'lambda:InvokeFunction', 's3:DeleteObject', 's3:PutObject', 'sqs:SendMessage', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'iam:PutRolePolicy'], { line: 31 }) })],
      expect: [{ resource: 'ExecRole', line: 31, service: null, message: ['10 action(s)', 'iam:PutRolePolicy, dynamodb:DeleteItem', 'and 2 more', 'task definition TaskDef'] }],
    },
    {
      name: '8. an execution role shared by two task definitions: needs are the union, extras still reported',
      infra: infra({
        roles: [role('ExecRole')],
        taskDefinitions: [taskDef('ApiTask', { executionRole: 'ExecRole', ...withDbSecret }), taskDef('WorkerTask', { executionRole: 'ExecRole', line: 70 })],
        services: [service('Api', { key: 'api', taskDefinition: 'ApiTask' }), service('Worker', { key: 'worker', taskDefinition: 'WorkerTask', line: 120 })],
      }),
      permissions: [perms('ExecRole', { grants: [...executionPolicyGrants(), grant('secretsmanager:GetSecretValue', { resource: DB_SECRET }), grant('cloudwatch:PutMetricData', { line: 32 })] })],
      expect: [{ resource: 'ExecRole', line: 32, service: null, message: ['services api, worker', 'cloudwatch:PutMetricData'], notMessage: ['GetSecretValue'] }],
    },
  ],
});
