import type { Context } from 'probot';
import { GitHubRepo } from '../github/repo.ts';
import { ReconcileError, reconcileDefaultBranch, type Runtime } from '../reconcile.ts';

interface InstalledRepo {
  full_name: string;
}

/** Most repositories an initial scan lists when the payload does not name them. */
const MAX_LISTED = 1000;

/**
 * The App was installed: an initial scan of every repository it was given. The payload names
 * them; when it does not (very large installations), they are listed through the installation.
 */
export async function onInstallation(context: Context<'installation.created'>, runtime: Runtime): Promise<void> {
  let repositories: InstalledRepo[] | undefined = context.payload.repositories;
  if (repositories === undefined) {
    repositories = [];
    for (let page = 1; repositories.length < MAX_LISTED; page++) {
      const { data } = await context.octokit.rest.apps.listReposAccessibleToInstallation({ per_page: 100, page });
      repositories.push(...data.repositories.map((r) => ({ full_name: r.full_name })));
      if (data.repositories.length < 100) break;
    }
  }
  await scanRepositories(context, repositories, runtime);
}

/** Repositories were added to an installation: an initial scan of each. */
export async function onRepositoriesAdded(context: Context<'installation_repositories.added'>, runtime: Runtime): Promise<void> {
  await scanRepositories(context, context.payload.repositories_added, runtime);
}

/**
 * One repository at a time (bounded load on the installation's rate limit); a failure in one is
 * logged and the others are still scanned, and the delivery fails at the end so it can be retried.
 */
async function scanRepositories(context: Context, repositories: readonly InstalledRepo[], runtime: Runtime): Promise<void> {
  const failures: unknown[] = [];
  for (const r of repositories) {
    const [owner, name] = r.full_name.split('/');
    if (owner === undefined || name === undefined) continue;
    const repo = new GitHubRepo(context.octokit, { owner, repo: name });
    try {
      const report = await reconcileDefaultBranch(repo, runtime, context.log);
      if (report !== undefined && report.failed.length > 0) failures.push(new ReconcileError(report));
    } catch (error) {
      context.log.error({ err: error, repo: r.full_name }, 'initial scan failed');
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `initial scan failed for ${failures.length} of ${repositories.length} repositories`);
}
