// Fn::FindInMap over a key the files do not give (a parameter without a value, AWS::Region) is a
// choice among the mapping's keys, as an undecided Fn::If is a choice between its branches: what
// any key selects counts, under that key.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultConfig } from '../../../../src/shared/config/index.ts';
import { scan } from '../../../../src/shared/engine.ts';
import { loadIamCatalog } from '../../../../src/shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../../../../src/shared/io/managed-policies.ts';

const FIXTURE = readFileSync(resolve(import.meta.dirname, '../../../fixtures/cfn/mappings-by-env.yaml'), 'utf8');
const run = (text: string) => scan([{ path: 'mappings-by-env.yaml', text }], { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() }, defaultConfig());

describe('Fn::FindInMap by environment and region', () => {
  const result = run(FIXTURE);

  it('the ingress CIDR of each allowed environment is a rule under that environment', () => {
    const ingress = result.infra.securityGroups.find((g) => g.logicalId === 'TaskSg')!.rules.filter((r) => r.direction === 'ingress');
    assert.deepEqual(
      ingress.map((r) => `${r.peer.kind === 'cidr4' ? r.peer.cidr : r.peer.kind} ${r.when === undefined ? 'always' : `${r.when.condition}=${String(r.when.value)}`}`),
      ['0.0.0.0/0 Env=dev', '10.0.0.0/8 Env=staging', '10.0.0.0/16 Env=prod'],
      'sandbox is not one of Env\'s AllowedValues',
    );
  });

  it('FW202 reports the world-open CIDR of dev, saying when', () => {
    const found = result.findings.filter((f) => f.ruleId === 'FW202');
    assert.deepEqual(found.map((f) => f.line), [69]);
    assert.match(found[0]!.message, /admits TCP 8080 from 0\.0\.0\.0\/0 \(anywhere\) when Env is dev\./);
  });

  it('an image from the region\'s ECR is an ECR image whatever the region: the task needs ECR', () => {
    assert.equal(result.infra.taskDefinitions[0]?.containers[0]?.registry, 'ecr-private');
    assert.deepEqual(result.posture.services[0]?.needs.map((n) => n.service), ['ecr.api', 'ecr.dkr', 's3', 'logs']);
  });

  it('no environment world-open: no finding; a choice mixed with an undecided Fn::If in one rule stays unknown', () => {
    assert.deepEqual(run(FIXTURE.replace('dev: { IngressCidr: 0.0.0.0/0', 'dev: { IngressCidr: 10.9.0.0/16')).findings.filter((f) => f.ruleId === 'FW202'), []);
    const mixed = FIXTURE
      .replace('Mappings:\n', 'Conditions:\n  Wide: !Equals [!Ref Env, dev]\nMappings:\n')
      .replace('          FromPort: 8080\n', '          FromPort: !If [Wide, 8000, 8080]\n');
    const rules = run(mixed).infra.securityGroups.find((g) => g.logicalId === 'TaskSg')!.rules.filter((r) => r.direction === 'ingress');
    assert.equal(rules.length, 1);
    assert.equal(rules[0]!.peer.kind, 'unknown');
  });
});

describe('Fn::FindInMap over thousands of allowed values and keys', () => {
  it('each lookup costs what the mapping and the list hold, not their product', () => {
    const keys = Array.from({ length: 8000 }, (_, i) => `k${i}`);
    const lookups = Array.from({ length: 15 }, (_, i) => [
      `  TaskDef${i}:`,
      '    Type: AWS::ECS::TaskDefinition',
      '    Properties:',
      '      ContainerDefinitions: [{Name: app, Image: !FindInMap [M, !Ref Env, Image]}]',
    ]).flat();
    const text = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Parameters:',
      '  Env:',
      '    Type: String',
      `    AllowedValues: [${keys.join(', ')}]`,
      'Mappings:',
      '  M:',
      ...keys.map((k) => `    ${k}: {Image: nginx}`),
      'Resources:',
      ...lookups,
      '',
    ].join('\n');
    // Every allowed value against every key took about 7 s here; with sets, about 1 s. Timings are
    // not asserted (see npm run bench); this runs the size through once.
    const result = run(text);
    assert.deepEqual(result.errors, []);
  });
});
