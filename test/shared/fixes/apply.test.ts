import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/shared/fixes/apply.ts';
import type { Edit } from '../../../src/shared/model/index.ts';

const F = 'a.yaml';
const e = (start: number, end: number, text: string, file = F): Edit => ({ file, range: { start, end }, text });

describe('applyEdits', () => {
  const text = 'abcdefghij';
  const cases: [name: string, edits: Edit[], expected: string, rejected: number][] = [
    ['one replacement', [e(2, 4, 'XY')], 'abXYefghij', 0],
    ['edits given out of order are sorted by position', [e(8, 9, '8'), e(0, 1, '0'), e(4, 5, '4')], '0bcd4fgh8j', 0],
    ['an insertion (empty range)', [e(3, 3, '+')], 'abc+defghij', 0],
    ['a deletion (empty text)', [e(3, 6, '')], 'abcghij', 0],
    ['two insertions at one point keep the order they were given in', [e(5, 5, '1'), e(5, 5, '2')], 'abcde12fghij', 0],
    ['insertions at either end of a replaced range touch it, they do not overlap', [e(2, 5, 'R'), e(2, 2, '<'), e(5, 5, '>')], 'ab<R>fghij', 0],
    ['adjacent replacements', [e(0, 2, 'A'), e(2, 4, 'B')], 'ABefghij', 0],
    ['an overlapping edit is set aside, the earlier one applies', [e(2, 6, 'X'), e(4, 8, 'Y')], 'abXghij', 1],
    ['an insertion strictly inside a replaced range overlaps it', [e(2, 6, 'X'), e(4, 4, 'I')], 'abXghij', 1],
    ['an edit contained in another is set aside', [e(1, 9, 'X'), e(3, 5, 'Y')], 'aXj', 1],
    ['identical edits (two findings, one change) apply once', [e(2, 4, 'XY'), e(2, 4, 'XY')], 'abXYefghij', 0],
    ['identical insertions apply once even with another insertion between them', [e(5, 5, '1'), e(5, 5, '2'), e(5, 5, '1')], 'abcde12fghij', 0],
    ['a range past the end of the file is rejected', [e(5, 11, 'X'), e(0, 0, '^')], '^abcdefghij', 1],
    ['a reversed range is rejected', [e(6, 5, 'X')], 'abcdefghij', 1],
  ];
  for (const [name, edits, expected, rejected] of cases) {
    it(name, () => {
      const out = applyEdits(new Map([[F, text]]), edits);
      assert.equal(out.rejected.length, rejected, JSON.stringify(out.rejected));
      if (out.applied.length > 0) assert.equal(out.files.get(F), expected);
      else assert.equal(out.files.has(F), false);
      assert.equal(out.applied.length + out.rejected.length, edits.length);
    });
  }

  it('says why an edit was set aside', () => {
    const out = applyEdits(new Map([[F, text]]), [e(2, 6, 'X'), e(4, 8, 'Y'), e(0, 1, 'Z', 'other.yaml')]);
    assert.match(out.rejected[0].reason, /other\.yaml is not among the files/);
    assert.match(out.rejected[1].reason, /overlaps another edit at 2-6 of a\.yaml/);
  });

  it('keeps everything outside the edits byte for byte (CRLF, tabs, non-ASCII, a BOM-less UTF-8 text)', () => {
    const original = 'Resources:\r\n\tA: "été ✓"  # 注释\r\n  B: x\r\n';
    const at = original.indexOf('x');
    const out = applyEdits(new Map([[F, original]]), [e(at, at + 1, 'y')]);
    assert.equal(out.files.get(F), original.slice(0, at) + 'y' + original.slice(at + 1));
  });

  it('edits several files at once and reports only the files it changed', () => {
    const files = new Map([['a', 'aaa'], ['b', 'bbb'], ['c', 'ccc']]);
    const out = applyEdits(files, [e(0, 1, 'A', 'a'), e(2, 3, 'B', 'b')]);
    assert.deepEqual([...out.files], [['a', 'Aaa'], ['b', 'bbB']]);
    assert.equal(files.get('a'), 'aaa', 'the input map is not changed');
  });
});
