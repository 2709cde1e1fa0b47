import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
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

  it('maps iam-data access levels to the model', () => {
    const table: [unknown, string][] = [
      ['Read', 'Read'], ['Write', 'Write'], ['List', 'List'],
      ['Permissions management, Write', 'Permissions management'], ['Tagging, Write', 'Tagging'],
      ['Something new', 'Unknown'], [undefined, 'Unknown'],
    ];
    for (const [input, expected] of table) assert.equal(toAccessLevel(input), expected, String(input));
  });
});
