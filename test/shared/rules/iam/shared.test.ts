import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  conditionKeys, coversEveryRole, coversStar, formatList, parameterArnCandidates, resourceCovers, roleAllows, secretArnCandidates, withOnlyWhen, worstFirstActions, type Tri,
} from '../../../../src/shared/rules/iam/shared.ts';
import { iamRules } from '../../../../src/shared/rules/iam/index.ts';
import { grant, pattern, perms } from '../../../support/iam.ts';

describe('resourceCovers', () => {
  const declared = (id: string) => id === 'DbSecret' || id === 'OtherSecret';
  const cases: [string, string, Tri][] = [
    ['*', 'arn:aws:secretsmanager:eu-west-1:1:secret:a-AbCdEf', 'yes'],
    ['arn:aws:secretsmanager:eu-west-1:1:secret:a-*', 'arn:aws:secretsmanager:eu-west-1:1:secret:a-AbCdEf', 'yes'],
    ['arn:aws:secretsmanager:eu-west-1:1:secret:b-*', 'arn:aws:secretsmanager:eu-west-1:1:secret:a-AbCdEf', 'no'],
    ['${DbSecret}', '${DbSecret}', 'yes'],
    ['${OtherSecret}', '${DbSecret}', 'no'],
    // A parameter may hold any ARN, so only declared resources are known to differ.
    ['${SecretArnParam}', '${DbSecret}', 'unknown'],
    ['arn:aws:ssm:*:*:parameter/app/*', 'arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/db', 'yes'],
    ['arn:aws:ssm:eu-west-1:1:parameter/app/db', 'arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/db', 'unknown'],
    ['arn:aws:ssm:eu-west-1:1:parameter/other', 'arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/db', 'no'],
    ['arn:${AWS::Partition}:s3:::b/*', 'arn:aws:s3:::b/key', 'yes'],
    ['NOT arn:aws:s3:::b/*', 'arn:aws:s3:::b/key', 'no'],
    ['NOT arn:aws:s3:::b/*', 'arn:aws:s3:::c/key', 'yes'],
    ['NOT arn:aws:s3:::b/*, ${Other}', 'arn:aws:s3:::c/key', 'unknown'],
    ['${Unknown}', 'arn:aws:s3:::c/key', 'unknown'],
    // An unknown region or account is one ARN field: it cannot hide `:secret:other-`.
    ['arn:aws:secretsmanager:*:*:secret:other-*', 'arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/db-${SecretSuffix}', 'no'],
    ['arn:aws:secretsmanager:eu-west-1:*:secret:prod/*', 'arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/db-${SecretSuffix}', 'unknown'],
    // Any other placeholder may hold anything.
    ['arn:aws:secretsmanager:*:*:secret:other-*', '${SecretArnParam}', 'unknown'],
  ];
  for (const [p, v, want] of cases) test(`${p} vs ${v} → ${want}`, () => assert.equal(resourceCovers(p, v, declared), want));
});

describe('secret and parameter ARNs', () => {
  test('full ARN with a JSON key selector is cut to the secret ARN', () => {
    assert.deepEqual(secretArnCandidates('arn:aws:secretsmanager:eu-west-1:1:secret:db-AbCdEf:password:AWSCURRENT:'), [
      'arn:aws:secretsmanager:eu-west-1:1:secret:db-AbCdEf',
      'arn:aws:secretsmanager:eu-west-1:1:secret:db-AbCdEf-${SecretSuffix}',
    ]);
  });
  test('partial ARN (no suffix) gets the unknown suffix', () => {
    assert.deepEqual(secretArnCandidates('arn:aws:secretsmanager:eu-west-1:1:secret:prod/db'), ['arn:aws:secretsmanager:eu-west-1:1:secret:prod/db-${SecretSuffix}']);
  });
  test('pseudo parameters keep their colons inside the placeholder', () => {
    assert.deepEqual(secretArnCandidates('arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/db'), [
      'arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/db-${SecretSuffix}',
    ]);
  });
  test('a template reference with a field selector is the reference', () => {
    assert.deepEqual(secretArnCandidates('${DbSecret}:password::'), ['${DbSecret}']);
  });
  test('a bare name is in the task\'s account and region', () => {
    assert.deepEqual(secretArnCandidates('prod/db'), ['arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/db-${SecretSuffix}']);
  });
  test('SSM names with and without a leading slash, and placeholders', () => {
    assert.deepEqual(parameterArnCandidates('/app/db'), ['arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/db']);
    assert.deepEqual(parameterArnCandidates('app-db'), ['arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app-db']);
    assert.equal(parameterArnCandidates('${DbParam}').length, 2);
    assert.deepEqual(parameterArnCandidates('arn:aws:ssm:eu-west-1:1:parameter/x'), ['arn:aws:ssm:eu-west-1:1:parameter/x']);
  });
});

describe('roleAllows', () => {
  test('yes, no, unknown', () => {
    assert.equal(roleAllows(perms('R', { grants: [grant('s3:GetObject', { resource: 'arn:aws:s3:::b/*' })] }), 's3:getobject', ['arn:aws:s3:::b/k']), 'yes');
    assert.equal(roleAllows(perms('R', { grants: [grant('s3:GetObject', { resource: 'arn:aws:s3:::b/*' })] }), 's3:GetObject', ['arn:aws:s3:::c/k']), 'no');
    assert.equal(roleAllows(perms('R', { unknown: ['x'] }), 's3:GetObject'), 'unknown');
    assert.equal(roleAllows(perms('R', { grants: [grant('s3:GetObject', { condition: { Bool: { 'aws:SecureTransport': 'true' } } })] }), 's3:GetObject'), 'unknown');
    assert.equal(roleAllows(perms('R', { patterns: [pattern('s3:*')] }), 's3:GetObject'), 'unknown');
    assert.equal(roleAllows(perms('R', { patterns: [pattern('s3:*'), pattern('s3:Get*', { effect: 'Deny' })] }), 's3:GetObject'), 'no');
  });
});

describe('small helpers', () => {
  test('coversEveryRole', () => {
    assert.ok(coversEveryRole('*'));
    assert.ok(coversEveryRole('arn:aws:iam::123456789012:role/*'));
    assert.ok(coversEveryRole('arn:aws:iam::*:*'));
    assert.ok(!coversEveryRole('arn:aws:iam::123456789012:role/app-*'));
  });
  test('conditionKeys', () => {
    assert.deepEqual(conditionKeys('{"StringEquals":{"aws:SourceAccount":"1","iam:PassedToService":"x"}}'), ['aws:sourceaccount', 'iam:passedtoservice']);
    assert.equal(conditionKeys('not json'), undefined);
  });
  test('formatList caps', () => {
    assert.equal(formatList(['a', 'b', 'c'], 2), 'a, b and 1 more');
    assert.equal(formatList(['a', 'b'], 2), 'a, b');
  });
});

describe('iamRules', () => {
  const expected: Record<string, string> = {
    FW101: 'critical', FW102: 'high', FW103: 'high', FW104: 'medium', FW105: 'medium', FW106: 'medium', FW107: 'high', FW108: 'medium', FW109: 'low',
  };
  test('catalog order, ids and default severities as in DESIGN.md', () => {
    assert.deepEqual(iamRules.map((r) => r.meta.id), Object.keys(expected));
    for (const r of iamRules) assert.equal(r.meta.severity, expected[r.meta.id], r.meta.id);
  });
  test('every rule has its docs page', () => {
    for (const r of iamRules) {
      const path = fileURLToPath(new URL(`../../../../docs/rules/${r.meta.id}.md`, import.meta.url));
      assert.ok(existsSync(path), `missing ${path}`);
    }
  });
});

test('coversStar: which statement resources match the literal resource "*" of an action without resource-level permissions', () => {
  const cases: [string, string][] = [
    ['*', 'yes'],
    ['?', 'yes'],
    ['**', 'yes'],
    ['??', 'no'],
    ['arn:aws:ecr:eu-west-1:123456789012:repository/api', 'no'],
    ['arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/*', 'no'],
    ['${TokenResource}', 'unknown'],
    ['${Unknown}', 'unknown'],
    ['NOT arn:aws:ecr:eu-west-1:123456789012:repository/api', 'yes'],
    ['NOT *', 'no'],
    ['NOT ${Excluded}', 'unknown'],
  ];
  for (const [resource, expected] of cases) assert.equal(coversStar(resource), expected, resource);
});

describe('worstFirstActions per outcome', () => {
  const inEnv = (env: string) => ({ 'CloudFormation::Condition': { Env: env } });
  const grants = [grant('s3:GetObject', { condition: inEnv('dev') }), grant('s3:GetObject', { condition: inEnv('prod') }), grant('s3:PutObject'), grant('s3:PutObject', { condition: inEnv('prod') })];
  const shown = (perOutcome: boolean) => worstFirstActions(grants, perOutcome).map((g) => withOnlyWhen(g.action, g.condition));

  test('one per action and outcome, an action every deployment has once', () => {
    assert.deepEqual(shown(true), ['s3:PutObject', 's3:GetObject (only when Env is dev)', 's3:GetObject (only when Env is prod)']);
  });

  test('one per action otherwise', () => {
    assert.deepEqual(shown(false), ['s3:PutObject', 's3:GetObject (only when Env is dev)']);
  });
});
