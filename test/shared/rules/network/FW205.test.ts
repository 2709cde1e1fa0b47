import { rule } from '../../../../src/shared/rules/network/FW205-no-security-group.ts';
import { external, infra, known, unknownRefs } from '../../../support/model.ts';
import { refList, ruleCases, service, taskDefinition } from '../../../support/network-rules.ts';

ruleCases(rule, {
  valid: [
    { name: '1. one declared security group', infra: infra({ services: [service('Api', { securityGroups: refList(['TaskSg'], 18) })] }), expect: [] },
    {
      name: '2. an external security group id (sg-…)',
      infra: infra({ services: [service('Api', { securityGroups: { known: true, items: [external('sg-0123456789abcdef0')], source: refList([], 18).source } })] }),
      expect: [],
    },
    { name: '3. security groups from a parameter without default (unknown)', infra: infra({ services: [service('Api', { securityGroups: unknownRefs() })] }), expect: [] },
    {
      name: '4. EC2-launch bridge-mode service has no task security groups at all',
      infra: infra({ services: [service('Api', { fargate: false, securityGroups: refList([], 10, false) })], taskDefinitions: [taskDefinition('TaskDef', known('bridge'))] }),
      expect: [],
    },
  ],
  invalid: [
    {
      name: '1. SecurityGroups absent from AwsvpcConfiguration',
      infra: infra({ services: [service('Api', { key: 'api', line: 10, securityGroups: refList([], 10, false) })] }),
      expect: [{ resource: 'Api', line: 10, service: 'api', message: ['declares no security groups', 'VPC default security group'] }],
    },
    {
      name: '2. SecurityGroups: [] written out',
      infra: infra({ services: [service('Api', { securityGroups: refList([], 17) })] }),
      expect: [{ resource: 'Api', line: 17, message: ['empty SecurityGroups list', 'VPC default security group'] }],
    },
    {
      name: '3. EC2-launch service with awsvpc tasks',
      infra: infra({ services: [service('Worker', { fargate: false, line: 30, securityGroups: refList([], 30, false) })], taskDefinitions: [taskDefinition('TaskDef', known('awsvpc'))] }),
      expect: [{ resource: 'Worker', line: 30 }],
    },
  ],
});
