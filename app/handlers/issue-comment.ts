import type { Context } from 'probot';
import { codeSpan, escapeMarkdown } from '../../src/shared/render/escape.ts';
import { GitHubRepo } from '../github/repo.ts';
import { COMMAND_REPLY_MARKER } from '../markers.ts';
import { CONFIG_ISSUE_TITLE, renderConfigErrors } from '../config.ts';
import { ReconcileError, reconcileDefaultBranch, type ReconcileReport, type Runtime } from '../reconcile.ts';

/** `/fargate-warden rescan` as the first line of a comment. */
const COMMAND = /^\s*\/fargate-warden\s+rescan\s*$/;

export function isRescanCommand(body: string): boolean {
  const first = body.split(/\r?\n/).find((line) => line.trim() !== '');
  return first !== undefined && COMMAND.test(first);
}

/**
 * `/fargate-warden rescan` on an issue or pull request, from a person with write access: run the
 * reconcile now and reply with what it did. Bots and readers are ignored without a reply (a reply
 * to anyone would let anyone make the App write to the repository).
 */
export async function onIssueComment(context: Context<'issue_comment.created'>, runtime: Runtime): Promise<void> {
  const { payload } = context;
  if (!isRescanCommand(payload.comment.body)) return;
  if (payload.comment.user?.type === 'Bot' || payload.sender.type === 'Bot') return;
  const repository = payload.repository;
  const repo = new GitHubRepo(context.octokit, { owner: repository.owner.login, repo: repository.name });
  const login = payload.comment.user?.login ?? payload.sender.login;
  const permission = await repo.permissionOf(login);
  if (permission !== 'admin' && permission !== 'write') {
    context.log.info({ repo: repo.fullName, user: login, permission }, 'rescan command ignored: the commenter has no write access');
    return;
  }
  let report: ReconcileReport | undefined;
  try {
    report = await reconcileDefaultBranch(repo, runtime, context.log, { defaultBranch: repository.default_branch, archived: repository.archived === true });
  } catch (error) {
    await repo.comment(payload.issue.number, `${COMMAND_REPLY_MARKER}\nfargate-warden could not rescan: ${error instanceof Error ? error.message : String(error)}. The error is in the App's log; try again later.`);
    throw error;
  }
  await repo.comment(payload.issue.number, `${COMMAND_REPLY_MARKER}\n${describeReport(report, repository.default_branch, repo.htmlUrl)}`);
  if (report !== undefined && report.failed.length > 0) throw new ReconcileError(report);
}

/** The rescan reply; `repoUrl` (the repository's web address) links configuration errors to their lines. */
export function describeReport(report: ReconcileReport | undefined, branch: string, repoUrl: string): string {
  if (report === undefined) return `fargate-warden has nothing to scan: \`${branch}\` has no commits or the repository is archived.`;
  const at = `\`${branch}\` at ${report.headSha.slice(0, 7)}`;
  if (report.configErrors.length > 0) {
    const head = `fargate-warden rescanned ${at}, but the configuration file has ${report.configErrors.length} error(s), so no fix pull request was changed.`;
    if (report.config !== 'disabled') return `${head} See the issue “${CONFIG_ISSUE_TITLE}”.`;
    return `${head} Issues are turned off in this repository, so they are listed here:\n\n${renderConfigErrors(repoUrl, branch, report.configErrors)}`;
  }
  const refs = (list: { number: number }[]): string => list.map((p) => `#${p.number}`).join(', ');
  const parts: string[] = [];
  if (report.opened.length > 0) parts.push(`opened ${refs(report.opened)}`);
  if (report.updated.length > 0) parts.push(`updated ${refs(report.updated)}`);
  if (report.closed.length > 0) parts.push(`closed ${refs(report.closed)}`);
  if (report.unchanged.length > 0) parts.push(`left ${refs(report.unchanged)} as they were (up to date)`);
  if (report.pruned.length > 0) parts.push(`deleted ${report.pruned.length} left-over branch(es) without a pull request`);
  const lines = [`fargate-warden rescanned ${at}: ${report.desired.length} fix group(s)${parts.length > 0 ? `; ${parts.join('; ')}` : ''}.`];
  if (report.blockedBy !== undefined) {
    const { branch: blocker, groups } = report.blockedBy;
    lines.push(
      `- no fix pull request can be opened: a branch named ${codeSpan(blocker)} exists, and git allows no branch under ${codeSpan(`${blocker}/`)} beside it. Rename or delete it; ${groups.length} fix group(s) wait for it (${groups.map(escapeMarkdown).join(', ')}).`,
    );
  }
  // Group ids can come from service names, reasons and errors quote paths and GitHub's messages:
  // never markdown, HTML or @-mentions.
  for (const s of report.skipped) lines.push(`- ${escapeMarkdown(s.group)}${s.number === undefined ? '' : ` (#${s.number})`}: ${escapeMarkdown(s.reason)}`);
  for (const f of report.failed) lines.push(`- ${escapeMarkdown(f.group)}: failed (${escapeMarkdown(f.error)}); the next push or rescan retries it`);
  const unread = report.scanErrors.length;
  if (unread > 0) lines.push(`- ${unread} template problem(s) (unreadable or unparsable files); run \`fargate-warden scan\` locally to see them`);
  return lines.join('\n');
}
