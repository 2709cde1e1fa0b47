import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Role } from '../../src/shared/model/index.ts';
import type { Rule } from '../../src/shared/rules/types.ts';
import type { PullFile } from '../../action/github.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const OWNER = 'acme';
export const NAME = 'orders';
export const REPO_PATH = `/repos/${OWNER}/${NAME}`;
export const API = 'https://api.github.com';
export const PR_NUMBER = 7;

export function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' },
  }).trim();
}

export interface TestRepo {
  dir: string;
  base: string;
  head: string;
  cleanup(): void;
}

/**
 * A real git repository whose first commit holds examples/base under infra/ and whose second
 * holds examples/head (or, with `headFrom: 'base'`, only a README change: nothing reviewed changed).
 * `files` adds files (path from the root → text) to the base commit, or changes them in the head's.
 */
export function makeRepo(options: { headFrom?: 'head' | 'base'; files?: { base?: Record<string, string>; head?: Record<string, string> } } = {}): TestRepo {
  const dir = mkdtempSync(join(tmpdir(), 'fw-action-'));
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.email', 'test@example.com']);
  git(dir, ['config', 'user.name', 'Test']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  cpSync(join(ROOT, 'examples/base'), join(dir, 'infra'), { recursive: true });
  writeFileSync(join(dir, 'README.md'), '# orders\n');
  writeFiles(dir, options.files?.base);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'base']);
  const base = git(dir, ['rev-parse', 'HEAD']);
  if ((options.headFrom ?? 'head') === 'head') cpSync(join(ROOT, 'examples/head'), join(dir, 'infra'), { recursive: true });
  writeFileSync(join(dir, 'README.md'), '# orders\n\nNow private.\n');
  writeFiles(dir, options.files?.head);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'head']);
  const head = git(dir, ['rev-parse', 'HEAD']);
  return { dir, base, head, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function writeFiles(dir: string, files: Record<string, string> = {}): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** The PR's files as GitHub's pulls API lists them: unified diffs from the first hunk header on. */
export function pullFiles(repo: TestRepo): PullFile[] {
  const names = git(repo.dir, ['diff', '--name-only', repo.base, repo.head]).split('\n').filter(Boolean);
  return names.map((filename) => {
    const diff = git(repo.dir, ['diff', '--no-color', '-U3', repo.base, repo.head, '--', filename]);
    return { filename, status: 'modified', patch: diff.slice(diff.indexOf('@@')) };
  });
}

/** An identity that writes comments, as REST's `user` names it; `app` is the GitHub App it posts through, if any. */
export interface Author {
  login: string;
  id: number;
  type: 'Bot' | 'User';
  app?: { id: number; slug: string; name: string };
}

/** The workflow token's identity (GitHub Actions' bot user and App). */
export const ACTIONS_BOT: Author = { login: 'github-actions[bot]', id: 41898282, type: 'Bot', app: { id: 15368, slug: 'github-actions', name: 'GitHub Actions' } };

/**
 * An issue comment as REST lists it: GitHub's example `issue_comment.created` comment (the same
 * object as GET …/issues/{n}/comments), with its id, body and author set: `user` with `login`,
 * `id` and `type`, and `performed_via_github_app` for a comment an App's token (or the workflow
 * token) wrote.
 */
export function issueComment(id: number, body: string, author: Author = ACTIONS_BOT): Record<string, unknown> & { id: number; body: string; html_url: string } {
  const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as { name: string; examples: { action: string; comment: Record<string, unknown> }[] }[];
  const example = examples.find((e) => e.name === 'issue_comment')?.examples.find((e) => e.action === 'created' && 'performed_via_github_app' in e.comment)?.comment;
  if (example === undefined) throw new Error('no issue_comment.created example with performed_via_github_app in @octokit/webhooks-examples');
  const user = example.user as Record<string, unknown>;
  const url = `https://api.github.com/repos/${OWNER}/${NAME}/issues/comments/${id}`;
  return {
    ...structuredClone(example),
    id,
    node_id: `IC_kwDO${id}`,
    url,
    html_url: `https://github.com/${OWNER}/${NAME}/pull/${PR_NUMBER}#issuecomment-${id}`,
    issue_url: `https://api.github.com/repos/${OWNER}/${NAME}/issues/${PR_NUMBER}`,
    body,
    user: { ...user, login: author.login, id: author.id, node_id: `U_${author.id}`, url: `https://api.github.com/users/${encodeURIComponent(author.login)}`, html_url: `https://github.com/${author.type === 'Bot' ? `apps/${author.app?.slug ?? author.login}` : author.login}`, type: author.type, site_admin: false },
    performed_via_github_app: author.app === undefined ? null : { ...author.app, node_id: `A_${author.app.id}`, owner: { login: 'github', id: 9919, type: 'Organization' }, description: '', external_url: '', html_url: `https://github.com/apps/${author.app.slug}`, created_at: '2018-07-30T09:30:17Z', updated_at: '2024-04-10T20:33:16Z', permissions: {}, events: [] },
  };
}

/** GitHub's own example `pull_request.opened` payload, pointed at the test repository's commits. */
export function pullRequestEvent(repo: TestRepo, overrides: { headRepo?: string } = {}): Record<string, unknown> {
  const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as { name: string; examples: Record<string, unknown>[] }[];
  const opened = examples.find((e) => e.name === 'pull_request')?.examples.find((e) => e.action === 'opened');
  if (opened === undefined) throw new Error('no pull_request.opened example in @octokit/webhooks-examples');
  const event = structuredClone(opened) as {
    number: number;
    pull_request: { number: number; base: { sha: string; ref: string; repo: { full_name: string } }; head: { sha: string; ref: string; repo: { full_name: string } } };
    repository: { full_name: string; name: string; owner: { login: string } };
  };
  event.number = PR_NUMBER;
  event.pull_request.number = PR_NUMBER;
  event.pull_request.base.sha = repo.base;
  event.pull_request.base.ref = 'main';
  event.pull_request.base.repo.full_name = `${OWNER}/${NAME}`;
  event.pull_request.head.sha = repo.head;
  event.pull_request.head.ref = 'private-subnets';
  event.pull_request.head.repo.full_name = overrides.headRepo ?? `${OWNER}/${NAME}`;
  event.repository.full_name = `${OWNER}/${NAME}`;
  event.repository.name = NAME;
  event.repository.owner.login = OWNER;
  return event as unknown as Record<string, unknown>;
}

/** The runner's environment for one step, with the event written to a file. */
export function runnerEnv(repo: TestRepo, eventName: string, event: Record<string, unknown>, extra: Record<string, string> = {}): Record<string, string> {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'fw-runner-'));
  const eventPath = join(runnerTemp, 'event.json');
  writeFileSync(eventPath, JSON.stringify(event));
  return {
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${OWNER}/${NAME}`,
    GITHUB_WORKSPACE: repo.dir,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: API,
    GITHUB_SHA: repo.head,
    RUNNER_TEMP: runnerTemp,
    ...extra,
  };
}

/**
 * A rule for tests only: when the head adds the `order-exports` policy, it reports the policy's
 * `Resource: '*'` with a one-line fix narrowing it, so the suggestion path has a fix to offer
 * whatever the real rules' fixes look like today.
 */
export function exportsRule(repo: TestRepo, reportPath = 'infra/api-service.yaml'): Rule {
  const text = readFileSync(join(repo.dir, 'infra/api-service.yaml'), 'utf8');
  const start = text.indexOf("'*'", text.indexOf('order-exports'));
  return {
    meta: {
      id: 'FWT01',
      severity: 'high',
      area: 'iam',
      title: 'test rule',
      description: 'test rule',
      messages: { wide: 'The order-exports policy allows every bucket.' },
      fixable: true,
    },
    check({ posture }, report) {
      for (const role of posture.infra.roles) {
        // Until the policy names the bucket, as its fix writes: re-analysis of the fix finds it gone.
        if (exportsPolicyNamesBucket(role) !== false) continue;
        report({
          messageId: 'wide',
          entity: role,
          line: text.slice(0, start).split('\n').length,
          fix: () => ({
            title: 'Limit the policy to the exports bucket',
            explanation: 'Only the exports bucket is written.',
            edits: [{ file: reportPath, range: { start, end: start + 3 }, text: 'arn:aws:s3:::orders-exports/*' }],
          }),
        });
      }
    },
  };
}

/** Whether a role's `order-exports` policy names the exports bucket (what exportsRule's fix writes); undefined without the policy. */
function exportsPolicyNamesBucket(role: Role): boolean | undefined {
  const policy = role.inlinePolicies.find((p) => p.name === 'order-exports');
  return policy === undefined ? undefined : JSON.stringify(policy.statements).includes('orders-exports/*');
}

/**
 * A rule for tests only, the finding exportsRule's fix would introduce: the `order-exports` policy
 * names the exports bucket (what that fix writes). Re-analysis with it drops the fix unless the
 * run's config disables it. A config file names only known rules: it takes the ID of FW109, in
 * place of that rule (see withExportsBucketRule).
 */
function exportsBucketRule(): Rule {
  return {
    meta: {
      id: 'FW109',
      severity: 'high',
      area: 'iam',
      title: 'test rule',
      description: 'test rule',
      messages: { named: 'The order-exports policy names the exports bucket.' },
      fixable: false,
    },
    check({ posture }, report) {
      for (const role of posture.infra.roles) if (exportsPolicyNamesBucket(role) === true) report({ messageId: 'named', entity: role });
    },
  };
}

/** `rules` with FW109 replaced by exportsBucketRule. */
export function withExportsBucketRule(rules: readonly Rule[]): Rule[] {
  return [...rules.filter((r) => r.meta.id !== 'FW109'), exportsBucketRule()];
}

export function writeConfig(repo: TestRepo, yaml: string): void {
  mkdirSync(join(repo.dir, '.github'), { recursive: true });
  writeFileSync(join(repo.dir, '.github/fargate-warden.yml'), yaml);
}

/**
 * A rule for tests only: on each given line of the head's `infra/api-service.yaml` (1-based), a
 * finding whose one-line fix appends a YAML comment, so tests get as many suggestions as they need
 * on lines the pull request changed. A comment changes no resource, so the rule reports in the
 * first scan that finds the policy (head's) only: re-analysis of each fix finds it gone.
 */
export function lineCommentRule(repo: TestRepo, lines: readonly number[]): Rule {
  const text = readFileSync(join(repo.dir, 'infra/api-service.yaml'), 'utf8');
  const ends = lines.map((line) => {
    let end = -1;
    for (let n = 0; n < line; n++) end = text.indexOf('\n', end + 1);
    return end;
  });
  let reported = false;
  return {
    meta: {
      id: 'FWT02',
      severity: 'medium',
      area: 'iam',
      title: 'test rule',
      description: 'test rule',
      messages: { line: 'Line {{line}} needs a review note.' },
      fixable: true,
    },
    check({ posture }, report) {
      const role = posture.infra.roles.find((r) => r.inlinePolicies.some((p) => p.name === 'order-exports'));
      if (role === undefined || reported) return;
      reported = true;
      lines.forEach((line, i) => {
        report({
          messageId: 'line',
          data: { line },
          entity: role,
          line,
          fix: () => ({
            title: 'Add a review note',
            explanation: '',
            edits: [{ file: 'infra/api-service.yaml', range: { start: ends[i], end: ends[i] }, text: ' # reviewed' }],
          }),
        });
      });
    },
  };
}
