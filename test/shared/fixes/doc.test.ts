import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { aliasedEditReason, templateDoc } from '../../../src/shared/fixes/doc.ts';
import type { Edit } from '../../../src/shared/model/index.ts';

describe('aliasedEditReason', () => {
  const text = [
    'Resources:',
    '  A:',
    '    Type: AWS::EC2::SecurityGroup',
    '    Properties:',
    '      Tags: &t [{ Key: k, Value: v }]',
    '      GroupDescription: a',
    '  B:',
    '    Type: AWS::EC2::SecurityGroup',
    '    Properties:',
    '      GroupDescription: b',
    '      Tags: *t',
    '',
  ].join('\n');
  const doc = templateDoc('t.yaml', text);
  const at = (offset: number, length: number, inserted: string): Edit => ({ file: 't.yaml', range: { start: offset, end: offset + length }, text: inserted });
  const afterList = text.indexOf(']') + 1;

  it('lets a new line start right after an anchored flow list', () => {
    assert.ok(doc !== undefined);
    assert.equal(aliasedEditReason(doc, [at(afterList, 0, '\n      VpcId: vpc-1')]), undefined);
  });

  it('refuses an edit inside it, or text joined to its end on its line', () => {
    assert.ok(doc !== undefined);
    assert.match(aliasedEditReason(doc, [at(afterList - 2, 1, 'w')]) ?? '', /anchored as &t on line 5, which the alias \*t on line 11 repeats/);
    assert.match(aliasedEditReason(doc, [at(afterList, 0, ', more')]) ?? '', /anchored as &t/);
  });

  it('refuses an edit of the resource that holds the alias', () => {
    assert.ok(doc !== undefined);
    assert.match(aliasedEditReason(doc, [at(text.indexOf('GroupDescription: b') + 'GroupDescription: '.length, 1, 'c')]) ?? '', /^resource B uses the YAML alias \*t/);
  });
});
