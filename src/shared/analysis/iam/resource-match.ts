/**
 * IAM resource pattern matching. ARNs in policies are globs: `*` any run of characters (`:` and
 * `/` included), `?` one character, `${…}` a policy variable or an unresolved template
 * placeholder (the value is not known here), and the escapes `${*}`, `${?}`, `${$}` for the
 * literal characters. Matching is case-sensitive, as IAM matches ARNs.
 *
 * A granted resource may itself be a pattern (`arn:aws:s3:::bucket/*`), so the questions are
 * about sets of ARNs: does one pattern cover every ARN another may denote, and can two patterns
 * denote a common ARN.
 */

type Token =
  | { k: 'lit'; c: string }
  | { k: 'one' }
  | { k: 'star' }
  | { k: 'var'; name: string };

const STAR: Token = { k: 'star' };
const ONE: Token = { k: 'one' };

const tokenCache = new Map<string, Token[]>();
const TOKEN_CACHE_LIMIT = 20_000;

function tokens(pattern: string): Token[] {
  const hit = tokenCache.get(pattern);
  if (hit !== undefined) return hit;
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      // Consecutive stars denote the same set as one; collapsing keeps the tables small.
      if (out.length === 0 || out[out.length - 1].k !== 'star') out.push(STAR);
    } else if (c === '?') {
      out.push(ONE);
    } else if (c === '$' && pattern[i + 1] === '{') {
      const end = pattern.indexOf('}', i + 2);
      if (end === -1) {
        out.push({ k: 'lit', c });
        continue;
      }
      const name = pattern.slice(i + 2, end);
      if (name === '*' || name === '?' || name === '$') out.push({ k: 'lit', c: name });
      else out.push({ k: 'var', name });
      i = end;
    } else {
      out.push({ k: 'lit', c });
    }
  }
  if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
  tokenCache.set(pattern, out);
  return out;
}

function isPlain(s: string): boolean {
  return !s.includes('*') && !s.includes('?') && !s.includes('${');
}

/**
 * True when `pattern` matches every ARN `resource` may denote (for a plain ARN: when it matches
 * that ARN). Sound, not complete: a true answer is always right, a false one may miss exotic
 * coverings (e.g. `a?*` covering `a*?`). Placeholders in `resource` are covered only by a `*`
 * or by the same placeholder in `pattern`, because their value is unknown.
 */
export function resourceMatches(pattern: string, resource: string): boolean {
  if (pattern === '*' || pattern === resource) return true;
  if (isPlain(pattern)) return false;
  const p = tokens(pattern);
  const r = tokens(resource);
  const n = p.length;
  const m = r.length;
  // covers[i][j]: p[i..] covers r[j..]; filled from the end, one row at a time.
  let next = new Uint8Array(m + 1);
  next[m] = 1;
  for (let i = n - 1; i >= 0; i--) {
    const row = new Uint8Array(m + 1);
    const t = p[i];
    for (let j = m; j >= 0; j--) {
      if (t.k === 'star') {
        row[j] = next[j] === 1 || (j < m && row[j + 1] === 1) ? 1 : 0;
      } else if (j === m) {
        row[j] = 0;
      } else {
        const u = r[j];
        let ok: boolean;
        if (t.k === 'one') ok = u.k === 'lit' || u.k === 'one';
        else if (t.k === 'lit') ok = u.k === 'lit' && u.c === t.c;
        else ok = u.k === 'var' && u.name === t.name;
        row[j] = ok && next[j + 1] === 1 ? 1 : 0;
      }
    }
    next = row;
  }
  return next[0] === 1;
}

/**
 * True when some ARN may match both patterns. Placeholders count as `*` (their value could be
 * anything), so this over-approximates, which is what a "might this matter" question wants.
 */
export function resourcesOverlap(a: string, b: string): boolean {
  if (a === '*' || b === '*' || a === b) return true;
  if (isPlain(a) && isPlain(b)) return false;
  const x = tokens(a).map(varAsStar);
  const y = tokens(b).map(varAsStar);
  return productReachable(x.length, y.length, (i, j, push) => {
    const s = i < x.length ? x[i] : undefined;
    const t = j < y.length ? y[j] : undefined;
    if (s?.k === 'star') push(i + 1, j);
    if (t?.k === 'star') push(i, j + 1);
    if (s === undefined || t === undefined) return;
    if (s.k === 'star' && t.k !== 'star') push(i, j + 1);
    else if (t.k === 'star' && s.k !== 'star') push(i + 1, j);
    else if (s.k !== 'star' && t.k !== 'star' && charsCompatible(s, t)) push(i + 1, j + 1);
  });
}

/**
 * Whether the end state (n, m) of a product of two automata over positions 0..n and 0..m is
 * reachable from (0, 0), `step` naming each state's successors. Iterative, so long ARNs cannot
 * exhaust the stack; each state is visited once.
 */
function productReachable(n: number, m: number, step: (i: number, j: number, push: (i: number, j: number) => void) => void): boolean {
  const seen = new Uint8Array((n + 1) * (m + 1));
  const stack: number[] = [0];
  seen[0] = 1;
  const push = (i: number, j: number): void => {
    const key = i * (m + 1) + j;
    if (seen[key] === 0) {
      seen[key] = 1;
      stack.push(key);
    }
  };
  while (stack.length > 0) {
    const key = stack.pop() as number;
    const i = Math.floor(key / (m + 1));
    const j = key % (m + 1);
    if (i === n && j === m) return true;
    step(i, j, push);
  }
  return false;
}

function varAsStar(t: Token): Token {
  return t.k === 'var' ? STAR : t;
}

function charsCompatible(a: Token, b: Token): boolean {
  if (a.k === 'one' || b.k === 'one') return true;
  return a.k === 'lit' && b.k === 'lit' && a.c === b.c;
}


/**
 * What text a variable of an ARN format can stand for: `segment` takes no `:` or `/`, `name` no
 * `:`, `any` anything.
 */
type VariableText = 'segment' | 'name' | 'any';

/**
 * A token of a resource type's ARN format in the IAM catalog: a literal character, or one
 * character of a variable (`${BucketName}`), then any more of them.
 */
type FormatToken = { k: 'lit'; c: string } | { k: 'first' | 'more'; text: VariableText };

const formatTokenCache = new Map<string, FormatToken[]>();

/**
 * Variables whose values AWS's naming rules keep free of `:` (and, for `segment`, of `/`), by
 * service, in the ARN IAM checks. The partition, region and account fields of every ARN are
 * segments too (and may be empty: AWS-owned SSM documents have no account). A variable not listed
 * may hold anything:
 * - S3 object keys, DynamoDB stream labels (timestamps) and Bedrock model IDs contain colons;
 * - IAM paths may hold any printable character, `:` included (`role/team:a/app`), and a
 *   format that says `role/${RoleName}` still meets roles with a path;
 * - the log group ARN IAM checks for most Logs actions ends in `:*` (`log-group:/ecs/app:*`);
 * - `sns:Publish` also publishes to platform endpoints (`endpoint/GCM/app/id`), a type the
 *   catalog lists only as a topic.
 * Guessing narrower would drop real grants.
 */
const VARIABLE_TEXT: Readonly<Record<string, Readonly<Record<string, VariableText>>>> = {
  s3: { BucketName: 'segment' },
  sqs: { QueueName: 'segment' },
  secretsmanager: { SecretId: 'name' },
  ecr: { RepositoryName: 'name' },
  kms: { KeyId: 'segment', Alias: 'name' },
  dynamodb: { TableName: 'segment', IndexName: 'segment', GlobalTableName: 'segment', BackupName: 'segment' },
  ssm: { ParameterNameWithoutLeadingSlash: 'name' },
};

function variableText(service: string, name: string): VariableText {
  return VARIABLE_TEXT[service]?.[name] ?? 'any';
}

/** Everything: a format this reader does not understand is taken to match any ARN. */
const ANY_ARN: FormatToken[] = [{ k: 'more', text: 'any' }];

function formatTokens(format: string): FormatToken[] {
  const hit = formatTokenCache.get(format);
  if (hit !== undefined) return hit;
  const service = format.split(':', 3)[2] ?? '';
  let out: FormatToken[] = [];
  let colons = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '$' && format[i + 1] === '{') {
      const end = format.indexOf('}', i + 2);
      if (end !== -1) {
        if (colons === 3) {
          // The region: one segment, never empty where the format names one. An ARN without a
          // region (`arn:aws:s3:::bucket`) is of a format that writes none; otherwise the bucket
          // placeholder of `arn:aws:s3:::${Bucket}/*` could read `accesspoint`, as if region and
          // account were empty in `arn:aws:s3:<region>:<account>:accesspoint/x`.
          out.push({ k: 'first', text: 'segment' }, { k: 'more', text: 'segment' });
        } else if (colons === 4 && format.slice(i - 2, i) === '::') {
          // The account of a format without a region (`arn:aws:s3::${Account}:accesspoint/…`, IAM):
          // never empty either, for the same reason.
          out.push({ k: 'first', text: 'segment' }, { k: 'more', text: 'segment' });
        } else if (colons < 5) {
          // Partition, account: one segment, possibly empty (AWS-owned SSM documents and public
          // parameters have a region and no account).
          out.push({ k: 'more', text: 'segment' });
        } else {
          const text = variableText(service, format.slice(i + 2, end));
          out.push({ k: 'first', text }, { k: 'more', text });
        }
        i = end;
        continue;
      }
    }
    // A few formats write a wildcard (`…:task:*`, `braket:*:*:device/…`): any text there.
    if (c === '*') {
      out.push({ k: 'more', text: 'any' });
      continue;
    }
    // One writes a variable without the `$` (`{Date-and-Time-Stamp-of-Backup}`): not guessed at.
    if (c === '{' || c === '}') {
      out = ANY_ARN;
      break;
    }
    if (c === ':') colons++;
    out.push({ k: 'lit', c });
  }
  if (formatTokenCache.size >= TOKEN_CACHE_LIMIT) formatTokenCache.clear();
  formatTokenCache.set(format, out);
  return out;
}

/**
 * True unless no ARN of the catalog's `format` (`arn:${Partition}:s3:::${BucketName}`) can match
 * the policy resource `pattern`: then a statement on that resource cannot grant an action that
 * acts only on this type. It errs towards true: placeholders in the pattern match anything,
 * letters match in any case, and a variable matches any text its naming rules do not exclude.
 */
export function patternMayMatchFormat(pattern: string, format: string): boolean {
  if (pattern === '*') return true;
  const x = tokens(pattern).map(placeholderAsStar);
  const y = formatTokens(format);
  return productReachable(x.length, y.length, (i, j, push) => {
    const s = i < x.length ? x[i] : undefined;
    const t = j < y.length ? y[j] : undefined;
    // Empty matches: a star of the pattern, the optional rest of a variable.
    if (s?.k === 'star' || s?.k === 'segmentStar') push(i + 1, j);
    if (t?.k === 'more') push(i, j + 1);
    if (s === undefined || t === undefined || !sameCharacterPossible(s, t)) return;
    // One character taken by both; stars and a variable's rest may take more.
    const ni = s.k === 'star' || s.k === 'segmentStar' ? i : i + 1;
    const nj = t.k === 'more' ? j : j + 1;
    if (ni !== i || nj !== j) push(ni, nj);
  });
}

/** A pattern token, with `${AWS::Region}`-like placeholders as runs of characters of one ARN segment. */
type PatternToken = Token | { k: 'segmentStar' };

const SEGMENT_STAR: PatternToken = { k: 'segmentStar' };

/**
 * Pseudo parameters that stand for one ARN segment: they hold no `:` or `/`; and the mark
 * arn-forms' segmentsMarked gives names and IDs that hold none either (SEGMENT_VALUE).
 */
const SEGMENT_PLACEHOLDERS = new Set(['AWS::Partition', 'AWS::Region', 'AWS::AccountId', 'fargate-warden:segment']);

function placeholderAsStar(t: Token): PatternToken {
  if (t.k !== 'var') return t;
  return SEGMENT_PLACEHOLDERS.has(t.name) ? SEGMENT_STAR : STAR;
}

function sameCharacterPossible(s: PatternToken, t: FormatToken): boolean {
  if (s.k === 'segmentStar') return t.k !== 'lit' || (t.c !== ':' && t.c !== '/');
  if (s.k !== 'lit') return true;
  if (t.k === 'lit') return s.c.toLowerCase() === t.c.toLowerCase();
  if (s.c === ':') return t.text === 'any';
  return s.c !== '/' || t.text !== 'segment';
}
