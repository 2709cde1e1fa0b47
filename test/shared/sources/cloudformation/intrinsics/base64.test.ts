import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evalPlain } from '../../../../support/cloudformation.ts';

const sections = `Parameters:
  Env: { Type: String, Default: prod }
`;

describe('Fn::Base64', () => {
  const cases: [string, unknown][] = [
    ['!Base64 plain', 'plain'],
    ["!Base64 { 'Fn::Sub': 'echo ${Env}' }", 'echo prod'],
    ["!Base64 { 'Fn::Sub': 'echo ${AWS::Region}' }", '~echo ${AWS::Region}'],
    ["{ 'Fn::Base64': { 'Fn::Join': ['', [a, b]] } }", 'ab'],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} → ${JSON.stringify(expected)} (the text before encoding)`, () => {
      assert.deepEqual(evalPlain(expr, { sections }), expected);
    });
  }
});
