import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../src/shared/model/index.ts';
import { diffTextLines } from '../src/shared/fixes/unified-diff.ts';
import { escapeMarkdown } from '../src/shared/render/escape.ts';
import { docsUrl } from '../src/shared/rules/types.ts';
import { SEVERITIES } from '../src/shared/model/index.ts';
import type { AnnotationProperties } from './core.ts';
import type { PullFile } from './github.ts';

/** Lines the pull request adds or changes, by path: line number (head side) → its text. */
export type ChangedLines = Map<string, Map<number, string>>;

/** Reads the `+` lines of each file's unified diff (the PR files API's `patch`). */
export function changedLinesFromPatches(files: readonly PullFile[]): ChangedLines {
  const out: ChangedLines = new Map();
  for (const file of files) {
    if (file.patch === undefined || file.status === 'removed') continue;
    const lines = new Map<number, string>();
    let next = 0;
    for (const raw of file.patch.split('\n')) {
      const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
      if (hunk !== null) {
        next = Number(hunk[1]);
        continue;
      }
      if (next === 0) continue;
      const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (text.startsWith('+')) lines.set(next++, text.slice(1));
      else if (text.startsWith(' ') || text === '') next++;
      // '-' lines are not in the head; '\ No newline at end of file' is not a line.
    }
    out.set(file.filename, lines);
  }
  return out;
}

/** A line of the work tree as the pull request's head commit numbers it; undefined when the head has no such line. */
export type HeadLines = (file: string, line: number) => number | undefined;

/**
 * How the head commit numbers the lines of a file of the merge checkout (actions/checkout's default
 * on `pull_request`): GitHub shows annotations and review comments on the head commit, and the
 * merge numbers a line lower for every line the base branch added above it since the pull request
 * branched off. A line the base branch added or changed is not in the head: undefined.
 */
export function headLineMap(mergeText: string, headText: string): (line: number) => number | undefined {
  if (mergeText === headText) return (line) => line;
  // Index: the merge's line number; value: the head's, 0 where the head has no such line.
  const headNumbers = new Uint32Array(mergeText.split('\n').length + 1);
  for (const op of diffTextLines(mergeText, headText)) if (op.kind === ' ') headNumbers[op.oldNo] = op.newNo;
  return (line) => (headNumbers[line] || undefined);
}

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export const ANNOTATION_LEVEL: Record<Severity, AnnotationLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
  info: 'notice',
};

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  properties: AnnotationProperties;
}

/** GitHub shows at most 10 annotations of each level per step; the rest would be dropped silently. */
export const ANNOTATIONS_PER_LEVEL = 10;

/**
 * Annotations for new findings, those on changed lines first, then by severity, at most
 * ANNOTATIONS_PER_LEVEL of each level less what the step's other annotations of that level take
 * (`taken`: input errors, a warning, the failure). `left` is what did not fit: the comment and
 * summary list it.
 */
export function planAnnotations(findings: readonly Finding[], changed: ChangedLines | undefined, taken: Partial<Record<AnnotationLevel, number>> = {}): { annotations: Annotation[]; left: Finding[] } {
  const onChanged = (f: Finding): boolean => changed?.get(f.file)?.has(f.line) ?? false;
  const sorted = [...findings].sort(
    (a, b) =>
      Number(onChanged(b)) - Number(onChanged(a)) ||
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      cmp(a.file, b.file) ||
      a.line - b.line ||
      cmp(a.ruleId, b.ruleId),
  );
  const used: Record<AnnotationLevel, number> = { error: taken.error ?? 0, warning: taken.warning ?? 0, notice: taken.notice ?? 0 };
  const annotations: Annotation[] = [];
  const left: Finding[] = [];
  for (const f of sorted) {
    const level = ANNOTATION_LEVEL[f.severity];
    if (used[level] >= ANNOTATIONS_PER_LEVEL) {
      left.push(f);
      continue;
    }
    used[level]++;
    annotations.push({
      level,
      message: `${f.message}\nHow to fix: ${docsUrl(f.ruleId)}`,
      properties: {
        title: `fargate-warden ${f.ruleId} (${f.severity})${f.service === undefined ? '' : ` on ${f.service}`}`,
        ...(f.file === '' ? {} : { file: f.file }),
        ...(f.line > 0 ? { startLine: f.line } : {}),
      },
    });
  }
  return { annotations, left };
}

const SUGGESTION_MARKER = 'fargate-warden:suggestion';

export interface Suggestion {
  /** Stable across runs, kept in the comment's marker so a suggestion is posted once. */
  key: string;
  path: string;
  line: number;
  body: string;
}

/**
 * Review suggestions for findings whose fix changes one line of a file this pull request changed,
 * on that line. `headFiles` are the files analyzed (the merge checkout on `pull_request`), and
 * `headLines` says how the head commit numbers their lines; the text of the line must equal what
 * the pull request's diff shows there, so a suggestion never lands on a shifted line.
 * `repositoryPath` says how GitHub names a report path (see repositoryPathOf), as the pull request's
 * changed lines and review comments do; a file it has no name for gets none.
 */
export function planSuggestions(
  findings: readonly Finding[],
  headFiles: ReadonlyMap<string, string>,
  changed: ChangedLines,
  headLines?: HeadLines,
  repositoryPath: (reportPath: string) => string | undefined = (path) => path,
): Suggestion[] {
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    const edits = f.fix?.edits ?? [];
    if (f.fix === undefined || edits.length === 0) continue;
    const file = edits[0].file;
    if (edits.some((e) => e.file !== file)) continue;
    const text = headFiles.get(file);
    const path = repositoryPath(file);
    if (text === undefined || path === undefined) continue;
    const start = Math.min(...edits.map((e) => e.range.start));
    const end = Math.max(...edits.map((e) => e.range.end));
    if (start < 0 || end > text.length || edits.some((e) => e.range.start > e.range.end)) continue;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (end > lineEnd) continue; // more than one line: the fix engine's pull requests carry those
    const original = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    // The pull request's patches number lines as its head does (see headLineMap).
    const line = headLines === undefined ? countLines(text, lineStart) : headLines(file, countLines(text, lineStart));
    if (line === undefined || changed.get(path)?.get(line) !== original) continue;
    let replaced = text.slice(lineStart, lineEnd);
    const sorted = [...edits].sort((a, b) => b.range.start - a.range.start);
    if (sorted.some((e, i) => i > 0 && e.range.end > sorted[i - 1].range.start)) continue; // overlapping edits
    for (const e of sorted) replaced = replaced.slice(0, e.range.start - lineStart) + e.text + replaced.slice(e.range.end - lineStart);
    replaced = replaced.replace(/\r$/, '');
    if (replaced === original) continue;
    const key = createHash('sha256').update([f.ruleId, f.cdkPath ?? f.resource, f.service ?? '', f.message, path, replaced].join('\0')).digest('hex').slice(0, 16);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ key, path, line, body: suggestionBody(f, f.fix.title, f.fix.explanation, replaced, key) });
  }
  return out;
}

function suggestionBody(f: Finding, title: string, explanation: string, replacement: string, key: string): string {
  const longestRun = Math.max(2, ...[...replacement.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  return [
    `<!-- ${SUGGESTION_MARKER} ${key} -->`,
    `**fargate-warden [${f.ruleId}](${docsUrl(f.ruleId)})** (${f.severity}): ${escapeMarkdown(f.message)}`,
    '',
    `${escapeMarkdown(title)}${explanation === '' ? '' : ` — ${escapeMarkdown(explanation)}`}`,
    '',
    `${fence}suggestion`,
    replacement,
    fence,
    '',
  ].join('\n');
}

/** Keys of the suggestions already on the pull request. */
export function postedSuggestionKeys(comments: readonly { body: string }[]): Set<string> {
  const keys = new Set<string>();
  const re = new RegExp(`<!-- ${SUGGESTION_MARKER} ([0-9a-f]+) -->`, 'g');
  for (const c of comments) for (const m of c.body.matchAll(re)) keys.add(m[1]);
  return keys;
}

function countLines(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
