import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { unifiedDiff } from '../../../src/shared/fixes/unified-diff.ts';

const lines = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

describe('unifiedDiff', () => {
  it('prints nothing for equal texts', () => {
    assert.equal(unifiedDiff('a.yaml', 'x\n', 'x\n'), '');
  });

  it('an insertion with three lines of context, as diff -u prints it', () => {
    const before = lines(10);
    const after = before.replace('line 5\n', 'line 5\nnew\n');
    assert.equal(unifiedDiff('t.yaml', before, after), [
      '--- a/t.yaml', '+++ b/t.yaml', '@@ -3,6 +3,7 @@', ' line 3', ' line 4', ' line 5', '+new', ' line 6', ' line 7', ' line 8', '',
    ].join('\n'));
  });

  it('distant changes get separate hunks; removed lines come before added ones', () => {
    const before = lines(30);
    const after = before.replace('line 3\n', 'LINE 3\n').replace('line 25\n', '');
    assert.equal(unifiedDiff('t', before, after), [
      '--- a/t', '+++ b/t',
      '@@ -1,6 +1,6 @@', ' line 1', ' line 2', '-line 3', '+LINE 3', ' line 4', ' line 5', ' line 6',
      '@@ -22,7 +22,6 @@', ' line 22', ' line 23', ' line 24', '-line 25', ' line 26', ' line 27', ' line 28',
      '',
    ].join('\n'));
  });

  it('close changes share one hunk', () => {
    const before = lines(12);
    const after = before.replace('line 4\n', 'four\n').replace('line 8\n', 'eight\n');
    const out = unifiedDiff('t', before, after);
    assert.equal(out.split('\n').filter((l) => l.startsWith('@@')).length, 1);
    assert.match(out, /^@@ -1,11 \+1,11 @@$/m);
  });

  it('marks a last line without a line break', () => {
    assert.equal(unifiedDiff('t', 'a\nb', 'a\nb\n'), ['--- a/t', '+++ b/t', '@@ -1,2 +1,2 @@', ' a', '-b', '\\ No newline at end of file', '+b', ''].join('\n'));
  });

  it('ends a file name holding a space with a tab, as git diff does, so that patch -p1 reads the whole name', () => {
    assert.equal(unifiedDiff('my dir/a b.yaml', 'x\n', 'y\n'), ['--- a/my dir/a b.yaml\t', '+++ b/my dir/a b.yaml\t', '@@ -1 +1 @@', '-x', '+y', ''].join('\n'));
  });

  it('a new file and an emptied file', () => {
    assert.equal(unifiedDiff('t', '', 'x\n'), ['--- a/t', '+++ b/t', '@@ -0,0 +1 @@', '+x', ''].join('\n'));
    assert.equal(unifiedDiff('t', 'x\n', ''), ['--- a/t', '+++ b/t', '@@ -1 +0,0 @@', '-x', ''].join('\n'));
  });

  it('keeps CR in CRLF lines and aligns repeated lines sensibly', () => {
    const out = unifiedDiff('t', 'a\r\n- x\r\n- x\r\nb\r\n', 'a\r\n- x\r\n- x\r\n- x\r\nb\r\n');
    assert.equal(out, ['--- a/t', '+++ b/t', '@@ -1,4 +1,5 @@', ' a\r', ' - x\r', ' - x\r', '+- x\r', ' b\r', ''].join('\n'));
  });

  it('diffs a large file with a few edits into one hunk per edit', () => {
    const before = lines(50_000);
    const after = before.replace('line 100\n', 'changed\n').replace('line 40000\n', 'line 40000\nadded\n');
    const out = unifiedDiff('big', before, after);
    assert.equal(out.split('\n').filter((l) => l.startsWith('@@')).length, 2);
  });
});
