import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byLogicalId, load, target, value } from './fixtures.ts';

const infra = load('load-balancers.yaml');

test('load balancer defaults: application, internet-facing', () => {
  const alb = byLogicalId(infra.loadBalancers, 'Alb');
  assert.equal(alb.type, 'application');
  assert.equal(value(alb.scheme), 'internet-facing');
  assert.equal(alb.scheme.source.explicit, false);
  assert.deepEqual(alb.securityGroups.items.map(target), ['ext:sg-0alb']);
  const nlb = byLogicalId(infra.loadBalancers, 'Nlb');
  assert.equal(nlb.type, 'network');
  assert.equal(value(nlb.scheme), 'internal');
  assert.deepEqual(nlb.subnets.items.map(target), ['ext:subnet-0aaa', 'ext:subnet-0bbb']);
  assert.equal(nlb.securityGroups.source.explicit, false);
});

test('listeners: redirect, weighted forward, listener rules', () => {
  const http = byLogicalId(infra.listeners, 'Http');
  assert.equal(value(http.protocol), 'HTTP');
  assert.equal(value(http.port), 80);
  assert.equal(target(http.loadBalancer), 'Alb');
  assert.deepEqual(http.actions.map((a) => [a.type, a.redirectProtocol]), [['redirect', 'HTTPS']]);

  const https = byLogicalId(infra.listeners, 'Https');
  assert.deepEqual(https.actions.map((a) => [a.type, a.targetGroups.map(target)]), [
    ['forward', ['Blue', 'Green']],
    ['forward', ['Admin']],
  ]);
  const tcp = byLogicalId(infra.listeners, 'Tcp');
  assert.equal(value(tcp.protocol), 'TCP');
});

test('target groups learn their load balancers', () => {
  assert.deepEqual(byLogicalId(infra.targetGroups, 'Blue').loadBalancers.map(target), ['Alb', 'Nlb']);
  assert.deepEqual(byLogicalId(infra.targetGroups, 'Green').loadBalancers.map(target), ['Alb']);
  assert.deepEqual(byLogicalId(infra.targetGroups, 'Admin').loadBalancers.map(target), ['Alb']);
  const blue = byLogicalId(infra.targetGroups, 'Blue');
  assert.equal(value(blue.protocol), 'HTTP');
  assert.equal(value(blue.port), 8080);
  assert.equal(value(blue.targetType), 'ip');
  const green = byLogicalId(infra.targetGroups, 'Green');
  assert.equal(value(green.targetType), 'instance');
  assert.equal(green.targetType.source.explicit, false);
  assert.equal(byLogicalId(infra.targetGroups, 'Admin').protocol.known, false);
});

test('classic load balancer with inline listeners', () => {
  const classic = byLogicalId(infra.loadBalancers, 'Classic');
  assert.equal(classic.type, 'classic');
  assert.equal(value(classic.scheme), 'internal');
  assert.deepEqual(classic.securityGroups.items.map(target), ['ClassicSg']);
  const listener = infra.listeners.find((l) => l.id === 'load-balancers.yaml#Classic.Listeners[0]');
  assert.ok(listener);
  assert.equal(value(listener.protocol), 'HTTP');
  assert.equal(value(listener.port), 80);
  assert.equal(target(listener.loadBalancer), 'Classic');
});
