import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderJson } from '../../../src/shared/render/index.ts';
import { sampleResult } from './sample.ts';

describe('renderJson', () => {
  it('writes exactly the documented scan shape, keys in documented order', () => {
    const parsed = JSON.parse(renderJson(sampleResult())) as Record<string, unknown>;
    assert.deepEqual(Object.keys(parsed), ['version', 'services', 'findings', 'errors', 'unresolved']);
    assert.equal(parsed.version, 1);
    assert.deepEqual(parsed.services, [
      {
        key: 'orders-api', resource: 'ApiService', file: 'template.yaml', taskRole: 'TaskRole', executionRole: 'ExecRole', publicIp: true,
        subnets: ['PublicA', 'PublicB'], egress: 'igw',
        needs: [
          { service: 'ecr.api', reason: 'private ECR image', covered: true, via: 'igw' },
          { service: 'dynamodb', reason: 'task role calls dynamodb', covered: false, via: null },
          { service: 'logs', reason: 'awslogs', covered: 'unknown', via: null },
        ],
        subnetsUnknown: null,
      },
      { key: 'WorkerService', resource: 'WorkerService', file: 'template.yaml', taskRole: null, executionRole: 'ExecRole', publicIp: false, subnets: ['PrivateA'], egress: 'nat', needs: [], subnetsUnknown: null },
    ]);
    const services = parsed.services as Record<string, unknown>[];
    assert.deepEqual(Object.keys(services[0]), ['key', 'resource', 'file', 'taskRole', 'executionRole', 'publicIp', 'subnets', 'egress', 'needs', 'subnetsUnknown']);
    assert.deepEqual(parsed.errors, [{ file: 'broken.yaml', line: 3, message: 'invalid YAML: bad indentation', column: 5 }]);
    assert.deepEqual(parsed.unresolved, [{ file: 'template.yaml', line: 7, path: 'Parameters.VpcId', reason: 'parameter VpcId has no default' }]);
  });

  it('findings carry the documented keys first; cdkPath and suppressed only when present', () => {
    const { findings } = JSON.parse(renderJson(sampleResult())) as { findings: Record<string, unknown>[] };
    const documented = ['ruleId', 'severity', 'resource', 'service', 'file', 'line', 'message'];
    assert.deepEqual(Object.keys(findings[0]), documented);
    assert.deepEqual(findings[0], { ruleId: 'FW201', severity: 'high', resource: 'ApiService', service: 'orders-api', file: 'template.yaml', line: 45, message: 'Service ApiService assigns a public IP to every task.' });
    assert.deepEqual(Object.keys(findings[1]), [...documented, 'cdkPath']);
    assert.equal(findings[2].service, null, 'a finding tied to no service says null, the key is never missing');
    assert.deepEqual(Object.keys(findings[3]), [...documented, 'suppressed']);
    assert.deepEqual(findings[3].suppressed, { reason: 'reviewed in SEC-1', by: 'config' });
  });

  it('can leave suppressed findings out', () => {
    const { findings } = JSON.parse(renderJson(sampleResult(), { suppressed: false })) as { findings: unknown[] };
    assert.equal(findings.length, 3);
  });

  it('ends with a newline and is stable', () => {
    const a = renderJson(sampleResult());
    assert.equal(a, renderJson(sampleResult()));
    assert.ok(a.endsWith('}\n'));
  });
});
