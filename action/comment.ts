import { COMMENT_MARKER } from '../src/shared/render/comment/comment.ts';
import type { GitHubPort, IssueComment } from './github.ts';
import type { CommentMode } from './inputs.ts';

export interface CommentPlan {
  issue: number;
  mode: CommentMode;
  /** Nothing fargate-warden reviews changed in this pull request. */
  unchanged: boolean;
  deleteIfUnchanged: boolean;
  body: string;
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
export function isSticky(comment: Pick<IssueComment, 'body' | 'author'>): boolean {
  if (!comment.body.trimStart().startsWith(COMMENT_MARKER)) return false;
  const author = comment.author;
  return author === undefined || author.type === 'Bot' || (author.type === undefined && author.login.endsWith('[bot]'));
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
 */
export async function publishComment(github: GitHubPort, plan: CommentPlan): Promise<CommentOutcome> {
  if (plan.mode === 'off') return { action: 'skipped', deleted: 0 };
  const body = plan.body.startsWith(COMMENT_MARKER) ? plan.body : `${COMMENT_MARKER}\n${plan.body}`;

  if (plan.unchanged && plan.deleteIfUnchanged) {
    const ours = (await github.listIssueComments(plan.issue)).filter(isSticky);
    for (const c of ours) await github.deleteIssueComment(c.id);
    return { action: ours.length > 0 ? 'deleted' : 'skipped', deleted: ours.length };
  }
  if (plan.mode === 'new') {
    const created = await github.createIssueComment(plan.issue, body);
    return { action: 'created', url: created.url, deleted: 0 };
  }

  const ours = (await github.listIssueComments(plan.issue)).filter(isSticky);
  const [first, ...duplicates] = ours;
  let outcome: CommentOutcome;
  if (first === undefined) {
    const created = await github.createIssueComment(plan.issue, body);
    outcome = { action: 'created', url: created.url, deleted: 0 };
  } else if (sameBody(first, body)) {
    outcome = { action: 'up to date', url: first.url, deleted: 0 };
  } else {
    const updated = await github.updateIssueComment(first.id, body);
    outcome = { action: 'updated', url: updated.url, deleted: 0 };
  }
  for (const c of duplicates) {
    await github.deleteIssueComment(c.id);
    outcome.deleted++;
  }
  return outcome;
}

function sameBody(comment: IssueComment, body: string): boolean {
  return comment.body.replace(/\r\n/g, '\n') === body.replace(/\r\n/g, '\n');
}
