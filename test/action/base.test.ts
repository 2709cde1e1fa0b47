import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import nock from 'nock';
import { candidateFilter, locateSides, readCommitFiles, selectTemplates } from '../../action/base.ts';
import { createGitHub } from '../../action/octokit.ts';
import { diffBudgets } from '../../src/shared/io/files.ts';
import { collectFiles } from '../../src/shared/io/walk.ts';
import { API, OWNER, NAME, REPO_PATH, ROOT, git, makeRepo, type TestRepo } from './support.ts';

const quietLog = (): void => undefined;

describe('readCommitFiles', () => {
  let repo: TestRepo;
  const scratch: string[] = [];
  before(() => {
    nock.disableNetConnect();
    repo = makeRepo();
  });
  after(() => {
    repo.cleanup();
    for (const d of scratch) rmSync(d, { recursive: true, force: true });
    nock.enableNetConnect();
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    assert.deepEqual(pending, []);
  });

  /** `contents` committed to a new repository, read from git, then through the trees and blobs API (as from a checkout without it), each read given to `check`. */
  async function readBothWays(contents: Record<string, Buffer>, check: (read: Awaited<ReturnType<typeof readCommitFiles>>, via: string) => void): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'fw-commit-'));
    scratch.push(dir);
    git(dir, ['init', '-q', '-b', 'main']);
    for (const [path, bytes] of Object.entries(contents)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), bytes);
    }
    git(dir, ['add', '-A']);
    git(dir, ['-c', 'user.email=t@example.com', '-c', 'user.name=T', 'commit', '-q', '-m', 'files']);
    const commit = git(dir, ['rev-parse', 'HEAD']);
    check(await readCommitFiles(commit, { workspace: dir, paths: [], include: [], exclude: [], log: quietLog }), 'git');

    const lonely = mkdtempSync(join(tmpdir(), 'fw-nogit-'));
    scratch.push(lonely);
    const entries = Object.entries(contents).map(([path, bytes], i) => ({ path, bytes, sha: `b${i}` }));
    let scope = nock(API)
      .get(`${REPO_PATH}/git/trees/${commit}`).query({ recursive: '1' })
      .reply(200, { sha: commit, truncated: false, tree: entries.map((e) => ({ path: e.path, type: 'blob', sha: e.sha, size: e.bytes.length, mode: '100644' })) });
    for (const e of entries) {
      scope = scope.get(`${REPO_PATH}/git/blobs/${e.sha}`).reply(200, { sha: e.sha, size: e.bytes.length, content: e.bytes.toString('base64'), encoding: 'base64', url: '', node_id: '' });
    }
    const api = createGitHub('t', { owner: OWNER, repo: NAME }, { baseUrl: API, retryBaseMs: 1, throttle: false });
    check(await readCommitFiles(commit, { workspace: lonely, paths: [], include: [], exclude: [], api, log: quietLog }), 'api');
    assert.ok(scope.isDone());
  }

  /** GitHub's answers for the base commit: a tree of infra/network.yaml (blob a1, whose content is also answered) and `others`. */
  function baseTreeWithNetwork(others: object[]): { scope: nock.Scope; api: ReturnType<typeof createGitHub> } {
    const template = readFileSync(join(ROOT, 'examples/base/network.yaml'), 'utf8');
    const scope = nock(API)
      .get(`${REPO_PATH}/git/trees/${repo.base}`).query({ recursive: '1' })
      .reply(200, { sha: repo.base, truncated: false, tree: [{ path: 'infra/network.yaml', type: 'blob', sha: 'a1', size: template.length, mode: '100644' }, ...others] })
      .get(`${REPO_PATH}/git/blobs/a1`).reply(200, { sha: 'a1', size: template.length, content: Buffer.from(template).toString('base64'), encoding: 'base64', url: '', node_id: '' });
    return { scope, api: createGitHub('t', { owner: OWNER, repo: NAME }, { baseUrl: API, retryBaseMs: 1, throttle: false }) };
  }

  it('reads a commit that is in the checkout from git, without touching the work tree', async () => {
    const read = await readCommitFiles(repo.base, { workspace: repo.dir, paths: [], include: [], exclude: [], log: quietLog });
    assert.equal(read.via, 'git');
    assert.deepEqual(read.files.map((f) => f.path), ['infra/api-service.yaml', 'infra/network.yaml']);
    assert.equal(read.files[0].text, readFileSync(join(ROOT, 'examples/base/api-service.yaml'), 'utf8'));
  });

  it('fetches the base commit into a shallow checkout (git fetch --no-tags --depth=1 origin <sha>)', async () => {
    const remote = mkdtempSync(join(tmpdir(), 'fw-remote-'));
    const clone = mkdtempSync(join(tmpdir(), 'fw-clone-'));
    scratch.push(remote, clone);
    git(remote, ['clone', '-q', '--bare', repo.dir, '.']);
    git(remote, ['config', 'uploadpack.allowAnySHA1InWant', 'true']);
    git(clone, ['clone', '-q', '--depth=1', `file://${remote}`, '.']);
    assert.throws(() => git(clone, ['cat-file', '-e', `${repo.base}^{commit}`]), 'the base is not in the shallow clone');
    const logs: string[] = [];
    const read = await readCommitFiles(repo.base, { workspace: clone, paths: ['infra'], include: [], exclude: [], log: (m) => logs.push(m) });
    assert.equal(read.via, 'git fetch');
    assert.deepEqual(read.files.map((f) => f.path), ['infra/api-service.yaml', 'infra/network.yaml']);
    assert.match(logs.join('\n'), /git fetch --no-tags --depth=1 origin/);
  });

  it('falls back to the trees and blobs API when git cannot produce the commit', async () => {
    const lonely = mkdtempSync(join(tmpdir(), 'fw-nogit-'));
    scratch.push(lonely);
    const template = readFileSync(join(ROOT, 'examples/base/network.yaml'), 'utf8');
    const blob = (text: string) => ({ sha: 'b', size: text.length, content: Buffer.from(text).toString('base64'), encoding: 'base64', url: '', node_id: '' });
    const scope = nock(API)
      .get(`${REPO_PATH}/git/trees/${repo.base}`).query({ recursive: '1' })
      .reply(200, {
        sha: repo.base,
        truncated: false,
        tree: [
          { path: 'infra', type: 'tree', sha: 't1', mode: '040000' },
          { path: 'infra/network.yaml', type: 'blob', sha: 'a1', size: template.length, mode: '100644' },
          { path: 'infra/notes.yaml', type: 'blob', sha: 'a2', size: 20, mode: '100644' },
          { path: 'infra/node_modules/x/template.json', type: 'blob', sha: 'a3', size: 10, mode: '100644' },
          { path: 'infra/huge.json', type: 'blob', sha: 'a4', size: 50 * 1024 * 1024, mode: '100644' },
          { path: 'docs/readme.md', type: 'blob', sha: 'a5', size: 10, mode: '100644' },
          { path: 'other/stack.yaml', type: 'blob', sha: 'a6', size: 10, mode: '100644' },
        ],
      })
      .get(`${REPO_PATH}/git/blobs/a1`).reply(200, blob(template))
      .get(`${REPO_PATH}/git/blobs/a2`).reply(200, blob('just: some yaml\n'));
    const api = createGitHub('t', { owner: OWNER, repo: NAME }, { baseUrl: API, retryBaseMs: 1, throttle: false });
    const read = await readCommitFiles(repo.base, { workspace: lonely, paths: ['infra'], include: [], exclude: [], api, log: quietLog });
    assert.ok(scope.isDone());
    assert.equal(read.via, 'api');
    assert.deepEqual(read.files.map((f) => f.path), ['infra/network.yaml'], 'only templates, only under paths, never node_modules');
    assert.equal(read.files[0].text, template);
    assert.deepEqual(read.errors.map((e) => e.file), ['infra/huge.json']);
  });

  it('passes over symbolic links and submodules in the tree read through the API, as git does (no blob request for a link)', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'fw-nogit-'));
    scratch.push(workspace);
    const { scope, api } = baseTreeWithNetwork([
      { path: 'infra/linked.yaml', type: 'blob', sha: 'a2', size: 12, mode: '120000' },
      { path: 'vendor', type: 'commit', sha: 'c1', mode: '160000' },
    ]);
    const read = await readCommitFiles(repo.base, { workspace, paths: [], include: [], exclude: [], api, log: quietLog });
    assert.ok(scope.isDone());
    assert.deepEqual(read.files.map((f) => f.path), ['infra/network.yaml']);
    assert.deepEqual(read.skipped, [], 'a link is not a file that is no template (which would make templatesGone report it)');
    assert.deepEqual(read.errors, []);
  });

  it('takes from the work tree, without a request, every blob it holds byte for byte (same object id): only changed files cost an API call', async () => {
    // persist-credentials: false on a private repository: the base cannot be fetched, so every
    // candidate file would be a blob request, against the workflow token's 1,000 an hour.
    const workspace = mkdtempSync(join(tmpdir(), 'fw-nogit-'));
    scratch.push(workspace);
    const network = readFileSync(join(ROOT, 'examples/base/network.yaml'), 'utf8');
    const service = readFileSync(join(ROOT, 'examples/base/api-service.yaml'), 'utf8');
    mkdirSync(join(workspace, 'infra'));
    writeFileSync(join(workspace, 'infra/network.yaml'), network);
    writeFileSync(join(workspace, 'infra/api-service.yaml'), `${service}# changed in the work tree\n`);
    // The object id as git computes it.
    const id = (text: string) => execFileSync('git', ['hash-object', '--stdin'], { cwd: workspace, input: text, encoding: 'utf8' }).trim();
    const blob = (text: string) => ({ sha: id(text), size: Buffer.byteLength(text), content: Buffer.from(text).toString('base64'), encoding: 'base64', url: '', node_id: '' });
    const scope = nock(API)
      .get(`${REPO_PATH}/git/trees/${repo.base}`).query({ recursive: '1' })
      .reply(200, {
        sha: repo.base,
        truncated: false,
        tree: [
          { path: 'infra/network.yaml', type: 'blob', sha: id(network), size: Buffer.byteLength(network), mode: '100644' },
          { path: 'infra/api-service.yaml', type: 'blob', sha: id(service), size: Buffer.byteLength(service), mode: '100644' },
        ],
      })
      .get(`${REPO_PATH}/git/blobs/${id(service)}`).reply(200, blob(service));
    const api = createGitHub('t', { owner: OWNER, repo: NAME }, { baseUrl: API, retryBaseMs: 1, throttle: false });
    const logs: string[] = [];
    const read = await readCommitFiles(repo.base, { workspace, paths: [], include: [], exclude: [], api, log: (m) => logs.push(m) });
    assert.ok(scope.isDone(), 'one blob request: the file the work tree changed');
    assert.deepEqual(read.files.map((f) => [f.path, f.text]), [['infra/api-service.yaml', service], ['infra/network.yaml', network]]);
    assert.match(logs.join('\n'), /1 candidate file\(s\) identical in the work tree/);
  });

  it('holds one batch of files at a time while reading through the API, not every candidate file: memory follows what it keeps', async () => {
    // 48 candidate files of 1 MB, none a template, all in the work tree byte for byte, and one
    // more the work tree lacks, read last (path order): when it is requested, the others are gone.
    const workspace = mkdtempSync(join(tmpdir(), 'fw-nogit-'));
    scratch.push(workspace);
    mkdirSync(join(workspace, 'data'));
    const MB = 1024 * 1024;
    const entries = Array.from({ length: 48 }, (_, i) => {
      const bytes = Buffer.alloc(MB, `n${i}: padding\n`);
      const path = `data/f${String(i).padStart(2, '0')}.yaml`;
      writeFileSync(join(workspace, path), bytes);
      return { path, type: 'blob', sha: createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex'), size: bytes.length, mode: '100644' };
    });
    const template = readFileSync(join(ROOT, 'examples/base/network.yaml'), 'utf8');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const inMemory = (): number => {
      gc();
      const usage = process.memoryUsage();
      return usage.heapUsed + usage.arrayBuffers;
    };
    const before = inMemory();
    let held = Infinity;
    const scope = nock(API)
      .get(`${REPO_PATH}/git/trees/${repo.base}`).query({ recursive: '1' })
      .reply(200, { sha: repo.base, truncated: false, tree: [...entries, { path: 'zz/network.yaml', type: 'blob', sha: 'c1', size: template.length, mode: '100644' }] })
      .get(`${REPO_PATH}/git/blobs/c1`)
      .reply(200, () => {
        held = inMemory() - before;
        return { sha: 'c1', size: template.length, content: Buffer.from(template).toString('base64'), encoding: 'base64', url: '', node_id: '' };
      });
    const api = createGitHub('t', { owner: OWNER, repo: NAME }, { baseUrl: API, retryBaseMs: 1, throttle: false });
    const read = await readCommitFiles(repo.base, { workspace, paths: [], include: [], exclude: [], api, log: quietLog });
    assert.ok(scope.isDone());
    assert.deepEqual(read.files.map((f) => f.path), ['zz/network.yaml']);
    assert.equal(read.skipped.length, 48);
    assert.ok(held < 16 * MB, `at most a batch of 8 files in memory while reading, not all 48 MB: ${(held / MB).toFixed(1)} MB`);
  });

  it("counts the templates it reads against the budget given, from git and through the API: past it each is an input error, in the CLI's words", async () => {
    const network = readFileSync(join(ROOT, 'examples/base/network.yaml'), 'utf8');
    const service = readFileSync(join(ROOT, 'examples/base/api-service.yaml'), 'utf8');
    // Half of it, base's share, holds api-service.yaml (read first, in path order) and not both.
    const total = 2 * (service.length + 100);
    const refused = /^not analyzed: base's templates read before it already reach .*, the half of the .* one diff reads \(both sides together\) that base may use; name fewer paths/;

    const fromGit = await readCommitFiles(repo.base, { workspace: repo.dir, paths: [], include: [], exclude: [], budget: diffBudgets(total).base, log: quietLog });
    assert.deepEqual(fromGit.files.map((f) => f.path), ['infra/api-service.yaml']);
    assert.deepEqual(fromGit.errors.map((e) => e.file), ['infra/network.yaml']);
    assert.match(fromGit.errors[0].message, refused);

    const lonely = mkdtempSync(join(tmpdir(), 'fw-nogit-'));
    scratch.push(lonely);
    const blob = (text: string) => ({ sha: 'b', size: text.length, content: Buffer.from(text).toString('base64'), encoding: 'base64', url: '', node_id: '' });
    const scope = nock(API)
      .get(`${REPO_PATH}/git/trees/${repo.base}`).query({ recursive: '1' })
      .reply(200, {
        sha: repo.base,
        truncated: false,
        tree: [
          { path: 'infra/api-service.yaml', type: 'blob', sha: 'a1', size: service.length, mode: '100644' },
          { path: 'infra/network.yaml', type: 'blob', sha: 'a2', size: network.length, mode: '100644' },
        ],
      })
      .get(`${REPO_PATH}/git/blobs/a1`).reply(200, blob(service))
      .get(`${REPO_PATH}/git/blobs/a2`).reply(200, blob(network));
    const api = createGitHub('t', { owner: OWNER, repo: NAME }, { baseUrl: API, retryBaseMs: 1, throttle: false });
    const budgets = diffBudgets(total);
    const fromApi = await readCommitFiles(repo.base, { workspace: lonely, paths: [], include: [], exclude: [], api, budget: budgets.base, log: quietLog });
    assert.ok(scope.isDone());
    assert.equal(fromApi.via, 'api');
    assert.deepEqual(fromApi.files.map((f) => f.path), ['infra/api-service.yaml']);
    assert.deepEqual(fromApi.errors.map((e) => e.file), ['infra/network.yaml']);
    assert.match(fromApi.errors[0].message, refused);
    assert.equal(budgets.head.admit('head.yaml', total - service.length), undefined, 'head gets what base left');
    assert.ok(budgets.head.admit('more.yaml', 1) !== undefined, 'and no more: base and head share one budget');
  });

  it('a template the cloud assembly lists and the commit lacks is an input error, from git and through the API', async () => {
    // Two stacks; the commit holds the template of one of them only.
    const assembly = join(ROOT, 'test/fixtures/cfn/cdk-app/cdk.out');
    const manifest = JSON.parse(readFileSync(join(assembly, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { properties?: { templateFile?: string } }> };
    manifest.artifacts.OtherStack = { ...manifest.artifacts.ApiStack, properties: { ...manifest.artifacts.ApiStack!.properties, templateFile: 'OtherStack.template.json' } };
    const contents: Record<string, Buffer> = {
      'cdk.out/manifest.json': Buffer.from(JSON.stringify(manifest, null, 2)),
      'cdk.out/OtherStack.template.json': readFileSync(join(assembly, 'ApiStack.template.json')),
    };
    const gap = (read: Awaited<ReturnType<typeof readCommitFiles>>, via: string): void => {
      assert.deepEqual(read.errors.map((e) => e.file), ['cdk.out/ApiStack.template.json'], via);
      assert.match(read.errors[0]!.message, /manifest\.json lists it as the template of stack ApiStack/, via);
    };
    await readBothWays(contents, gap);
  });

  it('lists the candidate files that are no template (binary, UTF-16, not one), from git and through the API, as the work-tree walk does', async () => {
    const template = readFileSync(join(ROOT, 'examples/base/network.yaml'), 'utf8');
    const utf16 = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const contents: Record<string, Buffer> = {
      'infra/binary.yaml': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0x00]),
      'infra/bom.yaml': Buffer.from(`\ufeff${template}`),
      'infra/notes.yaml': Buffer.from('just: some yaml\n'),
      'infra/truncated.yaml': Buffer.from(template.replace(/^AWSTemplateFormatVersion: .*\n/, '').slice(0, 40)),
      'infra/utf16-notes.yaml': utf16('a: 1\n'),
      'infra/utf16-template.yaml': utf16(template),
    };
    const skipped = [
      ['infra/binary.yaml', 'a binary file (it contains NUL bytes)'],
      ['infra/utf16-notes.yaml', 'UTF-16 text that does not read as a template'],
      ['infra/notes.yaml', 'not a CloudFormation template (no AWSTemplateFormatVersion and no Resources with AWS:: types)'],
      ['infra/truncated.yaml', 'not a CloudFormation template (no AWSTemplateFormatVersion and no Resources with AWS:: types)'],
    ];
    const check = (read: Awaited<ReturnType<typeof readCommitFiles>>, via: string): void => {
      assert.equal(read.via, via);
      assert.deepEqual(read.files.map((f) => f.path), ['infra/bom.yaml'], `${via}: a template with a byte-order mark is a template`);
      assert.equal(read.files[0].text, template);
      assert.deepEqual(read.skipped.map((f) => [f.file, f.is]), skipped, via);
      assert.deepEqual(read.errors.map((e) => [e.file, e.message]), [['infra/utf16-template.yaml', 'the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 to have it analyzed']], via);
    };

    await readBothWays(contents, check);
  });

  it('uses the API when the fetch fails (no origin), and says why', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'fw-noorigin-'));
    scratch.push(clone);
    git(clone, ['init', '-q']);
    const scope = nock(API).get(`${REPO_PATH}/git/trees/${repo.base}`).query(true).reply(200, { sha: repo.base, truncated: false, tree: [] });
    const api = createGitHub('t', { owner: OWNER, repo: NAME }, { baseUrl: API, retryBaseMs: 1, throttle: false });
    const logs: string[] = [];
    const read = await readCommitFiles(repo.base, { workspace: clone, paths: [], include: [], exclude: [], api, log: (m) => logs.push(m) });
    assert.ok(scope.isDone());
    assert.equal(read.via, 'api');
    assert.match(logs.join('\n'), /git fetch failed \(.*\); reading .* through the GitHub API instead/);
  });

  it('reads a file `paths` names whatever the config globs say, as the work-tree walk does, from git and through the API', async () => {
    const options = { paths: ['infra/network.yaml'], include: ['other/**'], exclude: ['infra/**'], log: quietLog };
    assert.deepEqual(collectFiles(options.paths, { ...options, cwd: repo.dir }).files.map((f) => f.path), ['infra/network.yaml'], 'the walk (head) reads it');
    assert.deepEqual((await readCommitFiles(repo.base, { workspace: repo.dir, ...options })).files.map((f) => f.path), ['infra/network.yaml']);
    assert.deepEqual((await readCommitFiles(repo.base, { workspace: repo.dir, ...options, paths: ['infra'] })).files, [], 'a directory named is walked: the globs apply');
    const lonely = mkdtempSync(join(tmpdir(), 'fw-nogit-'));
    scratch.push(lonely);
    const { scope, api } = baseTreeWithNetwork([]);
    const read = await readCommitFiles(repo.base, { workspace: lonely, ...options, api });
    assert.ok(scope.isDone());
    assert.equal(read.via, 'api');
    assert.deepEqual(read.files.map((f) => f.path), ['infra/network.yaml']);
  });

  it('through the API too, takes paths from the root of a repository checked out below the workspace, and reports them from the workspace', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'fw-workspace-'));
    scratch.push(workspace);
    const checkout = join(workspace, 'infra-repo');
    mkdirSync(checkout);
    git(checkout, ['init', '-q']);
    // Outside `paths`, and inside them but excluded by its path from the repository root (the glob
    // base of the repository's config file): neither is requested.
    const { scope, api } = baseTreeWithNetwork([
      { path: 'other/network.yaml', type: 'blob', sha: 'a2', size: 100, mode: '100644' },
      { path: 'infra/old.yaml', type: 'blob', sha: 'a3', size: 100, mode: '100644' },
    ]);
    const read = await readCommitFiles(repo.base, { workspace, repository: checkout, paths: ['infra-repo/infra'], include: [], exclude: ['infra/old.yaml'], globBase: checkout, api, log: quietLog });
    assert.ok(scope.isDone());
    assert.equal(read.via, 'api');
    assert.deepEqual(read.files.map((f) => f.path), ['infra-repo/infra/network.yaml']);
  });
});

describe('locateSides', () => {
  let repo: TestRepo;
  before(() => {
    repo = makeRepo();
  });
  after(() => repo.cleanup());

  it('takes the work tree as the head when the checkout is the head', () => {
    assert.deepEqual(locateSides(repo.dir, { baseSha: repo.base, headSha: repo.head }), {
      baseSha: repo.base,
      headInWorkTree: true,
      why: 'the checkout is the pull request head, compared with the base branch tip, its merge base',
    });
  });

  it('compares a checkout of the head with the merge base, not with a base branch that moved on since (as GitHub\'s "Files changed" does)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-moved-'));
    try {
      git(dir, ['clone', '-q', repo.dir, '.']);
      git(dir, ['config', 'user.email', 't@example.com']);
      git(dir, ['config', 'user.name', 'T']);
      git(dir, ['checkout', '-q', '-b', 'main-moved', repo.base]);
      writeFileSync(join(dir, 'infra/later.yaml'), 'Resources: {}\n');
      git(dir, ['add', '-A']);
      git(dir, ['commit', '-q', '-m', 'base moves on']);
      const baseTip = git(dir, ['rev-parse', 'HEAD']);
      git(dir, ['checkout', '-q', repo.head]);
      const sides = locateSides(dir, { baseSha: baseTip, headSha: repo.head });
      assert.equal(sides.baseSha, repo.base, 'the merge base');
      assert.match(sides.why, new RegExp(`compared with the merge base ${repo.base.slice(0, 12)}`));

      // A shallow checkout has no merge base: the tip, and the log says what that costs.
      const shallow = mkdtempSync(join(tmpdir(), 'fw-shallow-'));
      try {
        git(shallow, ['clone', '-q', '--depth=1', `file://${dir}`, '.']);
        const tipOnly = locateSides(shallow, { baseSha: baseTip, headSha: repo.head });
        assert.equal(tipOnly.baseSha, baseTip);
        assert.match(tipOnly.why, /no merge base .*fetch-depth: 0/);
      } finally {
        rmSync(shallow, { recursive: true, force: true });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compares the merge commit with its first parent (actions/checkout on pull_request)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-merge-'));
    try {
      git(dir, ['clone', '-q', repo.dir, '.']);
      git(dir, ['config', 'user.email', 't@example.com']);
      git(dir, ['config', 'user.name', 'T']);
      git(dir, ['checkout', '-q', '-b', 'main-moved', repo.base]);
      writeFileSync(join(dir, 'CHANGELOG.md'), 'base moved on\n');
      git(dir, ['add', '-A']);
      git(dir, ['commit', '-q', '-m', 'base moves on']);
      const baseTip = git(dir, ['rev-parse', 'HEAD']);
      git(dir, ['merge', '-q', '--no-ff', '-m', 'Merge head into base', repo.head]);
      const sides = locateSides(dir, { baseSha: repo.base, headSha: repo.head });
      assert.equal(sides.baseSha, baseTip);
      assert.equal(sides.headInWorkTree, true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the head from git when the checkout is the base (pull_request_target)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-target-'));
    try {
      git(dir, ['clone', '-q', repo.dir, '.']);
      git(dir, ['checkout', '-q', repo.base]);
      const sides = locateSides(dir, { baseSha: repo.base, headSha: repo.head });
      assert.equal(sides.headInWorkTree, false);
      assert.equal(sides.baseSha, repo.base);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('candidate files', () => {
  it('chooses what collectFiles would walk into', () => {
    const accept = candidateFilter([], ['infra/experiments/**']);
    assert.equal(accept('infra/stack.yaml'), true);
    assert.equal(accept('infra/stack.template'), true);
    assert.equal(accept('cdk.out/Stack.template.json'), true);
    assert.equal(accept('infra/readme.md'), false);
    assert.equal(accept('node_modules/pkg/template.json'), false);
    assert.equal(accept('cdk.out/asset.123/template.json'), false);
    assert.equal(accept('dist/index.json'), false);
    assert.equal(accept('infra/experiments/x.yaml'), false);
    assert.equal(candidateFilter(['infra/**'], [])('other/x.yaml'), false);
  });

  it('matches the globs against the path from their base when it is given, and judges the rest by the path as reported', () => {
    const accept = candidateFilter(['infra/**'], ['infra/legacy/**']);
    assert.equal(accept('infra-repo/infra/stack.yaml', 'infra/stack.yaml'), true);
    assert.equal(accept('infra-repo/infra/legacy/old.yaml', 'infra/legacy/old.yaml'), false);
    assert.equal(accept('infra-repo/infra/stack.yaml'), false, 'without one, the path as reported');
    assert.equal(accept('infra-repo/infra/node_modules/x.yaml', 'infra/node_modules/x.yaml'), false);
  });

  it('keeps templates and the cloud-assembly files beside them', () => {
    const template = JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } });
    const picked = selectTemplates([
      { path: 'cdk.out/Stack.template.json', text: template },
      { path: 'cdk.out/manifest.json', text: '{"version":"36.0.0"}' },
      { path: 'cdk.out/Stack.metadata.json', text: '{}' },
      { path: 'config/manifest.json', text: '{}' },
      { path: 'package.json', text: '{"name":"x"}' },
    ]);
    assert.deepEqual(picked.files.map((f) => f.path), ['cdk.out/Stack.metadata.json', 'cdk.out/Stack.template.json', 'cdk.out/manifest.json']);
  });

  it('keeps the manifest above stage assemblies, which says which stages the app still has', () => {
    const template = JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } });
    const picked = selectTemplates([
      { path: 'cdk.out/manifest.json', text: '{"version":"36.0.0"}' },
      { path: 'cdk.out/tree.json', text: '{}' },
      { path: 'cdk.out/assembly-Prod/ProdApi.template.json', text: template },
      { path: 'cdk.out/assembly-Prod/manifest.json', text: '{"version":"36.0.0"}' },
    ]);
    assert.deepEqual(picked.files.map((f) => f.path), ['cdk.out/assembly-Prod/ProdApi.template.json', 'cdk.out/assembly-Prod/manifest.json', 'cdk.out/manifest.json']);
  });

  it('leaves out the file assets cdk synth copies into a cloud assembly (asset.<hash>.json), not asset-named templates elsewhere', () => {
    const template = JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } });
    const picked = selectTemplates([
      { path: 'cdk.out/Stack.template.json', text: template },
      { path: 'cdk.out/asset.5f2c1e0a.json', text: template },
      { path: 'cdk.out/manifest.json', text: '{"version":"36.0.0"}' },
      { path: 'infra/asset.shared.json', text: template },
    ]);
    assert.deepEqual(picked.files.map((f) => f.path), ['cdk.out/Stack.template.json', 'cdk.out/manifest.json', 'infra/asset.shared.json']);
    assert.deepEqual(picked.skipped, []);
  });
});
