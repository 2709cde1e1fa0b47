import type { RValue } from '../resolved.ts';
import type { PNode } from '../parse.ts';
import { NO_VALUE, describe, literalString, stringValue } from './context.ts';
import type { Call, EvalContext, Evaluated } from './context.ts';
import { isPseudoParameter, pseudoValue, refByName } from './ref.ts';
import { StringBuilder } from './strings.ts';

/**
 * `Fn::Sub: 'text ${Name} ${Res.Attr} ${!Literal}'` and `Fn::Sub: [text, { Name: value }]`.
 * A template that is exactly one `${X}` yields X's value itself (an `RRef` for a resource), so
 * `!Sub '${Bucket}'` is as good as `!Ref Bucket`.
 */
export const sub = (ctx: EvalContext, call: Call): Evaluated => {
  let template: string | undefined;
  let variables = new Map<string, PNode>();
  if (call.arg.kind === 'seq') {
    const [textNode, varsNode, ...rest] = call.arg.items;
    if (textNode === undefined || rest.length > 0) return ctx.invalid(call, 'Fn::Sub takes a string or [string, { variables }]');
    template = literalString(textNode);
    if (varsNode !== undefined) {
      if (varsNode.kind !== 'map') return ctx.invalid(call, 'Fn::Sub variables must be a mapping');
      variables = new Map(varsNode.entries.map((e) => [e.key, e.value]));
    }
  } else {
    template = literalString(call.arg);
  }
  if (template === undefined) return ctx.invalid(call, 'Fn::Sub takes a literal string (it cannot be computed)');

  const cache = new Map<string, Evaluated>();
  const resolveName = (name: string): Evaluated => {
    const cached = cache.get(name);
    if (cached !== undefined) return cached;
    const value = lookup(ctx, call, name, variables);
    cache.set(name, value);
    return value;
  };

  const whole = /^\$\{([^!}][^}]*)\}$/.exec(template);
  if (whole !== null) {
    const value = resolveName(whole[1]!.trim());
    if (typeof value === 'symbol') return ctx.invalid(call, `Fn::Sub variable ${whole[1]} is AWS::NoValue`);
    if (value.kind === 'string' || value.kind === 'ref' || value.kind === 'unknown') return ctx.relocate(value, call.loc);
    if (value.kind === 'number' || value.kind === 'boolean') return stringValue(String(value.value), call.loc);
    return ctx.invalid(call, `Fn::Sub variable ${whole[1]} is ${describe(value)}, not a string`);
  }

  const out = new StringBuilder();
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('${', i);
    if (open === -1) break;
    out.appendText(template.slice(i, open));
    const close = template.indexOf('}', open + 2);
    if (close === -1) {
      ctx.problem(call.loc, 'Fn::Sub has an unclosed ${');
      out.appendText(template.slice(open));
      i = template.length;
      break;
    }
    const inner = template.slice(open + 2, close);
    if (inner.startsWith('!')) {
      // `${!Literal}` is written out as `${Literal}`; it stays literal text, not a placeholder.
      out.appendText(`\${${inner.slice(1)}}`);
    } else {
      const name = inner.trim();
      const value = resolveName(name);
      if (typeof value === 'symbol') {
        ctx.problem(call.loc, `Fn::Sub variable ${name} is AWS::NoValue`);
        return ctx.unknown(`Fn::Sub variable ${name} is AWS::NoValue`, call.loc);
      }
      if (!out.append(ctx, value, `Fn::Sub variable ${name}`)) return out.result(ctx, call.loc);
    }
    i = close + 1;
  }
  if (i < template.length) out.appendText(template.slice(i));
  return out.result(ctx, call.loc);
};

function lookup(ctx: EvalContext, call: Call, name: string, variables: Map<string, PNode>): Evaluated {
  const variable = variables.get(name);
  if (variable !== undefined) return ctx.evaluate(variable, call.path, call.depth + 1);
  if (isPseudoParameter(name)) {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (name === 'AWS::NotificationARNs') return ctx.unknown('AWS::NotificationARNs is set at deployment', call.loc);
    return pseudoValue(ctx, name, call);
  }
  const dot = name.indexOf('.');
  if (dot > 0 && !ctx.hasParameter(name)) {
    const target = name.slice(0, dot);
    const attribute = name.slice(dot + 1);
    if (ctx.resource(target) !== undefined) {
      if (ctx.resourceCondition(target, call.depth + 1) === false) {
        return ctx.invalid(call, `Fn::Sub refers to ${target}, which its condition excludes`);
      }
      return ctx.getAtt(target, attribute, call.loc, call.depth + 1);
    }
  }
  if (ctx.hasParameter(name) || ctx.resource(name) !== undefined) return refByName(ctx, name, call);
  ctx.problem(call.loc, `Fn::Sub refers to \${${name}}, which is not a variable, parameter, resource or pseudo parameter`);
  return placeholderUnknown(ctx, call, name);
}

function placeholderUnknown(ctx: EvalContext, call: Call, name: string): RValue {
  return ctx.unknown(`Fn::Sub refers to undefined \${${name}}`, call.loc, `\${${name}}`);
}
