import type { Loc, RString, RValue } from '../resolved.ts';
import { arrayValue, describe, foreignRefsOf, knownText, listArg, setForeignRefs, stringValue } from './context.ts';
import type { Call, EvalContext, Evaluated } from './context.ts';
import { tokenizePartial } from './strings.ts';
import type { StringToken } from './strings.ts';

/**
 * Splitting a partial string is sound only when the delimiter cannot occur inside the value of
 * any of its placeholders (nor straddle one). These placeholders have values drawn from a known
 * alphabet; no character of the delimiter may belong to it.
 */
const SAFE_PLACEHOLDERS: [RegExp, RegExp][] = [
  [/^\$\{AWS::(Region|Partition)\}$/, /^[a-z0-9-]$/],
  [/^\$\{AWS::AccountId\}$/, /^[0-9]$/],
  [/^\$\{AZ(\([a-z0-9-]+\))?\[\d+\]\}$/, /^[a-z0-9-]$/],
];
/** Resource IDs, names and ARNs never contain these, so lists joined with them split back safely. */
const RESOURCE_VALUE_EXCLUDES = /^[,;|\s]$/;

/** `Fn::Split: [delimiter, source]`. */
export const split = (ctx: EvalContext, call: Call): Evaluated => {
  const args = listArg(call);
  if (args === undefined || args.length !== 2) return ctx.invalid(call, 'Fn::Split takes [delimiter, string]');
  const delimiterValue = ctx.evaluate(args[0]!, call.path, call.depth + 1);
  const delimiter = typeof delimiterValue === 'symbol' ? undefined : knownText(delimiterValue);
  if (delimiter === undefined || delimiter === '') return ctx.invalid(call, 'Fn::Split delimiter must be a non-empty literal string');
  const source = ctx.evaluate(args[1]!, call.path, call.depth + 1);
  if (typeof source === 'symbol') return ctx.invalid(call, 'Fn::Split source is AWS::NoValue');
  if (source.kind === 'unknown') return ctx.unknown(source.reason, call.loc);
  // A role's ARN has a known form around its name: CDK splits it back to the name (`Role.fromRoleArn`).
  const spelled = source.kind === 'ref' && source.attribute === 'Arn' && source.file === undefined ? ctx.roleArn(source.target, source.loc) : undefined;
  if (source.kind === 'ref' && spelled === undefined) return ctx.unknown(`Fn::Split of ${source.attribute === undefined ? source.target : `${source.target}.${source.attribute}`}, which is known only after deployment`, call.loc);
  if (source.kind === 'number') return arrayValue([stringValue(String(source.value), call.loc)], call.loc);
  const text = spelled ?? source;
  if (text.kind !== 'string') return ctx.invalid(call, `Fn::Split takes a string, found ${describe(text)}`);
  const result = splitString(text, delimiter, call.loc, false, (target) => (ctx.resource(target)?.type === 'AWS::IAM::Role' ? IAM_NAME_EXCLUDES : undefined));
  return typeof result === 'string' ? ctx.unknown(result, call.loc) : result;
};

/** Characters no IAM role name has (names are `[\w+=,.@-]`): a role's name splits out of its ARN on `:` and `/`. */
const IAM_NAME_EXCLUDES = /^[:/;|\s]$/;

/**
 * Splits a (possibly partial) string. Pieces that are exactly one resource placeholder become
 * references again. Returns the reason when the split cannot be known.
 */
export function splitString(
  source: RString,
  delimiter: string,
  loc: Loc,
  trim: boolean,
  /** For a resource whose Ref value (a name) never holds some characters: those characters. */
  nameExcludes: (target: string) => RegExp | undefined = () => undefined,
): RValue | string {
  if (source.partial !== true) {
    const pieces = source.value === '' && trim ? [] : source.value.split(delimiter);
    return arrayValue(pieces.map((piece): RValue => stringValue(trim ? piece.trim() : piece, loc)), loc);
  }
  const local = new Set(source.refs ?? []);
  const foreign = foreignRefsOf(source);
  const foreignSet = new Set(foreign?.refs ?? []);
  const tokens = tokenizePartial(source.value);
  for (const token of tokens) {
    if (!token.placeholder) continue;
    const target = placeholderTarget(token.text);
    const isResource = target !== undefined && (local.has(target.target) || foreignSet.has(target.target));
    if (!isResource && !placeholderExcludes(token.text, delimiter)) {
      return `Fn::Split on "${delimiter}" of a string holding ${token.text}, whose value may contain it`;
    }
    const excludes = isResource && target.attribute === undefined && local.has(target.target) ? nameExcludes(target.target) ?? RESOURCE_VALUE_EXCLUDES : RESOURCE_VALUE_EXCLUDES;
    if (isResource && ![...delimiter].every((ch) => excludes.test(ch))) {
      return `Fn::Split on "${delimiter}" of a string holding ${token.text}, whose value may contain it`;
    }
  }
  const items = splitTokens(tokens, delimiter).map((raw): RValue => {
    const piece = trim ? raw.trim() : raw;
    const target = placeholderTarget(piece);
    if (target !== undefined && local.has(target.target)) return { kind: 'ref', ...target, loc };
    if (target !== undefined && foreignSet.has(target.target)) return { kind: 'ref', ...target, file: foreign!.file, loc };
    const partial = tokenizePartial(piece).some((t) => t.placeholder);
    if (!partial) return stringValue(piece, loc);
    const kept = (source.refs ?? []).filter((r) => mentions(piece, r));
    const s = stringValue(piece, loc, true, kept);
    return foreign === undefined ? s : setForeignRefs(s, { file: foreign.file, refs: foreign.refs.filter((r) => mentions(piece, r)) });
  });
  return arrayValue(items, loc);
}

function mentions(text: string, logicalId: string): boolean {
  return text.includes(`\${${logicalId}}`) || text.includes(`\${${logicalId}.`);
}

/** `${Target}` → { target }, `${Target.Attr}` → { target, attribute }; anything else → undefined. */
function placeholderTarget(text: string): { target: string; attribute?: string } | undefined {
  const m = /^\$\{([A-Za-z0-9]+)(?:\.([^}]+))?\}$/.exec(text);
  if (m === null) return undefined;
  return m[2] === undefined ? { target: m[1]! } : { target: m[1]!, attribute: m[2] };
}

function placeholderExcludes(placeholder: string, delimiter: string): boolean {
  for (const [name, alphabet] of SAFE_PLACEHOLDERS) {
    if (name.test(placeholder)) return [...delimiter].every((ch) => !alphabet.test(ch));
  }
  return false;
}

function splitTokens(tokens: StringToken[], delimiter: string): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const token of tokens) {
    if (token.placeholder) {
      current += token.text;
      continue;
    }
    const parts = token.text.split(delimiter);
    current += parts[0];
    for (const part of parts.slice(1)) {
      pieces.push(current);
      current = part;
    }
  }
  pieces.push(current);
  return pieces;
}
