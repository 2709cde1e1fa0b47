import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_NESTING_DEPTH, MAX_TEMPLATE_CHARS, findDeepBlockNesting, findDeepFlowNesting, parseTemplate } from '../../../../src/shared/sources/cloudformation/parse.ts';
import type { PNode } from '../../../../src/shared/sources/cloudformation/parse.ts';
import { parsed } from '../../../support/cloudformation.ts';

function failure(file: string, text: string): { line: number; column: number; message: string } {
  const result = parseTemplate(file, text);
  assert.equal(result.ok, false, `expected ${JSON.stringify(text.slice(0, 40))} to fail`);
  return result.ok ? { line: 0, column: 0, message: '' } : result.error;
}

function find(node: PNode, path: (string | number)[]): PNode {
  let current = node;
  for (const step of path) {
    if (typeof step === 'number') {
      assert.equal(current.kind, 'seq');
      current = current.kind === 'seq' ? current.items[step]! : current;
    } else {
      assert.equal(current.kind, 'map');
      const entry = current.kind === 'map' ? current.entries.find((e) => e.key === step) : undefined;
      assert.ok(entry, `no key ${step}`);
      current = entry.value;
    }
  }
  return current;
}

describe('parseTemplate', () => {
  it('detects the format from the text', () => {
    assert.equal(parsed('{"Resources": {}}', 'a.json').format, 'json');
    assert.equal(parsed('Resources: {}\n', 'a.yaml').format, 'yaml');
    assert.equal(parsed('  \n{"Resources": {}}', 'a.template').format, 'json');
    // A YAML file may be written in flow style; it is still YAML.
    assert.equal(parsed('{Resources: {A: {Type: "AWS::S3::Bucket"}}}', 'a.yaml').format, 'yaml');
  });

  it('JSON and YAML give the same tree and positions that point at the same text', () => {
    const json = '{\n  "Resources": {\n    "Sg": {\n      "Type": "AWS::EC2::SecurityGroup",\n      "Properties": {\n        "SecurityGroupIngress": [\n          {"CidrIp": "0.0.0.0/0", "FromPort": 443}\n        ]\n      }\n    }\n  }\n}\n';
    const yaml = 'Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      SecurityGroupIngress:\n        - CidrIp: "0.0.0.0/0"\n          FromPort: 443\n';
    const fromJson = parsed(json, 't.json');
    const fromYaml = parsed(yaml, 't.yaml');
    const path = ['Resources', 'Sg', 'Properties', 'SecurityGroupIngress', 0, 'CidrIp'];
    const j = find(fromJson.root, path);
    const y = find(fromYaml.root, path);
    assert.deepEqual([j.kind === 'scalar' && j.value, y.kind === 'scalar' && y.value], ['0.0.0.0/0', '0.0.0.0/0']);
    assert.equal(json.slice(j.pos.range.start, j.pos.range.end), '"0.0.0.0/0"');
    assert.equal(yaml.slice(y.pos.range.start, y.pos.range.end), '"0.0.0.0/0"');
    assert.deepEqual([j.pos.line, j.pos.column], [7, 22]);
    assert.deepEqual([y.pos.line, y.pos.column], [6, 19]);
    const jp = find(fromJson.root, ['Resources', 'Sg', 'Properties', 'SecurityGroupIngress', 0, 'FromPort']);
    const yp = find(fromYaml.root, ['Resources', 'Sg', 'Properties', 'SecurityGroupIngress', 0, 'FromPort']);
    assert.deepEqual([jp.kind === 'scalar' && jp.value, yp.kind === 'scalar' && yp.value], [443, 443]);
    assert.deepEqual([yp.pos.line, yp.pos.column], [7, 21]);
    assert.equal(fromJson.nodeCount, fromYaml.nodeCount);
  });

  it('keeps YAML scalars typed as the core schema reads them', () => {
    const root = parsed('A: 443\nB: "443"\nC: true\nD: ~\nE: 2012-10-17\nF: 1.5\nG:\n').root;
    const values = root.kind === 'map' ? root.entries.map((e) => (e.value.kind === 'scalar' ? e.value.value : e.value.kind)) : [];
    assert.deepEqual(values, [443, '443', true, null, '2012-10-17', 1.5, null]);
  });

  const malformed: [string, string, number, number, RegExp][] = [
    ['bad.yaml', 'Resources:\n  A: [1, 2\nOutputs: {}\n', 3, 1, /YAML: .*(flow|Missing|expected)/i],
    ['bad.yaml', 'Resources:\n  A: 1\n  A: 2\n', 3, 3, /duplicate key "A"/],
    ['bad.yaml', 'Resources:\n  A: "unterminated\n', 3, 1, /YAML: Missing closing "quote/],
    ['bad.yaml', 'a: b\n  c: d\n', 1, 4, /YAML: /],
    ['bad.yaml', 'A: *nowhere\n', 1, 4, /YAML: .*alias|anchor/i],
    ['bad.json', '{\n  "Resources": {\n    "A": {"Type": "x",}\n  }\n}', 3, 23, /JSON: unexpected character "}", expected a string key/],
    ['bad.template', '{"Resources": [1, 2', 1, 20, /JSON: unexpected end of input/],
    ['empty.yaml', '', 1, 1, /empty/],
    ['comments.yaml', '# only a comment\n', 1, 1, /no YAML document/],
  ];
  for (const [file, text, line, column, message] of malformed) {
    it(`reports ${JSON.stringify(text.slice(0, 30))} in ${file} at ${line}:${column}`, () => {
      const error = failure(file, text);
      assert.match(error.message, message);
      assert.deepEqual([error.line, error.column], [line, column]);
    });
  }

  it('refuses a file above the size limit with a clear message, before parsing', () => {
    const huge = `Resources:\n  A:\n    Type: AWS::S3::Bucket\n#${'x'.repeat(MAX_TEMPLATE_CHARS)}\n`;
    const error = failure('huge.yaml', huge);
    assert.deepEqual([error.line, error.column], [1, 1]);
    assert.match(error.message, /above the 20 MB limit/);
  });

  it('a YAML alias bomb ("billion laughs") is refused, not expanded', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const error = failure('bomb.yaml', `${lines.join('\n')}\n`);
    assert.match(error.message, /expands to more than \d+ nodes/);
  });

  it('ordinary anchors and aliases are expanded', () => {
    const root = parsed('Common: &tags [{Key: a, Value: b}]\nOther: *tags\n').root;
    assert.deepEqual(find(root, ['Other', 0, 'Key']).kind === 'scalar' ? (find(root, ['Other', 0, 'Key']) as { value: unknown }).value : undefined, 'a');
  });

  it('an alias names the anchor defined last before it, even when an earlier alias expands an older definition of that name', () => {
    const root = parsed('XA: &a {k: &b DISABLED}\nXB: &b ENABLED\nXC: *a\nUse: *b\n').root;
    const value = (path: (string | number)[]): unknown => (find(root, path) as { value: unknown }).value;
    assert.equal(value(['XC', 'k']), 'DISABLED');
    assert.equal(value(['Use']), 'ENABLED');
    // An alias inside an anchored node names the definition before it in the text, not the one current when the node is expanded.
    const nested = parsed('A: &c ENABLED\nB: &a [*c]\nC: &c DISABLED\nD: *a\n').root;
    assert.equal((find(nested, ['D', 0]) as { value: unknown }).value, 'ENABLED');
  });

  it('where aliases and the anchored nodes they repeat are written: from the `&name` to the value\'s end; anchors no alias names are not listed', () => {
    const text = 'A: &a\n  - 1\n  - 2\nB: &unused x\nC: [*a, &b !Ref D]\nE: *b\nF: *a\n';
    const result = parseTemplate('t.yaml', text);
    assert.ok(result.ok);
    const written = (ranges: { name: string; range: { start: number; end: number } }[]): string[][] => ranges.map((r) => [r.name, text.slice(r.range.start, r.range.end)]);
    assert.deepEqual(written(result.aliasSites?.anchored ?? []), [['a', '&a\n  - 1\n  - 2'], ['b', '&b !Ref D']]);
    assert.deepEqual(written(result.aliasSites?.aliases ?? []), [['a', '*a'], ['b', '*b'], ['a', '*a']]);
    const none = parseTemplate('t.yaml', 'A: &a "R&D"  # &b\nB: "*a"\n');
    assert.ok(none.ok);
    assert.equal(none.aliasSites, undefined);
  });

  it('a YAML merge key is read as written and warned about, with its line: CloudFormation does not merge it', () => {
    const result = parseTemplate('merge.yaml', 'Net: &net {AssignPublicIp: ENABLED}\nResources:\n  S:\n    Properties:\n      <<: *net\n    Metadata:\n      "<<": a quoted key is just a key\n');
    assert.ok(result.ok);
    assert.deepEqual(result.warnings.map((w) => [w.line, w.column, /merge key << .* not merged here/.test(w.message)]), [[5, 7, true]]);
  });

  it('an alias that contains itself stops at the depth limit', () => {
    const error = failure('self.yaml', 'a: &x [1, *x]\n');
    assert.match(error.message, /nesting deeper than|alias/);
  });

  it('refuses deep nesting in JSON, YAML flow and YAML block style without exhausting the stack', () => {
    const n = 5000;
    assert.match(failure('deep.json', `{"a": ${'['.repeat(n)}${']'.repeat(n)}}`).message, /nesting deeper than 200 levels/);
    assert.match(failure('deep.yaml', `a: ${'['.repeat(n)}${']'.repeat(n)}\n`).message, /nesting deeper than 200 levels/);
    assert.match(failure('deep.yaml', `a: ${'{b: '.repeat(n)}1${'}'.repeat(n)}\n`).message, /nesting deeper than 200 levels/);
    let block = '';
    for (let i = 0; i < 1200; i++) block += `${' '.repeat(i)}k:\n`;
    assert.match(failure('deep-block.yaml', block).message, /nesting deeper than 200 levels/);
    let ok = '';
    for (let i = 0; i < 150; i++) ok += `${' '.repeat(i)}k:\n`;
    assert.ok(parseTemplate('ok.yaml', ok).ok);
  });

  it('refuses deep block-style YAML with the flow style\'s error, at the line that passes the limit', () => {
    const keys = (levels: number, step = 1): string => Array.from({ length: levels }, (_, i) => `${' '.repeat(i * step)}k${i}:\n`).join('');
    const cases: [name: string, text: string, line: number][] = [
      // One key per line, each indented one more: the reviewer's 3,000 levels overflowed the yaml package's stack.
      ['keys', `Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n${keys(3000).replace(/^/gm, '      ')}`, 202],
      // A sequence at its key's column is a level of its own.
      ['sequences at their key\'s column', Array.from({ length: 3000 }, (_, i) => `${' '.repeat(2 * i)}${i === 0 ? '' : '- '}k:\n`).join(''), 101],
      // `- - - x`: every dash is a level, on one line.
      ['compact sequences', `a:\n  ${'- '.repeat(3000)}x\n`, 2],
      ['tags and anchors', Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k${i}: &a${i}\n`).join(''), 201],
    ];
    for (const [name, text, line] of cases) {
      const error = failure('deep.yaml', text);
      assert.equal(error.message, `nesting deeper than ${MAX_NESTING_DEPTH} levels`, name);
      assert.equal(error.line, line, name);
    }
  });

  it('the block-depth pre-scan counts levels, not lines, columns or text in block scalars', () => {
    const ok = (text: string): void => assert.equal(findDeepBlockNesting(text, MAX_NESTING_DEPTH), undefined, text.slice(0, 60));
    // Siblings, and levels closed by a line indented less.
    ok(Array.from({ length: 5000 }, (_, i) => `${' '.repeat((i % 150) * 2)}k${i}:\n`).join(''));
    ok(`Resources:\n${Array.from({ length: 3000 }, (_, i) => `  R${i}:\n    Type: AWS::SNS::Topic\n    Properties: { TopicName: t${i} }\n`).join('')}`);
    // Indented text in block scalars (a script, a policy as JSON) and in multi-line quoted scalars.
    const indented = Array.from({ length: 400 }, (_, i) => `${' '.repeat(i + 4)}x${i}: y`).join('\n');
    ok(`a: |\n${indented}\nb: >-\n${indented}\nc:\n  - !Sub |\n${indented}\n`);
    ok(`a: "${Array.from({ length: 400 }, (_, i) => `${' '.repeat(i)}- x`).join('\n')}"\nb: 1\n`);
    // Separate documents start again from the top.
    ok(Array.from({ length: 3 }, () => Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')).join('\n---\n'));
    assert.ok(parseTemplate('ok.yaml', `a: |\n${indented}\n`).ok);
  });

  it('the flow-depth pre-scan ignores brackets in quotes and comments', () => {
    const text = `a: "${'['.repeat(500)}"\nb: '${'{'.repeat(500)}'\n# ${'['.repeat(500)}\nc: [x]\n`;
    assert.equal(findDeepFlowNesting(text, MAX_NESTING_DEPTH), undefined);
    assert.ok(parseTemplate('q.yaml', text).ok);
  });

  it('multi-document YAML reads the first document and warns', () => {
    const result = parsed('Resources: {}\n---\nkind: Other\n');
    assert.deepEqual(result.warnings.map((w) => [w.line, w.message]), [[2, 'file holds 2 YAML documents; only the first is read as the template']]);
    assert.equal(find(result.root, ['Resources']).kind, 'map');
  });

  it('accepts a byte-order mark before JSON and YAML', () => {
    assert.ok(parseTemplate('a.json', '\uFEFF{"Resources": {}}').ok);
    assert.ok(parseTemplate('a.yaml', '\uFEFFResources: {}\n').ok);
  });
});
