/**
 * The GitHub REST operations the Action uses on one repository, as a port. Nothing here decides
 * anything (comment.ts and review.ts do); every method is one endpoint, listed with the
 * permission it needs in `PERMISSION_FOR`. octokit.ts implements it over @actions/github, whose
 * throttling and retry plugins retry rate limits and 5xx with backoff.
 */
export interface GitHubPort {
  /**
   * POST /graphql `{ viewer { login } }`: the login the token acts as: `github-actions[bot]` for
   * the workflow token, `<app-slug>[bot]` for a GitHub App's installation token, the user's for a
   * personal access token (REST has no such answer for the first two: GET /user is refused, 403).
   */
  viewerLogin(): Promise<string>;
  /** GET /repos/{owner}/{repo}/issues/{issue_number}/comments, every page. */
  listIssueComments(issue: number): Promise<IssueComment[]>;
  /** POST /repos/{owner}/{repo}/issues/{issue_number}/comments */
  createIssueComment(issue: number, body: string): Promise<IssueComment>;
  /** PATCH /repos/{owner}/{repo}/issues/comments/{comment_id} */
  updateIssueComment(id: number, body: string): Promise<IssueComment>;
  /** DELETE /repos/{owner}/{repo}/issues/comments/{comment_id} */
  deleteIssueComment(id: number): Promise<void>;
  /** GET /repos/{owner}/{repo}/pulls/{pull_number}/files, every page (GitHub lists at most 3000). */
  listPullFiles(pull: number): Promise<PullFile[]>;
  /** GET /repos/{owner}/{repo}/pulls/{pull_number}/comments, every page. */
  listReviewComments(pull: number): Promise<{ id: number; body: string }[]>;
  /** POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews with event COMMENT. */
  createReview(pull: number, review: NewReview): Promise<void>;
  /** GET /repos/{owner}/{repo}/git/trees/{tree_sha}?recursive=1 */
  getTree(sha: string): Promise<{ entries: TreeEntry[]; truncated: boolean }>;
  /** GET /repos/{owner}/{repo}/git/blobs/{file_sha}: the raw bytes. */
  getBlob(sha: string): Promise<Buffer>;
}

export interface IssueComment {
  id: number;
  body: string;
  url: string;
  /** Who wrote it: REST's `user` (`login` is `github-actions[bot]` for the workflow token, `<app-slug>[bot]` for an App's, the user's for a personal access token). */
  author?: { login: string; type?: string };
}

export interface PullFile {
  filename: string;
  status: string;
  /** Unified diff of the file; GitHub leaves it out for binary and very large diffs. */
  patch?: string;
}

export interface NewReview {
  commitId: string;
  body: string;
  comments: { path: string; line: number; body: string }[];
}

export interface TreeEntry {
  path: string;
  type: string;
  sha: string;
  size?: number;
  /** Git's file mode: `100644`, `100755`, `120000` (a symbolic link, whose blob is its target), `160000` (a submodule). */
  mode?: string;
}

export type Operation = 'comment' | 'review' | 'pull-files' | 'contents';

/** The `permissions:` entry each operation needs from the workflow token. */
const PERMISSION_FOR: Record<Operation, string> = {
  comment: 'pull-requests: write',
  review: 'pull-requests: write',
  'pull-files': 'pull-requests: read',
  contents: 'contents: read',
};

/** The HTTP status of an Octokit request error, if it is one. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number') return error.status;
  return undefined;
}

/**
 * A 403 that means "this token may not do that" rather than a rate limit: GitHub answers
 * "Resource not accessible by integration" (403) to a GITHUB_TOKEN without the permission, and
 * fork pull requests get a read-only token on `pull_request`. A 401 is not one: GitHub does not
 * accept the token at all (expired, revoked, mistyped), which no `permissions:` entry mends.
 */
export function isPermissionError(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== 403) return false;
  const message = error instanceof Error ? error.message : '';
  return !/rate limit/i.test(message) && !isLockedError(error);
}

/**
 * GitHub refusing to write in a locked conversation, where only collaborators who may push still
 * write (the workflow token and GitHub Apps are none, so no `permissions:` entry mends it):
 * - 403 `Unable to create comment because issue is locked.` to POST …/issues/{n}/comments, and
 *   `Unable to update comment because issue is locked.` to PATCH …/issues/comments/{id}, with
 *   `documentation_url` …/locking-conversations (Octokit appends it to the message);
 * - 422 `Unprocessable Entity` with `errors: ["lock prevents review"]` to POST …/pulls/{n}/reviews
 *   (Octokit's message: `Unprocessable Entity: "lock prevents review" - <documentation_url>`).
 */
export function isLockedError(error: unknown): boolean {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : '';
  if (status === 403) return /\bis locked\b/i.test(message) || /locking-conversations/i.test(message);
  return status === 422 && /\block prevents review\b/i.test(message);
}

/**
 * Why a request failed, in parts: GitHub's own words (API-derived, untrusted: they may hold
 * markdown, HTML or @mentions) apart from ours, so that markdown escapes exactly them (see
 * failureCause) and a log line reads them as they are. Never includes the token.
 */
export interface ApiFailure {
  /** The HTTP status GitHub answered; undefined when no answer came (a network error). */
  status?: number;
  /** GitHub's message (first line, without the documentation URL Octokit appends), or the error's. */
  reason: string;
  /** Our own words after the reason, with their leading punctuation: what it means and what to change (may hold code spans). */
  hint: string;
}

export function explainApiError(error: unknown, operation: Operation): ApiFailure {
  const status = statusOf(error);
  // Octokit appends ` - <documentation_url>` to GitHub's message; the message is what a reader needs.
  const reason = error instanceof Error ? error.message.split('\n')[0].replace(/ - https?:\/\/\S+$/, '') : String(error);
  const failure = (hint: string): ApiFailure => ({ ...(status === undefined ? {} : { status }), reason, hint });
  if (isLockedError(error)) {
    const missing = operation === 'review' ? 'review suggestions' : 'the comment';
    return failure(`: the pull request's conversation is locked, and only collaborators may write in it. Unlock the conversation to get ${missing} on later runs${operation === 'review' ? '.' : '; the job summary has the full report.'}`);
  }
  if (isPermissionError(error)) {
    return failure(
      `. The workflow token needs \`${PERMISSION_FOR[operation]}\`: add it under \`permissions:\` in the workflow. ` +
        'Pull requests from forks get a read-only token on `pull_request`; the job summary still has the full report.',
    );
  }
  if (status === 401) return failure(': it does not accept the token. Pass a valid one as `github-token`, or leave the input unset to use the workflow token.');
  if (status !== undefined && status >= 500) return failure(' after retries with backoff; re-run the job.');
  return failure('.');
}

/**
 * Why it failed: `GitHub answered 403 (<reason>). <hint>`. In
 * markdown, pass escapeMarkdown as `escape`: it applies to GitHub's words only.
 */
export function failureCause(failure: ApiFailure, escape: (text: string) => string = (text) => text): string {
  const reason = escape(failure.reason);
  return `${failure.status === undefined ? reason : `GitHub answered ${failure.status} (${reason})`}${failure.hint}`;
}

/** One sentence for the log: what failed (`attempted`, as `could not …` goes on), why, and what to change. */
export function failureSentence(attempted: string, failure: ApiFailure): string {
  return `could not ${attempted}: ${failureCause(failure)}`;
}
