import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultConfig } from '../../../src/shared/config/index.ts';
import { scan } from '../../../src/shared/engine.ts';
import { loadIamCatalog } from '../../../src/shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../../../src/shared/io/managed-policies.ts';
import { renderJson, renderMarkdown, renderSarif, renderText } from '../../../src/shared/render/index.ts';
import { entryLine, serviceEntries } from '../../../src/shared/render/summary.ts';
import type { Finding } from '../../../src/shared/model/index.ts';
import { allRules } from '../../../src/shared/rules/index.ts';

const SCENARIOS = resolve(import.meta.dirname, '../../fixtures/scenarios');
const scanText = (text: string) => scan([{ path: 'inventory.yaml', text }], { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() }, defaultConfig());
/** The complete lock-down of reference 003 with every VPC endpoint taken out: no NAT, no endpoint, no way to AWS. */
const noEndpoints = readFileSync(resolve(SCENARIOS, 'ecr-lockdown-good.yaml'), 'utf8')
  .split(/\n(?= {2}[A-Za-z0-9]+:\n)/)
  .filter((resource) => !resource.includes('Type: AWS::EC2::VPCEndpoint'))
  .join('\n');

describe('FW301 findings of a service with no path to AWS at all', () => {
  const result = scanText(noEndpoints);

  it('stay one finding per AWS service in the results, the JSON and their keys', () => {
    assert.equal(result.services[0]?.egress, 'none');
    const fw301 = result.findings.filter((f) => f.ruleId === 'FW301');
    assert.deepEqual(fw301.map((f) => f.message.match(/cannot reach (\S+),/)?.[1]).sort(), ['ecr.api', 'ecr.dkr', 'logs', 's3']);
    assert.ok(fw301.every((f) => f.severity === 'critical' && f.resource === 'Service' && f.service === 'inventory'));
    assert.equal((JSON.parse(renderJson(result)) as { findings: { ruleId: string }[] }).findings.filter((f) => f.ruleId === 'FW301').length, 4);
  });

  it('read as one entry in the text report: the cause once, the AWS services it breaks listed', () => {
    const text = renderText(result, { color: false });
    assert.equal(text.match(/^ {2}[A-Z]+ +FW301/gm)?.length, 1, text);
    assert.match(text, /^ {2}CRITICAL FW301 ×4 {2}Service {2}inventory\.yaml:\d+$/m);
    const message = text.replace(/\n {11}/g, ' ');
    assert.match(message, /Service inventory has no path to AWS: its subnets have no usable route to the internet and its VPC has no VPC endpoint\. One cause for 4 FW301 findings, one per AWS service it cannot reach: ecr\.api, ecr\.dkr, s3 and logs, which its tasks need at start-up, so tasks will fail to start\./);
    assert.match(text, /Summary: 1 template · 1 service · 4 critical/, 'the counts still count each finding');
  });

  it('read as one entry in the markdown report', () => {
    const md = renderMarkdown(result);
    const items = md.split('\n').filter((l) => l.startsWith('- ') && l.includes('FW301'));
    assert.equal(items.length, 1, md);
    assert.match(items[0]!, /\*\*critical\*\* \[FW301\]\([^)]+\) ×4 `Service`/);
    assert.match(items[0]!, /One cause for 4 FW301 findings/);
    assert.match(md, /4 critical in 1 service/);
  });

  it('a service whose VPC has endpoints, missing some, keeps one entry per AWS service: each is its own missing endpoint', () => {
    const pitfall = scan([{ path: 'pitfall1.yaml', text: readFileSync(resolve(SCENARIOS, 'pitfall1-nat-removed.yaml'), 'utf8') }], { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() }, defaultConfig());
    const worker = pitfall.services.find((s) => s.key === 'orders-worker');
    assert.equal(worker?.egress, 'endpoints-only');
    const fw301 = pitfall.findings.filter((f) => f.ruleId === 'FW301' && f.service === 'orders-worker');
    assert.equal(fw301.length, 2);
    const text = renderText(pitfall, { color: false });
    assert.doesNotMatch(text, /FW301 ×/);
    assert.equal(text.match(/ FW301 {2}/g)?.length, pitfall.findings.filter((f) => f.ruleId === 'FW301').length);
  });
});

/** mappings-by-env.yaml with `keys` added to Env's AllowedValues, each opening TCP 8080 to the world as dev does. */
const worldUnder = (...keys: string[]): string => {
  const fixture = readFileSync(resolve(import.meta.dirname, '../../fixtures/cfn/mappings-by-env.yaml'), 'utf8');
  return fixture
    .replace('AllowedValues: [dev, staging, prod]', `AllowedValues: [dev, staging, prod, ${keys.map((k) => JSON.stringify(k)).join(', ')}]`)
    .replace('    sandbox: { IngressCidr: 0.0.0.0/0, Tier: small }\n', keys.map((k) => `    ${JSON.stringify(k)}: { IngressCidr: 0.0.0.0/0, Tier: small }\n`).join(''));
};
const fw202Lines = (text: string): string[] => text.split('\n').filter((l) => /^ {2}[A-Z]+ +FW202/.test(l));

describe('findings of one rule at one place that differ only in the key of their `when` clause', () => {
  it('stay one finding per key in the results, the JSON and the SARIF', () => {
    const result = scanText(worldUnder('sandbox'));
    const fw202 = result.findings.filter((f) => f.ruleId === 'FW202');
    assert.deepEqual(fw202.map((f) => f.message.match(/when Env is (\w+)\./)?.[1]), ['dev', 'sandbox']);
    assert.equal((JSON.parse(renderJson(result)) as { findings: { ruleId: string }[] }).findings.filter((f) => f.ruleId === 'FW202').length, 2);
    const sarif = JSON.parse(renderSarif(result, allRules)) as { runs: { results: { ruleId: string }[] }[] };
    assert.equal(sarif.runs[0]!.results.filter((r) => r.ruleId === 'FW202').length, 2);
  });

  it('carry the outcome they hold under as data, which the JSON and the SARIF leave out', () => {
    const result = scanText(worldUnder('sandbox'));
    assert.deepEqual(result.findings.filter((f) => f.ruleId === 'FW202').map((f) => f.outcome?.when), [[{ condition: 'Env', value: 'dev' }], [{ condition: 'Env', value: 'sandbox' }]]);
    assert.doesNotMatch(renderJson(result), /"outcome"|"before"/);
    assert.doesNotMatch(renderSarif(result, allRules), /"outcome"|"before"/);
  });

  it('read as one entry naming every key, in the text and markdown reports', () => {
    const result = scanText(worldUnder('sandbox'));
    const text = renderText(result, { color: false });
    assert.deepEqual(fw202Lines(text), ['  HIGH     FW202 ×2  TaskSg  inventory.yaml:69']);
    assert.match(text.replace(/\n {11}/g, ' '), /admits TCP 8080 from 0\.0\.0\.0\/0 \(anywhere\) when Env is dev or sandbox\. Admit only/);
    assert.match(text, /Summary: .*2 high/, 'the counts still count each finding');
    const items = renderMarkdown(result).split('\n').filter((l) => l.startsWith('- ') && l.includes('FW202'));
    assert.equal(items.length, 1);
    assert.match(items[0]!, /\[FW202\]\([^)]+\) ×2 .*when Env is dev or sandbox\. Admit only/);
  });

  it('a hostile key is named as written, escaped in markdown', () => {
    const result = scanText(worldUnder('@octocat <img src=x> [pwn](https://evil.example)'));
    const items = renderMarkdown(result).split('\n').filter((l) => l.startsWith('- ') && l.includes('FW202'));
    assert.equal(items.length, 1);
    assert.match(items[0]!, /when Env is @&#8203;octocat &lt;img src\\=x&gt; \\\[pwn\\\]\\\(https\\:&#8203;\/\/evil\.example\\\) or dev\. Admit only/);
    assert.doesNotMatch(items[0]!, /@octocat|<img|\[pwn\]\(/);
  });

  it('keys that read like the clause itself are joined as written: the keys come from the findings, not their messages', () => {
    const text = renderText(scanText(worldUnder('a (anywhere) when Env is b', 'a (anywhere) when Env is c').replace('dev: { IngressCidr: 0.0.0.0/0', 'dev: { IngressCidr: 10.9.0.0/16')), { color: false });
    assert.deepEqual(fw202Lines(text), ['  HIGH     FW202 ×2  TaskSg  inventory.yaml:70'], text);
    assert.match(text.replace(/\n {11}/g, ' '), / \(anywhere\) when Env is a \(anywhere\) when Env is b or a \(anywhere\) when Env is c\. Admit only/);
  });

  it('a parameter whose name starts with a digit chooses keys like any other', () => {
    const text = renderText(scanText(worldUnder('sandbox').replace(/\bEnv\b/g, '9Env')), { color: false });
    assert.deepEqual(fw202Lines(text), ['  HIGH     FW202 ×2  TaskSg  inventory.yaml:69'], text);
    assert.match(text.replace(/\n {11}/g, ' '), / \(anywhere\) when 9Env is dev or sandbox\. Admit only/);
  });
});

describe('serviceEntries joins findings by the outcome they carry, not by their messages', () => {
  const at = { ruleId: 'FW202', severity: 'high', resource: 'TaskSg', resourceId: 't.yaml#TaskSg', service: 'app', file: 't.yaml', line: 9 } as const;
  const under = (value: string | boolean, before = 'Group TaskSg is open', after = '. Close it.', condition = 'Env'): Finding => ({
    ...at,
    message: `${before} when ${condition} is ${String(value)}${after}`,
    outcome: { when: [{ condition, value }], before, after },
  });
  /** FW202's message around its clause, as the rule words it. */
  const FW202_BEFORE = 'Security group TaskSg of service app admits TCP 8080 from 0.0.0.0/0 (anywhere)';
  const FW202_AFTER = '. Admit only the load balancer\'s or the calling services\' security groups instead.';
  const messages = (findings: Finding[]): string[] => serviceEntries(findings, undefined).map((entry) => entryLine('app', entry).finding.message);

  it('one entry for findings under keys of one parameter, the keys in the findings\' order, whatever the messages hold', () => {
    assert.deepEqual(messages([under('dev'), under('sandbox'), under('qa')]), ['Group TaskSg is open when Env is dev, sandbox or qa. Close it.']);
    // The entry is worded from the outcomes: a message that lost its clause in a rewording still joins.
    assert.deepEqual(messages([{ ...under('dev'), message: 'reworded' }, under('sandbox')]), ['Group TaskSg is open when Env is dev or sandbox. Close it.']);
    const [entry] = serviceEntries([under('dev'), under('sandbox')], undefined);
    assert.equal(entryLine('app', entry!).times, ' ×2');
  });

  it('findings whose messages only read as keyed stay one by one: no outcome, no entry', () => {
    const keyed = (value: string): Finding => ({ ...at, message: `${FW202_BEFORE} when Env is ${value}${FW202_AFTER}` });
    assert.deepEqual(messages([keyed('dev'), keyed('sandbox')]), [keyed('dev').message, keyed('sandbox').message]);
    assert.equal(messages([under('dev', FW202_BEFORE, FW202_AFTER), keyed('sandbox')]).length, 2);
    assert.deepEqual(messages([under('dev', FW202_BEFORE, FW202_AFTER), under('sandbox', FW202_BEFORE, FW202_AFTER)]), [`${FW202_BEFORE} when Env is dev or sandbox${FW202_AFTER}`]);
  });

  it('stay one by one when more than the key sets them apart', () => {
    assert.equal(messages([under('dev'), under('sandbox', 'Group TaskSg is wide open')]).length, 2, 'the text before the clause');
    assert.equal(messages([under('dev'), under('sandbox', undefined, '. Close it now.')]).length, 2, 'the text after it');
    assert.equal(messages([under('dev'), under('sandbox', undefined, undefined, 'Stage')]).length, 2, 'the parameter');
    assert.equal(messages([under('dev'), under('dev')]).length, 2, 'one key twice');
    assert.equal(messages([under(true, undefined, undefined, 'IsProd'), under(false, undefined, undefined, 'IsProd')]).length, 2, 'a condition\'s two outcomes');
  });
});
