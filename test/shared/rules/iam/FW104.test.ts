import { rule } from '../../../../src/shared/rules/iam/FW104-wildcard-actions.ts';
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

const BUCKET = ['arn:aws:s3:::app-bucket', 'arn:aws:s3:::app-bucket/*'];

iamRuleCases(rule, {
  valid: [
    {
      name: '1. actions listed one by one',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: grants(['s3:GetObject', 's3:PutObject'], { resource: BUCKET[1] }) })],
      expect: [],
    },
    {
      name: '2. Action "*" on Resource "*" is FW101\'s finding, not repeated',
      infra: scene(),
      permissions: [perms('TaskRole', { patterns: [pattern('*')] })],
      expect: [],
    },
    {
      name: '2b. so is Action "*" on Resource "*" limited to a region, which the task\'s calls meet',
      infra: scene(),
      permissions: [perms('TaskRole', { patterns: [pattern('*', { condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })] })],
      expect: [],
    },
    {
      name: '3. read/list-only partial wildcards (ec2:Describe*, CDK grantRead\'s s3:GetObject*)',
      infra: scene(),
      permissions: [
        perms('TaskRole', {
          grants: [grant('ec2:DescribeInstances', { pattern: 'ec2:Describe*' }), ...grants(['s3:GetObject', 's3:GetObjectVersion'], { pattern: 's3:GetObject*', resource: BUCKET[1] })],
        }),
      ],
      expect: [],
    },
    {
      name: '4. a wildcard in a Deny statement narrows, it does not grant',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('s3:GetObject', { resource: BUCKET[1] })], patterns: [pattern('s3:GetObject', { resources: [BUCKET[1]] }), pattern('s3:Delete*', { effect: 'Deny' })] })],
      expect: [],
    },
    {
      name: '5. a partial wildcard that expands to nothing known (unknown service): not guessed',
      infra: scene(),
      permissions: [perms('TaskRole', { patterns: [pattern('newsvc:Put*')] })],
      expect: [],
    },
    {
      name: '6. AdministratorAccess is FW101\'s finding',
      infra: scene(),
      permissions: [perms('TaskRole', { managed: [{ name: 'AdministratorAccess' }], patterns: [pattern('*', { via: managedArn('AdministratorAccess'), managed: true })] })],
      expect: [],
    },
    {
      name: '7. a role that is only an execution role',
      infra: scene({ taskDefinitions: [taskDef('TaskDef', { executionRole: 'TaskRole' })] }),
      permissions: [perms('TaskRole', { patterns: [pattern('s3:*')] })],
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
      name: '1. s3:* on one bucket',
      infra: scene(),
      permissions: [perms('TaskRole', { patterns: [pattern('s3:*', { resources: BUCKET, line: 32 })] })],
      expect: [{ resource: 'TaskRole', line: 32, service: 'api', message: ['TaskRole', 'service api', 's3:*'] }],
    },
    {
      name: '2. Action "*" on a scoped resource (not admin, still every action)',
      infra: scene(),
      permissions: [perms('TaskRole', { patterns: [pattern('*', { resources: BUCKET, line: 33 })] })],
      expect: [{ resource: 'TaskRole', line: 33, message: ['wildcard: *.'] }],
    },
    {
      name: '3. s3:Delete* reaches write actions',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: grants(['s3:DeleteObject'], { pattern: 's3:Delete*', resource: BUCKET[1], line: 34 }) })],
      expect: [{ resource: 'TaskRole', line: 34, message: ['s3:Delete*'] }],
    },
    {
      name: '4. Allow NotAction on a specific resource allows everything else there',
      infra: scene(),
      permissions: [perms('TaskRole', { patterns: [pattern('s3:DeleteBucket', { negated: true, resources: [BUCKET[0]], line: 35 })] })],
      expect: [{ resource: 'TaskRole', line: 35, message: ['NotAction s3:DeleteBucket'] }],
    },
    {
      name: '5. an AWS managed service-wide policy is named with its pattern',
      infra: scene(),
      permissions: [perms('TaskRole', { managed: [{ name: 'AmazonS3FullAccess' }], patterns: [pattern('s3:*', { via: managedArn('AmazonS3FullAccess'), managed: true, line: 24 })] })],
      expect: [{ resource: 'TaskRole', line: 24, message: ['s3:* (AmazonS3FullAccess)', 'replace the policy with your own'] }],
    },
    {
      name: '6. several wildcards: one finding, broadest first (its line)',
      infra: scene(),
      permissions: [
        perms('TaskRole', {
          grants: [grant('s3:DeleteObject', { pattern: 's3:Delete*', resource: BUCKET[1], line: 30 })],
          patterns: [pattern('s3:Delete*', { resources: [BUCKET[1]], line: 30 }), pattern('dynamodb:*', { resources: ['arn:aws:dynamodb:eu-west-1:123456789012:table/app'], line: 36 })],
        }),
      ],
      expect: [{ resource: 'TaskRole', line: 36, message: ['dynamodb:*, s3:Delete*'] }],
    },
    {
      name: '7. Action "*" on "*" under a condition that may exclude the task: FW101 is silent, so it is reported here',
      infra: scene(),
      permissions: [perms('TaskRole', { patterns: [pattern('*', { condition: { StringEquals: { 'aws:PrincipalTag/team': 'ops' } }, line: 37 })] })],
      expect: [{ resource: 'TaskRole', line: 37 }],
    },
    {
      name: '8. a wildcard in the service part (`*:Get*`) spans services',
      infra: scene(),
      permissions: [perms('TaskRole', { patterns: [pattern('*:Get*', { line: 38 })] })],
      expect: [{ resource: 'TaskRole', line: 38, message: ['*:Get*'] }],
    },
    {
      name: '9. partial wildcard reaching tagging (sqs:Tag*)',
      infra: scene({ services: [] }),
      permissions: [perms('TaskRole', { grants: [grant('sqs:TagQueue', { pattern: 'sqs:Tag*', line: 39 })] })],
      expect: [{ resource: 'TaskRole', line: 39, service: null, message: ['sqs:Tag*', 'task definition TaskDef'] }],
    },
  ],
});
