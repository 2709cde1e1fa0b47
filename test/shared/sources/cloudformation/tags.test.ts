import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTemplate } from '../../../../src/shared/sources/cloudformation/parse.ts';
import type { PNode } from '../../../../src/shared/sources/cloudformation/parse.ts';
import { parsed } from '../../../support/cloudformation.ts';

/** The raw tree as plain data, to compare short and long forms. */
function raw(node: PNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(raw);
  return Object.fromEntries(node.entries.map((e) => [e.key, raw(e.value)]));
}

function valueOf(yaml: string): unknown {
  const root = parsed(`Value: ${yaml}\n`).root;
  assert.equal(root.kind, 'map');
  return root.kind === 'map' ? raw(root.entries[0]!.value) : undefined;
}

describe('YAML short tags become long forms', () => {
  const cases: [string, unknown][] = [
    ['!Ref Vpc', { Ref: 'Vpc' }],
    ['!Ref 80', { Ref: '80' }],
    ['!Condition IsProd', { Condition: 'IsProd' }],
    ['!GetAtt Db.Endpoint.Address', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
    ['!GetAtt [Db, Arn]', { 'Fn::GetAtt': ['Db', 'Arn'] }],
    ["!GetAtt 'Lb.DNSName'", { 'Fn::GetAtt': ['Lb', 'DNSName'] }],
    ["!Sub 'arn:${AWS::Partition}:s3:::b'", { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b' }],
    ["!Sub ['${A}', { A: !Ref B }]", { 'Fn::Sub': ['${A}', { A: { Ref: 'B' } }] }],
    ["!Join ['', [a, !Ref B]]", { 'Fn::Join': ['', ['a', { Ref: 'B' }]] }],
    ["!Select [0, !GetAZs '']", { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ['!GetAZs', { 'Fn::GetAZs': '' }],
    ["!Split [',', !ImportValue x]", { 'Fn::Split': [',', { 'Fn::ImportValue': 'x' }] }],
    ['!If [C, !Ref A, !Ref AWS::NoValue]', { 'Fn::If': ['C', { Ref: 'A' }, { Ref: 'AWS::NoValue' }] }],
    ['!Equals [!Ref A, b]', { 'Fn::Equals': [{ Ref: 'A' }, 'b'] }],
    ['!Not [!Condition C]', { 'Fn::Not': [{ Condition: 'C' }] }],
    ['!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or [!Condition A, !Equals [a, b]]', { 'Fn::Or': [{ Condition: 'A' }, { 'Fn::Equals': ['a', 'b'] }] }],
    ['!FindInMap [M, !Ref AWS::Region, K]', { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'K'] }],
    ['!Base64 { "Fn::Sub": x }', { 'Fn::Base64': { 'Fn::Sub': 'x' } }],
    ['!Cidr [10.0.0.0/16, 4, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
    ['!Transform { Name: M }', { 'Fn::Transform': { Name: 'M' } }],
    ['!Length [a]', { 'Fn::Length': ['a'] }],
    ['!ToJsonString { a: 1 }', { 'Fn::ToJsonString': { a: 1 } }],
  ];
  for (const [yaml, expected] of cases) {
    it(`${yaml}`, () => assert.deepEqual(valueOf(yaml), expected));
  }

  it('block forms of !Sub and nested tags in block sequences', () => {
    const text = `Value: !Sub
  - '\${Name}-\${Env}'
  - Name: !GetAtt Queue.QueueName
    Env: !Select
      - 0
      - !Split [',', !Ref Envs]
`;
    const root = parsed(text).root;
    assert.deepEqual(root.kind === 'map' ? raw(root.entries[0]!.value) : undefined, {
      'Fn::Sub': ['${Name}-${Env}', { Name: { 'Fn::GetAtt': ['Queue', 'QueueName'] }, Env: { 'Fn::Select': [0, { 'Fn::Split': [',', { Ref: 'Envs' }] }] } }],
    });
  });

  it('a converted call spans from its tag to the end of its value; the key is the tag', () => {
    const text = 'A: !Ref Vpc\nB: !Select\n  - 0\n  - [x, y]\n';
    const root = parsed(text).root;
    assert.equal(root.kind, 'map');
    if (root.kind !== 'map') return;
    const a = root.entries[0]!.value;
    assert.equal(text.slice(a.pos.range.start, a.pos.range.end), '!Ref Vpc');
    assert.deepEqual([a.pos.line, a.pos.column], [1, 4]);
    assert.equal(a.kind === 'map' ? a.tag : undefined, '!Ref');
    const b = root.entries[1]!.value;
    assert.equal(text.slice(b.pos.range.start, b.pos.range.end), '!Select\n  - 0\n  - [x, y]');
    assert.equal(b.kind === 'map' ? text.slice(b.entries[0]!.keyPos.range.start, b.entries[0]!.keyPos.range.end) : undefined, '!Select');
  });

  it('two tags on one node is an error with its position (CloudFormation forbids !Base64 !Sub)', () => {
    const result = parseTemplate('t.yaml', 'A: 1\nB: !Base64 !Sub x\n');
    assert.equal(result.ok, false);
    assert.deepEqual(result.ok ? undefined : [result.error.line, result.error.column], [2, 12]);
    assert.match(result.ok ? '' : result.error.message, /at most one tag/);
  });

  it('an unknown tag is a warning and its value is kept', () => {
    const result = parsed('A: !Foo bar\n');
    assert.deepEqual(result.warnings.map((w) => [w.line, w.message]), [[1, 'unknown YAML tag !Foo (not a CloudFormation function); its value is read as written']]);
    assert.deepEqual(result.root.kind === 'map' ? raw(result.root.entries[0]!.value) : undefined, 'bar');
  });

  it('explicit YAML core tags are not CloudFormation tags', () => {
    assert.deepEqual(valueOf('!!str 443'), '443');
  });
});
