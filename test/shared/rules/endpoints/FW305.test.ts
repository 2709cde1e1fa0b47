import { rule } from '../../../../src/shared/rules/endpoints/FW305-task-sg-egress.ts';
import { endpoint, need, problem, refList, ruleTable, securityGroup, servicePosture } from '../../../support/endpoint-rules.ts';

const noEgress = (ep: string, service: string, o: { covered?: boolean | 'unknown'; kind?: 'startup' | 'runtime'; reason?: string } = {}) =>
  need(service, { covered: o.covered ?? false, kind: o.kind ?? 'startup', reason: o.reason ?? `needs ${service}`, problems: [problem('task-sg-egress', ep)] });

/** A need the task groups block on every path: no TCP 443 egress anywhere, subnets not in the files. */
const blocked = (service: string, kind: 'startup' | 'runtime' = 'startup') =>
  need(service, { kind, problems: [{ ...problem('task-sg-egress'), everyPath: true }] });

const groups = [securityGroup('ApiSg', 70), securityGroup('WorkerSg', 80), securityGroup('EndpointSg', 60), securityGroup('DefaultSg', 1, { isDefault: true })];
const endpoints = [
  endpoint('S3Gateway', 's3', { line: 200, routeTables: refList(['PrivateRt']) }),
  endpoint('Logs', 'logs', { line: 300, securityGroups: refList(['EndpointSg']) }),
  endpoint('Sqs', 'sqs', { line: 400 }),
];
const infra = { vpcEndpoints: endpoints, securityGroups: groups };

ruleTable(rule, {
  valid: [
    { name: 'no problems', scenario: { infra, services: [servicePosture('Api', { securityGroups: ['ApiSg'], needs: [need('s3', { covered: true })] })] } },
    { name: 'covered need', scenario: { infra, services: [servicePosture('Api', { securityGroups: ['ApiSg'], needs: [noEgress('S3Gateway', 's3', { covered: true })] })] } },
    { name: 'coverage unknown', scenario: { infra, services: [servicePosture('Api', { securityGroups: ['ApiSg'], needs: [noEgress('S3Gateway', 's3', { covered: 'unknown' })] })] } },
  ],
  invalid: [
    {
      name: 'S3 gateway endpoint without prefix-list egress: the ECR lock-down trap, on the task security group',
      scenario: { infra, services: [servicePosture('Api', { key: 'orders-api', securityGroups: ['ApiSg'], needs: [noEgress('S3Gateway', 's3', { reason: 'ECR image layers' })] })] },
      findings: [
        {
          resource: 'ApiSg',
          service: 'orders-api',
          line: 70,
          message: [
            /^Security group ApiSg of service orders-api does not allow outbound TCP 443 to the s3 prefix list \(com\.amazonaws\.<region>\.s3\)/,
            /gateway endpoint S3Gateway routes to \(ECR serves image layers from S3, so image pulls fail\), so tasks cannot start/,
            /DestinationPrefixListId/,
          ],
        },
      ],
    },
    {
      name: 'interface endpoint with a security group: names that group as the destination',
      scenario: { infra, services: [servicePosture('Api', { securityGroups: ['ApiSg'], needs: [noEgress('Logs', 'logs')] })] },
      findings: [{ resource: 'ApiSg', message: [/to interface endpoint Logs \(logs\)/, /TCP 443 to security group EndpointSg of the endpoint\./] }],
    },
    {
      name: 'interface endpoint without a security group: the subnets are the destination',
      scenario: { infra, services: [servicePosture('Api', { securityGroups: ['ApiSg'], needs: [noEgress('Sqs', 'sqs', { kind: 'runtime' })] })] },
      findings: [{ resource: 'ApiSg', message: [/the CIDRs of the endpoint’s subnets/, /fail at run time/] }],
    },
    {
      name: 'two services sharing a task group: one finding',
      scenario: {
        infra,
        services: [
          servicePosture('Api', { securityGroups: ['ApiSg'], needs: [noEgress('S3Gateway', 's3')] }),
          servicePosture('Worker', { securityGroups: ['ApiSg'], needs: [noEgress('S3Gateway', 's3', { kind: 'runtime' })] }),
        ],
      },
      findings: [{ resource: 'ApiSg', service: null, message: [/services Api and Worker/] }],
    },
    {
      name: 'two services with their own groups: one finding per group',
      scenario: {
        infra,
        services: [
          servicePosture('Api', { securityGroups: ['ApiSg'], needs: [noEgress('S3Gateway', 's3')] }),
          servicePosture('Worker', { securityGroups: ['WorkerSg'], needs: [noEgress('S3Gateway', 's3')] }),
        ],
      },
      findings: [
        { resource: 'ApiSg', service: 'Api' },
        { resource: 'WorkerSg', service: 'Worker' },
      ],
    },
    {
      name: 'one task group, two endpoints: one finding per endpoint',
      scenario: { infra, services: [servicePosture('Api', { securityGroups: ['ApiSg'], needs: [noEgress('S3Gateway', 's3'), noEgress('Logs', 'logs')] })] },
      findings: [
        { resource: 'ApiSg', message: [/S3Gateway/] },
        { resource: 'ApiSg', message: [/Logs/] },
      ],
    },
    {
      name: 'several task groups: attached to the first, naming all',
      scenario: { infra, services: [servicePosture('Api', { securityGroups: ['ApiSg', 'WorkerSg'], needs: [noEgress('Logs', 'logs')] })] },
      findings: [{ resource: 'ApiSg', message: [/^Security groups ApiSg and WorkerSg of service Api do not allow/] }],
    },
    {
      name: 'NAT route but no 443 egress to the internet: one finding for every AWS service that goes that way',
      scenario: {
        infra,
        services: [
          servicePosture('Api', {
            egress: 'nat',
            securityGroups: ['ApiSg'],
            needs: [
              need('ecr.api', { problems: [problem('task-sg-egress', undefined, { missing: ['0.0.0.0/0'] })] }),
              need('logs', { problems: [problem('task-sg-egress', undefined, { missing: ['0.0.0.0/0'] })] }),
            ],
          }),
        ],
      },
      findings: [{ resource: 'ApiSg', line: 70, message: [/^Security group ApiSg of service Api does not allow outbound TCP 443 to the internet \(0\.0\.0\.0\/0\), the only path from the service’s subnets to ecr\.api and logs, so tasks cannot start/] }],
    },
    {
      name: 'no TCP 443 egress anywhere and the subnets not in the files: every path fails, one finding for every AWS service',
      scenario: { infra, services: [servicePosture('Api', { egress: 'unknown', securityGroups: ['ApiSg'], needs: [blocked('ecr.api'), blocked('logs'), blocked('sqs', 'runtime')] })] },
      findings: [
        {
          resource: 'ApiSg',
          service: 'Api',
          line: 70,
          message: [
            /^Security group ApiSg of service Api does not allow outbound TCP 443 to any destination \(egress only to loopback addresses, or on other ports\)/,
            /whatever subnets the tasks run in, ecr\.api, logs and sqs cannot be reached through a NAT or internet gateway, an interface endpoint or a gateway endpoint’s prefix list, so tasks cannot start\./,
          ],
        },
      ],
    },
    {
      name: 'only run-time needs blocked everywhere',
      scenario: { infra, services: [servicePosture('Api', { egress: 'unknown', securityGroups: ['ApiSg'], needs: [blocked('sqs', 'runtime')] })] },
      findings: [{ resource: 'ApiSg', message: [/sqs cannot be reached/, /the application’s calls to it fail at run time/] }],
    },
    {
      name: 'one group, blocked everywhere for one service and on the internet path for another: one finding each',
      scenario: {
        infra,
        services: [
          servicePosture('Api', { egress: 'unknown', securityGroups: ['ApiSg'], needs: [blocked('logs')] }),
          servicePosture('Worker', { egress: 'nat', securityGroups: ['ApiSg'], needs: [need('logs', { problems: [problem('task-sg-egress', undefined, { missing: ['0.0.0.0/0'] })] })] }),
        ],
      },
      findings: [
        { resource: 'ApiSg', service: 'Api', message: [/to any destination/] },
        { resource: 'ApiSg', service: 'Worker', message: [/to the internet \(0\.0\.0\.0\/0\), the only path/] },
      ],
    },
    {
      name: 'no declared task group: attached to the service',
      scenario: { infra, services: [servicePosture('Api', { securityGroups: ['DefaultSg'], needs: [noEgress('S3Gateway', 's3')] })] },
      findings: [{ resource: 'Api', service: 'Api', line: 100, message: [/^The security groups of service Api do not allow/] }],
    },
  ],
});
