import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { canonicalJson, statementsFromJson } from '../../../../src/shared/analysis/iam/policy-json.ts';
import { src } from '../../../support/model.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, 1], c: null } }), '{"a":{"c":null,"d":[2,1]},"b":1}');
    assert.equal(canonicalJson({ StringEquals: { b: 'x', a: 'y' } }), canonicalJson({ StringEquals: { a: 'y', b: 'x' } }));
  });
});

describe('statementsFromJson', () => {
  const at = src(7);

  it('reads single values and lists, NotAction/NotResource and conditions', () => {
    const { statements, problems } = statementsFromJson(
      {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/*'], Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
          { Effect: 'Deny', NotAction: ['iam:*'], NotResource: 'arn:aws:iam::*:role/x' },
        ],
      },
      at,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(statements, [
      {
        sid: 'A', effect: 'Allow', source: at,
        actions: [{ known: true, value: 's3:GetObject', source: at }],
        resources: [{ known: true, value: 'arn:aws:s3:::b/*', source: at }],
        condition: '{"Bool":{"aws:SecureTransport":"true"}}',
      },
      {
        effect: 'Deny', source: at,
        notActions: [{ known: true, value: 'iam:*', source: at }],
        notResources: [{ known: true, value: 'arn:aws:iam::*:role/x', source: at }],
      },
    ]);
  });

  it('accepts a single Statement object and reports malformed input instead of throwing', () => {
    assert.equal(statementsFromJson({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }, at).statements.length, 1);
    assert.deepEqual(statementsFromJson(null, at), { statements: [], problems: ['the policy document has no Statement'] });
    const odd = statementsFromJson({ Statement: [{ Effect: 'Maybe' }, { Effect: 'Allow', Action: [1], Resource: '*' }] }, at);
    assert.deepEqual(odd.problems, ['statement 1 has no valid Effect']);
    assert.equal(odd.statements[0].actions?.[0].known, false);
  });
});
