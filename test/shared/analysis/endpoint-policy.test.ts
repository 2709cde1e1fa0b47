import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PolicyRequirement } from '../../../src/shared/analysis/endpoint-policy.ts';
import { ecrPolicyUnrestricted, endpointRegion, policyAllows, policySatisfies } from '../../../src/shared/analysis/endpoint-policy.ts';
import type { Tri } from '../../../src/shared/analysis/security-group-match.ts';
import type { PolicyDocument } from '../../../src/shared/model/index.ts';
import { external, known, ref, unknown } from '../../support/model.ts';
import { policy, statement } from '../../support/network.ts';

const layers: PolicyRequirement = { kind: 'ecr-layers' };
const STARPORT = 'arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*';

describe('policySatisfies: ECR image layers (reference 003)', () => {
  const cases: [string, PolicyDocument | undefined, string | undefined, Tri][] = [
    ['no policy (full access)', undefined, undefined, true],
    ['allow * on *', policy(statement('Allow', ['*'], ['*'])), undefined, true],
    ['bucket policy for the app bucket only', policy(statement('Allow', ['s3:GetObject'], ['arn:aws:s3:::my-app-bucket/*'])), undefined, false],
    ['app bucket plus the starport bucket', policy(statement('Allow', ['s3:GetObject'], ['arn:aws:s3:::my-app-bucket/*', STARPORT])), 'us-east-1', true],
    ['starport bucket with ${AWS::Region}', policy(statement('Allow', ['s3:Get*'], ['arn:aws:s3:::prod-${AWS::Region}-starport-layer-bucket/*'])), undefined, true],
    ['starport bucket of another region', policy(statement('Allow', ['s3:GetObject'], ['arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*'])), 'us-east-1', false],
    ['region unknown: the region the policy names is accepted', policy(statement('Allow', ['s3:GetObject'], [STARPORT])), undefined, true],
    ['only PutObject', policy(statement('Allow', ['s3:PutObject'], [STARPORT])), 'us-east-1', false],
    ['explicit deny of the bucket', policy(statement('Allow', ['*'], ['*']), statement('Deny', ['s3:*'], [STARPORT])), 'us-east-1', false],
    ['conditional allow only', policy(statement('Allow', ['s3:GetObject'], [STARPORT], { condition: '{"StringEquals":{"aws:PrincipalAccount":"1"}}' })), 'us-east-1', 'unknown'],
    ['NotResource excluding the bucket', policy({ effect: 'Allow', actions: [known('s3:*')], notResources: [known(STARPORT)], source: known('').source }), 'us-east-1', false],
    ['NotAction not covering GetObject', policy({ effect: 'Allow', notActions: [known('s3:Delete*')], resources: [known('*')], source: known('').source }), 'us-east-1', true],
    ['unresolved action', policy({ effect: 'Allow', actions: [unknown()], resources: [known('*')], source: known('').source }), 'us-east-1', 'unknown'],
    ['whole document unknown', { ...policy(), unknown: 'Fn::If on an unknown condition' }, 'us-east-1', 'unknown'],
  ];
  for (const [name, doc, region, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(policySatisfies(doc, layers, region), expected));
  }
});

describe('policySatisfies: request lists', () => {
  const secret = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf';
  const all: PolicyRequirement = { kind: 'all', requests: [{ action: 'secretsmanager:GetSecretValue', resource: secret }, { action: 'kms:Decrypt' }] };
  const any: PolicyRequirement = { kind: 'any', requests: [{ action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:1:a' }, { action: 'sqs:ReceiveMessage', resource: 'arn:aws:sqs:us-east-1:1:b' }] };
  it('all: every request must pass', () => {
    assert.equal(policySatisfies(policy(statement('Allow', ['secretsmanager:GetSecretValue', 'kms:Decrypt'], ['*'])), all, undefined), true);
    assert.equal(policySatisfies(policy(statement('Allow', ['secretsmanager:GetSecretValue'], ['*'])), all, undefined), false);
  });
  it('all: an unknown request resource against a specific ARN is unknown', () => {
    assert.equal(policySatisfies(policy(statement('Allow', ['*'], [secret])), { kind: 'all', requests: [{ action: 'secretsmanager:GetSecretValue' }] }, undefined), 'unknown');
  });
  it('any: one allowed request is enough', () => {
    assert.equal(policySatisfies(policy(statement('Allow', ['sqs:*'], ['arn:aws:sqs:us-east-1:1:b'])), any, undefined), true);
    assert.equal(policySatisfies(policy(statement('Allow', ['sqs:*'], ['arn:aws:sqs:us-east-1:1:c'])), any, undefined), false);
  });
  it('request resources with placeholders are not refuted by a literal pattern', () => {
    const doc = policy(statement('Allow', ['ecr:*'], ['arn:aws:ecr:us-east-1:123456789012:repository/*']));
    assert.equal(policyAllows(doc, { action: 'ecr:BatchGetImage', resource: 'arn:aws:ecr:${AWS::Region}:${AWS::AccountId}:repository/api' }), 'unknown');
    assert.equal(policyAllows(doc, { action: 'ecr:BatchGetImage', resource: 'arn:aws:ecr:us-east-1:123456789012:repository/api' }), true);
    assert.equal(policyAllows(doc, { action: 'ecr:BatchGetImage', resource: 'arn:aws:ecr:us-east-1:999999999999:repository/api' }), false);
  });
  it('actions match case-insensitively, resources case-sensitively', () => {
    assert.equal(policyAllows(policy(statement('Allow', ['S3:getobject'], ['arn:aws:s3:::b/*'])), { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }), true);
    assert.equal(policyAllows(policy(statement('Allow', ['s3:GetObject'], ['arn:aws:s3:::B/*'])), { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' }), false);
  });
});

describe('ecrPolicyUnrestricted (reference 001)', () => {
  const cases: [string, PolicyDocument | undefined, Tri][] = [
    ['no policy', undefined, true],
    ['allow * on *', policy(statement('Allow', ['*'], ['*'])), true],
    ["reference 001's policy: * on the account's repositories", policy(statement('Allow', ['*'], ['arn:aws:ecr:us-east-1:123456789012:repository/*'])), false],
    ['account via pseudo parameter', policy(statement('Allow', ['ecr:*'], ['arn:aws:ecr:${AWS::Region}:${AWS::AccountId}:repository/*'])), false],
    ['any account', policy(statement('Allow', ['ecr:*'], ['arn:aws:ecr:us-east-1:*:repository/*'])), true],
    ['GetAuthorizationToken on * is fine', policy(statement('Allow', ['ecr:GetAuthorizationToken'], ['*']), statement('Allow', ['ecr:BatchGetImage'], ['arn:aws:ecr:us-east-1:123456789012:repository/*'])), false],
    ['pull actions on *', policy(statement('Allow', ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], ['*'])), true],
    ['conditional statements count as scoped', policy(statement('Allow', ['*'], ['*'], { condition: '{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}' })), false],
    ['unknown document', { ...policy(), unknown: 'x' }, 'unknown'],
  ];
  for (const [name, doc, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(ecrPolicyUnrestricted(doc), expected));
  }
});

describe('endpointRegion', () => {
  it('reads literal regions only', () => {
    assert.equal(endpointRegion(known('com.amazonaws.eu-west-1.s3')), 'eu-west-1');
    assert.equal(endpointRegion(known('com.amazonaws.us-gov-west-1.ecr.dkr')), 'us-gov-west-1');
    assert.equal(endpointRegion(known('com.amazonaws.${AWS::Region}.s3')), undefined);
    assert.equal(endpointRegion(unknown()), undefined);
  });
});

describe('policyAllows: principals (the caller is the role that signs the request)', () => {
  const REPO = 'arn:aws:ecr:us-east-1:123456789012:repository/api';
  const pull = { action: 'ecr:BatchGetImage', resource: REPO };
  const exec = ref('ExecRole');
  const allowFor = (...principals: string[]) => statement('Allow', ['ecr:*'], ['*'], { principals: principals.map((p) => known(p)) });
  const denyFor = (...principals: string[]) => statement('Deny', ['ecr:*'], ['*'], { principals: principals.map((p) => known(p)) });
  const cases: [string, PolicyDocument, Tri][] = [
    ['Principal *', policy(allowFor('AWS:*')), true],
    ['no Principal: everyone', policy(statement('Allow', ['ecr:*'], ['*'])), true],
    ['only a CI role: may not be the caller', policy(allowFor('AWS:${CiRole.Arn}')), 'unknown'],
    ['an account: may hold the caller, as may not', policy(allowFor('AWS:arn:aws:iam::123456789012:root')), 'unknown'],
    ['the execution role itself', policy(allowFor('AWS:${ExecRole.Arn}')), true],
    ['the CI role or the execution role', policy(allowFor('AWS:${CiRole.Arn}', 'AWS:${ExecRole.Arn}')), true],
    ['an unresolved principal', policy(statement('Allow', ['ecr:*'], ['*'], { principals: [unknown()] })), 'unknown'],
    ['NotPrincipal naming the caller: not for it', policy(statement('Allow', ['ecr:*'], ['*'], { notPrincipals: [known('AWS:${ExecRole.Arn}')] })), false],
    ['NotPrincipal naming others: undecided', policy(statement('Allow', ['ecr:*'], ['*'], { notPrincipals: [known('AWS:${CiRole.Arn}')] })), 'unknown'],
    ['Deny for everyone', policy(allowFor('AWS:*'), denyFor('AWS:*')), false],
    ['Deny for the caller', policy(allowFor('AWS:*'), denyFor('AWS:${ExecRole.Arn}')), false],
    ['Deny for another principal: neither denies nor spares the caller', policy(allowFor('AWS:*'), denyFor('AWS:${CiRole.Arn}')), 'unknown'],
  ];
  for (const [name, doc, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(policyAllows(doc, pull, exec), expected));
  }
  it('without a known caller a specific principal is never taken for it', () => {
    assert.equal(policyAllows(policy(allowFor('AWS:${ExecRole.Arn}')), pull), 'unknown');
    assert.equal(policyAllows(policy(allowFor('AWS:${ExecRole.Arn}')), pull, ref('ExecRole', 'other.yaml')), 'unknown', '${ExecRole.Arn} is the role of the policy\'s own file');
  });
  it('a caller written out as an ARN matches the same ARN', () => {
    const arn = 'arn:aws:iam::123456789012:role/ecs-exec';
    assert.equal(policyAllows(policy(allowFor(`AWS:${arn}`)), pull, external(arn)), true);
    assert.equal(policyAllows(policy(allowFor('AWS:arn:aws:iam::123456789012:role/ci')), pull, external(arn)), 'unknown');
  });
  it('the caller travels with the requirement', () => {
    const doc = policy(allowFor('AWS:${ExecRole.Arn}'));
    assert.equal(policySatisfies(doc, { kind: 'all', requests: [pull], caller: exec }, undefined), true);
    assert.equal(policySatisfies(doc, { kind: 'all', requests: [pull], caller: ref('TaskRole') }, undefined), 'unknown');
    assert.equal(policySatisfies(policy(statement('Allow', ['s3:GetObject'], [STARPORT], { principals: [known('AWS:${ExecRole.Arn}')] })), layers, 'us-east-1'), 'unknown', 'layer URLs are presigned by ECR');
  });
});

describe('policyAllows: the stack\'s account and region in a policy resource', () => {
  const own = policy(statement('Allow', ['ecr:*'], ['arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/*']));
  const pull = (resource: string) => ({ action: 'ecr:BatchGetImage', resource });
  const cases: [string, string, string | undefined, Tri][] = [
    ['an image of the stack\'s own account (`!Sub ${AWS::AccountId}.dkr.ecr…`)', 'arn:aws:ecr:${AWS::Region}:${AWS::AccountId}:repository/api', undefined, true],
    ['an account written out: the stack\'s only if deployed there', 'arn:aws:ecr:${AWS::Region}:999988887777:repository/shared/api', undefined, 'unknown'],
    ['a region written out, against a region the files do not hold', 'arn:aws:ecr:us-east-1:${AWS::AccountId}:repository/api', undefined, 'unknown'],
    ['a region written out, the endpoint\'s own', 'arn:aws:ecr:us-east-1:${AWS::AccountId}:repository/api', 'us-east-1', true],
    ['a region written out, not the endpoint\'s: whatever the account', 'arn:aws:ecr:eu-west-1:999988887777:repository/api', 'us-east-1', false],
    ['another service altogether is still refused', 'arn:aws:s3:::bucket/key', undefined, false],
  ];
  for (const [name, resource, region, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(policyAllows(own, pull(resource), undefined, region), expected));
  }
  it('a Deny outside the stack\'s account is undecided for an account written out, not passed', () => {
    const denyOthers = policy(statement('Allow', ['*'], ['*']), { effect: 'Deny', actions: [known('ecr:*')], notResources: [known('arn:aws:ecr:*:${AWS::AccountId}:repository/*')], source: known('').source });
    assert.equal(policyAllows(denyOthers, pull('arn:aws:ecr:us-east-1:999988887777:repository/x')), 'unknown');
    assert.equal(policyAllows(denyOthers, pull('arn:aws:ecr:${AWS::Region}:${AWS::AccountId}:repository/x')), true);
  });
  it('other placeholders still stand for anything', () => {
    assert.equal(policyAllows(policy(statement('Allow', ['ecr:*'], ['${Repository.Arn}'])), pull('arn:aws:ecr:us-east-1:999988887777:repository/x')), true);
  });
});
