import { execFileSync, spawnSync } from 'node:child_process';
import type { SourceFile } from '../sources/types.ts';

/**
 * Reads files as they are at a git revision without touching the work tree or the index:
 * `git ls-tree` lists them, one `git cat-file --batch` process streams their contents.
 */
export interface GitReadOptions {
  /** Repository directory (any directory inside the work tree). */
  cwd: string;
  /** Path prefixes, relative to the repository root, to read; empty means the whole tree. */
  paths: string[];
  /** Keep only files this predicate accepts (by path), before their contents are read. */
  accept: (path: string) => boolean;
  /** Files larger than this are reported instead of read. */
  maxFileBytes: number;
}

export interface GitReadResult {
  files: SourceFile[];
  errors: { file: string; line: number; message: string }[];
}

export class GitError extends Error {}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new GitError(`git ${args.join(' ')} failed${stderr ? `: ${stderr}` : ''}`);
  }
}

export function repositoryRoot(cwd: string): string {
  return git(cwd, ['rev-parse', '--show-toplevel']).trim();
}

/** The commit a revision names; throws a GitError that says which revision is unknown. */
export function resolveRevision(cwd: string, rev: string): string {
  if (rev.startsWith('-')) throw new GitError(`not a revision: ${rev}`);
  try {
    return git(cwd, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).trim();
  } catch {
    throw new GitError(`unknown git revision '${rev}' (fetch it first, e.g. git fetch origin ${rev})`);
  }
}

export function readFilesAtRevision(rev: string, options: GitReadOptions): GitReadResult {
  const commit = resolveRevision(options.cwd, rev);
  const root = repositoryRoot(options.cwd);
  const listing = git(root, ['ls-tree', '-r', '-z', '--long', '--full-tree', commit, '--', ...options.paths]);
  const wanted: { path: string; object: string; size: number }[] = [];
  const errors: GitReadResult['errors'] = [];
  for (const entry of listing.split('\0')) {
    if (entry === '') continue;
    // `<mode> <type> <object> <size>\t<path>`
    const tab = entry.indexOf('\t');
    const [, type, object, sizeText] = entry.slice(0, tab).split(/\s+/);
    const path = entry.slice(tab + 1);
    if (type !== 'blob' || !options.accept(path)) continue;
    const size = Number(sizeText);
    if (size > options.maxFileBytes) {
      errors.push({ file: path, line: 1, message: `file is ${size} bytes at ${rev}, over the ${options.maxFileBytes}-byte limit; skipped` });
      continue;
    }
    wanted.push({ path, object, size });
  }
  if (wanted.length === 0) return { files: [], errors };
  const batch = spawnSync('git', ['cat-file', '--batch'], {
    cwd: root,
    input: wanted.map((w) => w.object).join('\n') + '\n',
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (batch.status !== 0) throw new GitError(`git cat-file --batch failed: ${batch.stderr.toString().trim()}`);
  const out = batch.stdout;
  const files: SourceFile[] = [];
  let offset = 0;
  for (const w of wanted) {
    const headerEnd = out.indexOf(0x0a, offset);
    const header = out.subarray(offset, headerEnd).toString('utf8');
    const size = Number(header.split(' ')[2]);
    const start = headerEnd + 1;
    files.push({ path: w.path, text: out.subarray(start, start + size).toString('utf8') });
    offset = start + size + 1;
  }
  return { files, errors };
}
