import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { equalsValues, MAX_CONDITION_CHAIN } from '../../../../src/shared/sources/cloudformation/conditions.ts';
import type { RValue } from '../../../../src/shared/sources/cloudformation/resolved.ts';
import { problemMessages, resolveYaml } from '../../../support/cloudformation.ts';

/** Resolves a template whose resource `R<name>` exists under each named condition, and reports each condition's value. */
function decide(conditions: string, names: string[], parameters = ''): { values: Record<string, boolean | 'unknown'>; problems: string[] } {
  const resources = names.map((n) => `  R${n}:\n    Type: AWS::S3::Bucket\n    Condition: ${n}\n`).join('');
  const template = resolveYaml(`Parameters:
  Env: { Type: String, Default: prod }
  Count: { Type: Number, Default: 2 }
  NoDefault: { Type: String }
${parameters}Mappings:
  M: { prod: { K: v } }
Conditions:
${conditions}Resources:
${resources}`);
  const values: Record<string, boolean | 'unknown'> = {};
  for (const n of names) values[n] = template.resources.get(`R${n}`)?.condition ?? false;
  return { values, problems: problemMessages(template) };
}

describe('conditions', () => {
  const cases: [string, boolean | 'unknown'][] = [
    ['!Equals [!Ref Env, prod]', true],
    ['!Equals [!Ref Env, dev]', false],
    ['!Equals [prod, !Ref Env]', true],
    // CloudFormation compares as strings.
    ['!Equals [!Ref Count, 2]', true],
    ["!Equals [!Ref Count, '2']", true],
    ['!Equals [!Ref NoDefault, x]', 'unknown'],
    ['!Equals [!Ref AWS::Region, us-east-1]', 'unknown'],
    ['!Equals [!Ref AWS::Region, !Ref AWS::Region]', true],
    // A partial string whose fixed parts cannot match is decidedly different.
    ["!Equals [!Sub '${AWS::StackName}-prod', dev]", false],
    ["!Equals [!Sub 'prod-${AWS::Region}', dev-eu-west-1]", false],
    ["!Equals [!Sub 'prod-${AWS::Region}', prod-eu-west-1]", 'unknown'],
    ['!Not [!Equals [!Ref Env, prod]]', false],
    ['!Not [!Equals [!Ref NoDefault, x]]', 'unknown'],
    ['!And [!Equals [a, a], !Equals [b, b]]', true],
    ['!And [!Equals [a, a], !Equals [!Ref NoDefault, x]]', 'unknown'],
    ['!And [!Equals [a, b], !Equals [!Ref NoDefault, x]]', false],
    ['!Or [!Equals [a, b], !Equals [!Ref NoDefault, x]]', 'unknown'],
    ['!Or [!Equals [a, a], !Equals [!Ref NoDefault, x]]', true],
    ['!Or [!Equals [a, b], !Equals [c, d]]', false],
    ["{ 'Fn::Equals': [{ 'Fn::FindInMap': [M, prod, K] }, v] }", true],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr} → ${expected}`, () => {
      const { values, problems } = decide(`  C: ${expr}\n`, ['C'], '');
      assert.deepEqual(problems, []);
      assert.equal(values.C, expected);
    });
  }

  it('conditions refer to other conditions', () => {
    const { values } = decide('  IsProd: !Equals [!Ref Env, prod]\n  NotProd: !Not [!Condition IsProd]\n  Both: !And [!Condition IsProd, !Condition NotProd]\n', ['IsProd', 'NotProd', 'Both']);
    assert.deepEqual(values, { IsProd: true, NotProd: false, Both: false });
  });

  it('resources under a false condition are left out, under an unknown one kept as unknown', () => {
    const { values } = decide('  Yes: !Equals [a, a]\n  No: !Equals [a, b]\n  Maybe: !Equals [!Ref NoDefault, a]\n', ['Yes', 'No', 'Maybe']);
    assert.deepEqual(values, { Yes: true, No: false, Maybe: 'unknown' });
  });

  const cycles: [string, string, string[]][] = [
    ['self', '  A: !Condition A\n', ['A']],
    ['two', '  A: !Not [!Condition B]\n  B: !Not [!Condition A]\n', ['A', 'B']],
    ['three, reached from outside', '  Outer: !And [!Condition A, !Equals [x, x]]\n  A: !Condition B\n  B: !Condition C\n  C: !Or [!Condition A, !Equals [y, z]]\n', ['Outer', 'A', 'B', 'C']],
  ];
  for (const [name, conditions, names] of cycles) {
    it(`a cycle (${name}) is one problem and unknown, not a hang`, () => {
      const { values, problems } = decide(conditions, names);
      assert.equal(problems.length, 1);
      assert.match(problems[0]!, /conditions refer to each other in a cycle: /);
      for (const n of names) assert.equal(values[n], 'unknown', n);
    });
  }

  it('a long chain of conditions stops at the limit with a problem', () => {
    const count = MAX_CONDITION_CHAIN + 20;
    let conditions = '';
    for (let i = 0; i < count; i++) conditions += `  C${i}: ${i === count - 1 ? '!Equals [a, a]' : `!Condition C${i + 1}`}\n`;
    const { values, problems } = decide(conditions, ['C0']);
    assert.equal(values.C0, 'unknown');
    assert.match(problems.join(), /more than 64 levels deep/);
  });

  const invalid: [string, RegExp][] = [
    ['!Condition Missing', /condition Missing is not defined in Conditions/],
    ['!Equals [a]', /Fn::Equals takes \[value, value\]/],
    ['!Not [a, b]', /Fn::Not takes \[condition\]/],
    ['!And [!Equals [a, a]]', /Fn::And takes 2 to 10 conditions, not 1/],
    ['!Or []', /Fn::Or takes a list of 2 to 10 conditions/],
    ['!Ref Env', /Ref is not a condition function/],
    ['just-text', /a condition must be/],
  ];
  for (const [expr, message] of invalid) {
    it(`${expr} is a problem`, () => {
      const { problems } = decide(`  C: ${expr}\n`, ['C']);
      assert.match(problems.join('\n'), message);
    });
  }

  it('Outputs under a false condition are not exported', () => {
    const template = resolveYaml(`Conditions:
  No: !Equals [a, b]
Resources:
  B: { Type: AWS::S3::Bucket }
Outputs:
  Hidden: { Condition: No, Value: !Ref B, Export: { Name: hidden } }
  Shown: { Value: !Ref B, Export: { Name: shown } }
`);
    assert.deepEqual([...template.exports.keys()], ['shown']);
  });

  it('equalsValues compares lists item by item', () => {
    const loc = { line: 1, column: 1, path: '', range: { start: 0, end: 0 } };
    const s = (value: string, partial?: boolean): RValue => (partial ? { kind: 'string', value, partial, loc } : { kind: 'string', value, loc });
    assert.equal(equalsValues({ kind: 'array', items: [s('a'), s('b')], loc }, { kind: 'array', items: [s('a'), s('b')], loc }), true);
    assert.equal(equalsValues({ kind: 'array', items: [s('a')], loc }, { kind: 'array', items: [s('a'), s('b')], loc }), false);
    assert.equal(equalsValues({ kind: 'array', items: [s('${X}', true)], loc }, { kind: 'array', items: [s('y')], loc }), 'unknown');
    assert.equal(equalsValues({ kind: 'ref', target: 'A', loc }, { kind: 'ref', target: 'A', loc }), true);
    assert.equal(equalsValues({ kind: 'ref', target: 'A', loc }, { kind: 'ref', target: 'B', loc }), 'unknown');
  });
});
