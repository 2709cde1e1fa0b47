import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Rule } from '../../../src/shared/rules/types.ts';
import { FINGERPRINT_KEY, renderSarif, sarifUri, toSarif, type SarifLog } from '../../../src/shared/render/sarif.ts';
import { INTERNAL_FILE } from '../../../src/shared/rules/run.ts';
import { finding, sampleResult } from './sample.ts';

function rule(id: string, severity: Rule['meta']['severity'], area: Rule['meta']['area'] = 'network'): Rule {
  return {
    meta: { id, severity, area, title: `Title of ${id}: something is open`, description: `What ${id} looks for and why.`, messages: { m: 'x' }, fixable: false },
    check: () => undefined,
  };
}
const RULES = [rule('FW201', 'high'), rule('FW202', 'high'), rule('FW203', 'medium'), rule('FW209', 'low'), rule('FW101', 'critical', 'iam'), rule('FW308', 'info', 'endpoints')];

const LEVELS = ['none', 'note', 'warning', 'error'];

/**
 * What GitHub code scanning requires of an uploaded SARIF file (docs: "SARIF support for code
 * scanning"), checked field by field. Returns the problems found, empty when the log is valid.
 */
function githubSarifProblems(value: unknown): string[] {
  const problems: string[] = [];
  const need = (cond: boolean, what: string): void => {
    if (!cond) problems.push(what);
  };
  const log = value as SarifLog;
  need(log.version === '2.1.0', 'version must be 2.1.0');
  need(typeof log.$schema === 'string' && /^https:\/\//.test(log.$schema), '$schema must be a URL');
  need(Array.isArray(log.runs) && log.runs.length >= 1, 'runs must be a non-empty array');
  for (const run of log.runs ?? []) {
    const driver = run.tool?.driver;
    need(typeof driver?.name === 'string' && driver.name !== '', 'tool.driver.name is required');
    const rules = driver?.rules ?? [];
    need(rules.length <= 25_000, 'at most 25,000 rules per run');
    const ids = new Set<string>();
    for (const r of rules) {
      need(typeof r.id === 'string' && r.id !== '', 'rule.id is required');
      need(!ids.has(r.id), `rule ids must be unique (${r.id})`);
      ids.add(r.id);
      need(typeof r.name === 'string' && /^[A-Za-z0-9]+$/.test(r.name), `rule.name should be an identifier (${r.name})`);
      need(typeof r.shortDescription?.text === 'string' && r.shortDescription.text.length <= 1024, 'rule.shortDescription.text');
      need(typeof r.fullDescription?.text === 'string' && r.fullDescription.text.length <= 1024, 'rule.fullDescription.text');
      need(typeof r.helpUri === 'string' && URL.canParse(r.helpUri), 'rule.helpUri must be an absolute URI');
      need(LEVELS.includes(r.defaultConfiguration?.level), 'rule.defaultConfiguration.level');
      const tags = r.properties?.tags;
      need(Array.isArray(tags) && tags.length <= 20 && new Set(tags).size === tags.length && tags.every((t) => typeof t === 'string'), 'rule.properties.tags: ≤20 unique strings');
      const sev = r.properties?.['security-severity'];
      if (sev !== undefined) {
        need(typeof sev === 'string' && /^\d+(\.\d+)?$/.test(sev) && Number(sev) > 0 && Number(sev) <= 10, `security-severity must be a string number in (0, 10] (${sev})`);
        need(tags.includes('security'), 'a rule with security-severity is tagged security');
      }
    }
    need(Array.isArray(run.results), 'run.results must be present (empty when nothing was found)');
    need(run.results.length <= 25_000, 'at most 25,000 results per run');
    for (const res of run.results ?? []) {
      need(typeof res.ruleId === 'string' && ids.has(res.ruleId), `result.ruleId must name a rule (${res.ruleId})`);
      need(Number.isInteger(res.ruleIndex) && rules[res.ruleIndex]?.id === res.ruleId, `result.ruleIndex must point at its rule (${res.ruleId})`);
      need(LEVELS.includes(res.level), 'result.level');
      need(typeof res.message?.text === 'string' && res.message.text !== '', 'result.message.text is required');
      need(Array.isArray(res.locations) && res.locations.length >= 1 && res.locations.length <= 1000, 'result.locations: 1 to 1000');
      for (const loc of res.locations ?? []) {
        const uri = loc.physicalLocation?.artifactLocation?.uri;
        need(typeof uri === 'string' && !/^[a-z]+:/i.test(uri) && !uri.startsWith('/') && !uri.includes('\\'), `artifactLocation.uri must be relative with forward slashes (${uri})`);
        need(typeof uri === 'string' && /^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/.test(uri), `artifactLocation.uri must be a URI reference (${uri})`);
        const line = loc.physicalLocation?.region?.startLine;
        need(Number.isInteger(line) && line >= 1, 'region.startLine must be an integer ≥ 1');
      }
      const fp = res.partialFingerprints;
      need(typeof fp === 'object' && fp !== null && Object.values(fp).every((v) => typeof v === 'string' && v !== ''), 'partialFingerprints: string values');
      for (const s of res.suppressions ?? []) {
        need(s.kind === 'inSource' || s.kind === 'external', 'suppression.kind');
        need(typeof s.justification === 'string' && s.justification !== '', 'suppression.justification');
      }
    }
  }
  return problems;
}

describe('renderSarif', () => {
  const log = JSON.parse(renderSarif(sampleResult(), RULES, { toolVersion: '1.2.3' })) as SarifLog;
  const run = log.runs[0];

  it('is valid for GitHub code scanning', () => {
    assert.deepEqual(githubSarifProblems(log), []);
  });

  it('describes every rule with docs, level and security severity', () => {
    const fw201 = run.tool.driver.rules.find((r) => r.id === 'FW201');
    assert.ok(fw201);
    assert.equal(fw201.helpUri, 'https://github.com/fargate-warden/fargate-warden/blob/main/docs/rules/FW201.md');
    assert.equal(fw201.name, 'TitleOfFW201SomethingIsOpen');
    assert.equal(fw201.defaultConfiguration.level, 'error');
    assert.equal(fw201.properties['security-severity'], '8.0');
    assert.ok(fw201.properties.tags.includes('security'));
    const levels = Object.fromEntries(run.tool.driver.rules.map((r) => [r.id, [r.defaultConfiguration.level, r.properties['security-severity']]]));
    assert.deepEqual(levels, {
      FW201: ['error', '8.0'], FW202: ['error', '8.0'], FW203: ['warning', '5.5'], FW209: ['note', '3.0'], FW101: ['error', '9.5'], FW308: ['note', undefined],
    });
    assert.equal(run.tool.driver.version, '1.2.3');
  });

  it('maps findings to results with locations and levels', () => {
    assert.equal(run.results.length, 4);
    const first = run.results[0];
    assert.equal(first.ruleId, 'FW201');
    assert.equal(first.level, 'error');
    assert.equal(first.message.text, 'Service ApiService assigns a public IP to every task.');
    assert.deepEqual(first.locations[0].physicalLocation, { artifactLocation: { uri: 'template.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 45 } });
    assert.equal(run.results[1].level, 'warning');
    assert.equal(run.results[2].level, 'note');
  });

  it('marks suppressed findings with their kind and justification', () => {
    const suppressed = run.results.find((r) => r.ruleId === 'FW202');
    assert.deepEqual(suppressed?.suppressions, [{ kind: 'external', status: 'accepted', justification: 'reviewed in SEC-1' }]);
    const inline = sampleResult();
    inline.findings = [finding({ ruleId: 'FW203', resource: 'Sg', suppressed: { reason: 'firewall', by: 'inline' } })];
    assert.equal(toSarif(inline, RULES).runs[0].results[0].suppressions?.[0].kind, 'inSource');
  });

  it('fingerprints are stable across runs, unique, and survive a finding moving lines', () => {
    const again = toSarif(sampleResult(), RULES);
    assert.deepEqual(again.runs[0].results.map((r) => r.partialFingerprints), run.results.map((r) => r.partialFingerprints));
    const fps = run.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    assert.equal(new Set(fps).size, fps.length);
    const moved = sampleResult();
    moved.findings = moved.findings.map((f) => ({ ...f, line: f.line + 7 }));
    assert.deepEqual(toSarif(moved, RULES).runs[0].results.map((r) => r.partialFingerprints), run.results.map((r) => r.partialFingerprints));
  });

  it('two identical findings get distinct fingerprints', () => {
    const r = sampleResult();
    r.findings = [finding({ ruleId: 'FW202', resource: 'Sg', line: 3 }), finding({ ruleId: 'FW202', resource: 'Sg', line: 9 })];
    const fps = toSarif(r, RULES).runs[0].results.map((x) => x.partialFingerprints[FINGERPRINT_KEY]);
    assert.notEqual(fps[0], fps[1]);
  });

  it('applies severity overrides to rule defaults', () => {
    const sarif = toSarif(sampleResult(), RULES, { severity: { FW201: 'low' } });
    const fw201 = sarif.runs[0].tool.driver.rules.find((r) => r.id === 'FW201');
    assert.equal(fw201?.defaultConfiguration.level, 'note');
    assert.equal(fw201?.properties['security-severity'], '3.0');
  });

  it('adds a descriptor for a finding whose rule was not listed, so ruleIndex stays valid', () => {
    const sarif = toSarif(sampleResult(), [RULES[0]]);
    assert.deepEqual(githubSarifProblems(sarif), []);
  });

  it('reports errors as tool notifications; internal errors make the run unsuccessful', () => {
    const inv = run.invocations[0];
    assert.equal(inv.executionSuccessful, true);
    assert.equal(inv.toolExecutionNotifications[0].message.text, 'broken.yaml:3: invalid YAML: bad indentation');
    assert.deepEqual(inv.toolExecutionNotifications[0].locations?.[0].physicalLocation.region, { startLine: 3, startColumn: 5 });
    const r = sampleResult();
    r.errors.push({ file: INTERNAL_FILE, line: 0, message: 'internal error in rule FW201' });
    const inv2 = toSarif(r, RULES).runs[0].invocations[0];
    assert.equal(inv2.executionSuccessful, false);
    assert.equal(inv2.toolExecutionNotifications[1].locations, undefined);
  });

  it('an empty scan still has results: []', () => {
    const r = sampleResult();
    r.findings = [];
    r.errors = [];
    const sarif = toSarif(r, RULES);
    assert.deepEqual(sarif.runs[0].results, []);
    assert.deepEqual(githubSarifProblems(sarif), []);
  });

  it('clamps line 0 to 1 and encodes paths as URI references', () => {
    const r = sampleResult();
    r.findings = [finding({ ruleId: 'FW201', resource: 'S', file: 'infra/my stack#1.yaml', line: 0 })];
    const res = toSarif(r, RULES).runs[0].results[0];
    assert.equal(res.locations[0].physicalLocation.region.startLine, 1);
    assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'infra/my%20stack%231.yaml');
    assert.equal(sarifUri('./a\\b.yaml'), 'a/b.yaml');
    assert.equal(sarifUri('../up/x.yaml'), '../up/x.yaml');
  });
});
