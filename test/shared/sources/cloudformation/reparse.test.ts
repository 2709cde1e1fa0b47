// reparseYaml must give exactly what a full parse gives, positions included, or nothing (the
// caller then parses in full). Checked on hand-made edits that sit at the edges of what it may
// reuse, and on edits of every YAML template of the shared corpus (read there, never copied).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTemplate, type ParsedTemplate, type PMap } from '../../../../src/shared/sources/cloudformation/parse.ts';
import { reparseYaml } from '../../../../src/shared/sources/cloudformation/reparse.ts';
import { parseTemplateReusing, rememberParsed } from '../../../../src/shared/sources/cloudformation/parsed-cache.ts';

function parsed(text: string, file = 't.yaml'): ParsedTemplate {
  const result = parseTemplate(file, text);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result;
}

/** What a parse says about a text: everything a full parse returns but the file name. */
function shape(t: ParsedTemplate): unknown {
  return { root: t.root, nodeCount: t.nodeCount, warnings: t.warnings, aliases: t.aliases, format: t.format, text: t.text };
}

/** Either no reuse, or exactly the full parse's tree. Returns whether the tree was reused. */
function checkReparse(earlier: ParsedTemplate, text: string, what: string): boolean {
  const reused = reparseYaml(earlier, text);
  if (reused === undefined) return false;
  const full = parseTemplate(earlier.file, text);
  assert.ok(full.ok, `${what}: reused a tree for text a full parse rejects (${full.ok ? '' : full.error.message})`);
  assert.deepStrictEqual(shape(reused), shape(full), what);
  return true;
}

const BASE = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Resources:',
  '  Role:',
  '    Type: AWS::IAM::Role',
  '    Properties:',
  '      RoleName: !Sub "${AWS::StackName}-role"',
  '      Arn: !GetAtt Other.Arn',
  '  Queue:',
  '    Type: AWS::SQS::Queue',
  '    Properties:',
  '      QueueName: q',
  '  # the last one',
  '  Topic:',
  '    Type: AWS::SNS::Topic',
  '    Metadata:',
  '      Of: !GetAtt Role.Arn',
  'Outputs:',
  '  RoleArn:',
  '    Value: !GetAtt Role.Arn',
  '',
].join('\n');

const resourcesOf = (t: ParsedTemplate): PMap => {
  assert.equal(t.root.kind, 'map');
  const value = (t.root as PMap).entries.find((e) => e.key === 'Resources')?.value;
  assert.equal(value?.kind, 'map');
  return value as PMap;
};

describe('reparseYaml', () => {
  const base = parsed(BASE);

  it('reuses the tree for edits inside resources, moving what follows them', () => {
    const cases: [string, string][] = [
      ['a property added', BASE.replace('      QueueName: q\n', '      QueueName: q\n      DelaySeconds: 5\n')],
      ['a value changed', BASE.replace('QueueName: q', 'QueueName: !Ref Name')],
      ['a resource added between two', BASE.replace('  Queue:\n', '  Extra:\n    Type: AWS::SNS::Topic\n  Queue:\n')],
      ['a resource added at the end', BASE.replace('      Of: !GetAtt Role.Arn\n', '      Of: !GetAtt Role.Arn\n  Last:\n    Type: AWS::SQS::Queue\n')],
      ['a resource removed', BASE.replace('  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: q\n', '')],
      ['two resources edited', BASE.replace('${AWS::StackName}-role', 'r').replace('QueueName: q', 'QueueName: qq')],
      ['CRLF line ends', BASE.replace(/\n/g, '\r\n')],
    ];
    for (const [what, text] of cases) {
      const earlier = what === 'CRLF line ends' ? parsed(text.replace('QueueName: q', 'QueueName: x')) : base;
      assert.ok(checkReparse(earlier, text, what), `${what}: expected the tree to be reused`);
    }
    // A value written as nothing (`{ Key }`) counts as a node like any other.
    assert.ok(checkReparse(parsed(BASE.replace('QueueName: q', 'QueueName: { Flag }')), BASE, 'a null written as nothing replaced'));
    // Resources before the change are the earlier tree's own objects; the outputs after it are moved.
    const reused = reparseYaml(base, BASE.replace('QueueName: q', 'QueueName: a much longer name'));
    assert.ok(reused !== undefined);
    assert.equal(resourcesOf(reused).entries[0], resourcesOf(base).entries[0]);
    const outputs = (reused.root as PMap).entries.find((e) => e.key === 'Outputs');
    assert.equal(outputs?.keyPos.range.start, BASE.indexOf('Outputs:') + 'a much longer name'.length - 1);
    // A tree made this way serves as the earlier tree in turn, also where it was moved.
    const next = BASE.replace('QueueName: q', 'QueueName: a much longer name');
    assert.ok(checkReparse(reused, next.replace('Of: !GetAtt Role.Arn', 'Of: !GetAtt Role.RoleId'), 'an edit of a moved resource'));
  });

  it('parses in full whatever it cannot vouch for', () => {
    const cases: [string, ParsedTemplate, string][] = [
      ['an edit outside Resources', base, BASE.replace('2010-09-09', '2010-09-10')],
      ['a new top-level key between resources', base, BASE.replace('  Queue:\n', 'Conditions: {}\n  Queue:\n')],
      ['a document marker', base, BASE.replace('  Queue:\n', '...\n  Queue:\n')],
      ['an alias in the edit', base, BASE.replace('      QueueName: q\n', '      QueueName: *q\n')],
      ['a duplicate of a resource left alone', base, BASE.replace('  Queue:\n', '  Topic:\n    Type: X\n  Queue:\n')],
      ['a syntax error', base, BASE.replace('QueueName: q', 'QueueName: [q')],
      ['a key with no text', base, BASE.replace('  Queue:\n', '  : x\n  Queue:\n')],
      ['an empty flow mapping for the last resources', base, BASE.slice(0, BASE.indexOf('  Queue:\n')) + '  {}\n' + BASE.slice(BASE.indexOf('Outputs:'))],
      ['an unknown tag', base, BASE.replace('QueueName: q', 'QueueName: !Foo q')],
      ['a comment after the last resource', base, BASE.replace('      Of: !GetAtt Role.Arn\n', '      Of: !GetAtt Role.Arn\n  # trailing\n').replace('  # the last one\n', '')],
      ['an earlier tree with aliases', parsed(BASE.replace('RoleName: !Sub "${AWS::StackName}-role"', 'RoleName: &name r').replace('QueueName: q', 'QueueName: *name')), BASE],
      ['an earlier tree from JSON', parsed('{"Resources": {"A": {"Type": "X"}}}', 't.json'), '{"Resources": {"A": {"Type": "Y"}}}'],
    ];
    for (const [what, earlier, text] of cases) {
      assert.equal(reparseYaml(earlier, text), undefined, what);
    }
  });

  it('gives the full parse for edits at the edges of a resource', () => {
    // Blank lines inserted before a key may belong to a `|+` scalar above it; a line deeper than
    // the keys belongs to the resource above; a change ending mid-line joins the line after it.
    const keep = BASE.replace('      QueueName: q\n', '      QueueName: |+\n        q\n\n');
    const keepTree = parsed(keep);
    const edits: [string, ParsedTemplate, string][] = [
      ['blank lines after a kept scalar', keepTree, keep.replace('  # the last one\n', '\n\n  # the last one\n')],
      ['blank lines before a key', base, BASE.replace('  Queue:\n', '\n\n  Queue:\n')],
      ['a deeper line before a key', base, BASE.replace('  Queue:\n', '        Deeper: 1\n  Queue:\n')],
      ['a key line joined to the line above', base, BASE.replace('AWS::IAM::Role\n', 'AWS::IAM::Role ')],
      ['a quoted string over two lines', base, BASE.replace('QueueName: q', 'QueueName: "a\n       b"')],
      ['a flow sequence over two lines', base, BASE.replace('QueueName: q', 'QueueName: [a,\n       b]')],
    ];
    for (const [what, earlier, text] of edits) checkReparse(earlier, text, what);
  });

  const corpus = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));
  it('gives the full parse for edits of every YAML template of the corpus', { skip: existsSync(corpus) ? false : `corpus not found at ${corpus}` }, () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : /\.(ya?ml|template)$/.test(name) ? [path] : [];
      });
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let tried = 0;
    let reused = 0;
    for (const path of walk(corpus).sort()) {
      const text = readFileSync(path, 'utf8');
      const earlier = parseTemplate(path, text);
      if (!earlier.ok || earlier.format !== 'yaml' || earlier.root.kind !== 'map') continue;
      const resources = earlier.root.entries.find((e) => e.key === 'Resources')?.value;
      if (resources?.kind !== 'map' || resources.entries.length === 0) continue;
      const indent = resources.entries[0]!.keyPos.column - 1;
      const entry = resources.entries[random(resources.entries.length)]!;
      const keyLine = entry.keyPos.range.start - indent;
      const afterKey = text.indexOf('\n', entry.keyPos.range.start) + 1 || text.length;
      const end = entry.value.pos.range.end;
      const at = keyLine + random(Math.max(1, end - keyLine));
      const edits = [
        text.slice(0, afterKey) + ' '.repeat(indent + 2) + 'Metadata9:\n' + ' '.repeat(indent + 4) + 'Note: !Ref Foo\n' + text.slice(afterKey),
        text.slice(0, keyLine) + ' '.repeat(indent) + 'Added9:\n' + ' '.repeat(indent + 2) + 'Type: AWS::SNS::Topic\n' + text.slice(keyLine),
        text.slice(0, end) + '\n' + ' '.repeat(indent) + 'After9:\n' + ' '.repeat(indent + 2) + 'Type: !Sub "x-${AWS::Region}"\n' + text.slice(end),
        text.slice(0, keyLine) + text.slice(end),
        text.slice(0, at) + ['', '\n', ': ', '- ', '"', '{', '#', '|\n'][random(8)] + text.slice(at + random(10)),
      ];
      for (const edit of edits) {
        tried++;
        if (checkReparse(earlier, edit, `${path} (edit ${tried})`)) reused++;
      }
    }
    // Most edits are inside a resource; a reparse that never reused a tree would prove nothing.
    assert.ok(tried > 1000 && reused > tried / 2, `${reused} of ${tried} edits reused the earlier tree`);
  });
});

describe('parseTemplateReusing', () => {
  it('keeps reusing the tree of the text every fix starts from', () => {
    const file = 'reusing.yaml';
    const original = parsed(BASE, file);
    rememberParsed(original);
    // Verifying fixes: each text is the original with one edit, parsed and remembered in turn.
    for (const [from, to] of [['QueueName: q', 'QueueName: a'], ['AWS::SNS::Topic', 'AWS::SNS::Subscription'], ['RoleName: !Sub', 'RoleName: !Join']] as const) {
      const text = BASE.replace(from, to);
      const result = parseTemplateReusing(file, text);
      assert.ok(result.ok);
      assert.deepStrictEqual(shape(result), shape(parsed(text, file)));
      rememberParsed(result);
      // The untouched first resource is the original tree's object: the original was the base.
      if (from !== 'RoleName: !Sub') assert.equal(resourcesOf(result).entries[0], resourcesOf(original).entries[0]);
    }
    assert.equal(parseTemplateReusing(file, BASE), original);
  });
});
