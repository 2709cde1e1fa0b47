import { rule } from '../../../../src/shared/rules/network/FW201-public-ip.ts';
import { defaulted, infra, known, unknown } from '../../../support/model.ts';
import { ruleCases, service, taskDefinition } from '../../../support/network-rules.ts';

const td = (mode: string) => taskDefinition('TaskDef', known(mode, 81));

ruleCases(rule, {
  valid: [
    { name: '1. AssignPublicIp absent (DISABLED by default)', infra: infra({ services: [service('Api', { assignPublicIp: defaulted(false) })] }), expect: [] },
    { name: '2. AssignPublicIp: DISABLED', infra: infra({ services: [service('Api', { assignPublicIp: known(false, 14) })] }), expect: [] },
    { name: '3. AssignPublicIp from a parameter without default (unknown)', infra: infra({ services: [service('Api', { assignPublicIp: unknown() })] }), expect: [] },
    {
      name: '4. EC2-launch service in bridge mode (no task ENI) is not judged',
      infra: infra({ services: [service('Api', { fargate: false, assignPublicIp: known(true, 14) })], taskDefinitions: [td('bridge')] }),
      expect: [],
    },
    {
      name: '5. EC2-launch service whose task definition cannot be resolved is not judged',
      infra: infra({ services: [service('Api', { fargate: false, assignPublicIp: known(true, 14) })] }),
      expect: [],
    },
    {
      name: '6. launch type unknown but the task definition uses bridge mode (so it cannot be Fargate)',
      infra: infra({ services: [service('Api', { fargate: 'unknown', assignPublicIp: known(true, 14) })], taskDefinitions: [td('bridge')] }),
      expect: [],
    },
  ],
  invalid: [
    {
      name: '1. Fargate service with AssignPublicIp: ENABLED points at that line',
      infra: infra({ services: [service('Api', { key: 'api', assignPublicIp: known(true, 14) })] }),
      expect: [{ resource: 'Api', line: 14, service: 'api', message: ['Service api assigns', 'AssignPublicIp: ENABLED', 'private subnets'] }],
    },
    {
      name: '2. EC2-launch service with an awsvpc task definition',
      infra: infra({ services: [service('Worker', { fargate: false, line: 30, assignPublicIp: known(true, 35) })], taskDefinitions: [td('awsvpc')] }),
      expect: [{ resource: 'Worker', line: 35, service: 'Worker' }],
    },
    {
      name: '3. launch type unknown (capacity provider from a parameter), task definition awsvpc',
      infra: infra({ services: [service('Api', { fargate: 'unknown', assignPublicIp: known(true, 16) })], taskDefinitions: [td('awsvpc')] }),
      expect: [{ resource: 'Api', line: 16 }],
    },
    {
      name: '4. one finding per offending service, none for the private one',
      infra: infra({
        services: [
          service('Public1', { line: 10, assignPublicIp: known(true, 12) }),
          service('Private', { line: 20, assignPublicIp: known(false, 22) }),
          service('Public2', { line: 30, assignPublicIp: known(true, 32) }),
        ],
      }),
      expect: [{ resource: 'Public1', line: 12 }, { resource: 'Public2', line: 32 }],
    },
  ],
});
