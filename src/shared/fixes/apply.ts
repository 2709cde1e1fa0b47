import type { Edit } from '../model/index.ts';
import type { ApplyResult } from './types.ts';

/**
 * The one applier: sorts edits per file by position, applies every edit that does not overlap one
 * applied before it, and sets the others aside with a reason (the ESLint way: a later run can
 * apply them to the new text). Everything outside the applied ranges is kept byte-for-byte.
 *
 * - Edits are ordered by start, then end, then their order in `edits` (so insertions at one
 *   point come out in the order the fixes gave them).
 * - Two insertions at the same point, or an insertion at either end of a replaced range, do not
 *   overlap. An edit that starts inside a range an earlier edit replaces does.
 * - An edit identical to one already applied (same file, range and text: two findings producing
 *   the same change) is applied once and counts as applied.
 * - An edit whose file is not in `files`, or whose range falls outside its text, is rejected.
 */
export function applyEdits(files: Map<string, string>, edits: Edit[]): ApplyResult {
  const rejected: ApplyResult['rejected'] = [];
  const byFile = new Map<string, { edit: Edit; order: number }[]>();
  edits.forEach((edit, order) => {
    const text = files.get(edit.file);
    if (text === undefined) {
      rejected.push({ edit, reason: `${edit.file} is not among the files being changed` });
      return;
    }
    const { start, end } = edit.range;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) {
      rejected.push({ edit, reason: `range ${start}-${end} is outside ${edit.file} (${text.length} characters)` });
      return;
    }
    const list = byFile.get(edit.file) ?? [];
    list.push({ edit, order });
    byFile.set(edit.file, list);
  });

  const out = new Map<string, string>();
  const applied: Edit[] = [];
  for (const [file, list] of byFile) {
    list.sort((a, b) => a.edit.range.start - b.edit.range.start || a.edit.range.end - b.edit.range.end || a.order - b.order);
    const text = files.get(file) as string;
    const parts: string[] = [];
    let cursor = 0;
    let last: Edit | undefined;
    const done = new Set<string>();
    for (const { edit } of list) {
      const key = `${edit.range.start}:${edit.range.end}:${edit.text}`;
      if (done.has(key)) {
        applied.push(edit);
        continue;
      }
      const { start, end } = edit.range;
      if (last !== undefined && start < cursor) {
        rejected.push({ edit, reason: `overlaps another edit at ${last.range.start}-${last.range.end} of ${file}` });
        continue;
      }
      parts.push(text.slice(cursor, start), edit.text);
      cursor = end;
      last = edit;
      done.add(key);
      applied.push(edit);
    }
    parts.push(text.slice(cursor));
    if (done.size > 0) out.set(file, parts.join(''));
  }
  return { files: out, applied, rejected };
}

/** Whether any two of the edits overlap (identical edits do not). */
export function editsOverlap(edits: Edit[]): boolean {
  const files = new Map<string, string>();
  for (const e of edits) files.set(e.file, ' '.repeat(Math.max(e.range.end, files.get(e.file)?.length ?? 0)));
  return applyEdits(files, edits).rejected.length > 0;
}
