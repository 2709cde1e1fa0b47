import type { Context } from 'probot';
import { GitHubRepo } from '../github/repo.ts';
import { groupIdOfBranch, parseFixMarker } from '../markers.ts';
import { appBranchUnder } from '../ownership.ts';
import { withRepoLock, type Runtime } from '../reconcile.ts';

/**
 * A fix pull request was merged or closed: delete its `fargate-warden/*` branch, if it still points
 * at the pull request's head (else a newer pull request uses it). A branch a person committed to
 * is kept when the pull request was closed without merging (their work exists only there). Pull
 * requests the App closed itself already had their branch deleted.
 */
export async function onPullRequestClosed(context: Context<'pull_request.closed'>, runtime: Runtime): Promise<void> {
  const { payload } = context;
  const pr = payload.pull_request;
  const id = groupIdOfBranch(pr.head.ref);
  if (id === undefined) return;
  if (pr.head.repo?.full_name?.toLowerCase() !== payload.repository.full_name.toLowerCase()) return;
  const marker = parseFixMarker(pr.body);
  if (marker === undefined || marker.closedBy !== undefined) return;
  const repo = new GitHubRepo(context.octokit, { owner: payload.repository.owner.login, repo: payload.repository.name });
  await withRepoLock(runtime, repo, async () => {
    const head = await repo.branchHead(pr.head.ref);
    if (head === undefined) return; // already deleted (by GitHub on merge, or by a person)
    // A late or redelivered event: the branch has moved on since this pull request closed, and a
    // newer fix pull request uses it now. Deleting it would close that one (and read as declined).
    if (head !== pr.head.sha) {
      context.log.info({ repo: repo.fullName, branch: pr.head.ref, pull: pr.number }, 'branch moved on since this fix pull request closed; kept');
      return;
    }
    if (!pr.merged) {
      // The App's commit, perhaps under "Update branch" merges: nothing of a person's to keep.
      if ((await appBranchUnder(repo, await repo.commit(head), id, runtime.identity, pr.base.ref)) === undefined) {
        context.log.info({ repo: repo.fullName, branch: pr.head.ref }, 'closed fix pull request has commits by a person; branch kept');
        return;
      }
    }
    const result = await repo.deleteBranch(pr.head.ref);
    context.log.info({ repo: repo.fullName, branch: pr.head.ref, result }, 'fix pull request closed; branch cleaned up');
  });
}
