import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findingIdentity, matchFindings, StableNames } from '../../../src/shared/diff/findings.ts';
import type { Finding, ResourceEntry } from '../../../src/shared/model/index.ts';
import { finding } from '../render/sample.ts';
import { entity } from '../../support/model.ts';

const none = new StableNames({ resources: [] });

function fw301(need: string, extra = ''): Finding {
  return finding({
    ruleId: 'FW301',
    severity: 'medium',
    resource: 'ApiService',
    service: 'orders-api',
    message: `Service orders-api cannot reach ${need}, which its application calls at run time (task role permissions (${need}))${extra}: add a ${need} endpoint.`,
  });
}

function fw202(port: number): Finding {
  return finding({ ruleId: 'FW202', severity: 'high', resource: 'ApiSg', service: 'orders-api', message: `Security group ApiSg admits tcp ${port} from 0.0.0.0/0.` });
}

function fw103(actions: string[], severity: Finding['severity'] = 'medium'): Finding {
  return finding({
    ruleId: 'FW103',
    severity,
    resource: 'TaskRole',
    service: 'orders-api',
    message: `Task role TaskRole allows ${actions.length} action(s) on Resource "*": ${actions.join(', ')}.`,
  });
}

/** A shared role's finding names its service only when exactly one service uses the role. */
function fw102(services: string[]): Finding {
  return finding({
    ruleId: 'FW102',
    severity: 'high',
    resource: 'TaskRole',
    service: services.length === 1 ? services[0] : undefined,
    message: `Task role TaskRole of ${services.length === 1 ? 'service' : 'services'} ${services.join(', ')} allows privilege escalation through iam:PassRole on every role.`,
  });
}

function fw109(services: string[], problem: 'otherPrincipals' | 'noSourceCondition'): Finding {
  const users = `${services.length === 1 ? 'service' : 'services'} ${services.join(', ')}`;
  return finding({
    ruleId: 'FW109',
    severity: 'low',
    resource: 'TaskRole',
    service: services.length === 1 ? services[0] : undefined,
    message:
      problem === 'otherPrincipals'
        ? `Task role TaskRole of ${users} trusts principals other than ecs-tasks.amazonaws.com: arn:aws:iam::123456789012:root.`
        : `Task role TaskRole of ${users} trusts ecs-tasks.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition.`,
  });
}

const summary = (r: ReturnType<typeof matchFindings>): Record<string, string[]> => ({
  new: r.new.map((f) => f.message),
  resolved: r.resolved.map((f) => f.message),
  unchanged: r.unchanged.map((f) => f.message),
});

describe('matchFindings', () => {
  it('a finding whose count and list grow is the same finding (FW103: 3 → 4 actions on *)', () => {
    const base = [fw103(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'])];
    const head = [fw103(['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'])];
    const r = matchFindings(base, head, none, none);
    assert.deepEqual(r.new, []);
    assert.deepEqual(r.resolved, []);
    assert.deepEqual(r.unchanged, head, 'the head version is the one kept');
  });

  it('a severity that went up is a new finding (so --fail-on sees the escalation), and base\'s is not resolved: nothing was fixed', () => {
    const base = [fw103(['s3:GetObject'], 'medium')];
    const head = [fw103(['s3:GetObject', 's3:PutObject'], 'high')];
    const r = matchFindings(base, head, none, none);
    assert.deepEqual(r.new, head);
    assert.deepEqual(r.resolved, []);
    assert.deepEqual(r.unchanged, []);
    assert.deepEqual([...r.escalated], [[head[0], base[0]]]);
  });

  it('a severity that went down is the same finding (a pull request that only narrows must not fail --fail-on)', () => {
    const base = [fw103(['s3:GetObject', 's3:PutObject'], 'high')];
    const head = [fw103(['s3:GetObject'], 'medium')];
    const r = matchFindings(base, head, none, none);
    assert.deepEqual(r.new, []);
    assert.deepEqual(r.resolved, []);
    assert.deepEqual(r.unchanged, head);
    // Only within one service: another service's lower finding is its own.
    const other = matchFindings(base, [{ ...head[0]!, service: 'billing-api' }], none, none);
    assert.deepEqual([other.new.length, other.resolved.length], [1, 1]);
  });

  it('siblings on one resource are told apart by what distinguishes them (FW301: sqs fixed, sns broken)', () => {
    const r = matchFindings([fw301('dynamodb'), fw301('sqs')], [fw301('dynamodb'), fw301('sns')], none, none);
    assert.deepEqual(summary(r), {
      new: [fw301('sns').message],
      resolved: [fw301('sqs').message],
      unchanged: [fw301('dynamodb').message],
    });
  });

  it('one finding on base, two siblings on head: the lone one is not paired with a stranger', () => {
    const r = matchFindings([fw301('sqs')], [fw301('dynamodb'), fw301('sns')], none, none);
    assert.equal(r.new.length, 2);
    assert.deepEqual(r.resolved.map((f) => f.message), [fw301('sqs').message]);
  });

  it('siblings told apart by numbers only (FW202 ports) are matched by those numbers', () => {
    const r = matchFindings([fw202(443), fw202(80)], [fw202(8443), fw202(80)], none, none);
    assert.deepEqual(summary(r), {
      new: [fw202(8443).message],
      resolved: [fw202(443).message],
      unchanged: [fw202(80).message],
    });
  });

  it('a count changing inside one of several siblings keeps it paired', () => {
    const base = [fw301('sqs', ' (3 calls)'), fw301('dynamodb', ' (3 calls)')];
    const head = [fw301('sqs', ' (4 calls)'), fw301('dynamodb', ' (3 calls)')];
    const r = matchFindings(base, head, none, none);
    assert.deepEqual(r.new, []);
    assert.deepEqual(r.resolved, []);
    assert.equal(r.unchanged.length, 2);
  });

  it('logical IDs in messages compare by construct path, so a CDK hash change keeps the finding', () => {
    const withPath = (logicalId: string, cdkPath: string): ResourceEntry => ({ ...entity(logicalId), cdkPath, type: 'AWS::EC2::SecurityGroup' });
    const baseNames = new StableNames({ resources: [withPath('SgA1B2C3D4', 'App/Sg/Resource'), withPath('SvcE5F6A7B8', 'App/Svc/Service')] });
    const headNames = new StableNames({ resources: [withPath('Sg99887766', 'App/Sg/Resource'), withPath('Svc11223344', 'App/Svc/Service')] });
    const at = (sg: string, svc: string, all: boolean): Finding =>
      finding({ ruleId: 'FW203', severity: 'medium', resource: sg, cdkPath: 'App/Sg/Resource', service: 'App/Svc/Service', message: `Security group ${sg} of service ${svc} allows ${all ? 'all' : 'some'} traffic.` });
    // Two siblings per side, so pairing needs the messages (not the one-per-side rule).
    const r = matchFindings(
      [at('SgA1B2C3D4', 'SvcE5F6A7B8', true), at('SgA1B2C3D4', 'SvcE5F6A7B8', false)],
      [at('Sg99887766', 'Svc11223344', true), at('Sg99887766', 'Svc11223344', false)],
      baseNames,
      headNames,
    );
    assert.deepEqual(r.new, []);
    assert.deepEqual(r.resolved, []);
    assert.equal(findingIdentity(r.unchanged[0]!), findingIdentity(at('x', 'y', true)), 'identity uses the construct path, not the logical ID');
  });

  it('a finding for another service or another resource is a different finding', () => {
    const a = fw103(['s3:GetObject']);
    const otherService = { ...a, service: 'orders-worker' };
    const otherResource = { ...a, resource: 'OtherRole' };
    const r = matchFindings([a], [otherService, otherResource], none, none);
    assert.equal(r.new.length, 2);
    assert.deepEqual(r.resolved, [a]);
  });

  it('a finding that gains its service when a sharer of the role is removed is the same finding (FW102)', () => {
    const base = [fw102(['orders-api', 'orders-worker'])];
    const head = [fw102(['orders-api'])];
    const r = matchFindings(base, head, none, none);
    assert.deepEqual(r.new, []);
    assert.deepEqual(r.resolved, []);
    assert.deepEqual(r.unchanged, head, 'the head version, with its service, is the one kept');
  });

  it('a finding that loses its service when a sharer is added is the same finding (FW102)', () => {
    const base = [fw102(['orders-api'])];
    const head = [fw102(['orders-api', 'orders-worker'])];
    const r = matchFindings(base, head, none, none);
    assert.deepEqual(r.new, []);
    assert.deepEqual(r.resolved, []);
    assert.deepEqual(r.unchanged, head);
  });

  it('siblings that gain their service pair by what distinguishes them (FW109: one of two problems fixed)', () => {
    const base = [fw109(['orders-api', 'orders-worker'], 'otherPrincipals'), fw109(['orders-api', 'orders-worker'], 'noSourceCondition')];
    const head = [fw109(['orders-api'], 'noSourceCondition')];
    const r = matchFindings(base, head, none, none);
    assert.deepEqual(summary(r), { new: [], resolved: [base[0]!.message], unchanged: [head[0]!.message] });
  });

  it('findings of two stacks that declare the same role are not paired across files', () => {
    // prod fixed its role; staging's role (shared, so no service) gained the same finding.
    const base = [{ ...fw102(['api']), file: 'base/prod.yaml' }];
    const head = [{ ...fw102(['api', 'worker']), file: 'head/staging.yaml' }];
    const below = (root: string) => (f: Finding): string => f.file.slice(root.length);
    // Both stacks declare TaskRole (diffPostures' `ambiguous`), so the file tells their findings apart.
    const shared = (f: Finding): boolean => f.service === undefined;
    const r = matchFindings(base, head, none, none, { base: below('base/'), head: below('head/') }, shared);
    assert.deepEqual(r.new, head);
    assert.deepEqual(r.resolved, base);
    const same = matchFindings(base, [{ ...head[0]!, file: 'head/prod.yaml' }], none, none, { base: below('base/'), head: below('head/') }, shared);
    assert.equal(same.unchanged.length, 1, 'the same file below each root still pairs');
  });

  it('one template compared under two names (--base a.yaml --head b.yaml) keeps a finding whose role gained a sharer', () => {
    const base = [{ ...fw102(['api']), file: 'base.yaml' }];
    const head = [{ ...fw102(['api', 'worker']), file: 'head.yaml' }];
    const r = matchFindings(base, head, none, none);
    assert.deepEqual(summary(r), { new: [], resolved: [], unchanged: [head[0]!.message] });
  });

  it('a finding that moves from one named service to another is a different finding', () => {
    const base = [fw102(['orders-api'])];
    const head = [fw102(['orders-worker'])];
    const r = matchFindings(base, head, none, none);
    assert.deepEqual(r.new, head);
    assert.deepEqual(r.resolved, base);
    assert.deepEqual(r.unchanged, []);
  });

  it('a finding without a service is not paired when leftovers name two services (which one would it be?)', () => {
    // Words alone would pair base with orders-api's: the one service both messages name.
    const base = [fw102(['orders-api', 'billing'])];
    const head = [fw102(['orders-api']), fw102(['orders-worker'])];
    const r = matchFindings(base, head, none, none);
    assert.equal(r.new.length, 2);
    assert.deepEqual(r.resolved, base);
    assert.deepEqual(r.unchanged, []);
  });

  it('two leftovers nothing tells apart are not paired with a lone one of another service', () => {
    const base = [fw102(['orders-api', 'orders-worker']), fw102(['orders-api', 'orders-worker'])];
    const head = [fw102(['orders-api'])];
    const r = matchFindings(base, head, none, none);
    assert.deepEqual(r.new, head);
    assert.deepEqual(r.resolved, base);
  });

  it('suppressed findings are neither new, resolved nor unchanged', () => {
    const suppressed = { ...fw202(22), suppressed: { reason: 'bastion', by: 'config' as const } };
    const r = matchFindings([], [suppressed], none, none);
    assert.deepEqual(r, { new: [], resolved: [], unchanged: [], escalated: new Map() });
  });
});

describe('StableNames', () => {
  const names = new StableNames({
    resources: [
      { ...entity('TableCD117FA1', 1, 'a.json'), cdkPath: 'Stack/Table/Resource' },
      entity('Queue', 1, 'a.json'),
    ],
  });

  it('replaces logical IDs with construct paths in placeholders, keeping attributes and the rest', () => {
    assert.equal(names.stabilize('${TableCD117FA1.Arn}/index/*', 'a.json'), '${Stack/Table/Resource.Arn}/index/*');
    assert.equal(names.stabilize('${TableCD117FA1}', 'b.json'), '${Stack/Table/Resource}', 'unique across files');
    assert.equal(names.stabilize('${Queue.Arn}'), '${Queue.Arn}', 'no construct path: unchanged');
    assert.equal(names.stabilize('${AWS::AccountId}'), '${AWS::AccountId}');
    assert.equal(names.stabilize('*'), '*');
  });

  it('replaces whole words of messages only', () => {
    assert.equal(names.message('Table TableCD117FA1 and TableCD117FA1x'), 'Table Stack/Table/Resource and TableCD117FA1x');
  });
});
