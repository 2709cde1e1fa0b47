import { COMMENT_MARKER } from '../src/shared/render/comment/comment.ts';
import { isLockedError, statusOf, type GitHubPort, type IssueComment } from './github.ts';
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
 * Marked for this step: the body begins with the marker (a person quoting the comment is never
 * taken for it) and names this step's key. Whether it is ours is a matter of who wrote it (see
 * publishComment), which the body cannot tell: anyone may write the marker.
 */
function isMarked(comment: Pick<IssueComment, 'body'>, key?: string): boolean {
  const body = comment.body.trimStart();
  return body.startsWith(COMMENT_MARKER) && commentKeyOf(body) === key;
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
 * - with `deleteIfUnchanged`, a pull request that changes nothing gets no comment, and an earlier
 *   one is deleted.
 * Only comments the token's own identity wrote are edited, deleted or taken as up to date: the
 * viewer's login (GitHub's `viewer`: `github-actions[bot]` for the workflow token, `<app>[bot]`
 * for an App's installation token, the user for a personal access token) against each comment's
 * `user.login`. Anyone may write the marker; another identity's marked comment is left alone (a
 * repository admin's token could edit it, and would overwrite someone else's words). It is asked
 * only when a marked comment exists; when it cannot be told, nothing is edited or deleted and a
 * new comment is posted.
 */
export async function publishComment(github: GitHubPort, plan: CommentPlan, log: (message: string) => void = () => undefined): Promise<CommentOutcome> {
  if (plan.mode === 'off') return { action: 'skipped', deleted: 0 };
  const body = stickyBody(plan);
  const create = async (): Promise<CommentOutcome> => {
    const created = await github.createIssueComment(plan.issue, body);
    return { action: 'created', url: created.url, deleted: 0 };
  };
  if (plan.mode === 'new' && !(plan.unchanged && plan.deleteIfUnchanged)) return create();

  const marked = (await github.listIssueComments(plan.issue)).filter((c) => isMarked(c, plan.key));
  const ours = await ownComments(github, marked, log);
  if (plan.unchanged && plan.deleteIfUnchanged) {
    let deleted = 0;
    for (const c of ours ?? []) if (await deleteIfThere(github, c)) deleted++;
    return { action: deleted > 0 ? 'deleted' : 'skipped', deleted };
  }
  if (ours === undefined) return create();

  let outcome: CommentOutcome | undefined;
  let kept: IssueComment | undefined;
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
      // Deleted since it was listed; any other refusal (a locked conversation, a read-only
      // token) would refuse the next one and a new comment too.
      if (statusOf(error) !== 404) throw error;
    }
  }
  outcome ??= await create();
  for (const c of ours) {
    if (c === kept) continue;
    if (await deleteIfThere(github, c)) outcome.deleted++;
  }
  return outcome;
}

/**
 * The marked comments the token's identity wrote, oldest first; undefined when that identity
 * cannot be told (logged). No request when nothing is marked.
 */
async function ownComments(github: GitHubPort, marked: readonly IssueComment[], log: (message: string) => void): Promise<IssueComment[] | undefined> {
  if (marked.length === 0) return [];
  let viewer: string;
  try {
    viewer = (await github.viewerLogin()).toLowerCase();
  } catch (error) {
    // GraphQL's errors come as lines after a summary (GraphqlResponseError): all of them count.
    const status = statusOf(error);
    const reason = (error instanceof Error ? error.message : String(error)).replace(/ - https?:\/\/\S+/g, '').replace(/\s*\n\s*-?\s*/g, ' ').trim();
    log(`comment: cannot tell which marked comments this token wrote (${status === undefined ? reason : `GitHub answered ${status}: ${reason}`}); editing and deleting none`);
    return undefined;
  }
  const ours = marked.filter((c) => c.author?.login.toLowerCase() === viewer);
  const others = marked.length - ours.length;
  if (others > 0) log(`comment: ${others} marked comment(s) by another identity than ${viewer} left alone`);
  return ours;
}

/** Deletes a duplicate; one already gone (404) or refused (403) is left. */
async function deleteIfThere(github: GitHubPort, comment: IssueComment): Promise<boolean> {
  try {
    await github.deleteIssueComment(comment.id);
    return true;
  } catch (error) {
    const status = statusOf(error);
    if ((status === 403 && !isLockedError(error)) || status === 404) return false;
    throw error;
  }
}

function sameBody(comment: IssueComment, body: string): boolean {
  return comment.body.replace(/\r\n/g, '\n') === body.replace(/\r\n/g, '\n');
}
