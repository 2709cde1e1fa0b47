import { rule } from '../../../../src/shared/rules/iam/FW103-star-resource.ts';
import type { Infra } from '../../../../src/shared/model/index.ts';
import { infra } from '../../../support/model.ts';
import { grant, grants, iamRuleCases, managedArn, pattern, perms, role, service, taskDef } from '../../../support/iam.ts';

function scene(extra: Partial<Infra> = {}): Infra {
  return infra({
    roles: [role('TaskRole')],
    taskDefinitions: [taskDef('TaskDef', { taskRole: 'TaskRole' })],
    services: [service('Api', { key: 'api' })],
    ...extra,
  });
}

const BUCKET = 'arn:aws:s3:::app-bucket/*';

iamRuleCases(rule, {
  valid: [
    {
      name: '1. resource-level actions scoped to ARNs',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [...grants(['s3:GetObject', 's3:PutObject'], { resource: BUCKET }), grant('dynamodb:GetItem', { resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/app' })] })],
      expect: [],
    },
    {
      name: '2. actions that only accept "*" (no resource types) on "*"',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: grants(['sts:GetCallerIdentity', 's3:ListAllMyBuckets', 'ssmmessages:CreateControlChannel', 'cloudwatch:PutMetricData', 'xray:PutTraceSegments']) })],
      expect: [],
    },
    {
      name: '3. "*" under a condition that may scope resources (aws:ResourceTag) is not judged',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: grants(['s3:GetObject', 's3:PutObject'], { condition: { StringEquals: { 'aws:ResourceTag/app': 'api' } } }) })],
      expect: [],
    },
    {
      name: '4. grants of an Action "*" statement are FW101\'s finding',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: grants(['s3:DeleteObject', 'dynamodb:DeleteItem'], { pattern: '*' }) })],
      expect: [],
    },
    {
      name: '4b. grants of an admin NotAction statement (pattern `NOT …`) are FW101\'s finding',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: grants(['s3:DeleteObject'], { pattern: 'NOT iam:*, sts:*', line: 30 }), patterns: [pattern('iam:*', { negated: true, line: 31 }), pattern('sts:*', { negated: true, line: 32 })] })],
      expect: [],
    },
    {
      name: '5. iam:PassRole on "*" is FW102\'s finding (one grant, one finding)',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('iam:PassRole')] })],
      expect: [],
    },
    {
      name: '6. a role that is only an execution role',
      infra: scene({ taskDefinitions: [taskDef('TaskDef', { executionRole: 'TaskRole' })] }),
      permissions: [perms('TaskRole', { grants: [grant('s3:PutObject')] })],
      expect: [],
    },
    {
      name: '7. access level unknown to the catalog: not guessed',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('newsvc:DoThing', { accessLevel: 'Unknown', resourceLevel: true })] })],
      expect: [],
    },
    {
      name: '8. permissions unknown',
      infra: scene(),
      expect: [],
    },
  ],
  invalid: [
    {
      name: '1. write and read on "*": high, pointing at the write statement',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('s3:GetObject', { line: 30 }), grant('s3:PutObject', { line: 34 })] })],
      expect: [{ resource: 'TaskRole', line: 34, severity: 'high', service: 'api', message: ['TaskRole', '2 action(s)', 's3:PutObject (Write), s3:GetObject (Read)'] }],
    },
    {
      name: '2. read and list only: medium',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: grants(['dynamodb:GetItem', 'dynamodb:Query', 's3:ListBucket'], { line: 31 }) })],
      expect: [{ resource: 'TaskRole', line: 31, severity: 'medium', message: ['dynamodb:GetItem (Read)', 'dynamodb:Query (Read)', 's3:ListBucket (List)'] }],
    },
    {
      name: '3. tagging only: medium',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('sqs:TagQueue', { line: 32 })] })],
      expect: [{ resource: 'TaskRole', line: 32, severity: 'medium', message: ['sqs:TagQueue (Tagging)'] }],
    },
    {
      name: '4. permissions management leads the list and the severity is high',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('s3:GetObject', { line: 30 }), grant('s3:PutObjectAcl', { line: 33 })] })],
      expect: [{ resource: 'TaskRole', line: 33, severity: 'high', message: ['s3:PutObjectAcl (Permissions management), s3:GetObject (Read)'] }],
    },
    {
      name: '5. a long list is capped in the message, the count is complete',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: grants(Array.from({ length: 14 }, (_, i) => `dynamodb:Action${String(i).padStart(2, '0')}`), { accessLevel: 'Read', line: 35 }) })],
      expect: [{ resource: 'TaskRole', line: 35, severity: 'medium', message: ['14 action(s)', 'dynamodb:Action09 (Read) and 4 more'], notMessage: ['Action10'] }],
    },
    {
      name: '6. escalation grants are left to FW102, the rest is reported',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('iam:PassRole', { line: 30 }), grant('s3:DeleteObject', { line: 36 })] })],
      expect: [{ resource: 'TaskRole', line: 36, severity: 'high', message: ['1 action(s)', 's3:DeleteObject'], notMessage: ['iam:PassRole'] }],
    },
    {
      name: '7. a service-wide AWS managed policy (AmazonS3FullAccess) on "*"',
      infra: scene(),
      permissions: [
        perms('TaskRole', {
          managed: [{ name: 'AmazonS3FullAccess', line: 24 }],
          grants: grants(['s3:GetObject', 's3:DeleteObject'], { pattern: 's3:*', via: managedArn('AmazonS3FullAccess'), line: 24 }),
          patterns: [pattern('s3:*', { via: managedArn('AmazonS3FullAccess'), managed: true, line: 24 })],
        }),
      ],
      expect: [{ resource: 'TaskRole', line: 24, severity: 'high', message: ['s3:DeleteObject (Write)'] }],
    },
    {
      name: '8. the same action from two statements is listed once',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('sqs:SendMessage', { line: 37 }), grant('sqs:SendMessage', { line: 39, via: 'template.yaml#QueuePolicy' })] })],
      expect: [{ resource: 'TaskRole', line: 37, message: ['1 action(s)', 'sqs:SendMessage (Write)'] }],
    },
    {
      name: '9. a conditional grant is skipped but an unconditional one on "*" is still reported',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('s3:PutObject', { condition: { StringLike: { 's3:prefix': 'x/*' } }, line: 30 }), grant('s3:GetObject', { line: 38 })] })],
      expect: [{ resource: 'TaskRole', line: 38, severity: 'medium', message: ['s3:GetObject (Read)'], notMessage: ['PutObject'] }],
    },
  ],
});
