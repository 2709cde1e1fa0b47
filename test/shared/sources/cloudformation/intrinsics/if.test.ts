import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evalPlain, evalYaml, problemMessages } from '../../../../support/cloudformation.ts';

const sections = `Parameters:
  Env: { Type: String, Default: prod }
  NoDefault: { Type: String }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Equals [!Ref Env, dev]
  Unknown: !Equals [!Ref NoDefault, x]
`;

describe('Fn::If', () => {
  const cases: [string, unknown][] = [
    ['!If [IsProd, ENABLED, DISABLED]', 'ENABLED'],
    ['!If [IsDev, ENABLED, DISABLED]', 'DISABLED'],
    ['{ "Fn::If": [IsProd, [a], [b]] }', ['a']],
    ['!If [IsProd, { A: 1 }, !Ref AWS::NoValue]', { A: 1 }],
    ['!If [Unknown, ENABLED, DISABLED]', '?condition Unknown cannot be decided from the files'],
    // When both branches agree the condition does not matter.
    ['!If [Unknown, same, same]', 'same'],
    ['!If [Unknown, [!Ref Env], [prod]]', ['prod']],
    ['[a, !If [IsDev, b, !Ref AWS::NoValue], c]', ['a', 'c']],
    ['{ K: !If [IsDev, v, !Ref AWS::NoValue], L: 1 }', { L: 1 }],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(evalPlain(expr, { sections }), expected);
    });
  }

  it('AWS::NoValue in the chosen branch removes the key', () => {
    const { template } = evalYaml('!If [IsDev, x, !Ref AWS::NoValue]', { sections });
    assert.equal(template.resources.get('Subject')!.properties.entries.has('Value'), false);
  });

  it('an unknown condition is recorded as unresolved at the property', () => {
    const { template } = evalYaml('!If [Unknown, a, b]', { sections });
    assert.ok(template.unresolved.some((u) => u.loc.path === 'Resources.Subject.Properties.Value' && u.reason === 'condition Unknown cannot be decided from the files'));
  });

  const invalid: [string, RegExp][] = [
    ['!If [Missing, a, b]', /condition Missing is not defined in Conditions/],
    ['!If [IsProd, a]', /takes \[condition, value if true, value if false\]/],
    ['!If [[IsProd], a, b]', /takes the name of a condition/],
  ];
  for (const [expr, message] of invalid) {
    it(`${expr} is a problem`, () => {
      const { value, template } = evalYaml(expr, { sections });
      assert.equal(value?.kind, 'unknown');
      assert.match(problemMessages(template).join('\n'), message);
    });
  }
});
