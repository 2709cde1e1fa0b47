import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.ts';
import type { DiffJson } from '../../src/shared/render/diff-json.ts';
import { createTestRepo, git, onBranch, type TestRepo } from '../shared/io/git-repo.ts';

const ROOT = resolve(import.meta.dirname, '../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], cwd = ROOT): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: {} });
  return { code, stdout, stderr };
}

async function json(args: string[], cwd = ROOT): Promise<Run & { report: DiffJson }> {
  const run = await cli([...args, '--format', 'json'], cwd);
  return { ...run, report: JSON.parse(run.stdout) as DiffJson };
}

const scenario = (name: string): string[] => ['--base', `test/fixtures/diff/${name}/base`, '--head', `test/fixtures/diff/${name}/head`];

describe('fargate-warden diff: the README’s first command', () => {
  it('prints the pull-request comment for the bundled examples, exactly the reviewed snapshot', async () => {
    const { code, stdout, stderr } = await cli(['diff', '--base', 'examples/base', '--head', 'examples/head', '--format', 'markdown']);
    assert.equal(stdout, readFileSync(join(ROOT, 'test/fixtures/diff/__snapshots__/examples.md'), 'utf8'));
    assert.equal(stderr, '');
    assert.equal(code, 1, 'a new high finding (FW103) fails at the default --fail-on high');
  });

  it('the README says so', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const firstCommand = /```sh\n([^\n]*)\n/.exec(readme)?.[1] ?? '';
    assert.match(firstCommand, /^npm ci && npx fargate-warden diff --base examples\/base --head examples\/head --format markdown\b/);
  });
});

describe('fargate-warden diff --format sarif', () => {
  let dir: string;
  // One public service per case; `ignored` suppresses FW201 (public IP) inline.
  const template = (services: [name: string, publicIp: boolean, ignored: boolean][]): string => [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Resources:',
    '  Cluster:',
    '    Type: AWS::ECS::Cluster',
    '  TaskDef:',
    '    Type: AWS::ECS::TaskDefinition',
    '    Properties: { RequiresCompatibilities: [FARGATE], NetworkMode: awsvpc, Cpu: "256", Memory: "512", ContainerDefinitions: [{ Name: app, Image: "nginx:1.27" }] }',
    ...services.flatMap(([name, publicIp, ignored]) => [
      `  ${name}:`,
      '    Type: AWS::ECS::Service',
      ...(ignored ? ['    Metadata: { fargate-warden: { ignore: [{ id: FW201, reason: public until the move }] } }'] : []),
      '    Properties:',
      `      ServiceName: ${name.toLowerCase()}`,
      '      Cluster: !Ref Cluster',
      '      LaunchType: FARGATE',
      '      TaskDefinition: !Ref TaskDef',
      `      NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: ${publicIp ? 'ENABLED' : 'DISABLED'}, Subnets: [subnet-0123456789abcdef0] } }`,
    ]),
    '',
  ].join('\n');

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fw-diff-sarif-'));
    mkdirSync(join(dir, 'base'));
    mkdirSync(join(dir, 'head'));
    writeFileSync(join(dir, 'base/app.yaml'), template([['Same', true, false], ['Opened', false, false], ['Closed', true, false], ['Silenced', true, false], ['Quiet', true, true]]));
    writeFileSync(join(dir, 'head/app.yaml'), template([['Same', true, false], ['Opened', true, false], ['Closed', false, false], ['Silenced', true, true], ['Quiet', true, true], ['Arrived', true, true]]));
    writeFileSync(join(dir, 'base/broken.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A: [\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  interface Sarif { runs: { results: { ruleId: string; baselineState?: string; properties: { service?: string }; suppressions?: unknown[] }[]; invocations: { toolExecutionNotifications: { message: { text: string }; locations?: unknown[] }[] }[] }[] }

  it("is head's SARIF from scan, each result with its baselineState; resolved findings are not results", async () => {
    const { code, stdout } = await cli(['diff', '--base', 'base', '--head', 'head', '--format', 'sarif'], dir);
    assert.equal(code, 2, "base's unreadable file is an input error");
    const diff = JSON.parse(stdout) as Sarif;
    const states = diff.runs[0]!.results.filter((r) => r.ruleId === 'FW201').map((r) => [r.properties.service, r.baselineState, r.suppressions === undefined ? 'active' : 'suppressed']);
    assert.deepEqual(states, [
      ['same', 'unchanged', 'active'],
      ['opened', 'new', 'active'],
      ['silenced', 'updated', 'suppressed'],
      ['quiet', 'unchanged', 'suppressed'],
      ['arrived', 'new', 'suppressed'],
    ]);
    const scan = JSON.parse((await cli(['scan', 'head', '--format', 'sarif', '--fail-on', 'none'], dir)).stdout) as Sarif;
    const withoutStates = JSON.parse(stdout) as Sarif;
    for (const r of withoutStates.runs[0]!.results) delete r.baselineState;
    for (const run of [withoutStates, scan]) run.runs[0]!.invocations = [];
    assert.deepEqual(withoutStates, scan, 'the same results, fingerprints and rules as scan on head');
  });

  it("names base's errors as base's, without a location in head's tree", async () => {
    const { stdout } = await cli(['diff', '--base', 'base', '--head', 'head', '--format', 'sarif'], dir);
    const notes = (JSON.parse(stdout) as Sarif).runs[0]!.invocations[0]!.toolExecutionNotifications;
    assert.equal(notes.length, 1);
    assert.match(notes[0]!.message.text, /^base: base\/broken\.yaml:\d+: /);
    assert.equal(notes[0]!.locations, undefined);
  });

  it('run in a subdirectory of a repository, names files from its root, as scan does', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'fw-diff-sarif-repo-'));
    try {
      cpSync(join(dir, 'base'), join(repo, 'base'), { recursive: true });
      cpSync(join(dir, 'head'), join(repo, 'infra'), { recursive: true });
      git(repo, 'init', '-q');
      const { stdout } = await cli(['diff', '--base', '../base', '--head', '.', '--format', 'sarif'], join(repo, 'infra'));
      const uris = new Set((JSON.parse(stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri));
      assert.deepEqual([...uris], ['infra/app.yaml']);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('exits 1 on new findings only, as the other formats do', async () => {
    rmSync(join(dir, 'base/broken.yaml'));
    try {
      assert.equal((await cli(['diff', '--base', 'base', '--head', 'head', '--format', 'sarif'], dir)).code, 1, 'opened is a new high finding');
      assert.equal((await cli(['diff', '--base', 'head', '--head', 'head', '--format', 'sarif'], dir)).code, 0, 'no change, only unchanged findings');
    } finally {
      writeFileSync(join(dir, 'base/broken.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A: [\n');
    }
  });
});

describe('fargate-warden diff: formats and exit codes', () => {
  it('--format json follows the documented shape', async () => {
    const { code, report } = await json(['diff', ...scenario('edited-statement')]);
    assert.equal(code, 0, 'no new finding');
    assert.equal(report.verdict, 'broadening');
    assert.deepEqual(report.services[0]!.permissions.added.map((p) => p.action), ['dynamodb:PutItem']);
  });

  it('text is the default format', async () => {
    const { stdout } = await cli(['diff', ...scenario('sg-reference')]);
    assert.match(stdout, /^Posture diff: BROADENING/);
    assert.match(stdout, /\+ rule {8}DatabaseSecurityGroup ingress tcp port 5432 from sg:ApiSecurityGroup \(names the service's group; egress for the service\)/);
  });

  it('--fail-on applies to new findings only', async () => {
    // cdk-hash has two medium findings on both sides: unchanged, so they never fail a diff.
    assert.equal((await cli(['diff', ...scenario('cdk-hash'), '--fail-on', 'low'])).code, 0);
    // The examples add a high and a medium finding.
    assert.equal((await cli(['diff', '--base', 'examples/base', '--head', 'examples/head', '--fail-on', 'critical'])).code, 0);
    assert.equal((await cli(['diff', '--base', 'examples/base', '--head', 'examples/head', '--fail-on=medium'])).code, 1);
    assert.equal((await cli(['diff', '--base', 'examples/base', '--head', 'examples/head', '--fail-on', 'none'])).code, 0);
    // nat-route adds critical FW301 findings; the reverse only resolves them.
    assert.equal((await cli(['diff', ...scenario('nat-route'), '--fail-on', 'critical'])).code, 1);
    assert.equal((await cli(['diff', '--base', 'test/fixtures/diff/nat-route/head', '--head', 'test/fixtures/diff/nat-route/base', '--fail-on', 'low'])).code, 0);
  });

  it('a file either side cannot parse is reported and exits 2, after the comparison is printed', async () => {
    const { code, report, stderr } = await json(['diff', '--base', 'test/fixtures/diff/unrelated/base', '--head', 'test/fixtures/cli/mixed']);
    assert.equal(code, 2);
    assert.deepEqual(report.errors.map((e) => [e.side, e.file]), [['head', 'test/fixtures/cli/mixed/broken.yaml']]);
    assert.match(stderr, /^head: test\/fixtures\/cli\/mixed\/broken\.yaml:\d+: error: /m);
  });

  it('a change touching nothing Fargate-relevant says so and exits 0', async () => {
    const { code, stdout } = await cli(['diff', ...scenario('unrelated'), '--format', 'markdown']);
    assert.equal(code, 0);
    assert.match(stdout, /^No Fargate-relevant change: /m);
  });

  describe('--output', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'fw-diff-out-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('writes the report to the file and a summary to stderr', async () => {
      const out = join(dir, 'comment.md');
      const { code, stdout, stderr } = await cli(['diff', ...scenario('nat-route'), '--format', 'markdown', '--output', out]);
      assert.equal(code, 1);
      assert.equal(stdout, '');
      assert.match(stderr, /wrote the markdown diff to .*comment\.md: broadening, 1 service\(s\) changed, 5 new finding\(s\), 0 resolved, 0 undecided, 0 error\(s\)/);
      assert.match(readFileSync(out, 'utf8'), /^<!-- fargate-warden:comment -->\n/);
    });
  });

  const usageErrors: [args: string[], message: RegExp][] = [
    [['diff'], /diff needs a base: --base PATH or --base-ref REF/],
    [['diff', '--head', 'examples/head'], /diff needs a base/],
    [['diff', '--base', 'a', '--base-ref', 'main'], /either --base or --base-ref, not both/],
    [['diff', '--base-ref', 'main', '--head', 'a', '--head-ref', 'b'], /either --head or --head-ref, not both/],
    [['diff', '--base', 'a', '--head-ref', 'b'], /--head-ref needs --base-ref/],
    [['diff', '--base', 'a', '--head', 'b', 'c'], /PATH arguments \(c\) apply to --base-ref\/--head-ref/],
    [['diff', '--base-ref', 'main', '--head', 'infra', 'README.md'], /PATH arguments \(README\.md\) with --head: --base-ref main --head PATH reads that one PATH at the revision/],
    [['diff', '--base', 'a', '--head', 'b', '--format', 'xml'], /--format must be one of text, json, sarif, markdown \(got "xml"\)/],
    [['diff', '--base', 'a', '--base', 'b'], /--base given twice/],
    [['diff', '--baseref', 'main'], /unknown option --baseref \(did you mean --base-ref\?\)/],
    [['scan', '--base', 'a'], /--base belongs to `fargate-warden diff`, not scan/],
  ];
  for (const [args, message] of usageErrors) {
    it(`usage error for \`${args.join(' ')}\` exits 2`, async () => {
      const { code, stdout, stderr } = await cli(args);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, message);
    });
  }

  it('`--base DIR PATH` selects the same files on both sides: the config\'s path globs apply to neither', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-diff-globs-'));
    try {
      const template = readFileSync(join(ROOT, 'examples/base/api-service.yaml'), 'utf8');
      for (const side of ['old', 'new']) {
        mkdirSync(join(dir, side, 'legacy'), { recursive: true });
        cpSync(join(ROOT, 'examples/base/network.yaml'), join(dir, side, 'legacy/network.yaml'));
        writeFileSync(join(dir, side, 'legacy/api-service.yaml'), template);
      }
      writeFileSync(join(dir, 'config.yml'), "paths:\n  exclude: ['**/legacy/**']\n");
      const { code, report } = await json(['diff', '--base', 'old', 'new', '--config', 'config.yml'], dir);
      assert.equal(code, 0);
      assert.equal(report.verdict, 'none');
      assert.deepEqual(report.services.map((s) => s.status), ['unchanged']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--help documents diff', async () => {
    const { stdout } = await cli(['--help']);
    assert.match(stdout, /fargate-warden diff --base PATH --head PATH/);
    assert.match(stdout, /fargate-warden diff --base-ref REF \[--head-ref REF\] \[PATH\.\.\.\]/);
    assert.doesNotMatch(stdout, /Not available yet in this version: .*diff/);
  });
});

describe('fargate-warden diff --base-ref', () => {
  let repo: TestRepo;
  before(() => {
    repo = createTestRepo();
  });
  after(() => repo.remove());

  it('compares two revisions without touching the work tree, with one path per file on both sides', async () => {
    const status = git(repo.dir, 'status', '--porcelain');
    const { code, report } = await json(['diff', '--base-ref', 'HEAD~1', '--head-ref', 'HEAD', '--fail-on', 'none'], repo.dir);
    assert.equal(code, 0);
    assert.equal(report.verdict, 'broadening');
    const api = report.services.find((s) => s.key === 'orders-api');
    assert.equal(api?.status, 'changed');
    assert.equal(api?.file, 'infra/app/template.yaml');
    assert.deepEqual(api?.needs.lost.map((n) => n.service), ['ecr.api', 'ecr.dkr', 's3', 'logs', 'dynamodb']);
    assert.deepEqual([...new Set(report.findings.new.map((f) => f.file))], ['infra/app/template.yaml']);
    // The CDK service of infra/cdk is on both sides and did not change.
    assert.deepEqual(report.services.filter((s) => s.status === 'unchanged').map((s) => [s.key, s.file]), [['ApiStack/Service/Service', 'infra/cdk/ApiStack.template.json']]);
    assert.equal(git(repo.dir, 'status', '--porcelain'), status, 'nothing in the work tree or index changed');
    assert.equal(git(repo.dir, 'rev-parse', 'HEAD').trim(), repo.head);
  });

  it('from a subdirectory, PATHs and report paths are relative to it, and the same on both sides', async () => {
    const cwd = join(repo.dir, 'infra');
    const { report } = await json(['diff', '--base-ref', repo.base, '--head-ref', repo.head, 'app', '--fail-on', 'none'], cwd);
    assert.deepEqual(report.services.map((s) => [s.key, s.file]), [['orders-api', 'app/template.yaml']]);
    const resolved = (await json(['diff', '--base-ref', repo.head, '--head-ref', repo.base, 'app', '--fail-on', 'none'], cwd)).report;
    assert.deepEqual([...new Set(resolved.findings.resolved.map((f) => f.file))], ['app/template.yaml'], 'base-side findings use the same path');
  });

  it('from a subdirectory, the repository\'s config file is found and its globs are relative to the repository', async () => {
    mkdirSync(join(repo.dir, '.github'), { recursive: true });
    const config = join(repo.dir, '.github/fargate-warden.yml');
    writeFileSync(config, "paths:\n  exclude: ['infra/app/**']\n");
    try {
      const fromRoot = (await json(['diff', '--base-ref', repo.base], repo.dir)).report;
      const fromInfra = await json(['diff', '--base-ref', repo.base], join(repo.dir, 'infra'));
      assert.equal(fromRoot.verdict, 'none', 'the changed service is excluded');
      assert.equal(fromInfra.code, 0);
      assert.equal(fromInfra.report.verdict, 'none', 'the same from infra/');
      assert.deepEqual(fromInfra.report.services.map((s) => [s.key, s.status]), fromRoot.services.map((s) => [s.key, s.status]));
      const explicit = (await json(['diff', '--config', '../.github/fargate-warden.yml', '--base-ref', repo.base, '--head-ref', repo.head], join(repo.dir, 'infra'))).report;
      assert.equal(explicit.verdict, 'none', 'an explicit config in a .github directory is relative to its parent too');
    } finally {
      rmSync(join(repo.dir, '.github'), { recursive: true, force: true });
    }
  });

  it('with --head-ref the head revision\'s config applies, whatever is checked out or lies in the work tree', async () => {
    onBranch(repo.dir, 'excluding', () => {
      mkdirSync(join(repo.dir, '.github'), { recursive: true });
      writeFileSync(join(repo.dir, '.github/fargate-warden.yml'), "paths:\n  exclude: ['infra/app/**']\n");
      git(repo.dir, 'add', '-A');
      git(repo.dir, 'commit', '-q', '-m', 'exclude the app');
    });
    mkdirSync(join(repo.dir, '.github'), { recursive: true });
    writeFileSync(join(repo.dir, '.github/fargate-warden.yml'), 'failOn: low\n');
    try {
      const head = await json(['diff', '--base-ref', repo.base, '--head-ref', 'excluding'], join(repo.dir, 'infra'));
      assert.equal(head.report.verdict, 'none', 'the head revision excludes the changed service');
      assert.equal(head.code, 0);
      const withoutConfig = (await json(['diff', '--base-ref', repo.base, '--head-ref', repo.head], repo.dir)).report;
      assert.equal(withoutConfig.verdict, 'broadening', 'a revision without a config file gets the defaults, not the work tree\'s');
    } finally {
      rmSync(join(repo.dir, '.github'), { recursive: true, force: true });
      git(repo.dir, 'branch', '-q', '-D', 'excluding');
    }
  });

  it('with --head-ref a config reached through a link at the revision is reported, not read or ignored', async () => {
    onBranch(repo.dir, 'linked-config', () => {
      mkdirSync(join(repo.dir, 'configs'), { recursive: true });
      writeFileSync(join(repo.dir, 'configs/fargate-warden.yml'), 'failOn: none\n');
      symlinkSync('configs', join(repo.dir, '.github'));
      git(repo.dir, 'add', '-A');
      git(repo.dir, 'commit', '-q', '-m', 'linked .github');
    });
    try {
      const { code, report } = await json(['diff', '--base-ref', repo.base, '--head-ref', 'linked-config'], repo.dir);
      assert.equal(code, 2);
      assert.deepEqual(report.errors.map((e) => [e.side, e.file, e.message]), [['head', '.github at linked-config', 'cannot use the config file: it is a symbolic link at the revision, and fargate-warden does not follow links in a repository']]);
    } finally {
      git(repo.dir, 'branch', '-q', '-D', 'linked-config');
    }
  });

  it('with --head-ref a UTF-16 config at the revision is the error the work tree\'s would be, not YAML noise', async () => {
    onBranch(repo.dir, 'utf16-config', () => {
      mkdirSync(join(repo.dir, '.github'), { recursive: true });
      writeFileSync(join(repo.dir, '.github/fargate-warden.yml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('failOn: none\n', 'utf16le')]));
      git(repo.dir, 'add', '-A');
      git(repo.dir, 'commit', '-q', '-m', 'utf-16 config');
    });
    try {
      const { report } = await json(['diff', '--base-ref', repo.base, '--head-ref', 'utf16-config'], repo.dir);
      assert.deepEqual(report.errors.filter((e) => e.file.startsWith('.github')).map((e) => [e.side, e.file, e.message]), [['head', '.github/fargate-warden.yml at utf16-config', 'cannot use the config file: the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 to have it analyzed']]);
    } finally {
      git(repo.dir, 'branch', '-q', '-D', 'utf16-config');
    }
  });

  it('without --head-ref the head is the work tree, uncommitted edits included', async () => {
    const file = join(repo.dir, 'infra/app/template.yaml');
    const committed = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, readFileSync(join(ROOT, 'test/fixtures/diff/nat-route/base/template.yaml'), 'utf8'));
      const { report } = await json(['diff', '--base-ref', 'HEAD~1', 'infra/app'], repo.dir);
      assert.equal(report.verdict, 'none', 'the work tree has the base content again');
      assert.equal(report.services[0]?.file, 'infra/app/template.yaml');
    } finally {
      writeFileSync(file, committed);
    }
  });

  it('without --head-ref leaves out what git ignores in the work tree, and keeps untracked files it does not ignore', async () => {
    const stack = (name: string): string => readFileSync(join(ROOT, 'test/fixtures/diff/nat-route/head/template.yaml'), 'utf8').replace('ServiceName: orders-api', `ServiceName: ${name}`);
    const put = (path: string, text: string): void => {
      mkdirSync(join(repo.dir, path, '..'), { recursive: true });
      writeFileSync(join(repo.dir, path), text);
    };
    const exclude = join(repo.dir, '.git/info/exclude');
    mkdirSync(join(repo.dir, '.git/info'), { recursive: true });
    const excludeBefore = existsSync(exclude) ? readFileSync(exclude, 'utf8') : '';
    put('.gitignore', 'build/\n.aws-sam/\ncdk.out/\n*.generated.yaml\n');
    appendFileSync(exclude, 'scratch/\n');
    put('build/stack.yaml', stack('from-build'));
    put('.aws-sam/build/template.yaml', stack('from-sam'));
    put('infra/app/cdk.out/App.template.json', JSON.stringify({ Resources: { S: { Type: 'AWS::ECS::Service', Properties: { ServiceName: 'from-cdk-out', LaunchType: 'FARGATE' } } } }));
    put('infra/app/extra.generated.yaml', stack('from-generated'));
    put('scratch/try.yaml', stack('from-scratch'));
    put('infra/new/service.yaml', stack('untracked'));
    try {
      const { report } = await json(['diff', '--base-ref', 'HEAD', '--fail-on', 'none'], repo.dir);
      assert.deepEqual(report.errors, []);
      assert.deepEqual(report.services.filter((s) => s.status !== 'unchanged').map((s) => [s.key, s.status]), [['untracked', 'added']], 'ignored files are no change; an untracked one is');
      const infra = (await json(['diff', '--base-ref', 'HEAD', 'infra', '--fail-on', 'none'], repo.dir)).report;
      assert.deepEqual(infra.services.filter((s) => s.status !== 'unchanged').map((s) => s.key), ['untracked'], 'also below a named directory');
      const fromSub = (await json(['diff', '--base-ref', 'HEAD', '--fail-on', 'none'], join(repo.dir, 'infra'))).report;
      assert.deepEqual(fromSub.services.filter((s) => s.status !== 'unchanged').map((s) => [s.key, s.file]), [['untracked', 'new/service.yaml']], 'also from a subdirectory');
      const head = (await json(['diff', '--base-ref', 'HEAD', '--head', 'infra/app', '--fail-on', 'none'], repo.dir)).report;
      assert.deepEqual(head.services.map((s) => [s.key, s.status]), [['orders-api', 'unchanged']], 'and with --head PATH');
      // Named, an ignored path is read, and all of it: the user asked for it.
      const named = await json(['diff', '--base-ref', 'HEAD', 'build', 'scratch/try.yaml', '--fail-on', 'none'], repo.dir);
      assert.deepEqual(named.report.errors, []);
      assert.deepEqual(named.report.services.map((s) => [s.key, s.status]), [['from-build', 'added'], ['from-scratch', 'added']]);
      const cdkOut = (await json(['diff', '--base-ref', 'HEAD', 'infra/app/cdk.out', '--fail-on', 'none'], repo.dir)).report;
      assert.deepEqual(cdkOut.services.map((s) => [s.key, s.status]), [['from-cdk-out', 'added']]);
      // Two trees named with --base and --head are not a work tree against a revision: all is read.
      const trees = (await json(['diff', '--base', 'infra/app', '--head', 'infra', '--fail-on', 'none'], repo.dir)).report;
      assert.ok(trees.services.some((s) => s.key === 'from-generated'));
    } finally {
      for (const path of ['.gitignore', 'build', '.aws-sam', 'infra/app/cdk.out', 'infra/app/extra.generated.yaml', 'scratch', 'infra/new']) rmSync(join(repo.dir, path), { recursive: true, force: true });
      writeFileSync(exclude, excludeBefore);
    }
  });

  it('a directory the change deleted is not an error; a path on neither side is', async () => {
    const dir = join(repo.dir, 'infra/app');
    const moved = join(repo.dir, 'app-moved');
    renameSync(dir, moved);
    try {
      const { code, report } = await json(['diff', '--base-ref', 'HEAD', 'infra/app', '--fail-on', 'none'], repo.dir);
      assert.equal(code, 0);
      assert.deepEqual(report.services.map((s) => [s.key, s.status]), [['orders-api', 'removed']]);
      assert.equal(report.verdict, 'narrowing');
    } finally {
      renameSync(moved, dir);
    }
    const missing = await json(['diff', '--base-ref', 'HEAD~1', '--head-ref', 'HEAD', 'infra/nope'], repo.dir);
    assert.equal(missing.code, 2);
    assert.match(missing.report.errors[0]!.message, /infra\/nope exists neither at HEAD~1 nor at HEAD/);
  });

  it('--base-ref with --head PATH reads that path at the revision', async () => {
    const { report } = await json(['diff', '--base-ref', 'HEAD~1', '--head', 'infra/app', '--fail-on', 'none'], repo.dir);
    assert.deepEqual(report.services.map((s) => [s.key, s.status, s.file]), [['orders-api', 'changed', 'infra/app/template.yaml']]);
  });

  it('outside a git repository, says so and what to do instead of calling the revision unknown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-no-repo-'));
    try {
      for (const args of [['--base-ref', 'main'], ['--base-ref', 'main', '--head-ref', 'HEAD'], ['--base-ref', 'main', '--head', '.']]) {
        const { code, stdout, stderr } = await cli(['diff', ...args], dir);
        assert.equal(code, 2, args.join(' '));
        assert.equal(stdout, '');
        assert.match(stderr, /^fargate-warden: \S*fw-no-repo-\w+ is not inside a git repository, and --base-ref\/--head-ref read the revisions of the repository fargate-warden runs in: run it from the repository's work tree, or compare two directories with --base PATH --head PATH\n$/, args.join(' '));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown revision exits 2 with what to do', async () => {
    const { code, stdout, stderr } = await cli(['diff', '--base-ref', 'origin/does-not-exist'], repo.dir);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /unknown git revision 'origin\/does-not-exist': fetch it first \(a shallow or single-branch checkout/);
  });
});

describe('diff of two trees with a service name used twice', () => {
  it('compares each file with its namesake in the other tree: two identical trees are no change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-diff-same-'));
    try {
      // Two directories, so the file paths differ by their root, as in `--base old/ --head new/`.
      cpSync(join(ROOT, 'test/fixtures/diff/same-name-stacks/head'), join(dir, 'old'), { recursive: true });
      cpSync(join(ROOT, 'test/fixtures/diff/same-name-stacks/head'), join(dir, 'new'), { recursive: true });
      const { code, report } = await json(['diff', '--base', join(dir, 'old'), '--head', join(dir, 'new'), '--fail-on', 'none']);
      assert.equal(code, 0);
      assert.equal(report.verdict, 'none');
      assert.deepEqual(report.services.map((s) => s.status), ['unchanged', 'unchanged']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a file added in a new folder of head does not move what the others compare by', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-diff-root-'));
    try {
      const stack = readFileSync(join(ROOT, 'test/fixtures/diff/same-name-stacks/head/prod.yaml'), 'utf8');
      for (const [side, files] of [['base', ['stacks/prod.yaml', 'stacks/staging.yaml']], ['head', ['stacks/prod.yaml', 'stacks/staging.yaml', 'other/extra.yaml']]] as const) {
        for (const file of files) {
          mkdirSync(join(dir, side, file, '..'), { recursive: true });
          writeFileSync(join(dir, side, file), file.startsWith('other') ? stack.replace('ServiceName: api', 'ServiceName: extra') : stack);
        }
      }
      const { report } = await json(['diff', '--base', join(dir, 'base'), '--head', join(dir, 'head'), '--fail-on', 'none']);
      assert.deepEqual(report.services.map((s) => [s.key, s.status]), [
        ['api (cluster Cluster), stacks/prod.yaml', 'unchanged'],
        ['api (cluster Cluster), stacks/staging.yaml', 'unchanged'],
        ['extra', 'added'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a second stack with the same service name is one added service', async () => {
    const { report } = await json(['diff', ...scenario('same-name-stacks'), '--fail-on', 'none']);
    assert.deepEqual(report.services.map((s) => [s.key, s.status]), [['api (cluster Cluster), prod.yaml', 'unchanged'], ['api (cluster Cluster), staging.yaml', 'added']]);
  });
});

describe('fargate-warden diff: a base config file that does not parse', () => {
  let dir: string;
  const broken = 'suppressions:\n  - rule: FW201\n    resource: ApiService\n    reason: accepted SEC-9\n  - [broken\n';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fw-config-broken-base-'));
    git(dir, 'init', '-q', '-b', 'main');
    cpSync(join(ROOT, 'examples/base'), join(dir, 'infra'), { recursive: true });
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github/fargate-warden.yml'), broken);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'base, with a typo in the config');
    writeFileSync(join(dir, '.github/fargate-warden.yml'), broken.replace('  - [broken\n', ''));
    git(dir, 'commit', '-q', '-am', 'fix the config');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("is base's input error, as head's is head's, whether head is a revision or the work tree", async () => {
    for (const args of [['--base-ref', 'HEAD~1', '--head-ref', 'HEAD'], ['--base-ref', 'HEAD~1']]) {
      const { code, report } = await json(['diff', ...args], dir);
      assert.equal(code, 2, args.join(' '));
      assert.deepEqual(report.errors.map((e) => [e.side, e.file, e.line]), [['base', '.github/fargate-warden.yml at HEAD~1', 6]], args.join(' '));
      assert.match(report.errors[0]!.message, /^invalid YAML: /);
    }
  });

  it('broken on both sides, it is an error of each', async () => {
    writeFileSync(join(dir, '.github/fargate-warden.yml'), broken);
    try {
      const { code, report } = await json(['diff', '--base-ref', 'HEAD~1'], dir);
      assert.equal(code, 2);
      assert.deepEqual(report.errors.map((e) => [e.side, e.file]), [['base', '.github/fargate-warden.yml at HEAD~1'], ['head', '.github/fargate-warden.yml']]);
    } finally {
      git(dir, 'checkout', '-q', '--', '.github/fargate-warden.yml');
    }
  });
});

describe('fargate-warden diff: a suppression the change adds to the config file', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fw-config-suppression-'));
    git(dir, 'init', '-q', '-b', 'main');
    cpSync(join(ROOT, 'examples/base'), join(dir, 'infra'), { recursive: true });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'base');
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github/fargate-warden.yml'), 'suppressions:\n  - rule: FW201\n    resource: ApiService\n    reason: public until the move, SEC-7\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'suppress FW201');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is listed as newly suppressed, with its reason, whether head is a revision or the work tree', async () => {
    for (const args of [['--base-ref', 'HEAD~1', '--head-ref', 'HEAD'], ['--base-ref', 'HEAD~1']]) {
      const { code, report } = await json(['diff', ...args], dir);
      assert.equal(code, 0, args.join(' '));
      const suppressed = report.findings.suppressed.map((f) => [f.ruleId, f.resource, (f as { suppressed?: unknown }).suppressed]);
      assert.deepEqual(suppressed, [['FW201', 'ApiService', { reason: 'public until the move, SEC-7', by: 'config' }]], args.join(' '));
      assert.ok(!report.findings.resolved.some((f) => f.ruleId === 'FW201'), 'not resolved');
    }
  });
});

describe('fargate-warden diff: one input budget for both sides', () => {
  let dir: string;
  // Templates of one length, one service each, so the budget counts in whole templates.
  const stack = (name: string): string => [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Resources:',
    '  TaskDef:',
    '    Type: AWS::ECS::TaskDefinition',
    '    Properties: { RequiresCompatibilities: [FARGATE], NetworkMode: awsvpc, Cpu: "256", Memory: "512", ContainerDefinitions: [{ Name: app, Image: "nginx:1.27" }] }',
    '  Service:',
    '    Type: AWS::ECS::Service',
    '    Properties:',
    `      ServiceName: ${name}`,
    '      LaunchType: FARGATE',
    '      TaskDefinition: !Ref TaskDef',
    '      NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: DISABLED, Subnets: [subnet-0123456789abcdef0] } }',
    '',
  ].join('\n');
  const size = stack('a').length;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fw-diff-budget-'));
    for (const side of ['base', 'head', 'small']) mkdirSync(join(dir, side));
    for (const name of ['a', 'b', 'c']) {
      writeFileSync(join(dir, 'base', `${name}.yaml`), stack(name));
      writeFileSync(join(dir, 'head', `${name}.yaml`), stack(name));
    }
    writeFileSync(join(dir, 'small/a.yaml'), stack('a'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function budgeted(args: string[], maxTotalBytes: number): Promise<Run & { report: DiffJson }> {
    let stdout = '';
    let stderr = '';
    const code = await main([...args, '--format', 'json'], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, env: {}, maxTotalBytes });
    return { code, stdout, stderr, report: JSON.parse(stdout) as DiffJson };
  }

  it('reads at most the one budget for base and head together: base half of it, head the rest; each file left out is an input error', async () => {
    // Four templates' worth: base may read two, and head the two base left.
    const { code, report } = await budgeted(['diff', '--base', 'base', '--head', 'head'], 4 * size + 10);
    assert.equal(code, 2);
    assert.deepEqual(report.errors.map((e) => [e.side, e.file]), [['base', 'base/c.yaml'], ['head', 'head/c.yaml']]);
    assert.match(report.errors[0]!.message, /^not analyzed: base's templates read before it already reach .*, the half of the .* one diff reads \(both sides together\) that base may use; name fewer paths/);
    assert.match(report.errors[1]!.message, /^not analyzed: the templates read before it, base's and head's together, already reach the .* one diff reads; name fewer paths/);
    assert.deepEqual(report.services.map((s) => [s.key, s.status]).filter(([key]) => key !== 'c'), [['a', 'unchanged'], ['b', 'unchanged']], 'what was read is still compared');
  });

  it('gives head what a small base leaves', async () => {
    const { code, report } = await budgeted(['diff', '--base', 'small', '--head', 'head', '--fail-on', 'none'], 4 * size + 10);
    assert.equal(code, 0);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.services.map((s) => [s.key, s.status]), [['a', 'unchanged'], ['b', 'added'], ['c', 'added']]);
  });
});

describe('fargate-warden diff: a template replaced by a file that is not one', () => {
  let dir: string;
  // Without its AWSTemplateFormatVersion line, the first 40 bytes no longer look like a template.
  const template = readFileSync(join(ROOT, 'test/fixtures/diff/nat-route/base/template.yaml'), 'utf8').replace(/^AWSTemplateFormatVersion: .*\n/, '');
  const binary = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0x00]);
  const setUp = (side: string, files: Record<string, string | Buffer>): void => {
    rmSync(join(dir, side), { recursive: true, force: true });
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(dir, side, path, '..'), { recursive: true });
      writeFileSync(join(dir, side, path), content);
    }
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fw-diff-gone-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is an input error of the side that lost the template, so its services are not compared rather than removed', async () => {
    for (const [what, replacement, is] of [
      ['binary', binary, /^a binary file \(it contains NUL bytes\), where base \(base\) has a CloudFormation template: what the template declared is not compared \(not counted as removed\); restore the template, or delete the file if the stack is gone$/],
      ['truncated to 40 bytes', template.slice(0, 40), /^not a CloudFormation template \(no AWSTemplateFormatVersion and no Resources with AWS:: types\), where base \(base\) has a CloudFormation template: /],
    ] as const) {
      setUp('base', { 'stacks/api.yaml': template, 'notes/readme.yaml': 'a: 1\n' });
      setUp('head', { 'stacks/api.yaml': replacement, 'notes/readme.yaml': 'a: 2\n' });
      const { code, report } = await json(['diff', '--base', 'base', '--head', 'head'], dir);
      assert.equal(code, 2, what);
      assert.deepEqual(report.errors.map((e) => [e.side, e.file, e.line]), [['head', 'head/stacks/api.yaml', 1]], what);
      assert.match(report.errors[0]!.message, is, what);
      assert.notEqual(report.verdict, 'narrowing', what);
      assert.deepEqual(report.services.map((s) => [s.key, s.status, s.reasons]), [['orders-api', 'changed', ['orders-api was not compared: stacks/api.yaml could not be read on head']]], what);
      assert.deepEqual(report.findings.resolved, [], `${what}: its findings are not resolved`);
    }
  });

  it('the other way round, it is base\'s error and head\'s template is not counted as added', async () => {
    setUp('base', { 'stacks/api.yaml': binary });
    setUp('head', { 'stacks/api.yaml': template });
    const { code, report } = await json(['diff', '--base', 'base', '--head', 'head'], dir);
    assert.equal(code, 2);
    assert.deepEqual(report.errors.map((e) => [e.side, e.file]), [['base', 'base/stacks/api.yaml']]);
    assert.match(report.errors[0]!.message, /^a binary file .*, where head \(head\) has a CloudFormation template: what head's template declares is not compared \(its services not counted as added; its findings still count as new/);
    assert.deepEqual(report.services.map((s) => [s.key, s.status]), [['orders-api', 'changed']]);
  });

  it('a template deleted, or files that are no template on both sides or at other paths, are no error', async () => {
    setUp('base', { 'stacks/api.yaml': template, 'stacks/blob.json': binary, 'old.yaml': 'a: 1\n' });
    setUp('head', { 'stacks/blob.json': binary, 'new.yaml': binary, 'stacks/other.yaml': 'a: 1\n' });
    const { code, report } = await json(['diff', '--base', 'base', '--head', 'head', '--fail-on', 'none'], dir);
    assert.equal(code, 0);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.services.map((s) => [s.key, s.status]), [['orders-api', 'removed']]);
  });

  it('at git revisions and in the work tree too', async () => {
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, 'infra'), { recursive: true });
    git(repo, 'init', '-q', '-b', 'main');
    writeFileSync(join(repo, 'infra/api.yaml'), template);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'template');
    writeFileSync(join(repo, 'infra/api.yaml'), template.slice(0, 40));
    git(repo, 'commit', '-q', '-am', 'truncated');
    writeFileSync(join(repo, 'infra/api.yaml'), binary);
    for (const [args, side, file] of [
      [['--base-ref', 'HEAD~1', '--head-ref', 'HEAD'], 'head', 'infra/api.yaml'],
      [['--base-ref', 'HEAD', '--head-ref', 'HEAD~1'], 'base', 'infra/api.yaml'],
      [['--base-ref', 'HEAD~1'], 'head', 'infra/api.yaml'],
      [['--base-ref', 'HEAD~1', '--head', 'infra'], 'head', 'infra/api.yaml'],
    ] as const) {
      const { code, report } = await json(['diff', ...args], repo);
      assert.equal(code, 2, args.join(' '));
      assert.deepEqual(report.errors.map((e) => [e.side, e.file]), [[side, file]], args.join(' '));
      assert.match(report.errors[0]!.message, /, where (base|head) \(HEAD(~1)?\) has a CloudFormation template: /, args.join(' '));
      assert.notEqual(report.verdict, 'narrowing', args.join(' '));
    }
  });
});
