import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeEcrEndpointPolicy, rule } from '../../../../src/shared/rules/endpoints/FW308-ecr-endpoint-unrestricted.ts';
import { accountScopedEcrPolicy, endpoint, need, policy, problem, ruleTable, servicePosture, statement } from '../../../support/endpoint-rules.ts';

const ANY = statement({ actions: ['ecr:*'], resources: ['*'], line: 231 });
const unrestricted = (ep: string, covered: boolean | 'unknown' = true, detail = 'default full-access policy') =>
  need('ecr.api', { covered, via: `endpoint:${ep}`, problems: [problem('ecr-endpoint-unrestricted', ep, { detail })] });

ruleTable(rule, {
  valid: [
    { name: 'no endpoints', scenario: {} },
    { name: 'policy limited to the account’s repositories', scenario: { infra: { vpcEndpoints: [endpoint('EcrApi', 'ecr.api', { policy: accountScopedEcrPolicy() })] } } },
    { name: 'not an ECR endpoint (logs without policy)', scenario: { infra: { vpcEndpoints: [endpoint('Logs', 'logs')] } } },
    { name: 'service name unresolved', scenario: { infra: { vpcEndpoints: [endpoint('Ep', 'ecr.api', { unknownService: true })] } } },
    { name: 'policy document unresolved', scenario: { infra: { vpcEndpoints: [endpoint('EcrApi', 'ecr.api', { policy: policy([], 210, { unknown: '!If on an unknown condition' }) })] } } },
    {
      name: 'only GetAuthorizationToken on * (it supports nothing else)',
      scenario: { infra: { vpcEndpoints: [endpoint('EcrApi', 'ecr.api', { policy: policy([statement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] })]) })] } },
    },
    {
      name: 'a specific principal on * (the rule is about open endpoints)',
      scenario: { infra: { vpcEndpoints: [endpoint('EcrApi', 'ecr.api', { policy: policy([statement({ principals: ['AWS:arn:aws:iam::111122223333:role/exec'], actions: ['ecr:*'], resources: ['*'] })]) })] } },
    },
    {
      name: 'Allow * with an aws:ResourceAccount condition',
      scenario: {
        infra: {
          vpcEndpoints: [
            endpoint('EcrApi', 'ecr.api', { policy: policy([statement({ actions: ['ecr:*'], resources: ['*'], condition: '{"StringEquals":{"aws:ResourceAccount":"${AWS::AccountId}"}}' })]) }),
          ],
        },
      },
    },
    {
      name: 'Allow * guarded by a Deny outside the account',
      scenario: {
        infra: {
          vpcEndpoints: [
            endpoint('EcrDkr', 'ecr.dkr', {
              policy: policy([ANY, statement({ effect: 'Deny', actions: ['*'], resources: ['*'], condition: '{"StringNotEquals":{"aws:ResourceAccount":"111122223333"}}' })]),
            }),
          ],
        },
      },
    },
    {
      name: 'resource unresolved: neither open nor closed',
      scenario: { infra: { vpcEndpoints: [endpoint('EcrApi', 'ecr.api', { policy: policy([statement({ actions: ['ecr:BatchGetImage'], unknownResource: true })]) })] } },
    },
    {
      name: 'analysis problem on a need of unknown coverage, policy restricted',
      scenario: {
        infra: { vpcEndpoints: [endpoint('EcrApi', 'ecr.api', { policy: accountScopedEcrPolicy() })] },
        services: [servicePosture('Api', { needs: [unrestricted('EcrApi', 'unknown')] })],
      },
    },
    {
      name: 'the analysis flags an endpoint whose policy reads as restricted: the policy decides',
      scenario: {
        infra: { vpcEndpoints: [endpoint('EcrApi', 'ecr.api', { policy: accountScopedEcrPolicy() })] },
        services: [servicePosture('Api', { needs: [unrestricted('EcrApi', false, 'no policy limiting it to the account')] })],
      },
    },
    {
      name: 'the analysis flags an endpoint whose policy is unresolved: unknown is never a finding',
      scenario: {
        infra: { vpcEndpoints: [endpoint('EcrApi', 'ecr.api', { policy: policy([statement({ actions: ['ecr:BatchGetImage'], unknownResource: true })]) })] },
        services: [servicePosture('Api', { needs: [unrestricted('EcrApi')] })],
      },
    },
  ],
  invalid: [
    {
      name: 'no policy: the default allows everything; once, naming the one service that uses it',
      scenario: {
        infra: { vpcEndpoints: [endpoint('EcrApi', 'ecr.api', { line: 200 })] },
        services: [servicePosture('Api', { key: 'orders-api', needs: [need('ecr.api', { covered: true, via: 'endpoint:EcrApi' }), need('ecr.api', { covered: true, kind: 'runtime', via: 'endpoint:EcrApi' })] })],
      },
      findings: [
        {
          severity: 'low',
          resource: 'EcrApi',
          service: 'orders-api',
          line: 200,
          message: [/^ECR endpoint EcrApi \(ecr\.api\) has no endpoint policy \(used by service orders-api\), so the default policy applies/, /repository\/\*/],
        },
      ],
    },
    {
      name: 'no policy and no service using it: still reported (the endpoint is the exposure)',
      scenario: { infra: { vpcEndpoints: [endpoint('EcrDkr', 'ecr.dkr', { line: 250 })] } },
      findings: [{ resource: 'EcrDkr', line: 250, message: [/^ECR endpoint EcrDkr \(ecr\.dkr\) has no endpoint policy, so/] }],
    },
    {
      name: 'ecr:* to anyone on *: at the statement',
      scenario: { infra: { vpcEndpoints: [endpoint('EcrApi', 'ecr.api', { policy: policy([statement({ sid: 'AllowAll', actions: ['ecr:*'], resources: ['*'], line: 231 })]) })] } },
      findings: [{ resource: 'EcrApi', line: 231, message: [/has a policy statement \(AllowAll\) that allows ecr:\* to any principal on \*:/] }],
    },
    {
      name: 'any account’s repositories by ARN wildcard',
      scenario: {
        infra: { vpcEndpoints: [endpoint('EcrApi', 'ecr.api', { policy: policy([statement({ actions: ['ecr:BatchGetImage', 'ecr:GetAuthorizationToken'], resources: ['arn:aws:ecr:*:*:repository/*'], line: 240 })]) })] },
      },
      findings: [{ resource: 'EcrApi', line: 240, message: [/allows ecr:BatchGetImage to any principal on arn:aws:ecr:\*:\*:repository\/\*/] }],
    },
    {
      name: 'Principal omitted and NotAction: open',
      scenario: { infra: { vpcEndpoints: [endpoint('EcrApi', 'ecr.api', { policy: policy([statement({ principals: null, notActions: ['ecr:DeleteRepository'], resources: ['*'], line: 250 })]) })] } },
      findings: [{ resource: 'EcrApi', line: 250, message: [/allows NotAction to any principal on \*/] }],
    },
    {
      name: 'two services through one endpoint, seen also as analysis problems: one finding, no single service',
      scenario: {
        infra: { vpcEndpoints: [endpoint('EcrApi', 'ecr.api')] },
        services: [servicePosture('Api', { needs: [unrestricted('EcrApi')] }), servicePosture('Worker', { needs: [unrestricted('EcrApi')] })],
      },
      findings: [{ resource: 'EcrApi', service: null, message: [/used by services Api and Worker/] }],
    },
    {
      name: 'a dozen services through one endpoint: eight named, the rest counted',
      scenario: {
        infra: { vpcEndpoints: [endpoint('EcrApi', 'ecr.api')] },
        services: Array.from({ length: 12 }, (_, i) => servicePosture(`Svc${i}`, { needs: [unrestricted('EcrApi')] })),
      },
      findings: [{ resource: 'EcrApi', service: null, message: [/used by services Svc0, Svc1, Svc2, Svc3, Svc4, Svc5, Svc6, Svc7 and 4 more\), so/] }],
    },
    {
      name: 'analysis problem about an endpoint whose service name is unresolved: reported from the analysis, at the endpoint',
      scenario: {
        infra: { vpcEndpoints: [endpoint('Registry', 'ecr.api', { line: 500, unknownService: true })] },
        services: [servicePosture('Api', { needs: [unrestricted('Registry', false, 'ECR endpoint Registry has no policy')] })],
      },
      findings: [{ resource: 'Registry', service: 'Api', line: 500, message: [/^ECR endpoint Registry \(ecr\.api\) \(used by service Api\) is not limited to the account’s own repositories, as the coverage analysis found \(ECR endpoint Registry has no policy\)/] }],
    },
    {
      name: 'analysis problem about an endpoint outside the files: attached to the service',
      scenario: { services: [servicePosture('Api', { needs: [unrestricted('Shared')] })] },
      findings: [{ resource: 'Api', service: 'Api', message: [/^ECR endpoint Shared \(ecr\.api\) \(used by service Api\) is not limited/] }],
    },
  ],
});

describe('judgeEcrEndpointPolicy', () => {
  test('verdicts', () => {
    assert.equal(judgeEcrEndpointPolicy(endpoint('E', 'ecr.api')).kind, 'no-policy');
    assert.equal(judgeEcrEndpointPolicy(endpoint('E', 'ecr.api', { policy: accountScopedEcrPolicy() })).kind, 'restricted');
    assert.equal(judgeEcrEndpointPolicy(endpoint('E', 'ecr.api', { policy: policy([ANY]) })).kind, 'open');
    assert.equal(
      judgeEcrEndpointPolicy(endpoint('E', 'ecr.api', { policy: policy([statement({ actions: ['ecr:Batch*'], resources: ['arn:aws:ecr:eu-west-1:111122223333:repository/*'] })]) })).kind,
      'restricted',
    );
    // A wildcard in the account field is any account.
    assert.equal(
      judgeEcrEndpointPolicy(endpoint('E', 'ecr.api', { policy: policy([statement({ actions: ['ecr:Batch*'], resources: ['arn:aws:ecr:eu-west-1:1111*:repository/*'] })]) })).kind,
      'open',
    );
    // Placeholders hold colons (`${AWS::Partition}`): fields are still read in the right place.
    assert.equal(
      judgeEcrEndpointPolicy(endpoint('E', 'ecr.api', { policy: policy([statement({ actions: ['ecr:BatchGetImage'], resources: ['arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/*'] })]) })).kind,
      'restricted',
    );
    assert.equal(
      judgeEcrEndpointPolicy(endpoint('E', 'ecr.api', { policy: policy([statement({ actions: ['ecr:BatchGetImage'], resources: ['arn:${AWS::Partition}:ecr:*:*:repository/*'] })]) })).kind,
      'open',
    );
    // s3 actions in an ECR endpoint policy do not open ECR repositories.
    assert.equal(judgeEcrEndpointPolicy(endpoint('E', 'ecr.api', { policy: policy([statement({ actions: ['s3:GetObject'], resources: ['*'] })]) })).kind, 'restricted');
  });
});
