import { execFileSync, spawnSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import type { SourceFile } from '../sources/types.ts';
import { isTemplateLfsPointer, looksLikeCloudFormation } from '../sources/cloudformation/detect.ts';
import { globMatcher } from '../config/glob.ts';
import { assemblyGaps } from './assembly-gaps.ts';
import {
  CANDIDATE_EXTENSIONS, DEFAULT_MAX_FILE_BYTES, LFS_POINTER_MESSAGE, SKIPPED_DIRS, UTF16_MESSAGE, isAssemblyAsset, formatBytes, leavesRoot, notATemplateMessage, realpathOr, reportPath, totalBudget, SKIPPED_AS, type InputError, type SkippedFile, type TotalBudget,
} from './files.ts';
import { decodeText, decodedFile } from './decode.ts';

/**
 * Reads files as they are at a git revision without touching the work tree or the index:
 * `git ls-tree` lists them, one `git cat-file --batch` process streams their contents. Nothing
 * here checks out, stashes or writes anything.
 */
export class GitError extends Error {}

/**
 * Every git command runs with paths literal, never pathspec magic (`:(glob)…`, `:!…`), without
 * automatic maintenance (a read must not repack or prune the user's repository) and without a
 * credential prompt (a partial clone fetching a missing blob must fail rather than wait on a tty).
 */
const GIT_OPTIONS = ['-c', 'maintenance.auto=false', '-c', 'gc.auto=0', '-c', 'core.warnAmbiguousRefs=true', '--literal-pathspecs'];

/** No prompt; messages in English, as resolveRevision reads git's warning about an ambiguous name. */
function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
}

/** A git command fed `input`, its raw output: for batch commands (`cat-file --batch…`); throws a GitError when it fails. */
function gitBatch(cwd: string, args: string[], input: string, maxBuffer: number): Buffer {
  const result = spawnSync('git', [...GIT_OPTIONS, ...args], { cwd, input, maxBuffer, env: gitEnv() });
  if (result.error !== undefined) throw new GitError(`git ${args.join(' ')} failed: ${result.error.message}`);
  if (result.status !== 0) throw new GitError(`git ${args.join(' ')} failed: ${result.stderr.toString().trim()}`);
  return result.stdout;
}

function git(cwd: string, args: string[], maxBuffer = 256 * 1024 * 1024): string {
  try {
    return execFileSync('git', [...GIT_OPTIONS, ...args], { cwd, encoding: 'utf8', maxBuffer, stdio: ['ignore', 'pipe', 'pipe'], env: gitEnv() });
  } catch (error) {
    const e = error as { stderr?: string; code?: string };
    if (e.code === 'ENOENT') throw new GitError('git is not installed or not on PATH; it is needed to read files at a revision');
    const stderr = e.stderr?.trim();
    throw new GitError(`git ${args.join(' ')} failed${stderr ? `: ${stderr}` : ''}`);
  }
}

/**
 * Why no revision can be read from `cwd`: it is not in a repository at all. Said before anything
 * about the revision, which git would otherwise call unknown, sending the user to fetch it.
 */
function notInRepository(cwd: string): GitError {
  return new GitError(`${cwd} is not inside a git repository, and --base-ref/--head-ref read the revisions of the repository fargate-warden runs in: run it from the repository's work tree, or compare two directories with --base PATH --head PATH`);
}

const NOT_A_REPOSITORY = /not a git repository/i;

export function repositoryRoot(cwd: string): string {
  try {
    return git(cwd, ['rev-parse', '--show-toplevel']).trim();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (NOT_A_REPOSITORY.test(message)) throw notInRepository(cwd);
    throw new GitError(`${cwd} is not inside a git work tree (${message})`);
  }
}

/**
 * The path from the repository root to `cwd` (`infra/`, or `` at the root), or undefined when
 * `cwd` is not in a git work tree or git is missing: SARIF paths are then left relative to `cwd`.
 */
export function workTreePrefix(cwd: string): string | undefined {
  const result = spawnSync('git', [...GIT_OPTIONS, 'rev-parse', '--show-prefix'], { cwd, encoding: 'utf8', env: gitEnv(), stdio: ['ignore', 'pipe', 'ignore'] });
  if (result.error !== undefined || result.status !== 0) return undefined;
  return result.stdout.trim();
}

/** What `git ARGS` prints in `cwd`, trimmed; undefined when git fails or is missing. */
function gitOutput(cwd: string, args: string[]): string | undefined {
  const result = spawnSync('git', [...GIT_OPTIONS, ...args], { cwd, encoding: 'utf8', env: gitEnv(), stdio: ['ignore', 'pipe', 'ignore'] });
  return result.error !== undefined || result.status !== 0 ? undefined : result.stdout.trim();
}

/**
 * The root of the git work tree holding `dir` (or its nearest existing directory), with symbolic
 * links resolved as git resolves them, so a path below it is found with the file's real path (see
 * realpathOr) whatever link led there. A submodule is its own work tree. Undefined outside any
 * work tree or without git.
 */
export function workTreeRoot(dir: string): string | undefined {
  let existing = dir;
  while (!isDirectory(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const root = gitOutput(existing, ['rev-parse', '--show-toplevel']);
  return root === undefined || root === '' ? undefined : realpathOr(root);
}

/**
 * The root of the repository a checkout's files belong to: the work tree holding `dir`, or, when
 * that is a submodule, its superproject's, whose paths are the ones GitHub shows. Undefined
 * outside any work tree or without git.
 */
function checkoutRootOf(dir: string): string | undefined {
  let root = workTreeRoot(dir);
  for (let depth = 0; root !== undefined && depth < 8; depth++) {
    const superproject = gitOutput(root, ['rev-parse', '--show-superproject-working-tree']);
    if (superproject === undefined || superproject === '') break;
    root = realpathOr(superproject);
  }
  return root;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Where the repository a run reviews is checked out, found from git: the work tree holding every
 * one of `paths` (relative to `workspace`), which finds a repository actions/checkout put in a
 * subdirectory of the workspace (`path: infra-repo`) beside others; without paths, or when they
 * lie in different work trees, the one holding `workspace`. Undefined when git finds none.
 */
export function checkoutRoot(workspace: string, paths: readonly string[]): string | undefined {
  const roots = new Set(paths.map((p) => checkoutRootOf(resolve(workspace, p))));
  const [only] = roots;
  if (roots.size === 1 && only !== undefined) return only;
  return checkoutRootOf(workspace);
}

/**
 * How GitHub names a report path (relative to `workspace`): from the root of the repository
 * checked out at `root`, the form annotations, review comments, links to a commit's files and
 * code scanning all take. Undefined for a path outside the repository (no file of it on GitHub);
 * without a root, the report path as it is.
 */
export function repositoryPathOf(workspace: string, root: string | undefined): (reportPath: string) => string | undefined {
  if (root === undefined) return (path) => path;
  const base = realpathOr(workspace);
  if (base === root) return (path) => path;
  return (path) => {
    if (path === '' || isAbsolute(path)) return undefined;
    const rel = relative(root, resolve(base, path));
    return rel === '' || leavesRoot(rel) ? undefined : rel.split(sep).join('/');
  };
}

/** The commit a revision names; throws a GitError that says which revision is unknown. */
export function resolveRevision(cwd: string, rev: string): string {
  if (rev === '' || rev.startsWith('-')) throw new GitError(`not a revision: '${rev}'`);
  const result = spawnSync('git', [...GIT_OPTIONS, 'rev-parse', '--verify', '--end-of-options', `${rev}^{commit}`], { cwd, encoding: 'utf8', env: gitEnv() });
  if (result.error !== undefined) {
    if ((result.error as NodeJS.ErrnoException).code === 'ENOENT') throw new GitError('git is not installed or not on PATH; it is needed to read files at a revision');
    throw new GitError(`git rev-parse failed: ${result.error.message}`);
  }
  if (result.status !== 0 && NOT_A_REPOSITORY.test(result.stderr)) throw notInRepository(cwd);
  // git picks one of a branch and a tag of the same name with only a warning: comparing against
  // a commit the user did not mean is worse than asking.
  if (/refname '.*' is ambiguous/.test(result.stderr)) {
    throw new GitError(`git revision '${rev}' is ambiguous (a branch and a tag, or a branch and a remote branch, share the name); name it fully, e.g. refs/heads/${rev} or refs/tags/${rev}`);
  }
  if (result.status !== 0) {
    throw new GitError(`unknown git revision '${rev}': fetch it first (a shallow or single-branch checkout lacks other branches and older commits: git fetch origin <branch>, or actions/checkout with fetch-depth: 0)`);
  }
  return result.stdout.trim();
}

const LINKED_AT_REVISION = 'it is a symbolic link at the revision, and fargate-warden does not follow links in a repository';

/**
 * A config file as a revision holds it: the first of `candidates` (paths like
 * `.github/fargate-warden.yml`) in the working directory's directory at that revision, else in the
 * nearest directory above it, up to the repository root, as loadConfigFile searches the work tree.
 * `path` is relative to the working directory; a link is reported, not followed.
 */
export function configAtRevision(rev: string, cwd: string, candidates: readonly string[], maxBytes: number):
  | { path: string; dir: string; text: string }
  | { path: string; dir: string; problem: string }
  | undefined {
  const commit = resolveRevision(cwd, rev);
  const root = realpathOr(repositoryRoot(cwd));
  const realCwd = realpathOr(cwd);
  const below = relative(root, realCwd);
  const parts = below === '' || leavesRoot(below) ? [] : below.split(sep);
  for (let depth = parts.length; depth >= 0; depth--) {
    const dir = parts.slice(0, depth).join('/');
    const wanted = candidates.map((c) => (dir === '' ? c : `${dir}/${c}`));
    // The directories on the way too (`.github`): a link there hides the file from ls-tree.
    const parents = [...new Set(wanted.map((w) => posix.dirname(w)).filter((d) => d !== '.' && d !== dir))];
    const found = listTree(root, commit, [...wanted, ...parents], false).filter((e) => wanted.includes(e.path) || parents.includes(e.path));
    const dirAbs = join(root, ...parts.slice(0, depth));
    const linkedParent = found.find((e) => parents.includes(e.path) && e.mode === SYMLINK_MODE);
    if (linkedParent !== undefined) {
      return { path: reportPath(join(root, ...linkedParent.path.split('/')), realCwd), dir: dirAbs, problem: LINKED_AT_REVISION };
    }
    const entry = wanted.map((w) => found.find((e) => e.path === w)).find((e) => e !== undefined);
    if (entry === undefined) continue;
    const path = reportPath(join(root, ...entry.path.split('/')), realCwd);
    if (entry.mode === SYMLINK_MODE) return { path, dir: dirAbs, problem: LINKED_AT_REVISION };
    if (entry.type !== 'blob') return { path, dir: dirAbs, problem: 'it is not a file at the revision' };
    const size = blobSizes(root, [entry.object]).get(entry.object) ?? 0;
    if (size > maxBytes) return { path, dir: dirAbs, problem: `it is over ${formatBytes(maxBytes)}` };
    const [blob] = readBlobs(root, [entry.object], new Map([[entry.object, size]]));
    if (blob === undefined) return { path, dir: dirAbs, problem: 'git could not read it' };
    const decoded = decodeText(blob);
    if (decoded.ok) return { path, dir: dirAbs, text: decoded.text };
    // As loadConfigFile says it of the work tree's file (see readTextFile).
    return { path, dir: dirAbs, problem: decoded.reason === 'utf16' ? UTF16_MESSAGE : 'binary file (contains NUL bytes)' };
  }
  return undefined;
}

interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  /** Relative to the repository root, forward slashes. */
  path: string;
}

/**
 * `git ls-tree` of `prefixes` (root-relative; empty = whole tree) at a commit. Without `--long`:
 * sizes need every blob, which a partial clone would fetch one by one; only the candidates are
 * sized (see blobSizes).
 */
function listTree(root: string, commit: string, prefixes: string[], recursive: boolean): TreeEntry[] {
  const args = ['ls-tree', '-z', '--full-tree', ...(recursive ? ['-r'] : []), commit, '--', ...prefixes];
  const out: TreeEntry[] = [];
  for (const entry of git(root, args).split('\0')) {
    if (entry === '') continue;
    // `<mode> SP <type> SP <object> TAB <path>`
    const tab = entry.indexOf('\t');
    const [mode, type, object] = entry.slice(0, tab).split(/\s+/);
    out.push({ mode: mode ?? '', type: type ?? '', object: object ?? '', path: entry.slice(tab + 1) });
  }
  return out;
}

/** Sizes of blobs by object name, through one `git cat-file --batch-check`; missing objects are left out. */
function blobSizes(root: string, objects: string[]): Map<string, number> {
  const sizes = new Map<string, number>();
  if (objects.length === 0) return sizes;
  for (const line of gitBatch(root, ['cat-file', '--batch-check'], objects.join('\n') + '\n', 64 * 1024 * 1024).toString('utf8').split('\n')) {
    // `<object> SP <type> SP <size>`, or `<object> SP missing`
    const [object, type, size] = line.split(' ');
    if (object !== undefined && type === 'blob' && size !== undefined) sizes.set(object, Number(size));
  }
  return sizes;
}

/** Blob bytes one `cat-file --batch` returns at most, so its output buffer stays bounded. */
const BATCH_BYTES = 64 * 1024 * 1024;

/**
 * Contents of blobs, in order, through `git cat-file --batch`: one process per run of blobs that
 * together stay under BATCH_BYTES (each blob is under the per-file limit, which is smaller).
 */
function readBlobs(root: string, objects: string[], sizes: ReadonlyMap<string, number>): (Buffer | undefined)[] {
  const blobs: (Buffer | undefined)[] = [];
  let start = 0;
  while (start < objects.length) {
    let end = start;
    let bytes = 0;
    while (end < objects.length && (end === start || bytes + (sizes.get(objects[end]!) ?? 0) <= BATCH_BYTES)) bytes += sizes.get(objects[end++]!) ?? 0;
    blobs.push(...readBatch(root, objects.slice(start, end), bytes));
    start = end;
  }
  return blobs;
}

function readBatch(root: string, objects: string[], bytes: number): (Buffer | undefined)[] {
  if (objects.length === 0) return [];
  // Each blob adds a header line and a newline to its bytes.
  const out = gitBatch(root, ['cat-file', '--batch'], objects.join('\n') + '\n', bytes + objects.length * 128 + 1024);
  const blobs: (Buffer | undefined)[] = [];
  let offset = 0;
  for (let i = 0; i < objects.length; i++) {
    const headerEnd = out.indexOf(0x0a, offset);
    if (headerEnd < 0) throw new GitError('git cat-file --batch ended early');
    const header = out.subarray(offset, headerEnd).toString('utf8').split(' ');
    if (header[1] === 'missing' || header.length < 3) {
      blobs.push(undefined);
      offset = headerEnd + 1;
      continue;
    }
    const size = Number(header[2]);
    const start = headerEnd + 1;
    blobs.push(out.subarray(start, start + size));
    offset = start + size + 1;
  }
  return blobs;
}

/** The first bytes of a blob, to decide whether an oversized file is a template at all. */
function blobPrefix(root: string, object: string, bytes: number): string {
  const result = spawnSync('git', [...GIT_OPTIONS, 'cat-file', 'blob', object], { cwd: root, maxBuffer: bytes, env: gitEnv() });
  return (result.stdout ?? Buffer.alloc(0)).subarray(0, bytes).toString('utf8');
}

/** How much of an oversized blob is read to decide whether it is a template worth an error. */
const SNIFF_BYTES = 64 * 1024;

/** Git's file mode of a symbolic link, in trees from git and from GitHub's API alike: its blob is the path it points to, not content. */
export const SYMLINK_MODE = '120000';

export interface RevisionCollectOptions {
  /** Base for relative PATH arguments and for report paths; any directory inside the work tree. */
  cwd: string;
  /** Files or directories relative to `cwd` (default: `.`), as on the command line. */
  paths: readonly string[];
  /** Globs over report paths (as in the config file): walked files must match one when non-empty. */
  include?: readonly string[];
  /** Globs over report paths: matching files, and files under matching directories, are skipped. */
  exclude?: readonly string[];
  maxFileBytes?: number;
  /** Templates of all files together; see DEFAULT_MAX_TOTAL_BYTES. */
  maxTotalBytes?: number;
  /** A budget shared with other reads of the same run (diffBudgets); replaces maxTotalBytes. */
  budget?: TotalBudget;
  /** The directory include/exclude globs are relative to (see LoadedConfig.globBase). Default: `cwd`. */
  globBase?: string;
}

export interface RevisionCollectResult {
  /** The commit the revision resolved to. */
  commit: string;
  files: SourceFile[];
  errors: InputError[];
  /** Walked files left out as no template, as collectFiles reports them. */
  skipped: SkippedFile[];
  /** PATH arguments that name nothing at the revision (not an error: the change may add them). */
  missing: string[];
}

/**
 * The templates under `paths` as they are at `rev`, selected the way a directory scan of the work
 * tree selects them (CloudFormation templates by content, cdk.out assembly files beside them,
 * `node_modules` and the like skipped, include/exclude globs), with paths reported relative to
 * `cwd` exactly as the work-tree walk reports them, so the same file has the same path on both
 * sides of a diff. A named file must be a template. Throws GitError when git cannot answer
 * (not a repository, unknown revision).
 */
export function collectFilesAtRevision(rev: string, options: RevisionCollectOptions): RevisionCollectResult {
  const cwd = realpathOr(options.cwd);
  const root = realpathOr(repositoryRoot(cwd));
  const commit = resolveRevision(cwd, rev);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const included = options.include !== undefined && options.include.length > 0 ? globMatcher(options.include) : () => true;
  const excluded = globMatcher(options.exclude ?? []);
  const errors: InputError[] = [];
  const skipped: SkippedFile[] = [];
  const missing: string[] = [];
  const report = (rootPath: string): string => reportPath(join(root, ...rootPath.split('/')), cwd);
  const globBase = options.globBase === undefined ? cwd : realpathOr(options.globBase);
  const globPath = (rootPath: string): string => reportPath(join(root, ...rootPath.split('/')), globBase);

  const args = options.paths.length === 0 ? ['.'] : [...options.paths];
  const prefixes: { arg: string; prefix: string }[] = [];
  for (const arg of args) {
    // An absolute path through a symbolic link to the checkout names a path inside it.
    let rel = relative(root, resolve(cwd, arg));
    if (leavesRoot(rel)) rel = relative(root, realpathOfExisting(resolve(cwd, arg)));
    if (leavesRoot(rel)) {
      errors.push({ file: arg, line: 1, message: `${arg} is outside the git repository at ${root}; name paths inside it` });
      continue;
    }
    prefixes.push({ arg, prefix: rel.split(sep).join('/') });
  }
  const wholeTree = prefixes.some((p) => p.prefix === '');
  const entries = prefixes.length === 0 ? [] : listTree(root, commit, wholeTree ? [] : prefixes.map((p) => p.prefix), true);

  /** Entries to read: walked candidates and named files, by root-relative path. */
  const wanted = new Map<string, { entry: TreeEntry; named: boolean }>();
  const siblingsOf = new Map<string, TreeEntry[]>();
  const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
  for (const entry of entries) {
    if (entry.type !== 'blob') continue;
    const siblings = siblingsOf.get(dirOf(entry.path));
    if (siblings === undefined) siblingsOf.set(dirOf(entry.path), [entry]);
    else siblings.push(entry);
  }

  for (const { arg, prefix } of prefixes) {
    const named = entries.find((e) => e.path === prefix && e.type === 'blob');
    if (named !== undefined) {
      if (named.mode === SYMLINK_MODE) errors.push({ file: report(prefix), line: 1, message: `a symbolic link at ${rev}; name the file it points to` });
      else wanted.set(named.path, { entry: named, named: true });
      continue;
    }
    const under = prefix === '' ? entries : entries.filter((e) => e.path.startsWith(`${prefix}/`));
    if (under.length === 0) {
      const above = entryAbove(root, commit, prefix);
      if (above === undefined) missing.push(arg);
      else if (above.kind === 'link') errors.push({ file: report(prefix), line: 1, message: `${report(above.path)} is a symbolic link at ${rev}, which is not followed; name the path it points to` });
      else errors.push({ file: report(prefix), line: 1, message: `${report(above.path)} is a git submodule at ${rev}; its files are in another repository and are not read` });
      continue;
    }
    for (const entry of under) {
      if (entry.type !== 'blob' || entry.mode === SYMLINK_MODE || wanted.has(entry.path)) continue;
      const inside = prefix === '' ? entry.path : entry.path.slice(prefix.length + 1);
      const dirs = inside.split('/').slice(0, -1);
      if (dirs.some((d) => SKIPPED_DIRS.has(d) || d.startsWith('asset.'))) continue;
      // A directory the walk would not enter: any ancestor below the argument matching an exclude glob.
      let skip = false;
      for (let i = 1; i <= dirs.length && !skip; i++) {
        const dir = [prefix, ...dirs.slice(0, i)].filter((x) => x !== '').join('/');
        if (excluded(globPath(dir))) skip = true;
      }
      if (skip) continue;
      const name = entry.path.slice(entry.path.lastIndexOf('/') + 1);
      if (!CANDIDATE_EXTENSIONS.has(posix.extname(name).toLowerCase())) continue;
      if (isAssemblyAsset(name) && (siblingsOf.get(dirOf(entry.path)) ?? []).some((e) => posix.basename(e.path) === 'manifest.json')) continue;
      const globbed = globPath(entry.path);
      if (excluded(globbed) || !included(globbed)) continue;
      wanted.set(entry.path, { entry, named: false });
    }
  }

  // Oversized files are reported (when they look like templates) instead of read.
  const sizes = blobSizes(root, [...wanted.values()].map((w) => w.entry.object));
  const readable: { entry: TreeEntry; named: boolean }[] = [];
  for (const w of wanted.values()) {
    const size = sizes.get(w.entry.object) ?? 0;
    if (size <= maxBytes) {
      readable.push(w);
      continue;
    }
    const rel = report(w.entry.path);
    const prefix = w.named ? '' : blobPrefix(root, w.entry.object, SNIFF_BYTES);
    if (w.named || looksLikeCloudFormation(rel, prefix) || /AWSTemplateFormatVersion|"?Type"?\s*:\s*"?AWS::[A-Za-z0-9]+::/.test(prefix)) {
      errors.push({ file: rel, line: 1, message: `file is ${formatBytes(size)} at ${rev}, over the ${formatBytes(maxBytes)} limit for one file; it was not analyzed` });
    } else {
      skipped.push({ file: rel, is: SKIPPED_AS.tooLarge(size, maxBytes) });
    }
  }
  const blobs = readBlobs(root, readable.map((w) => w.entry.object), sizes);
  const files = new Map<string, SourceFile>();
  const templateDirs = new Set<string>();
  const budget = options.budget ?? totalBudget(options.maxTotalBytes);
  /** Keeps a file unless the files kept before it used up the total budget (as the work-tree walk does). */
  const keep = (path: string, file: SourceFile): boolean => {
    const over = budget.admit(file.path, file.text.length);
    if (over !== undefined) errors.push(over);
    else files.set(path, file);
    return over === undefined;
  };
  readable.forEach((w, i) => {
    const rel = report(w.entry.path);
    const blob = blobs[i];
    if (blob === undefined) {
      errors.push({ file: rel, line: 1, message: `cannot read the file at ${rev}` });
      return;
    }
    const read = walkedBlob(rel, blob, w.named);
    if (!('file' in read)) {
      if ('error' in read) errors.push(read.error);
      else skipped.push(read.skipped);
      return;
    }
    const { text } = read.file;
    if (!looksLikeCloudFormation(rel, text)) {
      const message = isTemplateLfsPointer(rel, text, w.named) ? LFS_POINTER_MESSAGE : w.named ? notATemplateMessage(rel) : undefined;
      if (message !== undefined) errors.push({ file: rel, line: 1, message });
      else skipped.push({ file: rel, is: SKIPPED_AS.notTemplate });
      return;
    }
    if (keep(w.entry.path, read.file)) templateDirs.add(dirOf(w.entry.path));
  });

  // cdk.out keeps construct paths and source locations beside the templates; the sources read them.
  const assembly: TreeEntry[] = [];
  // The manifest above stage assemblies has no template beside it, but says which stages the app still has.
  for (const dir of [...templateDirs]) {
    const parent = dirOf(dir);
    if (posix.basename(dir).startsWith('assembly-') && (siblingsOf.get(parent) ?? []).some((e) => posix.basename(e.path) === 'manifest.json')) {
      const manifest = (siblingsOf.get(parent) ?? []).find((e) => posix.basename(e.path) === 'manifest.json')!;
      if (!files.has(manifest.path)) assembly.push(manifest);
    }
  }
  for (const dir of templateDirs) {
    let siblings = siblingsOf.get(dir) ?? [];
    if (!siblings.some((e) => e.path.endsWith('/manifest.json') || e.path === 'manifest.json')) {
      // A named template's directory was not listed; list it now.
      siblings = listTree(root, commit, dir === '' ? [] : [`${dir}/`], false).filter((e) => e.type === 'blob');
    }
    if (!siblings.some((e) => posix.basename(e.path) === 'manifest.json')) continue;
    for (const e of siblings) {
      const base = posix.basename(e.path);
      if ((base === 'manifest.json' || base.endsWith('.metadata.json')) && !files.has(e.path)) assembly.push(e);
    }
  }
  const assemblySizes = blobSizes(root, assembly.map((e) => e.object));
  const sizedAssembly = assembly.filter((e) => (assemblySizes.get(e.object) ?? 0) <= maxBytes);
  const assemblyBlobs = readBlobs(root, sizedAssembly.map((e) => e.object), assemblySizes);
  sizedAssembly.forEach((e, i) => {
    const decoded = assemblyBlobs[i] === undefined ? undefined : decodeText(assemblyBlobs[i]);
    if (decoded?.ok === true) keep(e.path, decodedFile(report(e.path), decoded));
  });

  const sorted = [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // A cloud assembly's manifest and metadata are read beside its templates, not as templates.
  const kept = new Set(sorted.map((f) => f.path));
  const notTemplates = skipped.filter((s) => !kept.has(s.file));
  // Only what the listing holds: a named template's directory was listed for its manifest alone.
  const listed = new Set(entries.filter((e) => e.type === 'blob').map((e) => report(e.path)));
  errors.push(...assemblyGaps(sorted, notTemplates, (manifest) => listed.has(manifest), (path) => listed.has(path)));
  return { commit, files: sorted, errors, skipped: notTemplates, missing };
}

/**
 * What git ignores in the work tree (.gitignore files, .git/info/exclude, core.excludesFile), as a
 * test of report paths (relative to `cwd`) for collectFiles' `ignored`: the untracked files
 * `git ls-files --others --exclude-standard` leaves out, and the directories holding only such
 * files. A work tree compared with a revision then holds what a commit of it would: build output
 * (cdk.out, .aws-sam) left beside the sources is not a change. Tracked files are never ignored.
 * `paths` (relative to `cwd`) limit what git looks at.
 */
export function workTreeIgnored(cwd: string, paths: readonly string[]): (path: string) => boolean {
  const realCwd = realpathOr(cwd);
  const root = realpathOr(repositoryRoot(realCwd));
  const below = relative(root, realCwd).split(sep).join('/');
  const specs = (paths.length === 0 ? ['.'] : paths).map((p) => relative(root, resolve(realCwd, p)));
  // A path through a link or outside the repository: let git look at the whole tree instead.
  const whole = specs.some((rel) => rel === '' || leavesRoot(rel));
  const out = git(root, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory', '--', ...(whole ? [] : specs.map((rel) => rel.split(sep).join('/')))]);
  const ignored = new Set(out.split('\0').filter((e) => e !== '').map((e) => (e.endsWith('/') ? e.slice(0, -1) : e)));
  if (ignored.size === 0) return () => false;
  return (path) => ignored.has(posix.normalize(below === '' ? path : `${below}/${path}`));
}

export interface GitReadOptions {
  /** Repository directory (any directory inside the work tree). */
  cwd: string;
  /** Path prefixes, relative to the repository root, to read; empty means the whole tree. */
  paths: string[];
  /** Keep only files this predicate accepts (by root-relative path), before their contents are read. */
  accept: (path: string) => boolean;
  /** Files larger than this are reported instead of read. */
  maxFileBytes: number;
  /** All files together; see DEFAULT_MAX_TOTAL_BYTES. */
  maxTotalBytes?: number;
}

/**
 * The lower-level read: every blob under `paths` at `rev` that `accept` keeps, with
 * repository-root-relative paths, as text (see walkedBlob): binary and UTF-16 blobs are listed in
 * `skipped` instead, or, a UTF-16 template, in `errors`. `collectFilesAtRevision` is what the CLI uses.
 */
export function readFilesAtRevision(rev: string, options: GitReadOptions): { files: SourceFile[]; errors: InputError[]; skipped: SkippedFile[] } {
  const commit = resolveRevision(options.cwd, rev);
  const root = repositoryRoot(options.cwd);
  const errors: InputError[] = [];
  const accepted = listTree(root, commit, options.paths, true).filter((entry) => entry.type === 'blob' && entry.mode !== SYMLINK_MODE && options.accept(entry.path));
  const sizes = blobSizes(root, accepted.map((e) => e.object));
  const wanted: TreeEntry[] = [];
  const budget = totalBudget(options.maxTotalBytes);
  for (const entry of accepted) {
    const size = sizes.get(entry.object) ?? 0;
    const over = size > options.maxFileBytes
      ? { file: entry.path, line: 1, message: `file is ${formatBytes(size)} at ${rev}, over the ${formatBytes(options.maxFileBytes)} limit for one file; skipped` }
      : budget.admit(entry.path, size);
    if (over !== undefined) errors.push(over);
    else wanted.push(entry);
  }
  const blobs = readBlobs(root, wanted.map((w) => w.object), sizes);
  const files: SourceFile[] = [];
  const skipped: SkippedFile[] = [];
  wanted.forEach((w, i) => {
    const blob = blobs[i];
    if (blob === undefined) {
      errors.push({ file: w.path, line: 1, message: `cannot read the file at ${rev}` });
      return;
    }
    const read = walkedBlob(w.path, blob);
    if ('file' in read) files.push(read.file);
    else if ('error' in read) errors.push(read.error);
    else skipped.push(read.skipped);
  });
  return { files, errors, skipped };
}

/**
 * A file's bytes, read from git or the GitHub API, as the work-tree walk reads a file (see
 * decodeText): the file, its text without a byte-order mark, else the input error of a UTF-16
 * template, or the file listed as skipped (binary, UTF-16), so that a diff can tell a template
 * replaced by one (see templatesGone). Decoded as UTF-8 instead, such bytes would be text no
 * detector recognizes, dropped unseen. A `named` file (a path argument) must be a template: any
 * refusal is its error.
 */
export function walkedBlob(file: string, blob: Buffer, named = false): { file: SourceFile } | { error: InputError } | { skipped: SkippedFile } {
  const decoded = decodeText(blob);
  if (decoded.ok) return { file: decodedFile(file, decoded) };
  if (decoded.reason === 'utf16') return named || looksLikeCloudFormation(file, decoded.text) ? { error: { file, line: 1, message: UTF16_MESSAGE } } : { skipped: { file, is: SKIPPED_AS.utf16 } };
  return named ? { error: { file, line: 1, message: 'binary file (contains NUL bytes): not a CloudFormation template' } } : { skipped: { file, is: SKIPPED_AS.binary } };
}

/** The nearest path at or above `path` (root-relative) that is a symbolic link or a submodule at the commit, if any. */
function entryAbove(root: string, commit: string, path: string): { path: string; kind: 'link' | 'submodule' } | undefined {
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const ancestor = parts.slice(0, i).join('/');
    const entry = listTree(root, commit, [ancestor], false).find((e) => e.path === ancestor);
    if (entry !== undefined && entry.type === 'tree') continue;
    if (entry?.mode === SYMLINK_MODE) return { path: ancestor, kind: 'link' };
    if (entry?.type === 'commit') return { path: ancestor, kind: 'submodule' };
    return undefined;
  }
  return undefined;
}

/** `path` with its longest existing ancestor resolved through symbolic links. */
function realpathOfExisting(path: string): string {
  const rest: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = resolve(current, '..');
      if (parent === current) return path;
      rest.push(current.slice(parent.length).replace(/^[\\/]+/, ''));
      current = parent;
    }
  }
}

