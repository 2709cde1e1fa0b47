import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AnalysisDeps } from '../../src/shared/analysis/posture.ts';
import { defaultConfig } from '../../src/shared/config/index.ts';
import { INTERNAL_FILE, scan } from '../../src/shared/engine.ts';
import type { Rule } from '../../src/shared/rules/types.ts';
import { loadIamCatalog } from '../../src/shared/io/iam-catalog.ts';
import { collectFiles } from '../../src/shared/io/walk.ts';
import { analysisDeps, ROOT, scanPath } from './diff/support.ts';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/cli');
const read = (rel: string) => ({ path: rel, text: readFileSync(join(FIXTURES, rel), 'utf8') });
const noManagedPolicies = { get: () => undefined };
const deps: AnalysisDeps = { catalog: loadIamCatalog(), managedPolicies: noManagedPolicies };

const TASK_ROLE_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  TaskRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: ecs-tasks.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: s3:Get*
                Resource: '*'
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      TaskRoleArn: !GetAtt TaskRole.Arn
      ContainerDefinitions:
        - Name: app
          Image: public.ecr.aws/nginx/nginx:1.27
  Service:
    Type: AWS::ECS::Service
    Properties:
      LaunchType: FARGATE
      TaskDefinition: !Ref TaskDef
      NetworkConfiguration:
        AwsvpcConfiguration:
          Subnets: [subnet-0123456789abcdef0]
          SecurityGroups: [sg-0123456789abcdef0]
`;

describe('scan', () => {
  it('summarises services with logical IDs, not entity ids', () => {
    const result = scan([read('public-service/template.yaml')], deps, defaultConfig());
    assert.deepEqual(result.errors, []);
    assert.equal(result.services.length, 1);
    const [svc] = result.services;
    assert.deepEqual(
      { key: svc.key, resource: svc.resource, file: svc.file, publicIp: svc.publicIp, subnets: svc.subnets, egress: svc.egress, taskRole: svc.taskRole },
      { key: 'web', resource: 'WebService', file: 'public-service/template.yaml', publicIp: true, subnets: ['PublicSubnet'], egress: 'igw', taskRole: null },
    );
    for (const need of svc.needs) assert.ok(need.via === null || !need.via.includes('#'), `via is user-facing: ${need.via}`);
    assert.ok(result.findings.some((f) => f.ruleId === 'FW201' && f.resource === 'WebService' && f.service === 'web'));
  });

  it('says when the files do not decide the subnets, so an empty list does not read as "no subnets"', () => {
    const decided = scan([read('public-service/template.yaml')], deps, defaultConfig()).services[0]!;
    assert.equal(decided.subnetsUnknown, null);
    const template = read('public-service/template.yaml');
    const imported = { ...template, text: template.text.replace(/Subnets: \[!Ref PublicSubnet\]/, "Subnets: !Split [',', !ImportValue shared-PrivateSubnets]") };
    assert.notEqual(imported.text, template.text);
    const [svc] = scan([imported], deps, defaultConfig()).services;
    assert.deepEqual(svc!.subnets, []);
    assert.match(svc!.subnetsUnknown ?? '', /shared-PrivateSubnets/);
  });

  it('is deterministic: same input, same output, whatever the file order', () => {
    const files = [read('mixed/good.yaml'), read('public-service/template.yaml'), read('mixed/broken.yaml')];
    const a = scan(files, deps, defaultConfig());
    const b = scan([...files].reverse(), deps, defaultConfig());
    assert.deepEqual(a.findings, b.findings);
    assert.deepEqual(a.errors, b.errors);
    assert.deepEqual(a.services, b.services);
  });

  it('keeps parse errors of one file next to the findings of the others', () => {
    const result = scan([read('mixed/broken.yaml'), read('mixed/good.yaml')], deps, defaultConfig());
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0].file, 'mixed/broken.yaml');
    assert.ok(result.findings.some((f) => f.file === 'mixed/good.yaml'));
  });

  it('a Ref to a name the template does not declare is reported as unknown, not as an error (no exit 2)', () => {
    const text = TASK_ROLE_TEMPLATE.replace('SecurityGroups: [sg-0123456789abcdef0]', 'SecurityGroups: [!Ref TaskSecurityGroup]');
    const result = scan([{ path: 'snippet.yaml', text }], deps, defaultConfig());
    assert.deepEqual(result.errors, []);
    assert.ok(
      result.infra.unresolved.some((u) => u.file === 'snippet.yaml' && u.reason === 'Ref to TaskSecurityGroup, which is neither a parameter nor a resource of this template'),
      JSON.stringify(result.infra.unresolved),
    );
    assert.equal(result.services.length, 1, 'the service is still analysed');
  });

  it('merges and sorts input errors from before the scan', () => {
    const result = scan([read('no-services/template.yaml')], deps, defaultConfig(), {
      inputErrors: [{ file: 'z.yaml', line: 1, message: 'z' }, { file: 'a.yml', line: 4, message: 'a' }],
    });
    assert.deepEqual(result.errors.map((e) => e.file), ['a.yml', 'z.yaml']);
  });

  it('runs only the rules it is given and applies the config', () => {
    const seen: string[] = [];
    const rule: Rule = {
      meta: { id: 'FW999', severity: 'low', area: 'network', title: 't', description: 'd', messages: { m: 'service {{s}}' }, fixable: false },
      check({ index }, report) {
        for (const s of index.infra.services) {
          seen.push(s.logicalId);
          report({ messageId: 'm', data: { s: s.logicalId }, entity: s, service: s.key });
        }
      },
    };
    const result = scan([read('public-service/template.yaml')], deps, { ...defaultConfig(), rules: { disable: [], severity: { FW999: 'critical' } } }, { rules: [rule] });
    assert.deepEqual(seen, ['WebService']);
    assert.deepEqual(result.findings.map((f) => [f.ruleId, f.severity, f.message]), [['FW999', 'critical', 'service WebService']]);
  });

  it('a throwing rule becomes an error entry and the other rules still report', () => {
    const boom: Rule = {
      meta: { id: 'FW998', severity: 'low', area: 'network', title: 't', description: 'd', messages: {}, fixable: false },
      check() {
        throw new Error('boom');
      },
    };
    const ok: Rule = { ...boom, meta: { ...boom.meta, id: 'FW997', messages: { m: 'x' } }, check: ({ index }, report) => report({ messageId: 'm', entity: index.infra.services[0] }) };
    const result = scan([read('public-service/template.yaml')], deps, defaultConfig(), { rules: [boom, ok] });
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['FW997']);
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0].file, INTERNAL_FILE);
    assert.match(result.errors[0].message, /FW998.*boom/);
  });

  it('an analysis failure (e.g. a broken IAM catalog) is an error entry, not a crash', () => {
    const broken: AnalysisDeps = {
      catalog: {
        services: () => {
          throw new Error('catalog unavailable');
        },
        actions: () => {
          throw new Error('catalog unavailable');
        },
      },
      managedPolicies: noManagedPolicies,
    };
    const result = scan([{ path: 'role.yaml', text: TASK_ROLE_TEMPLATE }], broken, defaultConfig());
    assert.ok(result.errors.some((e) => e.file === INTERNAL_FILE && /catalog unavailable/.test(e.message)), JSON.stringify(result.errors));
  });

  it('an empty file list is an empty result', () => {
    const result = scan([], deps, defaultConfig());
    assert.deepEqual([result.services, result.findings, result.errors], [[], [], []]);
  });
});

describe('scan: services of one name in several files', () => {
  // Two stacks each run a service named `web` in one cluster, with their own task definitions and
  // the execution role a third stack exports; only web-internal's task definition reads a secret.
  const dir = 'test/fixtures/diff/same-name-shared-execution-role/head';
  const internal = `web (cluster Cluster), ${dir}/services/web-internal.yaml`;
  const canary = `web (cluster Cluster), ${dir}/services/web-canary.yaml`;

  it('have keys that tell them apart, and a finding names exactly the one it concerns', () => {
    const result = scanPath(dir);
    assert.deepEqual(result.services.map((s) => [s.key, s.resource]), [[canary, 'Service'], [internal, 'Service']]);
    assert.deepEqual(result.posture.services.map((s) => s.key).sort(), [canary, internal]);
    const fw107 = result.findings.filter((f) => f.ruleId === 'FW107');
    assert.deepEqual(fw107.map((f) => [f.resource, f.service]), [['ExecutionRole', internal]]);
    assert.match(fw107[0]!.message, /tasks of service web \(cluster Cluster\), \S+\/web-internal\.yaml fail/);
  });

  it('a config suppression by the name still covers each of them', () => {
    const files = collectFiles([dir], { cwd: ROOT }).files;
    const config = { ...defaultConfig(), suppressions: [{ rule: 'FW107', resource: 'web', reason: 'read through the secret’s resource policy' }] };
    const result = scan(files, analysisDeps(), config);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === 'FW107').map((f) => [f.service, f.suppressed?.by]), [[internal, 'config']]);
  });

  it('a config suppression by the name also covers a finding on something they share, which names no single one', () => {
    // Without its source condition the shared execution role's trust policy is FW109's, for both services.
    const files = collectFiles([dir], { cwd: ROOT }).files.map((f) =>
      f.path.endsWith('cluster.yaml') ? { ...f, text: f.text.replace("\n            Condition: {StringEquals: {aws:SourceAccount: '111122223333'}}", '') } : f);
    const shared = (config = defaultConfig()) => scan(files, analysisDeps(), config).findings.filter((f) => f.ruleId === 'FW109');
    assert.deepEqual(shared().map((f) => [f.resource, f.service, f.services, f.suppressed]), [['ExecutionRole', undefined, [canary, internal], undefined]]);
    const byName = { ...defaultConfig(), suppressions: [{ rule: 'FW109', resource: 'web', reason: 'trusted through an SCP' }] };
    assert.deepEqual(shared(byName).map((f) => f.suppressed?.by), ['config']);
    const byOtherName = { ...defaultConfig(), suppressions: [{ rule: 'FW109', resource: 'api', reason: 'not these services' }] };
    assert.deepEqual(shared(byOtherName).map((f) => f.suppressed), [undefined]);
  });
});
