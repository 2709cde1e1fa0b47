import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byLogicalId, lineOf, load } from './fixtures.ts';

const FILE = 'suppressions.yaml';

test('suppressions with a reason are accepted, without one they are errors', () => {
  const infra = load(FILE);
  const sg = byLogicalId(infra.securityGroups, 'TaskSg');
  assert.deepEqual(sg.suppressions.map((s) => [s.ruleId, s.reason]), [['FW203', 'egress is filtered by the network firewall']]);
  assert.equal(sg.suppressions[0].source.line, lineOf(FILE, '- id: FW203'));
  const messages = infra.errors.map((e) => `${e.file}:${e.line} ${e.message}`);
  assert.equal(infra.errors.length, 3, messages.join('\n'));
  const fw202 = infra.errors.find((e) => e.message.includes('FW202'));
  assert.ok(fw202);
  assert.equal(fw202.file, FILE);
  assert.equal(fw202.line, lineOf(FILE, '- id: FW202'));
  assert.match(fw202.message, /reason is required/);
  assert.ok(infra.errors.some((e) => e.message.includes('FW204') && /reason is required/.test(e.message)));
  const malformed = infra.errors.find((e) => e.message.startsWith('Service:'));
  assert.ok(malformed);
  assert.match(malformed.message, /ignore/);
  assert.deepEqual(byLogicalId(infra.services, 'Service').suppressions, []);
  // The entity is still there, with suppressions it did get (none).
  assert.equal(infra.resources.find((r) => r.logicalId === 'TaskSg')?.suppressions.length, 1);
});
