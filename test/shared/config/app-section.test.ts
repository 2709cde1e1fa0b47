import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/shared/config/index.ts';

const FILE = '.github/fargate-warden.yml';

describe('parseConfig: app section', () => {
  it('is absent when the file does not have one', () => {
    const { config, errors } = parseConfig('failOn: high\n', FILE);
    assert.deepEqual(errors, []);
    assert.equal(config.app, undefined);
  });

  it('reads app.groupBy rule or service, case-insensitively', () => {
    assert.deepEqual(parseConfig('app:\n  groupBy: service\n', FILE), { config: { ...parseConfig('', FILE).config, app: { groupBy: 'service' } }, errors: [] });
    assert.equal(parseConfig('app:\n  groupBy: Rule\n', FILE).config.app?.groupBy, 'rule');
  });

  it('an empty app section sets nothing', () => {
    const { config, errors } = parseConfig('app:\n', FILE);
    assert.deepEqual(errors, []);
    assert.equal(config.app, undefined);
  });

  it('reports a bad groupBy value on its line and keeps the rest of the file', () => {
    const { config, errors } = parseConfig('failOn: high\napp:\n  groupBy: team\n', FILE);
    assert.deepEqual(errors, [{ file: FILE, line: 3, message: 'app.groupBy must be one of rule, service' }]);
    assert.equal(config.failOn, 'high');
    assert.equal(config.app?.groupBy, undefined);
  });

  it('reports unknown keys under app with a hint', () => {
    const { errors } = parseConfig('app:\n  group-by: rule\n', FILE);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].line, 2);
    assert.match(errors[0].message, /unknown key "app\.group-by" \(did you mean "app\.groupBy"\?\)/);
  });

  it('reports an app section that is not a mapping', () => {
    const { errors } = parseConfig('app: rule\n', FILE);
    assert.deepEqual(errors, [{ file: FILE, line: 1, message: 'app must be a mapping' }]);
  });
});
