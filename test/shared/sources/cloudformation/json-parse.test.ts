import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson } from '../../../../src/shared/sources/cloudformation/json-parse.ts';
import type { PNode } from '../../../../src/shared/sources/cloudformation/parse.ts';

function raw(node: PNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(raw);
  return Object.fromEntries(node.entries.map((e) => [e.key, raw(e.value)]));
}

describe('position-tracking JSON parser', () => {
  const documents = [
    '{}',
    '[]',
    '{"a": [1, -2.5e3, 0, 1E+2, true, false, null, "x"]}',
    '{"esc": "a\\"b\\\\c\\n\\u00e9\\ud83d\\ude00", "nested": {"k": [[], {}]}}',
    '\uFEFF{"bom": 1}',
    ' \r\n\t{"ws" : 1 }\n',
  ];
  for (const text of documents) {
    it(`agrees with JSON.parse on ${JSON.stringify(text)}`, () => {
      const result = parseJson(text, 200, 1_000_000);
      assert.ok(result.ok);
      assert.deepEqual(raw(result.root), JSON.parse(text.replace(/^\uFEFF/, '')));
    });
  }

  it('records line, column and text range of every node', () => {
    const text = '{\n  "Resources": {\n    "Sg": {"Type": "AWS::EC2::SecurityGroup",\n      "Ports": [80, 443]}\n  }\n}';
    const result = parseJson(text, 200, 1_000_000);
    assert.ok(result.ok);
    const resources = result.root.kind === 'map' ? result.root.entries[0]! : undefined;
    assert.deepEqual([resources?.keyPos.line, resources?.keyPos.column], [2, 3]);
    const sg = resources?.value.kind === 'map' ? resources.value.entries[0]! : undefined;
    const ports = sg?.value.kind === 'map' ? sg.value.entries[1]!.value : undefined;
    assert.equal(ports?.kind, 'seq');
    const port443 = ports?.kind === 'seq' ? ports.items[1]! : undefined;
    assert.deepEqual([port443?.pos.line, port443?.pos.column], [4, 21]);
    assert.equal(text.slice(port443!.pos.range.start, port443!.pos.range.end), '443');
    const type = sg?.value.kind === 'map' ? sg.value.entries[0]!.value : undefined;
    assert.equal(text.slice(type!.pos.range.start, type!.pos.range.end), '"AWS::EC2::SecurityGroup"');
    assert.equal(result.nodeCount, 7);
  });

  const errors: [string, number, number, RegExp][] = [
    ['{"a": 1,}', 1, 9, /expected a string key/],
    ['{"a" 1}', 1, 6, /expected ':'/],
    ['{"a": [1 2]}', 1, 10, /expected ',' or '\]'/],
    ['{"a": tru}', 1, 7, /expected a value/],
    ['{"a": "x\ny"}', 1, 9, /control character/],
    ['{"a": "x', 1, 7, /unterminated string/],
    ['{"a": 01}', 1, 8, /expected ',' or '\}'/],
    ['{"a": -}', 1, 7, /invalid number/],
    ['{"a": 1.}', 1, 7, /invalid number/],
    ['{"a": "\\x"}', 1, 7, /invalid escape/],
    ['{"a": 1}\n{"b": 2}', 2, 1, /after the end of the document/],
    ['{\n  "a": 1,\n  "a": 2\n}', 3, 3, /duplicate key "a"/],
    ['{"a":', 1, 6, /end of input/],
    ['', 1, 1, /end of input/],
  ];
  for (const [text, line, column, message] of errors) {
    it(`reports ${JSON.stringify(text)} at ${line}:${column}`, () => {
      const result = parseJson(text, 200, 1_000_000);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.deepEqual([result.error.line, result.error.column], [line, column]);
      assert.match(result.error.message, message);
    });
  }

  it('finds duplicate keys in large objects too', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `"k${i}": ${i}`);
    keys.push('"k7": 0');
    const result = parseJson(`{${keys.join(',')}}`, 200, 1_000_000);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error.message, /duplicate key "k7"/);
  });

  it('refuses nesting deeper than the limit, without exhausting the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const result = parseJson(deep, 200, 10_000_000);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error.message, /nesting deeper than 200 levels/);
    assert.ok(parseJson('['.repeat(200) + ']'.repeat(200), 200, 1_000_000).ok);
  });

  it('reads repeated, similar and escaped strings exactly as JSON.parse does (short strings are shared)', () => {
    const words = ['ab', 'ba', 'ab', 'Ref', 'Rfe', 'Ref', '', 'Ab', 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(65)];
    for (let n = 0; n < 3000; n++) words.push(`k${n % 700}`, `${n}`);
    const json = JSON.stringify({ list: words, keyed: words.map((w, n) => ({ [`key${n % 50}`]: w })) });
    // One `Ab` written with an escape, between plain ones.
    const text = json.replace('"Ab"', '"\\u0041b"');
    assert.notEqual(text, json);
    const result = parseJson(text, 200, 1_000_000);
    assert.ok(result.ok);
    assert.deepEqual(raw(result.root), JSON.parse(text));
  });

  it('refuses documents with more nodes than the budget', () => {
    const result = parseJson(`[${'1,'.repeat(50)}1]`, 200, 20);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error.message, /more than 20 nodes/);
  });
});
