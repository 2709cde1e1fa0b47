import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { boundedMemo } from '../../../src/shared/analysis/memo.ts';

describe('boundedMemo', () => {
  it('computes each key once, undefined results included', () => {
    const calls: string[] = [];
    const memo = boundedMemo((key) => {
      calls.push(key);
      return key === 'none' ? undefined : key.length;
    });
    assert.deepEqual([memo('abc'), memo('abc'), memo('none'), memo('none')], [3, 3, undefined, undefined]);
    assert.deepEqual(calls, ['abc', 'none']);
  });

  it('starts over when it reaches its limit, so it never holds more', () => {
    const calls: string[] = [];
    const memo = boundedMemo((key) => calls.push(key), 2);
    for (const key of ['a', 'b', 'c', 'a']) memo(key);
    // `c` found two entries and emptied the memo: `a` is computed again.
    assert.deepEqual(calls, ['a', 'b', 'c', 'a']);
    memo('c');
    assert.deepEqual(calls, ['a', 'b', 'c', 'a']);
  });
});
