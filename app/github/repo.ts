import type { ProbotOctokit } from 'probot';
import { SYMLINK_MODE } from '../../src/shared/io/git.ts';

/**
 * The GitHub operations the App needs on one repository, over `context.octokit` (an installation
 * token). Nothing here decides anything: reconcile.ts does. Only the Git data, pulls, issues and
 * collaborator-permission endpoints are used: the App never clones and never runs repository code.
 */

export interface RepoId {
  owner: string;
  repo: string;
}

export interface TreeEntry {
  path: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  mode: string;
  size?: number;
}

/** A tree entry that is a symbolic link: its blob is the link's target path, not file content. */
export function isSymlink(entry: Pick<TreeEntry, 'mode'>): boolean {
  return entry.mode === SYMLINK_MODE;
}

export interface Tree {
  /** The tree's own sha (the base of the trees the App creates). */
  sha: string;
  entries: TreeEntry[];
  /** GitHub cut the recursive listing short (very large repositories). */
  truncated: boolean;
}

export interface Person {
  name: string;
  email: string;
}

export interface CommitInfo {
  sha: string;
  message: string;
  parents: string[];
  tree: string;
  author: Person;
  committer: Person;
}

/** One file of a commit's or a comparison's diff, as GitHub lists it. */
export interface FileChange {
  path: string;
  /** `added`, `modified`, `removed`, `renamed`, … */
  status: string;
  /** The unified diff's hunks; absent when GitHub leaves it out (binary or very large files). */
  patch?: string;
}

/** Most files GitHub lists in a commit's or a comparison's diff; a list this long may be cut short. */
export const MAX_DIFF_FILES = 300;

export interface Comparison {
  /** Where `head` stands relative to `base`: `ahead` means `base` is an ancestor of `head`. */
  status: 'ahead' | 'behind' | 'diverged' | 'identical';
  mergeBase: string;
  /** The diff from the merge base to `head`. */
  files: FileChange[];
}

export interface PullInfo {
  number: number;
  state: 'open' | 'closed';
  merged: boolean;
  title: string;
  body: string;
  headRef: string;
  headSha: string;
  /** `owner/name` of the head repository; null when the fork was deleted. */
  headRepo: string | null;
  baseRef: string;
  url: string;
}

export interface IssueInfo {
  number: number;
  title: string;
  body: string;
  isPullRequest: boolean;
  /** Who opened it (`type` is `Bot` for GitHub Apps, `User` for people). */
  author?: { login: string; type?: string };
}

export interface CommentInfo {
  id: number;
  body: string;
}

/** The HTTP status of an Octokit request error, if it is one. */
function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number') return error.status;
  return undefined;
}

/** How many pages the App reads of any listing before it stops (100 items a page). */
const MAX_PAGES = 10;

export class GitHubRepo {
  readonly owner: string;
  readonly repo: string;
  private readonly octokit: ProbotOctokit;

  constructor(octokit: ProbotOctokit, id: RepoId) {
    this.octokit = octokit;
    this.owner = id.owner;
    this.repo = id.repo;
  }

  get fullName(): string {
    return `${this.owner}/${this.repo}`;
  }

  /**
   * The repository's web address, derived from the API's: `api.github.com` (and GHE.com's
   * `api.<name>.ghe.com`) drop the `api.`, GitHub Enterprise Server drops `/api/v3`.
   */
  get htmlUrl(): string {
    const base = new URL(String(this.octokit.request.endpoint.DEFAULTS.baseUrl));
    const path = base.pathname.replace(/\/+$/, '');
    const web = path.endsWith('/api/v3') ? `${base.origin}${path.slice(0, -'/api/v3'.length)}` : `${base.protocol}//${base.host.replace(/^api\./, '')}${path}`;
    return `${web}/${this.owner}/${this.repo}`;
  }

  private get r(): { owner: string; repo: string; [key: string]: unknown } {
    return { owner: this.owner, repo: this.repo };
  }

  /** The default branch and the sha it points at now (undefined sha: an empty repository). */
  async defaultBranchHead(): Promise<{ branch: string; sha: string | undefined; archived: boolean }> {
    const { data } = await this.octokit.rest.repos.get(this.r);
    if (data.archived === true) return { branch: data.default_branch, sha: undefined, archived: true };
    return { branch: data.default_branch, sha: await this.branchHead(data.default_branch), archived: false };
  }

  /** The sha a branch points at, or undefined when the branch does not exist. */
  async branchHead(branch: string): Promise<string | undefined> {
    // 409 "Git Repository is empty": no branch yet, as for a missing one. The retry plugin would
    // retry a 409 with backoff, so the first request goes without retries, and only an error
    // worth retrying (a 5xx, the network) is asked again with them.
    const get = async (retries?: number): Promise<string | undefined> => {
      try {
        const { data } = await this.octokit.rest.git.getRef({ ...this.r, ref: `heads/${branch}`, ...(retries === undefined ? {} : { request: { retries } }) });
        return data.object.sha;
      } catch (error) {
        const status = statusOf(error);
        if (status === 404 || status === 409) return undefined;
        throw error;
      }
    };
    try {
      return await get(0);
    } catch (error) {
      const status = statusOf(error);
      if (status !== undefined && status < 500) throw error;
      return get();
    }
  }

  /** The whole tree of a commit (or tree), recursively, in one request; `recursive: false` lists one directory. */
  async tree(commitSha: string, recursive = true): Promise<Tree> {
    const { data } = await this.octokit.rest.git.getTree({ ...this.r, tree_sha: commitSha, ...(recursive ? { recursive: 'true' } : {}) });
    const entries: TreeEntry[] = [];
    for (const e of data.tree) {
      if (e.path === undefined || e.sha === undefined || (e.type !== 'blob' && e.type !== 'tree' && e.type !== 'commit')) continue;
      entries.push({ path: e.path, type: e.type, sha: e.sha, mode: e.mode ?? '', ...(e.size === undefined ? {} : { size: e.size }) });
    }
    return { sha: data.sha, entries, truncated: data.truncated === true };
  }

  /** A blob's bytes. */
  async blob(sha: string): Promise<Buffer> {
    const { data } = await this.octokit.rest.git.getBlob({ ...this.r, file_sha: sha });
    return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
  }

  async commit(sha: string): Promise<CommitInfo> {
    const { data } = await this.octokit.rest.git.getCommit({ ...this.r, commit_sha: sha });
    return {
      sha: data.sha,
      message: data.message,
      parents: data.parents.map((p) => p.sha),
      tree: data.tree.sha,
      author: { name: data.author.name, email: data.author.email },
      committer: { name: data.committer.name, email: data.committer.email },
    };
  }

  /** A commit with the files it changes against its first parent (`GET /commits/:sha`). */
  async commitWithFiles(sha: string): Promise<{ commit: CommitInfo; files: FileChange[] }> {
    const { data } = await this.octokit.rest.repos.getCommit({ ...this.r, ref: sha });
    const { author, committer } = data.commit;
    return {
      commit: {
        sha: data.sha,
        message: data.commit.message,
        parents: data.parents.map((p) => p.sha),
        tree: data.commit.tree.sha,
        author: { name: author?.name ?? '', email: author?.email ?? '' },
        committer: { name: committer?.name ?? '', email: committer?.email ?? '' },
      },
      files: toFileChanges(data.files),
    };
  }

  /** `GET /compare/:base...:head`: how `head` relates to `base` (a sha or a branch name), and the diff from their merge base. */
  async compare(base: string, head: string): Promise<Comparison> {
    const { data } = await this.octokit.rest.repos.compareCommitsWithBasehead({ ...this.r, basehead: `${base}...${head}` });
    return { status: data.status, mergeBase: data.merge_base_commit.sha, files: toFileChanges(data.files) };
  }

  async createBlob(text: string): Promise<string> {
    const { data } = await this.octokit.rest.git.createBlob({ ...this.r, content: Buffer.from(text, 'utf8').toString('base64'), encoding: 'base64' });
    return data.sha;
  }

  async createTree(baseTree: string, files: { path: string; mode: string; sha: string }[]): Promise<string> {
    const tree = files.map((f) => ({ path: f.path, mode: f.mode as '100644', type: 'blob' as const, sha: f.sha }));
    const { data } = await this.octokit.rest.git.createTree({ ...this.r, base_tree: baseTree, tree });
    return data.sha;
  }

  async createCommit(message: string, tree: string, parent: string, identity: Person): Promise<string> {
    const { data } = await this.octokit.rest.git.createCommit({ ...this.r, message, tree, parents: [parent], author: identity, committer: identity });
    return data.sha;
  }

  /**
   * Creates `refs/heads/<branch>`; `exists` when GitHub answers 422 because it is already there;
   * `{ blockedBy }` when a branch is named like one of its folders (in git, a branch `a` keeps
   * `a/b` from existing, and GitHub answers only its generic 422 "Reference update failed").
   */
  async createBranch(branch: string, sha: string): Promise<'created' | 'exists' | { blockedBy: string }> {
    try {
      await this.octokit.rest.git.createRef({ ...this.r, ref: `refs/heads/${branch}`, sha });
      return 'created';
    } catch (error) {
      if (statusOf(error) !== 422) throw error;
      // Only this 422 means "exists": another (a ruleset refusing the branch) is an error to report.
      if (/already exists/i.test(errorText(error))) return 'exists';
      if (/reference update failed/i.test(errorText(error))) {
        for (const folder of foldersOf(branch)) if ((await this.branchHead(folder)) !== undefined) return { blockedBy: folder };
      }
      throw error;
    }
  }

  async forceUpdateBranch(branch: string, sha: string): Promise<void> {
    await this.octokit.rest.git.updateRef({ ...this.r, ref: `heads/${branch}`, sha, force: true });
  }

  /** Deletes a branch; one that is already gone (404, or 422 "does not exist") is not an error. */
  async deleteBranch(branch: string): Promise<'deleted' | 'absent'> {
    try {
      await this.octokit.rest.git.deleteRef({ ...this.r, ref: `heads/${branch}` });
      return 'deleted';
    } catch (error) {
      const status = statusOf(error);
      if (status === 404 || (status === 422 && /does not exist/i.test(errorText(error)))) return 'absent';
      throw error;
    }
  }

  /** Branches whose name starts with `prefix` (`GET /git/matching-refs`), each with the commit it points at. */
  async branches(prefix: string): Promise<{ branch: string; sha: string }[]> {
    const { data } = await this.octokit.rest.git.listMatchingRefs({ ...this.r, ref: `heads/${prefix}` });
    const out: { branch: string; sha: string }[] = [];
    for (const r of data) {
      if (r.object.type === 'commit' && r.ref.startsWith(`refs/heads/${prefix}`)) out.push({ branch: r.ref.slice('refs/heads/'.length), sha: r.object.sha });
    }
    return out;
  }

  /** Open pull requests whose head branch starts with `prefix`, from this repository (not forks). */
  async openPulls(prefix: string): Promise<PullInfo[]> {
    const out: PullInfo[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { data } = await this.octokit.rest.pulls.list({ ...this.r, state: 'open', per_page: 100, page });
      for (const p of data) {
        const pull = toPull(p);
        if (pull.headRef.startsWith(prefix) && sameRepo(pull.headRepo, this.fullName)) out.push(pull);
      }
      if (data.length < 100) break;
    }
    return out;
  }

  /** Pull requests (open and closed, newest first) whose head is `branch` of this repository. */
  async pullsForBranch(branch: string): Promise<PullInfo[]> {
    const { data } = await this.octokit.rest.pulls.list({ ...this.r, state: 'all', head: `${this.owner}:${branch}`, per_page: 100, sort: 'created', direction: 'desc' });
    return data.map(toPull).filter((p) => p.headRef === branch && sameRepo(p.headRepo, this.fullName));
  }

  /** Opens a pull request; `exists` when GitHub answers 422 because one is open for the branch already. */
  async createPull(input: { title: string; body: string; head: string; base: string }): Promise<PullInfo | 'exists'> {
    try {
      const { data } = await this.octokit.rest.pulls.create({ ...this.r, ...input, maintainer_can_modify: false });
      return toPull(data);
    } catch (error) {
      if (statusOf(error) === 422 && /already exists/i.test(errorText(error))) return 'exists';
      throw error;
    }
  }

  async updatePull(number: number, changes: { title?: string; body?: string; state?: 'closed' }): Promise<void> {
    await this.octokit.rest.pulls.update({ ...this.r, pull_number: number, ...changes });
  }

  async comments(issueNumber: number): Promise<CommentInfo[]> {
    const out: CommentInfo[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { data } = await this.octokit.rest.issues.listComments({ ...this.r, issue_number: issueNumber, per_page: 100, page });
      for (const c of data) out.push({ id: c.id, body: c.body ?? '' });
      if (data.length < 100) break;
    }
    return out;
  }

  async comment(issueNumber: number, body: string): Promise<void> {
    await this.octokit.rest.issues.createComment({ ...this.r, issue_number: issueNumber, body });
  }

  /**
   * Open issues (not pull requests), of one author when `creator` is given; undefined when the
   * repository has issues turned off (GitHub answers 410 Gone; forks have them off by default).
   */
  async openIssues(creator?: string): Promise<IssueInfo[] | undefined> {
    const out: IssueInfo[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      let data;
      try {
        ({ data } = await this.octokit.rest.issues.listForRepo({ ...this.r, state: 'open', ...(creator === undefined ? {} : { creator }), per_page: 100, page }));
      } catch (error) {
        if (statusOf(error) === 410) return undefined;
        throw error;
      }
      for (const i of data) {
        const author = i.user === null || i.user === undefined ? {} : { author: { login: i.user.login, ...(i.user.type === undefined ? {} : { type: i.user.type }) } };
        out.push({ number: i.number, title: i.title, body: i.body ?? '', isPullRequest: i.pull_request !== undefined && i.pull_request !== null, ...author });
      }
      if (data.length < 100) break;
    }
    return out.filter((i) => !i.isPullRequest);
  }

  /** Opens an issue; undefined when the repository has issues turned off (410 Gone). */
  async createIssue(title: string, body: string): Promise<number | undefined> {
    try {
      const { data } = await this.octokit.rest.issues.create({ ...this.r, title, body });
      return data.number;
    } catch (error) {
      if (statusOf(error) === 410) return undefined;
      throw error;
    }
  }

  async updateIssue(number: number, changes: { title?: string; body?: string; state?: 'closed' }): Promise<void> {
    await this.octokit.rest.issues.update({ ...this.r, issue_number: number, ...changes });
  }

  /** `admin`, `write`, `read` or `none` (GitHub reports maintain as write and triage as read). */
  async permissionOf(username: string): Promise<string> {
    try {
      const { data } = await this.octokit.rest.repos.getCollaboratorPermissionLevel({ ...this.r, username });
      return data.permission;
    } catch (error) {
      if (statusOf(error) === 404) return 'none';
      throw error;
    }
  }
}

interface RawPull {
  number: number;
  state: string;
  merged_at?: string | null;
  merged?: boolean;
  title: string;
  body?: string | null;
  html_url: string;
  head: { ref: string; sha: string; repo: { full_name: string } | null };
  base: { ref: string };
}

function toPull(p: RawPull): PullInfo {
  return {
    number: p.number,
    state: p.state === 'closed' ? 'closed' : 'open',
    merged: p.merged === true || (p.merged_at !== null && p.merged_at !== undefined),
    title: p.title,
    body: p.body ?? '',
    headRef: p.head.ref,
    headSha: p.head.sha,
    headRepo: p.head.repo?.full_name ?? null,
    baseRef: p.base.ref,
    url: p.html_url,
  };
}

function toFileChanges(files: { filename: string; status: string; patch?: string }[] | undefined): FileChange[] {
  return (files ?? []).map((f) => ({ path: f.filename, status: f.status, ...(f.patch === undefined ? {} : { patch: f.patch }) }));
}

/** `a` and `a/b` for `a/b/c`. */
function foldersOf(branch: string): string[] {
  const parts = branch.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

function sameRepo(a: string | null, b: string): boolean {
  return a !== null && a.toLowerCase() === b.toLowerCase();
}

function errorText(error: unknown): string {
  const parts: string[] = [];
  if (error instanceof Error) parts.push(error.message);
  if (typeof error === 'object' && error !== null && 'response' in error) {
    const data = (error as { response?: { data?: unknown } }).response?.data;
    if (data !== undefined) parts.push(JSON.stringify(data));
  }
  return parts.join(' ');
}
