import { knownText } from './context.ts';
import type { Call, EvalContext, Evaluated } from './context.ts';

/** `Fn::ImportValue: name`; the value comes from another scanned template's export when there is one. */
export const importValue = (ctx: EvalContext, call: Call): Evaluated => {
  const nameValue = ctx.evaluate(call.arg, call.path, call.depth + 1);
  if (typeof nameValue === 'symbol') return ctx.invalid(call, 'Fn::ImportValue name is AWS::NoValue');
  const name = knownText(nameValue);
  if (name !== undefined) return ctx.importValue(name, call.loc);
  const shown = nameValue.kind === 'string' ? nameValue.value : nameValue.kind === 'unknown' ? '(unknown name)' : '(computed name)';
  return ctx.unknown(`Fn::ImportValue ${shown}`, call.loc, importPlaceholder(shown));
}

/** `${Import:name}`, with the name's own `${…}` defused so the placeholder stays one token. */
export function importPlaceholder(name: string): string {
  return `\${Import:${name.replace(/\$\{/g, '$(').replace(/\}/g, ')')}}`;
}
