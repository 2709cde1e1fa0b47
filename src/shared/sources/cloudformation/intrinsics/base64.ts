import type { Call, EvalContext, Evaluated } from './context.ts';

/**
 * `Fn::Base64` is transparent: what matters for review (user data, scripts) is the text before
 * encoding, and consumers never need the encoded form.
 */
export const base64 = (ctx: EvalContext, call: Call): Evaluated => ctx.evaluate(call.arg, call.path, call.depth + 1);
