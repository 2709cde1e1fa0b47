import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mapEntry, resourcesOfType, templateDoc } from '../../../src/shared/fixes/doc.ts';
import { statementPath } from '../../../src/shared/fixes/builders/iam.ts';

/** The look-ups fix builders repeat per finding, which answer from indexes built once per template. */

describe('statementPath', () => {
  /** The definition: a statement path followed by where the action or resource is written. */
  const reference = (path: string) => /^(.*\.Statement(?:\[\d+\])?)(?:\.(?:Action|NotAction|Resource|NotResource)(?:\[\d+\])?)?$/.exec(path)?.[1];
  const paths = [
    'Resources.Role.Properties.Policies[0].PolicyDocument.Statement[0].Action[1]',
    'Resources.Role.Properties.Policies[0].PolicyDocument.Statement[12].Resource',
    'Resources.Role.Properties.Policies[0].PolicyDocument.Statement.NotAction[3]',
    'Resources.Role.Properties.Policies[0].PolicyDocument.Statement[2]',
    'Resources.Role.Properties.Policies[0].PolicyDocument.Statement',
    'Resources.Role.Properties.Policies[0].PolicyDocument.Statement[0].Condition',
    'Resources.Role.Properties.Policies[0].PolicyDocument.Statement[0].Action[x]',
    'Resources.Role.Properties.Policies[0].PolicyDocument.Statement[0].Action.Statement[1].Action',
    'Resources.Statement.Properties.PolicyDocument.Statement[0].Resource[0]',
    'Resources.Role.Properties.Policies[0].PolicyDocument.Statements[0].Action',
    'Resources.Ro\nle.Properties.Policies[0].PolicyDocument.Statement[0].Action',
    'Resources.Role.Properties.Policies[0].PolicyDocument.Statement[0].Action\n',
    'Statement[0].Action',
    '.Statement',
    '',
  ];
  for (const path of paths) {
    it(JSON.stringify(path), () => assert.equal(statementPath(path), reference(path)));
  }
});

describe('template look-ups', () => {
  const names = Array.from({ length: 40 }, (_, i) => `R${i}`);
  const text = JSON.stringify({
    Resources: Object.fromEntries(names.map((n, i) => [n, { Type: i % 3 === 0 ? 'AWS::SQS::Queue' : 'AWS::SNS::Topic', Properties: { N: i } }])),
  }, null, 2);
  const doc = templateDoc('lookups.json', text);

  it('finds entries of large mappings by key', () => {
    assert.ok(doc !== undefined);
    const resources = mapEntry(doc.root, 'Resources')?.value;
    for (const n of names) assert.equal(mapEntry(resources, n)?.key, n);
    assert.equal(mapEntry(resources, 'Missing'), undefined);
  });

  it('keeps the first of duplicate keys, as a scan does', () => {
    const keys = [...names, 'R5'];
    const map = { kind: 'map', entries: keys.map((key, i) => ({ key, value: { kind: 'scalar', value: i } })) } as unknown as Parameters<typeof mapEntry>[0];
    assert.deepEqual(mapEntry(map, 'R5')?.value, { kind: 'scalar', value: 5 });
  });

  it('lists resources of a type in declaration order', () => {
    assert.ok(doc !== undefined);
    assert.deepEqual(resourcesOfType(doc, 'AWS::SQS::Queue'), names.filter((_, i) => i % 3 === 0));
    assert.deepEqual(resourcesOfType(doc, 'AWS::S3::Bucket'), []);
  });
});
