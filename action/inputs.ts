import { FAIL_ON_VALUES, type FailOn } from '../src/shared/config/types.ts';

const COMMENT_MODES = ['update', 'new', 'off'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

/** What a comment key may hold: it is written into an HTML comment and compared literally. */
const COMMENT_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/;

/** What action.yml declares, parsed and checked. Every name here is an input in action.yml. */
export interface ActionInputs {
  /** Files or directories relative to the workspace; empty means the whole repository. */
  paths: string[];
  /** Config file relative to the workspace; undefined means `.github/fargate-warden.yml` when present. */
  config?: string;
  /** Undefined: the config file's `failOn`, else `none`. */
  failOn?: FailOn;
  comment: CommentMode;
  /**
   * Tells this step's sticky comment apart from another fargate-warden step's on the same pull
   * request (a matrix over stacks, two workflows); undefined: the one comment without a key.
   */
  commentKey?: string;
  /** Delete the sticky comment (and post none) when the pull request changes nothing fargate-warden reviews. */
  deleteIfUnchanged: boolean;
  /** Offer one-line fixes as review suggestions on changed lines. */
  suggestions: boolean;
  sarifFile?: string;
  token: string;
  /** Synthesized CDK cloud assemblies of the base and the head, relative to the workspace. */
  cdkOut?: { base: string; head: string };
}

export class InputError extends Error {}

/**
 * Reads and checks every input; all problems are reported together, each naming its input and
 * the values it accepts, so one failed run tells the user everything to fix.
 */
export function readInputs(getInput: (name: string) => string): ActionInputs {
  const problems: string[] = [];
  const text = (name: string): string => getInput(name).trim();

  const failOnText = text('fail-on').toLowerCase();
  let failOn: FailOn | undefined;
  if (failOnText !== '') {
    if ((FAIL_ON_VALUES as readonly string[]).includes(failOnText)) failOn = failOnText as FailOn;
    else problems.push(`fail-on must be one of ${FAIL_ON_VALUES.join(', ')} (got "${failOnText}")`);
  }

  const commentText = text('comment').toLowerCase() || 'update';
  let comment: CommentMode = 'update';
  if ((COMMENT_MODES as readonly string[]).includes(commentText)) comment = commentText as CommentMode;
  else problems.push(`comment must be one of ${COMMENT_MODES.join(', ')} (got "${commentText}")`);

  const commentKey = text('comment-key');
  if (commentKey !== '' && !COMMENT_KEY.test(commentKey)) {
    problems.push(`comment-key must be 1 to 100 letters, digits, '.', '_', '/' or '-', starting with a letter or digit (got "${commentKey}")`);
  }

  const bool = (name: string, fallback: boolean): boolean => {
    const value = text(name).toLowerCase();
    if (value === '') return fallback;
    if (value === 'true') return true;
    if (value === 'false') return false;
    problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  };
  const deleteIfUnchanged = bool('delete-if-unchanged', false);
  const suggestions = bool('suggestions', true);

  const token = text('github-token');
  if (token === '') problems.push('github-token is empty; leave it unset to use the workflow token (github.token), or pass a token with `pull-requests: write`');

  let cdkOut: ActionInputs['cdkOut'];
  const cdkText = text('cdk-out');
  if (cdkText !== '') {
    const parsed = parseCdkOut(cdkText);
    if (typeof parsed === 'string') problems.push(parsed);
    else cdkOut = parsed;
  }

  if (problems.length > 0) throw new InputError(`invalid input${problems.length > 1 ? 's' : ''}: ${problems.join('; ')}`);
  const config = text('config');
  const sarifFile = text('sarif-file');
  return {
    paths: list(getInput('paths')),
    ...(config === '' ? {} : { config }),
    ...(failOn === undefined ? {} : { failOn }),
    comment,
    ...(commentKey === '' ? {} : { commentKey }),
    deleteIfUnchanged,
    suggestions,
    ...(sarifFile === '' ? {} : { sarifFile }),
    token,
    ...(cdkOut === undefined ? {} : { cdkOut }),
  };
}

/** Comma- or newline-separated, blanks dropped. */
export function list(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** `base=cdk.out.base,head=cdk.out` (commas or newlines between the two pairs); an error message otherwise. */
export function parseCdkOut(value: string): { base: string; head: string } | string {
  const pairs: Record<string, string> = {};
  for (const item of list(value)) {
    const eq = item.indexOf('=');
    const key = eq < 0 ? '' : item.slice(0, eq).trim().toLowerCase();
    const dir = eq < 0 ? '' : item.slice(eq + 1).trim();
    if ((key !== 'base' && key !== 'head') || dir === '') {
      return `cdk-out must be "base=<dir>,head=<dir>" (the synthesized cloud assemblies of the base and the head commit), got "${item}"`;
    }
    if (pairs[key] !== undefined) return `cdk-out names ${key} twice`;
    pairs[key] = dir;
  }
  if (pairs.base === undefined || pairs.head === undefined) {
    return `cdk-out needs both base=<dir> and head=<dir> (got ${Object.keys(pairs).join(' and ') || 'neither'})`;
  }
  return { base: pairs.base, head: pairs.head };
}
