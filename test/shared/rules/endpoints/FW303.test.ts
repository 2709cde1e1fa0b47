import { rule } from '../../../../src/shared/rules/endpoints/FW303-endpoint-private-dns.ts';
import { defaulted, known } from '../../../support/model.ts';
import { endpoint, need, problem, ruleTable, servicePosture } from '../../../support/endpoint-rules.ts';

const dnsOff = (ep: string, service = 'ecr.api', covered: boolean | 'unknown' = false, kind: 'startup' | 'runtime' = 'startup') =>
  need(service, { covered, kind, problems: [problem('endpoint-private-dns', ep)] });

const explicitOff = endpoint('EcrApi', 'ecr.api', { line: 200, privateDns: known(false, 207) });
const absent = endpoint('EcrDkr', 'ecr.dkr', { line: 250, privateDns: defaulted(false, 250) });

ruleTable(rule, {
  valid: [
    { name: 'no problems', scenario: { infra: { vpcEndpoints: [explicitOff] }, services: [servicePosture('Api', { needs: [need('ecr.api', { covered: true })] })] } },
    {
      name: 'need covered through a NAT gateway: the endpoint is simply unused',
      scenario: { infra: { vpcEndpoints: [explicitOff] }, services: [servicePosture('Api', { needs: [dnsOff('EcrApi', 'ecr.api', true)] })] },
    },
    { name: 'coverage unknown', scenario: { infra: { vpcEndpoints: [explicitOff] }, services: [servicePosture('Api', { needs: [dnsOff('EcrApi', 'ecr.api', 'unknown')] })] } },
  ],
  invalid: [
    {
      name: 'PrivateDnsEnabled: false, pointing at the property',
      scenario: { infra: { vpcEndpoints: [explicitOff] }, services: [servicePosture('Api', { key: 'orders-api', needs: [dnsOff('EcrApi')] })] },
      findings: [
        {
          resource: 'EcrApi',
          service: 'orders-api',
          line: 207,
          message: [/^Interface endpoint EcrApi \(ecr\.api\) has private DNS disabled \(PrivateDnsEnabled: false\)/, /service orders-api cannot reach/, /tasks cannot start/, /Set PrivateDnsEnabled: true/],
        },
      ],
    },
    {
      name: 'property absent: the default is false, pointing at the endpoint',
      scenario: { infra: { vpcEndpoints: [absent] }, services: [servicePosture('Api', { needs: [dnsOff('EcrDkr', 'ecr.dkr')] })] },
      findings: [{ resource: 'EcrDkr', line: 250, message: [/PrivateDnsEnabled is not set and defaults to false/] }],
    },
    {
      name: 'several services and needs through one endpoint: one finding',
      scenario: {
        infra: { vpcEndpoints: [explicitOff] },
        services: [
          servicePosture('Api', { needs: [dnsOff('EcrApi'), dnsOff('EcrApi', 'ecr.api', false, 'runtime')] }),
          servicePosture('Worker', { needs: [dnsOff('EcrApi', 'ecr.api', false, 'runtime')] }),
        ],
      },
      findings: [{ resource: 'EcrApi', service: null, message: [/services Api and Worker/, /tasks cannot start/] }],
    },
    {
      name: 'run-time only',
      scenario: { infra: { vpcEndpoints: [endpoint('Sqs', 'sqs', { privateDns: known(false, 9) })] }, services: [servicePosture('Api', { needs: [dnsOff('Sqs', 'sqs', false, 'runtime')] })] },
      findings: [{ resource: 'Sqs', line: 9, message: [/\(sqs\)/, /calls to it fail at run time/] }],
    },
  ],
});
