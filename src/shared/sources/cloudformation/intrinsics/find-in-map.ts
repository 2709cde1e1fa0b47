import type { RValue } from '../resolved.ts';
import type { PNode } from '../parse.ts';
import { fingerprintHash } from '../../../analysis/fingerprint.ts';
import { knownText, listArg, placeholderOf, refPlaceholder, sameValue } from './context.ts';
import type { Call, EvalContext, Evaluated } from './context.ts';

/**
 * `Fn::FindInMap: [MapName, TopKey, SecondKey]`, with the AWS::LanguageExtensions fourth
 * argument `{ DefaultValue: x }`. A key that cannot be known (typically `${AWS::Region}`) still
 * gives a value when every entry it could select agrees on it; a deployment that selects a
 * missing entry fails, so missing entries are not candidates (unless a default stands in).
 */
export const findInMap = (ctx: EvalContext, call: Call): Evaluated => {
  const args = listArg(call);
  if (args === undefined || args.length < 3 || args.length > 4) return ctx.invalid(call, 'Fn::FindInMap takes [map, top-level key, second-level key]');
  let defaultNode: PNode | undefined;
  if (args.length === 4) {
    const options = args[3]!;
    defaultNode = options.kind === 'map' ? options.entries.find((e) => e.key === 'DefaultValue')?.value : undefined;
    if (defaultNode === undefined) return ctx.invalid(call, 'Fn::FindInMap fourth argument must be { DefaultValue: value }');
  }
  const keys: (string | undefined)[] = [];
  let topValue: RValue | undefined;
  for (const [i, node] of args.slice(0, 3).entries()) {
    const value = ctx.evaluate(node, call.path, call.depth + 1);
    if (typeof value === 'symbol') return ctx.invalid(call, 'Fn::FindInMap key is AWS::NoValue');
    if (i === 1) topValue = value;
    keys.push(knownText(value));
  }
  const [mapName, topKey, secondKey] = keys;
  if (mapName === undefined) return ctx.unknown('Fn::FindInMap on a mapping whose name is not known', call.loc);
  const mapping = ctx.mapping(mapName);
  if (mapping === undefined) return ctx.invalid(call, `Fn::FindInMap on ${mapName}, which is not in Mappings`);
  if (mapping.kind !== 'map') return ctx.invalid(call, `mapping ${mapName} is not a mapping`);

  // A key from a parameter with AllowedValues selects only those (a deployment with another fails).
  const chooser = topKey === undefined && topValue !== undefined ? keyChooser(topValue) : undefined;
  // Sets: a template may list thousands of allowed values and keys, and every lookup on the parameter asks.
  const allowedValues = chooser === undefined || !ctx.hasParameter(chooser) ? undefined : ctx.allowedValues(chooser);
  const allowed = allowedValues === undefined ? undefined : new Set(allowedValues);
  const tops = topKey !== undefined ? mapping.entries.filter((e) => e.key === topKey) : mapping.entries.filter((e) => allowed === undefined || allowed.has(e.key));
  const topKeys = new Set(tops.map((e) => e.key));
  if (tops.length === 0 && defaultNode === undefined) return ctx.invalid(call, `mapping ${mapName} has no key ${topKey ?? '(any)'}`);
  const chosen: { top: string; node: PNode }[] = [];
  let missing = tops.length === 0 || (allowed !== undefined && allowed.size > topKeys.size);
  for (const top of tops) {
    if (top.value.kind !== 'map') return ctx.invalid(call, `mapping ${mapName}.${top.key} is not a mapping`);
    const seconds = secondKey !== undefined ? top.value.entries.filter((e) => e.key === secondKey) : top.value.entries;
    if (seconds.length === 0) {
      missing = true;
      if (defaultNode !== undefined && topKey === undefined) chosen.push({ top: top.key, node: defaultNode });
    }
    for (const second of seconds) chosen.push({ top: top.key, node: second.value });
  }
  if (missing && defaultNode !== undefined) {
    // An allowed key the mapping lacks selects the default; so does a key that is not known at all.
    const absent = allowed === undefined ? [] : [...allowed].filter((key) => !topKeys.has(key));
    for (const key of absent) chosen.push({ top: key, node: defaultNode });
    if (absent.length === 0 && !chosen.some((c) => c.node === defaultNode)) chosen.push({ top: '', node: defaultNode });
  }
  if (chosen.length === 0) {
    const where = topKey === undefined ? `${mapName}.*` : `${mapName}.${topKey}`;
    return ctx.invalid(call, `mapping ${where} has no key ${secondKey ?? '(unknown)'}`);
  }
  const values: RValue[] = [];
  for (const { node } of chosen) {
    const value = ctx.evaluate(node, call.path, call.depth + 1);
    if (typeof value === 'symbol') return ctx.invalid(call, 'mapping values cannot be AWS::NoValue');
    values.push(value);
  }
  const first = values[0]!;
  if (values.every((v) => sameValue(v, first))) return ctx.relocate(first, call.loc);
  const which = topKey === undefined ? 'top-level key' : 'second-level key';
  const unknown = ctx.unknown(`Fn::FindInMap ${mapName} with a ${which} that is not known, and entries that differ (${candidatesText(values)})`, call.loc);
  // One value per top-level key the parameter may take: a multi-way choice, as an undecided Fn::If is a two-way one.
  const perKey = chosen.every((c) => c.top !== '');
  if (chooser !== undefined && secondKey !== undefined && perKey && chosen.length <= MAX_ALTERNATIVES) {
    unknown.choice = { on: chooser, outcomes: chosen.map((c, i) => ({ key: c.top, value: values[i]! })) };
  }
  return unknown;
};

/** Most top-level keys read as a choice; a bigger mapping (every region of a partition) is read as unknown. */
const MAX_ALTERNATIVES = 16;

/**
 * What the files leave a map key to: a parameter without a value (`${Env}`), or a pseudo
 * parameter not supplied (`${AWS::Region}`); undefined when the key is made of more than that.
 */
function keyChooser(key: RValue): string | undefined {
  const written = key.kind === 'unknown' ? placeholderOf(key) : key.kind === 'string' && key.partial === true ? key.value : undefined;
  return written === undefined ? undefined : /^\$\{([A-Za-z0-9:]+)\}$/.exec(written)?.[1];
}

/** Longest candidate list written out in a reason; a longer one is counted and fingerprinted. */
const MAX_CANDIDATES_TEXT = 160;

/**
 * The values a key that is not known may select, for the reason: so that editing the mapping
 * changes the reason, and a diff sees that the value changed (two equal reasons read as the same
 * value). Written out when short; otherwise a count and a fingerprint of them all.
 */
function candidatesText(values: readonly RValue[]): string {
  const texts = [...new Set(values.map((v) => valueText(v, 0)))].sort();
  const joined = texts.join(', ');
  if (joined.length <= MAX_CANDIDATES_TEXT) return `one of: ${joined}`;
  return `${texts.length} values, fingerprint ${fingerprintHash(joined)}`;
}

function valueText(v: RValue, depth: number): string {
  if (depth > 16) return '…';
  switch (v.kind) {
    case 'string': return v.value;
    case 'number':
    case 'boolean': return String(v.value);
    case 'null': return 'null';
    case 'array': return `[${v.items.map((item) => valueText(item, depth + 1)).join(', ')}]`;
    case 'object': return `{${[...v.entries].map(([k, item]) => `${k}: ${valueText(item, depth + 1)}`).join(', ')}}`;
    case 'ref': return refPlaceholder(v);
    case 'unknown': return `(${v.reason})`;
  }
}
