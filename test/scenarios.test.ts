// The named scenarios of test/fixtures/scenarios, each scanned on its own through the real
// pipeline (collectFiles → scan with the shipped IAM catalog and managed-policy snapshot), against
// the tables of test/fixtures/scenarios/EXPECTED.md. The tables are parsed, not copied: changing
// the document without the engine, or the engine without the document, fails here. Each
// template's header comment repeats its expected findings; it is checked against the table too.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultConfig } from '../src/shared/config/index.ts';
import { scan, type ScanResult } from '../src/shared/engine.ts';
import { collectFiles } from '../src/shared/io/walk.ts';
import { loadIamCatalog } from '../src/shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../src/shared/io/managed-policies.ts';

const DIR = resolve(import.meta.dirname, 'fixtures/scenarios');
const EXPECTED = readFileSync(join(DIR, 'EXPECTED.md'), 'utf8');
const deps = { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() };

/** What each reference point is demonstrated by; every one of them must have a scenario. */
const REFERENCE: Record<string, string> = {
  'pitfall1-nat-removed.yaml': 'reference 000 pitfall 1: allow-all egress hides needs without an endpoint once the NAT is gone',
  'pitfall2-exec-role-app-perms.yaml': 'reference 000 pitfall 2: application permissions on the execution role',
  'pitfall3-small-subnets.yaml': 'reference 000 pitfall 3: subnets too small for peak tasks × 2',
  'ecr-lockdown-good.yaml': 'reference 003: the complete ECR lock-down reports nothing',
  'ecr-lockdown-missing-s3.yaml': 'reference 003: no S3 endpoint for ECR image layers',
  'ecr-lockdown-no-prefix-list.yaml': 'reference 003: no task egress to the S3 prefix list',
  'ecr-lockdown-endpoint-sg.yaml': 'reference 003: endpoint security group does not admit the tasks',
  'ecr-lockdown-wrong-subnets.yaml': 'reference 003: endpoints not in every subnet/AZ of the tasks',
  'ecr-lockdown-private-dns-off.yaml': 'reference 003: private DNS not enabled on the endpoints',
  'ecr-lockdown-vpc-dns-hostnames.yaml': 'reference 003: private DNS needs the VPC\'s DNS support and hostnames (the Amazon-provided resolver)',
  'public-service.yaml': 'reference 000 reflection exercise: the public "before" picture',
};

/** Data rows of the first markdown table at or after the line matching `heading`. */
function tableAfter(markdown: string, heading: RegExp): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => heading.test(l));
  assert.ok(start >= 0, `EXPECTED.md has no section matching ${heading}`);
  const rows: string[][] = [];
  let inTable = false;
  // The heading may be the table's own header row.
  for (const line of lines.slice(lines[start]!.startsWith('|') ? start : start + 1)) {
    if (line.startsWith('|')) {
      inTable = true;
      rows.push(line.slice(1, line.lastIndexOf('|')).split('|').map((c) => c.trim()));
    } else if (inTable) break;
    else if (line.startsWith('#')) break;
  }
  assert.ok(rows.length > 2, `no table after ${heading}`);
  return rows.slice(2); // header and separator
}

const unquote = (cell: string): string => cell.replace(/`/g, '');

interface ExpectedFinding { ruleId: string; severity: string; resource: string }
const key = (f: ExpectedFinding): string => `${f.ruleId} ${f.severity} ${f.resource}`;

function expectedFindings(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [scenario, rule, severity, resource] of tableAfter(EXPECTED, /^\| scenario \| rule \|/)) {
    const file = unquote(scenario!);
    const list = out.get(file) ?? [];
    if (rule !== '—') list.push(key({ ruleId: rule!, severity: severity!, resource: unquote(resource!) }));
    out.set(file, list);
  }
  return out;
}

/** `true`, `**false**`, `unknown¹`, `true (NAT)`, `true (igw)` → covered and, when stated, the path. */
function parseCoverage(cell: string): { covered: boolean | 'unknown'; via?: string } {
  const m = /^\**(true|false|unknown)\**¹?(?: \((NAT|igw)\))?$/.exec(cell.trim());
  assert.ok(m, `unreadable coverage cell "${cell}"`);
  const covered = m[1] === 'unknown' ? 'unknown' : m[1] === 'true';
  return m[2] === undefined ? { covered } : { covered, via: m[2].toLowerCase() };
}

function expectedCoverage(): Map<string, Map<string, { covered: boolean | 'unknown'; via?: string }>> {
  const rows = tableAfter(EXPECTED, /^## Coverage the engine should report/);
  const out = new Map<string, Map<string, { covered: boolean | 'unknown'; via?: string }>>();
  const columns = ['ecr.api', 'ecr.dkr', 's3', 'logs'];
  for (const row of rows) {
    const needs = new Map<string, { covered: boolean | 'unknown'; via?: string }>();
    columns.forEach((service, i) => needs.set(service, parseCoverage(row[i + 1]!)));
    const other = row[5] ?? '';
    for (const part of other.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
      const space = part.indexOf(' ');
      needs.set(part.slice(0, space), parseCoverage(part.slice(space + 1)));
    }
    out.set(`${unquote(row[0]!)}.yaml`, needs);
  }
  return out;
}

/** The `# Expected findings:` block of a template's header comment. */
function headerFindings(text: string): string[] | 'none' {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^# Expected findings:/.test(l));
  assert.ok(at >= 0, 'header has no "Expected findings:" line');
  if (/none\.?\s*$/.test(lines[at]!)) return 'none';
  const out: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (!line.startsWith('#')) break;
    const m = /^#\s+(FW\d{3})\s+(critical|high|medium|low|info)\s+(\w+)/.exec(line);
    if (m) out.push(`${m[1]} ${m[2]} ${m[3]}`);
  }
  return out;
}

function scanScenario(file: string): ScanResult {
  const collected = collectFiles([file], { cwd: DIR });
  assert.deepEqual(collected.errors, []);
  assert.deepEqual(collected.files.map((f) => f.path), [file]);
  return scan(collected.files, deps, defaultConfig(), { inputErrors: collected.errors });
}

const findingsTable = expectedFindings();
const coverageTable = expectedCoverage();
const scenarioFiles = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

describe('scenarios (test/fixtures/scenarios/EXPECTED.md)', () => {
  it('every scenario file is in both tables of EXPECTED.md, and every row names a file that exists', () => {
    assert.deepEqual([...findingsTable.keys()].sort(), scenarioFiles);
    assert.deepEqual([...coverageTable.keys()].sort(), scenarioFiles);
  });

  it('every reference pitfall and ECR lock-down note has its scenario', () => {
    assert.deepEqual(Object.keys(REFERENCE).sort(), scenarioFiles);
  });

  for (const file of scenarioFiles) {
    describe(`${file} — ${REFERENCE[file] ?? 'not mapped to the reference'}`, () => {
      const result = scanScenario(file);
      const expected = findingsTable.get(file) ?? [];

      it('reports exactly the findings of the table (rule, severity, resource), no errors', () => {
        assert.deepEqual(result.errors, []);
        const actual = result.findings.map((f) => key({ ruleId: f.ruleId, severity: f.severity, resource: f.resource })).sort();
        assert.deepEqual(actual, [...expected].sort(), result.findings.map((f) => `${f.ruleId} ${f.resource}: ${f.message}`).join('\n'));
        assert.ok(result.findings.every((f) => f.suppressed === undefined && f.file === file && f.line >= 1));
      });

      it('has one service, and every finding carries its key', () => {
        assert.equal(result.services.length, 1);
        const [service] = result.services;
        assert.ok(result.findings.every((f) => f.service === service!.key), JSON.stringify(result.findings.map((f) => f.service)));
        assert.ok(EXPECTED.includes(`\`${service!.key}\``), `service key ${service!.key} is not among the keys EXPECTED.md lists`);
      });

      it('reports the coverage of the second table', () => {
        const want = coverageTable.get(file)!;
        const got = new Map(result.services[0]!.needs.map((n) => [n.service, n]));
        assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort(), 'the set of needs');
        for (const [service, w] of want) {
          const g = got.get(service)!;
          assert.equal(g.covered, w.covered, `${service} covered`);
          if (w.via === 'igw') assert.equal(g.via, 'igw', `${service} via`);
          if (w.via === 'nat') assert.match(g.via ?? '', /^nat:/, `${service} via`);
          if (w.via === undefined && w.covered === true) assert.match(g.via ?? '', /^endpoint:/, `${service}: a bare "true" in an isolated VPC is an endpoint`);
        }
      });

      it("agrees with the template's own header comment", () => {
        const header = headerFindings(readFileSync(join(DIR, file), 'utf8'));
        if (header === 'none') assert.deepEqual(expected, []);
        else assert.deepEqual([...header].sort(), [...expected].sort());
      });
    });
  }
});
