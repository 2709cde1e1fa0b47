import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { networkRules } from '../../../../src/shared/rules/network/index.ts';
import { describePorts, usesTaskNetworking } from '../../../../src/shared/rules/network/shared.ts';
import { InfraIndex } from '../../../../src/shared/analysis/infra-index.ts';
import { infra, known, unknown } from '../../../support/model.ts';
import { cidr, ingress, service, taskDefinition } from '../../../support/network-rules.ts';

const EXPECTED: Array<[string, string]> = [
  ['FW201', 'high'], ['FW202', 'high'], ['FW203', 'medium'], ['FW204', 'low'], ['FW205', 'medium'],
  ['FW206', 'medium'], ['FW207', 'medium'], ['FW208', 'medium'], ['FW209', 'low'], ['FW210', 'medium'],
];

test('networkRules lists FW201–FW210 once each, with the catalog severities', () => {
  assert.deepEqual(networkRules.map((r) => [r.meta.id, r.meta.severity]), EXPECTED);
});

test('every network rule has complete metadata and a docs page that names it', () => {
  for (const { meta } of networkRules) {
    assert.equal(meta.area, 'network');
    // FW201–FW203 build fixes (src/shared/fixes/builders/network.ts); the others do not.
    assert.equal(meta.fixable, ['FW201', 'FW202', 'FW203'].includes(meta.id), meta.id);
    assert.ok(meta.title.length > 10 && meta.description.length > 80, meta.id);
    assert.ok(Object.keys(meta.messages).length > 0, meta.id);
    const doc = readFileSync(fileURLToPath(new URL(`../../../../docs/rules/${meta.id}.md`, import.meta.url)), 'utf8');
    assert.match(doc, new RegExp(`^# ${meta.id}`), `${meta.id}.md starts with its id`);
    for (const section of ['CloudFormation', 'CDK', 'Terraform', 'fargate-warden:', 'Related']) assert.ok(doc.includes(section), `${meta.id}.md mentions ${section}`);
  }
});

test('describePorts words protocols and ranges', () => {
  const cases: Array<[Parameters<typeof ingress>[1], string]> = [
    [{}, 'all traffic'],
    [{ protocol: '-1' }, 'all traffic'],
    [{ ports: 443 }, 'TCP 443'],
    [{ ports: [8000, 8100] }, 'TCP 8000-8100'],
    [{ ports: [0, 65535] }, 'all TCP ports'],
    [{ ports: 'unknown' }, 'TCP (ports unknown)'],
    [{ protocol: 'udp', ports: 53 }, 'UDP 53'],
    [{ protocol: '17', ports: 53 }, 'UDP 53'],
    [{ protocol: 'icmp', ports: [-1, -1] }, 'ICMP'],
    [{ protocol: '50', ports: [0, 65535] }, 'protocol 50'],
    [{ protocol: 'unknown', ports: 'unknown' }, 'traffic (protocol unknown)'],
  ];
  for (const [o, expected] of cases) assert.equal(describePorts(ingress(cidr('10.0.0.0/8'), o)), expected);
});

test('usesTaskNetworking: Fargate, awsvpc on EC2, unknown launch type unless the task definition rules awsvpc out', () => {
  const cases: Array<[boolean | 'unknown', string | undefined | null, boolean]> = [
    [true, undefined, true],
    [true, 'bridge', true],
    [false, 'awsvpc', true],
    [false, 'bridge', false],
    [false, undefined, false],
    [false, null, false],
    ['unknown', undefined, true],
    ['unknown', null, true],
    ['unknown', 'awsvpc', true],
    ['unknown', 'host', false],
  ];
  for (const [fargate, mode, expected] of cases) {
    const tds = mode === undefined ? [] : [taskDefinition('TaskDef', mode === null ? unknown() : known(mode))];
    const i = infra({ services: [service('Api', { fargate })], taskDefinitions: tds });
    assert.equal(usesTaskNetworking(new InfraIndex(i), i.services[0]), expected, `fargate=${fargate} mode=${mode}`);
  }
});
