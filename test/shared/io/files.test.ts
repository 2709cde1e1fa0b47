import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffBudgets, linkOnPath } from '../../../src/shared/io/files.ts';
import { loadConfigFile } from '../../../src/shared/io/config-file.ts';

describe('linkOnPath: what a repository-content reader must not follow', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fw-links-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'repo/infra'), { recursive: true });
  writeFileSync(join(dir, 'repo/infra/a.yaml'), 'Resources: {}\n');
  writeFileSync(join(dir, 'secret'), 'token\n');
  symlinkSync('../secret', join(dir, 'repo/leak.yaml'));
  symlinkSync('infra', join(dir, 'repo/alias'));
  const repo = join(dir, 'repo');

  it('passes plain files and directories, and the root itself', () => {
    assert.equal(linkOnPath(repo, join(repo, 'infra/a.yaml')), undefined);
    assert.equal(linkOnPath(repo, join(repo, 'infra')), undefined);
    assert.equal(linkOnPath(repo, repo), undefined);
    assert.equal(linkOnPath(repo, join(repo, 'missing/file.yaml')), undefined, 'a missing path is the reader\'s error to report');
  });

  it('names the link: the file itself, or a directory above it', () => {
    assert.equal(linkOnPath(repo, join(repo, 'leak.yaml')), 'leak.yaml');
    assert.equal(linkOnPath(repo, join(repo, 'alias/a.yaml')), 'alias');
  });

  it('refuses a path outside the root, but not a sibling whose name starts with two dots', () => {
    assert.equal(linkOnPath(repo, join(dir, 'secret')), '../secret');
    mkdirSync(join(repo, '..hidden'), { recursive: true });
    assert.equal(linkOnPath(repo, join(repo, '..hidden')), undefined);
  });
});

describe('loadConfigFile and symbolic links', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fw-config-link-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'repo/.git'), { recursive: true });
  mkdirSync(join(dir, 'repo/.github'), { recursive: true });
  writeFileSync(join(dir, 'repo/.git/config'), '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n');
  writeFileSync(join(dir, 'shared.yml'), 'failOn: low\n');
  symlinkSync('../.git/config', join(dir, 'repo/.github/fargate-warden.yml'));
  const repo = join(dir, 'repo');

  it('the config found by searching is not read through a link, and the error does not quote what it points to', () => {
    const loaded = loadConfigFile({ cwd: repo });
    assert.equal(loaded.errors.length, 1);
    assert.match(loaded.errors[0]!.message, /\.github\/fargate-warden\.yml is a symbolic link/);
    assert.ok(!JSON.stringify(loaded).includes('c2VjcmV0'));
    assert.equal(loaded.config.failOn, undefined, 'defaults apply');
  });

  it('an explicit --config is followed (the user named it), unless it comes from a repository the caller does not trust', () => {
    symlinkSync('../shared.yml', join(repo, 'linked.yml'));
    assert.equal(loadConfigFile({ cwd: repo, path: 'linked.yml' }).config.failOn, 'low');
    assert.match(loadConfigFile({ cwd: repo, path: 'linked.yml', repository: repo }).errors[0]!.message, /linked\.yml is a symbolic link/);
  });
});

describe('diffBudgets: one total for the two sides of a diff', () => {
  it('lets base use half of it and head what base left', () => {
    const { base, head } = diffBudgets(1000);
    assert.equal(base.admit('base/a.yaml', 300), undefined);
    assert.match(base.admit('base/b.yaml', 300)?.message ?? '', /^not analyzed: base's templates read before it already reach 500 bytes, the half of the 1000 bytes one diff reads/);
    assert.equal(head.admit('head/a.yaml', 600), undefined, 'head gets the 700 bytes base left');
    assert.match(head.admit('head/b.yaml', 200)?.message ?? '', /^not analyzed: the templates read before it, base's and head's together, already reach the 1000 bytes one diff reads/);
    assert.equal(head.admit('head/c.yaml', 100), undefined, 'a smaller file still fits');
  });
});
