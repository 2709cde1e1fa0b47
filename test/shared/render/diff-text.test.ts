import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderDiffText } from '../../../src/shared/render/diff-text.ts';
import { toDiffJson } from '../../../src/shared/render/diff-json.ts';
import { diffExamples, diffScenario, diffTexts, publicIpByEnv } from '../diff/support.ts';

describe('diff --format text', () => {
  it('states the verdict and why, then each changed service with its changes at file:line', () => {
    const text = renderDiffText(diffExamples(), { color: false });
    const lines = text.split('\n');
    assert.equal(lines[0], 'Posture diff: BROADENING: something can do or reach more, or can no longer reach what it needs');
    assert.equal(lines[1], '  broader   orders-api gains 3 permissions; orders-api can no longer reach dynamodb');
    // Endpoints the service starts using are listed (not counted toward the verdict).
    assert.match(text, /^ {2}\+ endpoint {4}LogsEndpoint policy: Allow \* on \* for \* \(default full-access policy\) {2}examples\/head\/network\.yaml:\d+$/m);
    assert.match(text, /^Service orders-api \(ApiService\) broadening {2}examples\/head\/api-service\.yaml:200$/m);
    assert.match(text, /^ {2}exposure {2}public IP yes → no · internet ingress yes · egress igw → endpoints-only$/m);
    assert.match(text, /^ {2}\+ permission {2}task role ApiTaskRole: s3:PutObject on \* \(Write\) {2}examples\/head\/api-service\.yaml:170$/m);
    assert.match(text, /^ {2}✗ reach {5}dynamodb \(task role permissions \(dynamodb\)\): no route or usable endpoint now, was via igw; calls will fail at run time$/m);
    assert.match(text, /^ {2}NEW {7}HIGH {5}FW103 {2}ApiTaskRole/m);
    assert.match(text, /^ {2}RESOLVED {2}HIGH {5}FW201 {2}ApiService {2}examples\/base\/api-service\.yaml:200$/m);
    assert.match(lines.at(-2)!, /^Summary: 1 service changed, 0 unchanged · findings 2 new, 2 resolved, 0 unchanged$/);
    assert.ok(!text.includes('\u001b'), 'no colour unless asked');
  });

  it('lists endpoint group rules and endpoint policy statements of the endpoints a service uses', () => {
    const opened = renderDiffText(diffScenario('endpoint-sg-opened'), { color: false });
    assert.match(opened, /^ {2}broader {3}billing-worker endpoint security groups gain 1 rule \(1 open to the internet\)$/m);
    assert.match(opened, /^ {2}\+ rule {8}EndpointSecurityGroup ingress tcp port 443 from 0\.0\.0\.0\/0 \(internet\) \(group of endpoint EcrApiEndpoint, which the service uses\) {2}test\/fixtures\/diff\/endpoint-sg-opened\/head\/template\.yaml:113$/m);
    const policy = renderDiffText(diffScenario('endpoint-policy'), { color: false });
    assert.match(policy, /^ {2}\+ endpoint {4}SqsEndpoint policy: Allow sqs:SendMessage on \* for AWS:\* {2}test\/fixtures\/diff\/endpoint-policy\/head\/template\.yaml:\d+$/m);
  });

  it('a changed service whose listed changes add up to nothing says so, not "changed findings"', () => {
    const diff = diffScenario('iam-narrowed');
    const [s] = diff.services;
    const quiet = { ...diff, verdict: 'none' as const, reasons: [], services: [{ ...s!, verdict: 'none' as const, reasons: [], findings: { new: [], resolved: [], undecided: [], suppressed: [] } }] };
    const text = renderDiffText(quiet, { color: false });
    assert.match(text, /^Service \S+ .*changed, nothing gained or lost/m);
    assert.doesNotMatch(text, /changed findings/);
  });

  it('says in one line when nothing Fargate-relevant changed', () => {
    const text = renderDiffText(diffScenario('unrelated'), { color: false });
    assert.match(text, /^Posture diff: no posture change\n\nNo Fargate-relevant change: the permissions, network exposure and reachability of 1 service stay the same\.\n\nUnchanged: 1 service: orders-api\n/);
  });

  it('lists the values head newly leaves undecided, and counts them in the summary', () => {
    const text = renderDiffText(diffScenario('undecided-import'), { color: false });
    assert.match(text, /^Newly unknown \(head leaves these values undecided; base decided them, or left them undecided with other possible values\)\n {2}test\/fixtures\/diff\/undecided-import\/head\/template\.yaml:23 {2}Resources\.TaskRole\.Properties\.Policies\[0\]\.PolicyDocument\.Statement\[0\]\.Resource: Fn::ImportValue shared-orders-table-arn$/m);
    assert.doesNotMatch(text, /No longer unknown/);
    assert.match(text, / · 1 newly unknown value\n$/);
  });

  it('cannot drive the terminal with escape sequences from a template', () => {
    const diff = diffScenario('edited-statement');
    const evil = 'orders\u001b[2J\u001b]0;pwned\u0007api';
    diff.services[0]!.key = evil;
    diff.services[0]!.reasons = diff.services[0]!.reasons.map((r) => ({ ...r, service: evil }));
    const text = renderDiffText(diff, { color: false });
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f\u007f]/);
    assert.match(text, /orders \[2J \]0;pwned api/);
  });

  it('a public IP under some outcomes says which, as before the outcomes were data: one condition\'s, several keys of a mapping', () => {
    assert.match(renderDiffText(diffScenario('if-public-ip'), { color: false }), /^ {2}exposure {2}public IP no → yes \(only when Condition IsProd is false\) · /m);
    const names = { dev: 'dev or qa', staging: 'blue and green' };
    const twoKeys = renderDiffText(diffTexts(publicIpByEnv(['dev'], names), publicIpByEnv(['dev', 'staging'], names)), { color: false });
    assert.match(twoKeys, /^ {2}exposure {2}public IP yes \(only when Env is dev or qa\) → yes \(only when Env is dev or qa or blue and green\) · internet ingress no · egress nat$/m);
    assert.match(twoKeys, /^ {2}broader {3}app now gets a public IP when Env is dev or qa or blue and green \(before, only when Env is dev or qa\)$/m);
  });

  it('colours when asked', () => {
    assert.ok(renderDiffText(diffExamples(), { color: true }).includes('\u001b[1m'));
  });

  it('FW301 findings of a service left with no path to AWS at all read as one entry, ×N; the summary and the JSON count each', () => {
    const diff = diffScenario('nat-route');
    const text = renderDiffText(diff, { color: false });
    assert.equal(text.match(/^ {2}[A-Z]+ +[A-Z]+ +FW301/gm)?.length, 1, text);
    assert.match(text, /^ {2}NEW {7}CRITICAL FW301 ×5 {2}ApiService {2}test\/fixtures\/diff\/nat-route\/head\/template\.yaml:\d+$/m);
    assert.match(text.replace(/\n {21}/g, ' '), /Service orders-api has no path to AWS: .* One cause for 5 FW301 findings, one per AWS service it cannot reach: ecr\.api, ecr\.dkr, s3 and logs, which its tasks need at start-up/);
    assert.match(text, /findings 5 new, 0 resolved/);
    assert.equal(toDiffJson(diff).findings.new.filter((f) => f.ruleId === 'FW301').length, 5);
  });
});
