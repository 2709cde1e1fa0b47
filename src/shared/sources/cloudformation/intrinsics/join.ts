import { describe, knownText, listArg } from './context.ts';
import type { Call, EvalContext, Evaluated } from './context.ts';
import { StringBuilder } from './strings.ts';

/** `Fn::Join: [delimiter, [values…]]`; the list may itself be computed (`!Ref ListParameter`). */
export const join = (ctx: EvalContext, call: Call): Evaluated => {
  const args = listArg(call);
  if (args === undefined || args.length !== 2) return ctx.invalid(call, 'Fn::Join takes [delimiter, [values]]');
  const delimiterValue = ctx.evaluate(args[0]!, call.path, call.depth + 1);
  const delimiter = typeof delimiterValue === 'symbol' ? undefined : knownText(delimiterValue);
  if (delimiter === undefined) return ctx.invalid(call, 'Fn::Join delimiter must be a literal string');
  const list = ctx.evaluateList(args[1]!, call.path, call.depth + 1);
  if (typeof list === 'symbol') return ctx.invalid(call, 'Fn::Join list is AWS::NoValue');
  if (list.kind === 'unknown') return ctx.unknown(list.reason, call.loc);
  if (list.kind !== 'array') return ctx.invalid(call, `Fn::Join takes a list of values, found ${describe(list)}`);
  const out = new StringBuilder();
  list.items.forEach((item, index) => {
    if (index > 0) out.appendText(delimiter);
    out.append(ctx, item, `Fn::Join item ${index}`);
  });
  return out.result(ctx, call.loc);
};
