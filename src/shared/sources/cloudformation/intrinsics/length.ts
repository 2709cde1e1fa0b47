import type { Call, EvalContext, Evaluated } from './context.ts';
import { describe } from './context.ts';

/** `Fn::Length: list` (AWS::LanguageExtensions). */
export const length = (ctx: EvalContext, call: Call): Evaluated => {
  const list = ctx.evaluateList(call.arg, call.path, call.depth + 1);
  if (typeof list === 'symbol') return ctx.invalid(call, 'Fn::Length of AWS::NoValue');
  if (list.kind === 'unknown') return ctx.unknown(list.reason, call.loc);
  if (list.kind !== 'array') return ctx.invalid(call, `Fn::Length takes a list, found ${describe(list)}`);
  return { kind: 'number', value: list.items.length, loc: call.loc };
};
