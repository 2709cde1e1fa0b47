import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionAppliesTo } from '../../../src/shared/analysis/iam/applicability.ts';
import { loadIamCatalog, toAccessLevel } from '../../../src/shared/io/iam-catalog.ts';

describe('loadIamCatalog', () => {
  const catalog = loadIamCatalog();

  it('lists service prefixes in lower case', () => {
    const services = catalog.services();
    assert.ok(services.length > 300);
    for (const s of ['s3', 'iam', 'ecr', 'logs', 'ssmmessages', 'secretsmanager', 'dynamodb']) assert.ok(services.includes(s), s);
    assert.ok(services.every((s) => s === s.toLowerCase()));
  });

  it('is shared, so caches keyed by catalog survive between analyses', () => {
    assert.equal(loadIamCatalog(), catalog);
  });

  it('describes actions with canonical names, access levels and resource-level support', () => {
    const s3 = catalog.actions('s3') ?? [];
    const get = s3.find((a) => a.name === 'GetObject');
    assert.deepEqual(get && { ...get, resourceTypes: [...get.resourceTypes].sort() }, {
      name: 'GetObject',
      accessLevel: 'Read',
      resourceLevel: true,
      resourceTypes: ['accesspointobject', 'object'],
    });
    const listAll = s3.find((a) => a.name === 'ListAllMyBuckets');
    assert.equal(listAll?.accessLevel, 'List');
    assert.equal(listAll?.resourceLevel, false);
    const iam = catalog.actions('IAM') ?? [];
    assert.equal(iam.find((a) => a.name === 'PutRolePolicy')?.accessLevel, 'Permissions management');
    assert.equal(iam.find((a) => a.name === 'TagRole')?.accessLevel, 'Tagging');
    assert.equal((catalog.actions('ecr') ?? []).find((a) => a.name === 'GetAuthorizationToken')?.resourceLevel, false);
  });

  it('answers undefined for unknown prefixes, and never turns a prefix into a path', () => {
    assert.equal(catalog.actions('nosuchservice'), undefined);
    assert.equal(catalog.actions('../services'), undefined);
    assert.equal(catalog.actions('../../package'), undefined);
  });

  it('gives the ARN format of each resource type, by lower-cased name, only for known prefixes', () => {
    const s3 = catalog.resourceTypes?.('S3');
    assert.equal(s3?.get('bucket'), 'arn:${Partition}:s3:::${BucketName}');
    assert.equal(s3?.get('object'), 'arn:${Partition}:s3:::${BucketName}/${ObjectName}');
    // Every type an action names has a format.
    for (const prefix of ['s3', 'iam', 'dynamodb', 'logs', 'ecr', 'secretsmanager', 'ssm', 'rds']) {
      const formats = catalog.resourceTypes?.(prefix);
      for (const action of catalog.actions(prefix) ?? []) for (const type of action.resourceTypes) assert.ok(formats?.has(type.toLowerCase()), `${prefix}:${action.name} ${type}`);
    }
    assert.equal(catalog.resourceTypes?.('nosuchservice'), undefined);
    assert.equal(catalog.resourceTypes?.('../services'), undefined);
  });

  it('knows no formats in a copy of the catalog without them, and then judges nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-data-'));
    try {
      writeFileSync(join(dir, 'services.json'), JSON.stringify(['s3']));
      mkdirSync(join(dir, 'actions'));
      writeFileSync(join(dir, 'actions', 's3.json'), JSON.stringify({ deletebucket: { name: 'DeleteBucket', accessLevel: 'Write', resourceTypes: [{ name: 'bucket' }] } }));
      const trimmed = loadIamCatalog(dir);
      assert.equal(trimmed.resourceTypes?.('s3'), undefined);
      const action = trimmed.actions('s3')?.[0];
      assert.ok(action);
      assert.equal(actionAppliesTo({ action: 's3:DeleteBucket', service: 's3', info: action }, 'arn:aws:s3:::b/*', trimmed), true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('maps iam-data access levels to the model', () => {
    const table: [unknown, string][] = [
      ['Read', 'Read'], ['Write', 'Write'], ['List', 'List'],
      ['Permissions management, Write', 'Permissions management'], ['Tagging, Write', 'Tagging'],
      ['Something new', 'Unknown'], [undefined, 'Unknown'],
    ];
    for (const [input, expected] of table) assert.equal(toAccessLevel(input), expected, String(input));
  });
});
