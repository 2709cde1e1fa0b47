import { knownText, listArg, placeholderOf, setForeignRefs, stringValue } from './context.ts';
import type { Call, EvalContext, Evaluated } from './context.ts';

/** `Fn::Select: [index, list]`. */
export const select = (ctx: EvalContext, call: Call): Evaluated => {
  const args = listArg(call);
  if (args === undefined || args.length !== 2) return ctx.invalid(call, 'Fn::Select takes [index, list]');
  const indexValue = ctx.evaluate(args[0]!, call.path, call.depth + 1);
  if (typeof indexValue === 'symbol') return ctx.invalid(call, 'Fn::Select index is AWS::NoValue');
  if (indexValue.kind === 'unknown') return ctx.unknown(indexValue.reason, call.loc);
  const indexText = knownText(indexValue);
  const index = indexText !== undefined && /^\d+$/.test(indexText.trim()) ? Number(indexText) : undefined;
  if (index === undefined) return ctx.invalid(call, 'Fn::Select index must be a non-negative integer');
  const list = ctx.evaluateList(args[1]!, call.path, call.depth + 1);
  if (typeof list === 'symbol') return ctx.invalid(call, 'Fn::Select list is AWS::NoValue');
  if (list.kind === 'unknown') {
    // Item i of a named unknown list is itself a stable name: `${Subnets}` → `${Subnets[0]}`.
    const placeholder = placeholderOf(list);
    const itemPlaceholder = placeholder !== undefined && placeholder.endsWith('}') ? `${placeholder.slice(0, -1)}[${index}]}` : undefined;
    return ctx.unknown(list.reason, call.loc, itemPlaceholder);
  }
  if (list.kind === 'ref') {
    // A list-valued attribute (`!GetAtt Vpc.Ipv6CidrBlocks`): item i is known by name only.
    const name = list.attribute === undefined ? list.target : `${list.target}.${list.attribute}`;
    const item = stringValue(`\${${name}[${index}]}`, call.loc, true, list.file === undefined ? [list.target] : undefined);
    return list.file === undefined ? item : setForeignRefs(item, { file: list.file, refs: [list.target] });
  }
  if (list.kind !== 'array') return ctx.invalid(call, 'Fn::Select takes a list');
  const item = list.items[index];
  if (item === undefined) return ctx.invalid(call, `Fn::Select index ${index} is out of range for a list of ${list.items.length}`);
  // An item of a list written out in the call is located where it is written; a computed one, at the call.
  return args[1]!.kind === 'seq' ? item : ctx.relocate(item, call.loc);
};
