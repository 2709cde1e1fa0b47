import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addedConditionalReferences, conditionalReferences } from '../../../src/shared/fixes/conditions.ts';
import { templateDoc, type TemplateDoc } from '../../../src/shared/fixes/doc.ts';
import { verifyFixes } from '../../../src/shared/fixes/verify.ts';
import { config, deps, FIXES, findingOf, scanFiles } from './support.ts';

/**
 * A resource that references one created only under a condition it does not share makes
 * CloudFormation reject the template whenever the condition is false: fixes must not add one.
 */

const doc = (text: string): TemplateDoc => {
  const d = templateDoc('c.yaml', text);
  assert.ok(d !== undefined);
  return d;
};

const TEMPLATE = `Conditions:
  HasDb: !Equals [!Ref WithDb, "true"]
Resources:
  Db:
    Type: AWS::EC2::SecurityGroup
    Condition: HasDb
    Properties: { GroupDescription: db }
  Guarded:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !If [HasDb, !GetAtt Db.GroupId, none]
  SameCondition:
    Type: AWS::EC2::SecurityGroupEgress
    Condition: HasDb
    Properties: { GroupId: !Ref Db }
`;

describe('conditional references', () => {
  it('references under an Fn::If on the condition, or from a resource under the same condition, are fine', () => {
    assert.deepEqual(conditionalReferences(doc(TEMPLATE)), []);
  });

  it('finds an unguarded reference (Ref, GetAtt, Sub, DependsOn, the false branch of an Fn::If)', () => {
    const forms = ['!Ref Db', '!GetAtt Db.GroupId', '!Sub "${Db.GroupId}"', '!If [Other, !Ref Db, none]', '!If [HasDb, none, !Ref Db]'];
    for (const form of forms) {
      const text = `${TEMPLATE}  Rule:\n    Type: AWS::EC2::SecurityGroupEgress\n    Properties: { GroupId: ${form} }\n`;
      assert.deepEqual(conditionalReferences(doc(text)), [{ from: 'Rule', to: 'Db', condition: 'HasDb' }], form);
    }
    const dependsOn = `${TEMPLATE}  Rule:\n    Type: AWS::EC2::SecurityGroupEgress\n    DependsOn: [Db]\n    Properties: { GroupId: x }\n`;
    assert.deepEqual(conditionalReferences(doc(dependsOn)), [{ from: 'Rule', to: 'Db', condition: 'HasDb' }]);
  });

  it('only the references a new text adds count', () => {
    const before = `${TEMPLATE}  Old:\n    Type: X\n    Properties: { A: !Ref Db }\n`;
    const after = `${before}  New:\n    Type: X\n    Properties: { A: !Ref Db }\n`;
    assert.deepEqual(addedConditionalReferences('c.yaml', before, after), [{ from: 'New', to: 'Db', condition: 'HasDb' }]);
  });

  const withConditionalDb = (dbSg: (text: string) => string): string => dbSg(readFileSync(join(FIXES, 'public-alb.yaml'), 'utf8')
    .replace('Resources:', 'Parameters:\n  WithDb: { Type: String }\nConditions:\n  HasDb: !Equals [!Ref WithDb, "true"]\n\nResources:')
    .replace('  DbSg:\n    Type:', '  DbSg:\n    Condition: HasDb\n    Type:'));

  it('FW203 writes its standalone rule to a database group created under a condition under the same condition', () => {
    const text = withConditionalDb((t) => t);
    assert.ok(text.includes('Condition: HasDb'));
    const file = { path: 'conditional-db.yaml', text };
    const result = scanFiles([file]);
    const finding = findingOf(result, 'FW203', 'TaskSg');
    const verified = verifyFixes([file], result, deps(), config);
    assert.deepEqual(verified.dropped.map((d) => d.reason), []);
    assert.match(verified.fixes.find((v) => v.finding === finding)?.files.get(file.path) ?? '', /\n {2}TaskSgEgressToDbSg:\n {4}Type: AWS::EC2::SecurityGroupEgress\n {4}Condition: HasDb\n {4}Properties:\n/);
  });

  it('verification drops a fix that would reference a group created only under a condition (an inline egress rule to it)', () => {
    // The database admits the task subnets by range: the rule to it is inline, in a group every stack has.
    const text = withConditionalDb((t) => t.replace('SourceSecurityGroupId: !GetAtt TaskSg.GroupId }', 'CidrIp: 10.0.0.0/16 }'));
    assert.ok(text.includes('CidrIp: 10.0.0.0/16 }'));
    const file = { path: 'conditional-db.yaml', text };
    const result = scanFiles([file]);
    const finding = findingOf(result, 'FW203', 'TaskSg');
    const verified = verifyFixes([file], result, deps(), config);
    assert.deepEqual(verified.dropped.filter((d) => d.finding === finding).map((d) => d.reason), [
      'it would make TaskSg reference DbSg, which exists only when condition HasDb is true: CloudFormation would reject conditional-db.yaml when it is false',
    ]);
    assert.ok(verified.fixes.some((v) => v.finding.ruleId === 'FW202'), 'the other fix is unaffected');
  });

});
