import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.ts';
import type { ScanJson } from '../../src/shared/render/json.ts';
import type { SarifLog } from '../../src/shared/render/sarif.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/cli');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], cwd = FIXTURES): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: {} });
  return { code, stdout, stderr };
}

async function json(args: string[], cwd = FIXTURES): Promise<Run & { report: ScanJson }> {
  const run = await cli([...args, '--format', 'json'], cwd);
  return { ...run, report: JSON.parse(run.stdout) as ScanJson };
}

describe('fargate-warden CLI: usage', () => {
  it('--version prints the package version', async () => {
    assert.deepEqual(await cli(['--version']), { code: 0, stdout: `${VERSION}\n`, stderr: '' });
    assert.equal((await cli(['-V'])).stdout, `${VERSION}\n`);
  });

  it('--help documents the commands, options, default fail-on and exit codes', async () => {
    const { code, stdout } = await cli(['--help']);
    assert.equal(code, 0);
    for (const text of ['scan [PATH...]', '--format text|json|sarif|markdown', '--fail-on', 'else high', '--config FILE', '--output FILE', 'Exit codes']) {
      assert.ok(stdout.includes(text), `help mentions ${text}`);
    }
    assert.equal((await cli(['scan', '--help'])).code, 0);
    assert.equal((await cli(['help'])).code, 0);
  });

  it('after `--` every argument is a path, even one spelled like an option; `--output -` is standard output', async () => {
    const dashed = await cli(['scan', '--', '--help']);
    assert.equal(dashed.code, 2, 'scanned, and the missing path is an input error');
    assert.match(dashed.stdout + dashed.stderr, /--help/);
    assert.doesNotMatch(dashed.stdout, /Exit codes/, 'not the help text');
    const toStdout = await json(['scan', '--output', '-']);
    assert.ok(toStdout.report.findings.length > 0, 'the report went to standard output');
    assert.ok(!existsSync(join(FIXTURES, '-')), 'no file named -');
  });

  const usageErrors: [args: string[], message: RegExp][] = [
    [[], /no command given/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['templates/'], /did you mean `fargate-warden scan templates\/`/],
    [['scan', '--verbose'], /unknown option --verbose/],
    [['scan', '--failon', 'high'], /unknown option --failon \(did you mean --fail-on\?\)/],
    [['scan', '--format', 'xml'], /--format must be one of text, json, sarif, markdown \(got "xml"\)/],
    [['scan', '--fail-on', 'severe'], /--fail-on must be one of critical, high, medium, low, none/],
    [['scan', '--format'], /--format needs a value/],
    [['scan', '--output', '--format', 'json'], /--output needs a value/],
  ];
  for (const [args, message] of usageErrors) {
    it(`usage error for \`${args.join(' ')}\` exits 2`, async () => {
      const { code, stdout, stderr } = await cli(args);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, message);
      assert.match(stderr, /fargate-warden --help/);
    });
  }

  for (const command of ['migration']) {
    it(`\`${command}\` says it is not available yet and exits 2`, async () => {
      const { code, stderr } = await cli([command, '--base-ref', 'main', '.']);
      assert.equal(code, 2);
      assert.match(stderr, new RegExp(`\`fargate-warden ${command}\` .* is not available yet in this version`));
    });
  }
});

describe('fargate-warden scan', () => {
  it('exits 1 when findings reach the default fail-on (high), with a readable text report', async () => {
    const { code, stdout, stderr } = await cli(['scan', 'public-service']);
    assert.equal(code, 1);
    assert.equal(stderr, '');
    assert.match(stdout, /Service web \(WebService\)/);
    assert.match(stdout, /HIGH\s+FW201\s+WebService\s+public-service\/template\.yaml:\d+/);
    assert.match(stdout, /Summary: 1 template · 1 service · .*high/);
  });

  it('--fail-on none exits 0 with the same findings', async () => {
    const { code, stdout } = await cli(['scan', 'public-service', '--fail-on', 'none']);
    assert.equal(code, 0);
    assert.match(stdout, /FW201/);
  });

  it('--fail-on critical exits 0 when nothing is critical, --fail-on=low exits 1', async () => {
    const { report } = await json(['scan', 'public-service']);
    assert.ok(!report.findings.some((f) => f.severity === 'critical'), 'fixture has no critical finding');
    assert.equal((await cli(['scan', 'public-service', '--fail-on', 'critical'])).code, 0);
    assert.equal((await cli(['scan', 'public-service', '--fail-on=low'])).code, 1);
  });

  it('exits 0 on templates without findings; directory scans skip non-IaC files silently', async () => {
    const { code, report, stderr } = await json(['scan', 'no-services']);
    assert.equal(code, 0);
    assert.equal(stderr, '');
    assert.deepEqual(report, { version: 1, services: [], findings: [], errors: [], unresolved: [] });
  });

  it('a non-IaC file named on the command line is an input error (exit 2)', async () => {
    const { code, stdout } = await cli(['scan', 'no-services/notes.md', 'no-services/template.yaml']);
    assert.equal(code, 2);
    assert.match(stdout, /Errors\n {2}no-services\/notes\.md:1: not read as a template: templates are \.json, \.yaml, \.yml or \.template files/);
  });

  it('reports a broken template with file:line and still analyzes the good one (exit 2)', async () => {
    const { code, report, stderr } = await json(['scan', 'mixed']);
    assert.equal(code, 2);
    assert.equal(report.errors.length, 1);
    assert.equal(report.errors[0].file, 'mixed/broken.yaml');
    assert.ok(report.errors[0].line > 1, `a real line, got ${report.errors[0].line}`);
    assert.ok(report.findings.some((f) => f.file === 'mixed/good.yaml' && f.ruleId === 'FW201'), 'the good file was analyzed');
    assert.deepEqual(report.services.map((s) => s.file), ['mixed/good.yaml']);
    assert.match(stderr, /^mixed\/broken\.yaml:\d+: error: /m, 'machine formats repeat errors on stderr');
  });

  it('a missing path is an input error', async () => {
    const { code, report } = await json(['scan', 'does-not-exist']);
    assert.equal(code, 2);
    assert.deepEqual(report.errors, [{ file: 'does-not-exist', line: 1, message: 'cannot read does-not-exist (no such file or directory)' }]);
  });

  it('--format json follows the documented shape', async () => {
    const { report } = await json(['scan', 'public-service']);
    assert.deepEqual(Object.keys(report), ['version', 'services', 'findings', 'errors', 'unresolved']);
    assert.equal(report.services.length, 1);
    const [svc] = report.services;
    assert.equal(svc.key, 'web');
    assert.equal(svc.resource, 'WebService');
    assert.equal(svc.file, 'public-service/template.yaml');
    assert.equal(svc.publicIp, true);
    assert.deepEqual(svc.subnets, ['PublicSubnet']);
    assert.equal(svc.egress, 'igw');
    for (const f of report.findings) {
      assert.deepEqual(Object.keys(f).slice(0, 7), ['ruleId', 'severity', 'resource', 'service', 'file', 'line', 'message']);
      assert.equal(f.file, 'public-service/template.yaml');
    }
  });

  it('--format sarif is SARIF 2.1.0 with every rule described', async () => {
    const { code, stdout } = await cli(['scan', 'public-service', '--format', 'sarif', '--fail-on', 'none']);
    assert.equal(code, 0);
    const log = JSON.parse(stdout) as SarifLog;
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0].tool.driver.version, VERSION);
    assert.ok(log.runs[0].tool.driver.rules.length >= 27);
    // The fixtures are in this repository, so the paths are from its root, as code scanning reads them.
    assert.ok(log.runs[0].results.some((r) => r.ruleId === 'FW201' && r.locations[0].physicalLocation.artifactLocation.uri === 'test/fixtures/cli/public-service/template.yaml'));
  });

  describe('--format sarif paths from the repository root', () => {
    let repo: string;
    before(() => {
      repo = mkdtempSync(join(tmpdir(), 'fw-sarif-root-'));
      mkdirSync(join(repo, 'infra/stacks'), { recursive: true });
      copyFileSync(join(FIXTURES, 'public-service/template.yaml'), join(repo, 'infra/stacks/web.yaml'));
      copyFileSync(join(FIXTURES, 'public-service/template.yaml'), join(repo, 'shared.yaml'));
    });
    after(() => rmSync(repo, { recursive: true, force: true }));

    const uris = (stdout: string): string[] => [...new Set((JSON.parse(stdout) as SarifLog).runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri))].sort();

    it('outside a git work tree, paths stay relative to the working directory', async () => {
      assert.deepEqual(uris((await cli(['scan', 'stacks', '--format', 'sarif', '--fail-on', 'none'], join(repo, 'infra'))).stdout), ['stacks/web.yaml']);
    });

    it('run in a subdirectory of a repository, paths start at the repository root, also for files above the directory', async () => {
      spawnSync('git', ['init', '-q', repo]);
      const cwd = join(repo, 'infra');
      assert.deepEqual(uris((await cli(['scan', 'stacks', '../shared.yaml', '--format', 'sarif', '--fail-on', 'none'], cwd)).stdout), ['infra/stacks/web.yaml', 'shared.yaml']);
      const text = (await cli(['scan', 'stacks', '--format', 'json', '--fail-on', 'none'], cwd)).stdout;
      assert.ok(text.includes('"stacks/web.yaml"'), 'the other formats keep paths as the user typed them');
    });
  });

  it('--format markdown renders the report for a job summary', async () => {
    const { stdout } = await cli(['scan', 'public-service', '--format', 'markdown']);
    assert.match(stdout, /^## .* fargate-warden: /);
    assert.match(stdout, /\| `web` \(WebService\) \| yes \|/);
  });

  describe('--output', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'fw-cli-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('writes the report to the file and a one-line summary to stderr', async () => {
      const out = join(dir, 'reports/scan.sarif');
      const { code, stdout, stderr } = await cli(['scan', 'public-service', '--format', 'sarif', '--output', out]);
      assert.equal(code, 1);
      assert.equal(stdout, '');
      assert.match(stderr, /wrote the sarif report to .*scan\.sarif: 1 service\(s\), \d+ finding\(s\), 0 error\(s\)/);
      assert.equal((JSON.parse(readFileSync(out, 'utf8')) as SarifLog).version, '2.1.0');
    });
  });

  describe('config', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'fw-cfg-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('finds .github/fargate-warden.yml in the working directory; suppressed findings do not fail the scan', async () => {
      const cwd = join(FIXTURES, 'suppressed');
      const { report } = await json(['scan', 'infra', '--fail-on', 'none'], cwd);
      const suppressed = report.findings.filter((f) => f.suppressed !== undefined);
      assert.deepEqual(suppressed.map((f) => [f.ruleId, f.resource, f.suppressed?.by]).sort(), [['FW201', 'WebService', 'config'], ['FW202', 'ServiceSg', 'config']]);
      const activeHigh = report.findings.filter((f) => f.suppressed === undefined && (f.severity === 'high' || f.severity === 'critical'));
      const { code } = await cli(['scan', 'infra'], cwd);
      assert.equal(code, activeHigh.length > 0 ? 1 : 0);
      const text = (await cli(['scan', 'infra'], cwd)).stdout;
      assert.match(text, /2 suppressed/);
      assert.doesNotMatch(text, /FW201/, 'text reports leave suppressed findings out');
    });

    it('failOn from the config applies; --fail-on overrides it', async () => {
      const config = join(dir, 'fail-none.yml');
      writeFileSync(config, 'failOn: none\n');
      assert.equal((await cli(['scan', 'public-service', '--config', config])).code, 0);
      assert.equal((await cli(['scan', 'public-service', '--config', config, '--fail-on', 'high'])).code, 1);
    });

    it('rules.disable and severity overrides apply', async () => {
      const config = join(dir, 'rules.yml');
      writeFileSync(config, 'rules:\n  disable: [FW202]\n  severity: { FW201: low }\n');
      const { report } = await json(['scan', 'public-service', '--config', config]);
      assert.ok(!report.findings.some((f) => f.ruleId === 'FW202'));
      assert.equal(report.findings.find((f) => f.ruleId === 'FW201')?.severity, 'low');
    });

    it('config errors are input errors with file:line, and the scan still runs', async () => {
      const config = join(dir, 'bad.yml');
      writeFileSync(config, 'rules:\n  disable: [FW999]\nfailOn: none\n');
      const { code, report } = await json(['scan', 'public-service', '--config', config]);
      assert.equal(code, 2);
      assert.equal(report.errors.length, 1);
      assert.equal(report.errors[0].line, 2);
      assert.match(report.errors[0].file, /bad\.yml$/);
      assert.match(report.errors[0].message, /unknown rule ID "FW999"/);
      assert.ok(report.findings.length > 0);
    });

    it('a --config file that does not exist is an input error', async () => {
      const { code, report } = await json(['scan', 'public-service', '--config', 'nope.yml']);
      assert.equal(code, 2);
      assert.deepEqual(report.errors, [{ file: 'nope.yml', line: 1, message: 'cannot use the config file: cannot read the file (no such file or directory)' }]);
    });

    it('paths.exclude in the config skips walked files', async () => {
      const config = join(dir, 'paths.yml');
      writeFileSync(config, "paths:\n  exclude: ['mixed/broken.yaml']\n");
      const { code, report } = await json(['scan', 'mixed', '--config', config, '--fail-on', 'none']);
      assert.equal(code, 0);
      assert.deepEqual(report.errors, []);
    });
  });
});

describe('bin/fargate-warden.js (built bundle)', () => {
  const bundle = join(ROOT, 'lib/cli.mjs');
  it('prints the version', { skip: existsSync(bundle) ? false : 'lib/cli.mjs is not built: run `npm run build` to test the bundle' }, () => {
    const child = spawnSync(process.execPath, [join(ROOT, 'bin/fargate-warden.js'), '--version'], { encoding: 'utf8', cwd: tmpdir() });
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout, `${VERSION}\n`);
  });
});
