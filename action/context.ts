import { readFileSync } from 'node:fs';

export type Env = Record<string, string | undefined>;

/** The pull request under review, from the event payload. */
export interface PullRequestContext {
  number: number;
  baseSha: string;
  headSha: string;
  baseRef: string;
  headRef: string;
  /** `owner/repo` of the head branch; differs from the repository for a fork. */
  headRepo: string;
  fromFork: boolean;
}

/** What the runner tells the Action through its environment (docs: "Default environment variables"). */
export interface RunContext {
  eventName: string;
  owner: string;
  repo: string;
  /** The checked-out repository (GITHUB_WORKSPACE). */
  workspace: string;
  /** `https://github.com` or a GHES host, for links. */
  serverUrl: string;
  /** REST API root: `https://api.github.com` or `https://HOST/api/v3` on GHES. */
  apiUrl: string;
  sha?: string;
  pullRequest?: PullRequestContext;
}

export class ContextError extends Error {}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

export function readContext(env: Env, cwd: string): RunContext {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new ContextError('GITHUB_REPOSITORY is not set (expected owner/repo): run fargate-warden as a step of a GitHub Actions workflow.');
  const context: RunContext = {
    eventName,
    owner,
    repo,
    workspace: env.GITHUB_WORKSPACE || cwd,
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
  };
  if (PULL_REQUEST_EVENTS.has(eventName)) context.pullRequest = readPullRequest(env.GITHUB_EVENT_PATH, `${owner}/${repo}`);
  return context;
}

function readPullRequest(eventPath: string | undefined, repository: string): PullRequestContext {
  if (!eventPath) throw new ContextError('GITHUB_EVENT_PATH is not set, so the pull request is unknown.');
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(eventPath, 'utf8'));
  } catch (error) {
    throw new ContextError(`cannot read the event payload ${eventPath}: ${(error as Error).message}`);
  }
  const pr = field(payload, 'pull_request');
  const base = field(pr, 'base');
  const head = field(pr, 'head');
  const number = field(pr, 'number') ?? field(payload, 'number');
  const baseSha = field(base, 'sha');
  const headSha = field(head, 'sha');
  if (typeof number !== 'number' || typeof baseSha !== 'string' || typeof headSha !== 'string') {
    throw new ContextError('the event payload has no pull_request with number, base.sha and head.sha.');
  }
  const headRepo = field(field(head, 'repo'), 'full_name');
  const headRepoName = typeof headRepo === 'string' ? headRepo : repository;
  return {
    number,
    baseSha,
    headSha,
    baseRef: stringField(base, 'ref') ?? baseSha.slice(0, 7),
    headRef: stringField(head, 'ref') ?? headSha.slice(0, 7),
    headRepo: headRepoName,
    fromFork: headRepoName.toLowerCase() !== repository.toLowerCase(),
  };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function stringField(value: unknown, name: string): string | undefined {
  const v = field(value, name);
  return typeof v === 'string' && v !== '' ? v : undefined;
}
