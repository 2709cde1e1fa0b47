// An `Fn::If` on a condition the files do not decide: CloudFormation deploys one of its two known
// branches, so what either branch does counts (what only one does, under that outcome), never
// "unknown" that hides both. When the files decide the condition, only the chosen branch counts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffPostures } from '../../../src/shared/diff/diff.ts';
import type { DiffSide, PostureDiff, ServiceDiff } from '../../../src/shared/diff/types.ts';
import { scan } from '../../../src/shared/engine.ts';
import { defaultConfig } from '../../../src/shared/config/index.ts';
import { DIFF_FIXTURES, ROOT, analysisDeps, diffScenario } from './support.ts';

const SERVICE = 'orders-api';
const WHEN_NOT_PROD = '{"CloudFormation::Condition":{"IsProd":false}}';

function only(diff: PostureDiff): ServiceDiff {
  const found = diff.services.filter((s) => s.key === SERVICE);
  assert.equal(found.length, 1, `one service ${SERVICE}`);
  return found[0]!;
}

function template(scenario: string, side: 'base' | 'head'): string {
  return readFileSync(join(ROOT, DIFF_FIXTURES, scenario, side, 'template.yaml'), 'utf8');
}

/** The scenario's head with Env given a default: the files then decide IsProd. */
function decided(scenario: string, env: 'prod' | 'dev'): string {
  const head = template(scenario, 'head');
  const withDefault = head.replace('    AllowedValues: [prod, dev]\n', `    AllowedValues: [prod, dev]\n    Default: ${env}\n`);
  assert.notEqual(withDefault, head);
  return withDefault;
}

function side(text: string): DiffSide {
  return { ...scan([{ path: 'template.yaml', text }], analysisDeps(), defaultConfig()), root: '.' };
}

function diffDecided(scenario: string, env: 'prod' | 'dev'): PostureDiff {
  return diffPostures(side(template(scenario, 'base')), side(decided(scenario, env)));
}

const newRules = (diff: PostureDiff): string[] => diff.findings.new.map((f) => f.ruleId);

describe('undecided Fn::If in IAM: what either outcome grants counts, under that outcome', () => {
  for (const scenario of ['if-managed-policy', 'if-managed-policy-list', 'if-inline-policy']) {
    it(`${scenario}: the admin grants outside production are a gain, and FW101 says when`, () => {
      const diff = diffScenario(scenario);
      assert.equal(diff.verdict, 'broadening');
      const s = only(diff);
      assert.ok(s.permissions.added.length > 1000, 'everything is added');
      assert.ok(s.permissions.added.every((p) => p.condition === WHEN_NOT_PROD), 'only outside production');
      assert.deepEqual(s.permissions.removed, []);
      const admin = diff.findings.new.filter((f) => f.ruleId === 'FW101');
      assert.equal(admin.length, 1);
      assert.match(admin[0]!.message, /only when Condition IsProd is false/);
      assert.ok(!s.reasons.some((r) => /depend on what the files do not decide/.test(r.text)), 'not read as unknown');
    });
  }

  it('if-statement: a statement that exists only outside production grants its action under that outcome', () => {
    const diff = diffScenario('if-statement');
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(only(diff).permissions.added.map((p) => [p.action, p.condition]), [['s3:DeleteObject', WHEN_NOT_PROD]]);
    assert.deepEqual(only(diff).reasons.map((r) => [r.effect, r.text]), [['broader', 'gains 1 permission']]);
  });

  for (const scenario of ['if-managed-policy', 'if-managed-policy-list', 'if-inline-policy', 'if-statement']) {
    it(`${scenario}: decided by a default, only the chosen branch counts`, () => {
      const prod = diffDecided(scenario, 'prod');
      assert.equal(prod.verdict, 'none');
      assert.deepEqual(newRules(prod), []);
      const dev = diffDecided(scenario, 'dev');
      assert.equal(dev.verdict, 'broadening');
      assert.ok(only(dev).permissions.added.length > 0 && only(dev).permissions.added.every((p) => p.condition === undefined), 'unconditional');
      if (scenario !== 'if-statement') {
        assert.deepEqual(newRules(dev).filter((r) => r === 'FW101'), ['FW101']);
        assert.doesNotMatch(dev.findings.new.find((f) => f.ruleId === 'FW101')!.message, /only when/);
      }
    });
  }
});

describe('undecided Fn::If in security-group rules: the rule either outcome writes counts, under that outcome', () => {
  it('if-world-cidr: 0.0.0.0/0 outside production is a gain shown with its real peer, and FW202 says when', () => {
    const diff = diffScenario('if-world-cidr');
    assert.equal(diff.verdict, 'broadening');
    const s = only(diff);
    assert.deepEqual(s.securityGroupRules.added.map((r) => [r.ports, r.peer, r.world, r.condition]), [
      ['8080', '10.0.0.0/16', false, '{"CloudFormation::Condition":{"IsProd":true}}'],
      ['8080', '0.0.0.0/0', true, WHEN_NOT_PROD],
    ]);
    assert.deepEqual(s.reasons.map((r) => [r.effect, r.text]), [
      ['broader', 'gains 1 ingress rule'],
      ['neutral', 'TaskSecurityGroup ingress rule from 10.0.0.0/16 can no longer be decided from the files (it exists only when Condition IsProd is true, which they do not decide)'],
    ]);
    const world = diff.findings.new.filter((f) => f.ruleId === 'FW202');
    assert.equal(world.length, 1);
    assert.equal(world[0]!.severity, 'high');
    assert.match(world[0]!.message, /admits TCP 8080 from 0\.0\.0\.0\/0 \(anywhere\) when Condition IsProd is false\./);
  });

  it('if-rule-item: a rule that exists only outside production is a gain, and FW202 says when', () => {
    const diff = diffScenario('if-rule-item');
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(only(diff).securityGroupRules.added.map((r) => [r.ports, r.peer, r.condition]), [['22', '0.0.0.0/0', WHEN_NOT_PROD]]);
    assert.deepEqual(only(diff).reasons.map((r) => [r.effect, r.text]), [['broader', 'gains 1 ingress rule']]);
    assert.deepEqual(newRules(diff), ['FW202']);
    assert.match(diff.findings.new[0]!.message, /admits TCP 22 from 0\.0\.0\.0\/0 \(anywhere\) when Condition IsProd is false\./);
  });

  it('a rule moved from one outcome to the other is a change, not the same rule', () => {
    const head = template('if-world-cidr', 'head');
    const swapped = head.replace('!If [IsProd, 10.0.0.0/16, 0.0.0.0/0]', '!If [IsProd, 0.0.0.0/0, 10.0.0.0/16]');
    assert.notEqual(swapped, head);
    const diff = diffPostures(side(head), side(swapped));
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(only(diff).securityGroupRules.added.map((r) => [r.peer, r.condition]), [
      ['0.0.0.0/0', '{"CloudFormation::Condition":{"IsProd":true}}'],
      ['10.0.0.0/16', WHEN_NOT_PROD],
    ]);
  });

  for (const scenario of ['if-world-cidr', 'if-rule-item']) {
    it(`${scenario}: decided by a default, only the chosen branch counts`, () => {
      const prod = diffDecided(scenario, 'prod');
      assert.equal(prod.verdict, 'none');
      assert.deepEqual(newRules(prod), []);
      const dev = diffDecided(scenario, 'dev');
      assert.equal(dev.verdict, 'broadening');
      assert.ok(only(dev).securityGroupRules.added.every((r) => r.conditional === undefined && r.condition === undefined));
      assert.deepEqual(newRules(dev), ['FW202']);
      assert.doesNotMatch(dev.findings.new[0]!.message, /when Condition/);
    });
  }
});

describe('undecided Fn::If on AssignPublicIp: a public IP one outcome assigns is a public IP there', () => {
  it('if-public-ip: a public IP outside production is a gain, and FW201 says when', () => {
    const diff = diffScenario('if-public-ip');
    assert.equal(diff.verdict, 'broadening');
    const s = only(diff);
    assert.deepEqual(s.exposure.after, { publicIp: true, publicIpCondition: [{ condition: 'IsProd', value: false }], internetIngress: false, defaultRoute: 'unknown' });
    assert.deepEqual(s.reasons.map((r) => [r.effect, r.text]), [['broader', 'now gets a public IP when Condition IsProd is false']]);
    assert.deepEqual(newRules(diff), ['FW201']);
    assert.match(diff.findings.new[0]!.message, /\(AssignPublicIp: ENABLED\) when Condition IsProd is false:/);
  });

  it('a public IP every deployment gets, where only one outcome got it, is a gain; the reverse narrows', () => {
    const conditional = template('if-public-ip', 'head');
    const always = conditional.replace('!If [IsProd, DISABLED, ENABLED]', 'ENABLED');
    assert.notEqual(always, conditional);
    const wider = diffPostures(side(conditional), side(always));
    assert.deepEqual(only(wider).reasons.map((r) => [r.effect, r.text]), [['broader', 'now gets a public IP in every deployment (before, only when Condition IsProd is false)']]);
    const narrower = diffPostures(side(always), side(conditional));
    assert.deepEqual(only(narrower).reasons.map((r) => [r.effect, r.text]), [['narrower', 'now gets a public IP only when Condition IsProd is false']]);
    assert.equal(narrower.verdict, 'narrowing');
  });

  it('if-public-ip: decided by a default, only the chosen branch counts', () => {
    const prod = diffDecided('if-public-ip', 'prod');
    assert.equal(prod.verdict, 'none');
    const dev = diffDecided('if-public-ip', 'dev');
    assert.deepEqual(only(dev).exposure.after?.publicIpCondition, undefined);
    assert.deepEqual(only(dev).reasons.map((r) => r.text), ['now gets a public IP']);
    assert.doesNotMatch(dev.findings.new.find((f) => f.ruleId === 'FW201')!.message, /when Condition/);
  });
});

describe('undecided Fn::If on TaskRoleArn: the role of each outcome is the task role of its deployments', () => {
  it('if-task-role: the admin role outside production is a gain under that outcome, and FW101 says when', () => {
    const diff = diffScenario('if-task-role');
    assert.equal(diff.verdict, 'broadening');
    const s = only(diff);
    const added = s.permissions.added;
    assert.ok(added.length > 1000);
    assert.ok(added.filter((p) => p.role === 'DebugRole').every((p) => p.roleKind === 'task' && p.condition === WHEN_NOT_PROD));
    // What TaskRole grants now holds only in production.
    assert.deepEqual(added.filter((p) => p.role === 'TaskRole').map((p) => [p.action, p.condition]), [['s3:GetObject', '{"CloudFormation::Condition":{"IsProd":true}}']]);
    assert.deepEqual(s.permissions.removed.map((p) => [p.action, p.condition]), [['s3:GetObject', undefined]]);
    assert.ok(!s.reasons.some((r) => /cannot be resolved|depend on what the files do not decide/.test(r.text)), s.reasons.map((r) => r.text).join('; '));
    const admin = diff.findings.new.find((f) => f.ruleId === 'FW101');
    assert.equal(admin?.resource, 'DebugRole');
    assert.match(admin?.message ?? '', /Task role DebugRole of service orders-api \(only when Condition IsProd is false\) is admin-equivalent/);
  });

  it('what the roles of both outcomes grant alike holds either way, as written', () => {
    const head = template('if-task-role', 'head');
    // DebugRole also gets TaskRole's policy: reading the bucket is granted whatever the outcome.
    const alike = head.replace("      ManagedPolicyArns: [!Sub 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess']\n",
      "      Policies: [{PolicyName: app, PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: !Sub '${Bucket.Arn}/*'}]}}]\n" +
      "      ManagedPolicyArns: [!Sub 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess']\n");
    assert.notEqual(alike, head);
    const diff = diffPostures(side(template('if-task-role', 'base')), side(alike));
    const s = only(diff);
    assert.deepEqual(s.permissions.removed, []);
    assert.ok(!s.permissions.added.some((p) => p.action === 's3:GetObject' && p.resource.includes('Bucket')));
  });

  it('if-task-role: decided by a default, only the chosen role counts', () => {
    const prod = diffDecided('if-task-role', 'prod');
    assert.equal(prod.verdict, 'none');
    assert.deepEqual(newRules(prod), []);
    const dev = diffDecided('if-task-role', 'dev');
    assert.equal(dev.verdict, 'broadening');
    assert.ok(only(dev).permissions.added.every((p) => p.condition === undefined));
    assert.doesNotMatch(dev.findings.new.find((f) => f.ruleId === 'FW101')!.message, /only when/);
  });

  it('scan names both roles, each with its outcome', () => {
    const result = scan([{ path: 'template.yaml', text: template('if-task-role', 'head') }], analysisDeps(), defaultConfig());
    assert.deepEqual(result.services.map((s) => s.taskRole), ['TaskRole (when Condition IsProd is true) or DebugRole (when Condition IsProd is false)']);
  });
});
