// A throw-away git repository in os.tmpdir() for the git-read and `diff --base-ref` tests:
// two commits of real fixtures, built with the git CLI and an identity of its own.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
const FIXTURES = join(ROOT, 'test/fixtures');

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=fargate-warden tests', '-c', 'user.email=tests@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' },
  });
}

export interface TestRepo {
  dir: string;
  /** The two commits: base (the NAT route present), head (the NAT route removed). */
  base: string;
  head: string;
  remove(): void;
}

/**
 * Layout (both commits):
 *   infra/app/template.yaml        the nat-route scenario: base has the NAT route, head does not
 *   infra/cdk/                     a cdk.out assembly (template, manifest, metadata)
 *   infra/README.md                not IaC: skipped by directory reads
 *   node_modules/pkg/template.yaml a template where no user keeps one: skipped
 *   tools/values.yaml              YAML that is not a template: skipped
 */
export function createTestRepo(): TestRepo {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'fw-git-')));
  git(dir, 'init', '-q', '-b', 'main');
  const put = (path: string, text: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const fixture = (path: string): string => readFileSync(join(FIXTURES, path), 'utf8');
  put('infra/app/template.yaml', fixture('diff/nat-route/base/template.yaml'));
  cpSync(join(FIXTURES, 'cfn/cdk-app/cdk.out'), join(dir, 'infra/cdk'), { recursive: true });
  put('infra/README.md', '# infra\n');
  put('node_modules/pkg/template.yaml', fixture('diff/nat-route/base/template.yaml'));
  put('tools/values.yaml', 'replicas: 3\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  const base = git(dir, 'rev-parse', 'HEAD').trim();
  put('infra/app/template.yaml', fixture('diff/nat-route/head/template.yaml'));
  git(dir, 'commit', '-q', '-am', 'head: remove the NAT route');
  const head = git(dir, 'rev-parse', 'HEAD').trim();
  return { dir, base, head, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `commits` on a new branch `name` of the repository, then returns to main, work tree and all. */
export function onBranch(dir: string, name: string, commits: () => void): void {
  git(dir, 'checkout', '-q', '-b', name);
  try {
    commits();
  } finally {
    git(dir, 'checkout', '-q', '-f', 'main');
  }
}
