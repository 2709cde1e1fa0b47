import { parseTemplate, type ParsedTemplate, type ParseFailure } from './parse.ts';
import { reparseYaml, sharedEnds } from './reparse.ts';

/**
 * The templates parsed most recently, so code that needs the position-keeping tree after the
 * model is built (fix builders splicing edits into the text) does not parse the same text twice,
 * and a text that differs from a recent one in a few resources (a fix being verified) is parsed
 * from it (see reparse.ts). A memo of a pure function: the tree for a (file, text) pair is always
 * the same. Several texts of one file are kept, so verifying many fixes of one file keeps reusing
 * the tree of the file as it was.
 */
const MAX_ENTRIES = 8;
/** Most recently used first. */
const entries: ParsedTemplate[] = [];

export function rememberParsed(template: ParsedTemplate): void {
  const at = entries.findIndex((t) => t.file === template.file && t.text === template.text);
  if (at !== -1) entries.splice(at, 1);
  entries.unshift(template);
  if (entries.length > MAX_ENTRIES) entries.length = MAX_ENTRIES;
}

/** The parsed tree of exactly this text, when it was parsed recently. */
export function recallParsed(file: string, text: string): ParsedTemplate | undefined {
  return entries.find((t) => t.file === file && t.text === text);
}

/**
 * `parseTemplate`, from a recent tree of the same file when there is one that `reparseYaml` can
 * reuse (the one sharing the longest prefix and suffix with `text`), or the recent tree of the
 * same text. That earlier tree counts as used, so it stays cached.
 */
export function parseTemplateReusing(file: string, text: string): ParsedTemplate | ParseFailure {
  let best: ParsedTemplate | undefined;
  let bestShared = -1;
  for (const t of entries) {
    if (t.file !== file || t.format !== 'yaml') continue;
    if (t.text === text) return t;
    const { prefix, suffix } = sharedEnds(t.text, text);
    const shared = prefix + suffix;
    if (shared > bestShared) {
      best = t;
      bestShared = shared;
    }
  }
  if (best !== undefined) {
    const reparsed = reparseYaml(best, text);
    if (reparsed !== undefined) {
      rememberParsed(best);
      return reparsed;
    }
  }
  return parseTemplate(file, text);
}
