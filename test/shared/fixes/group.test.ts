import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/shared/fixes/apply.ts';
import { combineFixes, groupFixes, slug } from '../../../src/shared/fixes/group.ts';
import { verifyFixes } from '../../../src/shared/fixes/verify.ts';
import type { VerifiedFix } from '../../../src/shared/fixes/types.ts';
import type { SourceFile } from '../../../src/shared/sources/types.ts';
import { config, deps, fixture, scanFiles } from './support.ts';

function verified(files: SourceFile[]): { fixes: VerifiedFix[]; result: ReturnType<typeof scanFiles> } {
  const result = scanFiles(files);
  return { fixes: verifyFixes(files, result, deps(), config).fixes, result };
}

const LOCKDOWN = fixture('test/fixtures/fixes/lockdown.yaml');

describe('groupFixes', () => {
  it('by rule: one branch-safe group per rule, each with its fix applied', () => {
    const { fixes, result } = verified([LOCKDOWN]);
    const groups = groupFixes(fixes, 'rule', [LOCKDOWN], { verify: { deps: deps(), config, result } });
    assert.deepEqual(groups.map((g) => g.id), ['fw301', 'fw302', 'fw303', 'fw306']);
    for (const g of groups) {
      assert.equal(g.fixes.length, 1);
      assert.deepEqual([...g.files], [...g.fixes[0].files]);
      assert.match(g.title, new RegExp(`^fargate-warden: fix ${g.fixes[0].finding.ruleId} — `));
    }
  });

  it('by service: everything for one service together, re-verified as a whole', () => {
    const { fixes, result } = verified([LOCKDOWN]);
    const [group, ...rest] = groupFixes(fixes, 'service', [LOCKDOWN], { verify: { deps: deps(), config, result } });
    assert.deepEqual(rest, []);
    assert.equal(group.id, 'inventory');
    assert.deepEqual(group.fixes.map((f) => f.finding.ruleId).sort(), ['FW301', 'FW302', 'FW303', 'FW306']);
    const expected = applyEdits(new Map([[LOCKDOWN.path, LOCKDOWN.text]]), fixes.flatMap((f) => f.fix.edits)).files.get(LOCKDOWN.path);
    assert.equal(group.files.get(LOCKDOWN.path), expected);
    // Together they leave none of the four findings.
    const after = scanFiles([{ path: LOCKDOWN.path, text: expected as string }]);
    assert.deepEqual(after.findings.filter((f) => ['FW301', 'FW302', 'FW303', 'FW306'].includes(f.ruleId)), []);
  });

  it('writes a body that says what is wrong, why, what changes, how to verify and how to roll out', () => {
    const { fixes } = verified([LOCKDOWN]);
    const [group] = groupFixes(fixes, 'service', [LOCKDOWN]);
    for (const heading of ['## What is wrong', '## Why it matters', '## What changes', '## How to verify after deploy', '## Rollout']) {
      assert.ok(group.body.includes(heading), heading);
    }
    assert.match(group.body, /https:\/\/github\.com\/fargate-warden\/fargate-warden\/blob\/main\/docs\/rules\/FW301\.md/);
    assert.match(group.body, /aws ecs describe-services/);
    assert.match(group.body, /runningCount/);
  });

  it('escapes what came from the template (no HTML, no @-mentions, no links)', () => {
    const text = LOCKDOWN.text.replace('ServiceName: inventory', "ServiceName: '<img src=x onerror=alert(1)> @admins #12'");
    const file = { path: LOCKDOWN.path, text };
    const { fixes } = verified([file]);
    const [group] = groupFixes(fixes, 'service', [file]);
    assert.equal(group.id, 'img-src-x-onerror-alert-1-admins-12');
    assert.ok(!group.body.includes('<img'), 'no raw HTML');
    assert.ok(!/(^|[^\u200b;])@admins/.test(group.body), 'mentions are broken');
    assert.ok(!group.title.includes('\n'));
  });

  it('moves a fix whose edits overlap another to a follow-up group, and says why in both', () => {
    const { fixes } = verified([LOCKDOWN]);
    const fw303 = fixes.find((f) => f.finding.ruleId === 'FW303') as VerifiedFix;
    const edit = fw303.fix.edits[0];
    const clash: VerifiedFix = {
      ...fw303,
      finding: { ...fw303.finding, resource: 'Other' },
      fix: { ...fw303.fix, edits: [{ ...edit, range: { start: edit.range.start - 1, end: edit.range.end + 1 }, text: 'x' }] },
    };
    const groups = groupFixes([fw303, clash], 'rule', [LOCKDOWN]);
    assert.deepEqual(groups.map((g) => g.id), ['fw303', 'fw303-2']);
    assert.match(groups[0].body, /## Left out of this pull request[\s\S]*overlap[\s\S]*fargate-warden\/fw303-2/);
    assert.match(groups[1].body, /could not go into `fargate-warden\/fw303`/);
  });

  it('re-verifies the combination: fixes fine alone but broken together are split', () => {
    const { fixes, result } = verified([LOCKDOWN]);
    const fw302 = fixes.find((f) => f.finding.ruleId === 'FW302') as VerifiedFix;
    const fw306 = fixes.find((f) => f.finding.ruleId === 'FW306') as VerifiedFix;
    // Both also add a resource named Extra: alone each parses, together the key is duplicated.
    const end = LOCKDOWN.text.length;
    const addExtra = (f: VerifiedFix, type: string): VerifiedFix => ({
      ...f,
      fix: { ...f.fix, edits: [...f.fix.edits, { file: LOCKDOWN.path, range: { start: end, end }, text: `  Extra${''}:\n    Type: ${type}\n` }] },
    });
    const a = addExtra(fw302, 'AWS::SQS::Queue');
    const b = addExtra(fw306, 'AWS::SNS::Topic');
    const groups = groupFixes([a, b], 'service', [LOCKDOWN], { verify: { deps: deps(), config, result } });
    assert.deepEqual(groups.map((g) => [g.id, g.fixes.map((f) => f.finding.ruleId)]), [['inventory', ['FW302']], ['inventory-2', ['FW306']]]);
    assert.match(groups[0].body, /applied together with the others, .*error/);
  });
});

describe('combineFixes', () => {
  it('applies every fix of several files together, most severe first', () => {
    const files = [LOCKDOWN, fixture('test/fixtures/fixes/public-alb.yaml')];
    const { fixes, result } = verified(files);
    const combined = combineFixes(fixes, files, { deps: deps(), config, result });
    assert.deepEqual(combined.leftOut, []);
    assert.equal(combined.kept[0].finding.severity, 'critical');
    assert.deepEqual([...combined.files.keys()].sort(), files.map((f) => f.path).sort());
  });
});

describe('slug', () => {
  const cases: [string, string][] = [
    ['FW203', 'fw203'], ['orders-api', 'orders-api'], ['Orders API (prod)', 'orders-api-prod'], ['--', 'fix'], ['Ünïcödé', 'unicode'],
    ['a'.repeat(80), 'a'.repeat(48)], ['path/to/Service/Resource', 'path-to-service-resource'],
  ];
  for (const [input, expected] of cases) it(`${input} → ${expected}`, () => assert.equal(slug(input), expected));
});
