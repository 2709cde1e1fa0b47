import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { globMatcher } from '../src/shared/config/glob.ts';
import { looksLikeCloudFormation } from '../src/shared/sources/cloudformation/detect.ts';
import type { SourceFile } from '../src/shared/sources/types.ts';
import { DEFAULT_MAX_FILE_BYTES, SKIPPED_AS, formatBytes, isAssemblyAsset, reportPath, totalBudget, type InputError, type SkippedFile, type TotalBudget } from '../src/shared/io/files.ts';
import { GitError, SYMLINK_MODE, readFilesAtRevision, repositoryRoot, walkedBlob } from '../src/shared/io/git.ts';
import { assemblyGaps } from '../src/shared/io/assembly-gaps.ts';
import type { GitHubPort, TreeEntry } from './github.ts';

/**
 * The templates of one commit, without touching the work tree: from git when the commit is there
 * (actions/checkout fetches one commit by default, so the base is fetched with
 * `git fetch --no-tags --depth=1 origin <sha>`), else from the Git data API (trees and blobs).
 * The user never needs `fetch-depth: 0`.
 */
export interface CommitFiles {
  files: SourceFile[];
  errors: InputError[];
  /** Candidate files left out as no template, as the work-tree walk lists them (see templatesGone). */
  skipped: SkippedFile[];
  /** How the files were read, for the log. */
  via: 'git' | 'git fetch' | 'api';
}

export interface ReadCommitOptions {
  /** The checked-out repository (GITHUB_WORKSPACE); report paths are relative to it. */
  workspace: string;
  /**
   * Where the repository is checked out (see checkoutRoot): the workspace, a directory above it, or
   * one below it (actions/checkout's `path:`). Default: the git work tree holding the workspace.
   */
  repository?: string;
  /** Files or directories relative to the workspace; empty means the whole tree. */
  paths: readonly string[];
  include: readonly string[];
  exclude: readonly string[];
  /**
   * The directory include/exclude globs are relative to (see LoadedConfig.globBase: the repository
   * root for its `.github/fargate-warden.yml`), as in the work-tree walk. Default: the workspace.
   */
  globBase?: string;
  maxFileBytes?: number;
  /**
   * What the templates read may take of the run's total (see DEFAULT_MAX_TOTAL_BYTES): a diff's
   * two sides share one (diffBudgets). Default: a total of this read's own.
   */
  budget?: TotalBudget;
  /** The contents fallback; without it a commit git cannot produce is an error. */
  api?: Pick<GitHubPort, 'getTree' | 'getBlob'>;
  log: (message: string) => void;
}

/** Directories collectFiles never enters; the same here so base and head see the same files. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', '.terraform', '.hg', '.svn']);
const CANDIDATE = /\.(json|ya?ml|template)$/i;
/** Bound on blob requests when the API is the only way to read a commit. */
const MAX_API_FILES = 1000;
const FETCH_TIMEOUT_MS = 120_000;

export async function readCommitFiles(sha: string, options: ReadCommitOptions): Promise<CommitFiles> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const budget = options.budget ?? totalBudget();
  const candidate = candidateFilter(options.include, options.exclude);
  const root = options.repository ?? gitRoot(options.workspace);
  const none: CommitFiles = { files: [], errors: [], skipped: [], via: 'git' };
  // git reports paths from the repository root; the head is collected relative to the workspace,
  // and the globs match paths from their own base.
  const workspaceReal = realpathOr(options.workspace);
  const toWorkspacePath = (path: string): string => (root === undefined || root === workspaceReal ? path : reportPath(join(root, path), workspaceReal));
  const globBase = realpathOr(options.globBase ?? options.workspace);
  const accept = (workspacePath: string): boolean => candidate(workspacePath, reportPath(resolve(workspaceReal, workspacePath), globBase));
  // A file `paths` names is read whatever the globs say, as collectFiles reads it (and the CLI's
  // revision reader): naming a file is stronger than a pattern.
  const anyCandidate = candidateFilter([], []);
  const acceptBelow = (prefixes: readonly string[]) => (rootPath: string): boolean =>
    prefixes.includes(rootPath) ? anyCandidate(toWorkspacePath(rootPath)) : accept(toWorkspacePath(rootPath));
  const inWorkspace = <T extends { files: SourceFile[]; errors: InputError[]; skipped: SkippedFile[] }>(read: T): T => ({
    ...read,
    files: read.files.map((f) => ({ ...f, path: toWorkspacePath(f.path) })),
    // An error about the whole listing names no file.
    errors: read.errors.map((e) => (e.file === '.' ? e : { ...e, file: toWorkspacePath(e.file) })),
    skipped: read.skipped.map((f) => ({ ...f, file: toWorkspacePath(f.file) })),
  });
  if (root !== undefined) {
    const prefixes = pathPrefixes(options.paths, options.workspace, root);
    if (prefixes === undefined) return none;
    const read = (): CommitFiles | undefined => {
      try {
        const { files, errors, skipped } = inWorkspace(readFilesAtRevision(sha, { cwd: root, paths: prefixes, accept: acceptBelow(prefixes), maxFileBytes }));
        const selected = selectTemplates(files, budget);
        const allSkipped = [...skipped, ...selected.skipped];
        // A template a cloud assembly names and the commit lacks (as the CLI's readers report it).
        // One the config excludes, or too large to read, is there: not a gap.
        const reported = new Set(errors.map((e) => e.file));
        const gaps = assemblyGaps(selected.files, allSkipped, () => true, (path) => !accept(path) || reported.has(path));
        return { files: selected.files, errors: [...errors, ...selected.errors, ...gaps], skipped: allSkipped, via: 'git' };
      } catch (error) {
        if (!(error instanceof GitError)) throw error;
        return undefined;
      }
    };
    const local = read();
    if (local !== undefined) return local;
    options.log(`commit ${sha.slice(0, 12)} is not in the checkout; fetching it (git fetch --no-tags --depth=1 origin ${sha})`);
    const fetched = fetchCommit(root, sha);
    if (fetched === true) {
      const after = read();
      if (after !== undefined) return { ...after, via: 'git fetch' };
    } else {
      options.log(`git fetch failed (${fetched}); reading ${sha.slice(0, 12)} through the GitHub API instead`);
    }
  } else {
    options.log(`${options.workspace} is not a git checkout; reading ${sha.slice(0, 12)} through the GitHub API`);
  }
  if (options.api === undefined) throw new Error(`cannot read commit ${sha}: it is not in the checkout and could not be fetched`);
  // The API names files from the repository root, as git does.
  const apiRoot = root ?? options.workspace;
  const prefixes = pathPrefixes(options.paths, options.workspace, apiRoot);
  if (prefixes === undefined) return { ...none, via: 'api' };
  return inWorkspace(await readThroughApi(sha, options.api, prefixes, acceptBelow(prefixes), maxFileBytes, budget, options.log, apiRoot));
}

/** `git fetch --no-tags --depth=1 origin <sha>`: true, or why it failed (never prompts for credentials). */
function fetchCommit(root: string, sha: string): true | string {
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) return `not a commit id: ${sha}`;
  try {
    execFileSync('git', ['fetch', '--no-tags', '--depth=1', 'origin', sha], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: FETCH_TIMEOUT_MS,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    });
    return true;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n').pop();
    return stderr || (error as Error).message;
  }
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function gitRoot(workspace: string): string | undefined {
  try {
    return repositoryRoot(workspace);
  } catch {
    return undefined;
  }
}

/**
 * User paths (relative to the workspace) as prefixes relative to `root`: empty for the whole tree,
 * undefined when every path lies outside the repository (then nothing is read, not everything).
 */
function pathPrefixes(paths: readonly string[], workspace: string, root: string): string[] | undefined {
  const out: string[] = [];
  for (const p of paths) {
    const rel = relative(root, resolve(workspace, p));
    if (rel === '') return [];
    if (rel.startsWith('..') || isAbsolute(rel)) continue;
    out.push(rel.split(sep).join('/'));
  }
  return out.length === 0 && paths.length > 0 ? undefined : out;
}

/**
 * The same choice collectFiles makes by walking: candidate extensions, skipped directories, config
 * globs. The globs match `globPath`, the file's path from their base (see LoadedConfig.globBase),
 * which is `path` when that base is the workspace.
 */
export function candidateFilter(include: readonly string[], exclude: readonly string[]): (path: string, globPath?: string) => boolean {
  const included = include.length > 0 ? globMatcher(include) : () => true;
  const excluded = globMatcher(exclude);
  return (path, globPath = path) => {
    if (!CANDIDATE.test(path)) return false;
    if (path.split('/').slice(0, -1).some((d) => SKIPPED_DIRS.has(d) || d.startsWith('asset.'))) return false;
    const globDirs = globPath.split('/').slice(0, -1);
    for (let i = 1; i <= globDirs.length; i++) if (excluded(globDirs.slice(0, i).join('/'))) return false;
    return included(globPath) && !excluded(globPath);
  };
}

export interface SelectedTemplates {
  files: SourceFile[];
  /** Templates (and assembly files) the budget refused. */
  errors: InputError[];
  /** The other files: no template. */
  skipped: SkippedFile[];
}

/**
 * Templates, plus the cloud-assembly files (manifest.json, *.metadata.json) beside them. Only
 * these count against the budget, as when the CLI reads a revision: other files are not analyzed,
 * so they take no memory after the read. Templates come first, in path order, then the assembly
 * files of the directories whose templates fit.
 */
export function selectTemplates(files: readonly SourceFile[], budget: TotalBudget = totalBudget()): SelectedTemplates {
  const selection = templateSelection(files.map((f) => f.path), budget);
  for (const f of selection.inReadingOrder(files)) selection.add(f);
  return selection.result();
}

/**
 * selectTemplates one file at a time, so that a read holds only the files it keeps, never all it
 * looked at. `paths` are every file that may be added (which directories are cloud assemblies
 * follows from them); files are added in `inReadingOrder`: all but the assembly files in path
 * order, then those, whose fate depends on the templates kept beside them.
 */
function templateSelection(paths: readonly string[], budget: TotalBudget): {
  inReadingOrder<T extends { path: string }>(files: readonly T[]): T[];
  add(file: SourceFile): void;
  result(): SelectedTemplates;
} {
  const errors: InputError[] = [];
  const skipped: SkippedFile[] = [];
  const kept: SourceFile[] = [];
  const templateDirs = new Set<string>();
  const nameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
  const assemblyDirs = new Set(paths.filter((p) => nameOf(p) === 'manifest.json').map(dirOf));
  const isAsset = (path: string): boolean => assemblyDirs.has(dirOf(path)) && isAssemblyAsset(nameOf(path));
  const isAssemblyFile = (path: string): boolean => nameOf(path) === 'manifest.json' || nameOf(path).endsWith('.metadata.json');
  // The manifest above stage assemblies has no template beside it, but says which stages the app still has.
  const beside = (dir: string): boolean => templateDirs.has(dir) || [...templateDirs].some((d) => dirOf(d) === dir && nameOf(d).startsWith('assembly-'));
  const fits = (f: SourceFile): boolean => {
    const over = budget.admit(f.path, f.text.length);
    if (over !== undefined) errors.push(over);
    return over === undefined;
  };
  const byPath = <T extends { path: string }>(a: T, b: T): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return {
    inReadingOrder: (files) => [...files.filter((f) => !isAssemblyFile(f.path)).sort(byPath), ...files.filter((f) => isAssemblyFile(f.path)).sort(byPath)],
    add(file) {
      if (isAsset(file.path)) return;
      if (looksLikeCloudFormation(file.path, file.text)) {
        if (!fits(file)) return;
        kept.push(file);
        templateDirs.add(dirOf(file.path));
        return;
      }
      if (isAssemblyFile(file.path) && beside(dirOf(file.path)) && fits(file)) kept.push(file);
      else skipped.push({ file: file.path, is: SKIPPED_AS.notTemplate });
    },
    result: () => ({ files: kept.sort(byPath), errors, skipped: skipped.sort((a, b) => byPath({ path: a.file }, { path: b.file })) }),
  };
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

async function readThroughApi(
  sha: string,
  api: Pick<GitHubPort, 'getTree' | 'getBlob'>,
  prefixes: readonly string[],
  accept: (path: string) => boolean,
  maxFileBytes: number,
  budget: TotalBudget,
  log: (message: string) => void,
  workspace: string,
): Promise<CommitFiles> {
  const tree = await api.getTree(sha);
  const errors: InputError[] = [];
  if (tree.truncated) {
    errors.push({ file: '.', line: 0, message: `GitHub truncated the file listing of ${sha.slice(0, 12)} (very large repository); some base templates may be missing. Check out with fetch-depth: 2 or set \`paths\`.` });
  }
  const inScope = (path: string): boolean => prefixes.length === 0 || prefixes.some((p) => path === p || path.startsWith(`${p}/`));
  // A symbolic link's blob is the path it points to: not followed, and not read, as from git.
  let wanted = tree.entries.filter((e) => e.type === 'blob' && e.mode !== SYMLINK_MODE && inScope(e.path) && accept(e.path));
  for (const e of wanted) {
    if (e.size !== undefined && e.size > maxFileBytes) errors.push({ file: e.path, line: 1, message: `file is ${formatBytes(e.size)} at ${sha.slice(0, 12)}, over the ${formatBytes(maxFileBytes)} limit; skipped` });
  }
  wanted = wanted.filter((e) => e.size === undefined || e.size <= maxFileBytes);
  if (wanted.length > MAX_API_FILES) {
    errors.push({ file: '.', line: 0, message: `${wanted.length} candidate files at ${sha.slice(0, 12)}; only the first ${MAX_API_FILES} were read through the API. Set \`paths\` to the directories with templates.` });
    wanted = wanted.slice(0, MAX_API_FILES);
  }
  log(`reading ${wanted.length} candidate file(s) of ${sha.slice(0, 12)} through the GitHub API`);
  // One batch of files at a time is in memory besides what the selection keeps: each file is
  // decoded and kept or dropped before the next batch is read.
  const selection = templateSelection(wanted.map((e) => e.path), budget);
  const skipped: SkippedFile[] = [];
  let identical = 0;
  const BATCH = 8;
  const ordered = selection.inReadingOrder(wanted);
  for (let i = 0; i < ordered.length; i += BATCH) {
    const batch = ordered.slice(i, i + BATCH);
    const blobs = await Promise.all(
      batch.map((e) => {
        // A file the work tree holds byte for byte (the same object id) costs no request: on a pull
        // request that is every file it does not change, and the workflow token has 1,000 an hour.
        const copy = workspaceCopy(workspace, e);
        if (copy === undefined) return api.getBlob(e.sha);
        identical++;
        return copy;
      }),
    );
    batch.forEach((e, j) => {
      const read = walkedBlob(e.path, blobs[j]);
      if ('file' in read) selection.add(read.file);
      else if ('error' in read) errors.push(read.error);
      else skipped.push(read.skipped);
    });
  }
  if (identical > 0) log(`${sha.slice(0, 12)}: ${identical} candidate file(s) identical in the work tree, taken from it without a request`);
  const selected = selection.result();
  const allSkipped = [...skipped, ...selected.skipped];
  // The tree listing says what the commit holds: a named template it lacks is a gap.
  const listed = new Set(tree.entries.filter((e) => e.type === 'blob').map((e) => e.path));
  const gaps = assemblyGaps(selected.files, allSkipped, () => true, (path) => listed.has(path));
  return { files: selected.files, errors: [...errors, ...selected.errors, ...gaps], skipped: allSkipped, via: 'api' };
}

/**
 * The work tree's bytes at a tree entry's path when they are that blob: git's object id of them
 * (SHA-1, or SHA-256 in such repositories) equals the entry's. Whatever the path resolves to, only
 * the very content of the commit is ever taken.
 */
function workspaceCopy(workspace: string, entry: TreeEntry): Buffer | undefined {
  const algorithm = /^[0-9a-f]{40}$/.test(entry.sha) ? 'sha1' : /^[0-9a-f]{64}$/.test(entry.sha) ? 'sha256' : undefined;
  if (algorithm === undefined) return undefined;
  try {
    const path = join(workspace, entry.path);
    const stat = lstatSync(path);
    if (!stat.isFile() || stat.size !== entry.size) return undefined;
    const bytes = readFileSync(path);
    const id = createHash(algorithm).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    return id === entry.sha ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/** Which commit is the base, and whether the work tree already holds the head. */
export interface Sides {
  baseSha: string;
  /** True when the checkout is the PR head, or the merge of it into the base (actions/checkout's default on `pull_request`). */
  headInWorkTree: boolean;
  /**
   * The checkout is that merge: its lines are numbered as the merge commit numbers them, which is
   * not how GitHub shows the pull request (annotations, review comments) when the base branch
   * changed the same file (see headLineMap in review.ts).
   */
  merge?: boolean;
  why: string;
}

/**
 * On `pull_request`, actions/checkout checks out `refs/pull/N/merge`: a merge commit whose first
 * parent is the base branch and whose second is the PR head. Comparing its first parent with the
 * work tree shows exactly what the pull request changes. A checkout of the head itself is compared
 * with the payload's base; anything else (`pull_request_target` checks out the base branch) reads
 * the head commit as data, never running anything from it.
 */
export function locateSides(workspace: string, pr: { baseSha: string; headSha: string }): Sides {
  let head: string;
  let parents: string[];
  try {
    head = gitOutput(workspace, ['rev-parse', 'HEAD']).trim();
    parents = gitOutput(workspace, ['cat-file', '-p', head])
      .split('\n')
      .filter((l) => l.startsWith('parent '))
      .map((l) => l.slice('parent '.length).trim());
  } catch {
    return { baseSha: pr.baseSha, headInWorkTree: true, why: 'the workspace is not a git checkout; its files are taken as the head' };
  }
  if (parents.length === 2 && parents[1] === pr.headSha) {
    return { baseSha: parents[0], headInWorkTree: true, merge: true, why: 'the checkout is the merge of the pull request into its base' };
  }
  // The payload's base is the base branch's tip: compared with the head, what the base branch
  // gained since the pull request branched off would read as reverted by it. GitHub's "Files
  // changed" compares with the merge base, and so do we when the history holds it.
  const base = mergeBase(workspace, pr.baseSha, pr.headSha);
  const against = base === undefined
    ? `compared with the base branch tip ${pr.baseSha.slice(0, 12)}: the history has no merge base (a shallow checkout; \`fetch-depth: 0\` gives one), so changes the base branch gained since the pull request branched off show as reverted`
    : base === pr.baseSha ? 'compared with the base branch tip, its merge base' : `compared with the merge base ${base.slice(0, 12)}`;
  if (head === pr.headSha) return { baseSha: base ?? pr.baseSha, headInWorkTree: true, why: `the checkout is the pull request head, ${against}` };
  return { baseSha: base ?? pr.baseSha, headInWorkTree: false, why: `the checkout (${head.slice(0, 12)}) is neither the head nor its merge; the head is read from git, ${against}` };
}

function mergeBase(workspace: string, a: string, b: string): string | undefined {
  try {
    const out = gitOutput(workspace, ['merge-base', a, b]).trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}

function gitOutput(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}
