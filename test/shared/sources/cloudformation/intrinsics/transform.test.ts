import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evalPlain, evalYaml } from '../../../../support/cloudformation.ts';

describe('Fn::Transform', () => {
  const cases: [string, unknown][] = [
    ["{ 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } }", '?Fn::Transform AWS::Include runs at deployment'],
    ['!Transform { Name: MyMacro }', '?Fn::Transform MyMacro runs at deployment'],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(evalPlain(expr), expected);
    });
  }

  it('is recorded as unresolved', () => {
    const { template } = evalYaml('!Transform { Name: MyMacro }');
    assert.equal(template.unresolved.length, 1);
    assert.equal(template.problems.length, 0);
  });
});
