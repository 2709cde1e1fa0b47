import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from '../../../../src/shared/rules/endpoints/FW307-endpoint-policy.ts';
import { scanPath } from '../../diff/support.ts';
import { endpoint, need, policy, problem, ruleTable, servicePosture, statement } from '../../../support/endpoint-rules.ts';

const STARPORT = 'arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*';
const denied = (ep: string, service: string, o: { missing?: string[]; detail?: string; covered?: boolean | 'unknown'; kind?: 'startup' | 'runtime' } = {}) =>
  need(service, {
    covered: o.covered ?? false,
    kind: o.kind ?? 'startup',
    problems: [problem('endpoint-policy', ep, { ...(o.missing !== undefined ? { missing: o.missing } : {}), detail: o.detail ?? '' })],
  });

const appBucketsOnly = policy([statement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::orders-exports/*'], line: 214 })], 210);
const infra = {
  vpcEndpoints: [endpoint('S3Gateway', 's3', { line: 200, policy: appBucketsOnly }), endpoint('Sqs', 'sqs', { line: 300 })],
};

ruleTable(rule, {
  valid: [
    { name: 'no problems', scenario: { infra, services: [servicePosture('Api', { needs: [need('s3', { covered: true })] })] } },
    { name: 'covered need', scenario: { infra, services: [servicePosture('Api', { needs: [denied('S3Gateway', 's3', { missing: [STARPORT], covered: true })] })] } },
    { name: 'coverage unknown', scenario: { infra, services: [servicePosture('Api', { needs: [denied('S3Gateway', 's3', { missing: [STARPORT], covered: 'unknown' })] })] } },
  ],
  invalid: [
    {
      name: 'S3 gateway policy without the ECR layer bucket: at the policy, with the starport hint',
      scenario: { infra, services: [servicePosture('Api', { key: 'orders-api', needs: [denied('S3Gateway', 's3', { missing: [STARPORT] })] })] },
      findings: [
        {
          resource: 'S3Gateway',
          service: 'orders-api',
          line: 210,
          message: [
            /^The policy of endpoint S3Gateway \(s3\) does not allow what service orders-api needs: arn:aws:s3:::prod-eu-west-1-starport-layer-bucket\/\*\./,
            /AccessDenied, so tasks cannot start/,
            /s3:GetObject on arn:aws:s3:::prod-<region>-starport-layer-bucket\/\*/,
          ],
        },
      ],
    },
    {
      name: 'no missing list: the analysis detail says what is denied; endpoint without policy object points at the endpoint',
      scenario: { infra, services: [servicePosture('Api', { needs: [denied('Sqs', 'sqs', { kind: 'runtime', detail: 'sqs:SendMessage on the orders queue' })] })] },
      findings: [{ resource: 'Sqs', line: 300, message: [/^Endpoint Sqs \(sqs\) refuses calls service Api needs through it: sqs:SendMessage on the orders queue\./, /fail at run time/, /Add a statement to the endpoint policy/] }],
    },
    {
      name: 'the analysis detail names the layer bucket: the ECR hint follows',
      scenario: {
        infra,
        services: [servicePosture('Api', { needs: [denied('S3Gateway', 's3', { detail: 'the policy of endpoint S3Gateway does not allow s3:GetObject on arn:aws:s3:::prod-<region>-starport-layer-bucket/* (ECR image layers)' })] })],
      },
      findings: [{ resource: 'S3Gateway', line: 210, message: [/refuses calls service Api needs through it: the policy of endpoint S3Gateway does not allow s3:GetObject/, /where ECR keeps image layers/] }],
    },
    {
      name: 'ecr.api without the registry token: the hint says it only works on *',
      scenario: {
        infra: { vpcEndpoints: [...infra.vpcEndpoints, endpoint('EcrApi', 'ecr.api', { line: 400 })] },
        services: [servicePosture('Api', { needs: [denied('EcrApi', 'ecr.api', { detail: 'the policy of endpoint EcrApi does not allow ecr:GetAuthorizationToken on * (private ECR image)' })] })],
      },
      findings: [{ resource: 'EcrApi', line: 400, message: [/does not allow ecr:GetAuthorizationToken on \*/, /tasks cannot start/, /ecr:GetAuthorizationToken on Resource "\*" \(the action supports no other resource/] }],
    },
    {
      name: 'two services: one finding, both named',
      scenario: {
        infra,
        services: [
          servicePosture('Api', { needs: [denied('S3Gateway', 's3', { missing: [STARPORT] })] }),
          servicePosture('Worker', { needs: [denied('S3Gateway', 's3', { missing: [STARPORT, 'arn:aws:s3:::reports/*'] })] }),
        ],
      },
      findings: [{ resource: 'S3Gateway', service: null, message: [/services Api and Worker need: .*starport-layer-bucket\/\* and arn:aws:s3:::reports\/\*/] }],
    },
  ],
});

describe('FW307 in a CDK stack pinned to a region', () => {
  it('the S3 gateway policy allows only another region\'s ECR layer bucket: the stack\'s region is the pinned one, so the need names it', () => {
    const { findings, errors } = scanPath('test/fixtures/cdk/pinned-layer-bucket');
    assert.deepEqual(errors, []);
    const fw307 = findings.filter((f) => f.ruleId === 'FW307');
    assert.deepEqual(fw307.map((f) => f.resource), ['Vpcs3Endpoint9F8E7D6C']);
    assert.match(fw307[0]!.message, /does not allow s3:GetObject on arn:aws:s3:::prod-<region>-starport-layer-bucket/);
  });
});
