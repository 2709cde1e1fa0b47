import { NO_VALUE, literalString, sameValue } from './context.ts';
import type { Call, EvalContext, Evaluated } from './context.ts';
import type { RValue } from '../resolved.ts';

/**
 * `Fn::If: [condition, whenTrue, whenFalse]`. When the condition cannot be decided the result is
 * unknown, with both branches kept as its `choice`, unless both come out the same (then the
 * condition does not matter).
 */
export const fnIf = (ctx: EvalContext, call: Call): Evaluated => {
  const args = call.arg.kind === 'seq' ? call.arg.items : undefined;
  if (args === undefined || args.length !== 3) return ctx.invalid(call, 'Fn::If takes [condition, value if true, value if false]');
  const name = literalString(args[0]!);
  if (name === undefined) return ctx.invalid(call, 'Fn::If takes the name of a condition');
  const decided = ctx.condition(name, ctx.locOf(args[0]!, call.path), call.depth + 1);
  if (decided === true) return ctx.evaluate(args[1]!, call.path, call.depth + 1);
  if (decided === false) return ctx.evaluate(args[2]!, call.path, call.depth + 1);
  const whenTrue = ctx.evaluate(args[1]!, call.path, call.depth + 1);
  const whenFalse = ctx.evaluate(args[2]!, call.path, call.depth + 1);
  if (whenTrue === NO_VALUE || whenFalse === NO_VALUE) {
    if (whenTrue === whenFalse) return NO_VALUE;
  } else if (sameValue(whenTrue, whenFalse)) {
    return whenTrue;
  }
  const unknown = ctx.unknown(`condition ${name} cannot be decided from the files`, call.loc);
  const valueOf = (branch: typeof whenTrue): RValue | undefined => (branch === NO_VALUE ? undefined : branch);
  unknown.choice = { on: name, outcomes: [{ key: true, value: valueOf(whenTrue) }, { key: false, value: valueOf(whenFalse) }] };
  return unknown;
};
