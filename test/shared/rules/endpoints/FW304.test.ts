import { rule } from '../../../../src/shared/rules/endpoints/FW304-endpoint-sg-ingress.ts';
import { external } from '../../../support/model.ts';
import { endpoint, need, problem, refList, ruleTable, securityGroup, servicePosture } from '../../../support/endpoint-rules.ts';

const blocked = (ep: string, service: string, covered: boolean | 'unknown' = false, kind: 'startup' | 'runtime' = 'startup') =>
  need(service, { covered, kind, problems: [problem('endpoint-sg-ingress', ep)] });

const groups = [securityGroup('EndpointSg', 60), securityGroup('ApiSg', 70), securityGroup('WorkerSg', 80), securityGroup('DefaultSg', 1, { isDefault: true })];
const shared = [
  endpoint('EcrApi', 'ecr.api', { line: 200, securityGroups: refList(['EndpointSg']) }),
  endpoint('EcrDkr', 'ecr.dkr', { line: 250, securityGroups: refList(['EndpointSg']) }),
  endpoint('Logs', 'logs', { line: 300, securityGroups: refList(['EndpointSg']) }),
];

ruleTable(rule, {
  valid: [
    { name: 'no problems', scenario: { infra: { vpcEndpoints: shared, securityGroups: groups }, services: [servicePosture('Api', { needs: [need('logs', { covered: true })] })] } },
    {
      name: 'covered need',
      scenario: { infra: { vpcEndpoints: shared, securityGroups: groups }, services: [servicePosture('Api', { needs: [blocked('Logs', 'logs', true)] })] },
    },
    {
      name: 'coverage unknown',
      scenario: { infra: { vpcEndpoints: shared, securityGroups: groups }, services: [servicePosture('Api', { needs: [blocked('Logs', 'logs', 'unknown')] })] },
    },
  ],
  invalid: [
    {
      name: 'three endpoints sharing one security group: one finding on that group',
      scenario: {
        infra: { vpcEndpoints: shared, securityGroups: groups },
        services: [
          servicePosture('Api', {
            key: 'orders-api',
            securityGroups: ['ApiSg'],
            needs: [blocked('EcrApi', 'ecr.api'), blocked('EcrDkr', 'ecr.dkr'), blocked('Logs', 'logs')],
          }),
        ],
      },
      findings: [
        {
          resource: 'EndpointSg',
          service: 'orders-api',
          line: 60,
          message: [
            /^Security group EndpointSg of endpoints EcrApi, EcrDkr and Logs \(ecr\.api, ecr\.dkr and logs\)/,
            /from the tasks of service orders-api \(security group ApiSg\)/,
            /tasks cannot start/,
            /Add an ingress rule for TCP 443 from ApiSg\./,
          ],
        },
      ],
    },
    {
      name: 'two services: one finding naming both services and both task groups',
      scenario: {
        infra: { vpcEndpoints: shared, securityGroups: groups },
        services: [
          servicePosture('Api', { securityGroups: ['ApiSg'], needs: [blocked('Logs', 'logs', false, 'runtime')] }),
          servicePosture('Worker', { securityGroups: ['WorkerSg'], needs: [blocked('Logs', 'logs', false, 'runtime')] }),
        ],
      },
      findings: [{ resource: 'EndpointSg', service: null, message: [/services Api and Worker \(security groups ApiSg and WorkerSg\)/, /fail at run time/] }],
    },
    {
      name: 'endpoint without a security group: the VPC default applies, attached to the endpoint',
      scenario: {
        infra: { vpcEndpoints: [endpoint('Sqs', 'sqs', { line: 400, securityGroups: refList([], 400, false) })], securityGroups: groups },
        services: [servicePosture('Api', { securityGroups: ['ApiSg'], needs: [blocked('Sqs', 'sqs', false, 'runtime')] })],
      },
      findings: [{ resource: 'Sqs', line: 400, message: [/^Endpoint Sqs \(sqs\) declares no security group, so the VPC default security group applies/] }],
    },
    {
      name: 'endpoint security group outside the files: attached to the endpoint',
      scenario: {
        infra: { vpcEndpoints: [endpoint('Sqs', 'sqs', { line: 400, securityGroups: { known: true, items: [external('sg-0abc')], source: { file: 'template.yaml', line: 401, path: 'x', explicit: true } } })] },
        services: [servicePosture('Api', { needs: [blocked('Sqs', 'sqs', false, 'runtime')] })],
      },
      findings: [{ resource: 'Sqs', message: [/^The security groups of endpoint Sqs \(sqs\)/, /\(the VPC default security group\)/, /the CIDRs of the service subnets/] }],
    },
    {
      name: 'endpoint not in the files: attached to the service',
      scenario: { services: [servicePosture('Api', { securityGroups: ['ApiSg'], needs: [blocked('Gone', 'logs')] })], infra: { securityGroups: groups } },
      findings: [{ resource: 'Api', service: 'Api', message: [/endpoint Gone \(logs\)/] }],
    },
  ],
});
