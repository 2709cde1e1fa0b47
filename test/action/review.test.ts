import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Finding, Severity } from '../../src/shared/model/index.ts';
import { ANNOTATIONS_PER_LEVEL, changedLinesFromPatches, headLineMap, planAnnotations, planSuggestions, postedSuggestionKeys } from '../../action/review.ts';

function finding(over: Partial<Finding> = {}): Finding {
  return { ruleId: 'FW202', severity: 'high', resource: 'Sg', resourceId: 'a.yaml#Sg', service: 'api', file: 'a.yaml', line: 3, message: 'open to the world', ...over };
}

describe('changedLinesFromPatches', () => {
  it('numbers added lines on the head side and skips removed files', () => {
    const changed = changedLinesFromPatches([
      { filename: 'a.yaml', status: 'modified', patch: '@@ -1,3 +1,4 @@\n one\n-two\n+TWO\n+three\n four\n\\ No newline at end of file\n@@ -10,1 +11,2 @@\n ten\n+eleven' },
      { filename: 'gone.yaml', status: 'removed', patch: '@@ -1 +0,0 @@\n-x' },
      { filename: 'bin.png', status: 'added' },
    ]);
    assert.deepEqual([...changed.keys()], ['a.yaml']);
    assert.deepEqual([...(changed.get('a.yaml') ?? new Map())], [[2, 'TWO'], [3, 'three'], [12, 'eleven']]);
  });
});

describe('planAnnotations', () => {
  it('maps severities to levels and puts findings on changed lines first', () => {
    const changed = new Map([['b.yaml', new Map([[9, 'x']])]]);
    const { annotations, left } = planAnnotations([finding({ severity: 'low', file: 'b.yaml', line: 9 }), finding({ severity: 'critical' }), finding({ severity: 'medium', ruleId: 'FW203' })], changed);
    assert.deepEqual(annotations.map((a) => [a.level, a.properties.file, a.properties.startLine]), [['notice', 'b.yaml', 9], ['error', 'a.yaml', 3], ['warning', 'a.yaml', 3]]);
    assert.match(annotations[1].message, /How to fix: https:\/\/.*FW202\.md/);
    assert.equal(annotations[1].properties.title, 'fargate-warden FW202 (critical) on api');
    assert.deepEqual(left, []);
  });

  it('keeps at most ten of each level, and hands back the rest', () => {
    const many = Array.from({ length: 13 }, (_, i) => finding({ line: i + 1, severity: (i % 2 === 0 ? 'high' : 'critical') as Severity }));
    const { annotations, left } = planAnnotations(many, undefined);
    assert.equal(annotations.length, ANNOTATIONS_PER_LEVEL);
    assert.equal(left.length, 3);
    assert.ok(annotations.slice(0, 6).every((a) => a.properties.title?.includes('critical')), 'worst first');
  });

  it('leaves the slots the step\'s other annotations take (input errors, the failure, a warning)', () => {
    const many = Array.from({ length: 13 }, (_, i) => finding({ line: i + 1, severity: i < 8 ? 'high' : 'medium' }));
    const { annotations, left } = planAnnotations(many, undefined, { error: 4, warning: 1 });
    assert.equal(annotations.filter((a) => a.level === 'error').length, ANNOTATIONS_PER_LEVEL - 4);
    assert.equal(annotations.filter((a) => a.level === 'warning').length, 5);
    assert.equal(left.length, 2);
  });
});

describe('planSuggestions', () => {
  const text = 'a: 1\nb: open\nc: 3\n';
  const start = text.indexOf('open');
  const fixed = (edits: { start: number; end: number; text: string; file?: string }[]): Finding =>
    finding({ file: 'a.yaml', line: 2, fix: { title: 'Close it', explanation: 'Because.', edits: edits.map((e) => ({ file: e.file ?? 'a.yaml', range: { start: e.start, end: e.end }, text: e.text })) } });
  const files = new Map([['a.yaml', text]]);
  const changedAt2 = new Map([['a.yaml', new Map([[2, 'b: open']])]]);

  it('suggests the fixed line on a changed line', () => {
    const [s, ...rest] = planSuggestions([fixed([{ start, end: start + 4, text: 'closed' }])], files, changedAt2);
    assert.deepEqual(rest, []);
    assert.equal(s.path, 'a.yaml');
    assert.equal(s.line, 2);
    assert.match(s.body, /```suggestion\nb: closed\n```/);
    assert.match(s.body, /^<!-- fargate-warden:suggestion [0-9a-f]{16} -->/);
    assert.deepEqual([...postedSuggestionKeys([{ body: s.body }])], [s.key]);
  });

  it('offers nothing for multi-line fixes, other files, unchanged or shifted lines', () => {
    assert.deepEqual(planSuggestions([fixed([{ start, end: text.length, text: 'x' }])], files, changedAt2), [], 'spans lines');
    assert.deepEqual(planSuggestions([fixed([{ start, end: start + 4, text: 'x' }, { start: 0, end: 1, text: 'z', file: 'b.yaml' }])], files, changedAt2), [], 'two files');
    assert.deepEqual(planSuggestions([fixed([{ start, end: start + 4, text: 'x' }])], files, new Map()), [], 'line not changed');
    assert.deepEqual(planSuggestions([fixed([{ start, end: start + 4, text: 'x' }])], files, new Map([['a.yaml', new Map([[2, 'b: other']])]])), [], 'line text differs from the diff');
    assert.deepEqual(planSuggestions([finding()], files, changedAt2), [], 'no fix');
  });

  it('fences replacements that contain backticks with a longer fence', () => {
    const [s] = planSuggestions([fixed([{ start, end: start + 4, text: '```x```' }])], files, changedAt2);
    assert.match(s.body, /````suggestion\nb: ```x```\n````/);
  });
});

describe('headLineMap', () => {
  const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i + 1}`);
  const text = (...parts: string[][]) => `${parts.flat().join('\n')}\n`;

  it('numbers the merge checkout\'s lines as the head does: lines the base branch added above shift, its own have none', () => {
    const head = text(lines(10, 'h'));
    // The base branch added two lines after h2 and changed h8; the merge holds both.
    const merge = text(lines(2, 'h'), ['b1', 'b2'], lines(5, 'h').map((_, i) => `h${i + 3}`), ['h8 changed'], ['h9', 'h10']);
    const map = headLineMap(merge, head);
    assert.deepEqual([1, 2, 3, 4, 5, 9, 10, 11, 12].map(map), [1, 2, undefined, undefined, 3, 7, undefined, 9, 10]);
  });

  it('maps lines after a head-only insertion and at the top of the file', () => {
    const head = text(['new1', 'new2'], lines(4, 'x'));
    const merge = text(['base0'], lines(4, 'x'));
    const map = headLineMap(merge, head);
    assert.deepEqual([1, 2, 5].map(map), [undefined, 3, 6]);
    assert.deepEqual([1, 7].map(headLineMap(head, head)), [1, 7], 'the same text: the same lines');
  });

  it('maps lines after lines the base branch deleted, and none of a line it changed, also at the end of a file without a final line break', () => {
    const head = `${lines(8, 'h').join('\n')}`;
    // The base branch deleted h2 and h3 and changed h6; the last line has no line break on either side.
    const merge = ['h1', 'h4', 'h5', 'h6 changed', 'h7', 'h8'].join('\n');
    const map = headLineMap(merge, head);
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(map), [1, 4, 5, undefined, 7, 8, undefined]);
    assert.deepEqual([1, 2].map(headLineMap('a\nb', 'a\nb\n')), [1, undefined], 'a last line that gained its line break is not the same line');
  });
});
