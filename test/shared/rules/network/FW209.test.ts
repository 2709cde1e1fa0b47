import type { Service } from '../../../../src/shared/model/index.ts';
import { rule } from '../../../../src/shared/rules/network/FW209-no-flow-logs.ts';
import { external, infra, known, ref, src, unknownRefs } from '../../../support/model.ts';
import { flowLog, refList, ruleCases, service, subnet, taskDefinition, vpc } from '../../../support/network-rules.ts';

const subnets = [subnet('PrivA', '10.0.1.0/24', { vpc: 'Vpc' }), subnet('PrivB', '10.0.2.0/24', { vpc: 'Vpc' })];
const api = (o: Partial<Service> = {}) => ({ ...service('Api', { key: 'api', subnets: refList(['PrivA', 'PrivB']) }), ...o });
const base = { services: [api()], vpcs: [vpc('Vpc')], subnets };

ruleCases(rule, {
  valid: [
    { name: '1. flow log on the VPC', infra: infra({ ...base, flowLogs: [flowLog('VpcFlowLog', [ref('Vpc')])] }), expect: [] },
    {
      name: '2. subnet flow logs on every task subnet',
      infra: infra({ ...base, flowLogs: [flowLog('FlA', [ref('PrivA')], 'Subnet'), flowLog('FlB', [ref('PrivB')], 'Subnet')] }),
      expect: [],
    },
    {
      name: '3. VPC imported from another stack (not declared here)',
      infra: infra({ services: [api()], subnets: [{ ...subnet('PrivA', '10.0.1.0/24'), vpc: external('vpc-0abc') }, subnet('PrivB', '10.0.2.0/24')] }),
      expect: [],
    },
    { name: '4. service subnets from a parameter', infra: infra({ ...base, services: [api({ subnets: unknownRefs() })] }), expect: [] },
    {
      name: '5. a flow log whose target is unresolved may be this VPC\'s',
      infra: infra({ ...base, flowLogs: [flowLog('Fl', [{ kind: 'unknown', reason: 'Fn::ImportValue Net-VpcId', source: src(171) }])] }),
      expect: [],
    },
    { name: '6. a declared VPC hosting no tasks', infra: infra({ vpcs: [vpc('Vpc')], subnets }), expect: [] },
    {
      name: '7. EC2 bridge-mode service',
      infra: infra({ ...base, services: [api({ fargate: false })], taskDefinitions: [taskDefinition('TaskDef', known('bridge'))] }),
      expect: [],
    },
  ],
  invalid: [
    {
      name: '1. no flow log at all',
      infra: infra(base),
      expect: [{ resource: 'Vpc', line: 100, service: 'api', message: ['VPC Vpc hosts the tasks of service api', 'task subnets PrivA and PrivB', 'AWS::EC2::FlowLog'] }],
    },
    {
      name: '2. subnet flow log on one task subnet only',
      infra: infra({ ...base, flowLogs: [flowLog('FlA', [ref('PrivA')], 'Subnet')] }),
      expect: [{ resource: 'Vpc', line: 100, message: ['task subnet PrivB without'], notMessage: ['PrivA'] }],
    },
    {
      name: '3. a flow log on another VPC does not count',
      infra: infra({ ...base, vpcs: [vpc('Vpc'), vpc('OtherVpc', '10.9.0.0/16', 180)], flowLogs: [flowLog('Fl', [ref('OtherVpc')]), flowLog('Ext', [external('vpc-0abc')])] }),
      expect: [{ resource: 'Vpc', line: 100 }],
    },
    {
      name: '4. two services in one VPC: one finding, no single service',
      infra: infra({ ...base, services: [api(), service('Worker', { subnets: refList(['PrivB']) })] }),
      expect: [{ resource: 'Vpc', line: 100, service: null, message: ['services api and Worker'] }],
    },
    {
      name: '5. two VPCs with tasks: one finding each',
      infra: infra({
        services: [api(), service('Batch', { subnets: refList(['Other']) })],
        vpcs: [vpc('Vpc'), vpc('BatchVpc', '10.9.0.0/16', 180)],
        subnets: [...subnets, subnet('Other', '10.9.0.0/24', { vpc: 'BatchVpc' })],
      }),
      expect: [{ resource: 'Vpc', line: 100, service: 'api' }, { resource: 'BatchVpc', line: 180, service: 'Batch' }],
    },
  ],
});
