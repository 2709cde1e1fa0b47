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
import { diffPostures } from '../../../../src/shared/diff/diff.ts';
import type { DiffSide } from '../../../../src/shared/diff/types.ts';
import type { Attr } from '../../../../src/shared/model/index.ts';
import { renderDiffText } from '../../../../src/shared/render/diff-text.ts';
import { fixDeclinedReason } from '../../../../src/shared/rules/types.ts';
import { diffTexts, publicIpByEnv, swapEnvConfig } from '../../diff/support.ts';

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

const IAM_FIXTURE = readFileSync(resolve(import.meta.dirname, '../../../fixtures/cfn/mappings-iam-by-env.yaml'), 'utf8');
const runIam = (text: string) => scan([{ path: 'mappings-iam-by-env.yaml', text }], { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() }, defaultConfig());
const sideOf = (text: string): DiffSide => ({ ...runIam(text), root: '.' });

describe('Fn::FindInMap by environment: permissions, the task role and the public IP', () => {
  const result = runIam(IAM_FIXTURE);
  const taskRole = result.infra.roles.find((r) => r.logicalId === 'TaskRole')!;
  const text = (attrs: readonly Attr<string>[] | undefined): string => (attrs ?? []).map((a) => (a.known ? a.value : '?')).join(',');

  it('a statement\'s Action and Resource from the mapping are read under each environment: what every one has once, the rest under its key', () => {
    assert.deepEqual(taskRole.inlinePolicies[0]!.statements.map((s) => `${text(s.actions)} on ${text(s.resources)}${s.condition === undefined ? '' : ` ${s.condition}`}`), [
      'sqs:SendMessage,sqs:ReceiveMessage on arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:jobs',
      'sqs:DeleteMessage on arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:jobs {"CloudFormation::Condition":{"Env":"dev"}}',
      'sqs:DeleteMessage on arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:jobs {"CloudFormation::Condition":{"Env":"staging"}}',
      's3:GetObject,s3:PutObject on arn:aws:s3:::app-dev/* {"CloudFormation::Condition":{"Env":"dev"}}',
      's3:GetObject,s3:PutObject on arn:aws:s3:::app-staging/* {"CloudFormation::Condition":{"Env":"staging"}}',
      's3:GetObject,s3:PutObject on arn:aws:s3:::app-prod/* {"CloudFormation::Condition":{"Env":"prod"}}',
    ]);
    assert.equal(taskRole.inlinePolicies[0]!.unknown, undefined);
  });

  it('a managed policy from the mapping is attached under its environments: FW101 reports AdministratorAccess only when Env is prod', () => {
    assert.deepEqual(taskRole.managedPolicies.map((m) => `${m.kind === 'external' ? m.value.replace('arn:aws:iam::aws:policy/', '') : m.kind} ${m.when?.condition}=${String(m.when?.value)}`), [
      'AmazonSQSReadOnlyAccess Env=dev', 'AmazonSQSReadOnlyAccess Env=staging', 'AdministratorAccess Env=prod',
    ]);
    const admin = result.findings.filter((f) => f.ruleId === 'FW101');
    assert.equal(admin.length, 1);
    assert.match(admin[0]!.message, /AWS managed policy AdministratorAccess \(only when Env is prod\)/);
    assert.equal(admin[0]!.line, 25);
  });

  it('a task role per environment is the task role of that environment\'s deployments', () => {
    const worker = result.infra.taskDefinitions.find((t) => t.logicalId === 'WorkerTaskDef')!;
    assert.deepEqual(worker.taskRoleChoices?.map((c) => `${c.role.kind === 'external' ? c.role.value : c.role.kind} ${String(c.when.value)}`), [
      'arn:aws:iam::111111111111:role/worker-dev dev', 'arn:aws:iam::111111111111:role/worker-staging staging', 'arn:aws:iam::222222222222:role/worker-prod prod',
    ]);
    assert.match(result.services.find((s) => s.key === 'worker')!.taskRole ?? '', /worker-dev \(when Env is dev\) or .*worker-staging \(when Env is staging\) or .*worker-prod \(when Env is prod\)$/);
  });

  it('AssignPublicIp from the mapping: FW201 reports the public IP of dev, and of every environment that has one', () => {
    const found = result.findings.filter((f) => f.ruleId === 'FW201');
    assert.deepEqual(found.map((f) => f.line), [144]);
    assert.match(found[0]!.message, /\(AssignPublicIp: ENABLED\) when Env is dev:/);
    const twoOfThree = runIam(IAM_FIXTURE.replace('    staging:\n      PublicIp: DISABLED', '    staging:\n      PublicIp: ENABLED'));
    assert.match(twoOfThree.findings.find((f) => f.ruleId === 'FW201')!.message, /\(AssignPublicIp: ENABLED\) when Env is dev or staging:/);
    const everywhere = runIam(IAM_FIXTURE.replace(/PublicIp: DISABLED/g, 'PublicIp: ENABLED'));
    assert.match(everywhere.findings.find((f) => f.ruleId === 'FW201')!.message, /\(AssignPublicIp: ENABLED\): each task/);
    assert.deepEqual(runIam(IAM_FIXTURE.replace('PublicIp: ENABLED', 'PublicIp: DISABLED')).findings.filter((f) => f.ruleId === 'FW201'), []);
  });

  it('the diff of a mapping edited under one key is a change only when Env is that key', () => {
    const base = sideOf(IAM_FIXTURE);
    // Staging's queue actions (prod has AdministratorAccess: a grant there adds nothing).
    const stagingQueue = '      QueueActions: [sqs:SendMessage, sqs:ReceiveMessage, sqs:DeleteMessage]\n      Bucket: arn:aws:s3:::app-staging/*';
    assert.ok(IAM_FIXTURE.includes(stagingQueue));
    const purge = diffPostures(base, sideOf(IAM_FIXTURE.replace(stagingQueue, stagingQueue.replace('DeleteMessage]', 'DeleteMessage, sqs:PurgeQueue]'))));
    assert.equal(purge.verdict, 'broadening');
    const app = purge.services.find((s) => s.key === 'app')!;
    assert.deepEqual(app.permissions.added.map((p) => `${p.action} ${p.condition ?? ''}`), ['sqs:PurgeQueue {"CloudFormation::Condition":{"Env":"staging"}}']);
    assert.deepEqual(app.permissions.removed, []);
    assert.match(renderDiffText(purge, { color: false }), /\+ permission {2}task role TaskRole: sqs:PurgeQueue on arn:aws:sqs:\$\{AWS::Region\}:\$\{AWS::AccountId\}:jobs \(only when Env is staging\)/);

    const publicStaging = diffPostures(base, sideOf(IAM_FIXTURE.replace('    staging:\n      PublicIp: DISABLED', '    staging:\n      PublicIp: ENABLED')));
    assert.equal(publicStaging.verdict, 'broadening');
    assert.deepEqual(publicStaging.services.find((s) => s.key === 'app')!.reasons.map((r) => r.text), [
      'now gets a public IP when Env is dev or staging (before, only when Env is dev)',
    ]);
    assert.equal(diffPostures(base, sideOf(IAM_FIXTURE)).verdict, 'none');

    // Another role outside the files for prod: said under which key.
    const otherRole = diffPostures(base, sideOf(IAM_FIXTURE.replace('role/worker-prod', 'role/worker-admin')));
    assert.match(otherRole.services.find((s) => s.key === 'worker')!.reasons.map((r) => r.text).join('\n'), /its task role arn:aws:iam::222222222222:role\/worker-admin \(when Env is prod\) is not in the scanned files/);
  });

  it('a public IP fewer environments get is less; other environments, more', () => {
    const fewer = diffTexts(publicIpByEnv(['dev', 'staging']), publicIpByEnv(['dev']));
    assert.equal(fewer.verdict, 'narrowing');
    assert.deepEqual(fewer.services.find((s) => s.key === 'app')!.reasons.map((r) => [r.effect, r.text]), [
      ['narrower', 'now gets a public IP only when Env is dev (before, when Env is dev or staging)'],
    ]);
    const other = diffTexts(publicIpByEnv(['dev', 'staging']), publicIpByEnv(['dev', 'prod']));
    assert.deepEqual(other.services.find((s) => s.key === 'app')!.reasons.map((r) => [r.effect, r.text]), [
      ['broader', 'now gets a public IP when Env is dev or prod (before, only when Env is dev or staging)'],
    ]);
  });

  it('a public IP the same environments get, listed in another order in the mapping, is no change', () => {
    const reordered = diffTexts(publicIpByEnv(['dev', 'staging']), swapEnvConfig(publicIpByEnv(['dev', 'staging'])));
    assert.deepEqual(reordered.services.find((s) => s.key === 'app')!.reasons, []);
    assert.equal(reordered.verdict, 'none');
    // Said in head's order.
    assert.deepEqual(reordered.services.find((s) => s.key === 'app')!.exposure.after?.publicIpCondition, [{ condition: 'Env', value: 'staging' }, { condition: 'Env', value: 'dev' }]);
  });

  it('an Effect and a ManagedPolicyArns list from the mapping are read per environment too', () => {
    const withEffect = IAM_FIXTURE
      .replace('      Bucket: arn:aws:s3:::app-prod/*\n', '      Bucket: arn:aws:s3:::app-prod/*\n      QueueEffect: Deny\n')
      .replace(/( {6}Bucket: arn:aws:s3:::app-(dev|staging)\/\*\n)/g, '$1      QueueEffect: Allow\n')
      .replace('              - Effect: Allow\n                Action: !FindInMap', '              - Effect: !FindInMap [EnvConfig, !Ref Env, QueueEffect]\n                Action: !FindInMap')
      .replace('        - !FindInMap [EnvConfig, !Ref Env, ManagedPolicy]\n', '')
      .replace('      ManagedPolicyArns:\n      Policies:', '      ManagedPolicyArns: !FindInMap [EnvConfig, !Ref Env, Policies]\n      Policies:')
      .replace('      ManagedPolicy: arn:aws:iam::aws:policy/AdministratorAccess\n', '      ManagedPolicy: arn:aws:iam::aws:policy/AdministratorAccess\n      Policies: [arn:aws:iam::aws:policy/AdministratorAccess, arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess]\n')
      .replace(/( {6}ManagedPolicy: arn:aws:iam::aws:policy\/AmazonSQSReadOnlyAccess\n)/g, '$1      Policies: [arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess]\n');
    const role = runIam(withEffect).infra.roles.find((r) => r.logicalId === 'TaskRole')!;
    const queue = role.inlinePolicies[0]!.statements.filter((s) => text(s.actions).startsWith('sqs:'));
    assert.deepEqual(queue.map((s) => `${s.effect} ${text(s.actions)} ${s.condition ?? ''}`), [
      'Allow sqs:SendMessage,sqs:ReceiveMessage,sqs:DeleteMessage {"CloudFormation::Condition":{"Env":"dev"}}',
      'Allow sqs:SendMessage,sqs:ReceiveMessage,sqs:DeleteMessage {"CloudFormation::Condition":{"Env":"staging"}}',
      'Deny sqs:SendMessage,sqs:ReceiveMessage {"CloudFormation::Condition":{"Env":"prod"}}',
    ]);
    assert.deepEqual(role.managedPolicies.map((m) => `${m.kind === 'external' ? m.value.replace('arn:aws:iam::aws:policy/', '') : m.kind} ${m.when === undefined ? 'always' : String(m.when.value)}`), [
      'AmazonSQSReadOnlyAccess always', 'AdministratorAccess prod',
    ]);
  });
});

describe('fixes decline what exists only under some outcomes of a choice, saying why', () => {
  const reasonOf = (text: string, ruleId: string): string | undefined => {
    const finding = run(text).findings.find((f) => f.ruleId === ruleId);
    assert.ok(finding !== undefined, `no ${ruleId}`);
    assert.equal(finding.fix, undefined);
    return fixDeclinedReason(finding);
  };
  const BY_HAND = /: a fix would take that choice from the deployment or change what the other outcomes deploy; /;

  it('FW202: a world rule of one environment', () => {
    const reason = reasonOf(FIXTURE, 'FW202') ?? '';
    assert.match(reason, /^TaskSg's ingress rule \(line 69\) exists only when Env is dev \(an Fn::FindInMap on a key the files do not give\)/);
    assert.match(reason, BY_HAND);
    const byIf = FIXTURE
      .replace('Mappings:\n', 'Conditions:\n  Wide: !Equals [!Ref Env, dev]\nMappings:\n')
      .replace('CidrIp: !FindInMap [EnvConfig, !Ref Env, IngressCidr]', 'CidrIp: !If [Wide, 0.0.0.0/0, 10.0.0.0/8]');
    assert.match(reasonOf(byIf, 'FW202') ?? '', /^TaskSg's ingress rule \(line 71\) exists only when Condition Wide is true \(an Fn::If on a condition the files do not decide\)/);
  });

  it('FW203: all egress to the world in one environment', () => {
    const text = FIXTURE.replace('- { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }', "- { IpProtocol: '-1', CidrIp: !FindInMap [EnvConfig, !Ref Env, IngressCidr] }");
    assert.match(reasonOf(text, 'FW203') ?? '', /^TaskSg's egress rule \(line 74\) exists only when Env is dev \(an Fn::FindInMap on a key the files do not give\).*narrow TaskSg's egress by hand$/);
  });

  it('FW201: a public IP in some environments', () => {
    const twoOfThree = IAM_FIXTURE.replace('    staging:\n      PublicIp: DISABLED', '    staging:\n      PublicIp: ENABLED');
    assert.match(reasonOf(twoOfThree, 'FW201') ?? '', /^AssignPublicIp gives the tasks a public IP only when Env is dev or staging \(an Fn::FindInMap on a key the files do not give\).*set AssignPublicIp to DISABLED/);
  });

  it('FW103: Resource "*" from the mapping in one environment', () => {
    const text = IAM_FIXTURE.replace('Bucket: arn:aws:s3:::app-dev/*', "Bucket: '*'");
    const finding = runIam(text).findings.find((f) => f.ruleId === 'FW103' && f.line === 107);
    assert.ok(finding !== undefined);
    assert.equal(finding.fix, undefined);
    assert.match(fixDeclinedReason(finding) ?? '', /^task role TaskRole grants s3:GetObject on "\*" \(line 107\) only when Env is dev \(an Fn::FindInMap on a key the files do not give\)/);
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
