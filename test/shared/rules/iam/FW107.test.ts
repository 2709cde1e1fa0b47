import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from '../../../../src/shared/rules/iam/FW107-execution-role-cannot-start.ts';
import type { Container, Infra } from '../../../../src/shared/model/index.ts';
import { external, infra, unknown } from '../../../support/model.ts';
import {
  container, executionPolicyGrants, grant, iamRuleCases, pattern, perms, resourceEntry, role, runRule, secret, secretRef, secretResource, service, taskDef,
} from '../../../support/iam.ts';

const DB_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf';
const OTHER_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/payments-XyZ123';

/** ExecRole (line 20) is the execution role of TaskDef (line 50), run by service `api`. */
function scene(containers: Container[], extra: Partial<Infra> = {}): Infra {
  return infra({
    roles: [role('ExecRole')],
    taskDefinitions: [taskDef('TaskDef', { executionRole: 'ExecRole', containers })],
    services: [service('Api', { key: 'api' })],
    ...extra,
  });
}

const dbSecret = [container('app', { secrets: [secret('DB_PASSWORD', DB_SECRET)] })];
const baseline = (...more: ReturnType<typeof grant>[]) => [perms('ExecRole', { grants: [...executionPolicyGrants(), ...more] })];
const read = (resource: string, o: Parameters<typeof grant>[1] = {}) => grant('secretsmanager:GetSecretValue', { resource, ...o });

const pullOnly = [container('app', { registry: 'ecr-private' })];
const pullAndLog = [container('app', { registry: 'ecr-private', logDriver: 'awslogs' })];
const logs = (action: string) => grant(action, { resource: 'arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/api:*' });

iamRuleCases(rule, {
  valid: [
    { name: '1. grant on the exact secret ARN', infra: scene(dbSecret), permissions: baseline(read(DB_SECRET)), expect: [] },
    {
      name: '2. grant with the documented `-??????` suffix wildcard',
      infra: scene(dbSecret),
      permissions: baseline(read('arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-??????')),
      expect: [],
    },
    { name: '3. grant on "*"', infra: scene(dbSecret), permissions: baseline(read('*')), expect: [] },
    {
      name: '4. CDK: valueFrom `${DbSecret}:password::` and a grant on `${DbSecret}`',
      infra: scene([container('app', { secrets: [secret('DB_PASSWORD', '${DbSecret}:password::')] })], { resources: [resourceEntry('DbSecret', 'AWS::SecretsManager::Secret')] }),
      permissions: baseline(read('${DbSecret}')),
      expect: [],
    },
    {
      name: '5. SSM parameter by name, grant built with pseudo parameters',
      infra: scene([container('app', { secrets: [secret('API_KEY', '/prod/api/key', 'ssm')] })]),
      permissions: baseline(grant('ssm:GetParameters', { resource: 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/prod/api/*' })),
      expect: [],
    },
    {
      name: '6. SSM parameter by name, grant with a literal region and account: may match, so unknown',
      infra: scene([container('app', { secrets: [secret('API_KEY', '/prod/api/key', 'ssm')] })]),
      permissions: baseline(grant('ssm:GetParameters', { resource: 'arn:aws:ssm:eu-west-1:123456789012:parameter/prod/api/key' })),
      expect: [],
    },
    {
      name: '7. part of the execution role is unresolved: a missing grant may be there',
      infra: scene(dbSecret),
      permissions: [perms('ExecRole', { grants: executionPolicyGrants(), unknown: ['policy document from parameter PolicyJson'] })],
      expect: [],
    },
    {
      name: '8. an attached managed policy the snapshot does not know may grant it',
      infra: scene(dbSecret),
      permissions: [perms('ExecRole', { grants: executionPolicyGrants(), managed: [{ name: 'SomeNewPolicy', known: false }] })],
      expect: [],
    },
    {
      name: '9. execution role given as an external ARN: its permissions are unknown',
      infra: infra({ taskDefinitions: [taskDef('TaskDef', { executionRole: external('arn:aws:iam::123456789012:role/ecsTaskExecutionRole'), containers: dbSecret })], services: [service('Api')] }),
      expect: [],
    },
    {
      name: '10. the secret reference is unresolved (Fn::ImportValue)',
      infra: scene([container('app', { secrets: [secret('DB_PASSWORD', unknown('Fn::ImportValue DbSecretArn'))] })]),
      permissions: baseline(),
      expect: [],
    },
    {
      name: '11. no execution role, and nothing needs one (public image, no logs, no secrets)',
      infra: infra({ taskDefinitions: [taskDef('TaskDef')], services: [service('Api')] }),
      expect: [],
    },
    {
      name: '12. a Secrets Manager resource policy in the template may grant the read itself',
      infra: scene(dbSecret, { resources: [resourceEntry('DbSecretPolicy', 'AWS::SecretsManager::ResourcePolicy')] }),
      permissions: baseline(),
      expect: [],
    },
    {
      name: '13. a covering grant under a condition: may or may not apply, not reported',
      infra: scene(dbSecret),
      permissions: baseline(read(DB_SECRET, { condition: { StringEquals: { 'aws:SourceVpce': 'vpce-123' } } })),
      expect: [],
    },
    {
      name: '14. EC2-only task definition without execution role: the instance role pulls images and ships logs',
      infra: infra({
        taskDefinitions: [taskDef('TaskDef', { compat: ['EC2'], containers: [container('app', { registry: 'ecr-private', logDriver: 'awslogs' })] })],
        services: [service('Api', { fargate: false })],
      }),
      expect: [],
    },
    {
      name: '14b. a customer managed policy outside the files may grant the read',
      infra: scene(dbSecret),
      permissions: [perms('ExecRole', { grants: executionPolicyGrants(), unknown: ['customer managed policy arn:aws:iam::123456789012:policy/secrets (template.yaml:24) is not defined in the scanned files; its permissions are unknown'] })],
      expect: [],
    },
    {
      name: '14c. a NotResource grant that excludes other secrets covers this one',
      infra: scene(dbSecret),
      permissions: baseline(read(`NOT ${OTHER_SECRET}`)),
      expect: [],
    },
    {
      name: '14d. a template secret with a literal Name, and a grant on that name\'s ARN pattern',
      infra: scene([container('app', { secrets: [secretRef('DB_PASSWORD', 'DbSecret')] })], { secrets: [secretResource('DbSecret', 'prod/db')] }),
      permissions: baseline(read('arn:aws:secretsmanager:*:*:secret:prod/db-*')),
      expect: [],
    },
    {
      name: '14e. a template secret without a Name (generated): a grant on some name pattern may match',
      infra: scene([container('app', { secrets: [secretRef('DB_PASSWORD', 'DbSecret')] })], { secrets: [secretResource('DbSecret')] }),
      permissions: baseline(read('arn:aws:secretsmanager:*:*:secret:other-*')),
      expect: [],
    },
    {
      name: '15. an Allow pattern the analysis did not expand covers the action: unknown, not missing',
      infra: scene(dbSecret),
      permissions: [perms('ExecRole', { grants: executionPolicyGrants(), patterns: [pattern('secretsmanager:Get*', { resources: [DB_SECRET] })] })],
      expect: [],
    },
    {
      name: '16. private ECR image and awslogs on Fargate, and the role holds the agent\'s calls (log streams on one group)',
      infra: scene(pullAndLog),
      permissions: [perms('ExecRole', { grants: [grant('ecr:GetAuthorizationToken'), logs('logs:CreateLogStream'), logs('logs:PutLogEvents')] })],
      expect: [],
    },
    {
      name: '17. the token grant is conditional: it may apply, not reported',
      infra: scene(pullOnly),
      permissions: [perms('ExecRole', { grants: [grant('ecr:GetAuthorizationToken', { condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } })] })],
      expect: [],
    },
    {
      name: '18. an Allow pattern the analysis did not expand may hold the token call',
      infra: scene(pullOnly),
      permissions: [perms('ExecRole', { grants: [], patterns: [pattern('ecr:Get*')] })],
      expect: [],
    },
    {
      name: '19. part of the role is unresolved: the calls may be allowed there',
      infra: scene(pullAndLog),
      permissions: [perms('ExecRole', { grants: [], unknown: ['policy document from parameter PolicyJson'] })],
      expect: [],
    },
    {
      name: '20. only EC2 services run a task definition that also lists FARGATE: the instance role pulls and ships logs',
      infra: infra({
        roles: [role('ExecRole')],
        taskDefinitions: [taskDef('TaskDef', { compat: ['EC2', 'FARGATE'], executionRole: 'ExecRole', containers: pullAndLog })],
        services: [service('Api', { fargate: false })],
      }),
      permissions: [perms('ExecRole', { grants: [] })],
      expect: [],
    },
    {
      name: '21. no execution role, a task definition listing EC2 and FARGATE, run only on EC2, with awslogs',
      infra: infra({
        taskDefinitions: [taskDef('TaskDef', { compat: ['EC2', 'FARGATE'], containers: [container('app', { logDriver: 'awslogs' })] })],
        services: [service('Api', { fargate: false })],
      }),
      expect: [],
    },
    {
      name: '22. image from a public registry and no awslogs: the agent needs nothing of the role',
      infra: scene([container('app', { logDriver: 'awsfirelens' })]),
      permissions: [perms('ExecRole', { grants: [] })],
      expect: [],
    },
    {
      name: '23. a service of unknown launch type runs a task definition that also lists EC2: it may run on EC2, not named',
      infra: infra({
        roles: [role('ExecRole')],
        taskDefinitions: [taskDef('TaskDef', { compat: ['EC2', 'FARGATE'], executionRole: 'ExecRole', containers: pullOnly })],
        services: [service('Api', { fargate: 'unknown' })],
      }),
      permissions: [perms('ExecRole', { grants: [] })],
      expect: [],
    },
    {
      name: '24. a Deny of the log calls on one log group leaves the Allow pattern for others: may be the configured one',
      infra: scene(pullAndLog),
      permissions: [
        perms('ExecRole', {
          grants: executionPolicyGrants().filter((g) => !g.action.startsWith('logs:')),
          patterns: [pattern('ecr:*'), pattern('logs:*'), pattern('logs:*', { effect: 'Deny', resources: ['arn:aws:logs:eu-west-1:123456789012:log-group:/other:*'] })],
        }),
      ],
      expect: [],
    },
    {
      name: '25. the ECR token granted on a resource made of a parameter alone: it may be "*"',
      infra: scene(pullOnly),
      permissions: [perms('ExecRole', { grants: [grant('ecr:GetAuthorizationToken', { resource: '${TokenResource}' })] })],
      expect: [],
    },
  ],
  invalid: [
    {
      name: '1. only AmazonECSTaskExecutionRolePolicy, but a Secrets Manager secret is referenced',
      infra: scene(dbSecret),
      permissions: baseline(),
      expect: [{ resource: 'ExecRole', line: 20, service: 'api', message: ['ExecRole', `DB_PASSWORD (secretsmanager:GetSecretValue on ${DB_SECRET})`, 'TaskDef', 'ResourceInitializationError'] }],
    },
    {
      name: '2. the grant names another secret',
      infra: scene(dbSecret),
      permissions: baseline(read(OTHER_SECRET)),
      expect: [{ resource: 'ExecRole', line: 20, message: ['DB_PASSWORD'] }],
    },
    {
      name: '3. SSM: ssm:GetParameter (singular) is not what the agent calls',
      infra: scene([container('app', { secrets: [secret('API_KEY', 'arn:aws:ssm:eu-west-1:123456789012:parameter/prod/api/key', 'ssm')] })]),
      permissions: baseline(grant('ssm:GetParameter', { resource: 'arn:aws:ssm:eu-west-1:123456789012:parameter/prod/api/key' })),
      expect: [{ resource: 'ExecRole', line: 20, message: ['API_KEY (ssm:GetParameters on', 'Allow ssm:GetParameters'] }],
    },
    {
      name: '4. partial ARN in valueFrom and a grant on that partial ARN: IAM sees the full ARN with its suffix',
      infra: scene([container('app', { secrets: [secret('DB_PASSWORD', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db')] })]),
      permissions: baseline(read('arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db')),
      expect: [{ resource: 'ExecRole', line: 20, message: ['DB_PASSWORD'] }],
    },
    {
      name: '5. grant on one template secret, reference to another',
      infra: scene([container('app', { secrets: [secret('DB_PASSWORD', '${DbSecret}')] })], {
        resources: [resourceEntry('DbSecret', 'AWS::SecretsManager::Secret'), resourceEntry('OtherSecret', 'AWS::SecretsManager::Secret', 210)],
      }),
      permissions: baseline(read('${OtherSecret}')),
      expect: [{ resource: 'ExecRole', line: 20, message: ['DB_PASSWORD (secretsmanager:GetSecretValue on ${DbSecret})'] }],
    },
    {
      name: '6. no execution role on Fargate with a private ECR image, awslogs and a secret',
      infra: infra({
        taskDefinitions: [taskDef('TaskDef', { containers: [container('app', { registry: 'ecr-private', logDriver: 'awslogs', secrets: [secret('DB_PASSWORD', DB_SECRET)] })] })],
        services: [service('Api', { key: 'api' })],
      }),
      expect: [{ resource: 'TaskDef', line: 50, service: 'api', message: ['no execution role', 'secrets (DB_PASSWORD)', 'private ECR images (app)', 'awslogs log driver (app)'] }],
    },
    {
      name: '7. no execution role on EC2 with a secret (secrets need one on any launch type)',
      infra: infra({
        taskDefinitions: [taskDef('TaskDef', { compat: ['EC2'], containers: [container('app', { registry: 'ecr-private', secrets: [secret('TOKEN', '/prod/token', 'ssm')] })] })],
        services: [service('Api', { fargate: false })],
      }),
      expect: [{ resource: 'TaskDef', line: 50, message: ['secrets (TOKEN)'], notMessage: ['ECR'] }],
    },
    {
      name: '8. private registry credentials the role cannot read',
      infra: scene([container('app', { registry: 'other', repositoryCredentials: secret('creds', OTHER_SECRET) })]),
      permissions: baseline(read(DB_SECRET)),
      expect: [{ resource: 'ExecRole', line: 20, message: ['repository credentials of app'] }],
    },
    {
      name: '9. an explicit Deny takes the read away',
      infra: scene(dbSecret),
      permissions: [perms('ExecRole', { grants: executionPolicyGrants(), patterns: [pattern('secretsmanager:GetSecretValue', { resources: [DB_SECRET] }), pattern('secretsmanager:*', { effect: 'Deny' })] })],
      expect: [{ resource: 'ExecRole', line: 20, message: ['DB_PASSWORD'] }],
    },
    {
      name: '9b. notes that can only remove permissions (a conditional Deny, a permissions boundary) do not hide a missing grant',
      infra: scene(dbSecret),
      permissions: [
        perms('ExecRole', {
          grants: executionPolicyGrants(),
          unknown: [
            'Deny in template.yaml#Guard (template.yaml:40) applies only under its Condition; 3 grants it may remove are kept (e.g. ecr:BatchGetImage on *)',
            'the permissions boundary (template.yaml:22) is not applied: effective permissions may be narrower than listed',
          ],
        }),
      ],
      expect: [{ resource: 'ExecRole', line: 20, message: ['DB_PASSWORD'] }],
    },
    {
      name: '9c. a NotResource grant that excludes the secret does not cover it',
      infra: scene(dbSecret),
      permissions: baseline(read('NOT arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-*')),
      expect: [{ resource: 'ExecRole', line: 20, message: ['DB_PASSWORD'] }],
    },
    {
      name: '9d. a template secret with a literal Name, and a grant on another name',
      infra: scene([container('app', { secrets: [secretRef('DB_PASSWORD', 'DbSecret')] })], { secrets: [secretResource('DbSecret', 'prod/db')] }),
      permissions: baseline(read('arn:aws:secretsmanager:*:*:secret:other-*')),
      expect: [{ resource: 'ExecRole', line: 20, message: ['DB_PASSWORD (secretsmanager:GetSecretValue on ${DbSecret})'] }],
    },
    {
      name: '9e. a template SSM parameter with a literal Name, read with ssm:GetParameters on another path',
      infra: scene([container('app', { secrets: [secretRef('API_KEY', 'ApiKeyParam', 'ssm')] })], { secrets: [secretResource('ApiKeyParam', '/prod/api/key', 'ssm')] }),
      permissions: baseline(grant('ssm:GetParameters', { resource: 'arn:aws:ssm:*:*:parameter/staging/*' })),
      expect: [{ resource: 'ExecRole', line: 20, message: ['API_KEY (ssm:GetParameters on ${ApiKeyParam})'] }],
    },
    {
      name: '10. one finding per task definition; only the unreadable secret is named',
      infra: infra({
        roles: [role('ExecRole')],
        taskDefinitions: [
          taskDef('ApiTask', { executionRole: 'ExecRole', containers: [container('app', { secrets: [secret('DB_PASSWORD', DB_SECRET), secret('PAY_KEY', OTHER_SECRET)] })] }),
          taskDef('IdleTask', { executionRole: 'ExecRole', line: 70 }),
        ],
        services: [service('Api', { key: 'api', taskDefinition: 'ApiTask' })],
      }),
      permissions: baseline(read(DB_SECRET)),
      expect: [{ resource: 'ExecRole', line: 20, service: 'api', message: ['PAY_KEY', 'ApiTask'], notMessage: ['DB_PASSWORD'] }],
    },
    {
      name: '11. the execution role lost AmazonECSTaskExecutionRolePolicy: Fargate cannot pull the private image or create the log stream',
      infra: scene(pullAndLog),
      permissions: [perms('ExecRole', { grants: [read(DB_SECRET)] })],
      expect: [
        {
          resource: 'ExecRole',
          line: 20,
          service: 'api',
          message: ['ExecRole is not allowed ecr:GetAuthorizationToken, logs:CreateLogStream, logs:PutLogEvents', 'pull the private ECR images of app and send the logs of app with awslogs', 'TaskDef', 'AmazonECSTaskExecutionRolePolicy'],
        },
      ],
    },
    {
      name: '12. logs are allowed, the ECR token is not',
      infra: scene(pullAndLog),
      permissions: [perms('ExecRole', { grants: [logs('logs:CreateLogStream'), logs('logs:PutLogEvents')] })],
      expect: [{ resource: 'ExecRole', line: 20, message: ['not allowed ecr:GetAuthorizationToken, which', 'pull the private ECR images of app when'], notMessage: ['logs:'] }],
    },
    {
      name: '13. a missing secret read and missing agent calls are two findings',
      infra: scene([container('app', { registry: 'ecr-private', secrets: [secret('DB_PASSWORD', DB_SECRET)] })]),
      permissions: [perms('ExecRole', { grants: [] })],
      expect: [
        { resource: 'ExecRole', line: 20, message: ['ecr:GetAuthorizationToken'], notMessage: ['DB_PASSWORD'] },
        { resource: 'ExecRole', line: 20, message: ['DB_PASSWORD'], notMessage: ['ecr:'] },
      ],
    },
    {
      name: '14. a task definition listing EC2 and FARGATE run by an EC2 and a Fargate service: only the Fargate one is named',
      infra: infra({
        roles: [role('ExecRole')],
        taskDefinitions: [taskDef('TaskDef', { compat: ['EC2', 'FARGATE'], executionRole: 'ExecRole', containers: pullOnly })],
        services: [service('OnEc2', { key: 'on-ec2', fargate: false }), service('OnFargate', { key: 'on-fargate', line: 120 })],
      }),
      permissions: [perms('ExecRole', { grants: [] })],
      expect: [{ resource: 'ExecRole', line: 20, service: 'on-fargate', message: ['service on-fargate'], notMessage: ['on-ec2'] }],
    },
    {
      name: '15. no execution role, awslogs only, run by an EC2 and a Fargate service: only the Fargate one is named',
      infra: infra({
        taskDefinitions: [taskDef('TaskDef', { compat: ['EC2', 'FARGATE'], containers: [container('app', { logDriver: 'awslogs' })] })],
        services: [service('OnEc2', { key: 'on-ec2', fargate: false }), service('OnFargate', { key: 'on-fargate', line: 120 })],
      }),
      expect: [{ resource: 'TaskDef', line: 50, service: 'on-fargate', message: ['awslogs log driver (app)', 'service on-fargate'], notMessage: ['on-ec2'] }],
    },
    {
      name: '16. no service runs a Fargate task definition whose role lacks the calls: the task definition is named',
      infra: infra({ roles: [role('ExecRole')], taskDefinitions: [taskDef('TaskDef', { executionRole: 'ExecRole', containers: pullOnly })] }),
      permissions: [perms('ExecRole', { grants: [] })],
      expect: [{ resource: 'ExecRole', line: 20, message: ['task definition TaskDef (no service in these files runs it)'] }],
    },
    {
      name: '17. an explicit Deny of logs:* on "*" takes the log calls away, though the Allow pattern that granted them is still there',
      infra: scene(pullAndLog),
      permissions: [
        perms('ExecRole', {
          grants: executionPolicyGrants().filter((g) => !g.action.startsWith('logs:')),
          patterns: [pattern('ecr:*'), pattern('logs:*'), pattern('logs:*', { effect: 'Deny' })],
        }),
      ],
      expect: [{ resource: 'ExecRole', line: 20, message: ['not allowed logs:CreateLogStream, logs:PutLogEvents, which'], notMessage: ['ecr:'] }],
    },
    {
      name: '18. ecr:GetAuthorizationToken granted on a repository ARN: the action has no resource-level permissions, so only "*" allows it',
      infra: scene(pullOnly),
      permissions: [perms('ExecRole', { grants: [grant('ecr:GetAuthorizationToken', { resource: 'arn:aws:ecr:eu-west-1:123456789012:repository/api' })] })],
      expect: [{ resource: 'ExecRole', line: 20, message: ['not allowed ecr:GetAuthorizationToken'] }],
    },
    {
      name: '18b. ecr:GetAuthorizationToken granted on a repository ARN written with pseudo parameters: still not "*"',
      infra: scene(pullOnly),
      permissions: [perms('ExecRole', { grants: [grant('ecr:GetAuthorizationToken', { resource: 'arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/api' })] })],
      expect: [{ resource: 'ExecRole', line: 20, message: ['not allowed ecr:GetAuthorizationToken'] }],
    },
    {
      name: '18c. an unconditional Deny of the call on "*" wins even when part of the role is unresolved',
      infra: scene(pullOnly),
      permissions: [perms('ExecRole', { grants: [], patterns: [pattern('ecr:*'), pattern('ecr:GetAuthorizationToken', { effect: 'Deny' })], unknown: ['policy document from parameter PolicyJson'] })],
      expect: [{ resource: 'ExecRole', line: 20, message: ['not allowed ecr:GetAuthorizationToken'] }],
    },
    {
      name: '18d. AmazonECSTaskExecutionRolePolicy is attached but a Deny takes the token away: no advice to attach it again, and no fix',
      infra: scene(pullOnly),
      permissions: [
        perms('ExecRole', {
          grants: executionPolicyGrants().filter((g) => g.action !== 'ecr:GetAuthorizationToken'),
          managed: [{ name: 'AmazonECSTaskExecutionRolePolicy', known: true }],
          patterns: [pattern('ecr:GetAuthorizationToken', { effect: 'Deny' })],
        }),
      ],
      expect: [{ resource: 'ExecRole', line: 20, message: ['AmazonECSTaskExecutionRolePolicy is attached, so a Deny or the permissions boundary takes them away'], notMessage: ['Attach'] }],
    },
    {
      name: '19. a service of unknown launch type running a Fargate-only task definition runs on Fargate',
      infra: infra({
        roles: [role('ExecRole')],
        taskDefinitions: [taskDef('TaskDef', { executionRole: 'ExecRole', containers: pullOnly })],
        services: [service('Api', { key: 'api', fargate: 'unknown' })],
      }),
      permissions: [perms('ExecRole', { grants: [] })],
      expect: [{ resource: 'ExecRole', line: 20, service: 'api', message: ['ecr:GetAuthorizationToken'] }],
    },
  ],
});

test('FW107 findings on something several services use name every service whose tasks cannot start', () => {
  const model = infra({
    roles: [role('ExecRole')],
    taskDefinitions: [taskDef('TaskDef', { executionRole: 'ExecRole', containers: [container('app', { registry: 'ecr-private', secrets: [secret('DB_PASSWORD', DB_SECRET)] })] })],
    services: [service('Api', { key: 'api' }), service('Worker', { key: 'worker', line: 120 })],
  });
  const findings = runRule(rule, model, [perms('ExecRole', { grants: [] })]);
  assert.equal(findings.length, 2);
  for (const f of findings) {
    assert.equal(f.resource, 'ExecRole');
    assert.equal(f.service, undefined);
    assert.deepEqual(f.services, ['api', 'worker']);
  }
});

test('a start-up call only Fargate needs blocks the Fargate services, not the EC2 one running the same task definition', () => {
  const model = infra({
    roles: [role('ExecRole')],
    taskDefinitions: [taskDef('TaskDef', { compat: ['EC2', 'FARGATE'], executionRole: 'ExecRole', containers: pullOnly })],
    services: [service('OnEc2', { key: 'on-ec2', fargate: false }), service('Api', { key: 'api', line: 120 }), service('Worker', { key: 'worker', line: 140 })],
  });
  const [finding, ...rest] = runRule(rule, model, [perms('ExecRole', { grants: [] })]);
  assert.deepEqual(rest, []);
  assert.equal(finding?.service, undefined);
  assert.deepEqual(finding?.services, ['api', 'worker']);
});
