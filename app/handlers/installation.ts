import type { Context } from 'probot';
import { GitHubRepo } from '../github/repo.ts';
import { ReconcileError, reconcileDefaultBranch, type Runtime } from '../reconcile.ts';

interface InstalledRepo {
  full_name: string;
}

/** Repositories named in a log line about deferred ones; the count says how many there are in all. */
const MAX_NAMED = 50;

/**
 * The App was installed: an initial scan of the repositories it was given, at most
 * `runtime.initialScanLimit` of them (see `scanRepositories`). The payload names them; when it
 * does not (very large installations), only as many as the scan takes are listed through the
 * installation, and its total count tells how many wait.
 */
export async function onInstallation(context: Context<'installation.created'>, runtime: Runtime): Promise<void> {
  const named: InstalledRepo[] | undefined = context.payload.repositories;
  if (named !== undefined) return scanRepositories(context, named, named.length, runtime);
  const listed: InstalledRepo[] = [];
  let total = 0;
  const perPage = Math.min(runtime.initialScanLimit, 100);
  for (let page = 1; listed.length < runtime.initialScanLimit; page++) {
    const { data } = await context.octokit.rest.apps.listReposAccessibleToInstallation({ per_page: perPage, page });
    total = data.total_count;
    listed.push(...data.repositories.map((r) => ({ full_name: r.full_name })));
    if (data.repositories.length < perPage) break;
  }
  await scanRepositories(context, listed, Math.max(total, listed.length), runtime);
}

/** Repositories were added to an installation: an initial scan of each (up to the same limit). */
export async function onRepositoriesAdded(context: Context<'installation_repositories.added'>, runtime: Runtime): Promise<void> {
  const added = context.payload.repositories_added;
  await scanRepositories(context, added, added.length, runtime);
}

/**
 * One repository at a time (bounded load on the installation's rate limit), and no more than
 * `runtime.initialScanLimit` in one delivery: a scan takes seconds to minutes per repository, and
 * a delivery is one process's work that a restart loses. The others are not lost: each is
 * reconciled on its next push to its default branch or `/fargate-warden rescan`, and the log names
 * them. A redelivery scans the same first ones again, which writes nothing where they are done.
 * A failure in one repository is logged and the others are still scanned; the delivery fails at
 * the end so it can be redelivered.
 */
async function scanRepositories(context: Context, repositories: readonly InstalledRepo[], total: number, runtime: Runtime): Promise<void> {
  const now = repositories.slice(0, runtime.initialScanLimit);
  const deferred = repositories.slice(now.length).map((r) => r.full_name);
  if (total > now.length) {
    const unnamed = total - now.length - deferred.length;
    context.log.warn(
      { deferred: deferred.slice(0, MAX_NAMED), count: total - now.length, limit: runtime.initialScanLimit },
      `initial scan: ${now.length} of ${total} repositories now; the other ${total - now.length} are scanned on their next push to the default branch or /fargate-warden rescan` +
        (deferred.length > MAX_NAMED || unnamed > 0 ? ` (${Math.min(deferred.length, MAX_NAMED)} named here)` : ''),
    );
  }
  const failures: unknown[] = [];
  for (const r of now) {
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
  if (failures.length > 0) throw new AggregateError(failures, `initial scan failed for ${failures.length} of ${now.length} repositories`);
}
