import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeOutcomes, stackOutcomesOf, withStackCondition } from '../../../src/shared/model/conditions.ts';

describe('stack outcomes: conditions and map keys', () => {
  it('a map key is said by what chooses it, a condition as before', () => {
    assert.equal(describeOutcomes([{ condition: 'IsProd', value: false }]), 'when Condition IsProd is false');
    assert.equal(describeOutcomes([{ condition: 'IsProd', value: true }, { condition: 'IsDev', value: false }]), 'when Conditions IsProd is true and IsDev is false');
    assert.equal(describeOutcomes([{ condition: 'Env', value: 'dev' }]), 'when Env is dev');
    assert.equal(describeOutcomes([{ condition: 'IsProd', value: true }, { condition: 'AWS::Region', value: 'eu-west-1' }]), 'when Condition IsProd is true and AWS::Region is eu-west-1');
  });

  it('a key survives the statement Condition it is written into; two keys of one parameter exclude each other', () => {
    const dev = withStackCondition(undefined, { condition: 'Env', value: 'dev' });
    assert.deepEqual(stackOutcomesOf(dev), [{ condition: 'Env', value: 'dev' }]);
    assert.equal(withStackCondition(dev, { condition: 'Env', value: 'prod' }), undefined);
    assert.deepEqual(stackOutcomesOf(withStackCondition(dev, { condition: 'IsBig', value: false })), [{ condition: 'Env', value: 'dev' }, { condition: 'IsBig', value: false }]);
  });

  it('a key named true or false stays a key, a condition outcome stays a condition outcome', () => {
    const keyedTrue = withStackCondition(undefined, { condition: 'Flag', value: 'true' });
    assert.deepEqual(stackOutcomesOf(keyedTrue), [{ condition: 'Flag', value: 'true' }]);
    assert.equal(describeOutcomes(stackOutcomesOf(keyedTrue)), 'when Flag is true');
    assert.deepEqual(stackOutcomesOf(withStackCondition(undefined, { condition: 'Flag', value: 'false' })), [{ condition: 'Flag', value: 'false' }]);
    const isProd = withStackCondition(undefined, { condition: 'IsProd', value: true });
    assert.deepEqual(stackOutcomesOf(isProd), [{ condition: 'IsProd', value: true }]);
    assert.equal(describeOutcomes(stackOutcomesOf(isProd)), 'when Condition IsProd is true');
  });
});
