import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { choiceOutcomes, holdsIn, splitByOutcome } from '../../../src/shared/model/outcomes.ts';
import { whenValue } from '../../../src/shared/model/conditions.ts';
import type { Attr, Choice } from '../../../src/shared/model/source.ts';

const same = (s: string): string => s;

describe('splitByOutcome: what every outcome has and what only some have', () => {
  it('an item every outcome has is said once, as the first outcome writes it; the others stay with their outcome', () => {
    assert.deepEqual(splitByOutcome([['s3:GetObject', 's3:PutObject'], ['s3:PutObject', 's3:DeleteObject']], same), {
      inEvery: ['s3:PutObject'],
      onlyIn: [['s3:GetObject'], ['s3:DeleteObject']],
    });
  });

  it('all outcomes equal: everything in every outcome, nothing only in some', () => {
    assert.deepEqual(splitByOutcome([['a', 'b'], ['b', 'a'], ['a', 'b']], same), { inEvery: ['a', 'b'], onlyIn: [[], [], []] });
  });

  it('an outcome with nothing (AWS::NoValue): nothing in every outcome, the other outcome\'s items only in it', () => {
    assert.deepEqual(splitByOutcome([['a', 'b'], []], same), { inEvery: [], onlyIn: [['a', 'b'], []] });
    assert.deepEqual(splitByOutcome([[], ['a']], same), { inEvery: [], onlyIn: [[], ['a']] });
  });

  it('items are the same by their key, and the first outcome\'s order and repeats are kept', () => {
    const written = (line: number, action: string) => ({ line, action });
    const { inEvery, onlyIn } = splitByOutcome(
      [[written(1, 'A'), written(2, 'B'), written(3, 'A')], [written(9, 'a'), written(8, 'C')]],
      (g) => g.action.toLowerCase(),
    );
    assert.deepEqual(inEvery.map((g) => g.line), [1, 3]);
    assert.deepEqual(onlyIn.map((list) => list.map((g) => g.line)), [[2], [8]]);
  });

  it('three map keys: what two of them have is only in those two', () => {
    assert.deepEqual(splitByOutcome([['x', 'y'], ['x', 'y'], ['x']], same), { inEvery: ['x'], onlyIn: [['y'], ['y'], []] });
  });

  it('one outcome: everything in every outcome; no outcomes: nothing', () => {
    assert.deepEqual(splitByOutcome([['a']], same), { inEvery: ['a'], onlyIn: [[]] });
    assert.deepEqual(splitByOutcome([], same), { inEvery: [], onlyIn: [] });
  });
});

describe('holdsIn: whether something holds under every outcome, none, or only some', () => {
  const outcomes = [{ key: 'dev', public: true }, { key: 'qa', public: false }, { key: 'prod', public: true }];

  it('every, none, some (those, in order)', () => {
    assert.equal(holdsIn(outcomes, () => true), true);
    assert.equal(holdsIn(outcomes, () => false), false);
    assert.deepEqual(holdsIn(outcomes, (o) => o.public), [outcomes[0], outcomes[2]]);
  });

  it('no outcomes: it holds under none', () => {
    assert.equal(holdsIn([], () => true), false);
  });
});

describe('a choice read by outcome', () => {
  const source = { file: 't.yaml', line: 1, path: 'X', explicit: true };
  const ifChoice: Choice<boolean> = { on: 'IsProd', outcomes: [{ key: true, value: false }, { key: false, value: true }] };
  const mapChoice: Choice<boolean> = { on: 'Env', outcomes: [{ key: 'dev', value: true }, { key: 'qa', value: false }, { key: 'prod', value: true }] };
  const undecided = (choice: Choice<boolean>): Attr<boolean> => ({ known: false, reason: 'undecided', source, choice });

  it('an Fn::If and an Fn::FindInMap choice have the same shape, each outcome named by what chooses it', () => {
    assert.deepEqual(choiceOutcomes(ifChoice).map((o) => [o.when, o.value]), [
      [{ condition: 'IsProd', value: true }, false],
      [{ condition: 'IsProd', value: false }, true],
    ]);
    assert.deepEqual(choiceOutcomes(mapChoice).map((o) => o.when), [
      { condition: 'Env', value: 'dev' }, { condition: 'Env', value: 'qa' }, { condition: 'Env', value: 'prod' },
    ]);
  });

  it('whenValue: true in every outcome, false in none (or unknown without a choice), else the outcomes where it is', () => {
    assert.deepEqual(whenValue(undecided(ifChoice), true), [{ condition: 'IsProd', value: false }]);
    assert.deepEqual(whenValue(undecided(mapChoice), true), [{ condition: 'Env', value: 'dev' }, { condition: 'Env', value: 'prod' }]);
    const everywhere = undecided({ on: 'Env', outcomes: [{ key: 'dev', value: true }, { key: 'prod', value: true }] });
    assert.equal(whenValue(everywhere, true), true);
    assert.equal(whenValue(everywhere, false), false);
    assert.equal(whenValue({ known: false, reason: 'a parameter', source }, true), false);
    assert.equal(whenValue({ known: true, value: true, source }, true), true);
  });
});
