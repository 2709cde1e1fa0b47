import { rule } from '../../../../src/shared/rules/endpoints/FW306-gateway-route-table.ts';
import { entity } from '../../../support/model.ts';
import { endpoint, need, problem, refList, ruleTable, servicePosture, subnet } from '../../../support/endpoint-rules.ts';
import type { RouteTable } from '../../../../src/shared/model/index.ts';

const unrouted = (ep: string, missing: string[] | undefined, o: { covered?: boolean | 'unknown'; kind?: 'startup' | 'runtime'; service?: string } = {}) =>
  need(o.service ?? 's3', {
    covered: o.covered ?? false,
    kind: o.kind ?? 'startup',
    problems: [problem('gateway-route-table', ep, missing !== undefined ? { missing, detail: 'route tables not associated' } : { detail: 'route table of SubnetB' })],
  });

const routeTable = (id: string): RouteTable => ({ ...entity(id, 20), routes: [] });
const infra = {
  vpcEndpoints: [endpoint('S3Gateway', 's3', { line: 200, routeTables: refList(['RtA'], 206) }), endpoint('DynamoGateway', 'dynamodb', { line: 300 })],
  routeTables: [routeTable('RtA'), routeTable('RtB'), routeTable('RtC')],
};

ruleTable(rule, {
  valid: [
    { name: 'no problems', scenario: { infra, services: [servicePosture('Api', { needs: [need('s3', { covered: true, via: 'endpoint:S3Gateway' })] })] } },
    { name: 'covered need', scenario: { infra, services: [servicePosture('Api', { needs: [unrouted('S3Gateway', ['template.yaml#RtB'], { covered: true })] })] } },
    { name: 'coverage unknown', scenario: { infra, services: [servicePosture('Api', { needs: [unrouted('S3Gateway', ['template.yaml#RtB'], { covered: 'unknown' })] })] } },
  ],
  invalid: [
    {
      name: 'S3 gateway on one of two route tables: at RouteTableIds',
      scenario: { infra, services: [servicePosture('Api', { key: 'orders-api', needs: [unrouted('S3Gateway', ['template.yaml#RtB'])] })] },
      findings: [
        {
          resource: 'S3Gateway',
          service: 'orders-api',
          line: 206,
          message: [/^Gateway endpoint S3Gateway \(s3\) is not associated with route table RtB, used by the subnets of service orders-api/, /tasks cannot start/, /Add it to the endpoint’s RouteTableIds/],
        },
      ],
    },
    {
      name: 'no RouteTableIds at all: at the endpoint',
      scenario: { infra, services: [servicePosture('Api', { needs: [unrouted('DynamoGateway', ['template.yaml#RtA'], { service: 'dynamodb', kind: 'runtime' })] })] },
      findings: [{ resource: 'DynamoGateway', line: 300, message: [/\(dynamodb\)/, /fail at run time/] }],
    },
    {
      name: 'two services, different route tables: one finding with both tables',
      scenario: {
        infra,
        services: [
          servicePosture('Api', { needs: [unrouted('S3Gateway', ['template.yaml#RtB'])] }),
          servicePosture('Worker', { needs: [unrouted('S3Gateway', ['template.yaml#RtC', 'template.yaml#RtB'])] }),
        ],
      },
      findings: [{ resource: 'S3Gateway', service: null, message: [/route tables RtB and RtC/, /services Api and Worker/, /Add them/] }],
    },
    {
      name: 'subnet without a route table association: the main route table',
      scenario: { infra: { ...infra, subnets: [subnet('SubnetC')] }, services: [servicePosture('Api', { needs: [unrouted('S3Gateway', ['template.yaml#SubnetC'])] })] },
      findings: [{ resource: 'S3Gateway', message: [/not associated with the VPC main route table \(used by subnet SubnetC\)/, /Add it to/] }],
    },
    {
      name: 'no missing list: falls back to the analysis detail',
      scenario: { infra, services: [servicePosture('Api', { needs: [unrouted('S3Gateway', undefined)] })] },
      findings: [{ resource: 'S3Gateway', message: [/the route tables it needs \(route table of SubnetB\)/] }],
    },
  ],
});
