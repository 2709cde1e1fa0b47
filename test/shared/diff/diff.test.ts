import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseFromFingerprints, comparePreparedSides, conditionKey, diffPostures, movedFiles, prepareSide, viewFingerprints } from '../../../src/shared/diff/diff.ts';
import type { DiffSide, ServiceDiff } from '../../../src/shared/diff/types.ts';
import type { Posture, ServicePosture } from '../../../src/shared/model/index.ts';
import { service, servicePosture } from '../render/sample.ts';
import { infra, known, unknown } from '../../support/model.ts';
import { DIFF_FIXTURES, ROOT, analysisDeps, diffExamples, diffScenario, scanPath } from './support.ts';
import { scan } from '../../../src/shared/engine.ts';
import { renderComment } from '../../../src/shared/render/comment/comment.ts';
import { renderDiffText } from '../../../src/shared/render/diff-text.ts';
import { defaultConfig } from '../../../src/shared/config/index.ts';
import { collectFiles } from '../../../src/shared/io/walk.ts';

/** 1-based line of the first line of `file` (relative to the repository root) containing `text`. */
function lineOf(file: string, text: string): number {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(text));
  assert.ok(i >= 0, `${file} contains ${text}`);
  return i + 1;
}

function only(services: ServiceDiff[], key: string): ServiceDiff {
  const found = services.filter((s) => s.key === key);
  assert.equal(found.length, 1, `one service ${key}`);
  return found[0]!;
}

describe('diffPostures on the scenario fixtures', () => {
  it('a CDK logical-ID hash change with the same construct paths is no change at all', () => {
    const diff = diffScenario('cdk-hash');
    assert.equal(diff.verdict, 'none');
    assert.deepEqual(diff.reasons, []);
    assert.equal(diff.services.length, 1, 'one service, not a removed one and an added one');
    const [s] = diff.services;
    assert.equal(s!.key, 'OrdersStack/Service/Service');
    assert.equal(s!.status, 'unchanged');
    assert.equal(s!.resource, 'Service8D735DD6', 'the head logical ID is reported');
    assert.deepEqual(s!.permissions, { added: [], removed: [] }, '`${Table….Arn}` resources compare by construct path');
    assert.deepEqual(s!.securityGroupRules, { added: [], removed: [] });
    assert.deepEqual(diff.findings.new, []);
    assert.deepEqual(diff.findings.resolved, []);
    // FW203 names the group and the service by logical ID, FW103 counts actions: both stay "unchanged".
    assert.deepEqual(diff.findings.unchanged.map((f) => f.ruleId).sort(), ['FW103', 'FW203']);
  });

  it('a value left undecided in a re-hashed CDK resource, whose reason names the resource, is not newly undecided', () => {
    const stack = (hash: string): DiffSide => ({
      ...scan([{ path: 'stack.yaml', text: `Parameters:
  ServiceSecurityGroup: { Type: String }
Resources:
  IngressFromLb${hash}:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref ServiceSecurityGroup
      IpProtocol: tcp
      FromPort: 80
      ToPort: 80
      CidrIp: 10.0.0.0/16
    Metadata:
      aws:cdk:path: App/IngressFromLb/Resource
` }], analysisDeps(), defaultConfig()),
    });
    const base = stack('A1B2C3D4');
    assert.match(base.posture.infra.unresolved.map((u) => u.reason).join('\n'), /SecurityGroupIngress IngressFromLbA1B2C3D4 applies to security group a value that cannot be resolved/);
    const diff = diffPostures(base, stack('99887766'));
    assert.deepEqual(diff.unresolved, { added: [], removed: [] });
  });

  it('a cloud assembly whose manifest head cannot read: its services, groups and roles are base\'s still, by logical ID; the comparison says it is incomplete', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-broken-assembly-'));
    try {
      cpSync(join(ROOT, DIFF_FIXTURES, 'cdk-nested/base'), join(dir, 'base'), { recursive: true });
      cpSync(join(ROOT, DIFF_FIXTURES, 'cdk-nested/base'), join(dir, 'head'), { recursive: true });
      writeFileSync(join(dir, 'head/cdk.out/manifest.json'), '{ "version": "36.0.0", "artifacts": {');
      const side = (name: string): DiffSide => {
        const collected = collectFiles([join(dir, name)], { cwd: dir });
        return { ...scan(collected.files, analysisDeps(), defaultConfig(), { inputErrors: collected.errors }), root: name };
      };
      const diff = diffPostures(side('base'), side('head'));
      assert.deepEqual(diff.services.map((s) => [s.key, s.status]), [['Service1A2B3C4D', 'unchanged']]);
      assert.deepEqual([diff.findings.new.length, diff.findings.resolved.length, diff.findings.unchanged.length], [0, 0, 3]);
      assert.equal(diff.verdict, 'mixed');
      assert.match(diff.incomplete ?? '', /head could not read cdk\.out\/manifest\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a nested stack whose logical IDs were re-hashed is matched through its parent\'s construct paths (manifest only)', () => {
    const diff = diffScenario('cdk-nested');
    assert.deepEqual(diff.services.map((s) => [s.key, s.status]), [['OrdersStack/Svc/Service/Resource', 'changed']]);
    assert.deepEqual(diff.reasons, ['OrdersStack/Svc/Service/Resource gains 1 permission']);
  });

  it('an edited statement that adds one action shows exactly one added permission, at its line', () => {
    const diff = diffScenario('edited-statement');
    const s = only(diff.services, 'orders-api');
    assert.equal(s.status, 'changed');
    assert.deepEqual(s.permissions.removed, []);
    assert.equal(s.permissions.added.length, 1);
    const [p] = s.permissions.added;
    const file = `${DIFF_FIXTURES}/edited-statement/head/template.yaml`;
    assert.deepEqual(
      { role: p!.role, roleKind: p!.roleKind, action: p!.action, accessLevel: p!.accessLevel, file: p!.file, line: p!.line },
      { role: 'ApiTaskRole', roleKind: 'task', action: 'dynamodb:PutItem', accessLevel: 'Write', file, line: lineOf(file, '- dynamodb:PutItem') },
    );
    assert.equal(p!.resource, '${OrdersTable.Arn}');
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(diff.reasons, ['orders-api gains 1 permission']);
  });

  it('a change to a separate AWS::IAM::Policy resource counts for the role it is attached to', () => {
    const diff = diffScenario('policy-resource');
    const s = only(diff.services, 'orders-api');
    assert.deepEqual(s.permissions.added.map((p) => p.action).sort(), ['sqs:DeleteMessage', 'sqs:ReceiveMessage']);
    assert.deepEqual(s.permissions.removed, []);
    const file = `${DIFF_FIXTURES}/policy-resource/head/template.yaml`;
    assert.ok(s.permissions.added.every((p) => p.file === file && p.line > lineOf(file, 'ApiEventsPolicy:')), 'points into the policy resource');
    assert.equal(diff.verdict, 'broadening');
  });

  it('a shared role that gains a permission changes every service that uses it', () => {
    const diff = diffScenario('shared-role');
    assert.deepEqual(diff.services.map((s) => [s.key, s.status]), [['orders-api', 'changed'], ['orders-worker', 'changed']]);
    for (const s of diff.services) {
      assert.deepEqual(s.permissions.added.map((p) => [p.action, p.resource]), [['s3:GetObject', 'arn:aws:s3:::orders-exports/*']]);
    }
    assert.deepEqual(diff.reasons, ['orders-api gains 1 permission', 'orders-worker gains 1 permission']);
    // FW105 (shared task role) fires on both sides: unchanged, not new.
    assert.deepEqual(diff.findings.new, []);
    assert.deepEqual(diff.findings.unchanged.map((f) => f.ruleId), ['FW105']);
  });

  it('a rule added on another group that names the service group is an egress change for the service', () => {
    const diff = diffScenario('sg-reference');
    const s = only(diff.services, 'orders-api');
    assert.equal(s.securityGroupRules.added.length, 1);
    const [r] = s.securityGroupRules.added;
    const file = `${DIFF_FIXTURES}/sg-reference/head/template.yaml`;
    assert.deepEqual(r, {
      group: 'DatabaseSecurityGroup',
      direction: 'ingress',
      protocol: 'tcp',
      ports: '5432',
      peer: 'sg:ApiSecurityGroup',
      relation: 'references-service',
      serviceDirection: 'egress',
      world: false,
      explicit: true,
      standalone: 'DatabaseIngressFromApi',
      file,
      line: lineOf(file, 'DatabaseIngressFromApi:'),
    });
    assert.deepEqual(s.securityGroupRules.removed, []);
    assert.deepEqual(diff.reasons, ['orders-api gains 1 egress rule']);
    assert.equal(diff.verdict, 'broadening');
  });

  it('a rule added to a group outside the files that the service uses is its change, and broadening', () => {
    const diff = diffScenario('external-sg-opened');
    const s = only(diff.services, 'web');
    const file = `${DIFF_FIXTURES}/external-sg-opened/head/template.yaml`;
    assert.deepEqual(s.securityGroupRules.added, [
      {
        group: 'sg-0123456789abcdef0',
        direction: 'ingress',
        protocol: 'tcp',
        ports: '8080',
        peer: '0.0.0.0/0',
        relation: 'own',
        serviceDirection: 'ingress',
        world: true,
        explicit: true,
        standalone: 'FromAnywhere',
        file,
        line: lineOf(file, 'FromAnywhere:'),
      },
    ]);
    assert.deepEqual(s.securityGroupRules.removed, [], 'the rule both sides add is unchanged');
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(diff.reasons, ['web gains 1 ingress rule']);
    // The group's other rules are not in the files, but the tasks get no public IP and no load
    // balancer forwards to them: the world rule does not reach them from the internet.
    assert.equal(s.exposure.before?.internetIngress, false);
    assert.equal(s.exposure.after?.internetIngress, false);
    assert.deepEqual(diff.findings.new.map((f) => [f.ruleId, f.resource, f.line]), [['FW202', 'FromAnywhere', lineOf(file, 'FromAnywhere:')]]);
  });

  it('an internet-facing ALB whose own group is opened to the world makes the service reachable from the internet, and broadening', () => {
    const diff = diffScenario('alb-opened');
    const s = only(diff.services, 'orders-api');
    // The task group admits only the ALB's group on both sides: the ALB's own group decides.
    assert.deepEqual(s.exposure.before, { publicIp: false, internetIngress: false, defaultRoute: 'nat' });
    assert.deepEqual(s.exposure.after, { publicIp: false, internetIngress: true, defaultRoute: 'nat' });
    assert.equal(s.verdict, 'broadening');
    assert.deepEqual(diff.reasons, ['orders-api gains 1 ingress rule', 'orders-api is now reachable from the internet']);
    assert.deepEqual(s.securityGroupRules.added.map((r) => [r.relation, r.loadBalancer, r.group, r.peer]), [['load-balancer', 'LoadBalancer', 'AlbSecurityGroup', '0.0.0.0/0']]);
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(diff.findings.new, []);
    // Closing it again is the reverse.
    const reversed = diffPostures(scanPath(`${DIFF_FIXTURES}/alb-opened/head`), scanPath(`${DIFF_FIXTURES}/alb-opened/base`));
    assert.deepEqual(reversed.reasons, ['orders-api loses 1 ingress rule', 'orders-api is no longer reachable from the internet']);
    assert.equal(reversed.verdict, 'narrowing');
  });

  it('the group of a load balancer in front of the service admitting a wider range is an ingress rule the service gains', () => {
    const text = readFileSync(join(ROOT, DIFF_FIXTURES, 'alb-opened', 'base', 'template.yaml'), 'utf8');
    const side = (t: string): DiffSide => ({ ...scan([{ path: 'template.yaml', text: t }], analysisDeps(), defaultConfig()), root: '.' });
    const diff = diffPostures(side(text), side(text.replace('CidrIp: 10.0.0.0/8', 'CidrIp: 10.0.0.0/7')));
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(diff.reasons, ['orders-api gains 1 ingress rule']);
    const s = only(diff.services, 'orders-api');
    assert.deepEqual(s.securityGroupRules.added.map((r) => [r.relation, r.loadBalancer, r.serviceDirection, r.peer]), [['load-balancer', 'LoadBalancer', 'ingress', '10.0.0.0/7']]);
    assert.deepEqual(s.securityGroupRules.removed.map((r) => r.peer), ['10.0.0.0/8']);
    const comment = renderComment(diff);
    assert.match(comment, /\| \+ \| ingress through load balancer `LoadBalancer` \| `AlbSecurityGroup` \|/);
    assert.match(comment, /class in0 changed/, 'the load balancer is marked in the flowchart, not drawn as a group sending to the service');
    assert.doesNotMatch(comment, /sg:AlbSecurityGroup/);
    assert.match(renderDiffText(diff, { color: false }), /\+ rule {8}AlbSecurityGroup ingress tcp port 443 from 10\.0\.0\.0\/7 \(group of load balancer LoadBalancer, in front of the service\)/);
    // Narrowed again, it is a rule the service loses.
    assert.equal(diffPostures(side(text.replace('CidrIp: 10.0.0.0/8', 'CidrIp: 10.0.0.0/7')), side(text)).verdict, 'narrowing');
  });

  it('a rule that completes the world in halves (0.0.0.0/1, then 128.0.0.0/1) is marked as open to the internet', () => {
    const text = readFileSync(join(ROOT, 'test/fixtures/cfn/split-world.yaml'), 'utf8');
    const half = '        - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 128.0.0.0/1 }\n';
    assert.ok(text.includes(half));
    const side = (t: string): DiffSide => ({ ...scan([{ path: 'template.yaml', text: t }], analysisDeps(), defaultConfig()), root: '.' });
    const diff = diffPostures(side(text.replace(half, '')), side(text));
    const s = only(diff.services, 'app');
    assert.deepEqual(s.securityGroupRules.added.map((r) => `${r.direction} ${r.peer} world=${String(r.world)}`), ['ingress 128.0.0.0/1 world=true']);
    assert.match(renderDiffText(diff, { color: false }), /TaskSg ingress tcp port 8080 from 128\.0\.0\.0\/1 \(internet\)/);
    // Removed, a half is described as it was on its side: part of the world.
    const back = diffPostures(side(text), side(text.replace(half, '')));
    assert.deepEqual(only(back.services, 'app').securityGroupRules.removed.map((r) => `${r.peer} world=${String(r.world)}`), ['128.0.0.0/1 world=true']);
  });

  it('a rule of another group of the service that completes the world on a port of a wider half is marked as open to the internet', () => {
    const text = readFileSync(join(ROOT, 'test/fixtures/cfn/split-world.yaml'), 'utf8');
    const halves = '        - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 0.0.0.0/1 }\n        - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 128.0.0.0/1 }\n';
    assert.ok(text.includes(halves));
    const other = (rules: string) => `  OtherSg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: other\n      VpcId: !Ref Vpc\n      SecurityGroupIngress: ${rules}\n  TaskRole:\n`;
    const side = (rules: string): DiffSide => {
      const t = text
        .replace(halves, '        - { IpProtocol: tcp, FromPort: 0, ToPort: 65535, CidrIp: 0.0.0.0/1 }\n')
        .replace('  TaskRole:\n', other(rules))
        .replace('SecurityGroups: [!Ref TaskSg]', 'SecurityGroups: [!Ref TaskSg, !Ref OtherSg]');
      return { ...scan([{ path: 'template.yaml', text: t }], analysisDeps(), defaultConfig()), root: '.' };
    };
    const diff = diffPostures(side('[]'), side('[{ IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 128.0.0.0/1 }]'));
    assert.deepEqual(only(diff.services, 'app').securityGroupRules.added.map((r) => `${r.group} ${r.peer} world=${String(r.world)}`), ['OtherSg 128.0.0.0/1 world=true']);
  });

  it("CDK's last egress rule removed (the \"Disallow all traffic\" placeholder left) is narrowing, not a rule gained", () => {
    const text = readFileSync(join(ROOT, 'test/fixtures/cfn/split-world.yaml'), 'utf8');
    const egress = '        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/1 }\n        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 128.0.0.0/1 }\n';
    assert.ok(text.includes(egress));
    const side = (rule: string): DiffSide => ({ ...scan([{ path: 'template.yaml', text: text.replace(egress, `        - ${rule}\n`) }], analysisDeps(), defaultConfig()), root: '.' });
    const diff = diffPostures(
      side('{ IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.0.0.0/16 }'),
      side('{ CidrIp: 255.255.255.255/32, Description: Disallow all traffic, FromPort: 252, IpProtocol: icmp, ToPort: 86 }'),
    );
    const s = only(diff.services, 'app');
    assert.deepEqual(s.securityGroupRules.added, []);
    assert.deepEqual(s.securityGroupRules.removed.map((r) => `${r.direction} ${r.protocol} ${r.ports} ${r.peer}`), ['egress tcp 5432 10.0.0.0/16']);
    assert.equal(diff.verdict, 'narrowing');
  });

  it('an endpoint security group opened to the world is a rule change of every service using the endpoint, and broadening', () => {
    const diff = diffScenario('endpoint-sg-opened');
    const s = only(diff.services, 'billing-worker');
    const file = `${DIFF_FIXTURES}/endpoint-sg-opened/head/template.yaml`;
    assert.deepEqual(s.securityGroupRules.added, [
      {
        group: 'EndpointSecurityGroup',
        direction: 'ingress',
        protocol: 'tcp',
        ports: '443',
        peer: '0.0.0.0/0',
        relation: 'endpoint',
        endpoint: 'EcrApiEndpoint',
        serviceDirection: 'egress',
        world: true,
        explicit: true,
        file,
        line: lineOf(file, '- Description: HTTPS from anywhere'),
      },
    ]);
    assert.deepEqual(s.securityGroupRules.removed, []);
    assert.deepEqual(s.endpointPolicies, { added: [], removed: [] });
    assert.deepEqual(diff.reasons, ['billing-worker endpoint security groups gain 1 rule (1 open to the internet)']);
    assert.equal(diff.verdict, 'broadening');
  });

  it('a statement added to the policy of an endpoint the service uses is listed per action, and broadening', () => {
    const diff = diffScenario('endpoint-policy');
    const s = only(diff.services, 'billing-worker');
    const file = `${DIFF_FIXTURES}/endpoint-policy/head/template.yaml`;
    assert.deepEqual(s.endpointPolicies.added, [
      { endpoint: 'SqsEndpoint', effect: 'Allow', principal: 'AWS:*', action: 'sqs:SendMessage', resource: '*', explicit: true, file, line: lineOf(file, 'Action: sqs:SendMessage') - 2 },
    ]);
    assert.deepEqual(s.endpointPolicies.removed, []);
    assert.deepEqual(s.securityGroupRules, { added: [], removed: [] });
    assert.deepEqual(diff.reasons, ['billing-worker endpoint policies allow 1 more statement action']);
    assert.equal(diff.verdict, 'broadening');
  });

  it('the same policy change reversed is narrowing; removing a policy adds the default full-access statement', () => {
    const reversed = diffPostures(scanPath(`${DIFF_FIXTURES}/endpoint-policy/head`), scanPath(`${DIFF_FIXTURES}/endpoint-policy/base`));
    const s = only(reversed.services, 'billing-worker');
    assert.deepEqual(s.endpointPolicies.removed.map((e) => [e.endpoint, e.effect, e.action]), [['SqsEndpoint', 'Allow', 'sqs:SendMessage']]);
    assert.equal(reversed.verdict, 'narrowing');
    // Base of endpoint-sg-opened is endpoint-policy's base without the SQS endpoint's policy.
    const dropped = diffPostures(scanPath(`${DIFF_FIXTURES}/endpoint-policy/base`), scanPath(`${DIFF_FIXTURES}/endpoint-sg-opened/base`));
    const d = only(dropped.services, 'billing-worker');
    assert.deepEqual(d.endpointPolicies.added.map((e) => [e.endpoint, e.effect, e.principal, e.action, e.resource, e.explicit]), [['SqsEndpoint', 'Allow', '*', '*', '*', false]]);
    assert.deepEqual(d.endpointPolicies.removed.map((e) => e.action).sort(), ['sqs:DeleteMessage', 'sqs:ReceiveMessage']);
    assert.equal(dropped.verdict, 'broadening');
  });

  it('endpoints a service starts using list their rules and statements without counting toward the verdict', () => {
    const diff = diffExamples();
    const s = only(diff.services, 'orders-api');
    assert.ok(s.securityGroupRules.added.some((r) => r.relation === 'endpoint' && r.group === 'EndpointSecurityGroup' && r.peer === '10.20.0.0/16'));
    assert.ok(s.endpointPolicies.added.some((e) => e.endpoint === 'EcrApiEndpoint' && e.action === 'ecr:GetAuthorizationToken'));
    assert.ok(diff.reasons.every((r) => !r.includes('endpoint security groups') && !r.includes('endpoint policies')));
  });

  it('a route table losing its NAT route loses every need: start-up needs and the application call', () => {
    const diff = diffScenario('nat-route');
    const s = only(diff.services, 'orders-api');
    assert.deepEqual(
      s.needs.lost.map((n) => [n.service, n.kind, n.before, n.newlyNeeded]),
      [
        ['ecr.api', 'startup', 'nat:NatGateway', false],
        ['ecr.dkr', 'startup', 'nat:NatGateway', false],
        ['s3', 'startup', 'nat:NatGateway', false],
        ['logs', 'startup', 'nat:NatGateway', false],
        ['dynamodb', 'runtime', 'nat:NatGateway', false],
      ],
    );
    assert.deepEqual(s.needs.gained, []);
    assert.deepEqual(s.exposure.before, { publicIp: false, internetIngress: false, defaultRoute: 'nat' });
    assert.deepEqual(s.exposure.after, { publicIp: false, internetIngress: false, defaultRoute: 'none' });
    assert.equal(diff.verdict, 'broadening', 'losing coverage of a need is broadening');
    assert.deepEqual(diff.reasons, ['orders-api can no longer reach ecr.api, ecr.dkr, s3, logs, dynamodb', 'orders-api egress: a NAT gateway → no way out']);
    assert.deepEqual(diff.findings.new.map((f) => `${f.ruleId} ${f.severity} ${/cannot reach (\S+),/.exec(f.message)?.[1]}`).sort(), [
      'FW301 critical ecr.api', 'FW301 critical ecr.dkr', 'FW301 critical logs', 'FW301 critical s3', 'FW301 medium dynamodb',
    ]);
  });

  it('the same change reversed regains every need, and is still broadening: the tasks can reach the internet again', () => {
    const diff = diffPostures(scanPath(`${DIFF_FIXTURES}/nat-route/head`), scanPath(`${DIFF_FIXTURES}/nat-route/base`));
    const s = only(diff.services, 'orders-api');
    assert.deepEqual(s.needs.gained.map((n) => [n.service, n.after]), [
      ['ecr.api', 'nat:NatGateway'], ['ecr.dkr', 'nat:NatGateway'], ['s3', 'nat:NatGateway'], ['logs', 'nat:NatGateway'], ['dynamodb', 'nat:NatGateway'],
    ]);
    assert.deepEqual(s.needs.lost, []);
    assert.deepEqual(s.reasons.map((r) => [r.effect, r.text]), [
      ['broader', 'egress: no way out → a NAT gateway'],
      ['narrower', 'can now reach ecr.api, ecr.dkr, s3, logs, dynamodb'],
    ]);
    assert.equal(diff.verdict, 'broadening');
    assert.equal(diff.findings.resolved.length, 5);
  });

  it('a task group cut down to 127.0.0.1/32 loses what the tasks need even with the subnets outside the files', () => {
    const diff = diffScenario('task-egress-blocked');
    // Fargate: image pulls and log shipping leave through the task ENI, so the group blocks them.
    const api = only(diff.services, 'orders-api');
    assert.deepEqual(api.needs.lost.map((n) => [n.service, n.kind, n.wasCovered]), [
      ['ecr.api', 'startup', 'unknown'], ['ecr.dkr', 'startup', 'unknown'], ['s3', 'startup', 'unknown'], ['logs', 'startup', 'unknown'],
    ]);
    // EC2 launch type: the container instance pulls and ships logs; only the task role's calls are the task's.
    const worker = only(diff.services, 'orders-worker');
    assert.deepEqual(worker.needs.lost.map((n) => [n.service, n.kind]), [['sqs', 'runtime']]);
    assert.deepEqual(worker.needs.uncertain, []);
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(diff.reasons.filter((r) => r.includes('reach')), [
      'orders-api can no longer reach ecr.api, ecr.dkr, s3, logs',
      'orders-worker can no longer reach sqs',
    ]);
    assert.deepEqual(diff.findings.new.map((f) => [f.ruleId, f.resource]), [['FW305', 'TaskSecurityGroup']]);
    // The group both services use: its new finding is each one's (their rows count it), not one tied to none.
    assert.deepEqual([api.findings.new.map((f) => f.ruleId), worker.findings.new.map((f) => f.ruleId)], [['FW305'], ['FW305']]);
    const md = renderComment(diff);
    assert.doesNotMatch(md, /Findings not tied to one service/);
    assert.match(md, /\| 🔺 `orders-api` \|[^\n]*\| 1 new \(🟧 high\)/);
    assert.match(diff.findings.new[0]!.message, /does not allow outbound TCP 443 to any destination/);
    assert.ok(!diff.findings.new.some((f) => f.ruleId === 'FW301'), 'a path exists or not: the subnets are unknown, the group is the problem');
  });

  it('a change to a resource no service depends on is no posture change', () => {
    const diff = diffScenario('unrelated');
    assert.equal(diff.verdict, 'none');
    assert.deepEqual(diff.services.map((s) => s.status), ['unchanged']);
    assert.deepEqual(diff.findings, { new: [], resolved: [], unchanged: [], undecided: [], suppressed: [] });
  });

  it('the bundled examples broaden (S3 on *, DynamoDB lost) even though the service leaves the public subnets', () => {
    const diff = diffExamples();
    assert.equal(diff.verdict, 'broadening');
    const s = only(diff.services, 'orders-api');
    assert.deepEqual(s.permissions.added.map((p) => `${p.action} ${p.resource} ${p.accessLevel}`).sort(), [
      's3:DeleteObject * Write', 's3:GetObject * Read', 's3:PutObject * Write',
    ]);
    assert.deepEqual(s.needs.lost.map((n) => n.service), ['dynamodb']);
    assert.deepEqual(s.reasons.map((r) => [r.effect, r.text]), [
      ['broader', 'gains 3 permissions'],
      ['broader', 'can no longer reach dynamodb'],
      ['narrower', 'no longer gets a public IP'],
      ['narrower', 'egress: an internet gateway → VPC endpoints only'],
    ]);
    assert.deepEqual(diff.findings.new.map((f) => f.ruleId), ['FW103', 'FW301']);
    assert.deepEqual(diff.findings.resolved.map((f) => f.ruleId), ['FW201', 'FW206']);
  });

  it('services only on one side are added (broadening) or removed (narrowing)', () => {
    // No files at all (a path that does not exist, without its error: that would leave base's services not compared).
    const empty = { ...scanPath(`${DIFF_FIXTURES}/does-not-exist`), errors: [] };
    const added = diffPostures(empty, scanPath(`${DIFF_FIXTURES}/unrelated/head`));
    assert.deepEqual(added.services.map((s) => [s.key, s.status, s.verdict]), [['orders-api', 'added', 'broadening']]);
    assert.ok(added.services[0]!.permissions.added.length > 0, 'a new service lists what it can do');
    assert.deepEqual(added.services[0]!.exposure.before, null);
    const removed = diffPostures(scanPath(`${DIFF_FIXTURES}/unrelated/head`), empty);
    assert.deepEqual(removed.services.map((s) => [s.key, s.status]), [['orders-api', 'removed']]);
    assert.equal(removed.verdict, 'narrowing');
    assert.deepEqual(removed.services[0]!.permissions.added, []);
  });

  it('services sharing a ServiceName in different clusters are told apart by cluster, not dropped', () => {
    const text = (cluster: string, actions: string) =>
      readFileSync(join(ROOT, DIFF_FIXTURES, 'edited-statement', actions, 'template.yaml'), 'utf8').replace('ClusterName: orders', `ClusterName: ${cluster}`);
    const side = (prodSide: string) =>
      scan(
        [
          { path: 'staging/template.yaml', text: text('orders-staging', 'base') },
          { path: 'prod/template.yaml', text: text('orders-prod', prodSide) },
        ],
        analysisDeps(),
        defaultConfig(),
      );
    const diff = diffPostures(side('base'), side('head'));
    assert.deepEqual(diff.services.map((s) => [s.key, s.status, s.file]), [
      ['orders-api (cluster orders-prod)', 'changed', 'prod/template.yaml'],
      ['orders-api (cluster orders-staging)', 'unchanged', 'staging/template.yaml'],
    ]);
    assert.deepEqual(diff.reasons, ['orders-api (cluster orders-prod) gains 1 permission']);
  });

  it('carries each side’s input errors, so a broken head is not mistaken for removed services', () => {
    const diff = diffPostures(scanPath(`${DIFF_FIXTURES}/unrelated/base`), scanPath('test/fixtures/cli/mixed'));
    assert.deepEqual(diff.errors.map((e) => [e.side, e.file]), [['head', 'test/fixtures/cli/mixed/broken.yaml']]);
  });
});

describe('diffPostures compares what two trees mean, not how each names its files', () => {
  it('identical trees whose stacks export one name twice: no change (reasons name files below each root)', () => {
    const diff = diffScenario('ambiguous-export');
    assert.equal(diff.verdict, 'none');
    assert.deepEqual(diff.services.map((s) => s.status), ['unchanged']);
  });

  it('the load balancer’s group renamed with every reference to it is no change (a group is known by what it is attached to)', () => {
    const diff = diffScenario('lb-group-renamed');
    assert.equal(diff.verdict, 'none');
    assert.deepEqual(diff.services.map((s) => [s.key, s.status]), [['orders-api', 'unchanged']]);
  });

  it('the load balancer renamed together with its group (a construct rename) is no change: the group is known by the services it fronts', () => {
    const diff = diffScenario('lb-and-group-renamed');
    assert.equal(diff.verdict, 'none');
    assert.deepEqual(diff.services.map((s) => [s.key, s.status]), [['orders-api', 'unchanged']]);
  });

  it('the same construct rename in two stages sharing a ServiceName is no change either (services named as the comparison names them)', () => {
    const text = (side: string): string => readFileSync(join(ROOT, DIFF_FIXTURES, 'lb-and-group-renamed', side, 'template.yaml'), 'utf8');
    const side = (t: string): DiffSide => ({ ...scan([{ path: 'prod/template.yaml', text: t }, { path: 'staging/template.yaml', text: t }], analysisDeps(), defaultConfig()), root: '.' });
    const diff = diffPostures(side(text('base')), side(text('head')));
    assert.equal(diff.verdict, 'none');
    assert.deepEqual(diff.services.map((s) => s.status), ['unchanged', 'unchanged']);
  });

  it('a group leaving one stage is not taken for a group arriving in another stage under the same ServiceName', () => {
    const text = readFileSync(join(ROOT, DIFF_FIXTURES, 'lb-and-group-renamed', 'base', 'template.yaml'), 'utf8');
    // A second group on the load balancer: prod's egress to a CIDR, staging's to the tasks' group.
    const withGroup = (name: string, peer: string): string =>
      text
        .replace('  Cluster:\n', `  ${name}:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: extra\n      VpcId: !Ref Vpc\n      SecurityGroupEgress:\n        - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, ${peer} }\n  Cluster:\n`)
        .replace('SecurityGroups: [!Ref AlbSecurityGroup]', `SecurityGroups: [!Ref AlbSecurityGroup, !Ref ${name}]`);
    const side = (prod: string, staging: string): DiffSide => ({ ...scan([{ path: 'prod/template.yaml', text: prod }, { path: 'staging/template.yaml', text: staging }], analysisDeps(), defaultConfig()), root: '.' });
    const diff = diffPostures(side(withGroup('ProdExtraSg', 'CidrIp: 10.20.0.0/16'), text), side(text, withGroup('StagingExtraSg', 'DestinationSecurityGroupId: !Ref TaskSecurityGroup')));
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(diff.reasons, ['orders-api (cluster Cluster), staging/template.yaml gains 1 ingress rule']);
  });

  it('a renamed load balancer of another kind is not taken for the old one: its group’s rule is removed and added', () => {
    const text = (side: string): string => readFileSync(join(ROOT, DIFF_FIXTURES, 'lb-and-group-renamed', side, 'template.yaml'), 'utf8');
    const side = (t: string): DiffSide => ({ ...scan([{ path: 'template.yaml', text: t }], analysisDeps(), defaultConfig()), root: '.' });
    const diff = diffPostures(side(text('base')), side(text('head').replace('Scheme: internet-facing', 'Scheme: internal')));
    assert.notEqual(diff.verdict, 'none');
    const rules = diff.services[0]!.securityGroupRules;
    // The task group's rule naming the load balancer's group, and that group's own ingress rule.
    assert.deepEqual([rules.added.length, rules.removed.length], [2, 2]);
  });

  describe('a file that defines no service renamed (a database group admitting each stage’s service, one stage’s template renamed)', () => {
    const fixture = (side: string, file: string): string => readFileSync(join(ROOT, DIFF_FIXTURES, 'network-file-renamed', side, file), 'utf8');
    const side = (files: Record<string, string>): DiffSide => ({ ...scan(Object.entries(files).map(([path, text]) => ({ path, text })), analysisDeps(), defaultConfig()), root: '.' });
    const tree = (prodDatabase: string, text = fixture('base', 'prod/net.yaml')): DiffSide =>
      side({ [prodDatabase]: text, ...Object.fromEntries(['staging/net.yaml', 'prod/service.yaml', 'staging/service.yaml'].map((f) => [f, fixture('base', f)])) });

    it('renamed with its content: its group keeps its rules (labels name the file, as two files declare the group)', () => {
      const diff = diffScenario('network-file-renamed');
      assert.equal(diff.verdict, 'none');
      assert.deepEqual(diff.services.map((s) => [s.key, s.status]), [['api-prod', 'unchanged'], ['api-staging', 'unchanged']]);
      for (const renamed of ['prod/network.yaml', 'prod/network/net.yaml']) assert.equal(diffPostures(tree('prod/net.yaml'), tree(renamed)).verdict, 'none', renamed);
    });

    it('renamed with a rule changed: the same resources pair the files, and the change is that rule', () => {
      const diff = diffPostures(tree('prod/net.yaml'), tree('prod/network.yaml', fixture('base', 'prod/net.yaml').replace('FromPort: 5432', 'FromPort: 5400')));
      assert.equal(diff.verdict, 'broadening');
      // The wider rule covers the one it replaced: one rule gained, none lost.
      assert.deepEqual(diff.reasons, ['api-prod gains 1 egress rule']);
      const rules = only(diff.services, 'api-prod').securityGroupRules;
      assert.deepEqual(rules.added.map((r) => [r.group, r.ports]), [['DbSecurityGroup (prod/network.yaml)', '5400-5432']]);
      assert.deepEqual(rules.removed.map((r) => [r.group, r.ports]), [['DbSecurityGroup (prod/net.yaml)', '5432']]);
      assert.equal(only(diff.services, 'api-staging').status, 'unchanged');
    });

    it('an unrelated file of the same resources added as one is deleted: not paired when its rules differ in more than one field, nor by a bare few resource IDs', () => {
      const net = fixture('base', 'prod/net.yaml');
      // The same group, all traffic instead of TCP 5432 (protocol and ports): another group, so base's rule is lost, not covered.
      const unrelated = diffPostures(tree('prod/net.yaml'), tree('prod/alarms.yaml', net.replace('IpProtocol: tcp, FromPort: 5432, ToPort: 5432', 'IpProtocol: -1')));
      assert.deepEqual(unrelated.reasons, ['api-prod gains 1 egress rule', 'api-prod loses 1 egress rule']);
      // Only the ports edited: the file renamed, its rule widened and covering the old one.
      const edited = diffPostures(tree('prod/net.yaml'), tree('prod/alarms.yaml', net.replace('FromPort: 5432, ToPort: 5432', 'FromPort: 0, ToPort: 65535')));
      assert.deepEqual(edited.reasons, ['api-prod gains 1 egress rule']);
      // Two one-topic templates: nothing but a resource ID and type in common.
      const prepared = (files: Record<string, string>) => prepareSide(side(files));
      const topic = 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n';
      assert.deepEqual(movedFiles(prepared({ 'alerts/topic.yaml': topic }), prepared({ 'billing/events.yaml': topic }), []), new Map());
      const topics = `${topic}  Queue:\n    Type: AWS::SQS::Queue\n  Subscription:\n    Type: AWS::SNS::Subscription\n`;
      assert.deepEqual(movedFiles(prepared({ 'alerts/topic.yaml': topics }), prepared({ 'billing/events.yaml': topics }), []), new Map([['alerts/topic.yaml', 'billing/events.yaml']]));
    });
  });

  describe('a ServiceName the files leave open (`${AWS::StackName}`, a parameter without a default)', () => {
    const text = readFileSync(join(ROOT, DIFF_FIXTURES, 'lb-and-group-renamed', 'base', 'template.yaml'), 'utf8');
    const named = (name: string, params = ''): string => text.replace('ServiceName: orders-api', `ServiceName: ${name}`).replace('Resources:\n', `${params}Resources:\n`);
    const renamed = (t: string): string => t.replace(/^ {2}Service:$/m, '  ApiService:');
    const side = (files: Record<string, string>): DiffSide => ({ ...scan(Object.entries(files).map(([path, t]) => ({ path, text: t })), analysisDeps(), defaultConfig()), root: '.' });
    const stackName = named('!Sub "${AWS::StackName}-api"');

    it('the same expression on both sides is the same service, its resource renamed or not', () => {
      assert.match(renamed(stackName), /ApiService:/);
      for (const head of [stackName, renamed(stackName), renamed(named('!Join ["-", [!Ref AWS::StackName, api]]'))]) {
        const diff = diffPostures(side({ 't.yaml': stackName }), side({ 't.yaml': head }));
        assert.equal(diff.verdict, 'none');
        assert.deepEqual(diff.services.map((s) => [s.key, s.status]), [['${AWS::StackName}-api', 'unchanged']]);
      }
    });

    it('a parameter without a default as the whole name: the same parameter is the same service when the resource is renamed', () => {
      const param = named('!Ref ServiceNameParameter', 'Parameters:\n  ServiceNameParameter: { Type: String }\n');
      const diff = diffPostures(side({ 't.yaml': param }), side({ 't.yaml': renamed(param) }));
      assert.equal(diff.verdict, 'none');
      assert.deepEqual(diff.services.map((s) => [s.key, s.status]), [['${ServiceNameParameter}', 'unchanged']]);
      assert.deepEqual(diff.unresolved, { added: [], removed: [] });
      // Only the diff matches by the expression: scan names the service as before, so config suppressions naming it keep working.
      assert.deepEqual(scan([{ path: 't.yaml', text: param }], analysisDeps(), defaultConfig()).services.map((s) => s.key), ['Service']);
    });

    it('a changed suffix is a renamed service: removed and added, as with a literal name', () => {
      const diff = diffPostures(side({ 't.yaml': stackName }), side({ 't.yaml': stackName.replace('-api"', '-web"') }));
      assert.deepEqual(diff.services.map((s) => [s.key, s.status]), [['${AWS::StackName}-api', 'removed'], ['${AWS::StackName}-web', 'added']]);
    });

    it('one template deployed as two stacks: each stack’s service is told apart by its file, and each is itself', () => {
      const diff = diffPostures(side({ 'prod/t.yaml': stackName, 'staging/t.yaml': stackName }), side({ 'prod/t.yaml': renamed(stackName), 'staging/t.yaml': stackName }));
      assert.equal(diff.verdict, 'none');
      assert.deepEqual(diff.services.map((s) => s.status), ['unchanged', 'unchanged']);
    });
  });

  describe('two load balancers of one kind in front of one service, both renamed in one change', () => {
    const text = (side: string): string => readFileSync(join(ROOT, DIFF_FIXTURES, 'two-lbs-renamed', side, 'template.yaml'), 'utf8');
    const side = (t: string): DiffSide => ({ ...scan([{ path: 'template.yaml', text: t }], analysisDeps(), defaultConfig()), root: '.' });
    // Both listeners on 443: the listeners no longer tell the load balancers apart.
    const samePorts = (t: string): string => t.replaceAll('8443', '443');

    it('told apart by their listeners’ ports: each pairs with its own, no change', () => {
      const diff = diffScenario('two-lbs-renamed');
      assert.equal(diff.verdict, 'none');
      assert.deepEqual(diff.reasons, []);
      assert.deepEqual(diff.services.map((s) => [s.key, s.status]), [['orders-api', 'unchanged']]);
    });

    it('told apart by their listeners, one opened while renamed: that one’s rule is the gain, the other pairs unchanged', () => {
      const diff = diffPostures(side(text('base')), side(text('head').replace('192.168.0.0/16', '0.0.0.0/0')));
      assert.equal(diff.verdict, 'broadening');
      const rules = diff.services[0]!.securityGroupRules;
      assert.deepEqual(rules.added.map((r) => [r.group, r.peer, r.ports]), [['AdminSg2', '0.0.0.0/0', '8443']]);
      assert.deepEqual(rules.removed.map((r) => [r.group, r.peer, r.ports]), [['AdminSg', '192.168.0.0/16', '8443']]);
    });

    it('the same in everything (listeners and rules): interchangeable, so no change is invented', () => {
      const identical = (t: string): string => samePorts(t).replace('192.168.0.0/16', '10.0.0.0/8');
      const diff = diffPostures(side(identical(text('base'))), side(identical(text('head'))));
      assert.equal(diff.verdict, 'none');
      assert.deepEqual(diff.services.map((s) => s.status), ['unchanged']);
    });

    it('the same listeners, told apart by their rules: paired by them', () => {
      const diff = diffPostures(side(samePorts(text('base'))), side(samePorts(text('head'))));
      assert.equal(diff.verdict, 'none');
    });

    it('nothing tells them apart and their rules changed: undecided, not a guess; a rule no candidate had is still a gain', () => {
      const narrowed = samePorts(text('head')).replace('10.0.0.0/8', '10.0.0.0/9').replace('192.168.0.0/16', '192.168.0.0/17');
      const diff = diffPostures(side(samePorts(text('base'))), side(narrowed));
      assert.equal(diff.verdict, 'mixed');
      assert.deepEqual(diff.reasons, [
        'orders-api loses 2 ingress rules',
        'orders-api cannot tell which of groups AdminSg, AlbSecurityGroup became which of AdminSg2, WebSg2 (renamed together, attached to the same things): their rules are not judged',
      ]);
      const opened = samePorts(text('head')).replace('10.0.0.0/8', '10.0.0.0/9').replace('192.168.0.0/16', '0.0.0.0/0');
      const wider = diffPostures(side(samePorts(text('base'))), side(opened));
      assert.equal(wider.verdict, 'broadening');
      assert.ok(wider.reasons.includes('orders-api gains 1 ingress rule'), wider.reasons.join('; '));
    });

    it('nothing tells them apart: a finding on each side of the same rule and wording (the group’s name aside) is unchanged, not new and resolved', () => {
      // Both groups also attached to the tasks, each admitting SSH from anywhere (FW202 on each).
      const exposed = (t: string): string =>
        t
          .replace('SecurityGroups: [!Ref TaskSecurityGroup]', t.includes('WebSg2') ? 'SecurityGroups: [!Ref TaskSecurityGroup, !Ref WebSg2, !Ref AdminSg2]' : 'SecurityGroups: [!Ref TaskSecurityGroup, !Ref AlbSecurityGroup, !Ref AdminSg]')
          .replaceAll(/(\n {6}SecurityGroupIngress:\n)(?= {8}- (?:Description: HTTPS from|\{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 192))/g, '$1        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }\n');
      const before = exposed(samePorts(text('base')));
      const narrowed = exposed(samePorts(text('head'))).replace('10.0.0.0/8', '10.0.0.0/9').replace('192.168.0.0/16', '192.168.0.0/17');
      assert.equal((narrowed.match(/0\.0\.0\.0\/0 \}/g) ?? []).length, 2);
      const diff = diffPostures(side(before), side(narrowed));
      assert.equal(diff.verdict, 'mixed');
      assert.deepEqual([diff.findings.new, diff.findings.resolved], [[], []]);
      assert.deepEqual(diff.findings.unchanged.map((f) => [f.ruleId, f.resource]).sort(), [['FW202', 'AdminSg2'], ['FW202', 'WebSg2']]);
      assert.match(diff.findings.unchanged[0]!.message, /^Security group (WebSg2|AdminSg2) of service/);
      assert.deepEqual(diff.headFindingStates, ['unchanged', 'unchanged']);
      // Another port opened on one of them is a new finding still.
      const opened = diffPostures(side(before), side(narrowed.replace('FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }\n        - Description', 'FromPort: 23, ToPort: 23, CidrIp: 0.0.0.0/0 }\n        - Description')));
      assert.deepEqual(opened.findings.new.map((f) => [f.ruleId, f.resource, /TCP 23/.test(f.message)]), [['FW202', 'WebSg2', true]]);
      assert.deepEqual(opened.findings.resolved.map((f) => [f.ruleId, /TCP 22/.test(f.message)]), [['FW202', true]]);
    });

    it('the same listeners, rules narrowed while renamed, told apart by their names: each narrowing is judged against its own', () => {
      const named = (t: string): string => t.replace(/(\n {2}(?:LoadBalancer|WebLb2):\n {4}Type: [^\n]+\n {4}Properties:\n)/, '$1      Name: web\n').replace(/(\n {2}AdminLb2?:\n {4}Type: [^\n]+\n {4}Properties:\n)/, '$1      Name: admin\n');
      const narrowed = samePorts(named(text('head'))).replace('10.0.0.0/8', '10.0.0.0/9').replace('192.168.0.0/16', '192.168.0.0/17');
      assert.equal((narrowed.match(/Name: (web|admin)/g) ?? []).length, 2);
      const diff = diffPostures(side(samePorts(named(text('base')))), side(narrowed));
      assert.equal(diff.verdict, 'narrowing');
      assert.deepEqual(diff.reasons, ['orders-api loses 2 ingress rules']);
    });

    it('the same listeners, rules narrowed while renamed, told apart by the load balancers’ construct paths', () => {
      const withPaths = (t: string): string =>
        t.replace(/(\n {2}(?:LoadBalancer|WebLb2):\n {4}Type: [^\n]+\n)/, '$1    Metadata: { aws:cdk:path: Orders/WebLb/Resource }\n').replace(/(\n {2}AdminLb2?:\n {4}Type: [^\n]+\n)/, '$1    Metadata: { aws:cdk:path: Orders/AdminLb/Resource }\n');
      const narrowed = samePorts(withPaths(text('head'))).replace('10.0.0.0/8', '10.0.0.0/9').replace('192.168.0.0/16', '192.168.0.0/17');
      assert.equal((narrowed.match(/aws:cdk:path/g) ?? []).length, 2);
      const diff = diffPostures(side(samePorts(withPaths(text('base')))), side(narrowed));
      assert.deepEqual([diff.verdict, diff.reasons], ['narrowing', ['orders-api loses 2 ingress rules']]);
    });

    it('one of them renamed: no change', () => {
      const one = text('base').replaceAll('AdminSg', 'AdminSg2').replaceAll('AdminLb', 'AdminLb2');
      assert.equal(diffPostures(side(text('base')), side(one)).verdict, 'none');
      assert.equal(diffPostures(side(samePorts(text('base'))), side(samePorts(one))).verdict, 'none');
    });
  });

  describe('a second way in from the internet (the service was reachable from it before too)', () => {
    const text = (side: string): string => readFileSync(join(ROOT, DIFF_FIXTURES, 'second-lb-opened', side, 'template.yaml'), 'utf8');
    const side = (t: string): DiffSide => ({ ...scan([{ path: 'template.yaml', text: t }], analysisDeps(), defaultConfig()), root: '.' });
    const renamed = (t: string): string =>
      t.replaceAll('AlbSecurityGroup', 'AdminLbSecurityGroup').replace(/^ {2}LoadBalancer:/m, '  AdminLb:').replace('LoadBalancerArn: !Ref LoadBalancer', 'LoadBalancerArn: !Ref AdminLb');

    it('a load balancer in front of the service opened to the world is broadening, though the exposure flag stays yes', () => {
      const diff = diffScenario('second-lb-opened');
      assert.equal(diff.verdict, 'broadening');
      const s = only(diff.services, 'orders-api');
      assert.deepEqual([s.exposure.before?.internetIngress, s.exposure.after?.internetIngress], [true, true]);
      assert.deepEqual(diff.reasons, ['orders-api gains 1 ingress rule', 'orders-api has a new way in from the internet: load balancer LoadBalancer']);
      const comment = renderComment(diff);
      assert.match(comment, /reachable from the internet yes \(\*\*now through load balancer `LoadBalancer`\*\*\)/);
      assert.match(comment, /\| \+1 −1 \(a new way in from the internet\) \|/);
      assert.match(comment, /class in0 changed/);
      assert.match(renderDiffText(diff, { color: false }), /\+ way in {3}from the internet through load balancer LoadBalancer/);
    });

    it('closed again, it is a way in fewer: narrowing', () => {
      const diff = diffPostures(side(text('head')), side(text('base')));
      assert.equal(diff.verdict, 'narrowing');
      assert.deepEqual(diff.reasons, ['orders-api loses 1 ingress rule', 'orders-api has fewer ways in from the internet: no longer load balancer LoadBalancer']);
      assert.match(renderComment(diff), /no longer through load balancer `LoadBalancer`/);
    });

    it('renamed with its group and opened is a new way in too; renamed alone is no change', () => {
      assert.equal(diffPostures(side(text('base')), side(renamed(text('base')))).verdict, 'none');
      assert.deepEqual(diffPostures(side(text('base')), side(renamed(text('head')))).reasons, ['orders-api gains 1 ingress rule', 'orders-api has a new way in from the internet: load balancer AdminLb']);
    });

    it('one load balancer renamed while another is renamed and opened: one new way in, of the two that arrived', () => {
      const both = (t: string): string => renamed(t).replace(/^ {2}PublicLb:/m, '  WebLb:').replace('LoadBalancerArn: !Ref PublicLb', 'LoadBalancerArn: !Ref WebLb');
      const diff = diffPostures(side(text('base')), side(both(text('head'))));
      assert.equal(diff.verdict, 'broadening');
      assert.deepEqual(diff.reasons, ['orders-api gains 1 ingress rule', 'orders-api has a new way in from the internet: one of load balancer AdminLb, load balancer WebLb']);
      assert.match(renderComment(diff), /\*\*now through one of load balancer `AdminLb`, load balancer `WebLb`\*\*/);
      assert.match(renderDiffText(diff, { color: false }), /\+ way in {3}from the internet through one of load balancer AdminLb, load balancer WebLb\n/);
      assert.equal(diffPostures(side(text('base')), side(both(text('base')))).verdict, 'none');
    });

    it('the flowchart draws the internet in front of both load balancers on head', () => {
      const lines = renderComment(diffScenario('second-lb-opened')).split('\n');
      assert.ok(lines.includes('  net --> in0') && lines.includes('  net --> in1'));
    });
  });

  it('a task role and a task group renamed with every reference keep their findings (unchanged, not new and resolved)', () => {
    const diff = diffScenario('renamed-role-and-group');
    assert.equal(diff.verdict, 'none');
    assert.deepEqual(diff.findings.new, []);
    assert.deepEqual(diff.findings.resolved, []);
    assert.ok(diff.findings.unchanged.some((f) => f.ruleId === 'FW103' && f.resource === 'OrdersTaskRole'), 'FW103 stays, named as head names it');
  });

  it('a task definition two services run losing its execution role stops both: each is broadening with the FW107 that names no service', () => {
    const diff = diffScenario('shared-taskdef-startup');
    assert.equal(diff.verdict, 'broadening');
    for (const s of diff.services) {
      assert.equal(s.verdict, 'broadening', s.key);
      assert.deepEqual(s.findings.new.map((f) => [f.ruleId, f.service]), [['FW107', undefined]], s.key);
      assert.ok(s.reasons.some((r) => r.effect === 'broader' && r.text.includes('can no longer start its tasks')), s.key);
    }
    assert.match(renderComment(diff), /> Tasks of `orders-api` will fail to start/);
  });

  it('a secret the shared execution role of a task definition two services run cannot read stops both, though the finding is on the role', () => {
    const diff = diffScenario('shared-taskdef-role');
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(diff.services.map((s) => [s.key, s.verdict]), [['orders-api', 'broadening'], ['orders-worker', 'broadening']]);
    for (const s of diff.services) assert.deepEqual(s.findings.new.map((f) => [f.ruleId, f.resource, f.service]), [['FW107', 'ExecutionRole', undefined]], s.key);
  });

  it('an endpoint’s default full-access policy written out is no change', () => {
    const diff = diffScenario('endpoint-default-written');
    assert.equal(diff.verdict, 'none');
    assert.deepEqual(diff.services.map((s) => [s.key, s.status]), [['billing-worker', 'unchanged']]);
  });
});

describe('diffPostures does not call a finding resolved when head only stopped deciding it', () => {
  const ruleIds = (fs: readonly { ruleId: string }[]): string[] => fs.map((f) => f.ruleId);

  it('a Resource imported from another stack leaves FW103 undecided, not resolved', () => {
    const diff = diffScenario('undecided-import');
    assert.deepEqual(ruleIds(diff.findings.resolved), []);
    assert.deepEqual(ruleIds(diff.findings.undecided), ['FW103']);
    assert.deepEqual(ruleIds(diff.findings.new), []);
    const s = only(diff.services, 'orders-api');
    assert.deepEqual(ruleIds(s.findings.undecided), ['FW103']);
    assert.deepEqual(s.findings.resolved, []);
    assert.equal(s.findings.undecided[0]!.file, `${DIFF_FIXTURES}/undecided-import/base/template.yaml`, 'shown where base reported it');
  });

  it('a grant moved to a customer managed policy the files lack leaves FW103 undecided', () => {
    const diff = diffScenario('undecided-managed');
    assert.deepEqual(ruleIds(diff.findings.undecided), ['FW103']);
    assert.deepEqual(diff.findings.resolved, []);
  });

  it('a world-open standalone rule that now admits an imported prefix list leaves FW202 undecided', () => {
    const diff = diffScenario('undecided-peer');
    assert.deepEqual(ruleIds(diff.findings.undecided), ['FW202']);
    assert.deepEqual(diff.findings.resolved, []);
  });

  it('a route table imported from another stack leaves the service’s FW301 findings undecided (the unknown is in another resource)', () => {
    const diff = diffScenario('undecided-route');
    assert.deepEqual(ruleIds(diff.findings.undecided), ['FW301', 'FW301', 'FW301', 'FW301', 'FW301']);
    assert.deepEqual(diff.findings.resolved, []);
    assert.equal(only(diff.services, 'orders-api').needs.uncertain.length, 5);
  });

  it('an image that becomes a parameter without a default leaves its findings and needs undecided, not resolved or gone', () => {
    // Base: the tasks pull a private ECR image and ship awslogs through a route table with no way out (FW301s).
    const text = readFileSync(join(ROOT, DIFF_FIXTURES, 'undecided-route/base/template.yaml'), 'utf8');
    const image = 'Image: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders-api:1.0.0';
    assert.ok(text.includes(image));
    const side = (t: string): DiffSide => ({ ...scan([{ path: 'orders.yaml', text: t }], analysisDeps(), defaultConfig()), root: '.' });
    const base = side(text);
    const diff = diffPostures(base, side(text.replace(image, 'Image: !Ref ImageUri').replace('Resources:', 'Parameters:\n  ImageUri: {Type: String}\nResources:')));
    const ecr = ['ecr.api', 'ecr.dkr', 's3'];
    const baseEcr = base.findings.filter((f) => f.ruleId === 'FW301' && ecr.some((svc) => f.message.includes(svc)));
    assert.ok(baseEcr.length > 0, 'base reports the image pull as unreachable');
    assert.deepEqual(diff.findings.resolved, [], 'the image pull was not fixed (those findings read as resolved)');
    assert.ok(baseEcr.every((f) => diff.findings.undecided.some((u) => u.message === f.message)));
    const s = only(diff.services, 'orders-api');
    assert.deepEqual(s.needs.uncertain.map((n) => n.service).sort(), ecr, 'the image needs did not just vanish');
    assert.equal(diff.verdict, 'mixed');
  });

  it('a value of the task definition that needs do not depend on (an environment variable) leaves a real fix resolved', () => {
    const text = readFileSync(join(ROOT, DIFF_FIXTURES, 'undecided-route/base/template.yaml'), 'utf8');
    const side = (t: string): DiffSide => ({ ...scan([{ path: 'orders.yaml', text: t }], analysisDeps(), defaultConfig()), root: '.' });
    const route = '  PrivateRouteTable:\n    Type: AWS::EC2::RouteTable\n    Properties:\n      VpcId: !Ref Vpc\n';
    assert.ok(text.includes(route) && text.includes('NatGateway:'));
    const nat = text.replace(route, `${route}  PrivateDefaultRoute:\n    Type: AWS::EC2::Route\n    Properties:\n      RouteTableId: !Ref PrivateRouteTable\n      DestinationCidrBlock: 0.0.0.0/0\n      NatGatewayId: !Ref NatGateway\n`);
    const withEnv = nat
      .replace('          PortMappings:\n', '          Environment: [{Name: STAGE, Value: !Ref Stage}]\n          PortMappings:\n')
      .replace('Resources:', 'Parameters:\n  Stage: {Type: String}\nResources:');
    assert.ok(withEnv.includes('Value: !Ref Stage'));
    const fixed = diffPostures(side(text), side(nat));
    const both = diffPostures(side(text), side(withEnv));
    assert.ok(fixed.findings.resolved.length > 0);
    assert.deepEqual(both.findings.resolved.map((f) => f.message), fixed.findings.resolved.map((f) => f.message), 'the NAT route fixed them (they read as undecided)');
    assert.deepEqual(both.findings.undecided, []);
    assert.deepEqual(only(both.services, 'orders-api').needs.uncertain, []);
  });

  it('a finding fixed beside an unknown that base had too is resolved', () => {
    const diff = diffScenario('resolved-beside-unknown');
    assert.deepEqual(ruleIds(diff.findings.resolved), ['FW103']);
    assert.deepEqual(diff.findings.undecided, []);
  });

  it('a finding fixed outright is resolved', () => {
    const diff = diffScenario('iam-narrowed');
    assert.deepEqual(ruleIds(diff.findings.resolved), ['FW103']);
    assert.deepEqual(diff.findings.undecided, []);
  });
});

describe('diffPostures tells a reviewer what changed, not how it was written', () => {
  it('scoping a grant from "*" to one table and adding a Condition only narrows: the added grants were already allowed', () => {
    const diff = diffScenario('iam-narrowed');
    const s = only(diff.services, 'orders-api');
    assert.equal(s.permissions.added.length, 2, 'the scoped grants are listed');
    assert.ok(s.permissions.added.every((p) => p.covered === true), 'each saying base allowed it already');
    assert.equal(s.permissions.removed.length, 2);
    assert.ok(s.permissions.removed.every((p) => p.covered === undefined), 'the removed grants are lost');
    assert.equal(diff.verdict, 'narrowing');
    assert.deepEqual(diff.reasons, ['orders-api loses 2 permissions']);
  });

  it('a world-open rule removed from tasks with a public IP in subnets from a parameter narrows: reachable from the internet went from unknown to no', () => {
    const template = (ingress: string): string => `Parameters:
  Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' }
  VpcId: { Type: AWS::EC2::VPC::Id }
Resources:
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      ContainerDefinitions: [{ Name: app, Image: nginx }]
  ServiceSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: tasks${ingress}
      VpcId: !Ref VpcId
  Service:
    Type: AWS::ECS::Service
    Properties:
      ServiceName: web
      LaunchType: FARGATE
      TaskDefinition: !Ref TaskDef
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: ENABLED
          Subnets: !Ref Subnets
          SecurityGroups: [!Ref ServiceSg]
`;
    const side = (ingress: string): DiffSide => ({ ...scan([{ path: 'service.yaml', text: template(ingress) }], analysisDeps(), defaultConfig()) });
    const open = '\n      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0 }]';
    const diff = diffPostures(side(open), side(''));
    const s = only(diff.services, 'web');
    assert.deepEqual([s.exposure.before?.internetIngress, s.exposure.after?.internetIngress], ['unknown', false]);
    assert.deepEqual(s.reasons.map((r) => [r.effect, r.text]), [['narrower', 'loses 1 ingress rule'], ['narrower', 'reachability from the internet: unknown → no']]);
    assert.equal(diff.verdict, 'narrowing');
    assert.equal(diffPostures(side(''), side(open)).verdict, 'broadening', 'and the rule added back broadens');
  });

  it('trust statements swapped, so a finding lists the same principals in another order, is no new finding', () => {
    // The role has two FW109 findings; pairing them told siblings apart by words, and the full stop
    // after the last principal made `ecs.amazonaws.com.` and `ecs.amazonaws.com` two words.
    const diff = diffScenario('trust-statements-reordered');
    assert.deepEqual(diff.findings.new, []);
    assert.deepEqual(diff.findings.resolved, []);
    assert.equal(diff.findings.unchanged.length, 2);
    assert.equal(diff.verdict, 'none');
  });

  it('a table, its indexes, a queue and a log group named by `!GetAtt X.Arn` on base and written out with Fn::Sub/Fn::Join on head are no change', () => {
    const diff = diffScenario('arn-spelling');
    const s = only(diff.services, 'orders-api');
    assert.equal(s.status, 'unchanged');
    assert.deepEqual(s.permissions, { added: [], removed: [] });
    assert.equal(diff.verdict, 'none');
    assert.deepEqual(diff.reasons, []);
    assert.deepEqual(diff.findings.new, []);
    assert.deepEqual(diff.findings.resolved, []);
  });

  it('a wildcard ARN pattern on base covers `${Table.Arn}` on head: scoping to the table only narrows', () => {
    const diff = diffScenario('arn-pattern');
    const s = only(diff.services, 'orders-api');
    assert.deepEqual(
      s.permissions.added.map((p) => [p.action, p.resource]),
      [
        ['dynamodb:GetItem', '${OrdersTable.Arn}'],
        ['dynamodb:PutItem', '${OrdersTable.Arn}'],
        ['dynamodb:Query', '${OrdersTable.Arn}'],
        ['dynamodb:Query', '${OrdersTable.Arn}/index/*'],
      ],
      'listed as written; on an index only Query applies (GetItem and PutItem act on the table)',
    );
    assert.deepEqual(
      s.permissions.removed.map((p) => [p.action, p.resource]),
      ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'].map((a) => [a, 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*']),
      'the bucket\'s objects, `${AssetsBucket.Arn}/*` on head, are the same grant',
    );
    assert.equal(diff.verdict, 'narrowing');
    assert.deepEqual(diff.reasons, ['orders-api loses 3 permissions']);
  });

  it('in a CDK stack pinned to an account and region, `${Table.Arn}` and the ARN written out with them are one grant, across a logical-ID re-hash', () => {
    const diff = diffScenario('arn-spelling-cdk-env');
    const s = only(diff.services, 'OrdersStack/Service/Service');
    assert.equal(s.resource, 'Service8D735DD6', 'the head logical ID: the IDs were re-hashed');
    assert.deepEqual(s.permissions, { added: [], removed: [] });
    assert.equal(diff.verdict, 'none');
  });

  it('pinning a stack to an account and region does not change how `${Table.Arn}` compares', () => {
    const side = (path: string) => ({ ...scanPath(path), root: path });
    // Base: the stack without an environment (no manifest), the grant by GetAtt; head: pinned, the ARN written out.
    const diff = diffPostures(side(`${DIFF_FIXTURES}/cdk-hash/base`), side(`${DIFF_FIXTURES}/arn-spelling-cdk-env/head`));
    assert.deepEqual(only(diff.services, 'OrdersStack/Service/Service').permissions, { added: [], removed: [] });
    assert.equal(diff.verdict, 'none');
  });

  it('a stack pinned to an account and region reads `Ref AWS::Region` as that region: the literal CDK writes there instead is the same grant', () => {
    const side = (path: string) => ({ ...scanPath(path), root: path });
    const diff = diffPostures(side(`${DIFF_FIXTURES}/cdk-env-pinned/pinned-refs`), side(`${DIFF_FIXTURES}/cdk-env-pinned/head`));
    assert.deepEqual(only(diff.services, 'OrdersStack/Service/Service').permissions, { added: [], removed: [] });
    assert.equal(diff.verdict, 'none');
  });

  it('an agnostic synth and a pinned one of the same ARNs (inside names too, as CDK names its asset repository) are the same grants, either way', () => {
    const diff = diffScenario('cdk-env-pinned');
    assert.deepEqual(only(diff.services, 'OrdersStack/Service/Service').permissions, { added: [], removed: [] });
    assert.equal(diff.verdict, 'none');
    const side = (path: string) => ({ ...scanPath(path), root: path });
    const back = diffPostures(side(`${DIFF_FIXTURES}/cdk-env-pinned/head`), side(`${DIFF_FIXTURES}/cdk-env-pinned/base`));
    assert.equal(back.verdict, 'none');
  });

  it('the same Condition written as a list or a scalar, reordered, quoted or not, in another key case is no change', () => {
    const diff = diffScenario('condition-forms');
    assert.equal(diff.verdict, 'none');
    assert.deepEqual(only(diff.services, 'orders-api').permissions, { added: [], removed: [] });
  });

  it('a task role from outside the files is undecided, not a role without permissions (nor a loss of what the role in the files granted)', () => {
    const diff = diffScenario('external-role');
    const s = only(diff.services, 'orders-api');
    assert.equal(diff.verdict, 'mixed');
    assert.equal(s.permissions.removed.length, 2, 'what the role in the files granted is listed as no longer seen');
    assert.deepEqual(
      s.reasons.map((r) => [r.effect, r.text]),
      [['neutral', 'permissions depend on what the files do not decide: its task role cannot be resolved (Fn::ImportValue shared-OrdersTaskRoleArn)']],
    );
  });

  it('turning on ECS Exec is broadening', () => {
    const diff = diffScenario('ecs-exec');
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(diff.reasons, ['orders-api now allows ECS Exec (a shell into its running tasks)']);
    assert.equal(only(diff.services, 'orders-api').status, 'changed');
  });

  it('an endpoint renamed together with dropping its restrictive policy lets more through: broadening', () => {
    const diff = diffScenario('endpoint-renamed');
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(diff.reasons, ['api endpoint policies allow 1 more statement action']);
  });

  it('an endpoint group tightened from the VPC CIDR to the task group is narrowing: the CIDR admitted the tasks already', () => {
    const diff = diffScenario('endpoint-sg-tightened');
    assert.equal(diff.verdict, 'narrowing');
    assert.deepEqual(diff.reasons, ['orders-api endpoint security groups lose 1 rule']);
  });

  it('an endpoint renamed while a Deny is dropped from its policy lets more through', () => {
    const diff = diffScenario('endpoint-renamed-deny');
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(diff.reasons, ['billing-worker endpoint policies allow 1 more statement action']);
  });

  it('one customer managed policy swapped for another is undecided, not no change', () => {
    const diff = diffScenario('managed-policy-swapped');
    assert.equal(diff.verdict, 'mixed');
    assert.match(diff.reasons[0]!, /billing-tier3 is not defined in the scanned files/);
  });

  it('an object that a NotResource with an unknown value may have excluded is a gain', () => {
    const diff = diffScenario('notresource-unknown');
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(diff.reasons, ['orders-api gains 1 permission']);
  });

  it('a finding fixed in one stack and introduced in another whose service has the same name is one resolved and one new', () => {
    const diff = diffScenario('same-name-finding-moved');
    assert.deepEqual([diff.findings.new.length, diff.findings.resolved.length], [1, 1]);
    assert.ok(diff.findings.new[0]!.file.endsWith('head/staging.yaml'));
    assert.ok(diff.findings.resolved[0]!.file.endsWith('base/prod.yaml'));
  });

  it('two services the files cannot tell apart by name, cluster or file are told apart by logical ID', () => {
    const diff = diffScenario('unknown-clusters');
    assert.equal(diff.verdict, 'broadening');
    const green = diff.services.find((s) => s.key.endsWith('#GreenService'));
    assert.ok(green);
    assert.equal(green.status, 'changed');
    assert.deepEqual(diff.reasons, [`${green.key} gains 1 ingress rule`]);
    // The finding names Green alone (its key is qualified as the services' are): Blue does not show it.
    assert.deepEqual(green.findings.new.map((f) => [f.ruleId, f.service]), [['FW202', green.key]]);
    const blue = diff.services.find((s) => s.key.endsWith('#BlueService'));
    assert.deepEqual([blue?.status, blue?.findings.new], ['unchanged', []]);
  });

  it('a secret the execution role cannot read stops the tasks from starting: broadening, not no change', () => {
    const diff = diffScenario('secret-unreadable');
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(diff.reasons, ['api can no longer start its tasks: its execution role cannot do what starting them needs (FW107)']);
  });

  it('an execution role losing the ECR token call stops every Fargate service that pulls a private image: broadening, not narrowing', () => {
    const diff = diffScenario('execution-policy-removed');
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(diff.reasons, [
      'api can no longer start its tasks: its execution role cannot do what starting them needs (FW107)',
      'worker can no longer start its tasks: its execution role cannot do what starting them needs (FW107)',
      'api loses 6 permissions of its execution role',
      'worker loses 6 permissions of its execution role',
    ]);
    for (const key of ['api', 'worker']) {
      const s = only(diff.services, key);
      assert.deepEqual(s.findings.new.map((f) => [f.ruleId, f.resource, f.service]), [['FW107', 'ExecRole', key]]);
      assert.match(s.findings.new[0]!.message, /not allowed ecr:GetAuthorizationToken, which/);
    }
  });

  it('renaming the task group is no gain, and egress narrowed from all traffic to HTTPS is narrowing', () => {
    const diff = diffScenario('sg-narrowed');
    const s = only(diff.services, 'orders-api');
    // The group is recognised by what it is attached to: only the rule that changed is listed, each as its side names it.
    assert.deepEqual(s.securityGroupRules.added.map((r) => [r.group, r.direction, r.ports]), [['OrdersTaskSecurityGroup', 'egress', '443']]);
    assert.deepEqual(s.securityGroupRules.removed.map((r) => [r.group, r.direction, r.ports]), [['TaskSecurityGroup', 'egress', 'all']]);
    assert.equal(diff.verdict, 'narrowing');
    assert.deepEqual(diff.reasons, ['orders-api loses 1 egress rule']);
  });

  it('a wildcard is not covered by a single-character pattern: `a?` → `a*` gains', () => {
    const diff = diffScenario('iam-glob-widened');
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(diff.reasons, ['orders-api gains 1 permission']);
  });

  it('a NotResource list in another order is no change', () => {
    const diff = diffScenario('notresource-order');
    assert.equal(diff.verdict, 'none');
    assert.deepEqual(only(diff.services, 'orders-api').permissions, { added: [], removed: [] });
  });

  it('a peer the files do not decide covers nothing: a rule from a second unknown CIDR gains', () => {
    const diff = diffScenario('sg-unknown-peer');
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(diff.reasons, ['orders-api gains 1 ingress rule']);
  });

  it('a second stack with a service of the same name is added; the first one stays unchanged, with its own findings', () => {
    const diff = diffScenario('same-name-stacks');
    assert.deepEqual(diff.services.map((s) => [s.key, s.status]), [
      ['api (cluster Cluster), prod.yaml', 'unchanged'],
      ['api (cluster Cluster), staging.yaml', 'added'],
    ]);
    assert.deepEqual(diff.reasons, ['api (cluster Cluster), staging.yaml is new']);
    const added = diff.services[1]!;
    assert.ok(added.findings.new.length > 0);
    assert.ok(added.findings.new.every((f) => f.file.endsWith('head/staging.yaml')), 'only the new stack\'s findings');
    assert.deepEqual(diff.services[0]!.findings.new, []);
  });

  it('a finding resolved in one of two stacks whose services share a name goes to that stack\'s service only', () => {
    const diff = diffScenario('same-name-flow-logs');
    assert.deepEqual(diff.services.map((s) => [s.key, s.status, s.findings.resolved.map((f) => f.ruleId)]), [
      ['api (cluster prod)', 'unchanged', []],
      ['api (cluster staging)', 'changed', ['FW209']],
    ]);
  });

  it('a finding on a role two same-named services in different files share goes to the one whose task definition changed: only it is broadening', () => {
    const diff = diffScenario('same-name-shared-execution-role');
    const internal = 'web (cluster Cluster), services/web-internal.yaml';
    const canary = 'web (cluster Cluster), services/web-canary.yaml';
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(diff.services.map((s) => [s.key, s.status, s.verdict, s.findings.new.map((f) => [f.ruleId, f.service])]), [
      [canary, 'unchanged', 'none', []],
      [internal, 'changed', 'broadening', [['FW107', internal]]],
    ]);
    assert.deepEqual(diff.reasons, [`${internal} can no longer start its tasks: its execution role cannot do what starting them needs (FW107)`]);
    // The diff's findings name the service as its services do, below the tree's root.
    assert.deepEqual(diff.findings.new.map((f) => [f.ruleId, f.resource, f.service]), [['FW107', 'ExecutionRole', internal]]);
    // Its message too, where the scan named it with the side's own path to the file.
    assert.ok(diff.findings.new[0]!.message.includes(`tasks of service ${internal} fail`), diff.findings.new[0]!.message);
    assert.ok(!diff.findings.new[0]!.message.includes('/head/'), diff.findings.new[0]!.message);
    assert.doesNotMatch(renderComment(diff), /Tasks of `web \(cluster Cluster\), services\/web-canary\.yaml` will fail to start/);
    assert.match(renderComment(diff), /Tasks of `web \(cluster Cluster\), services\/web-internal\.yaml` will fail to start/);
  });

  it('findings a report joins by key name their service as the diff does, in the joined message too', () => {
    const fixture = readFileSync(join(ROOT, 'test/fixtures/cfn/mappings-by-env.yaml'), 'utf8');
    const closed = fixture.replace('dev: { IngressCidr: 0.0.0.0/0', 'dev: { IngressCidr: 10.9.0.0/16');
    const open = fixture.replace('AllowedValues: [dev, staging, prod]', 'AllowedValues: [dev, staging, prod, sandbox]');
    // Two stacks with a service `app` each: the scan names them by the side's own path to their files.
    const side = (root: string, a: string): DiffSide => ({ ...scan([{ path: `${root}/a.yaml`, text: a }, { path: `${root}/b.yaml`, text: closed }], analysisDeps(), defaultConfig()), root });
    const diff = diffPostures(side('base', closed), side('head', open));
    const key = 'app (cluster default cluster), a.yaml';
    assert.deepEqual(diff.findings.new.map((f) => [f.ruleId, f.service]), [['FW202', key], ['FW202', key]]);
    const text = renderDiffText(diff, { color: false }).replace(/\n {21}/g, ' ');
    assert.match(text, /NEW {7}HIGH {5}FW202 ×2 {2}TaskSg {2}head\/a\.yaml:69 Security group TaskSg of service app \(cluster default cluster\), a\.yaml admits TCP 8080 from 0\.0\.0\.0\/0 \(anywhere\) when Env is dev or sandbox\. /);
    assert.doesNotMatch(text, /head\/a\.yaml admits/);
  });

  describe('files moved or renamed in one change (services of one name told apart by file)', () => {
    const dir = join(ROOT, DIFF_FIXTURES, 'same-name-shared-execution-role', 'base');
    const files = { cluster: 'cluster.yaml', internal: 'services/web-internal.yaml', canary: 'services/web-canary.yaml' };
    const text = (file: string): string => readFileSync(join(dir, file), 'utf8');
    const side = (paths: { cluster: string; internal: string; canary: string }): DiffSide =>
      ({ ...scan(Object.entries(paths).map(([k, path]) => ({ path, text: text(files[k as keyof typeof files]) })), analysisDeps(), defaultConfig()), root: '.' });
    const unchanged = (diff: ReturnType<typeof diffPostures>): void => {
      assert.equal(diff.verdict, 'none', diff.reasons.join('; '));
      assert.ok(diff.services.every((s) => s.status === 'unchanged'), diff.services.map((s) => `${s.key} ${s.status}`).join('; '));
      assert.deepEqual([diff.findings.new.length, diff.findings.resolved.length], [0, 0]);
      assert.deepEqual(diff.unresolved.added, []);
    };

    it('both services’ files and the stack they share moved (git mv into infra/): no change', () => {
      unchanged(diffPostures(side(files), side({ cluster: 'infra/cluster.yaml', internal: 'infra/services/web-internal.yaml', canary: 'infra/services/web-canary.yaml' })));
    });

    it('both services’ files renamed beside each other: each pairs with its closest name', () => {
      unchanged(diffPostures(side(files), side({ ...files, internal: 'services/web.internal.yaml', canary: 'services/web.canary.yaml' })));
    });

    it('a tree whose import two of its templates export moved into a subdirectory: the reasons naming those files are no change', () => {
      const exporter = `Resources:
  ExecRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }] }
Outputs:
  Role:
    Value: !GetAtt ExecRole.Arn
    Export: { Name: shared:ExecRole }
`;
      const service = `Resources:
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      ExecutionRoleArn: !ImportValue shared:ExecRole
      ContainerDefinitions: [{ Name: app, Image: nginx }]
  Service:
    Type: AWS::ECS::Service
    Properties:
      ServiceName: api
      LaunchType: FARGATE
      TaskDefinition: !Ref TaskDef
`;
      // The execution role is undecided on both sides (net/a.yaml and net/b.yaml both export it), and the reason lists them.
      const tree = (prefix: string, a = `${prefix}net/a.yaml`): DiffSide => ({
        // In path order, as a directory walk reads them.
        ...scan([a, `${prefix}net/b.yaml`].sort().map((path) => ({ path, text: exporter })).concat([{ path: `${prefix}svc/service.yaml`, text: service }]), analysisDeps(), defaultConfig()),
        root: '.',
      });
      unchanged(diffPostures(tree(''), tree('infra/')));
      assert.deepEqual(diffPostures(tree(''), tree('infra/')).unresolved.removed, []);
      // One exporter moved, which puts it after the other in the list of files the reason gives.
      unchanged(diffPostures(tree(''), tree('', 'zz/net/a.yaml')));
      assert.deepEqual(diffPostures(tree(''), tree('', 'zz/net/a.yaml')).unresolved.removed, []);
    });

    it('files equally close to two others are not guessed at: removed and added', () => {
      const base = side({ cluster: 'cluster.yaml', internal: 'a/web.yaml', canary: 'b/web.yaml' });
      const diff = diffPostures(base, side({ cluster: 'cluster.yaml', internal: 'c/web.yaml', canary: 'd/web.yaml' }));
      assert.deepEqual(diff.services.map((s) => s.status).sort(), ['added', 'added', 'removed', 'removed']);
    });
  });

  it('the same trees with two services of one name compare equal', () => {
    const side = (dir: string) => ({ ...scanPath(`${DIFF_FIXTURES}/same-name-stacks/${dir}`), root: `${DIFF_FIXTURES}/same-name-stacks/${dir}` });
    const diff = diffPostures(side('head'), side('head'));
    assert.equal(diff.verdict, 'none');
    assert.ok(diff.services.every((s) => s.status === 'unchanged'));
  });

  it('only a file that gave no template counts as unread: an error in a file that was read (a suppression without a reason) does not stop its comparison', () => {
    const dir = `${DIFF_FIXTURES}/head-unreadable`;
    const head = scanPath(`${dir}/head`);
    const read = head.posture.infra.stacks.map((s) => s.file);
    assert.deepEqual(read, [`${dir}/head/billing.yaml`], 'orders.yaml does not parse on head');
    const prepared = prepareSide({ ...head, errors: [...head.errors, { file: read[0]!, line: 3, message: 'suppression of FW203 needs a reason' }], root: `${dir}/head` });
    assert.deepEqual([...prepared.unreadable], ['orders.yaml']);
    // And a service that only head has, in a file base read with an error, is added, not "not compared".
    const base = scanPath(`${dir}/base`);
    const baseFile = `${dir}/base/billing.yaml`;
    const diff = diffPostures(
      { ...base, posture: { ...base.posture, services: base.posture.services.filter((s) => s.key !== 'billing-api') }, errors: [{ file: baseFile, line: 3, message: 'suppression of FW203 needs a reason' }], root: `${dir}/base` },
      { ...head, root: `${dir}/head` },
    );
    assert.equal(only(diff.services, 'billing-api').status, 'added');
  });

  it('a file head cannot read is not compared: its services are neither removed nor narrowed, its findings not resolved', () => {
    const diff = diffScenario('head-unreadable');
    const s = only(diff.services, 'orders-api');
    assert.equal(s.status, 'changed');
    assert.deepEqual(s.reasons.map((r) => [r.effect, r.text]), [['neutral', 'was not compared: orders.yaml could not be read on head']]);
    assert.equal(diff.verdict, 'mixed');
    assert.deepEqual(diff.findings.resolved, []);
    assert.equal(only(diff.services, 'billing-api').status, 'unchanged');
    assert.deepEqual(diff.errors.map((e) => [e.side, e.file]), [['head', `${DIFF_FIXTURES}/head-unreadable/head/orders.yaml`]]);
  });
});

describe('diffPostures: Denies that may take grants away without certainty', () => {
  const template = (deny: string): string => `Resources:
  TaskRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: s3:GetObject, Resource: 'arn:aws:s3:::docs/*'}
${deny === '' ? '' : `              - ${deny}\n`}  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      TaskRoleArn: !GetAtt TaskRole.Arn
      ContainerDefinitions: [{Name: app, Image: public.ecr.aws/docker/library/nginx:1.27}]
  Service:
    Type: AWS::ECS::Service
    Properties:
      ServiceName: app
      LaunchType: FARGATE
      TaskDefinition: !Ref TaskDef
      NetworkConfiguration: {AwsvpcConfiguration: {Subnets: [subnet-1], AssignPublicIp: DISABLED}}
`;
  const side = (deny: string): DiffSide => ({ ...scan([{ path: 't.yaml', text: template(deny) }], analysisDeps(), defaultConfig()), root: '.' });
  const vpce = (ids: string): string => `{Effect: Deny, Action: 's3:*', Resource: '*', Condition: {StringNotEquals: {'aws:SourceVpce': [${ids}]}}}`;
  const partial = "{Effect: Deny, Action: s3:GetObject, Resource: 'arn:aws:s3:::docs/private/*'}";

  it('a Deny under a Condition removed gives back what it may have taken: broadening', () => {
    const diff = diffPostures(side(vpce('vpce-1')), side(''));
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(diff.reasons, ['app may gain permissions: a Deny no longer limits 1 permission (or limits them in fewer cases)']);
    assert.equal(diffPostures(side(''), side(vpce('vpce-1'))).verdict, 'narrowing', 'added, it narrows, as before');
  });

  it('a Deny on part of the resources removed: broadening', () => {
    assert.equal(diffPostures(side(partial), side('')).verdict, 'broadening');
    assert.equal(diffPostures(side(''), side(partial)).verdict, 'narrowing');
  });

  it('its Condition applying in fewer cases (one more endpoint excepted) is broadening, in more cases narrowing, the same none', () => {
    assert.equal(diffPostures(side(vpce('vpce-1')), side(vpce('vpce-1, vpce-2'))).verdict, 'broadening');
    const tighter = diffPostures(side(vpce('vpce-1, vpce-2')), side(vpce('vpce-1')));
    assert.equal(tighter.verdict, 'narrowing');
    assert.deepEqual(tighter.reasons, ['app may lose permissions: a Deny limits 1 more permission (or limits them in more cases)']);
    assert.equal(diffPostures(side(vpce('vpce-1, vpce-2')), side(vpce('vpce-2, vpce-1'))).verdict, 'none');
  });

  it('the worker’s fingerprints see a Condition change of a Deny alone', () => {
    const [base, head] = [prepareSide(side(vpce('vpce-1'))), prepareSide(side(vpce('vpce-1, vpce-2')))];
    assert.notEqual(viewFingerprints(base).get('app'), viewFingerprints(head).get('app'));
  });
});

describe('diffPostures: a service whose logical ID changed, paired by its ServiceName', () => {
  const text = readFileSync(join(ROOT, DIFF_FIXTURES, 'alb-opened', 'base', 'template.yaml'), 'utf8')
    .replace("AWSTemplateFormatVersion: '2010-09-09'\n", "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Count: {Type: Number}\n")
    .replace('AssignPublicIp: DISABLED', 'AssignPublicIp: ENABLED')
    .replace('      ServiceName: orders-api\n', '      ServiceName: orders-api\n      DesiredCount: !Ref Count\n');
  const side = (t: string): DiffSide => ({ ...scan([{ path: 'template.yaml', text: t }], analysisDeps(), defaultConfig()), root: '.' });

  it('keeps its findings (FW201 on the service resource) and its undecided values: no change', () => {
    const renamed = text.replace(/^ {2}Service:$/m, '  WebService:');
    assert.notEqual(renamed, text);
    const base = side(text);
    assert.ok(base.findings.some((f) => f.ruleId === 'FW201' && f.resource === 'Service'), 'the fixture has a finding on the service');
    const diff = diffPostures(base, side(renamed));
    assert.equal(diff.verdict, 'none');
    assert.deepEqual([diff.findings.new.length, diff.findings.resolved.length], [0, 0]);
    assert.deepEqual([diff.unresolved.added.length, diff.unresolved.removed.length], [0, 0]);
  });
});

describe('diffPostures: a task role chosen by an undecided Fn::If, one outcome from outside the files', () => {
  it('is not a loss of what the role in the files granted', () => {
    const text = readFileSync(join(ROOT, DIFF_FIXTURES, 'edited-statement', 'base', 'template.yaml'), 'utf8');
    const chosen = text
      .replace("AWSTemplateFormatVersion: '2010-09-09'\n", "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Env: {Type: String}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n")
      .replace(/TaskRoleArn: .*$/m, 'TaskRoleArn: !If [IsProd, !ImportValue shared-task-role, !GetAtt ApiTaskRole.Arn]');
    assert.match(chosen, /!If \[IsProd, !ImportValue/);
    const side = (t: string): DiffSide => ({ ...scan([{ path: 'template.yaml', text: t }], analysisDeps(), defaultConfig()), root: '.' });
    const s = only(diffPostures(side(text), side(chosen)).services, 'orders-api');
    assert.deepEqual(s.reasons.filter((r) => r.effect === 'narrower'), []);
  });
});

describe('diffPostures: a finding whose severity went up', () => {
  it('is new, marked as escalated, and base\'s is not resolved (comment and text say so)', () => {
    const text = readFileSync(join(ROOT, DIFF_FIXTURES, 'edited-statement', 'base', 'template.yaml'), 'utf8');
    const policy = (actions: string): string => text.replace('Resource: !GetAtt OrdersTable.Arn', "Resource: '*'").replace(/Action:\n(\s+- dynamodb:\w+\n)+/, `Action: [${actions}]\n`);
    const side = (t: string): DiffSide => ({ ...scan([{ path: 'template.yaml', text: t }], analysisDeps(), defaultConfig()), root: '.' });
    const [read, write] = [policy('dynamodb:GetItem'), policy('dynamodb:GetItem, dynamodb:PutItem')];
    assert.notEqual(read, text);
    const diff = diffPostures(side(read), side(write));
    const fw103 = diff.findings.new.filter((f) => f.ruleId === 'FW103');
    assert.deepEqual(fw103.map((f) => [f.severity, f.escalatedFrom]), [['high', 'medium']]);
    assert.deepEqual(diff.findings.resolved.filter((f) => f.ruleId === 'FW103'), []);
    assert.match(renderComment(diff), /\*\*high\*\* \(escalated from medium\) \[FW103\]/);
    assert.match(renderDiffText(diff, { color: false }), /NEW {7}HIGH {5}FW103 .*\(escalated from medium\)/);
  });
});

describe('diffPostures: a file only one side could read, under another name', () => {
  const dir = `${DIFF_FIXTURES}/head-unreadable`;
  const text = (side: string, file: string): string => readFileSync(join(ROOT, dir, side, file), 'utf8');
  const side = (files: [string, string][]): DiffSide => ({ ...scan(files.map(([path, t]) => ({ path, text: t })), analysisDeps(), defaultConfig()), root: '.' });
  const base = (): DiffSide => side([['orders.yaml', text('base', 'orders.yaml')], ['billing.yaml', text('base', 'billing.yaml')]]);

  it('a template renamed and broken on head: its services are not compared, not removed (narrowing)', () => {
    const diff = diffPostures(base(), side([['orders-v2.yaml', text('head', 'orders.yaml')], ['billing.yaml', text('head', 'billing.yaml')]]));
    const s = only(diff.services, 'orders-api');
    assert.equal(s.status, 'changed');
    assert.deepEqual(s.reasons.map((r) => [r.effect, r.text]), [['neutral', 'was not compared: orders.yaml is not on head, and head could not read orders-v2.yaml']]);
    assert.equal(diff.verdict, 'mixed');
    assert.deepEqual(diff.findings.resolved, []);
  });

  it('a service only head has stays new though base could not read a file of another name: it may be', () => {
    const diff = diffPostures(side([['orders-v0.yaml', text('head', 'orders.yaml')], ['billing.yaml', text('base', 'billing.yaml')]]), base());
    assert.equal(only(diff.services, 'orders-api').status, 'added');
    assert.equal(diff.verdict, 'broadening');
  });

  it('a service whose file head still reads but no longer declares it is removed, broken files elsewhere or not', () => {
    const withoutOrders = text('base', 'orders.yaml').replace(/^ {2}Service:[\s\S]*$/m, '');
    assert.notEqual(withoutOrders, text('base', 'orders.yaml'));
    const diff = diffPostures(base(), side([['orders.yaml', withoutOrders], ['billing.yaml', text('base', 'billing.yaml')], ['new.yaml', text('head', 'orders.yaml')]]));
    assert.equal(only(diff.services, 'orders-api').status, 'removed');
  });

  it('a new file head cannot read: no change found elsewhere is mixed, not none, and says why', () => {
    const diff = diffPostures(base(), side([['orders.yaml', text('base', 'orders.yaml')], ['billing.yaml', text('base', 'billing.yaml')], ['new.yaml', text('head', 'orders.yaml')]]));
    assert.ok(diff.services.every((s) => s.status === 'unchanged'));
    assert.equal(diff.verdict, 'mixed');
    assert.deepEqual(diff.reasons, ['the comparison is incomplete: head could not read new.yaml']);
    assert.equal(diff.incomplete, 'head could not read new.yaml');
    assert.match(renderDiffText(diff, { color: false }), /^The comparison is incomplete: head could not read new\.yaml\.$/m);
    assert.match(renderComment(diff), /The verdict is mixed, not none/);
    // The same file broken on both sides is no news.
    const both = side([['orders.yaml', text('base', 'orders.yaml')], ['billing.yaml', text('base', 'billing.yaml')], ['new.yaml', text('head', 'orders.yaml')]]);
    assert.equal(diffPostures(both, both).verdict, 'none');
  });
});

describe('diffPostures: a service whose own file head could not read', () => {
  const group = `Resources:
  TaskSg:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: tasks, VpcId: vpc-1}
Outputs:
  TaskSg:
    Value: !GetAtt TaskSg.GroupId
    Export: {Name: task-sg}
`;
  const service = `Resources:
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties: {RequiresCompatibilities: [FARGATE], NetworkMode: awsvpc, ContainerDefinitions: [{Name: app, Image: public.ecr.aws/docker/library/nginx:1.27}]}
  Service:
    Type: AWS::ECS::Service
    Properties:
      ServiceName: web
      LaunchType: FARGATE
      TaskDefinition: !Ref TaskDefinition
      NetworkConfiguration: {AwsvpcConfiguration: {Subnets: [subnet-1], SecurityGroups: [!ImportValue task-sg]}}
`;
  const side = (serviceText: string): DiffSide => ({ ...scan([{ path: 'group.yaml', text: group }, { path: 'service.yaml', text: serviceText }], analysisDeps(), defaultConfig()), root: '.' });

  it('does not resolve a finding about it in a file that head read (it listed FW203 as resolved)', () => {
    const base = side(service);
    assert.ok(base.findings.some((f) => f.ruleId === 'FW203' && f.file === 'group.yaml' && f.service === 'web'), 'base reports FW203 on the group for the service');
    const diff = diffPostures(base, side(`${service}  Broken: [\n`));
    assert.deepEqual(diff.findings.resolved, []);
    assert.equal(diff.errors.length, 1);
  });
});

describe('diffPostures: one template per service, each declaring a group of the same name', () => {
  const stack = (name: string, group: string, ingress: string) => `Resources:
  ${group}:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ${name}
      VpcId: vpc-1
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 8080, ToPort: 8080, ${ingress}}]
      SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}]
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties: {RequiresCompatibilities: [FARGATE], NetworkMode: awsvpc, ContainerDefinitions: [{Name: app, Image: public.ecr.aws/docker/library/nginx:1.27}]}
  Service:
    Type: AWS::ECS::Service
    Properties:
      ServiceName: ${name}
      LaunchType: FARGATE
      TaskDefinition: !Ref TaskDefinition
      NetworkConfiguration: {AwsvpcConfiguration: {Subnets: [subnet-1], SecurityGroups: [!Ref ${group}]}}
`;
  const side = (name: string, nameGroup = 'ServiceSecurityGroup', ingress = 'CidrIp: 10.0.0.0/16'): DiffSide =>
    ({ ...scan([{ path: 'hello.yaml', text: stack('hello', 'ServiceSecurityGroup', 'CidrIp: 10.0.0.0/16') }, { path: `${name}.yaml`, text: stack(name, nameGroup, ingress) }], analysisDeps(), defaultConfig()), root: '.' });

  it('names each group with its file, so a change to one is not read as the other\'s', () => {
    const diff = diffPostures(side('name'), side('name', 'ServiceSecurityGroup', 'CidrIp: 0.0.0.0/0'));
    assert.deepEqual(only(diff.services, 'name').securityGroupRules.added.map((r) => [r.group, r.peer]), [['ServiceSecurityGroup (name.yaml)', '0.0.0.0/0']]);
    assert.equal(only(diff.services, 'hello').status, 'unchanged');
  });

  it('renaming one of them is no change, its findings included', () => {
    const diff = diffPostures(side('name'), side('name', 'NameSg'));
    assert.equal(diff.verdict, 'none');
    assert.deepEqual([diff.findings.new, diff.findings.resolved], [[], []]);
  });
});

describe('diffPostures: a rule in a file one side could not read', () => {
  it('is listed but not judged: the service reads mixed, not as losing the rule', () => {
    const diff = diffScenario('rule-file-unreadable');
    const s = only(diff.services, 'web');
    assert.deepEqual(s.securityGroupRules.removed.map((r) => [r.group, r.ports, r.peer]), [['TaskSg', '8080', '10.0.0.0/16']]);
    assert.deepEqual(s.reasons.map((r) => [r.effect, r.text]), [['neutral', 'cannot be compared where one side could not read gateway.yaml']]);
    assert.equal(diff.verdict, 'mixed');
  });

  it('the other way round, a rule head has in a file base could not read is a gain, as its findings are new', () => {
    const side = (name: string) => ({ ...scanPath(`${DIFF_FIXTURES}/rule-file-unreadable/${name}`), root: `${DIFF_FIXTURES}/rule-file-unreadable/${name}` });
    const diff = diffPostures(side('head'), side('base'));
    assert.deepEqual(only(diff.services, 'web').reasons.map((r) => [r.effect, r.text]), [['broader', 'gains 1 ingress rule']]);
  });
});

describe('diffPostures: a security group that comes to exist only under an undecided Condition', () => {
  const template = (condition: string) => `Parameters:
  Env: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  TaskSg:
    Type: AWS::EC2::SecurityGroup${condition}
    Properties:
      GroupDescription: tasks
      VpcId: vpc-1
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 10.0.0.0/16}
      SecurityGroupEgress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      ContainerDefinitions: [{ Name: app, Image: public.ecr.aws/docker/library/nginx:1.27 }]
  Service:
    Type: AWS::ECS::Service
    Properties:
      ServiceName: web
      LaunchType: FARGATE
      TaskDefinition: !Ref TaskDefinition
      NetworkConfiguration:
        AwsvpcConfiguration:
          Subnets: [subnet-1]
          SecurityGroups: [!Ref TaskSg]
`;
  const side = (t: string): DiffSide => ({ ...scan([{ path: 'web.yaml', text: t }], analysisDeps(), defaultConfig()), root: '.' });

  it('marks its inline rules conditional, as a standalone rule under one, so the change reads mixed, not none', () => {
    const head = side(template('\n    Condition: IsProd'));
    assert.ok(head.posture.infra.securityGroups[0]!.rules.every((r) => r.conditional === true));
    const diff = diffPostures(side(template('')), head);
    const s = only(diff.services, 'web');
    assert.deepEqual(s.reasons.map((r) => [r.effect, r.text]), [
      ['neutral', 'TaskSg ingress rule from 10.0.0.0/16 can no longer be decided from the files (it exists only under a Condition they do not decide)'],
      ['neutral', 'TaskSg egress rule to 0.0.0.0/0 can no longer be decided from the files (it exists only under a Condition they do not decide)'],
    ]);
    assert.equal(diff.verdict, 'mixed');
  });
});

describe('diffPostures: a group naming the service\'s group that comes to admit 0.0.0.0/0 instead', () => {
  const byGroup = `Resources:
  AppSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: vpc-1
      SecurityGroupEgress:
        - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, DestinationSecurityGroupId: !Ref DbSg}
  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: vpc-1
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !Ref AppSg}
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      VPCSecurityGroups: [!Ref DbSg]
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      ContainerDefinitions: [{ Name: app, Image: public.ecr.aws/docker/library/nginx:1.27 }]
  Service:
    Type: AWS::ECS::Service
    Properties:
      ServiceName: app
      LaunchType: FARGATE
      TaskDefinition: !Ref TaskDefinition
      NetworkConfiguration:
        AwsvpcConfiguration:
          Subnets: [subnet-1]
          SecurityGroups: [!Ref AppSg]
`;
  const byWorld = byGroup.replace('SourceSecurityGroupId: !Ref AppSg', 'CidrIp: 0.0.0.0/0');
  const side = (t: string): DiffSide => ({ ...scan([{ path: 'app.yaml', text: t }], analysisDeps(), defaultConfig()), root: '.' });

  it('still admits the service: the rule naming it is not lost (it used to read narrowing), and the new finding is listed', () => {
    const diff = diffPostures(side(byGroup), side(byWorld));
    const s = only(diff.services, 'app');
    assert.deepEqual(s.securityGroupRules.removed.map((r) => [r.group, r.peer]), [['DbSg', 'sg:AppSg']], 'the rule is listed');
    assert.deepEqual(s.reasons, []);
    assert.equal(diff.verdict, 'none');
    assert.deepEqual(diff.findings.new.map((f) => f.ruleId), ['FW208']);
  });

  it('the other way round gains the service nothing (it used to read broadening), also with the group renamed', () => {
    const diff = diffPostures(side(byWorld), side(byGroup));
    assert.deepEqual(only(diff.services, 'app').reasons, []);
    assert.equal(diff.verdict, 'none');
    const renamed = diffPostures(side(byWorld.replace(/DbSg\b/g, 'DbSgOld')), side(byGroup));
    assert.deepEqual(only(renamed.services, 'app').reasons, []);
  });

  it('a rule naming the service whose peer becomes an import is undecided, not lost (mixed, not narrowing), and back', () => {
    const imported = byGroup.replace('SourceSecurityGroupId: !Ref AppSg', 'SourceSecurityGroupId: !ImportValue app-sg');
    const diff = diffPostures(side(byGroup), side(imported));
    assert.deepEqual(only(diff.services, 'app').reasons.map((r) => [r.effect, r.text]), [['neutral', 'DbSg ingress rule from sg:AppSg can no longer be decided from the files (its peer)']]);
    assert.equal(diffPostures(side(imported), side(byGroup)).verdict, 'mixed');
  });

  it('a standalone rule whose GroupId becomes an import is undecided, not lost', () => {
    const standalone = (groupId: string) => byGroup.replace(/ {6}SecurityGroupIngress:\n {8}- \{IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !Ref AppSg\}\n/, '') +
      `  DbIngress:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties: {GroupId: ${groupId}, IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !Ref AppSg}\n`;
    const before = side(standalone('!GetAtt DbSg.GroupId'));
    assert.equal(before.posture.infra.securityGroups.find((g) => g.logicalId === 'DbSg')!.rules.length, 2, 'attached: its rule and the implicit egress');
    const diff = diffPostures(before, side(standalone('!ImportValue db-sg')));
    assert.deepEqual(only(diff.services, 'app').reasons.map((r) => [r.effect, r.text]), [['neutral', 'DbSg ingress rule from sg:AppSg (DbIngress) can no longer be decided from the files (the group it applies to)']]);
    assert.equal(diff.verdict, 'mixed');
  });

  it('a group admitting 0.0.0.0/0 that comes to admit another group instead only narrows (it read as gaining a rule)', () => {
    const template = (peer: string) => `Resources:
  WebSg: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: web, VpcId: vpc-1}}
  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: vpc-1
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 5432, ToPort: 5432, ${peer}}]
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties: {RequiresCompatibilities: [FARGATE], NetworkMode: awsvpc, ContainerDefinitions: [{Name: db, Image: public.ecr.aws/docker/library/postgres:16}]}
  DbService:
    Type: AWS::ECS::Service
    Properties:
      ServiceName: db
      LaunchType: FARGATE
      TaskDefinition: !Ref TaskDefinition
      NetworkConfiguration: {AwsvpcConfiguration: {Subnets: [subnet-1], SecurityGroups: [!Ref DbSg]}}
`;
    const diff = diffPostures(side(template('CidrIp: 0.0.0.0/0')), side(template('SourceSecurityGroupId: !Ref WebSg')));
    assert.deepEqual(only(diff.services, 'db').reasons.map((r) => [r.effect, r.text]), [['narrower', 'loses 1 ingress rule']]);
    assert.equal(diff.verdict, 'narrowing');
  });
});

describe('diffPostures: what the files leave undecided about a role', () => {
  /** The role's statements; `extra` adds Mappings, resources before the role, and service properties. */
  const template = (statements: string[], extra: { mappings?: string; resources?: string; service?: string } = {}) => `Parameters:
  Env: {Type: String}
  Stage: {Type: String}
${extra.mappings ?? ''}Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
${extra.resources ?? ''}  TaskRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
${statements.map((st) => `              - ${st}`).join('\n')}
  TaskDef:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      TaskRoleArn: !GetAtt TaskRole.Arn
      ContainerDefinitions: [{Name: app, Image: public.ecr.aws/nginx/nginx:latest}]
  Service:
    Type: AWS::ECS::Service
    Properties:
      ServiceName: api
      LaunchType: FARGATE
      TaskDefinition: !Ref TaskDef
${extra.service ?? ''}`;
  const side = (statements: string[], extra: Parameters<typeof template>[1] = {}): DiffSide =>
    ({ ...scan([{ path: 'stack.yaml', text: template(statements, extra) }], analysisDeps(), defaultConfig()), root: '.' });
  const scoped = '{Effect: Allow, Action: [s3:GetObject, !If [IsProd, s3:DeleteObject, !Ref AWS::NoValue]], Resource: arn:aws:s3:::meta-bucket/*}';

  it('a second unresolved grant like the first is a change (it read as no change while it could grant admin)', () => {
    const imported = '{Effect: Allow, Action: [s3:GetObject, !ImportValue extra-action], Resource: arn:aws:s3:::meta-bucket/*}';
    const diff = diffPostures(side([imported]), side([imported, "{Effect: Allow, Action: [!ImportValue extra-action], Resource: '*'}"]));
    assert.equal(diff.verdict, 'mixed');
    assert.match(only(diff.services, 'api').reasons[0]!.text, /^permissions depend on what the files do not decide: task role: an Action entry in TaskRole inline is unresolved \(Fn::ImportValue extra-action\)/);
  });

  it('an Fn::If on a condition the files do not decide grants what either branch grants, under that outcome', () => {
    const admin = diffPostures(side([scoped]), side([scoped, "{Effect: Allow, Action: [!If [IsProd, '*', !Ref AWS::NoValue]], Resource: '*'}"]));
    assert.equal(admin.verdict, 'broadening', 'admin in production (it read as no change)');
    const gained = only(admin.services, 'api').permissions.added;
    assert.ok(gained.length > 20_000);
    assert.ok(gained.every((p) => p.condition === '{"CloudFormation::Condition":{"IsProd":true}}'));
    // Both branches keep GetObject and PutObject: no loss (it read as losing both), one possible gain.
    const base = side(['{Effect: Allow, Action: [s3:GetObject, s3:PutObject], Resource: arn:aws:s3:::meta-bucket/*}']);
    const branches = diffPostures(base, side(['{Effect: Allow, Action: !If [IsProd, [s3:GetObject, s3:PutObject], [s3:GetObject, s3:PutObject, s3:DeleteObject]], Resource: arn:aws:s3:::meta-bucket/*}']));
    const s = only(branches.services, 'api');
    assert.deepEqual(s.permissions.removed, []);
    assert.deepEqual(s.permissions.added.map((p) => [p.action, p.condition]), [['s3:DeleteObject', '{"CloudFormation::Condition":{"IsProd":false}}']]);
    assert.deepEqual(s.reasons.map((r) => r.text), ['gains 1 permission']);
    // The scoped statement itself: GetObject always, DeleteObject in production only.
    const scopedOnly = side([scoped]).posture.permissions;
    const grants = [...scopedOnly.values()][0]!.grants.map((g) => [g.action, g.condition ?? null]);
    assert.deepEqual(grants, [['s3:GetObject', null], ['s3:DeleteObject', '{"CloudFormation::Condition":{"IsProd":true}}']]);
  });

  it('a role that is admin in one outcome (or both) of an undecided condition is reported so; what both outcomes grant is unconditional', () => {
    const ids = (statements: string[]) => side(statements).findings.map((f) => f.ruleId).sort();
    assert.ok(ids(["{Effect: Allow, Action: !If [IsProd, '*', s3:GetObject], Resource: '*'}"]).includes('FW101'), 'admin in production');
    const both = "{Effect: Allow, Action: ['*', !If [IsProd, s3:GetObject, !Ref AWS::NoValue]], Resource: ['*', !If [IsProd, 'arn:aws:s3:::b/*', !Ref AWS::NoValue]]}";
    assert.ok(ids([both]).includes('FW101'), 'admin either way (it lost FW101)');
    const diff = diffPostures(side(["{Effect: Allow, Action: '*', Resource: '*'}"]), side([both]));
    assert.deepEqual(only(diff.services, 'api').permissions.removed, [], 'nothing is lost (it read as losing 22091 permissions)');
    assert.notEqual(diff.verdict, 'narrowing');
  });

  it('a grant on a resource the action does not act on is no gain: s3:* on objects gains object actions only', () => {
    const base = side(['{Effect: Allow, Action: s3:GetObject, Resource: arn:aws:s3:::meta-bucket/*}']);
    const wider = only(diffPostures(base, side(["{Effect: Allow, Action: 's3:*', Resource: arn:aws:s3:::meta-bucket/*}"])).services, 'api');
    const gained = wider.permissions.added.map((p) => p.action);
    for (const a of ['s3:PutObject', 's3:DeleteObject']) assert.ok(gained.includes(a), a);
    for (const a of ['s3:DeleteBucket', 's3:PutBucketPolicy', 's3:ListBucket']) assert.ok(!gained.includes(a), `${a} acts on the bucket, not its objects (it was listed as gained)`);
    const inert = diffPostures(base, side(['{Effect: Allow, Action: s3:GetObject, Resource: arn:aws:s3:::meta-bucket/*}', '{Effect: Allow, Action: s3:DeleteBucket, Resource: arn:aws:s3:::meta-bucket/*}']));
    assert.equal(inert.verdict, 'none', 'DeleteBucket on the objects grants nothing (it read as broadening)');
  });

  it('a Condition narrowed to fewer regions, or tightened with another clause, only narrows (it read as broadening); widened, it broadens', () => {
    const grant = (condition: string) => `{Effect: Allow, Action: [s3:GetObject, s3:PutObject], Resource: arn:aws:s3:::meta-bucket/*, Condition: ${condition}}`;
    const two = grant('{StringEquals: {aws:RequestedRegion: [eu-west-1, us-east-1]}}');
    const one = grant('{StringEquals: {aws:RequestedRegion: eu-west-1}}');
    const tightened = grant("{StringEquals: {aws:RequestedRegion: [eu-west-1, us-east-1]}, Bool: {aws:SecureTransport: 'true'}}");
    for (const head of [one, tightened]) {
      const diff = diffPostures(side([two]), side([head]));
      assert.equal(diff.verdict, 'narrowing', head);
      assert.deepEqual(only(diff.services, 'api').reasons.map((r) => r.text), ['loses 2 permissions']);
      assert.equal(only(diff.services, 'api').permissions.added.length, 2, 'the new grants are still listed');
    }
    const widened = diffPostures(side([one]), side([two]));
    assert.equal(widened.verdict, 'broadening');
    assert.deepEqual(only(widened.services, 'api').reasons.map((r) => r.text), ['gains 2 permissions']);
    const moved = diffPostures(side([one]), side([grant('{StringEquals: {aws:RequestedRegion: eu-west-2}}')]));
    assert.deepEqual(only(moved.services, 'api').reasons.map((r) => r.text), ['gains 2 permissions', 'loses 2 permissions'], 'another region');
  });

  it('an Effect decided by an undecided condition: an Allow in one outcome grants under it, a Deny in the other may apply (it was skipped as unknown)', () => {
    const grantsOf = (statement: string) => [...side([scoped, statement]).posture.permissions.values()][0]!;
    const adminInProd = grantsOf("{Effect: !If [IsProd, Allow, Deny], Action: '*', Resource: '*'}");
    assert.ok(adminInProd.grants.some((g) => g.action === 'iam:PassRole' && g.condition === '{"CloudFormation::Condition":{"IsProd":true}}'));
    assert.ok(side([scoped, "{Effect: !If [IsProd, Allow, Deny], Action: '*', Resource: '*'}"]).findings.some((f) => f.ruleId === 'FW101'), 'admin in production');
    assert.deepEqual(adminInProd.unknown.filter((n) => n.includes('statements skipped')), []);
    assert.ok(adminInProd.unknown.some((n) => /^Deny in TaskRole inline \(stack\.yaml:\d+\) applies only under its Condition/.test(n)), adminInProd.unknown.join('\n'));
    const diff = diffPostures(side([scoped]), side([scoped, "{Effect: !If [IsProd, Allow, Deny], Action: [s3:PutObject], Resource: 'arn:aws:s3:::meta-bucket/*'}"]));
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(only(diff.services, 'api').permissions.added.map((p) => [p.action, p.condition]), [['s3:PutObject', '{"CloudFormation::Condition":{"IsProd":true}}']]);
    // One outcome with no Effect at all is a statement IAM refuses: read as unknown, with one problem, not three.
    const noEffect = grantsOf("{Effect: !If [IsProd, Allow, !Ref AWS::NoValue], Action: [!If [IsProd, s3:GetObject, !Ref AWS::NoValue]], Resource: '*'}");
    const skipped = noEffect.unknown.filter((n) => n.includes('statements skipped'));
    assert.equal(skipped.length, 1);
    assert.equal((skipped[0]!.match(/condition IsProd/g) ?? []).length, 1, skipped[0]);
  });

  it('a Condition chosen by an undecided Fn::If is read per outcome: dropping it in one outcome is a gain there (it read as no change)', () => {
    const grant = (condition: string) => `{Effect: Allow, Action: [s3:PutObject], Resource: 'arn:aws:s3:::meta-bucket/*', Condition: ${condition}}`;
    const vpc = (id: string) => `{StringEquals: {aws:SourceVpc: ${id}}}`;
    const base = side([scoped, grant(`!If [IsProd, ${vpc('vpc-1')}, ${vpc('vpc-2')}]`)]);
    const dropped = diffPostures(base, side([scoped, grant(`!If [IsProd, ${vpc('vpc-1')}, !Ref AWS::NoValue]`)]));
    assert.equal(dropped.verdict, 'broadening');
    assert.deepEqual(only(dropped.services, 'api').permissions.added.map((p) => [p.action, p.condition]), [['s3:PutObject', '{"CloudFormation::Condition":{"IsProd":false}}']]);
    const swapped = diffPostures(base, side([scoped, grant(`!If [IsProd, ${vpc('vpc-1')}, ${vpc('vpc-9')}]`)]));
    assert.deepEqual(only(swapped.services, 'api').reasons.map((r) => r.text), ['gains 1 permission', 'loses 1 permission']);
    assert.equal(diffPostures(base, side([scoped, grant(`!If [IsProd, ${vpc('vpc-1')}, ${vpc('vpc-2')}]`)])).verdict, 'none');
    // Inside the Condition too: the value under each outcome.
    const inner = (a: string, b: string) => grant(`{StringEquals: {aws:SourceVpc: !If [IsProd, ${a}, ${b}]}}`);
    assert.equal(diffPostures(side([scoped, inner('vpc-1', 'vpc-2')]), side([scoped, inner('vpc-1', 'vpc-9')])).verdict, 'broadening');
  });

  it('a mapping edited under a key the files do not decide is a change: admin and 0.0.0.0/0 for production, not read as no posture change, and the rule read under each key', () => {
    const stage = (prod: string) => ({
      mappings: `Mappings:\n  StageConfig:\n    prod: ${prod}\n    dev: {Cidr: 192.168.0.0/16, Action: 's3:ListBucket'}\n`,
      resources: `  TaskSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: tasks
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: !FindInMap [StageConfig, !Ref Stage, Cidr]}]
`,
      service: '      NetworkConfiguration: {AwsvpcConfiguration: {Subnets: [subnet-1], SecurityGroups: [!Ref TaskSg]}}\n',
    });
    const mapped = ["{Effect: Allow, Action: !FindInMap [StageConfig, !Ref Stage, Action], Resource: 'arn:aws:s3:::b/*'}"];
    const before = "{Cidr: 10.0.0.0/8, Action: 's3:GetObject'}";
    const diff = diffPostures(side(mapped, stage(before)), side(mapped, stage("{Cidr: 0.0.0.0/0, Action: '*'}")));
    assert.equal(diff.verdict, 'broadening');
    // The Action read under each key (it read as "permissions depend on what the files do not decide"): production's grants only.
    const added = only(diff.services, 'api').permissions.added;
    assert.ok(added.length > 1000);
    assert.deepEqual([...new Set(added.map((p) => p.condition))], ['{"CloudFormation::Condition":{"Stage":"prod"}}']);
    // s3:GetObject in production is in `*`: not lost.
    assert.deepEqual(only(diff.services, 'api').permissions.removed, []);
    assert.match(renderDiffText(diff, { color: false }), /\+ permission {2}task role TaskRole: \S+ on arn:aws:s3:::b\/\* \(only when Stage is prod\)/);
    assert.deepEqual(diff.unresolved.added.map((u) => u.path).sort(), [
      'Resources.TaskRole.Properties.Policies[0].PolicyDocument.Statement[0].Action',
      'Resources.TaskSg.Properties.SecurityGroupIngress[0].CidrIp',
    ]);
    assert.equal(diffPostures(side(mapped, stage(before)), side(mapped, stage(before))).verdict, 'none');
    // The rule alone: its peer is undecided differently now (it read as no posture change).
    const fixed = ["{Effect: Allow, Action: s3:GetObject, Resource: 'arn:aws:s3:::b/*'}"];
    const ruleOnly = diffPostures(side(fixed, stage(before)), side(fixed, stage("{Cidr: 0.0.0.0/0, Action: 's3:GetObject'}")));
    // The rule alone: read under each key of the mapping, production's range is now the world (it read as an unknown peer).
    assert.equal(ruleOnly.verdict, 'broadening');
    const rules = only(ruleOnly.services, 'api').securityGroupRules;
    assert.deepEqual(rules.added.map((r) => `${r.peer} world=${String(r.world)} ${r.condition ?? ''}`), ['0.0.0.0/0 world=true {"CloudFormation::Condition":{"Stage":"prod"}}']);
    assert.deepEqual(rules.removed.map((r) => `${r.peer} ${r.condition ?? ''}`), ['10.0.0.0/8 {"CloudFormation::Condition":{"Stage":"prod"}}']);
    assert.match(renderDiffText(ruleOnly, { color: false }), /0\.0\.0\.0\/0 .*only when Stage is prod/);
  });

  it('a Deny under a Condition can only take permissions away: narrowing; its reason shows the count its note has (it showed "N"), and a changed count alone is no change', () => {
    const allow = '{Effect: Allow, Action: [s3:GetObject, s3:PutObject], Resource: arn:aws:s3:::meta-bucket/*}';
    const deny = (actions: string) => `{Effect: Deny, Action: ${actions}, Resource: arn:aws:s3:::meta-bucket/*, Condition: {Bool: {aws:SecureTransport: 'false'}}}`;
    const diff = diffPostures(side([allow]), side([allow, deny('s3:PutObject')]));
    assert.deepEqual(only(diff.services, 'api').reasons.map((r) => [r.effect, r.text]), [
      ['narrower', 'may lose permissions: task role: Deny in TaskRole inline applies only under its Condition; 1 grant it may remove is kept'],
    ]);
    assert.equal(diff.verdict, 'narrowing');
    // Its count alone is no new gap; the grant it now limits too may be lost: narrowing.
    const more = diffPostures(side([allow, deny('s3:PutObject')]), side([allow, deny('[s3:PutObject, s3:GetObject]')]));
    assert.deepEqual(more.reasons, ['api may lose permissions: a Deny limits 1 more permission (or limits them in more cases)']);
  });
});

describe('diffPostures: a rule whose ports become a parameter without a default', () => {
  it('is not a rule gained and one lost but one that can no longer be judged: mixed', () => {
    const diff = diffScenario('rule-port-undecided');
    const s = only(diff.services, 'web');
    assert.deepEqual([s.securityGroupRules.added.map((r) => r.ports), s.securityGroupRules.removed.map((r) => r.ports)], [['unknown'], ['8080']]);
    assert.deepEqual(s.reasons.map((r) => [r.effect, r.text]), [['neutral', 'TaskSg ingress rule from 10.0.0.0/16 can no longer be decided from the files (its ports)']]);
    assert.equal(diff.verdict, 'mixed');
  });

  it('the other way round (a parameter replaced by a literal port) is one rule now decided, not a gain and a loss: mixed', () => {
    const side = (name: string) => ({ ...scanPath(`${DIFF_FIXTURES}/rule-port-undecided/${name}`), root: `${DIFF_FIXTURES}/rule-port-undecided/${name}` });
    const diff = diffPostures(side('head'), side('base'));
    const s = only(diff.services, 'web');
    assert.deepEqual([s.securityGroupRules.added.map((r) => r.ports), s.securityGroupRules.removed.map((r) => r.ports)], [['8080'], ['unknown']]);
    assert.deepEqual(s.reasons.map((r) => [r.effect, r.text]), [
      ['neutral', 'TaskSg ingress rule from 10.0.0.0/16 is decided from the files now (its ports, 8080, were not), so whether it allows more than before is not known'],
    ]);
    assert.equal(diff.verdict, 'mixed');
  });
});

describe('diffPostures: rules that together allow what one rule does', () => {
  const template = (rules: string[]): string => [
    'Resources:',
    '  TaskSg:',
    '    Type: AWS::EC2::SecurityGroup',
    '    Properties:',
    '      GroupDescription: tasks',
    '      VpcId: vpc-1',
    `      SecurityGroupIngress: [${rules.join(', ')}]`,
    '  Td:',
    '    Type: AWS::ECS::TaskDefinition',
    '    Properties: {NetworkMode: awsvpc, RequiresCompatibilities: [FARGATE], ContainerDefinitions: [{Name: web, Image: public.ecr.aws/nginx/nginx:1}]}',
    '  Web:',
    '    Type: AWS::ECS::Service',
    '    Properties: {ServiceName: web, LaunchType: FARGATE, TaskDefinition: !Ref Td, NetworkConfiguration: {AwsvpcConfiguration: {Subnets: [subnet-0aaa], SecurityGroups: [!Ref TaskSg]}}}',
    '',
  ].join('\n');
  const rule = (from: number, to: number, cidr = '10.0.0.0/16'): string => `{IpProtocol: tcp, FromPort: ${from}, ToPort: ${to}, CidrIp: ${cidr}}`;
  const side = (rules: string[]): DiffSide => ({ ...scan([{ path: 'web.yaml', text: template(rules) }], analysisDeps(), defaultConfig()), root: '.' });

  it('two port ranges merged into one rule gain nothing, split again lose nothing', () => {
    const split = side([rule(0, 1000), rule(1001, 65535)]);
    const merged = side([rule(0, 65535)]);
    const merging = diffPostures(split, merged);
    assert.equal(merging.verdict, 'none');
    assert.equal(diffPostures(merged, split).verdict, 'none');
    // Listed, each saying it changes nothing.
    const rules = merging.services.flatMap((s) => [...s.securityGroupRules.added.map((r) => ['+', r.ports, r.covered]), ...s.securityGroupRules.removed.map((r) => ['-', r.ports, r.covered])]);
    assert.deepEqual(rules, [['+', 'all', true], ['-', '0-1000', true], ['-', '1001-65535', true]]);
  });

  it('an ICMP rule is one type and, when ToPort is not -1, one code of it: widening to every code gains, and the reverse only narrows', () => {
    const icmp = (type: number, code: number): string => `{IpProtocol: icmp, FromPort: ${type}, ToPort: ${code}, CidrIp: 10.0.0.0/16}`;
    const oneCode = side([icmp(3, 4)]);
    const everyCode = side([icmp(3, -1)]);
    const widened = diffPostures(oneCode, everyCode);
    assert.equal(widened.verdict, 'broadening', 'type 3 code 4 → every code of type 3');
    const [added] = widened.services.flatMap((s) => s.securityGroupRules.added);
    assert.deepEqual([added?.ports, added?.icmpCode], ['3', undefined]);
    assert.equal(diffPostures(everyCode, oneCode).verdict, 'narrowing');
    const otherCode = diffPostures(oneCode, side([icmp(3, 1)]));
    assert.equal(otherCode.verdict, 'broadening', 'code 4 → code 1 is a rule gained (and one lost), no longer the same rule');
    assert.deepEqual(otherCode.services.flatMap((s) => s.securityGroupRules.removed.map((r) => r.icmpCode)), [4]);
    assert.equal(diffPostures(oneCode, side([icmp(3, 4)])).verdict, 'none');
    assert.match(renderDiffText(widened, { color: false }), /^ {2}\+ rule {8}TaskSg ingress icmp type 3 from 10\.0\.0\.0\/16/m);
    assert.match(renderDiffText(diffPostures(everyCode, oneCode), { color: false }), /^ {2}\+ rule {8}TaskSg ingress icmp type 3 code 4 from .*already allowed/m);
  });

  it('ranges with a gap, or from another peer, do not cover it', () => {
    const gap = diffPostures(side([rule(0, 1000), rule(1002, 65535)]), side([rule(0, 65535)]));
    assert.equal(gap.verdict, 'broadening');
    assert.deepEqual(gap.services.flatMap((s) => s.securityGroupRules.added.map((r) => r.covered)), [undefined], 'the added rule is a gain, not covered');
    assert.equal(diffPostures(side([rule(0, 1000), rule(1001, 65535, '10.1.0.0/16')]), side([rule(0, 65535)])).verdict, 'broadening');
  });
});

describe('diffPostures: same-named services whose cluster one side cannot name', () => {
  const template = (clusterA: string) => [
    'Parameters:',
    '  ClusterAName: {Type: String}',
    'Resources:',
    `  ClusterA: {Type: AWS::ECS::Cluster, Properties: {ClusterName: ${clusterA}}}`,
    '  ClusterB: {Type: AWS::ECS::Cluster, Properties: {ClusterName: b}}',
    '  Td:',
    '    Type: AWS::ECS::TaskDefinition',
    '    Properties: {NetworkMode: awsvpc, RequiresCompatibilities: [FARGATE], ContainerDefinitions: [{Name: web, Image: public.ecr.aws/nginx/nginx:1}]}',
    ...['A', 'B'].flatMap((c) => [
      `  Web${c}:`,
      '    Type: AWS::ECS::Service',
      `    Properties: {ServiceName: web, Cluster: !Ref Cluster${c}, LaunchType: FARGATE, TaskDefinition: !Ref Td, NetworkConfiguration: {AwsvpcConfiguration: {Subnets: [subnet-0aaa], SecurityGroups: [sg-0aaa]}}}`,
    ]),
    '',
  ].join('\n');
  const side = (clusterA: string): DiffSide => ({ ...scan([{ path: 'web.yaml', text: template(clusterA) }], analysisDeps(), defaultConfig()), root: '.' });

  it('are still paired by file and logical ID: unchanged, not one removed and one added', () => {
    const diff = diffPostures(side('a'), side('!Ref ClusterAName'));
    assert.deepEqual(diff.services.map((s) => [s.key, s.status]), [['web (cluster ClusterA)', 'unchanged'], ['web (cluster b)', 'unchanged']]);
    assert.equal(diff.verdict, 'none');
  });
});

describe('diffPostures: a standalone rule put under a Condition the files do not decide', () => {
  it('may or may not be there: one undecided rule (mixed), and the other way round one decided again', () => {
    const diff = diffScenario('rule-conditional');
    const s = only(diff.services, 'web');
    assert.deepEqual(s.securityGroupRules.added.map((r) => [r.ports, r.peer, r.conditional]), [['8080', '10.0.0.0/16', true]]);
    assert.deepEqual(s.reasons.map((r) => [r.effect, r.text]), [['neutral', 'TaskSg ingress rule from 10.0.0.0/16 can no longer be decided from the files (it exists only under a Condition they do not decide)']]);
    assert.equal(diff.verdict, 'mixed');
    const side = (name: string) => ({ ...scanPath(`${DIFF_FIXTURES}/rule-conditional/${name}`), root: `${DIFF_FIXTURES}/rule-conditional/${name}` });
    const back = diffPostures(side('head'), side('base'));
    assert.deepEqual(only(back.services, 'web').reasons.map((r) => r.text), ['TaskSg ingress rule from 10.0.0.0/16 no longer depends on a Condition the files do not decide']);
  });

  it('does not cover the same rule added without the Condition: that one is a gain', () => {
    const dir = `${DIFF_FIXTURES}/rule-conditional/head`;
    const text = readFileSync(join(dir, 'service.yaml'), 'utf8');
    const unconditional = '  WebFromVpcAlways:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties: {GroupId: !Ref TaskSg, IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 10.0.0.0/16}\n';
    const side = (t: string): DiffSide => ({ ...scan([{ path: 'service.yaml', text: t }], analysisDeps(), defaultConfig()), root: '.' });
    const diff = diffPostures(side(text), side(text.replace('Outputs:', `${unconditional}Outputs:`)));
    assert.deepEqual(only(diff.services, 'web').reasons.map((r) => [r.effect, r.text]), [['broader', 'gains 1 ingress rule']]);
  });
});

describe('diffPostures: one CloudFormation resource whose key changed', () => {
  const template = (service: string) => [
    'Resources:',
    '  Td:',
    '    Type: AWS::ECS::TaskDefinition',
    '    Properties: {NetworkMode: awsvpc, RequiresCompatibilities: [FARGATE], ContainerDefinitions: [{Name: web, Image: public.ecr.aws/nginx/nginx:1}]}',
    '  WebService1A2B3C4D:',
    '    Type: AWS::ECS::Service',
    service,
    '    Properties: {LaunchType: FARGATE, TaskDefinition: !Ref Td, NetworkConfiguration: {AwsvpcConfiguration: {Subnets: [subnet-0aaa], SecurityGroups: [sg-0aaa]}}}',
    '',
  ].join('\n');
  const side = (service: string): DiffSide => ({ ...scan([{ path: 'Stack.template.json.yaml', text: template(service) }], analysisDeps(), defaultConfig()), root: '.' });

  it('a CDK construct path moved in the metadata alone: the same service, unchanged', () => {
    const diff = diffPostures(side('    Metadata: {aws:cdk:path: Stack/Web/Service/Resource}'), side('    Metadata: {aws:cdk:path: Stack/Api/Web/Service/Resource}'));
    assert.deepEqual(diff.services.map((s) => [s.key, s.status]), [['Stack/Api/Web/Service/Resource', 'unchanged']]);
    assert.equal(diff.verdict, 'none');
  });

  it('a construct path one side has and the other does not (path metadata off, or an assembly whose manifest is broken): the same service, unchanged', () => {
    const withPath = side('    Metadata: {aws:cdk:path: Stack/Web/Service/Resource}');
    const withoutPath = side('    Metadata: {}');
    for (const [base, head, key] of [[withPath, withoutPath, 'WebService1A2B3C4D'], [withoutPath, withPath, 'Stack/Web/Service/Resource']] as const) {
      const diff = diffPostures(base, head);
      assert.deepEqual(diff.services.map((s) => [s.key, s.status]), [[key, 'unchanged']]);
      assert.equal(diff.verdict, 'none');
    }
  });

  it('a construct path on one side and, on the other, a ServiceName that happens to equal the logical ID: a removed and an added service (ECS replaces it)', () => {
    const named: DiffSide = {
      ...scan([{ path: 'Stack.template.json.yaml', text: template('    Metadata: {}').replace('Properties: {LaunchType', 'Properties: {ServiceName: WebService1A2B3C4D, LaunchType') }], analysisDeps(), defaultConfig()),
      root: '.',
    };
    const diff = diffPostures(side('    Metadata: {aws:cdk:path: Stack/Web/Service/Resource}'), named);
    assert.deepEqual(diff.services.map((s) => [s.key, s.status]).sort(), [['Stack/Web/Service/Resource', 'removed'], ['WebService1A2B3C4D', 'added']]);
  });

  it('a construct path on one side and, on the other, a service of that logical ID in another file: a removed and an added service', () => {
    const elsewhere: DiffSide = { ...scan([{ path: 'Other.template.json.yaml', text: template('    Metadata: {}') }], analysisDeps(), defaultConfig()), root: '.' };
    const diff = diffPostures(side('    Metadata: {aws:cdk:path: Stack/Web/Service/Resource}'), elsewhere);
    assert.deepEqual(diff.services.map((s) => [s.key, s.status]).sort(), [['Stack/Web/Service/Resource', 'removed'], ['WebService1A2B3C4D', 'added']]);
  });

  it('a changed ServiceName is a new service (ECS replaces it), though the logical ID stayed', () => {
    const withName = (name: string): DiffSide => ({
      ...scan([{ path: 'named.yaml', text: template('    Metadata: {}').replace('Properties: {LaunchType', `Properties: {ServiceName: ${name}, LaunchType`) }], analysisDeps(), defaultConfig()),
      root: '.',
    });
    const diff = diffPostures(withName('orders'), withName('orders-v2'));
    assert.deepEqual(diff.services.map((s) => [s.key, s.status]).sort(), [['orders', 'removed'], ['orders-v2', 'added']]);
  });
});

describe('diffPostures: finding messages and a name one side has once and the other twice', () => {
  it('keep their text: only keys qualified with a cluster are renamed inside messages', () => {
    const service = (id: string, cluster: string) => [
      `  ${id}:`,
      '    Type: AWS::ECS::Service',
      `    Properties: {ServiceName: web, Cluster: ${cluster}, LaunchType: FARGATE, TaskDefinition: !Ref Td, NetworkConfiguration: {AwsvpcConfiguration: {Subnets: [subnet-0aaa], SecurityGroups: [!Ref webSg]}}}`,
    ];
    const template = (more: string[]) => [
      'Resources:',
      '  webSg: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: web, VpcId: vpc-1}}',
      '  Td:',
      '    Type: AWS::ECS::TaskDefinition',
      '    Properties: {NetworkMode: awsvpc, RequiresCompatibilities: [FARGATE], ContainerDefinitions: [{Name: web, Image: public.ecr.aws/nginx/nginx:1}]}',
      ...service('Web', 'a'),
      ...more,
      '',
    ].join('\n');
    const side = (t: string): DiffSide => ({ ...scan([{ path: 'web.yaml', text: t }], analysisDeps(), defaultConfig()), root: '.' });
    // Head also declares the group's egress, so base's FW203 on it is resolved: base's message is the one shown.
    const egress = (t: string) => t.replace('GroupDescription: web, VpcId: vpc-1}', 'GroupDescription: web, VpcId: vpc-1, SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}]}');
    const diff = diffPostures(side(template([])), side(egress(template(service('WebB', 'b')))));
    assert.deepEqual(diff.findings.resolved.map((f) => f.ruleId), ['FW203']);
    const messages = diff.findings.resolved.map((f) => f.message);
    assert.ok(messages.some((m) => m.includes('Security group webSg ')), messages.join('\n'));
    assert.ok(!messages.some((m) => m.includes('web (cluster a)Sg')), messages.join('\n'));
  });
});

describe('diffPostures verdicts on hand-built postures', () => {
  const api = service('ApiService', 'orders-api', 10);
  function side(overrides: Partial<ServicePosture>): DiffSide {
    const posture: Posture = { infra: infra({ services: [api] }), permissions: new Map(), services: [servicePosture(api, overrides)] };
    return { posture, findings: [] };
  }

  it('a public IP that can no longer be decided is mixed, not broadening or none', () => {
    const diff = diffPostures(side({ publicIp: known(false) }), side({ publicIp: unknown('parameter AssignPublicIp has no default') }));
    assert.equal(diff.verdict, 'mixed');
    assert.deepEqual(diff.reasons, ['orders-api public IP can no longer be decided from the files']);
    assert.equal(diff.services[0]!.status, 'changed');
  });

  it('narrowing next to an undetermined change is mixed; broadening wins over both', () => {
    const mixed = diffPostures(side({ internetIngress: true, egress: 'nat' }), side({ internetIngress: false, egress: 'unknown' }));
    assert.equal(mixed.verdict, 'mixed');
    assert.deepEqual(mixed.services[0]!.reasons.map((r) => r.effect), ['narrower', 'neutral']);
    const broad = diffPostures(side({ internetIngress: true, egress: 'nat' }), side({ internetIngress: false, egress: 'igw' }));
    assert.equal(broad.verdict, 'broadening');
    assert.deepEqual(broad.reasons, ['orders-api egress: a NAT gateway → an internet gateway', 'orders-api is no longer reachable from the internet']);
  });

  it('a need that was not reachable and can no longer be decided is uncertain, not fixed', () => {
    const need = (covered: boolean | 'unknown') => ({ service: 'dynamodb', reason: 'task role permissions (dynamodb)', kind: 'runtime' as const, covered, problems: [], source: api.source });
    const diff = diffPostures(side({ needs: [need(false)] }), side({ needs: [need('unknown')] }));
    const s = diff.services[0]!;
    assert.deepEqual(s.needs.uncertain.map((n) => [n.service, n.wasCovered]), [['dynamodb', false]]);
    assert.equal(diff.verdict, 'mixed');
  });

  it('gaining a public IP or internet ingress is broadening; the same posture is none', () => {
    assert.equal(diffPostures(side({ publicIp: known(false) }), side({ publicIp: known(true) })).verdict, 'broadening');
    assert.equal(diffPostures(side({ internetIngress: 'unknown' }), side({ internetIngress: true })).verdict, 'broadening');
    const none = diffPostures(side({}), side({}));
    assert.equal(none.verdict, 'none');
    assert.equal(none.services[0]!.status, 'unchanged');
  });
});

describe('prepareSide', () => {
  /** Every object reachable from `root` (own enumerable values, Map and Set entries). */
  function reachable(root: unknown): Set<object> {
    const seen = new Set<object>();
    const stack: unknown[] = [root];
    while (stack.length > 0) {
      const value = stack.pop();
      if (typeof value !== 'object' || value === null || seen.has(value)) continue;
      seen.add(value);
      if (value instanceof Map) for (const [k, v] of value) stack.push(k, v);
      else if (value instanceof Set) for (const v of value) stack.push(v);
      else stack.push(...Object.values(value));
    }
    return seen;
  }

  it('compares to the same diff as diffPostures, scenario by scenario', () => {
    const scenarios = readdirSync(join(ROOT, DIFF_FIXTURES)).filter((d) => !d.startsWith('__'));
    assert.ok(scenarios.length >= 9);
    for (const scenario of scenarios) {
      const base = scanPath(`${DIFF_FIXTURES}/${scenario}/base`);
      const head = scanPath(`${DIFF_FIXTURES}/${scenario}/head`);
      assert.deepEqual(comparePreparedSides(prepareSide(base), prepareSide(head)), diffPostures(base, head), scenario);
    }
  });

  it('fingerprints: standing in head’s view for every base service whose fingerprint matches changes nothing', () => {
    const scenarios = readdirSync(join(ROOT, DIFF_FIXTURES)).filter((d) => !d.startsWith('__'));
    const pairs = [...scenarios.map((d) => [`${DIFF_FIXTURES}/${d}/base`, `${DIFF_FIXTURES}/${d}/head`]), ['examples/base', 'examples/head'], ['examples/head', 'examples/base']];
    let standIns = 0;
    for (const [basePath, headPath] of pairs) {
      // As the CLI prepares two trees: each side's paths below its own root.
      const base = prepareSide({ ...scanPath(basePath!), root: basePath! });
      const head = prepareSide({ ...scanPath(headPath!), root: headPath! });
      const headPrints = viewFingerprints(head);
      const changed = new Map([...base.views].filter(([key]) => viewFingerprints(base).get(key) !== headPrints.get(key)));
      standIns += base.views.size - changed.size;
      const stoodIn = baseFromFingerprints(head, { keys: [...base.views.keys()], changed, names: base.names, findings: base.findings, errors: base.errors, unreadable: base.unreadable, read: base.read, sharedLogicalIds: base.sharedLogicalIds, undecided: base.undecided, unresolved: base.unresolved, cidrRules: base.cidrRules, groupNames: base.groupNames, detachedRules: base.detachedRules, attachments: base.attachments, distinctions: base.distinctions, fileContents: base.fileContents, root: basePath! });
      assert.deepEqual(comparePreparedSides(stoodIn, head), comparePreparedSides(base, head), `${basePath} → ${headPath}`);
    }
    assert.ok(standIns > 0, 'some services compare equal through their fingerprints');
  });

  it('fingerprints differ when only an endpoint the service uses changed', () => {
    const base = prepareSide(scanPath(`${DIFF_FIXTURES}/endpoint-sg-opened/base`));
    const head = prepareSide(scanPath(`${DIFF_FIXTURES}/endpoint-sg-opened/head`));
    const changed = comparePreparedSides(base, head).services.filter((s) => s.status === 'changed').map((s) => s.key);
    assert.ok(changed.length > 0);
    for (const key of changed) assert.notEqual(viewFingerprints(base).get(key), viewFingerprints(head).get(key), key);
  });

  it('keeps nothing of the posture, so base can be collected before head is analysed', () => {
    const base = scanPath('examples/base');
    const kept = reachable(prepareSide(base));
    const model = [base.posture, base.posture.infra, base.posture.permissions, base.posture.services, base.posture.infra.resources, ...base.posture.services];
    for (const part of model) assert.equal(kept.has(part), false);
    assert.ok(base.posture.services.length > 0, 'the example has services to prepare');
  });
});

describe('conditionKey', () => {
  it('reads a Condition as IAM does: one value is a list of one, order and duplicates do not count, condition keys ignore case', () => {
    const a = conditionKey('{"StringEquals":{"aws:RequestedRegion":["eu-west-1","eu-central-1"]},"Bool":{"aws:SecureTransport":"true"}}');
    const b = conditionKey('{"Bool":{"aws:securetransport":true},"StringEquals":{"aws:requestedregion":["eu-central-1","eu-west-1","eu-west-1"]}}');
    assert.equal(a, b);
    assert.equal(conditionKey('{"StringEquals":{"s3:prefix":"home/"}}'), conditionKey('{"StringEquals":{"s3:prefix":["home/"]}}'));
    assert.notEqual(conditionKey('{"StringEquals":{"s3:prefix":"home/"}}'), conditionKey('{"StringLike":{"s3:prefix":"home/"}}'), 'operators differ');
    assert.equal(conditionKey('not json'), 'not json');
  });
});

describe('diffPostures lists the values head newly leaves undecided', () => {
  const template = (table: string, extra = '', pipelineRepo = 'orders'): string => `Parameters:
  Repo:
    Type: String
Resources:${extra}
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      Stages: [{ Name: Source, Actions: [{ Name: Src, Configuration: { Repo: ${pipelineRepo} } }] }]
  TaskRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }]
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: dynamodb:GetItem, Resource: ${table} }
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      TaskRoleArn: !GetAtt TaskRole.Arn
      ContainerDefinitions: [{ Name: app, Image: public.ecr.aws/docker/library/nginx:1.27 }]
  Service:
    Type: AWS::ECS::Service
    Properties:
      ServiceName: orders-api
      LaunchType: FARGATE
      TaskDefinition: !Ref TaskDefinition
`;
  const side = (text: string): DiffSide => ({ ...scan([{ path: 'stack.yaml', text }], analysisDeps(), defaultConfig()), root: '.' });
  const literal = 'arn:aws:dynamodb:us-east-1:111122223333:table/orders';
  const imported = '!ImportValue orders-table-arn';

  it('a literal replaced by an import is added, with head\'s position; the reverse is removed', () => {
    const diff = diffPostures(side(template(literal)), side(template(imported)));
    assert.deepEqual(diff.unresolved.added.map((u) => [u.path, u.reason, u.line]), [
      ['Resources.TaskRole.Properties.Policies[0].PolicyDocument.Statement[0].Resource', 'Fn::ImportValue orders-table-arn', 18],
    ]);
    assert.deepEqual(diff.unresolved.removed, []);
    const back = diffPostures(side(template(imported)), side(template(literal)));
    assert.deepEqual(back.unresolved.added, []);
    assert.deepEqual(back.unresolved.removed.map((u) => u.reason), ['Fn::ImportValue orders-table-arn']);
  });

  it('a value undecided on both sides is neither, even when an edit above moves it', () => {
    const moved = template(imported, '\n  Extra:\n    Type: AWS::SNS::Topic\n');
    const diff = diffPostures(side(template(imported)), side(moved));
    assert.deepEqual(diff.unresolved, { added: [], removed: [] });
  });

  it('a list item moved by an insert above it is the same value; a second one like it is new', () => {
    const sg = (rules: string[]) => `Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: tasks
      SecurityGroupIngress:
${rules.map((r) => `        - ${r}`).join('\n')}
`;
    const sgSide = (rules: string[]): DiffSide => ({ ...scan([{ path: 'sg.yaml', text: sg(rules) }], analysisDeps(), defaultConfig()), root: '.' });
    const imported = '{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: !ImportValue office-cidr}';
    const other = '{IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 10.0.0.0/16}';
    assert.deepEqual(diffPostures(sgSide([imported]), sgSide([other, imported])).unresolved, { added: [], removed: [] });
    const twice = diffPostures(sgSide([imported]), sgSide([imported, imported])).unresolved;
    assert.deepEqual([twice.added.map((u) => u.line), twice.removed], [[8], []]);
  });

  it('values in resources the analysis does not read are left out (the scan still lists them)', () => {
    const head = side(template(literal, '', '!Ref Repo'));
    assert.ok(head.posture.infra.unresolved.some((u) => u.path.startsWith('Resources.Pipeline') && u.unread === true), 'the scan marks it unread');
    const diff = diffPostures(side(template(literal)), head);
    assert.deepEqual(diff.unresolved, { added: [], removed: [] });
  });
});

describe('diffPostures: a suppression the change adds is not a fix', () => {
  const baseText = readFileSync(join(ROOT, 'examples/base/api-service.yaml'), 'utf8');
  const network = { path: 'infra/network.yaml', text: readFileSync(join(ROOT, 'examples/base/network.yaml'), 'utf8') };
  const ignoreFw201 = (text: string): string =>
    text.replace('  ApiService:\n    Type: AWS::ECS::Service\n', '  ApiService:\n    Type: AWS::ECS::Service\n    Metadata:\n      fargate-warden:\n        ignore:\n          - id: FW201\n            reason: accepted until the move to private subnets\n');
  const side = (text: string, config = defaultConfig()) => scan([{ path: 'infra/api-service.yaml', text }, network], analysisDeps(), config);
  const fw201 = (fs: { ruleId: string }[]): number => fs.filter((f) => f.ruleId === 'FW201').length;

  it('a finding base reported that head silences inline is listed as suppressed, with its reason, not resolved', () => {
    const base = side(baseText);
    assert.equal(fw201(base.findings), 1, 'base reports FW201');
    const diff = diffPostures(base, side(ignoreFw201(baseText)));
    assert.equal(fw201(diff.findings.resolved), 0, 'not resolved');
    assert.equal(fw201(diff.findings.new), 0, 'not new');
    assert.deepEqual(diff.findings.suppressed.map((f) => [f.ruleId, f.suppressed?.reason]), [['FW201', 'accepted until the move to private subnets']]);
    const s = only(diff.services, 'orders-api');
    assert.equal(s.status, 'changed', 'the service is listed: its only change is the silence');
    assert.equal(fw201(s.findings.suppressed), 1);
    assert.equal(diff.verdict, 'none', 'the posture itself is the same');
    const comment = renderComment(diff);
    assert.match(comment, /Suppressed by this change \(not fixed: head still finds them\)/);
    assert.match(comment, /🔕 Suppressed \(in the template\): accepted until the move to private subnets/);
    assert.match(comment, /0 resolved, 1 newly suppressed/);
  });

  it('a finding the change introduces together with a config suppression is suppressed, not new; one suppressed on both sides is not listed', () => {
    const config = { ...defaultConfig(), suppressions: [{ rule: 'FW103', resource: 'ApiTaskRole', reason: 'bucket names are generated' }] };
    const headText = readFileSync(join(ROOT, 'examples/head/api-service.yaml'), 'utf8');
    const plain = diffPostures(side(baseText), scan([{ path: 'infra/api-service.yaml', text: headText }, { ...network, text: readFileSync(join(ROOT, 'examples/head/network.yaml'), 'utf8') }], analysisDeps(), defaultConfig()));
    assert.ok(plain.findings.new.some((f) => f.ruleId === 'FW103'), 'without the suppression FW103 is new');
    const head = scan([{ path: 'infra/api-service.yaml', text: headText }, { ...network, text: readFileSync(join(ROOT, 'examples/head/network.yaml'), 'utf8') }], analysisDeps(), config);
    const diff = diffPostures(side(baseText), head);
    assert.ok(!diff.findings.new.some((f) => f.ruleId === 'FW103'), 'not new');
    assert.deepEqual(diff.findings.suppressed.filter((f) => f.ruleId === 'FW103').map((f) => f.suppressed), [{ reason: 'bucket names are generated', by: 'config' }]);
    // The same suppression on both sides: nothing to tell the reviewer.
    const both = diffPostures(side(ignoreFw201(baseText)), side(ignoreFw201(baseText)));
    assert.deepEqual(both.findings.suppressed, []);
    assert.ok(both.services.every((s) => s.status === 'unchanged'));
  });

  it('removing a suppression makes the finding new again', () => {
    const diff = diffPostures(side(ignoreFw201(baseText)), side(baseText));
    assert.equal(fw201(diff.findings.new), 1);
    assert.deepEqual(diff.findings.suppressed, []);
  });
});

describe('diffPostures: a policy whose Roles the files do not decide', () => {
  const files = (action: string) => [
    { path: 'infra/api-service.yaml', text: readFileSync(join(ROOT, 'examples/base/api-service.yaml'), 'utf8') },
    { path: 'infra/network.yaml', text: readFileSync(join(ROOT, 'examples/base/network.yaml'), 'utf8') },
    {
      path: 'infra/imported-role-policy.yaml',
      text: `AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  TaskRoleName:\n    Type: String\nResources:\n  ImportedPolicy:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: imported\n      Roles: [!Ref TaskRoleName]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: '${action}'\n            Resource: '*'\n`,
    },
  ];
  const side = (action: string) => scan(files(action), analysisDeps(), defaultConfig());

  it('an edit to it is not "no posture change": the services it may be attached to are mixed, and the reason says what it grants', () => {
    const diff = diffPostures(side('sqs:SendMessage'), side('*'));
    assert.equal(diff.verdict, 'mixed');
    const s = only(diff.services, 'orders-api');
    assert.equal(s.status, 'changed');
    assert.ok(s.reasons.some((r) => r.effect === 'neutral' && /policy ImportedPolicy may be attached: the files do not decide its Roles \(parameter TaskRoleName has no default\); it says: Allow \* on \*/.test(r.text)), JSON.stringify(s.reasons));
    assert.equal(diffPostures(side('*'), side('*')).verdict, 'none', 'the same undecided policy on both sides is no change');
  });

  it('CDK\'s Role.fromRoleArn form (the name split out of the role\'s ARN) attaches to that role: an added action is broadening', () => {
    const api = readFileSync(join(ROOT, 'examples/base/api-service.yaml'), 'utf8');
    const policy = (action: string) => api.replace(
      '\n  ApiTaskDefinition:\n',
      `\n  ImportedRolePolicy:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: imported\n      Roles:\n        - !Select [1, !Split ['/', !Select [5, !Split [':', !GetAtt ApiTaskRole.Arn]]]]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: '${action}'\n            Resource: arn:aws:sqs:eu-west-1:123456789012:jobs\n\n  ApiTaskDefinition:\n`,
    );
    assert.notEqual(policy('sqs:SendMessage'), api);
    const scanWith = (action: string) => scan([{ path: 'infra/api-service.yaml', text: policy(action) }, { path: 'infra/network.yaml', text: readFileSync(join(ROOT, 'examples/base/network.yaml'), 'utf8') }], analysisDeps(), defaultConfig());
    const diff = diffPostures(scanWith('sqs:SendMessage'), scanWith('sqs:PurgeQueue'));
    assert.equal(diff.verdict, 'broadening');
    assert.deepEqual(only(diff.services, 'orders-api').permissions.added.map((p) => [p.role, p.action]), [['ApiTaskRole', 'sqs:PurgeQueue']]);
  });
});

describe('diffPostures: which undecided values are new, across renamed files and CDK apps sharing construct paths', () => {
  const sg = (cidr: string, cdkPath?: string): string => JSON.stringify({
    Resources: {
      AppSgC9CD929C: {
        Type: 'AWS::EC2::SecurityGroup',
        ...(cdkPath === undefined ? {} : { Metadata: { 'aws:cdk:path': cdkPath } }),
        Properties: { GroupDescription: 'app', VpcId: 'vpc-1', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: cidr === 'import' ? { 'Fn::ImportValue': 'Corp:OfficeCidr' } : cidr }] },
      },
    },
  }, null, 2);
  const side = (files: [string, string][]) => scan(files.map(([path, text]) => ({ path, text })), analysisDeps(), defaultConfig());

  it('a template renamed with its undecided values keeps them: nothing is newly unknown', () => {
    const diff = diffPostures(side([['infra/svc.json', sg('import')]]), side([['infra/renamed.json', sg('import')]]));
    assert.deepEqual(diff.unresolved, { added: [], removed: [] });
  });

  it('one app\'s undecided value does not stand for another\'s with the same construct path', () => {
    const apps = (orders: string, billing: string) =>
      side([['apps/orders/cdk.out/ApiStack.template.json', sg(orders, 'ApiStack/AppSg/Resource')], ['apps/billing/cdk.out/ApiStack.template.json', sg(billing, 'ApiStack/AppSg/Resource')]]);
    const swap = diffPostures(apps('10.0.0.0/8', 'import'), apps('import', '10.0.0.0/8'));
    assert.deepEqual(swap.unresolved.added.map((u) => u.file), ['apps/orders/cdk.out/ApiStack.template.json']);
    assert.deepEqual(swap.unresolved.removed.map((u) => u.file), ['apps/billing/cdk.out/ApiStack.template.json']);
    const same = diffPostures(apps('import', '10.0.0.0/8'), apps('import', '10.0.0.0/8'));
    assert.deepEqual(same.unresolved, { added: [], removed: [] });
  });
});

describe('diffPostures: a service whose file moved, among services of one name and cluster', () => {
  const api = readFileSync(join(ROOT, 'examples/base/api-service.yaml'), 'utf8');
  const side = (dirs: string[]) => scan(dirs.map((d) => ({ path: `${d}/api-service.yaml`, text: api })), analysisDeps(), defaultConfig());

  it('is the same service (`git mv a c`), not a removed and an added one: no change, no new finding, nothing newly unknown', () => {
    const diff = diffPostures(side(['a', 'b']), side(['b', 'c']));
    assert.equal(diff.verdict, 'none');
    assert.deepEqual(diff.services.map((s) => s.status), ['unchanged', 'unchanged']);
    assert.deepEqual([diff.findings.new, diff.findings.resolved], [[], []]);
    assert.deepEqual(diff.unresolved, { added: [], removed: [] });
  });

  it('two left over on each side stay removed and added: which moved where is not known', () => {
    const diff = diffPostures(side(['a', 'b']), side(['c', 'd']));
    assert.deepEqual(diff.services.map((s) => s.status).sort(), ['added', 'added', 'removed', 'removed']);
  });
});

describe('diffPostures: an action the IAM reference does not list', () => {
  it('is shown as such (a typo grants nothing, or the action is newer than the reference), still counted as gained', () => {
    const api = readFileSync(join(ROOT, 'examples/base/api-service.yaml'), 'utf8');
    const typo = api.replace('                  - dynamodb:Query\n', '                  - dynamodb:Query\n                  - dynamodb:GetItme\n');
    assert.notEqual(typo, api);
    const side = (text: string) => scan([{ path: 'infra/api-service.yaml', text }, { path: 'infra/network.yaml', text: readFileSync(join(ROOT, 'examples/base/network.yaml'), 'utf8') }], analysisDeps(), defaultConfig());
    const diff = diffPostures(side(api), side(typo));
    assert.deepEqual(only(diff.services, 'orders-api').permissions.added.map((p) => [p.action, p.accessLevel]), [['dynamodb:GetItme', 'Unknown']]);
    assert.match(renderDiffText(diff, { color: false }), /dynamodb:GetItme on \$\{OrdersTable\.Arn\} \(not in the IAM reference\)/);
    assert.match(renderComment(diff), /`dynamodb:GetItme` \| `\$\{OrdersTable\.Arn\}` \| not in the IAM reference \|/);
  });
});

describe('prepareSide: what tells load balancers apart stays linear', () => {
  // A guard against hangs, not a timing: copying the list on each listener took minutes at this
  // size, appending takes about a second.
  it('hundreds of thousands of listeners on one load balancer (a template is anyone\'s) take no quadratic time', { timeout: 60_000 }, () => {
    const text = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Resources:',
      '  Lb:',
      '    Type: AWS::ElasticLoadBalancingV2::LoadBalancer',
      '    Properties: {SecurityGroups: [!Ref LbSg], Subnets: [subnet-1]}',
      '  LbSg:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties: {GroupDescription: x, VpcId: vpc-1}',
      '  Http:',
      '    Type: AWS::ElasticLoadBalancingV2::Listener',
      '    Properties: {LoadBalancerArn: !Ref Lb, Port: 80, Protocol: HTTP, DefaultActions: [{Type: fixed-response}]}',
      '',
    ].join('\n');
    const side: DiffSide = scan([{ path: 'template.yaml', text }], analysisDeps(), defaultConfig());
    const [listener] = side.posture.infra.listeners;
    assert.ok(listener !== undefined);
    side.posture.infra.listeners = Array.from({ length: 200_000 }, (_, i) => ({ ...listener, id: `${listener.id}${i}`, logicalId: `Http${i}`, port: known(i % 65535 + 1) }));
    const prepared = prepareSide(side);
    assert.equal(prepared.distinctions.get('LbSg')?.[2].split('\n').length, 200_000);
  });
});
