import { COMMENT_MARKER } from '../src/shared/render/comment/comment.ts';
import { statusOf, type GitHubPort, type IssueComment } from './github.ts';
import type { CommentMode } from './inputs.ts';

export interface CommentPlan {
  issue: number;
  mode: CommentMode;
  /** Nothing fargate-warden reviews changed in this pull request. */
  unchanged: boolean;
  deleteIfUnchanged: boolean;
  body: string;
  /** See ActionInputs.commentKey: only comments with this key (or, undefined, with none) are this step's. */
  key?: string;
}

export type CommentAction = 'created' | 'updated' | 'up to date' | 'deleted' | 'skipped';

export interface CommentOutcome {
  action: CommentAction;
  url?: string;
  /** Earlier sticky comments removed (duplicates, or all of them when deleting). */
  deleted: number;
}

/**
 * Ours: the body begins with the marker, so a person quoting our comment is never taken for it,
 * and a bot wrote it (the Actions token and GitHub App tokens post as bots), so a comment a person
 * starts with the marker is never edited or deleted. (A personal access token posts as its user:
 * then each run adds a comment; use the Actions token or an App's.)
 */
function isSticky(comment: Pick<IssueComment, 'body' | 'author'>, key?: string): boolean {
  const body = comment.body.trimStart();
  if (!body.startsWith(COMMENT_MARKER) || commentKeyOf(body) !== key) return false;
  const author = comment.author;
  return author === undefined || author.type === 'Bot' || (author.type === undefined && author.login.endsWith('[bot]'));
}

/**
 * The line after the marker that names a keyed comment's key (see ActionInputs.commentKey), the
 * one definition of it: `<!-- fargate-warden:comment-key KEY -->`, written by keyLine and read by
 * commentKeyOf.
 */
const KEY_LINE = { start: '<!-- fargate-warden:comment-key ', end: ' -->' };

function keyLine(key: string): string {
  return `${KEY_LINE.start}${key}${KEY_LINE.end}`;
}

/** The key a marked body names on its second line, or undefined for a comment without one. */
function commentKeyOf(body: string): string | undefined {
  const second = body.split('\n', 2)[1]?.trim() ?? '';
  const key = second.startsWith(KEY_LINE.start) && second.endsWith(KEY_LINE.end) ? second.slice(KEY_LINE.start.length, -KEY_LINE.end.length) : '';
  return key === '' ? undefined : key;
}

/** The body to post: the marker first (the public contract), then the key line when there is a key. */
function stickyBody(plan: CommentPlan): string {
  const body = plan.body.startsWith(COMMENT_MARKER) ? plan.body.slice(COMMENT_MARKER.length).replace(/^\r?\n/, '') : plan.body;
  return [COMMENT_MARKER, ...(plan.key === undefined ? [] : [keyLine(plan.key)]), body].join('\n');
}

/**
 * The Infracost-style switch at the I/O edge:
 * - `update` keeps exactly one sticky comment: edits the first one found by its marker (only when
 *   the body changed), creates it when there is none, and removes duplicates left by a race or by
 *   an earlier `new`;
 * - `new` posts a fresh comment every run and leaves the earlier ones;
 * - `off` posts nothing;
 * - with `deleteIfUnchanged`, a pull request that changes nothing reviewed gets no comment, and an
 *   earlier one is deleted.
 * A marked comment another identity wrote (another App, a workflow with another token) cannot be
 * edited or deleted: GitHub refuses (403, or 404 for some tokens), and it is passed over. Duplicates
 * are only ours: written by whoever wrote the comment kept.
 */
export async function publishComment(github: GitHubPort, plan: CommentPlan): Promise<CommentOutcome> {
  if (plan.mode === 'off') return { action: 'skipped', deleted: 0 };
  const body = stickyBody(plan);
  const sticky = (c: IssueComment): boolean => isSticky(c, plan.key);

  if (plan.unchanged && plan.deleteIfUnchanged) {
    const ours = (await github.listIssueComments(plan.issue)).filter(sticky);
    let deleted = 0;
    for (const c of ours) if (await deleteIfAllowed(github, c)) deleted++;
    return { action: deleted > 0 ? 'deleted' : 'skipped', deleted };
  }
  if (plan.mode === 'new') {
    const created = await github.createIssueComment(plan.issue, body);
    return { action: 'created', url: created.url, deleted: 0 };
  }

  // The Actions token writes as github-actions[bot]: its comments are tried first, so another
  // identity's marked comment that happens to hold the same report is not kept in place of ours.
  const ours = (await github.listIssueComments(plan.issue)).filter(sticky).sort((a, b) => Number(b.author?.login === ACTIONS_BOT) - Number(a.author?.login === ACTIONS_BOT));
  let outcome: CommentOutcome | undefined;
  let kept: IssueComment | undefined;
  const foreign = new Set<IssueComment>();
  for (const candidate of ours) {
    if (sameBody(candidate, body)) {
      [outcome, kept] = [{ action: 'up to date', url: candidate.url, deleted: 0 }, candidate];
      break;
    }
    try {
      const updated = await github.updateIssueComment(candidate.id, body);
      [outcome, kept] = [{ action: 'updated', url: updated.url, deleted: 0 }, candidate];
      break;
    } catch (error) {
      if (!isRefused(error)) throw error;
      foreign.add(candidate);
    }
  }
  if (outcome === undefined) {
    const created = await github.createIssueComment(plan.issue, body);
    [outcome, kept] = [{ action: 'created', url: created.url, deleted: 0 }, created];
  }
  const owner = kept?.author?.login;
  for (const c of ours) {
    if (c === kept || foreign.has(c) || (owner !== undefined && c.author !== undefined && c.author.login !== owner)) continue;
    if (await deleteIfAllowed(github, c)) outcome.deleted++;
  }
  return outcome;
}

const ACTIONS_BOT = 'github-actions[bot]';

/** GitHub refusing to edit or delete a comment this token did not write. */
function isRefused(error: unknown): boolean {
  const status = statusOf(error);
  return (status === 403 || status === 404) && !/rate limit/i.test(error instanceof Error ? error.message : '');
}

async function deleteIfAllowed(github: GitHubPort, comment: IssueComment): Promise<boolean> {
  try {
    await github.deleteIssueComment(comment.id);
    return true;
  } catch (error) {
    if (isRefused(error)) return false;
    throw error;
  }
}

function sameBody(comment: IssueComment, body: string): boolean {
  return comment.body.replace(/\r\n/g, '\n') === body.replace(/\r\n/g, '\n');
}
