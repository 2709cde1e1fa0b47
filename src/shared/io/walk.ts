import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import type { SourceFile } from '../sources/types.ts';
import { isTemplateLfsPointer, looksLikeCloudFormation } from '../sources/cloudformation/detect.ts';
import { globMatcher } from '../config/glob.ts';
import { assemblyGaps } from './assembly-gaps.ts';
import { decodedFile } from './decode.ts';
import {
  CANDIDATE_EXTENSIONS, DEFAULT_MAX_FILE_BYTES, LFS_POINTER_MESSAGE, SKIPPED_DIRS, errorCode, isAssemblyAsset, leavesRoot, linkOnPath, notATemplateMessage, readPrefix, readTextFile, realpathOr, reportPath, totalBudget, SKIPPED_AS, type InputError, type SkippedFile, type TotalBudget,
} from './files.ts';

export interface CollectOptions {
  /** Globs over report paths; when non-empty, a file found by walking must match one. */
  include?: readonly string[];
  /** Globs over report paths; matching files are skipped and matching directories not entered. */
  exclude?: readonly string[];
  maxFileBytes?: number;
  /** Templates of all files together; see DEFAULT_MAX_TOTAL_BYTES. */
  maxTotalBytes?: number;
  /** A budget shared with other reads of the same run (diffBudgets); replaces maxTotalBytes. */
  budget?: TotalBudget;
  /**
   * Report paths of files and directories walking leaves out (what git ignores, for a work tree
   * compared with a revision: see workTreeIgnored). A path named on the command line is read
   * whatever it says, as it is whatever the globs say.
   */
  ignored?: (path: string) => boolean;
  /** The directory include/exclude globs are relative to (the config file's; see LoadedConfig.globBase). Default: `cwd`. */
  globBase?: string;
  /** Base for relative arguments and report paths. Default: process.cwd(). */
  cwd?: string;
  /**
   * The directory the files come from when it is someone else's content (a pull request's
   * checkout): a named path that is, or lies under, a symbolic link, or outside it, is an error
   * instead of followed (see linkOnPath).
   */
  repository?: string;
}

export interface CollectResult {
  files: SourceFile[];
  errors: InputError[];
  /** Walked files left out as no template (named files that are none are errors instead). */
  skipped: SkippedFile[];
}

/** How much of an oversized file is read to decide whether it is a template worth an error. */
const SNIFF_BYTES = 64 * 1024;

/**
 * Files and directories → the templates to analyze. Walked directories keep what looks like
 * IaC and skip everything else silently; a file named explicitly must be IaC. Problems become
 * errors with file and line 1, and never stop the walk. Include/exclude globs apply to walked
 * files only: naming a file is stronger than a pattern.
 */
export function collectFiles(paths: readonly string[], options: CollectOptions): CollectResult {
  const cwd = options.cwd ?? process.cwd();
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const included = options.include !== undefined && options.include.length > 0 ? globMatcher(options.include) : () => true;
  const excluded = globMatcher(options.exclude ?? []);
  const globBase = options.globBase ?? cwd;
  const globPath = (abs: string): string => reportPath(abs, globBase);
  const files = new Map<string, SourceFile>();
  const errors: InputError[] = [];
  const skipped: SkippedFile[] = [];
  const visitedDirs = new Set<string>();
  const budget = options.budget ?? totalBudget(options.maxTotalBytes);
  const ignored = options.ignored ?? (() => false);

  const add = (abs: string, read: { text: string; bom: boolean; lossy: boolean }): void => {
    const real = realpathOr(abs);
    if (files.has(real)) return;
    const over = budget.admit(reportPath(abs, cwd), read.text.length);
    if (over !== undefined) errors.push(over);
    else files.set(real, decodedFile(reportPath(abs, cwd), read));
  };

  /** cdk.out keeps construct paths and source locations beside the templates; the sources read them. */
  const walkedManifests = new Set<string>();
  const addAssemblyFiles = (dir: string, names: readonly string[], walked = false): void => {
    if (walked && names.includes('manifest.json')) walkedManifests.add(reportPath(join(dir, 'manifest.json'), cwd));
    for (const name of names) {
      if (name !== 'manifest.json' && !name.endsWith('.metadata.json')) continue;
      const abs = join(dir, name);
      if (files.has(realpathOr(abs))) continue;
      const read = readTextFile(abs, maxBytes);
      if (read.ok) add(abs, read);
      else if (read.reason !== 'binary') errors.push({ file: reportPath(abs, cwd), line: 1, message: read.message });
    }
  };

  const walk = (dir: string): void => {
    const real = realpathOr(dir);
    if (visitedDirs.has(real)) return;
    visitedDirs.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      errors.push({ file: reportPath(dir, cwd), line: 1, message: `cannot read the directory (${errorCode(error)})` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    let templatesHere = 0;
    const inAssembly = entries.some((e) => e.isFile() && e.name === 'manifest.json');
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      const rel = reportPath(abs, cwd);
      // Symbolic links met while walking are not followed: git stores them as links, so a
      // revision could not read what they point to, and one may point outside the repository.
      // (A link named on the command line is followed: the user asked for it.)
      const isDir = entry.isDirectory();
      const isFile = entry.isFile();
      if (isDir) {
        if (SKIPPED_DIRS.has(entry.name) || entry.name.startsWith('asset.') || excluded(globPath(abs)) || ignored(rel)) continue;
        // A submodule (or another repository inside this one): a git revision holds only its
        // commit, so walking it here would make the work tree and a revision disagree.
        if (existsSync(join(abs, '.git'))) continue;
        subdirs.push(abs);
        continue;
      }
      if (!isFile || !CANDIDATE_EXTENSIONS.has(extname(entry.name).toLowerCase())) continue;
      if (inAssembly && isAssemblyAsset(entry.name)) continue;
      if (excluded(globPath(abs)) || !included(globPath(abs)) || ignored(rel)) continue;
      const read = readTextFile(abs, maxBytes);
      if (!read.ok) {
        if (read.reason === 'too-large' && sniffIsTemplate(abs, rel)) errors.push({ file: rel, line: 1, message: `${read.message}. Exclude it in .github/fargate-warden.yml (paths.exclude) or split the stack.` });
        else if (read.reason === 'unreadable' || (read.reason === 'utf16' && looksLikeCloudFormation(rel, read.text))) errors.push({ file: rel, line: 1, message: read.message });
        else skipped.push({ file: rel, is: read.reason === 'binary' ? SKIPPED_AS.binary : read.reason === 'utf16' ? SKIPPED_AS.utf16 : SKIPPED_AS.tooLarge(read.size ?? 0, maxBytes) });
        continue;
      }
      if (!looksLikeCloudFormation(rel, read.text)) {
        if (isTemplateLfsPointer(rel, read.text, false)) errors.push({ file: rel, line: 1, message: LFS_POINTER_MESSAGE });
        else skipped.push({ file: rel, is: SKIPPED_AS.notTemplate });
        continue;
      }
      add(abs, read);
      templatesHere++;
    }
    if (templatesHere > 0) addAssemblyFiles(dir, entries.filter((e) => e.isFile()).map((e) => e.name), true);
    // The manifest above stage assemblies has no template beside it, but says which stages the app still has.
    else if (inAssembly && entries.some((e) => e.isDirectory() && e.name.startsWith('assembly-'))) addAssemblyFiles(dir, ['manifest.json']);
    for (const sub of subdirs) walk(sub);
  };

  const args = paths.length === 0 ? ['.'] : paths;
  for (const arg of args) {
    const abs = spelledBelow(cwd, resolve(cwd, arg));
    const rel = reportPath(abs, cwd);
    const link = options.repository === undefined ? undefined : linkOnPath(options.repository, abs);
    if (link !== undefined) {
      errors.push({ file: rel, line: 1, message: `${link} is a symbolic link or lies outside the repository; links in a repository's files are not followed (one may point anywhere on the machine)` });
      continue;
    }
    let isDir: boolean;
    try {
      const st = statSync(abs);
      isDir = st.isDirectory();
      if (!isDir && !st.isFile()) {
        errors.push({ file: rel, line: 1, message: 'not a regular file or directory' });
        continue;
      }
    } catch (error) {
      // A path argument is a path, not a pattern: the shell expands globs, the Action's `paths` and
      // the GitHub App do not, so a missing path with glob characters gets told where globs go.
      const glob = /[*?[\]{}]/.test(arg) && (error as { code?: string }).code === 'ENOENT'
        ? '; paths are not patterns: name a directory, or put globs in `paths.include` of the config file (.github/fargate-warden.yml)'
        : '';
      errors.push({ file: rel, line: 1, message: `cannot read ${arg} (${errorCode(error)})${glob}` });
      continue;
    }
    if (isDir) {
      walk(abs);
      continue;
    }
    const read = readTextFile(abs, maxBytes);
    if (!read.ok) {
      errors.push({ file: rel, line: 1, message: read.reason === 'binary' ? `${read.message}: not a CloudFormation template` : read.message });
      continue;
    }
    if (!looksLikeCloudFormation(rel, read.text)) {
      errors.push({
        file: rel,
        line: 1,
        message: isTemplateLfsPointer(rel, read.text, true)
          ? LFS_POINTER_MESSAGE
          : notATemplateMessage(abs),
      });
      continue;
    }
    add(abs, read);
    const dir = dirname(abs);
    try {
      const siblings = readdirSync(dir).sort();
      if (siblings.includes('manifest.json')) addAssemblyFiles(dir, siblings);
    } catch {
      // The template was readable; a directory listing failure only costs the construct paths.
    }
  }

  const sorted = [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // A cloud assembly's manifest and metadata are read beside its templates, not as templates.
  const kept = new Set(sorted.map((f) => f.path));
  const notTemplates = skipped.filter((s) => !kept.has(s.file));
  errors.push(...assemblyGaps(sorted, notTemplates, (manifest) => walkedManifests.has(manifest), (path) => existsSync(resolve(cwd, path))));
  return { files: sorted, errors, skipped: notTemplates };

  function sniffIsTemplate(abs: string, rel: string): boolean {
    try {
      const prefix = readPrefix(abs, SNIFF_BYTES);
      return looksLikeCloudFormation(rel, prefix) || /AWSTemplateFormatVersion|"?Type"?\s*:\s*"?AWS::[A-Za-z0-9]+::/.test(prefix);
    } catch {
      return false;
    }
  }
}

/**
 * `abs` spelled below `cwd` when it is there only through a link: `$PWD/infra` where `$PWD` is a
 * link to the working directory (macOS's /tmp and /var, linked home directories). Report paths
 * are then the same as a git revision's reader gives them (it resolves links the same way), so
 * one file has one name on both sides of a diff.
 */
function spelledBelow(cwd: string, abs: string): string {
  if (!leavesRoot(relative(cwd, abs))) return abs;
  // Only a leading part that is the working directory itself is respelled: what follows it is
  // kept as written, so a link below it is still seen as a link (see linkOnPath).
  const real = realpathOr(cwd);
  for (let prefix = abs; ; prefix = dirname(prefix)) {
    if (realpathOr(prefix) === real) return join(cwd, relative(prefix, abs));
    if (dirname(prefix) === prefix) return abs;
  }
}


/**
 * The directory a path given on the command line names, as report paths spell it (`reportPath`):
 * the directory itself, or a file's directory. Two trees compared with each other (`diff --base a
 * --head b`) are compared below these roots, which stay put when files are added or removed.
 */
export function treeRoot(path: string, cwd: string): string {
  const abs = resolve(cwd, path);
  let directory = abs;
  try {
    if (!statSync(abs).isDirectory()) directory = dirname(abs);
  } catch {
    directory = dirname(abs);
  }
  return reportPath(directory, cwd);
}
