import type { ParsedTemplate } from './parse.ts';

/**
 * The templates parsed most recently, so code that needs the position-keeping tree after the
 * model is built (fix builders splicing edits into the text) does not parse the same text twice.
 * A memo of a pure function: the tree for a (file, text) pair is always the same.
 */
const MAX_ENTRIES = 8;
const entries = new Map<string, ParsedTemplate>();

export function rememberParsed(template: ParsedTemplate): void {
  const key = template.file;
  entries.delete(key);
  entries.set(key, template);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
}

/** The parsed tree of exactly this text, when it was parsed recently. */
export function recallParsed(file: string, text: string): ParsedTemplate | undefined {
  const hit = entries.get(file);
  return hit !== undefined && hit.text === text ? hit : undefined;
}
