import type { SourceFile } from '../src/shared/sources/types.ts';
import type { Config } from '../src/shared/config/types.ts';
import { globMatcher } from '../src/shared/config/glob.ts';
import { isTemplateLfsPointer, looksLikeCloudFormation } from '../src/shared/sources/cloudformation/detect.ts';
import type { ScanError } from '../src/shared/engine.ts';
import { UTF16_MESSAGE } from '../src/shared/io/files.ts';
import { decodeText, decodedFile } from '../src/shared/io/decode.ts';
import { isSymlink, type GitHubRepo, type Tree, type TreeEntry } from './github/repo.ts';
import { CONFIG_PATHS } from './config.ts';

/**
 * Reads a repository's templates through the Git trees and blobs APIs: one recursive tree
 * listing, then one blob request per candidate. Candidates are chosen from paths and sizes alone
 * (extension, skipped directories, names that are never templates, include/exclude globs), so
 * nothing that cannot be a template is downloaded, and caps bound what is.
 */

export interface FileLimits {
  /** Largest single file fetched (GitHub's blob API serves up to 100 MB; templates are far smaller). */
  maxFileBytes: number;
  /** Most candidate files fetched in one run. */
  maxFiles: number;
  /** Most bytes fetched in one run, across files. */
  maxTotalBytes: number;
  /** Blob requests in flight at once. */
  concurrency: number;
}

export const DEFAULT_FILE_LIMITS: FileLimits = {
  maxFileBytes: 5 * 1024 * 1024,
  maxFiles: 400,
  maxTotalBytes: 50 * 1024 * 1024,
  concurrency: 4,
};

export interface RepoFiles {
  /**
   * Each with `bom` (dropped from its text; a fix commit puts it back) and `lossy` (not valid
   * UTF-8: analysed, but writing the fixed text back would change every such byte, so never
   * rewritten) as decodeText found them.
   */
  files: SourceFile[];
  /** Templates that could not be read whole, caps reached, a truncated tree. */
  errors: ScanError[];
  /**
   * Candidates whose blob is not text (binary, such as an encrypted file, or UTF-16): not analysed.
   * Were one a template, its findings would be missing, so a pull request that fixes it is not
   * taken for resolved.
   */
  notText: Set<string>;
}

const CANDIDATE_EXTENSION = /\.(json|ya?ml|template)$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', '.terraform', '.hg', '.svn']);
/** The App reads through the Git API, which holds only an LFS file's pointer. */
const APP_LFS_MESSAGE = 'the file is a Git LFS pointer: the App reads the repository through the Git API, which holds only the pointer, so the template was not analyzed';

/** A text `looksLikeCloudFormation` accepts from any path it does not refuse by name. */
const ANY_TEMPLATE = 'AWSTemplateFormatVersion: "2010-09-09"\n';

/** Whether `path` can hold a template at all, decided from the path alone (before downloading it). */
export function mayBeTemplate(path: string): boolean {
  if (!CANDIDATE_EXTENSION.test(path) || CONFIG_PATHS.includes(path)) return false;
  const segments = path.split('/');
  if (segments.slice(0, -1).some((s) => SKIPPED_DIRS.has(s) || s.startsWith('asset.'))) return false;
  return looksLikeCloudFormation(path, ANY_TEMPLATE);
}

/** Cloud assembly side files that carry construct paths: read when a template sits beside them. */
function isAssemblyFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base === 'manifest.json' || base.endsWith('.metadata.json');
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export async function readRepoFiles(repo: GitHubRepo, tree: Tree, config: Config, limits: FileLimits = DEFAULT_FILE_LIMITS): Promise<RepoFiles> {
  const errors: ScanError[] = [];
  if (tree.truncated) {
    errors.push({ file: '.', line: 0, message: 'the repository tree is too large for one listing (GitHub truncated it); templates beyond it were not analyzed' });
  }
  const included = config.paths.include.length > 0 ? globMatcher(config.paths.include) : () => true;
  const excluded = globMatcher(config.paths.exclude);
  const excludedByDir = (path: string): boolean => {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) if (excluded(parts.slice(0, i).join('/'))) return true;
    return false;
  };

  const candidates: TreeEntry[] = [];
  for (const entry of tree.entries) {
    if (entry.type !== 'blob' || isSymlink(entry)) continue;
    if (!mayBeTemplate(entry.path) || excluded(entry.path) || excludedByDir(entry.path) || !included(entry.path)) continue;
    if (entry.size !== undefined && entry.size > limits.maxFileBytes) {
      errors.push({ file: entry.path, line: 1, message: `file is ${entry.size} bytes, over the ${limits.maxFileBytes}-byte limit for one file; it was not analyzed. Exclude it in .github/fargate-warden.yml (paths.exclude) if it is not a template.` });
      continue;
    }
    candidates.push(entry);
  }
  candidates.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  let chosen = candidates;
  if (candidates.length > limits.maxFiles) {
    chosen = candidates.slice(0, limits.maxFiles);
    errors.push({ file: '.', line: 0, message: `${candidates.length} candidate files, over the limit of ${limits.maxFiles}; the first ${limits.maxFiles} in path order were analyzed. Narrow paths.include in .github/fargate-warden.yml.` });
  }
  let budget = limits.maxTotalBytes;
  const withinBudget: TreeEntry[] = [];
  for (const entry of chosen) {
    const size = entry.size ?? 0;
    if (size > budget) {
      errors.push({ file: entry.path, line: 1, message: `not analyzed: the ${limits.maxTotalBytes}-byte limit for one run was reached. Narrow paths.include in .github/fargate-warden.yml.` });
      continue;
    }
    budget -= size;
    withinBudget.push(entry);
  }

  const notText = new Set<string>();
  const fetched = await fetchFiles(repo, withinBudget, limits, errors, notText);
  const files: SourceFile[] = [];
  const templateDirs = new Set<string>();
  for (const entry of withinBudget) {
    const file = fetched.get(entry.path);
    if (file === undefined) continue;
    if (!looksLikeCloudFormation(entry.path, file.text)) {
      // The Git API serves what the repository stores: for an LFS file, its pointer.
      if (isTemplateLfsPointer(entry.path, file.text, false)) errors.push({ file: entry.path, line: 1, message: APP_LFS_MESSAGE });
      continue;
    }
    files.push(file);
    templateDirs.add(dirOf(entry.path));
  }

  // cdk.out keeps construct paths and source locations beside the templates; the sources read them.
  const assembly = tree.entries.filter(
    (e) => e.type === 'blob' && isAssemblyFile(e.path) && templateDirs.has(dirOf(e.path)) && (e.size ?? 0) <= limits.maxFileBytes && !excluded(e.path),
  );
  const assemblyFiles = await fetchFiles(repo, assembly, limits, errors, notText);
  for (const e of assembly) {
    const file = assemblyFiles.get(e.path);
    if (file !== undefined) files.push(file);
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, errors, notText };
}

/** Downloads blobs a few at a time and decodes them; what is not text goes to `notText`, failures become errors. */
async function fetchFiles(repo: GitHubRepo, entries: TreeEntry[], limits: FileLimits, errors: ScanError[], notText: Set<string>): Promise<Map<string, SourceFile>> {
  const out = new Map<string, SourceFile>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < entries.length) {
      const entry = entries[next++];
      try {
        const bytes = await repo.blob(entry.sha);
        if (bytes.length > limits.maxFileBytes) {
          errors.push({ file: entry.path, line: 1, message: `file is over the ${limits.maxFileBytes}-byte limit for one file; it was not analyzed` });
          continue;
        }
        const decoded = decodeText(bytes);
        if (decoded.ok) {
          out.set(entry.path, decodedFile(entry.path, decoded));
          continue;
        }
        // As the CLI reads files: a UTF-16 template is an error that says so; other binary is skipped.
        notText.add(entry.path);
        if (decoded.reason === 'utf16' && looksLikeCloudFormation(entry.path, decoded.text)) errors.push({ file: entry.path, line: 1, message: UTF16_MESSAGE });
      } catch (error) {
        errors.push({ file: entry.path, line: 1, message: `cannot read the file from GitHub (${error instanceof Error ? error.message : String(error)})` });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limits.concurrency, entries.length)) }, worker));
  return out;
}
