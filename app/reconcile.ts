import type { Logger } from 'probot';
import type { AnalysisDeps } from '../src/shared/analysis/posture.ts';
import type { ConfigError } from '../src/shared/config/types.ts';
import { scan, type ScanError } from '../src/shared/engine.ts';
import type { FixGroup, GroupBy } from '../src/shared/fixes/types.ts';
import type { SourceFile } from '../src/shared/sources/types.ts';
import { NOT_UTF8_NOT_REWRITTEN } from '../src/shared/io/files.ts';
import { loadRepoConfig, syncConfigIssue, type ConfigIssueAction } from './config.ts';
import type { FixSource } from './fix-source.ts';
import type { CommitInfo, GitHubRepo, Person, PullInfo, Tree } from './github/repo.ts';
import {
  BRANCH_PREFIX,
  HUMAN_COMMITS_MARKER,
  retiredMarker,
  TRAILER_FINGERPRINT,
  TRAILER_GROUP,
  branchFor,
  fingerprint,
  fixKey,
  groupIdOfBranch,
  mayChangeAny,
  parseFixMarker,
  sameText,
  trailers,
  withFixMarker,
} from './markers.ts';
import type { KeyedMutex } from './mutex.ts';
import { appBranchUnder, isAppCommit, type AppBranch } from './ownership.ts';
import { pullBody } from './pull-body.ts';
import { readRepoFiles, type FileLimits } from './repo-files.ts';

/**
 * The App's one piece of logic, in the manner of Dependabot and Renovate: compute the fix pull
 * requests that should exist for the default branch's head, compare them with the ones that do
 * (found by branch `fargate-warden/<group id>` and the hidden marker in their body), and make
 * GitHub match:
 *
 * - wanted, none open → one commit on the default branch head (Git data API), branch, pull request;
 * - wanted, open → nothing if its commit sits on the current head with the same content
 *   (fingerprint trailer) and its title/body match; otherwise re-create the commit on the new
 *   head and force-update the branch, but only while the branch head is a commit the App made;
 * - open, no longer wanted → comment, close, delete the branch (again only if the App's own);
 * - a person's commit on the branch → one comment, then the pull request is theirs: never
 *   force-pushed, updated or closed by the App again (a merge of the base branch that changes
 *   nothing else, GitHub's "Update branch", is not a person's: see ownership.ts);
 * - a branch already on a newer default-branch commit than the run scanned → left alone: a run for
 *   a later push (another process) got there first;
 * - closed without merging by a person → that exact fix is declined: not opened again until
 *   its content changes.
 *
 * Every group is handled on its own: an API error on one is recorded and the next goes on.
 * Callers hold the per-repository lock (`Runtime.mutex`); across processes, creation is
 * idempotent (an existing branch or pull request found by a 422 or a search by head branch is
 * adopted, never duplicated).
 */

export interface Runtime {
  mutex: KeyedMutex;
  fixSource: FixSource;
  /** The IAM catalog and managed policies, loaded once per process on first use. */
  deps: () => AnalysisDeps;
  /** Author and committer of the App's commits; how it recognises its own commits on a branch. */
  identity: Person;
  limits: FileLimits;
  /** Used when the config file does not set `app.groupBy`. */
  groupBy: GroupBy;
  /** Most repositories one installation delivery scans (see handlers/installation.ts). */
  initialScanLimit: number;
  /** The App's login (`<slug>[bot]`); undefined when GitHub could not be asked this time. */
  appLogin: () => Promise<string | undefined>;
}

interface Target {
  defaultBranch: string;
  /** The default branch's head commit. */
  headSha: string;
}

export interface PullRef {
  group: string;
  number: number;
  url?: string;
}

export interface ReconcileReport {
  repo: string;
  headSha: string;
  config: ConfigIssueAction;
  /** The configuration file's errors (what the issue lists). */
  configErrors: ConfigError[];
  /** Problems reading or analysing templates (they stop the App from closing pull requests on those files). */
  scanErrors: ScanError[];
  desired: string[];
  opened: PullRef[];
  updated: PullRef[];
  unchanged: PullRef[];
  closed: PullRef[];
  /** `fargate-warden/*` branches of the App's, with no pull request and no longer wanted, deleted. */
  pruned: string[];
  /** Groups left as they are, and why, in plain text (the rescan reply escapes it). */
  skipped: { group: string; number?: number; reason: string }[];
  /**
   * A branch named like the App's branch folder (`fargate-warden`): git allows no
   * `fargate-warden/<group>` beside it, so these groups' pull requests wait until it is renamed or
   * deleted. One problem of the repository, not a failure of each group.
   */
  blockedBy?: { branch: string; groups: string[] };
  failed: { group: string; error: string }[];
}

/** Thrown after a run in which some groups failed, so the delivery shows as failed and can be redelivered. */
export class ReconcileError extends Error {
  readonly report: ReconcileReport;
  constructor(report: ReconcileReport) {
    super(`${report.repo}: ${report.failed.length} fix group(s) failed: ${report.failed.map((f) => `${f.group}: ${f.error}`).join('; ')}`);
    this.name = 'ReconcileError';
    this.report = report;
  }
}

const SAFE_GROUP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Runs `fn` while holding the repository's lock. */
export function withRepoLock<T>(runtime: Runtime, repo: GitHubRepo, fn: () => Promise<T>): Promise<T> {
  return runtime.mutex.run(repo.fullName.toLowerCase(), fn);
}

/**
 * Takes the repository's lock, then reconciles against the default branch's head as it is *now*
 * (not the sha of the delivery that asked: deliveries can arrive late or out of order, and an old
 * one must not rebase pull requests back onto an older commit). Undefined when there is nothing
 * to do (archived repository, no default branch yet).
 */
export async function reconcileDefaultBranch(repo: GitHubRepo, runtime: Runtime, log: Logger, known?: { defaultBranch: string; archived: boolean }): Promise<ReconcileReport | undefined> {
  return withRepoLock(runtime, repo, async () => {
    let defaultBranch: string;
    let headSha: string | undefined;
    if (known === undefined) {
      const info = await repo.defaultBranchHead();
      if (info.archived) return undefined;
      defaultBranch = info.branch;
      headSha = info.sha;
    } else {
      if (known.archived) return undefined;
      defaultBranch = known.defaultBranch;
      headSha = await repo.branchHead(defaultBranch);
    }
    if (headSha === undefined) {
      log.info({ repo: repo.fullName, branch: defaultBranch }, 'default branch has no commits; nothing to scan');
      return undefined;
    }
    return reconcileRepository(repo, { defaultBranch, headSha }, runtime, log);
  });
}

async function reconcileRepository(repo: GitHubRepo, target: Target, runtime: Runtime, log: Logger): Promise<ReconcileReport> {
  const report: ReconcileReport = {
    repo: repo.fullName,
    headSha: target.headSha,
    config: 'none',
    configErrors: [],
    scanErrors: [],
    desired: [],
    opened: [],
    updated: [],
    unchanged: [],
    closed: [],
    pruned: [],
    skipped: [],
    failed: [],
  };

  const tree = await repo.tree(target.headSha);
  const loaded = await loadRepoConfig(repo, tree);
  report.configErrors = loaded.errors;
  const appLogin = await runtime.appLogin();
  if (appLogin === undefined) log.warn({ repo: repo.fullName }, 'the App’s login is unknown (GET /app failed); looking for the config issue among all open issues');
  report.config = await syncConfigIssue(repo, target.defaultBranch, loaded, appLogin);
  if (loaded.errors.length > 0) {
    const where = report.config === 'disabled' ? 'config file has errors (issues are turned off in the repository, so no issue was opened)' : 'config file has errors';
    log.warn({ repo: repo.fullName, errors: loaded.errors }, `${where}; fix pull requests left as they are`);
    return report;
  }

  const read = await readRepoFiles(repo, tree, loaded.config, runtime.limits);
  const deps = runtime.deps();
  const result = scan(read.files, deps, loaded.config, { inputErrors: read.errors });
  report.scanErrors = result.errors;
  const groupBy = loaded.config.app?.groupBy ?? runtime.groupBy;
  const groups = runtime.fixSource({ files: read.files, result, deps, config: loaded.config, groupBy });
  const desired = new Map<string, FixGroup>();
  for (const group of groups) {
    if (!SAFE_GROUP_ID.test(group.id) || group.id.includes('..')) {
      report.failed.push({ group: group.id, error: 'group id is not a safe branch name' });
      continue;
    }
    if (!desired.has(group.id)) desired.set(group.id, group);
  }
  report.desired = [...desired.keys()].sort();

  const session = new Session(repo, target, runtime, tree, new Map(read.files.map((f) => [f.path, f])), report, log);
  const open = await repo.openPulls(BRANCH_PREFIX);
  const openByGroup = new Map<string, PullInfo>();
  for (const pr of open) {
    const id = groupIdOfBranch(pr.headRef);
    if (id !== undefined && !openByGroup.has(id)) openByGroup.set(id, pr);
  }

  for (const id of report.desired) {
    const group = desired.get(id) as FixGroup;
    const open = openByGroup.get(id);
    if (open === undefined && report.blockedBy !== undefined) {
      report.blockedBy.groups.push(id);
      continue;
    }
    try {
      await session.ensure(group, open);
    } catch (error) {
      report.failed.push({ group: id, error: describe(error) });
      log.error({ err: error, repo: repo.fullName, group: id }, 'fix group failed; continuing with the others');
    }
  }

  const unreadable = new Set([...result.errors.map((e) => e.file), ...read.notText]);
  const incomplete = result.errors.some((e) => e.line === 0);
  for (const [id, pr] of openByGroup) {
    if (desired.has(id)) continue;
    try {
      await session.retire(pr, id, unreadable, incomplete);
    } catch (error) {
      report.failed.push({ group: id, error: describe(error) });
      log.error({ err: error, repo: repo.fullName, group: id, pull: pr.number }, 'closing a resolved fix pull request failed');
    }
  }

  try {
    await session.prune(desired, openByGroup);
  } catch (error) {
    // Housekeeping: the pull requests are right; the next push tries again.
    log.warn({ err: error, repo: repo.fullName }, 'cleaning up stale fargate-warden branches failed');
  }

  log.info(
    {
      repo: repo.fullName,
      head: target.headSha,
      opened: report.opened.map((p) => p.number),
      updated: report.updated.map((p) => p.number),
      closed: report.closed.map((p) => p.number),
      pruned: report.pruned,
      unchanged: report.unchanged.length,
      skipped: report.skipped,
      blockedBy: report.blockedBy,
      failed: report.failed,
    },
    'reconciled fix pull requests',
  );
  return report;
}

/** One reconcile run's view of the repository and the writes it makes. */
class Session {
  /** How each branch base compared with the scanned commit (`ahead`: the base is newer). */
  private readonly baseStatus = new Map<string, string>();

  constructor(
    private readonly repo: GitHubRepo,
    private readonly target: Target,
    private readonly runtime: Runtime,
    private readonly tree: Tree,
    /** Every file read, before any fix: its text is what a fix's edit ranges point into. */
    private readonly originals: ReadonlyMap<string, SourceFile>,
    private readonly report: ReconcileReport,
    private readonly log: Logger,
  ) {}

  /** Makes the group's pull request exist and match. */
  async ensure(group: FixGroup, open: PullInfo | undefined): Promise<void> {
    // Its text was decoded with replacement characters: writing it back would change every byte
    // that was not UTF-8, not just the fix. An open pull request is left as it is.
    const lossy = [...group.files.keys()].filter((path) => this.originals.get(path)?.lossy === true).sort();
    if (lossy.length > 0) {
      this.report.skipped.push({ group: group.id, ...(open === undefined ? {} : { number: open.number }), reason: `${lossy.join(', ')} is ${NOT_UTF8_NOT_REWRITTEN}` });
      return;
    }
    const desired = this.desiredState(group);
    if (open !== undefined) return this.maintain(open, group, desired);

    // Not in the listing: look for the branch's pull requests directly (another process may have
    // opened one since, and a person may have declined this exact fix before).
    const existing = await this.repo.pullsForBranch(desired.branch);
    const reopened = existing.find((p) => p.state === 'open');
    if (reopened !== undefined) return this.maintain(reopened, group, desired);
    const declined = existing.find((p) => {
      if (p.state !== 'closed' || p.merged) return false;
      const marker = parseFixMarker(p.body);
      if (marker === undefined || marker.closedBy !== undefined) return false;
      // What was declined is the fix itself: an unrelated edit elsewhere in its templates (which
      // changes the fingerprint) does not offer it again. Older markers have only the fingerprint.
      return marker.fix !== undefined && desired.fix !== undefined ? marker.fix === desired.fix : marker.fingerprint === desired.fingerprint;
    });
    if (declined !== undefined) {
      this.report.skipped.push({ group: group.id, number: declined.number, reason: 'this fix was closed without merging; it is offered again only when it changes' });
      return;
    }

    const sha = await this.commitFor(group, desired.fingerprint);
    const made = await this.createBranch(group.id, desired.branch, sha);
    if (made === 'blocked') return;
    if (made === 'exists') {
      // A branch without an open pull request: left by an interrupted run, or just made by a
      // concurrent one. Adopt it if it is ours; never overwrite a person's branch.
      const current = await this.repo.branchHead(desired.branch);
      if (current === undefined) {
        const again = await this.createBranch(group.id, desired.branch, sha);
        if (again === 'blocked') return;
        if (again === 'exists') throw new Error(`branch ${desired.branch} keeps changing; try again`);
      } else {
        const branch = await appBranchUnder(this.repo, await this.repo.commit(current), group.id, this.runtime.identity, this.target.defaultBranch);
        if (branch === undefined) {
          this.report.skipped.push({ group: group.id, reason: `branch ${desired.branch} exists with commits fargate-warden did not make; delete it to let fargate-warden use it` });
          return;
        }
        if (await this.basedOnNewer(branch, group.id)) return;
        if (!this.upToDate(branch, desired.fingerprint)) await this.repo.forceUpdateBranch(desired.branch, sha);
      }
    }

    const created = await this.repo.createPull({ title: desired.title, body: desired.body, head: desired.branch, base: this.target.defaultBranch });
    if (created === 'exists') {
      const now = (await this.repo.pullsForBranch(desired.branch)).find((p) => p.state === 'open');
      if (now === undefined) throw new Error(`GitHub reports a pull request for ${desired.branch} but none is open`);
      await this.syncPullText(now, desired, false);
      return;
    }
    this.report.opened.push({ group: group.id, number: created.number, url: created.url });
  }

  /**
   * `blocked`: a branch named like the branch's folder exists (`fargate-warden`), so git allows no
   * `fargate-warden/<group>` at all. Recorded once for the repository: every group would fail
   * alike, and a redelivery would not help.
   */
  private async createBranch(groupId: string, branch: string, sha: string): Promise<'created' | 'exists' | 'blocked'> {
    const made = await this.repo.createBranch(branch, sha);
    if (typeof made === 'string') return made;
    this.report.blockedBy = { branch: made.blockedBy, groups: [groupId] };
    this.log.warn(
      { repo: this.repo.fullName, branch: made.blockedBy },
      `a branch named ${made.blockedBy} exists, so git allows no ${BRANCH_PREFIX}<group> branch beside it: no fix pull request can be opened until it is renamed or deleted`,
    );
    return 'blocked';
  }

  /** An open pull request for a wanted group: rebase it if the base moved or the fix changed, refresh its text. */
  private async maintain(pr: PullInfo, group: FixGroup, desired: DesiredPull): Promise<void> {
    const branch = await this.appBranch(pr, group.id);
    if (branch === undefined || (await this.basedOnNewer(branch, group.id, pr.number))) return;
    let changed = false;
    if (!this.upToDate(branch, desired.fingerprint)) {
      const sha = await this.commitFor(group, desired.fingerprint);
      // The listing is as old as this run: another run (another replica) or a person may have
      // written the branch since. Checked immediately before the write, which is not atomic.
      if ((await this.repo.branchHead(desired.branch)) !== pr.headSha) {
        this.log.info({ repo: this.repo.fullName, group: group.id, pull: pr.number }, 'fix branch changed while this run worked on it; left for the next run');
        this.report.skipped.push({ group: group.id, number: pr.number, reason: 'the branch changed while fargate-warden was updating it; the next run looks at it again' });
        return;
      }
      if (branch.merges > 0) this.log.info({ repo: this.repo.fullName, group: group.id, pull: pr.number, merges: branch.merges }, 'replacing base-branch merges ("Update branch") with a fix commit on the new head');
      await this.repo.forceUpdateBranch(desired.branch, sha);
      changed = true;
    }
    await this.syncPullText(pr, desired, changed);
  }

  private async syncPullText(pr: PullInfo, desired: DesiredPull, changed: boolean): Promise<void> {
    const group = desired.group;
    if (pr.title !== desired.title || !sameText(pr.body, desired.body)) {
      await this.repo.updatePull(pr.number, { title: desired.title, body: desired.body });
      changed = true;
    }
    (changed ? this.report.updated : this.report.unchanged).push({ group, number: pr.number, url: pr.url });
  }

  /** An open pull request whose group is no longer wanted: the finding went away some other way. */
  async retire(pr: PullInfo, id: string, unreadable: ReadonlySet<string>, incomplete: boolean): Promise<void> {
    const marker = parseFixMarker(pr.body);
    if (marker === undefined) {
      this.report.skipped.push({ group: id, number: pr.number, reason: 'no fargate-warden marker in the pull request body; not ours to close' });
      return;
    }
    const blocked = incomplete || mayChangeAny(marker, unreadable);
    if (blocked) {
      this.report.skipped.push({ group: id, number: pr.number, reason: 'some templates could not be read or analysed, so the finding may still be there; kept open' });
      return;
    }
    const branch = await this.appBranch(pr, id);
    if (branch === undefined || (await this.basedOnNewer(branch, id, pr.number))) return;
    const at = `\`${this.target.defaultBranch}\` at ${this.target.headSha.slice(0, 7)}`;
    // A delivery that failed after commenting (the close hit a 5xx) is redelivered: say it once.
    const said = retiredMarker(this.target.headSha);
    if (!(await this.repo.comments(pr.number)).some((c) => c.body.includes(said))) {
      await this.repo.comment(
        pr.number,
        `${said}\nfargate-warden no longer finds what this pull request fixes on ${at}: it was fixed, suppressed or removed another way. Closing this pull request and deleting its branch.`,
      );
    }
    await this.repo.updatePull(pr.number, { state: 'closed', body: withFixMarker(pr.body, { ...marker, closedBy: 'fargate-warden' }) });
    await this.repo.deleteBranch(pr.headRef);
    this.report.closed.push({ group: id, number: pr.number, url: pr.url });
  }

  /**
   * Branches of groups no longer wanted that have no open pull request: left by a run interrupted
   * between the branch and its pull request, or a branch delete that failed after its pull request
   * was closed. Nothing else ever looks at them again, so they would stay forever. Only a branch
   * whose head is the App's own commit for that group is deleted (the App can make it again);
   * a person's is left alone.
   */
  async prune(desired: ReadonlyMap<string, FixGroup>, open: ReadonlyMap<string, PullInfo>): Promise<void> {
    for (const { branch, sha } of await this.repo.branches(BRANCH_PREFIX)) {
      const id = groupIdOfBranch(branch);
      if (id === undefined || desired.has(id) || open.has(id)) continue;
      if (!this.isOurs(await this.repo.commit(sha), id)) continue;
      // An open pull request the listing did not reach (over 1,000 open): deleting would close it.
      if ((await this.repo.pullsForBranch(branch)).some((p) => p.state === 'open')) continue;
      await this.repo.deleteBranch(branch);
      this.report.pruned.push(branch);
    }
  }

  /** Once per pull request: say that the App stopped maintaining it. */
  private async noteHumanCommits(pr: PullInfo): Promise<void> {
    const comments = await this.repo.comments(pr.number);
    if (comments.some((c) => c.body.includes(HUMAN_COMMITS_MARKER))) return;
    await this.repo.comment(
      pr.number,
      `${HUMAN_COMMITS_MARKER}\nThis branch has commits that fargate-warden did not make, so fargate-warden will no longer rebase, update or close this pull request: your commits are safe from force-pushes. Merge or close it when you are done.`,
    );
  }

  private isOurs(commit: CommitInfo, groupId: string): boolean {
    return isAppCommit(commit, groupId, this.runtime.identity);
  }

  /**
   * The open pull request's branch, if the App still maintains it (its own commit, perhaps under
   * "Update branch" merges); otherwise the person who changed it is told once, and it is skipped.
   */
  private async appBranch(pr: PullInfo, groupId: string): Promise<AppBranch | undefined> {
    const branch = await appBranchUnder(this.repo, await this.repo.commit(pr.headSha), groupId, this.runtime.identity, pr.baseRef);
    if (branch !== undefined) return branch;
    await this.noteHumanCommits(pr);
    this.report.skipped.push({ group: groupId, number: pr.number, reason: 'the branch has commits fargate-warden did not make' });
    return undefined;
  }

  /**
   * The branch already sits on a newer default-branch commit than this run scanned: a run for a
   * later push (in another process) got there first, and writing now would put it back onto an
   * older commit. Skipped, with a log line. One comparison per distinct base per run.
   */
  private async basedOnNewer(branch: AppBranch, groupId: string, pull?: number): Promise<boolean> {
    const scanned = this.target.headSha;
    if (branch.base === scanned) return false;
    let status = this.baseStatus.get(branch.base);
    if (status === undefined) {
      status = (await this.repo.compare(scanned, branch.base)).status;
      this.baseStatus.set(branch.base, status);
    }
    if (status !== 'ahead') return false;
    this.log.info({ repo: this.repo.fullName, group: groupId, pull, scanned, branchBase: branch.base }, 'fix branch is already based on a newer default-branch commit than this run scanned; left to the run for that commit');
    this.report.skipped.push({
      group: groupId,
      ...(pull === undefined ? {} : { number: pull }),
      reason: `the branch is already based on ${branch.base.slice(0, 7)}, newer than ${scanned.slice(0, 7)} which this run scanned; left as it is`,
    });
    return true;
  }

  /** The App's branch already holds this fix on the current default-branch head. */
  private upToDate(branch: AppBranch, fp: string): boolean {
    return branch.base === this.target.headSha && trailers(branch.commit.message).get(TRAILER_FINGERPRINT) === fp;
  }

  /** One commit on the default branch head holding every file of the group as fixed. */
  private async commitFor(group: FixGroup, fp: string): Promise<string> {
    const entries: { path: string; mode: string; sha: string }[] = [];
    for (const path of [...group.files.keys()].sort()) {
      const existing = this.tree.entries.find((e) => e.path === path && e.type === 'blob');
      if (existing === undefined) throw new Error(`fix touches ${path}, which is not a file on ${this.target.defaultBranch}`);
      const mode = existing.mode === '100755' ? '100755' : '100644';
      // The file's byte-order mark was dropped when it was read: the commit keeps it.
      const text = group.files.get(path) as string;
      entries.push({ path, mode, sha: await this.repo.createBlob(this.originals.get(path)?.bom === true ? `\ufeff${text}` : text) });
    }
    const tree = await this.repo.createTree(this.tree.sha, entries);
    const message = commitMessage(group, fp);
    const sha = await this.repo.createCommit(message, tree, this.target.headSha, this.runtime.identity);
    this.log.debug({ repo: this.repo.fullName, group: group.id, commit: sha }, 'created fix commit');
    return sha;
  }

  private desiredState(group: FixGroup): DesiredPull {
    const fp = fingerprint(group.files);
    const key = fixKey(group.fixes, (path) => this.originals.get(path)?.text);
    const files = [...group.files.keys()].sort();
    return {
      group: group.id,
      branch: branchFor(group.id),
      fingerprint: fp,
      ...(key === undefined ? {} : { fix: key }),
      title: oneLine(group.title, 200),
      body: pullBody(group.body, { group: group.id, fingerprint: fp, files, ...(key === undefined ? {} : { fix: key }) }),
    };
  }
}

interface DesiredPull {
  group: string;
  branch: string;
  fingerprint: string;
  /** See `fixKey`; undefined for a group without fixes. */
  fix?: string;
  title: string;
  body: string;
}

export function commitMessage(group: FixGroup, fp: string): string {
  const lines = [oneLine(group.title, 120), ''];
  for (const f of group.fixes.slice(0, 50)) lines.push(`- ${f.finding.ruleId} ${oneLine(f.finding.resource, 100)}: ${oneLine(f.fix.title, 150)}`);
  if (group.fixes.length > 50) lines.push(`- … and ${group.fixes.length - 50} more`);
  if (group.fixes.length > 0) lines.push('');
  lines.push(`${TRAILER_GROUP}: ${group.id}`, `${TRAILER_FINGERPRINT}: ${fp}`);
  return lines.join('\n');
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
