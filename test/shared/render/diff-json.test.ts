import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderDiffJson, renderDiffJsonChunks, toDiffJson, type DiffJson, type ServiceDiffJson } from '../../../src/shared/render/diff-json.ts';
import { readdirSync } from 'node:fs';
import { bigDiff, hostileDiff } from './comment-fixtures.ts';
import type { PostureDiff } from '../../../src/shared/diff/types.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIFF_FIXTURES, ROOT, diffExamples, diffScenario, diffTexts, publicIpByEnv } from '../diff/support.ts';
import { withStackCondition } from '../../../src/shared/model/index.ts';
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
      before: { publicIp: true, publicIpCondition: null, internetIngress: true, defaultRoute: 'igw' },
      after: { publicIp: false, publicIpCondition: null, internetIngress: true, defaultRoute: 'endpoints-only' },
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
      before: { publicIp: false, publicIpCondition: null, internetIngress: false, defaultRoute: 'nat' },
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

const fixture = (scenario: string, side: 'base' | 'head'): string => readFileSync(join(ROOT, DIFF_FIXTURES, scenario, side, 'template.yaml'), 'utf8');

/** `text` with `from` replaced by `to`, which must be there. */
function edited(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `the fixture holds ${from}`);
  return text.replace(from, to);
}

describe('diff --format json: a condition is data, its IAM part (`condition`) apart from the outcomes it exists under (`when`)', () => {
  it('a permission under an IAM Condition only, under an outcome only, and under both', () => {
    const head = edited(fixture('if-statement', 'head'), `              - !If
                - IsProd
                - !Ref AWS::NoValue
`, `              - Effect: Allow
                Action: s3:PutObject
                Resource: !Sub '\${Bucket.Arn}/*'
                Condition: { StringEquals: { 's3:x-amz-acl': private } }
              - !If
                - IsProd
                - Effect: Allow
                  Action: s3:ListBucket
                  Resource: !GetAtt Bucket.Arn
                  Condition: { StringLike: { 's3:prefix': [reports/*, exports/*] } }
                - !Ref AWS::NoValue
              - !If
                - IsProd
                - !Ref AWS::NoValue
`);
    const json = JSON.parse(renderDiffJson(diffTexts(fixture('if-statement', 'base'), head))) as DiffJson;
    const { added } = json.services[0]!.permissions;
    assert.deepEqual(added.map((p) => [p.action, p.condition, p.when]), [
      ['s3:PutObject', { StringEquals: { 's3:x-amz-acl': 'private' } }, null],
      ['s3:ListBucket', { StringLike: { 's3:prefix': ['reports/*', 'exports/*'] } }, { IsProd: [true] }],
      ['s3:DeleteObject', null, { IsProd: [false] }],
    ]);
    assert.deepEqual(Object.keys(added[0]!).slice(4, 7), ['roleKind', 'condition', 'when'], '`when` follows `condition`');
  });

  it('an endpoint policy statement keeps its Condition and the outcome it exists under apart', () => {
    const head = edited(edited(fixture('endpoint-policy', 'head'), `          - Effect: Allow
            Principal: '*'
            Action: sqs:SendMessage
            Resource: '*'
`, `          - !If
            - IsProd
            - Effect: Allow
              Principal: '*'
              Action: sqs:SendMessage
              Resource: '*'
              Condition: { StringEquals: { 'aws:PrincipalAccount': '123456789012' } }
            - !Ref AWS::NoValue
`), 'Resources:\n', 'Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n');
    const json = JSON.parse(renderDiffJson(diffTexts(fixture('endpoint-policy', 'base'), head))) as DiffJson;
    const { added } = json.services[0]!.endpointPolicies;
    assert.deepEqual(added.map((e) => [e.action, e.condition, e.when]), [['sqs:SendMessage', { StringEquals: { 'aws:PrincipalAccount': '123456789012' } }, { IsProd: [true] }]]);
    const plain = toDiffJson(diffScenario('endpoint-policy')).services[0]!.endpointPolicies.added;
    assert.deepEqual(plain.map((e) => [e.condition, e.when]), [[null, null]]);
  });

  it('a security-group rule under an outcome says it in `when`, as publicIpCondition does; others say null', () => {
    const { added } = toDiffJson(diffScenario('if-rule-item')).services[0]!.securityGroupRules;
    assert.deepEqual(added.map((r) => [r.ports, r.conditional, r.when, 'condition' in r]), [['22', true, { IsProd: [false] }, false]]);
    const unconditional = toDiffJson(diffScenario('sg-reference')).services[0]!.securityGroupRules.added;
    assert.deepEqual(unconditional.map((r) => r.when), [null]);
  });

  it('hostile keys (`__proto__`, quotes) in the IAM Condition and in the outcomes round-trip', () => {
    const diff = diffScenario('if-statement');
    const [permission] = diff.services[0]!.permissions.added;
    permission!.condition = JSON.stringify({
      'CloudFormation::Condition': JSON.parse('{"__proto__":true,"Env \\"x\\"":"pr\\"od"}'),
      StringEquals: JSON.parse('{"__proto__":"v","aws:\\"q\\"":["a","b"]}'),
    });
    const json = JSON.parse(renderDiffJson(diff)) as DiffJson;
    const [rendered] = json.services[0]!.permissions.added;
    assert.equal(JSON.stringify(rendered!.condition), '{"StringEquals":{"__proto__":"v","aws:\\"q\\"":["a","b"]}}');
    assert.equal(JSON.stringify(rendered!.when), '{"__proto__":[true],"Env \\"x\\"":["pr\\"od"]}');
  });

  it('a Condition that is not an object (a value the files do not resolve) is given as it is, beside its outcome', () => {
    const diff = diffScenario('if-statement');
    const [permission] = diff.services[0]!.permissions.added;
    permission!.condition = withStackCondition('"${unknown: Fn::ImportValue Conditions}"', { condition: 'IsProd', value: false });
    const [rendered] = toDiffJson(diff).services[0]!.permissions.added;
    assert.deepEqual([rendered!.condition, rendered!.when], ['${unknown: Fn::ImportValue Conditions}', { IsProd: [false] }]);
  });
});

describe('diff --format json in pieces', () => {
  const whole = (diff: PostureDiff): string => `${JSON.stringify(toDiffJson(diff), null, 2)}\n`;

  it('are JSON.stringify\'s text, byte for byte, for every diff scenario, the examples, a big diff and a hostile one (a report of few entries is one piece)', () => {
    const scenarios = readdirSync(join(ROOT, DIFF_FIXTURES), { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== '__snapshots__').map((d) => d.name);
    const diffs: [string, PostureDiff][] = [...scenarios.map((name): [string, PostureDiff] => [name, diffScenario(name)]), ['examples', diffExamples()], ['big', bigDiff(40, 20)], ['hostile', hostileDiff('"\\\n\u2028</script>', 3)]];
    for (const [name, diff] of diffs) {
      assert.equal([...renderDiffJsonChunks(diff, 0)].join(''), whole(diff), name);
      assert.deepEqual([...renderDiffJsonChunks(diff)], [whole(diff)], `${name}: small enough to be written whole`);
    }
  });

  it('hold a big diff in pieces of about a mebibyte, none near the longest string V8 makes', () => {
    // 30 services gaining and losing 1,000 permissions each: about 20 MB of JSON, made in pieces.
    const diff = bigDiff(30, 2000);
    const pieces = [...renderDiffJsonChunks(diff, 0)];
    const total = pieces.reduce((n, p) => n + p.length, 0);
    assert.ok(total > 16 * 2 ** 20, `${total} characters`);
    assert.ok(pieces.length >= 10, `${pieces.length} pieces`);
    assert.ok(pieces.every((p) => p.length < 2 * 2 ** 20), `largest piece ${Math.max(...pieces.map((p) => p.length))}`);
    assert.equal(pieces.join(''), whole(diff));
  });

  it('fall back to pieces, service by service and then deeper, where one string would be too long', () => {
    // As V8 refuses a string past its longest, here past 200,000 characters.
    const diff = bigDiff(6, 2000);
    const expected = whole(diff);
    const stringify = JSON.stringify;
    let refused = 0;
    JSON.stringify = ((value: unknown, replacer?: (number | string)[] | null, space?: string | number): string => {
      const text = stringify(value, replacer, space);
      if (text.length > 200_000) {
        refused++;
        throw new RangeError('Invalid string length');
      }
      return text;
    }) as typeof JSON.stringify;
    try {
      const pieces = [...renderDiffJsonChunks(diff)];
      assert.ok(refused >= 2, `the whole report and at least one service were refused (${refused})`);
      assert.equal(pieces.join(''), expected);
    } finally {
      JSON.stringify = stringify;
    }
  });
});
