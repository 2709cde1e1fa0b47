import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { GitHubPort, IssueComment } from './github.ts';

export interface ClientOptions {
  /** GITHUB_API_URL: `https://api.github.com`, or `https://HOST/api/v3` on GHES. */
  baseUrl: string;
  userAgent?: string;
  /** Replaces the runner's proxy-aware fetch (tests hand in the global fetch, which nock intercepts). */
  fetch?: typeof globalThis.fetch;
  /** Milliseconds a retry waits per unit of backoff (Octokit's default 1000; tests use 1). */
  retryBaseMs?: number;
  /** Octokit's throttling (one write per second, rate-limit waits); on by default. */
  throttle?: boolean;
  /** Where Octokit's own warnings go. */
  log?: (message: string) => void;
}

/** How often a rate-limited request is tried again before the error is reported. */
const RATE_LIMIT_RETRIES = 2;

export function createGitHub(token: string, repo: { owner: string; repo: string }, options: ClientOptions): GitHubPort {
  const log = options.log ?? (() => undefined);
  const octokit = getOctokit(
    token,
    {
      baseUrl: options.baseUrl,
      ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
      ...(options.fetch === undefined ? {} : { request: { fetch: options.fetch } }),
      log: { debug: () => undefined, info: () => undefined, warn: log, error: log },
      retry: { retryAfterBaseValue: options.retryBaseMs ?? 1000 },
      throttle: {
        enabled: options.throttle ?? true,
        retryAfterBaseValue: options.retryBaseMs ?? 1000,
        onRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          log(`GitHub API rate limit reached for ${request.method} ${request.url}; ${retryCount < RATE_LIMIT_RETRIES ? `retrying in ${retryAfter} s` : 'giving up'}`);
          return retryCount < RATE_LIMIT_RETRIES;
        },
        onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          log(`GitHub API secondary rate limit for ${request.method} ${request.url}; ${retryCount < RATE_LIMIT_RETRIES ? `retrying in ${retryAfter} s` : 'giving up'}`);
          return retryCount < RATE_LIMIT_RETRIES;
        },
      },
    },
    throttling,
    retry,
  );
  const { owner, repo: name } = repo;
  const toComment = (c: { id: number; body?: string | null; html_url: string; user?: { login: string; type?: string } | null }): IssueComment => {
    const out: IssueComment = { id: c.id, body: c.body ?? '', url: c.html_url };
    if (c.user) out.author = { login: c.user.login, ...(c.user.type === undefined ? {} : { type: c.user.type }) };
    return out;
  };

  return {
    async viewerLogin() {
      const { viewer } = await octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
      return viewer.login;
    },
    async listIssueComments(issue) {
      const all = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo: name, issue_number: issue, per_page: 100 });
      return all.map(toComment);
    },
    async createIssueComment(issue, body) {
      const { data } = await octokit.rest.issues.createComment({ owner, repo: name, issue_number: issue, body });
      return toComment(data);
    },
    async updateIssueComment(id, body) {
      const { data } = await octokit.rest.issues.updateComment({ owner, repo: name, comment_id: id, body });
      return toComment(data);
    },
    async deleteIssueComment(id) {
      await octokit.rest.issues.deleteComment({ owner, repo: name, comment_id: id });
    },
    async listPullFiles(pull) {
      const all = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo: name, pull_number: pull, per_page: 100 });
      return all.map((f) => ({ filename: f.filename, status: f.status, ...(f.patch === undefined ? {} : { patch: f.patch }) }));
    },
    async listReviewComments(pull) {
      const all = await octokit.paginate(octokit.rest.pulls.listReviewComments, { owner, repo: name, pull_number: pull, per_page: 100 });
      return all.map((c) => ({ id: c.id, body: c.body }));
    },
    async createReview(pull, review) {
      await octokit.rest.pulls.createReview({
        owner,
        repo: name,
        pull_number: pull,
        commit_id: review.commitId,
        event: 'COMMENT',
        body: review.body,
        comments: review.comments.map((c) => ({ path: c.path, line: c.line, side: 'RIGHT', body: c.body })),
      });
    },
    async getTree(sha) {
      const { data } = await octokit.rest.git.getTree({ owner, repo: name, tree_sha: sha, recursive: '1' });
      return {
        entries: data.tree.flatMap((e) => (e.path === undefined || e.type === undefined || e.sha === undefined ? [] : [{ path: e.path, type: e.type, sha: e.sha, ...(e.size === undefined ? {} : { size: e.size }), ...(e.mode === undefined ? {} : { mode: e.mode }) }])),
        truncated: data.truncated,
      };
    },
    async getBlob(sha) {
      const { data } = await octokit.rest.git.getBlob({ owner, repo: name, file_sha: sha });
      return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
    },
  };
}

