import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { verifyFixes } from '../../../src/shared/fixes/verify.ts';
import type { Edit, Finding, Fix } from '../../../src/shared/model/index.ts';
import type { ScanResult } from '../../../src/shared/engine.ts';
import { config, deps, findingOf, fixture, scanFiles } from './support.ts';

/**
 * Verification by re-analysis: a fix whose result still has the finding, has a new finding as
 * severe, or no longer parses is dropped, with a reason the CLI and the App show.
 */

const FILE = 'test/fixtures/fixes/public-alb.yaml';
const file = fixture(FILE);

/** The scan with one finding's fix replaced, and every other fix removed. */
function withFix(ruleId: string, resource: string, fix: Fix): { result: ScanResult; finding: Finding } {
  const result = scanFiles([file]);
  for (const f of result.findings) delete f.fix;
  const finding = findingOf(result, ruleId, resource);
  finding.fix = fix;
  return { result, finding };
}

function insertAfter(marker: string, text: string): Edit {
  const at = file.text.indexOf(marker) + marker.length;
  assert.ok(at >= marker.length, marker);
  return { file: FILE, range: { start: at, end: at }, text };
}

function verify(ruleId: string, resource: string, edits: Edit[]): string[] {
  const { result } = withFix(ruleId, resource, { title: 't', explanation: 'e', edits });
  const out = verifyFixes([file], result, deps(), config);
  assert.equal(out.fixes.length + out.dropped.length, 1);
  return out.dropped.map((d) => d.reason);
}

const EGRESS_443 = '\n      SecurityGroupEgress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }]';

describe('verifyFixes', () => {
  it('keeps a fix whose finding disappears', () => {
    assert.deepEqual(verify('FW203', 'TaskSg', [insertAfter('Tags: [{ Key: team, Value: web }]', EGRESS_443)]), []);
  });

  const drops: [name: string, rule: string, resource: string, edits: () => Edit[], reason: RegExp][] = [
    ['a fix with no edits', 'FW203', 'TaskSg', () => [], /no edits/],
    ['a fix that changes nothing', 'FW203', 'TaskSg', () => [{ file: FILE, range: { start: 0, end: 1 }, text: file.text[0] }], /changes nothing/],
    ['a fix whose own edits overlap', 'FW203', 'TaskSg', () => [
      { file: FILE, range: { start: 10, end: 20 }, text: 'x' }, { file: FILE, range: { start: 15, end: 25 }, text: 'y' },
    ], /cannot be applied together: overlaps/],
    ['a fix after which the finding is still there', 'FW203', 'TaskSg', () => [insertAfter('GroupDescription: "storefront tasks"', '  # egress later')], /still reports FW203 on TaskSg/],
    ['a fix that adds a finding as severe (here a second world ingress, high, for a medium finding)', 'FW203', 'TaskSg', () => [
      insertAfter('Tags: [{ Key: team, Value: web }]', EGRESS_443),
      insertAfter('CidrIp: "0.0.0.0/0"   # TODO: tighten', '\n      - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }'),
    ], /introduces FW202 \(high\) on TaskSg/],
    ['a fix that breaks the template', 'FW203', 'TaskSg', () => [insertAfter('Tags: [{ Key: team, Value: web }]', '\n      SecurityGroupEgress: [{ IpProtocol: tcp')], /reports an error/],
    ['a fix that edits a file that is not scanned', 'FW203', 'TaskSg', () => [{ file: 'elsewhere.yaml', range: { start: 0, end: 0 }, text: 'x' }], /not among the files/],
  ];
  for (const [name, rule, resource, edits, reason] of drops) {
    it(`drops ${name}`, () => {
      const reasons = verify(rule, resource, edits());
      assert.equal(reasons.length, 1);
      assert.match(reasons[0], reason);
    });
  }

  it('tolerates a new finding less severe than the fixed one', () => {
    // Fix FW202 (high) by removing the ingress rule's world CIDR in favour of the ALB, and add a low finding on the way:
    // a CIDR rule from the ALB's subnet (FW204, low) is fine.
    const at = file.text.indexOf('CidrIp: "0.0.0.0/0"   # TODO: tighten');
    const edits: Edit[] = [
      { file: FILE, range: { start: at, end: at + 'CidrIp: "0.0.0.0/0"'.length }, text: 'SourceSecurityGroupId: !GetAtt AlbSg.GroupId' },
      insertAfter('# TODO: tighten', '\n      - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 10.0.0.0/24 }'),
    ];
    const { result } = withFix('FW202', 'TaskSg', { title: 't', explanation: 'e', edits });
    const out = verifyFixes([file], result, deps(), config);
    assert.deepEqual(out.dropped.map((d) => d.reason), []);
    assert.equal(out.fixes.length, 1);
    const fixed = out.fixes[0].files.get(FILE) as string;
    assert.ok(scanFiles([{ path: FILE, text: fixed }]).findings.some((f) => f.ruleId === 'FW204' && f.severity === 'low'));
  });

  it('skips suppressed findings and, with `only`, findings of other rules', () => {
    const result = scanFiles([file]);
    const fw203 = findingOf(result, 'FW203', 'TaskSg');
    fw203.suppressed = { reason: 'accepted', by: 'config' };
    const out = verifyFixes([file], result, deps(), config, { only: (f) => f.ruleId !== 'FW202' });
    assert.deepEqual([...out.fixes, ...out.dropped].map((v) => v.finding.ruleId), []);
    const all = verifyFixes([file], scanFiles([file]), deps(), config);
    assert.deepEqual(all.fixes.map((v) => v.finding.ruleId).sort(), ['FW202', 'FW203']);
  });
});
