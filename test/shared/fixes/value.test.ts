import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getAtt, ref, sameValue, valueKey, type CfnValue } from '../../../src/shared/fixes/value.ts';

// Values that are alike in one way and not another: key order, `'443'` against 443, strings that
// look like other kinds, nesting, and text that would collide in a naive join.
const values: CfnValue[] = [
  443,
  '443',
  '0443',
  'true',
  true,
  false,
  null,
  'null',
  '',
  [],
  {},
  [443],
  ['443'],
  [443, 80],
  [80, 443],
  ['a,b'],
  ['a', 'b'],
  { a: 'b,c' },
  { a: 'b', c: 'd' },
  { c: 'd', a: 'b' },
  { a: { b: 1 } },
  { 'a:b': 1 },
  { a: '"b"' },
  { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' },
  { ToPort: '443', CidrIp: '0.0.0.0/0', FromPort: '443', IpProtocol: 'tcp' },
  { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationSecurityGroupId: ref('Sg') },
  { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationSecurityGroupId: getAtt('Sg', 'GroupId') },
];

describe('valueKey', () => {
  it('is the same for two values exactly when sameValue holds for them', () => {
    for (const a of values) {
      for (const b of values) {
        assert.equal(valueKey(a) === valueKey(b), sameValue(a, b), `${JSON.stringify(a)} and ${JSON.stringify(b)}`);
      }
    }
  });
});
