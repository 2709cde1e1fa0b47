import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderDiffJson, toDiffJson, type DiffJson, type ServiceDiffJson } from '../../../src/shared/render/diff-json.ts';
import type { PostureDiff } from '../../../src/shared/diff/types.ts';
import { diffExamples, diffScenario, diffTexts, publicIpByEnv } from '../diff/support.ts';
import { renderDiffText } from '../../../src/shared/render/diff-text.ts';
import { renderComment } from '../../../src/shared/render/comment/comment.ts';

describe('diff --format json', () => {
  it('follows the documented shape: documented keys first, in order', () => {
    const json = JSON.parse(renderDiffJson(diffExamples())) as DiffJson;
    assert.deepEqual(Object.keys(json), ['version', 'services', 'findings', 'verdict', 'reasons', 'errors', 'unresolved']);
    assert.equal(json.version, 1);
    assert.equal(json.verdict, 'broadening');
    const [s] = json.services;
    assert.deepEqual(Object.keys(s!).slice(0, 5), ['key', 'status', 'permissions', 'securityGroupRules', 'exposure']);
    assert.equal(s!.key, 'orders-api');
    assert.equal(s!.status, 'changed');
    assert.deepEqual(Object.keys(s!.permissions.added[0]!).slice(0, 4), ['role', 'action', 'resource', 'accessLevel']);
    assert.deepEqual(
      s!.permissions.added.map((p) => ({ role: p.role, action: p.action, resource: p.resource, accessLevel: p.accessLevel, condition: p.condition })),
      [
        { role: 'ApiTaskRole', action: 's3:PutObject', resource: '*', accessLevel: 'Write', condition: null },
        { role: 'ApiTaskRole', action: 's3:GetObject', resource: '*', accessLevel: 'Read', condition: null },
        { role: 'ApiTaskRole', action: 's3:DeleteObject', resource: '*', accessLevel: 'Write', condition: null },
      ],
    );
    assert.deepEqual(s!.exposure, {
      before: { publicIp: true, internetIngress: true, defaultRoute: 'igw' },
      after: { publicIp: false, internetIngress: true, defaultRoute: 'endpoints-only' },
    });
    assert.deepEqual(s!.needs.lost, [{ service: 'dynamodb', reason: 'task role permissions (dynamodb)', kind: 'runtime', newlyNeeded: false, before: 'igw', after: null, wasCovered: true }]);
    assert.deepEqual(Object.keys(json.findings), ['new', 'resolved', 'unchanged', 'undecided', 'suppressed']);
    assert.deepEqual(Object.keys(json.findings.new[0]!).slice(0, 7), ['ruleId', 'severity', 'resource', 'service', 'file', 'line', 'message']);
    assert.deepEqual(json.findings.new.map((f) => f.ruleId), ['FW103', 'FW301']);
  });

  it('security-group rules carry the documented fields and the service’s point of view', () => {
    const json = toDiffJson(diffScenario('sg-reference'));
    const [rule] = json.services[0]!.securityGroupRules.added;
    assert.deepEqual(
      { group: rule!.group, direction: rule!.direction, protocol: rule!.protocol, ports: rule!.ports, peer: rule!.peer, serviceDirection: rule!.serviceDirection },
      { group: 'DatabaseSecurityGroup', direction: 'ingress', protocol: 'tcp', ports: '5432', peer: 'sg:ApiSecurityGroup', serviceDirection: 'egress' },
    );
  });

  it('a change listed only because it is written differently says so (`covered`), in JSON, text and the comment', () => {
    const diff = diffScenario('iam-narrowed');
    const { added, removed } = toDiffJson(diff).services[0]!.permissions;
    assert.deepEqual([added.map((p) => p.covered), removed.map((p) => p.covered)], [[true, true], [false, false]]);
    const text = renderDiffText(diff, { color: false });
    assert.equal(text.match(/^ {2}\+ permission .*\(\w+, already allowed\) /gm)?.length, 2);
    assert.doesNotMatch(text, /^ {2}- permission .*still allowed/m);
    const comment = renderComment(diff);
    assert.equal(comment.match(/^\| \+ \(already allowed\) \| `/gm)?.length, 2);
    assert.equal(comment.match(/^\| − \| `/gm)?.length, 2);
  });

  it('a rule under a Condition the files do not decide says so; other rules have no such key', () => {
    const json = toDiffJson(diffScenario('rule-conditional'));
    const { added, removed } = json.services[0]!.securityGroupRules;
    assert.deepEqual([added.map((r) => r.conditional), removed.map((r) => 'conditional' in r)], [[true], [false]]);
  });

  it('endpoint changes: rules of endpoint groups name the endpoint, policy statements come after the documented keys', () => {
    const opened = toDiffJson(diffScenario('endpoint-sg-opened'));
    const [rule] = opened.services[0]!.securityGroupRules.added;
    assert.deepEqual(
      { group: rule!.group, peer: rule!.peer, relation: rule!.relation, endpoint: rule!.endpoint, serviceDirection: rule!.serviceDirection, world: rule!.world },
      { group: 'EndpointSecurityGroup', peer: '0.0.0.0/0', relation: 'endpoint', endpoint: 'EcrApiEndpoint', serviceDirection: 'egress', world: true },
    );
    const json = JSON.parse(renderDiffJson(diffScenario('endpoint-policy'))) as DiffJson;
    const [s] = json.services;
    assert.deepEqual(Object.keys(s!).slice(0, 5), ['key', 'status', 'permissions', 'securityGroupRules', 'exposure']);
    assert.equal(Object.keys(s!).at(-1), 'endpointPolicies');
    assert.deepEqual(s!.endpointPolicies.removed, []);
    const [e] = s!.endpointPolicies.added;
    assert.deepEqual(
      { endpoint: e!.endpoint, effect: e!.effect, principal: e!.principal, action: e!.action, resource: e!.resource, condition: e!.condition, explicit: e!.explicit },
      { endpoint: 'SqsEndpoint', effect: 'Allow', principal: 'AWS:*', action: 'sqs:SendMessage', resource: '*', condition: null, explicit: true },
    );
    assert.equal(json.verdict, 'broadening');
  });

  it('says when a service was not compared, ECS Exec was turned on, and endpoints it starts using, as the comment does', () => {
    const notCompared = toDiffJson(diffScenario('head-unreadable')).services.find((s) => s.key === 'orders-api')!;
    assert.equal(notCompared.notCompared, 'orders.yaml could not be read on head');
    assert.deepEqual(toDiffJson(diffScenario('ecs-exec')).services[0]!.ecsExec, { before: false, after: true });
    assert.deepEqual(toDiffJson(diffExamples()).services[0]!.endpointsUsed?.started.includes('EcrApiEndpoint'), true);
    assert.equal('notCompared' in toDiffJson(diffExamples()).services[0]!, false, 'absent where it does not apply');
  });

  it('an unchanged CDK service keeps its construct path and reports no change', () => {
    const json = toDiffJson(diffScenario('cdk-hash'));
    assert.equal(json.verdict, 'none');
    assert.deepEqual(json.services.map((s) => [s.key, s.status, s.cdkPath]), [['OrdersStack/Service/Service', 'unchanged', 'OrdersStack/Service/Service']]);
    assert.equal(json.findings.unchanged.length, 2);
  });

  it('a public IP some outcomes of an undecided choice assign names them as data: what chooses, and its values typed as the template has them', () => {
    const app = (diff: PostureDiff) => JSON.parse(renderDiffJson(diff)).services.find((s: ServiceDiffJson) => s.key === 'app') as ServiceDiffJson;
    const twoKeys = app(diffTexts(publicIpByEnv([]), publicIpByEnv(['dev', 'staging'])));
    assert.deepEqual(twoKeys.exposure, {
      before: { publicIp: false, internetIngress: false, defaultRoute: 'nat' },
      after: { publicIp: true, publicIpCondition: { Env: ['dev', 'staging'] }, internetIngress: false, defaultRoute: 'nat' },
    });
    const ifOutcome = toDiffJson(diffScenario('if-public-ip')).services[0]!.exposure.after;
    assert.deepEqual(ifOutcome?.publicIpCondition, { IsProd: [false] });
  });

  it('keys that read as a list in words (`dev or qa`, `blue and green`) stay two values', () => {
    const names = { dev: 'dev or qa', staging: 'blue and green' };
    const json = toDiffJson(diffTexts(publicIpByEnv([], names), publicIpByEnv(['dev', 'staging'], names)));
    assert.deepEqual(json.services.find((s) => s.key === 'app')!.exposure.after?.publicIpCondition, { Env: ['dev or qa', 'blue and green'] });
  });

  it('a choice named like an object\'s built-in property is a key like any other', () => {
    const diff = diffScenario('if-public-ip');
    diff.services[0]!.exposure.after!.publicIpCondition = [{ condition: '__proto__', value: 'a' }, { condition: '__proto__', value: 'b' }];
    const json = JSON.parse(renderDiffJson(diff)) as DiffJson;
    assert.deepEqual(Object.entries(json.services[0]!.exposure.after!.publicIpCondition!), [['__proto__', ['a', 'b']]]);
  });
});
