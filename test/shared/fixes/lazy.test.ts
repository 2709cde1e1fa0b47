import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../../../src/shared/engine.ts';
import type { Fix } from '../../../src/shared/model/index.ts';
import { config, deps, fixture, scanFiles } from './support.ts';

/**
 * Fixes are built when a finding's `fix` is read, which may be long after the scan: after other
 * scans of other versions of the same file (the fix engine re-scans edited text under the same
 * path). A late build must still splice into the text its own scan read.
 */

const FILE = 'test/fixtures/fixes/public-alb.yaml';
const file = fixture(FILE);

function fixesOf(findings: { ruleId: string; resource: string; fix?: Fix }[]): [string, string, Fix | undefined][] {
  return findings.map((f) => [f.ruleId, f.resource, f.fix]);
}

describe('lazily built fixes', () => {
  it('read after scans of other versions of the file, still fit the text they were found in', () => {
    // No fix is read before the other scans, so nothing built for the original text is cached
    // when `early`'s fixes are built: they must find their own text again.
    const early = scanFiles([file]);
    // The same path with every offset moved: its parse replaces the cached tree of the original.
    const shift = '# moved down\n';
    const moved = scanFiles([{ path: FILE, text: `${shift}${file.text}` }]);
    scanFiles([fixture('test/fixtures/fixes/lockdown.yaml')]);
    const late = fixesOf(early.findings);

    const reference = fixesOf(scanFiles([file]).findings);
    assert.ok(reference.some(([, , fix]) => fix !== undefined), 'the fixture has fixable findings');
    assert.deepEqual(late, reference);
    const shifted = reference.map(([rule, resource, fix]): [string, string, Fix | undefined] => [
      rule,
      resource,
      fix === undefined
        ? undefined
        : { ...fix, edits: fix.edits.map((e) => ({ ...e, range: { start: e.range.start + shift.length, end: e.range.end + shift.length } })) },
    ]);
    assert.deepEqual(fixesOf(moved.findings), shifted);
  });

  it('are left out altogether when the scan is told nobody reads them', () => {
    const result = scan([file], deps(), config, { fixes: false });
    assert.ok(result.findings.length > 0);
    assert.ok(result.findings.every((f) => !('fix' in f)));
  });
});
