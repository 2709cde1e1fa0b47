import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkoutRoot, collectFilesAtRevision, GitError, readFilesAtRevision, repositoryPathOf, resolveRevision } from '../../../src/shared/io/git.ts';
import { collectFiles } from '../../../src/shared/io/walk.ts';
import { createTestRepo, git, onBranch, type TestRepo } from './git-repo.ts';

describe('collectFilesAtRevision', () => {
  let repo: TestRepo;
  before(() => {
    repo = createTestRepo();
  });
  after(() => repo.remove());

  it('reads the templates of a revision, with cdk.out assembly files, skipping what a directory scan skips', () => {
    const r = collectFilesAtRevision(repo.base, { cwd: repo.dir, paths: [] });
    assert.equal(r.commit, repo.base);
    assert.deepEqual(r.files.map((f) => f.path), [
      'infra/app/template.yaml',
      'infra/cdk/ApiStack.metadata.json',
      'infra/cdk/ApiStack.template.json',
      'infra/cdk/manifest.json',
    ]);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.skipped.map((s) => [s.file, s.is]), ['infra/cdk/ApiStack.assets.json', 'infra/cdk/tree.json', 'tools/values.yaml'].map((file) => [file, 'not a CloudFormation template (no AWSTemplateFormatVersion and no Resources with AWS:: types)']), 'silently, but listed, as the work-tree walk lists them');
    assert.deepEqual(r.missing, []);
    assert.match(r.files[0]!.text, /PrivateDefaultRoute:/, 'the base commit still has the NAT route');
    const head = collectFilesAtRevision('HEAD', { cwd: repo.dir, paths: ['infra/app'] });
    assert.doesNotMatch(head.files[0]!.text, /PrivateDefaultRoute:/);
  });

  it('reports paths relative to the working directory, also from a subdirectory, the same way on every revision', () => {
    const cwd = join(repo.dir, 'infra');
    const base = collectFilesAtRevision(repo.base, { cwd, paths: ['app', 'cdk/ApiStack.template.json'] });
    const head = collectFilesAtRevision(repo.head, { cwd, paths: ['app', 'cdk/ApiStack.template.json'] });
    const paths = ['app/template.yaml', 'cdk/ApiStack.metadata.json', 'cdk/ApiStack.template.json', 'cdk/manifest.json'];
    assert.deepEqual(base.files.map((f) => f.path), paths, 'a named template brings its assembly files');
    assert.deepEqual(head.files.map((f) => f.path), paths);
    const fromRoot = collectFilesAtRevision(repo.base, { cwd, paths: ['..'] });
    assert.deepEqual(fromRoot.files.map((f) => f.path), paths, 'the whole repository: node_modules and non-templates skipped');
  });

  it('a named file that is not a template is an error; a path missing at the revision is listed, not an error', () => {
    const r = collectFilesAtRevision(repo.base, { cwd: repo.dir, paths: ['tools/values.yaml', 'infra/new-stack'] });
    assert.deepEqual(r.errors.map((e) => [e.file, e.line]), [['tools/values.yaml', 1]]);
    assert.match(r.errors[0]!.message, /not a CloudFormation template/);
    assert.deepEqual(r.missing, ['infra/new-stack']);
    assert.deepEqual(r.files, []);
  });

  it('applies include/exclude globs to report paths', () => {
    const excluded = collectFilesAtRevision(repo.base, { cwd: repo.dir, paths: ['.'], exclude: ['infra/cdk'] });
    assert.deepEqual(excluded.files.map((f) => f.path), ['infra/app/template.yaml']);
    const included = collectFilesAtRevision(repo.base, { cwd: repo.dir, paths: ['.'], include: ['infra/cdk/**'] });
    assert.deepEqual(included.files.map((f) => f.path).filter((p) => p.endsWith('.template.json')), ['infra/cdk/ApiStack.template.json']);
  });

  it('reports a template over the size limit instead of reading it', () => {
    const r = collectFilesAtRevision(repo.base, { cwd: repo.dir, paths: ['infra/app'], maxFileBytes: 1000 });
    assert.deepEqual(r.files, []);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!.message, /^file is \d+ KB at [0-9a-f]{40}, over the 1000 bytes limit for one file; it was not analyzed$/);
  });

  it('reads committed content without touching the work tree or the index', () => {
    const file = join(repo.dir, 'infra/app/template.yaml');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, `${before}\n# an uncommitted edit\n`);
    const status = git(repo.dir, 'status', '--porcelain');
    const r = collectFilesAtRevision('HEAD', { cwd: repo.dir, paths: ['infra/app'] });
    assert.doesNotMatch(r.files[0]!.text, /uncommitted/);
    assert.equal(git(repo.dir, 'status', '--porcelain'), status);
    assert.equal(git(repo.dir, 'rev-parse', 'HEAD').trim(), repo.head);
    assert.match(readFileSync(file, 'utf8'), /uncommitted/);
    writeFileSync(file, before);
  });

  it('skips symbolic links in walked directories', () => {
    onBranch(repo.dir, 'links', () => {
      symlinkSync('../infra/app/template.yaml', join(repo.dir, 'infra/link.yaml'));
      git(repo.dir, 'add', 'infra/link.yaml');
      git(repo.dir, 'commit', '-q', '-m', 'a link');
      const r = collectFilesAtRevision('links', { cwd: repo.dir, paths: ['infra'] });
      assert.ok(!r.files.some((f) => f.path === 'infra/link.yaml'), 'the link is not read as a template');
    });
  });

  it('an unknown revision or a directory outside a repository is a GitError that says what to do', () => {
    assert.throws(() => collectFilesAtRevision('no-such-branch', { cwd: repo.dir, paths: [] }), (e: unknown) => e instanceof GitError && /unknown git revision 'no-such-branch': fetch it first/.test(e.message));
    git(repo.dir, 'branch', 'twin');
    git(repo.dir, 'tag', 'twin', repo.base);
    try {
      assert.throws(() => resolveRevision(repo.dir, 'twin'), (e: unknown) => e instanceof GitError && /'twin' is ambiguous .*refs\/heads\/twin or refs\/tags\/twin/.test(e.message));
      git(repo.dir, 'config', 'core.warnAmbiguousRefs', 'false');
      assert.throws(() => resolveRevision(repo.dir, 'twin'), GitError, 'also when the repository silences the warning');
      git(repo.dir, 'config', '--unset', 'core.warnAmbiguousRefs');
      assert.equal(resolveRevision(repo.dir, 'refs/tags/twin'), repo.base);
    } finally {
      git(repo.dir, 'tag', '-d', 'twin');
      git(repo.dir, 'branch', '-D', 'twin');
    }
    assert.throws(() => resolveRevision(repo.dir, '--output=/tmp/x'), GitError, 'an option is never passed as a revision');
    const outside = mkdtempSync(join(tmpdir(), 'fw-nogit-'));
    try {
      const notInRepository = (e: unknown): boolean => e instanceof GitError && /is not inside a git repository, .*: run it from the repository's work tree, or compare two directories/.test(e.message);
      assert.throws(() => collectFilesAtRevision('HEAD', { cwd: outside, paths: [] }), notInRepository);
      assert.throws(() => resolveRevision(outside, 'main'), notInRepository, 'not an unknown revision to fetch');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a path outside the repository is an error, not a crash; a name that only starts with two dots is inside', () => {
    const r = collectFilesAtRevision(repo.base, { cwd: repo.dir, paths: ['../elsewhere'] });
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!.message, /outside the git repository/);
    const dots = collectFilesAtRevision(repo.base, { cwd: repo.dir, paths: ['..infra'] });
    assert.deepEqual(dots.errors, []);
    assert.deepEqual(dots.missing, ['..infra']);
  });

  it('a named path under a symbolic link is an error that names the link, not a missing path', () => {
    onBranch(repo.dir, 'dir-link', () => {
      symlinkSync('app', join(repo.dir, 'infra/alias'));
      git(repo.dir, 'add', 'infra/alias');
      git(repo.dir, 'commit', '-q', '-m', 'a directory link');
      const r = collectFilesAtRevision('dir-link', { cwd: repo.dir, paths: ['infra/alias/template.yaml'] });
      assert.deepEqual(r.missing, []);
      assert.deepEqual(r.errors.map((e) => [e.file, e.line]), [['infra/alias/template.yaml', 1]]);
      assert.match(r.errors[0]!.message, /^infra\/alias is a symbolic link at dir-link, which is not followed; name the path it points to$/);
    });
  });

  it('a UTF-16 template at a revision is the same error as in the work tree', () => {
    onBranch(repo.dir, 'utf16', () => {
      const text = readFileSync(join(repo.dir, 'infra/app/template.yaml'), 'utf8');
      writeFileSync(join(repo.dir, 'infra/app/template.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      git(repo.dir, 'commit', '-q', '-am', 'utf-16');
      const r = collectFilesAtRevision('utf16', { cwd: repo.dir, paths: ['infra/app'] });
      assert.deepEqual(r.files, []);
      assert.deepEqual(r.errors.map((e) => [e.file, e.message]), [['infra/app/template.yaml', 'the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 to have it analyzed']]);
    });
  });

  it('a template that is not UTF-8, or starts with a byte-order mark, reads at a revision as in the work tree: flagged lossy, or bom', () => {
    onBranch(repo.dir, 'encodings', () => {
      const path = join(repo.dir, 'infra/app/template.yaml');
      const text = readFileSync(path, 'utf8');
      writeFileSync(path, Buffer.from(`# Caf\u00e9\n${text}`, 'latin1'));
      writeFileSync(join(repo.dir, 'infra/app/bom.yaml'), `\ufeff${text}`);
      git(repo.dir, 'add', '-A');
      git(repo.dir, 'commit', '-q', '-m', 'latin-1 and a byte-order mark');
      const expected = [
        { path: 'infra/app/bom.yaml', text, bom: true },
        { path: 'infra/app/template.yaml', text: `# Caf\ufffd\n${text}`, lossy: true },
      ];
      const r = collectFilesAtRevision('encodings', { cwd: repo.dir, paths: ['infra/app'] });
      assert.deepEqual(r.errors, []);
      assert.deepEqual(r.files, expected);
      const walked = collectFiles(['infra/app'], { cwd: repo.dir });
      assert.deepEqual(walked.files, expected, 'the work tree reads the same');
      const read = readFilesAtRevision('encodings', { cwd: repo.dir, paths: ['infra/app'], accept: () => true, maxFileBytes: 1 << 20 });
      assert.deepEqual(read.files, expected, 'and so does the lower-level read the Action uses');
    });
  });

  it('a Git LFS pointer committed in place of a template is an error at a revision too', () => {
    onBranch(repo.dir, 'lfs', () => {
      writeFileSync(join(repo.dir, 'infra/app/template.yaml'), `version https://git-lfs.github.com/spec/v1\noid sha256:${'0f'.repeat(32)}\nsize 1200\n`);
      git(repo.dir, 'commit', '-q', '-am', 'moved to lfs');
      const r = collectFilesAtRevision('lfs', { cwd: repo.dir, paths: ['infra/app'] });
      assert.deepEqual(r.files, []);
      assert.deepEqual(r.errors.map((e) => [e.file, e.line]), [['infra/app/template.yaml', 1]]);
      assert.match(r.errors[0]!.message, /^the file is a Git LFS pointer, not the template: fetch the LFS objects/);
    });
  });

  it('a named path in a submodule is an error that names the submodule', () => {
    onBranch(repo.dir, 'with-submodule', () => {
      git(repo.dir, 'update-index', '--add', '--cacheinfo', `160000,${repo.base},vendor/stacks`);
      git(repo.dir, 'commit', '-q', '-m', 'a submodule');
      const r = collectFilesAtRevision('with-submodule', { cwd: repo.dir, paths: ['vendor/stacks/template.yaml'] });
      assert.deepEqual(r.missing, []);
      assert.deepEqual(r.errors.map((e) => e.message), ['vendor/stacks is a git submodule at with-submodule; its files are in another repository and are not read']);
    });
  });

  it('an absolute path through a symbolic link to the checkout is inside the repository', () => {
    const link = join(mkdtempSync(join(tmpdir(), 'fw-link-')), 'checkout');
    symlinkSync(repo.dir, link);
    try {
      const r = collectFilesAtRevision(repo.base, { cwd: repo.dir, paths: [join(link, 'infra/app')] });
      assert.deepEqual(r.errors, []);
      assert.deepEqual(r.files.map((f) => f.path), ['infra/app/template.yaml']);
    } finally {
      rmSync(join(link, '..'), { recursive: true, force: true });
    }
  });

  it('stops reading templates past the total budget, with an error for each one left out', () => {
    const r = collectFilesAtRevision(repo.base, { cwd: repo.dir, paths: [], maxTotalBytes: 3072 });
    assert.ok(r.files.length > 0 && r.files.length < 4, `some but not all files are read (${r.files.map((f) => f.path).join(', ')})`);
    assert.ok(r.files.reduce((n, f) => n + f.text.length, 0) <= 3072);
    assert.ok(r.errors.length > 0);
    for (const e of r.errors) assert.match(e.message, /^not analyzed: the templates read before it already reach the 3 KB one run reads/);
  });

  it('in a blobless partial clone, fetches only the candidate files, and never runs maintenance', () => {
    const origin = realpathSync(mkdtempSync(join(tmpdir(), 'fw-origin-')));
    const clone = realpathSync(mkdtempSync(join(tmpdir(), 'fw-partial-')));
    try {
      git(origin, 'init', '-q', '-b', 'main');
      git(origin, 'config', 'uploadpack.allowFilter', 'true');
      mkdirSync(join(origin, 'infra'));
      writeFileSync(join(origin, 'infra/template.yaml'), readFileSync(join(repo.dir, 'infra/app/template.yaml'), 'utf8'));
      mkdirSync(join(origin, 'src'));
      for (let i = 0; i < 40; i++) writeFileSync(join(origin, `src/file${i}.ts`), `export const n = ${i};\n`);
      git(origin, 'add', '-A');
      git(origin, 'commit', '-q', '-m', 'one template and other files');
      git(clone, 'clone', '-q', '--filter=blob:none', '--no-checkout', `file://${origin}`, 'c');
      const dir = join(clone, 'c');
      const missingBefore = git(dir, 'rev-list', '--objects', '--missing=print', 'HEAD').split('\n').filter((l) => l.startsWith('?')).length;
      assert.ok(missingBefore >= 41, `the clone lacks the blobs (${missingBefore} missing)`);
      const r = collectFilesAtRevision('HEAD', { cwd: dir, paths: [] });
      assert.deepEqual(r.files.map((f) => f.path), ['infra/template.yaml']);
      const missingAfter = git(dir, 'rev-list', '--objects', '--missing=print', 'HEAD').split('\n').filter((l) => l.startsWith('?')).length;
      assert.equal(missingBefore - missingAfter, 1, 'only the template was fetched');
    } finally {
      rmSync(origin, { recursive: true, force: true });
      rmSync(clone, { recursive: true, force: true });
    }
  });
});

describe('readFilesAtRevision', () => {
  let repo: TestRepo;
  before(() => {
    repo = createTestRepo();
  });
  after(() => repo.remove());

  it('reads every accepted blob under root-relative prefixes', () => {
    const r = readFilesAtRevision(repo.base, { cwd: join(repo.dir, 'infra'), paths: ['infra/app', 'tools'], accept: (p) => p.endsWith('.yaml'), maxFileBytes: 1_000_000 });
    assert.deepEqual(r.files.map((f) => f.path), ['infra/app/template.yaml', 'tools/values.yaml']);
    assert.equal(r.files[1]!.text, 'replicas: 3\n');
    assert.deepEqual(r.errors, []);
  });

  it('stops at the total budget, with an error for each file left out', () => {
    const r = readFilesAtRevision(repo.base, { cwd: repo.dir, paths: ['infra/app', 'tools'], accept: (p) => p.endsWith('.yaml'), maxFileBytes: 1_000_000, maxTotalBytes: 100 });
    assert.deepEqual(r.files.map((f) => f.path), ['tools/values.yaml'], 'the small file fits, the template does not');
    assert.deepEqual(r.errors.map((e) => e.file), ['infra/app/template.yaml']);
  });
});

describe('collectFilesAtRevision in a cloud assembly', () => {
  it('skips the file assets cdk synth copies into it (asset.<hash>.json), as the work-tree walk does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-git-asset-'));
    try {
      const put = (rel: string, text: string): void => {
        mkdirSync(join(dir, rel, '..'), { recursive: true });
        writeFileSync(join(dir, rel), text);
      };
      const template = JSON.stringify({ Resources: { Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: {} } } });
      put('cdk.out/manifest.json', '{"version":"36.0.0","artifacts":{}}');
      put('cdk.out/Api.template.json', template);
      put('cdk.out/asset.5f2c1e0a.json', template);
      put('infra/asset.shared.json', template);
      put('stages/manifest.json', '{"version":"36.0.0","artifacts":{}}');
      put('stages/assembly-Prod/manifest.json', '{"version":"36.0.0","artifacts":{}}');
      put('stages/assembly-Prod/ProdApi.template.json', template);
      git(dir, 'init', '-q');
      git(dir, 'add', '.');
      git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'assembly');
      const r = collectFilesAtRevision('HEAD', { cwd: dir, paths: [] });
      assert.deepEqual(r.errors, []);
      assert.deepEqual(r.files.map((f) => f.path), [
        'cdk.out/Api.template.json', 'cdk.out/manifest.json', 'infra/asset.shared.json',
        'stages/assembly-Prod/ProdApi.template.json', 'stages/assembly-Prod/manifest.json', 'stages/manifest.json',
      ], 'the manifest above stage assemblies is read too: it says which stages the app still has');
      assert.deepEqual(r.skipped, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('checkoutRoot and repositoryPathOf', () => {
  let workspace: string;
  /** A repository with one commit at `dir`. */
  const initRepository = (dir: string): string => {
    mkdirSync(dir, { recursive: true });
    git(dir, 'init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'README.md'), '# r\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'r');
    return realpathSync(dir);
  };
  before(() => {
    workspace = realpathSync(mkdtempSync(join(tmpdir(), 'fw-checkout-')));
  });
  after(() => rmSync(workspace, { recursive: true, force: true }));

  it('finds a repository checked out below the workspace from the paths that lead into it, even to a directory not made yet', () => {
    const plain = join(workspace, 'plain');
    const infra = initRepository(join(plain, 'infra-repo'));
    assert.equal(checkoutRoot(plain, ['infra-repo/cdk.out']), infra);
    assert.equal(checkoutRoot(plain, []), undefined, 'no paths and no repository at the workspace: nothing to go by');
    const toRepository = repositoryPathOf(plain, infra);
    assert.equal(toRepository('infra-repo/cdk.out/Api.template.json'), 'cdk.out/Api.template.json');
    assert.equal(toRepository('other/template.yaml'), undefined, 'outside the repository: GitHub has no such file');
    assert.equal(toRepository('../template.yaml'), undefined);
  });

  it('finds the repository above a workspace below its root, and names report paths from that root', () => {
    const root = initRepository(join(workspace, 'above'));
    mkdirSync(join(root, 'infra'));
    assert.equal(checkoutRoot(join(root, 'infra'), []), root);
    assert.equal(repositoryPathOf(join(root, 'infra'), root)('app/template.yaml'), 'infra/app/template.yaml');
    assert.equal(repositoryPathOf(root, root)('app/template.yaml'), 'app/template.yaml');
    assert.equal(repositoryPathOf(root, undefined)('app/template.yaml'), 'app/template.yaml', 'without git, report paths as they are');
  });

  it('takes the workspace\'s repository when the paths lie in several, and a submodule\'s superproject, whose paths GitHub shows', () => {
    const tools = initRepository(join(workspace, 'tools'));
    initRepository(join(tools, 'infra-repo'));
    assert.equal(checkoutRoot(tools, ['infra-repo', 'README.md']), tools);
    const stacks = initRepository(join(workspace, 'stacks'));
    const superproject = initRepository(join(workspace, 'super'));
    git(superproject, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', stacks, 'vendor/stacks');
    assert.equal(checkoutRoot(superproject, ['vendor/stacks']), superproject);
    assert.equal(repositoryPathOf(superproject, superproject)('vendor/stacks/README.md'), 'vendor/stacks/README.md');
  });
});
