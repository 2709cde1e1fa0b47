import { createHash } from 'node:crypto';

/**
 * Everything the App writes to GitHub carries a hidden marker, so the next run finds its own pull
 * requests, comments and issue again without storing state anywhere: the state is on GitHub.
 */

export const BRANCH_PREFIX = 'fargate-warden/';
export const TRAILER_GROUP = 'Fargate-Warden-Group';
export const TRAILER_FINGERPRINT = 'Fargate-Warden-Fingerprint';
export const HUMAN_COMMITS_MARKER = '<!-- fargate-warden:human-commits -->';
export const CONFIG_ISSUE_MARKER = '<!-- fargate-warden:config-error -->';
export const COMMAND_REPLY_MARKER = '<!-- fargate-warden:command-reply -->';

/** On the comment that closes a pull request, per default-branch commit: a redelivery finds it and does not say it twice. */
export function retiredMarker(sha: string): string {
  return `<!-- fargate-warden:retired ${sha} -->`;
}

export function branchFor(groupId: string): string {
  return `${BRANCH_PREFIX}${groupId}`;
}

/** The group id of a `fargate-warden/<id>` branch, or undefined for any other branch. */
export function groupIdOfBranch(branch: string): string | undefined {
  if (!branch.startsWith(BRANCH_PREFIX)) return undefined;
  const id = branch.slice(BRANCH_PREFIX.length);
  return id === '' ? undefined : id;
}

/** What the marker in a fix pull request's body says. */
export interface FixMarker {
  group: string;
  /** Fingerprint of the fix content (the group's files after the fix), see `fingerprint`. */
  fingerprint: string;
  /**
   * The files the fix changes: a scan that could not read one of them cannot tell the finding is
   * gone. Only their count when the list would not fit in a pull-request body (thousands of long
   * paths): then any file the scan could not read may be one of them (see `mayChangeAny`).
   */
  files: string[] | { count: number };
  /**
   * What the fixes change, without the rest of their files (see `fixKey`): a person who closes the
   * pull request declines this, so an unrelated edit elsewhere in a template does not offer it
   * again. Absent on markers written before it existed (the fingerprint decides then).
   */
  fix?: string;
  /** Set when the App closed the pull request itself (finding resolved by other means). */
  closedBy?: 'fargate-warden';
}

const FIX_MARKER = /<!-- fargate-warden:fix (\{[^<>]*\}) -->/;

export function renderFixMarker(marker: FixMarker): string {
  // Group ids are slugs and fingerprints hex; escaping < and > keeps the comment closed whatever they hold.
  const json = JSON.stringify(marker).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return `<!-- fargate-warden:fix ${json} -->`;
}

export function parseFixMarker(body: string | null | undefined): FixMarker | undefined {
  if (body === null || body === undefined) return undefined;
  const m = FIX_MARKER.exec(body);
  if (m === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(m[1]);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { group, fingerprint, files, fix, closedBy } = parsed as Record<string, unknown>;
    if (typeof group !== 'string' || typeof fingerprint !== 'string') return undefined;
    return {
      group,
      fingerprint,
      files: parseFiles(files),
      ...(typeof fix === 'string' ? { fix } : {}),
      ...(closedBy === 'fargate-warden' ? { closedBy } : {}),
    };
  } catch {
    return undefined;
  }
}

function parseFiles(files: unknown): FixMarker['files'] {
  if (Array.isArray(files)) return files.filter((f): f is string => typeof f === 'string');
  const count = typeof files === 'object' && files !== null ? (files as Record<string, unknown>).count : undefined;
  return typeof count === 'number' && Number.isSafeInteger(count) && count >= 0 ? { count } : [];
}

/** Whether the fix may change one of `paths`: any of them, when its marker holds only a count of its files. */
export function mayChangeAny(marker: FixMarker, paths: ReadonlySet<string>): boolean {
  return Array.isArray(marker.files) ? marker.files.some((f) => paths.has(f)) : paths.size > 0;
}

/** The marker with its list of files replaced by their count. */
export function compactFixMarker(marker: FixMarker): FixMarker {
  return Array.isArray(marker.files) ? { ...marker, files: { count: marker.files.length } } : marker;
}

/** Replaces the fix marker in a body (or appends one). */
export function withFixMarker(body: string, marker: FixMarker): string {
  const rendered = renderFixMarker(marker);
  // A function: a string would read `$&` or `$'` in a path the marker carries as a replacement pattern.
  return FIX_MARKER.test(body) ? body.replace(FIX_MARKER, () => rendered) : `${body.replace(/\s+$/, '')}\n\n${rendered}\n`;
}

/**
 * A short, stable hash of what a fix changes: every changed path and its new text, in path order.
 * Equal fingerprints mean the branch already holds exactly this fix.
 */
export function fingerprint(files: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256');
  for (const path of [...files.keys()].sort()) {
    hash.update(path);
    hash.update('\0');
    hash.update(files.get(path) ?? '');
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** The parts of a verified fix `fixKey` reads. */
interface KeyedFix {
  finding: { ruleId: string; resourceId: string };
  fix: { edits: readonly { file: string; range: { start: number; end: number }; text: string }[] };
}

/**
 * A short hash of what a group's fixes change and nothing else: for each fix its rule, its
 * resource, and each edit's file, the text it replaces and the text it writes (not its offsets,
 * which move when lines are added above it). Unlike `fingerprint`, an edit elsewhere in the same
 * template leaves it as it is. `original(path)` is the file's text before the fix. Undefined for a
 * group without fixes.
 */
export function fixKey(fixes: readonly KeyedFix[], original: (path: string) => string | undefined): string | undefined {
  if (fixes.length === 0) return undefined;
  const items = fixes
    .map((f) =>
      JSON.stringify([
        f.finding.ruleId,
        f.finding.resourceId,
        f.fix.edits.map((e) => [e.file, original(e.file)?.slice(e.range.start, e.range.end) ?? null, e.text]).sort(compareJson),
      ]),
    )
    .sort();
  return createHash('sha256').update(items.join('\n')).digest('hex').slice(0, 16);
}

function compareJson(a: unknown, b: unknown): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `Key: value` trailers from the last paragraph of a commit message. */
export function trailers(message: string): Map<string, string> {
  const paragraphs = message.replace(/\r\n/g, '\n').trimEnd().split(/\n{2,}/);
  const last = paragraphs[paragraphs.length - 1] ?? '';
  const out = new Map<string, string>();
  for (const line of last.split('\n')) {
    const m = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line.trim());
    if (m !== null) out.set(m[1], m[2].trim());
  }
  return out;
}

/** Line endings and trailing blank space do not make a body different. */
export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  const norm = (s: string | null | undefined): string => (s ?? '').replace(/\r\n/g, '\n').trimEnd();
  return norm(a) === norm(b);
}
