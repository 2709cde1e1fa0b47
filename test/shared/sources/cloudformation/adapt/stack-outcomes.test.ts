import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evalYaml, plain } from '../../../../support/cloudformation.ts';
import { stackOutcomesIn } from '../../../../../src/shared/sources/cloudformation/adapt/common.ts';
import { splitByOutcome } from '../../../../../src/shared/model/outcomes.ts';
import type { StackOutcome } from '../../../../../src/shared/model/conditions.ts';

// An undecided Fn::If and an Fn::FindInMap on a key the files do not give are one shape (a choice
// with labelled outcomes): read by outcome the same way, and asked the same way what holds in every
// outcome and what only in some.

const sections = `Parameters:
  Env: { Type: String }
  Other: { Type: String }
  Stage: { Type: String }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Stage: !Equals [!Ref Other, staged]
Mappings:
  Size:
    dev: { Name: small, List: [a, b] }
    prod: { Name: big, List: [a] }
  Tier:
    dev: { Name: low }
    qa: { Name: mid }
    prod: { Name: high }
  Partial:
    dev: { Name: small }
    prod: { Other: 1 }
  Same:
    dev: { Port: 80 }
    prod: { Port: 80 }
`;

const label = (when: StackOutcome): string => `${when.condition}=${String(when.value)}`;

/** The value of `expr` under each outcome, as `Condition=outcome` and its plain value; undefined when it is not read by outcome. */
function byOutcome(expr: string): [string, unknown][] | undefined {
  const { value, template } = evalYaml(expr, { sections });
  assert.deepEqual(template.problems, []);
  return stackOutcomesIn(value)?.map(({ when, value: v }) => [label(when), plain(v)]);
}

/** The items of list `expr` every outcome has, and per outcome those only it has. */
function everyOrSome(expr: string): { inEvery: unknown[]; onlyIn: [string, unknown[]][] } | undefined {
  const { value } = evalYaml(expr, { sections });
  const outcomes = stackOutcomesIn(value);
  if (outcomes === undefined) return undefined;
  const lists = outcomes.map(({ value: v }) => (v === undefined ? [] : (plain(v) as unknown[])));
  const { inEvery, onlyIn } = splitByOutcome(lists, (item) => JSON.stringify(item));
  return { inEvery, onlyIn: outcomes.map(({ when }, i) => [label(when), onlyIn[i]!]) };
}

describe('stackOutcomesIn: a value under each outcome of the one thing that decides it', () => {
  it('an Fn::If and an Fn::FindInMap are read alike: their outcomes in order, named by what chooses them', () => {
    assert.deepEqual(byOutcome('!If [IsProd, big, small]'), [['IsProd=true', 'big'], ['IsProd=false', 'small']]);
    assert.deepEqual(byOutcome('!FindInMap [Size, !Ref Env, Name]'), [['Env=dev', 'small'], ['Env=prod', 'big']]);
  });

  it('an Fn::If inside an Fn::FindInMap\'s outcome, or one inside the other: not read by outcome (the outcomes would multiply)', () => {
    assert.equal(byOutcome('!FindInMap [Partial, !Ref Env, Name, { DefaultValue: !If [IsProd, a, b] }]'), undefined);
    assert.equal(byOutcome('!If [IsProd, !FindInMap [Size, !Ref Env, Name], x]'), undefined);
    assert.equal(byOutcome('!If [IsProd, [!If [IsProd, a, b]], x]'), undefined);
  });

  it('choices on two things side by side: not read by outcome; two lookups on one parameter: the keys both have', () => {
    assert.equal(byOutcome('{A: !FindInMap [Size, !Ref Env, Name], B: !If [IsProd, x, y]}'), undefined);
    // A condition and a parameter of one name are two things.
    assert.equal(byOutcome('{A: !FindInMap [Size, !Ref Stage, Name], B: !If [Stage, x, y]}'), undefined);
    assert.equal(byOutcome('{A: !If [Stage, x, y], B: !FindInMap [Size, !Ref Stage, Name]}'), undefined);
    assert.deepEqual(byOutcome('{A: !FindInMap [Size, !Ref Env, Name], B: !FindInMap [Tier, !Ref Env, Name]}'), [
      ['Env=dev', { A: 'small', B: 'low' }],
      ['Env=prod', { A: 'big', B: 'high' }],
    ]);
  });

  it('one branch AWS::NoValue: absent under that outcome (a property left out, a list item dropped)', () => {
    assert.deepEqual(byOutcome('!If [IsProd, !Ref AWS::NoValue, x]'), [['IsProd=true', undefined], ['IsProd=false', 'x']]);
    assert.deepEqual(byOutcome('{A: !If [IsProd, !Ref AWS::NoValue, x], B: y}'), [['IsProd=true', { B: 'y' }], ['IsProd=false', { A: 'x', B: 'y' }]]);
    assert.deepEqual(everyOrSome('[!If [IsProd, [a, b], !Ref AWS::NoValue], c]'), { inEvery: ['c'], onlyIn: [['IsProd=true', ['a', 'b']], ['IsProd=false', []]] });
  });

  it('all outcomes equal: no choice left to read (an Fn::If, a lookup); equal items of a list hold in every outcome', () => {
    assert.deepEqual(plain(evalYaml('!If [IsProd, x, x]', { sections }).value), 'x');
    assert.equal(byOutcome('!If [IsProd, x, x]'), undefined);
    assert.deepEqual(plain(evalYaml('!FindInMap [Same, !Ref Env, Port]', { sections }).value), 80);
    assert.equal(byOutcome('!FindInMap [Same, !Ref Env, Port]'), undefined);
    assert.deepEqual(everyOrSome('[!If [IsProd, a, b], !If [IsProd, b, a]]'), { inEvery: ['a', 'b'], onlyIn: [['IsProd=true', []], ['IsProd=false', []]] });
  });

  it('an outcome that is itself undecided (a parameter without a value) is that outcome\'s, not every outcome\'s', () => {
    assert.deepEqual(byOutcome('!If [IsProd, !Ref Other, x]'), [['IsProd=true', '?parameter Other has no default'], ['IsProd=false', 'x']]);
    assert.deepEqual(everyOrSome('[!If [IsProd, !Ref Other, x], y]'), {
      inEvery: ['y'],
      onlyIn: [['IsProd=true', ['?parameter Other has no default']], ['IsProd=false', ['x']]],
    });
  });

  it('an Fn::If list item whose branch is a list adds its items; a lookup\'s list stays one item', () => {
    assert.deepEqual(byOutcome('[!If [IsProd, [a, b], [c]], d]'), [['IsProd=true', ['a', 'b', 'd']], ['IsProd=false', ['c', 'd']]]);
    assert.deepEqual(byOutcome('[!FindInMap [Size, !Ref Env, List], c]'), [['Env=dev', [['a', 'b'], 'c']], ['Env=prod', [['a'], 'c']]]);
    assert.deepEqual(everyOrSome('!FindInMap [Size, !Ref Env, List]'), { inEvery: ['a'], onlyIn: [['Env=dev', ['b']], ['Env=prod', []]] });
  });
});
