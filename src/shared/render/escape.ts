/**
 * Escaping for strings that came from templates (logical IDs, service names, messages quoting
 * them) before they go into GitHub-flavoured markdown: a PR comment or job summary must show
 * them as text and nothing else. HTML is entity-encoded, markdown punctuation backslash-escaped,
 * table pipes escaped, line breaks flattened, and @mentions / #123 and GH-123 references / bare URLs broken
 * with a zero-width space so a template cannot ping people, cross-link issues or plant links.
 */
const ZWSP = '&#8203;';

/** Longest template string kept by default; a hostile template must not blow the comment size budget. */
export const DEFAULT_MAX_CHARS = 1000;

/**
 * Escapes one string for any markdown context (paragraph, list item, table cell, link text).
 * Takes exactly one argument so it can be passed to `Array.prototype.map` directly; use
 * `truncate` first for a tighter length.
 */
export function escapeMarkdown(input: string): string {
  let s = truncate(flatten(input), DEFAULT_MAX_CHARS);
  s = s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Every ASCII punctuation mark that can start or end markdown syntax, including `$` (math) and `|` (table cells).
    .replace(/[\\`*_{}[\]()#+\-!|~^$=:]/g, '\\$&')
    // `1. ` at the start of a cell or list item would start an ordered list.
    .replace(/^(\d+)\./, '$1\\.');
  return s
    .replace(/@/g, `@${ZWSP}`)
    .replace(/\\#(?=\d)/g, `\\#${ZWSP}`)
    // GitHub links `GH-123` to issue 123 after the markdown is read, escaped or not.
    .replace(/\b(GH\\-)(?=\d)/gi, `$1${ZWSP}`)
    .replace(/\\:\/\//g, `\\:${ZWSP}//`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`);
}

/**
 * An inline code span: backticks cannot be escaped inside one, so the fence is made longer than
 * any backtick run in the text; mentions and markdown are inert inside. HTML tags and autolinks
 * bind tighter than code spans (`<a href="`">` is a tag), so text with `<` is escaped instead.
 */
export function codeSpan(input: string): string {
  const s = truncate(flatten(input), DEFAULT_MAX_CHARS);
  return s.includes('<') ? escapeMarkdown(s) : fence(s);
}

/** A code span for a table cell: GFM splits cells on `|` even inside code, so pipes are escaped. */
export function tableCodeSpan(input: string): string {
  const s = truncate(flatten(input), DEFAULT_MAX_CHARS);
  return s.includes('<') ? escapeMarkdown(s) : fence(s.replace(/\|/g, '\\|'));
}

function fence(s: string): string {
  const longestRun = Math.max(0, ...(s.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || s.startsWith(' ') ? ' ' : '';
  return s === '' ? '` `' : `${fence}${pad}${s}${pad}${fence}`;
}

/** A repository-relative path as a link target: each segment percent-encoded, parentheses too. */
export function escapeLinkTarget(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/**
 * Cuts a name to `max` characters by taking out its middle: names that share a long start (CDK
 * construct paths, `orders-prod-eu-west-1-…`) differ at the end, and cutting the end would make
 * different services read alike.
 */
export function truncateMiddle(input: string, max: number): string {
  if (input.length <= max) return input;
  const keep = Math.max(0, max - 1);
  const head = Math.ceil(keep / 2);
  const tail = keep - head;
  // Only the ends are split into code points (a template string may be megabytes long); each
  // takes at most two UTF-16 units per code point, and a pair the slice cuts falls outside.
  const start = [...input.slice(0, 2 * max)];
  if (input.length <= 2 * max && start.length <= max) return input;
  const end = tail === 0 ? [] : [...input.slice(-2 * tail)].slice(-tail);
  return `${start.slice(0, head).join('')}…${end.join('')}`;
}

/** Cuts text to `max` characters, ending with `…`, without splitting a surrogate pair. */
export function truncate(input: string, max: number): string {
  const chars = [...input];
  if (chars.length <= max) return input;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * Characters that show nothing but can reorder or hide what is shown: soft hyphen, bidi marks,
 * embeddings, overrides and isolates (U+061C, U+200E/F, U+202A–E, U+2066–9), zero-width and
 * invisible operators (U+200B–D, U+2060–4, U+180E), Hangul fillers, variation selectors, the
 * byte-order mark, and tag characters (U+E0000–E007F, which can spell hidden text).
 */
// Variation selectors are matched on their own here, which is the point.
// eslint-disable-next-line no-misleading-character-class
export const INVISIBLE = /[\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufe00-\ufe0f\ufeff\uffa0]|\udb40[\udc00-\udc7f\udd00-\uddef]/g;

/** Line breaks (including U+2028/9) and other control characters become single spaces; invisible ones go. */
function flatten(input: string): string {
  // eslint-disable-next-line no-control-regex
  return input.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(INVISIBLE, '');
}
