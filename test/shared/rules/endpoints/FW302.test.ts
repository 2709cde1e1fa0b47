import { rule } from '../../../../src/shared/rules/endpoints/FW302-endpoint-missing-az.ts';
import { endpoint, need, problem, refList, ruleTable, servicePosture, subnet } from '../../../support/endpoint-rules.ts';

const missingAz = (ep: string, missing: string[], kind: 'startup' | 'runtime' = 'startup', covered: boolean | 'unknown' = false) =>
  need(ep === 'Logs' ? 'logs' : 'ecr.api', { kind, covered, problems: [problem('endpoint-missing-az', ep, { missing })] });

const endpoints = [
  endpoint('EcrApi', 'ecr.api', { line: 200, subnets: refList(['SubnetA'], 205) }),
  endpoint('Logs', 'logs', { line: 300, subnets: refList(['SubnetA'], 305) }),
];
const subnets = [subnet('SubnetA', 'eu-west-1a'), subnet('SubnetB', 'eu-west-1b'), subnet('SubnetC', 'eu-west-1c')];

ruleTable(rule, {
  valid: [
    { name: 'no problems', scenario: { infra: { vpcEndpoints: endpoints }, services: [servicePosture('Api', { needs: [need('ecr.api', { covered: true })] })] } },
    {
      name: 'problem on a need that is covered another way (NAT)',
      scenario: { infra: { vpcEndpoints: endpoints }, services: [servicePosture('Api', { needs: [missingAz('EcrApi', ['template.yaml#SubnetB'], 'startup', true)] })] },
    },
    {
      name: 'coverage unknown',
      scenario: { infra: { vpcEndpoints: endpoints }, services: [servicePosture('Api', { needs: [missingAz('EcrApi', ['template.yaml#SubnetB'], 'startup', 'unknown')] })] },
    },
  ],
  invalid: [
    {
      name: 'endpoint in one subnet, service in two: attached to the endpoint at its SubnetIds',
      scenario: { infra: { vpcEndpoints: endpoints, subnets }, services: [servicePosture('Api', { key: 'orders-api', needs: [missingAz('EcrApi', ['template.yaml#SubnetB'])] })] },
      findings: [
        {
          resource: 'EcrApi',
          service: 'orders-api',
          line: 205,
          message: [/^Interface endpoint EcrApi \(ecr\.api\) has no network interface in subnet SubnetB \(eu-west-1b\)/, /service orders-api runs tasks/, /tasks cannot start/],
        },
      ],
    },
    {
      name: 'missing given as AZ names',
      scenario: { infra: { vpcEndpoints: endpoints }, services: [servicePosture('Api', { needs: [missingAz('EcrApi', ['eu-west-1b', 'eu-west-1c'])] })] },
      findings: [{ resource: 'EcrApi', message: [/in eu-west-1b and eu-west-1c,/] }],
    },
    {
      name: 'two services, same endpoint: one finding naming both and every missing AZ, no single service',
      scenario: {
        infra: { vpcEndpoints: endpoints, subnets },
        services: [
          servicePosture('Api', { needs: [missingAz('EcrApi', ['template.yaml#SubnetB'])] }),
          servicePosture('Worker', { needs: [missingAz('EcrApi', ['template.yaml#SubnetC'], 'runtime')] }),
        ],
      },
      findings: [{ resource: 'EcrApi', service: null, message: [/subnet SubnetB \(eu-west-1b\) and subnet SubnetC \(eu-west-1c\)/, /services Api and Worker run tasks/, /tasks cannot start/] }],
    },
    {
      name: 'two endpoints: one finding each',
      scenario: {
        infra: { vpcEndpoints: endpoints, subnets },
        services: [servicePosture('Api', { needs: [missingAz('EcrApi', ['template.yaml#SubnetB']), missingAz('Logs', ['template.yaml#SubnetB'], 'runtime')] })],
      },
      findings: [
        { resource: 'EcrApi', line: 205 },
        { resource: 'Logs', line: 305, message: [/\(logs\)/, /calls to it fail at run time/] },
      ],
    },
    {
      name: 'AZs from !GetAZs without a region: named by index, with the service subnets in them',
      scenario: {
        infra: { vpcEndpoints: endpoints, subnets: [subnet('SubnetA', '${AZ[0]}'), subnet('SubnetB', '${AZ[1]}')] },
        services: [servicePosture('Api', { subnets: ['SubnetA', 'SubnetB'], needs: [missingAz('EcrApi', ['${AZ[1]}'])] })],
      },
      findings: [{ resource: 'EcrApi', message: [/no network interface in the AZ of !Select \[1, !GetAZs ''\] \(subnet SubnetB\), where service Api runs/] }],
    },
    {
      name: 'AZs unknown: the analysis names the task subnets instead',
      scenario: {
        infra: { vpcEndpoints: endpoints, subnets: [subnet('SubnetA'), subnet('SubnetB')] },
        services: [servicePosture('Api', { subnets: ['SubnetA', 'SubnetB'], needs: [missingAz('EcrApi', ['template.yaml#SubnetB'])] })],
      },
      findings: [{ resource: 'EcrApi', message: [/no network interface in subnet SubnetB, where/] }],
    },
    {
      name: 'endpoint not in the scanned files: attached to the service',
      scenario: { services: [servicePosture('Api', { needs: [missingAz('Elsewhere', ['eu-west-1b'])] })] },
      findings: [{ resource: 'Api', service: 'Api', line: 100, message: [/Interface endpoint Elsewhere \(ecr\.api\)/] }],
    },
  ],
});
