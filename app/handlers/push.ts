import type { Context } from 'probot';
import { GitHubRepo } from '../github/repo.ts';
import { ReconcileError, reconcileDefaultBranch, type Runtime } from '../reconcile.ts';

/** A push to the default branch: reconcile the fix pull requests with the new head. */
export async function onPush(context: Context<'push'>, runtime: Runtime): Promise<void> {
  const { payload } = context;
  const repository = payload.repository;
  if (payload.deleted || payload.ref !== `refs/heads/${repository.default_branch}`) return;
  if (repository.archived) return;
  const repo = new GitHubRepo(context.octokit, { owner: repository.owner?.login ?? repository.full_name.split('/')[0], repo: repository.name });
  const report = await reconcileDefaultBranch(repo, runtime, context.log, { defaultBranch: repository.default_branch, archived: false });
  if (report !== undefined && report.failed.length > 0) throw new ReconcileError(report);
}
