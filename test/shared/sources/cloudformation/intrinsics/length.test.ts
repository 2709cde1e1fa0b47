import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evalPlain, evalYaml, problemMessages } from '../../../../support/cloudformation.ts';

const sections = `Parameters:
  Subnets: { Type: CommaDelimitedList, Default: 'a,b,c' }
  NoDefault: { Type: CommaDelimitedList }
`;

describe('Fn::Length', () => {
  const cases: [string, unknown][] = [
    ['!Length [a, b]', 2],
    ['!Length []', 0],
    // YAML allows one tag per node, so the inner function takes its long form.
    ['!Length { Ref: Subnets }', 3],
    ["!Length [a, !Ref 'AWS::NoValue']", 1],
    ["!Length { 'Fn::GetAZs': '' }", 6],
    ['!Length { Ref: NoDefault }', '?parameter NoDefault has no default'],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(evalPlain(expr, { sections }), expected);
    });
  }

  it('a non-list is a problem', () => {
    const { value, template } = evalYaml('!Length notalist');
    assert.equal(value?.kind, 'unknown');
    assert.match(problemMessages(template).join(), /takes a list, found a string/);
  });
});
