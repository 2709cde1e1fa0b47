import type { Call, EvalContext, Evaluated } from './context.ts';
import { literalString } from './context.ts';

/** Macros (`Fn::Transform`, `AWS::Include`) run inside CloudFormation; their output cannot be known here. */
export const transform = (ctx: EvalContext, call: Call): Evaluated => {
  const nameNode = call.arg.kind === 'map' ? call.arg.entries.find((e) => e.key === 'Name')?.value : undefined;
  const name = nameNode !== undefined ? literalString(nameNode) : undefined;
  return ctx.unknown(`Fn::Transform ${name ?? ''} runs at deployment`.replace('  ', ' '), call.loc);
};
