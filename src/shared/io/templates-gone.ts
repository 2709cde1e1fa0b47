import type { SourceFile } from '../sources/types.ts';
import type { InputError, SkippedFile } from './files.ts';
import { belowRootOf } from '../diff/root.ts';

/**
 * Pure (no I/O), beside the readers whose `skipped` lists it reads, so that the CLI's `diff` and
 * the Action's pull-request review judge a template gone on one side the same way.
 */

/** A side of a diff as read: what templatesGone needs of it. */
export interface ReadSide {
  /** How the side is named in messages: a path, a revision, `work tree`. */
  label: string;
  files: readonly SourceFile[];
  /** The directory all its paths start with, when the two sides are different trees (see DiffSide.root). */
  root?: string;
}

/**
 * Walks skip files that are no template without a word, as a tree holds many. But where the other
 * side has a template at the same path (below each side's root), the file is that template turned
 * into something else (truncated, overwritten by binary output): skipped, its services would read
 * as removed (or added) and their findings as resolved (or new). As an input error of this side
 * instead, the comparison leaves them not compared, as for a template that does not parse.
 * Returns those errors, for the caller to add to `side`'s.
 */
export function templatesGone(side: { root?: string; errors?: readonly { file: string }[] }, skipped: readonly SkippedFile[], other: ReadSide, otherName: 'base' | 'head'): InputError[] {
  if (skipped.length === 0) return [];
  const templates = new Set(other.files.map((f) => belowRootOf(other.root, f.path)));
  // The reader may have said so already (a template its cloud assembly lists, see assemblyGaps).
  const reported = new Set((side.errors ?? []).map((e) => e.file));
  const errors: InputError[] = [];
  for (const file of skipped) {
    if (!templates.has(belowRootOf(side.root, file.file)) || reported.has(file.file)) continue;
    const consequence = otherName === 'base'
      ? 'what the template declared is not compared (not counted as removed); restore the template, or delete the file if the stack is gone'
      : `what head's template declares is not compared (its services not counted as added; its findings still count as new, as nothing shows they were there before); run \`fargate-warden scan\` on head to review it`;
    errors.push({ file: file.file, line: 1, message: `${file.is}, where ${otherName} (${other.label}) has a CloudFormation template: ${consequence}` });
  }
  return errors;
}
