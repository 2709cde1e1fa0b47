import { rule } from '../../../../src/shared/rules/iam/FW101-admin-task-role.ts';
import type { Infra } from '../../../../src/shared/model/index.ts';
import { infra } from '../../../support/model.ts';
import { grant, iamRuleCases, managedArn, pattern, perms, role, service, taskDef } from '../../../support/iam.ts';

/** TaskRole (line 20) is the task role of TaskDef, run by service `api`. */
function scene(extra: Partial<Infra> = {}): Infra {
  return infra({
    roles: [role('TaskRole')],
    taskDefinitions: [taskDef('TaskDef', { taskRole: 'TaskRole' })],
    services: [service('Api', { key: 'api' })],
    ...extra,
  });
}

const adminStatement = () => pattern('*', { line: 31 });

iamRuleCases(rule, {
  valid: [
    {
      name: '1. least-privilege task role (one action on one bucket)',
      infra: scene(),
      permissions: [perms('TaskRole', { grants: [grant('s3:GetObject', { resource: 'arn:aws:s3:::app-bucket/*' })] })],
      expect: [],
    },
    {
      name: '2. Action "*" on Resource "*" under a condition that may exclude the task (a principal tag, MFA, a secure transport required to be off) is not surely admin (FW104 reports it)',
      infra: scene(),
      permissions: [
        perms('TaskRole', {
          patterns: [
            pattern('*', { condition: { StringEquals: { 'aws:PrincipalTag/team': 'ops' } } }),
            pattern('*', { condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
            pattern('*', { condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            pattern('*', { condition: { Null: { 'aws:SourceVpc': 'true' } } }),
          ],
        }),
      ],
      expect: [],
    },
    {
      name: '3. Action "*" on one bucket only (FW104 territory, not admin)',
      infra: scene(),
      permissions: [perms('TaskRole', { patterns: [pattern('*', { resources: ['arn:aws:s3:::app-bucket', 'arn:aws:s3:::app-bucket/*'] })] })],
      expect: [],
    },
    {
      name: '4. AdministratorAccess on a role that is only an execution role (FW106 judges execution roles)',
      infra: scene({ taskDefinitions: [taskDef('TaskDef', { executionRole: 'TaskRole' })] }),
      permissions: [perms('TaskRole', { managed: [{ name: 'AdministratorAccess' }] })],
      expect: [],
    },
    {
      name: '5. admin role used by no task definition at all',
      infra: scene({ taskDefinitions: [taskDef('TaskDef')] }),
      permissions: [perms('TaskRole', { patterns: [adminStatement()] })],
      expect: [],
    },
    {
      name: '6. permissions of the role unknown (no analysis result): not reported from a guess',
      infra: scene(),
      permissions: [],
      expect: [],
    },
    {
      name: '7. Allow "*" cancelled by an unconditional Deny "*"',
      infra: scene(),
      permissions: [perms('TaskRole', { patterns: [adminStatement(), pattern('*', { effect: 'Deny', line: 35 })] })],
      expect: [],
    },
    {
      name: '8. ReadOnlyAccess and a service-wide FullAccess policy are not admin-class',
      infra: scene(),
      permissions: [perms('TaskRole', { managed: [{ name: 'ReadOnlyAccess' }, { name: 'AmazonS3FullAccess' }] })],
      expect: [],
    },
    {
      name: '9. NotAction on a specific resource is not admin (FW104 reports it)',
      infra: scene(),
      permissions: [perms('TaskRole', { patterns: [pattern('s3:DeleteBucket', { negated: true, resources: ['arn:aws:s3:::app-bucket'] })] })],
      expect: [],
    },
  ],
  invalid: [
    {
      name: '1. inline Action "*" on Resource "*" points at the statement',
      infra: scene(),
      permissions: [perms('TaskRole', { patterns: [adminStatement()] })],
      expect: [{ resource: 'TaskRole', line: 31, service: 'api', message: ['TaskRole', 'service api', 'Action "*" on Resource "*"', '169.254.170.2'] }],
    },
    {
      name: '1b. Action "*" on Resource "*" under conditions the task\'s own calls meet (region, network, TLS, time) is still admin',
      infra: scene(),
      permissions: [
        perms('TaskRole', {
          patterns: [
            pattern('*', {
              condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1', 'aws:SourceVpc': 'vpc-0abc' }, Bool: { 'aws:SecureTransport': 'true' }, DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } },
              line: 32,
            }),
          ],
        }),
      ],
      expect: [{ resource: 'TaskRole', line: 32, message: ['Action "*" on Resource "*" under a condition the task\'s own calls meet (aws:RequestedRegion, aws:SourceVpc, aws:SecureTransport, aws:CurrentTime)'] }],
    },
    {
      name: '2. "*:*" is the same as "*"',
      infra: scene(),
      permissions: [perms('TaskRole', { patterns: [pattern('*:*', { line: 33 })] })],
      expect: [{ resource: 'TaskRole', line: 33, message: ['Action "*:*"'] }],
    },
    {
      name: '3. AdministratorAccess attached points at the ManagedPolicyArns entry',
      infra: scene(),
      permissions: [perms('TaskRole', { managed: [{ name: 'AdministratorAccess', line: 24 }], patterns: [pattern('*', { via: managedArn('AdministratorAccess'), managed: true, line: 24 })] })],
      expect: [{ resource: 'TaskRole', line: 24, message: ['AWS managed policy AdministratorAccess'], notMessage: ['Action "*" on'] }],
    },
    {
      name: '4. PowerUserAccess is named once, not again as its NotAction statement',
      infra: scene(),
      permissions: [
        perms('TaskRole', {
          managed: [{ name: 'PowerUserAccess', line: 24 }],
          patterns: ['iam:*', 'organizations:*', 'account:*'].map((p) => pattern(p, { negated: true, via: managedArn('PowerUserAccess'), managed: true, line: 24 })),
        }),
      ],
      expect: [{ resource: 'TaskRole', line: 24, message: ['PowerUserAccess'], notMessage: ['every action except'] }],
    },
    {
      name: '5. IAMFullAccess counts even when the snapshot does not know the policy (its name is enough)',
      infra: scene(),
      permissions: [perms('TaskRole', { managed: [{ name: 'IAMFullAccess', known: false, line: 26 }] })],
      expect: [{ resource: 'TaskRole', line: 26, message: ['IAMFullAccess'] }],
    },
    {
      name: '6. inline Allow NotAction on "*" (everything but a list) is admin-equivalent',
      infra: scene(),
      permissions: [perms('TaskRole', { patterns: [pattern('iam:*', { negated: true, line: 32 }), pattern('sts:*', { negated: true, line: 32 })] })],
      expect: [{ resource: 'TaskRole', line: 32, message: ['every action except iam:*, sts:*'] }],
    },
    {
      name: '6b. NotAction entries on their own lines are still one statement in the message',
      infra: scene(),
      permissions: [perms('TaskRole', { patterns: [pattern('iam:*', { negated: true, line: 33 }), pattern('organizations:*', { negated: true, line: 34 })] })],
      expect: [{ resource: 'TaskRole', line: 33, message: ['every action except iam:*, organizations:* on Resource "*"'] }],
    },
    {
      name: '7. one role shared by two services: one finding naming both, no single service',
      infra: scene({ services: [service('Api', { key: 'api' }), service('Worker', { key: 'worker', line: 120 })] }),
      permissions: [perms('TaskRole', { patterns: [adminStatement()] })],
      expect: [{ resource: 'TaskRole', line: 31, service: null, message: ['services api, worker'] }],
    },
    {
      name: '8. task definition without a service still counts (run as a scheduled or one-off task)',
      infra: scene({ services: [] }),
      permissions: [perms('TaskRole', { patterns: [adminStatement()] })],
      expect: [{ resource: 'TaskRole', line: 31, service: null, message: ['task definition TaskDef'] }],
    },
    {
      name: '9. a Deny with a condition does not cancel the admin grant',
      infra: scene(),
      permissions: [perms('TaskRole', { patterns: [adminStatement(), pattern('*', { effect: 'Deny', condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } })] })],
      expect: [{ resource: 'TaskRole', line: 31 }],
    },
    {
      name: '10. statement and managed policy together: one finding listing both',
      infra: scene(),
      permissions: [perms('TaskRole', { patterns: [adminStatement()], managed: [{ name: 'AdministratorAccess', line: 24 }] })],
      expect: [{ resource: 'TaskRole', line: 31, message: ['Action "*" on Resource "*"', 'AWS managed policy AdministratorAccess'] }],
    },
  ],
});
