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
 * `parseTemplate`, from a recent tree of the same file when `reparseYaml` can reuse one (of the
 * file's two most recent, the one sharing the longer prefix and suffix with `text`), or the
 * recent tree of the same text. That earlier tree counts as used, so it stays cached.
 */
export function parseTemplateReusing(file: string, text: string): ParsedTemplate | ParseFailure {
  let best: { earlier: ParsedTemplate; ends: { prefix: number; suffix: number } } | undefined;
  let compared = 0;
  for (const t of entries) {
    if (t.file !== file) continue;
    if (t.text === text) return t;
    // Comparing costs a pass over both texts. While fixes are verified, the two most recent are
    // the last fixed text's and the original's, which every fix starts from.
    if (t.format !== 'yaml' || compared === 2) continue;
    compared++;
    const ends = sharedEnds(t.text, text);
    if (best === undefined || ends.prefix + ends.suffix > best.ends.prefix + best.ends.suffix) best = { earlier: t, ends };
  }
  if (best !== undefined) {
    const reparsed = reparseYaml(best.earlier, text, best.ends);
    if (reparsed !== undefined) {
      rememberParsed(best.earlier);
      return reparsed;
    }
  }
  return parseTemplate(file, text);
}
