import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byLogicalId, load, value } from './fixtures.ts';

test('wrong-typed properties degrade to unknowns, never throw', () => {
  const infra = load('garbage.yaml');
  const internal = infra.errors.filter((e) => e.message.includes('internal error'));
  assert.deepEqual(internal, []);
  assert.equal(infra.resources.length, 16);

  const sg = byLogicalId(infra.securityGroups, 'Sg');
  assert.equal(sg.implicitEgress, false);
  assert.ok(sg.rules.length >= 3);
  const egress = sg.rules.filter((r) => r.direction === 'egress');
  assert.ok(egress.every((r) => r.protocol === 'unknown' || !r.portsKnown));

  const service = byLogicalId(infra.services, 'Service');
  assert.equal(service.desiredCount.known, false);
  assert.equal(service.enableExecuteCommand.known, false);
  assert.equal(value(service.assignPublicIp), true, 'true read as ENABLED');
  assert.equal(service.subnets.known, false);
  assert.deepEqual(service.securityGroups.items.map((r) => r.kind === 'external' && r.value), ['sg-1', 'sg-2']);

  const td = byLogicalId(infra.taskDefinitions, 'Td');
  assert.equal(td.containers.length, 2);
  assert.equal(td.containers[0].image.known, false);
  assert.equal(td.taskRole?.kind, 'unknown');

  const endpoint = byLogicalId(infra.vpcEndpoints, 'Endpoint');
  assert.equal(endpoint.privateDns.known, false);
  assert.ok(endpoint.policy?.unknown !== undefined);

  const lb = byLogicalId(infra.loadBalancers, 'Lb');
  assert.equal(lb.scheme.known, false);

  assert.equal(byLogicalId(infra.roles, 'Role').trustPolicy?.unknown !== undefined, true);
  assert.ok(byLogicalId(infra.policies, 'Policy').document.unknown?.includes('not valid JSON'));
  assert.equal(byLogicalId(infra.services, 'NoProps').taskDefinition.kind, 'unknown');
});
