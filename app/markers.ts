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
  /** The files the fix changes: a scan that could not read one of them cannot tell the finding is gone. */
  files: string[];
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
    const { group, fingerprint, files, closedBy } = parsed as Record<string, unknown>;
    if (typeof group !== 'string' || typeof fingerprint !== 'string') return undefined;
    const paths = Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string') : [];
    return closedBy === 'fargate-warden' ? { group, fingerprint, files: paths, closedBy } : { group, fingerprint, files: paths };
  } catch {
    return undefined;
  }
}

/** Replaces the fix marker in a body (or appends one). */
export function withFixMarker(body: string, marker: FixMarker): string {
  const rendered = renderFixMarker(marker);
  return FIX_MARKER.test(body) ? body.replace(FIX_MARKER, rendered) : `${body.replace(/\s+$/, '')}\n\n${rendered}\n`;
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
