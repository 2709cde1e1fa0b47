import { closeSync, lstatSync, openSync, readFileSync, readSync, realpathSync, statSync, writeFileSync, writeSync, mkdirSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { decodeText } from './decode.ts';

/** A problem with an input, in the shape of `errors[]` in every report. */
export interface InputError {
  file: string;
  line: number;
  message: string;
}

/**
 * A file a directory walk looked at and left out, silently, as no template: kept so that `diff`
 * can tell when the other side has a template at the same path (see templatesGone).
 */
export interface SkippedFile {
  file: string;
  /** What it is instead, to complete "<file> is …". */
  is: string;
}

/** Why a walked file was no template (SkippedFile.is). */
export const SKIPPED_AS = {
  binary: 'a binary file (it contains NUL bytes)',
  utf16: 'UTF-16 text that does not read as a template',
  notTemplate: 'not a CloudFormation template (no AWSTemplateFormatVersion and no Resources with AWS:: types)',
  tooLarge: (size: number, max: number): string => `${formatBytes(size)}, over the ${formatBytes(max)} limit for one file, and its start does not look like a template`,
} as const;

/** CDK synth output for large apps reaches a few MB; 20 MB leaves room while bounding memory. */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * What one run reads in templates, all files together (for `diff`, both sides together). The
 * model of a template takes about twenty times its size in memory, and Node's heap is about 4 GB
 * by default: past this, a template is reported instead of read, so a huge tree ends with a
 * message rather than out of memory.
 */
export const DEFAULT_MAX_TOTAL_BYTES = 128 * 1024 * 1024;

/** Counts what a run reads against DEFAULT_MAX_TOTAL_BYTES (or a smaller limit). */
export interface TotalBudget {
  /** Counts a file that fits and returns undefined, or returns the error for one that does not. */
  admit(file: string, size: number): InputError | undefined;
}

/** The total budget of a run that reads one set of files (see DEFAULT_MAX_TOTAL_BYTES). */
export function totalBudget(maxTotalBytes = DEFAULT_MAX_TOTAL_BYTES): TotalBudget {
  return limitedTo({ total: 0 }, maxTotalBytes, `the templates read before it already reach the ${formatBytes(maxTotalBytes)} one run reads`);
}

/**
 * One total budget for the two sides of a diff, which are both in memory during the run: base,
 * read first, may use half of it, so that it cannot leave nothing for head (the change under
 * review); head may use whatever base left, so a diff against a small or empty base reads as much
 * as a scan would.
 */
export function diffBudgets(maxTotalBytes = DEFAULT_MAX_TOTAL_BYTES): { base: TotalBudget; head: TotalBudget } {
  const half = Math.floor(maxTotalBytes / 2);
  const used = { total: 0 };
  return {
    base: limitedTo(used, half, `base's templates read before it already reach ${formatBytes(half)}, the half of the ${formatBytes(maxTotalBytes)} one diff reads (both sides together) that base may use`),
    head: limitedTo(used, maxTotalBytes, `the templates read before it, base's and head's together, already reach the ${formatBytes(maxTotalBytes)} one diff reads`),
  };
}

function limitedTo(used: { total: number }, limit: number, reached: string): TotalBudget {
  return {
    admit(file, size) {
      if (used.total + size > limit) return { file, line: 1, message: `not analyzed: ${reached}; name fewer paths or exclude some (paths.exclude in .github/fargate-warden.yml)` };
      used.total += size;
      return undefined;
    },
  };
}

/** How paths appear in reports: relative to `cwd`, forward slashes, never empty. */
export function reportPath(absPath: string, cwd: string): string {
  const rel = relative(cwd, absPath);
  if (rel === '') return '.';
  const path = isAbsolute(rel) ? rel : rel.split(sep).join('/');
  return path.replace(/\\/g, '/');
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export type ReadResult =
  | { ok: true; text: string; bom: boolean; lossy: boolean }
  | { ok: false; reason: 'unreadable' | 'too-large' | 'binary'; message: string; size?: number }
  /** UTF-16 with a byte-order mark (PowerShell's `>` writes it): `text` decoded, to tell whether it is a template worth an error. */
  | { ok: false; reason: 'utf16'; message: string; text: string };

/** The error for a file named on the command line that is no template. */
const NOT_A_TEMPLATE_MESSAGE = 'not a CloudFormation template (no AWSTemplateFormatVersion and no Resources with AWS:: types); name a template or a directory to scan';

/** For a named file whose name no template has, whatever it holds. */
const NOT_A_TEMPLATE_NAME_MESSAGE = 'not read as a template: templates are .json, .yaml, .yml or .template files; rename it (or copy it) to one of those';

/** The error for a file named on the command line that is no template: its name, or else its content, is why. */
export function notATemplateMessage(path: string): string {
  return CANDIDATE_EXTENSIONS.has(extname(path).toLowerCase()) ? NOT_A_TEMPLATE_MESSAGE : NOT_A_TEMPLATE_NAME_MESSAGE;
}

/** The error for a template checked out as its Git LFS pointer (see isTemplateLfsPointer). */
export const LFS_POINTER_MESSAGE = 'the file is a Git LFS pointer, not the template: fetch the LFS objects (`git lfs pull`; with actions/checkout, `lfs: true`) to have it analyzed';

/** The error for a UTF-16 template: read as UTF-8, its text would be noise, and a fix would re-encode it. */
export const UTF16_MESSAGE = 'the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 to have it analyzed';

/**
 * Why a file whose bytes are not UTF-8 (SourceFile.lossy) gets no fix written, after its name and
 * "is": it was analysed as text with U+FFFD for those bytes, and writing that text back would put
 * U+FFFD in the file for each of them. Said by `fix --write` and the GitHub App.
 */
export const NOT_UTF8_NOT_REWRITTEN = 'not UTF-8 text, so fargate-warden does not rewrite it: the rest of the file would change; save it as UTF-8 to get this fix';

/**
 * Reads a file as UTF-8 text (see decodeText), refusing files over `maxBytes` before reading them
 * (the size is checked with stat, so a giant file never reaches memory), UTF-16 and binary files.
 */
export function readTextFile(absPath: string, maxBytes: number): ReadResult {
  let size: number;
  try {
    const st = statSync(absPath);
    if (!st.isFile()) return { ok: false, reason: 'unreadable', message: 'not a regular file' };
    size = st.size;
  } catch (error) {
    return { ok: false, reason: 'unreadable', message: `cannot read the file (${errorCode(error)})` };
  }
  if (size > maxBytes) {
    return { ok: false, reason: 'too-large', size, message: `file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit for one file; it was not analyzed` };
  }
  let buffer: Buffer;
  try {
    buffer = readFileSync(absPath);
  } catch (error) {
    return { ok: false, reason: 'unreadable', message: `cannot read the file (${errorCode(error)})` };
  }
  // The file may have grown between stat and read.
  if (buffer.length > maxBytes) {
    return { ok: false, reason: 'too-large', size: buffer.length, message: `file is over the ${formatBytes(maxBytes)} limit for one file; it was not analyzed` };
  }
  const decoded = decodeText(buffer);
  if (decoded.ok) return decoded;
  if (decoded.reason === 'utf16') return { ok: false, reason: 'utf16', message: UTF16_MESSAGE, text: decoded.text };
  return { ok: false, reason: 'binary', message: 'binary file (contains NUL bytes)' };
}

/** The first `bytes` of a file as text, to decide whether an oversized file is a template at all. */
export function readPrefix(absPath: string, bytes: number): string {
  const fd = openSync(absPath, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const n = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Writes `text`, or its pieces one after the other (a report longer than one string may be). */
export function writeTextFile(path: string, text: string | Iterable<string>): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  if (typeof text === 'string') {
    writeFileSync(path, text, 'utf8');
    return;
  }
  // The first piece is made before the file is opened: a report that cannot be made leaves the
  // file as it was.
  const pieces = text[Symbol.iterator]();
  let next = pieces.next();
  const fd = openSync(path, 'w');
  try {
    for (; next.done !== true; next = pieces.next()) writeAll(fd, next.value);
  } finally {
    closeSync(fd);
  }
}

/** All of `text`: a write may take only part of it (a disk filling up says so on the next). */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
}

/**
 * Writes new text over an existing file the way it was read: `readTextFile` drops a leading
 * byte-order mark (`bom` on the SourceFile), so one is put back when the file had it. Used by
 * `fargate-warden fix --write`, never for a file read as `lossy` (see NOT_UTF8_NOT_REWRITTEN): its
 * text is not its bytes.
 */
export function rewriteTextFile(path: string, text: string, bom: boolean): void {
  writeFileSync(path, bom ? `\ufeff${text}` : text, 'utf8');
}

export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    switch (error.code) {
      case 'ENOENT': return 'no such file or directory';
      case 'EACCES':
      case 'EPERM': return 'permission denied';
      case 'EISDIR': return 'is a directory';
      case 'ELOOP': return 'too many levels of symbolic links';
      default: return error.code;
    }
  }
  return error instanceof Error ? error.message : String(error);
}

/** Directories that never hold a user's templates and can be huge (walks and git reads skip them). */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', 'dist', '.terraform', '.hg', '.svn']);

/**
 * A file asset `cdk synth` copied into a cloud assembly (`asset.<hash>.json`, beside `asset.<hash>/`
 * directories): the bytes some construct uploads, possibly a template-shaped JSON document, never
 * a stack of the app. Callers ask only in a directory holding a manifest.json, so a user's own
 * `asset.*` file elsewhere is still read.
 */
export function isAssemblyAsset(name: string): boolean {
  return name.startsWith('asset.');
}

/** File extensions that may hold a CloudFormation template or a CDK cloud-assembly file. */
export const CANDIDATE_EXTENSIONS: ReadonlySet<string> = new Set(['.json', '.yaml', '.yml', '.template']);

/**
 * The first path component from below `root` down to `abs` that is a symbolic link or leaves
 * `root`, as a report path; undefined when there is none. For files whose content comes from
 * a repository (a pull request's checkout): a link there may point anywhere on the machine,
 * such as the `.git/config` where actions/checkout keeps its token.
 */
export function linkOnPath(root: string, abs: string): string | undefined {
  const base = resolve(root);
  const target = resolve(abs);
  const rel = relative(base, target);
  if (rel === '') return undefined;
  if (leavesRoot(rel)) return reportPath(target, base);
  let current = base;
  for (const part of rel.split(sep)) {
    current = join(current, part);
    try {
      if (lstatSync(current).isSymbolicLink()) return reportPath(current, base);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Whether a path made by `path.relative` leaves the directory it is relative to. */
export function leavesRoot(rel: string): boolean {
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

/** The real path, or the path as given when it does not exist (yet). */
export function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
