import { knownText, literalString } from './context.ts';
import type { Call, EvalContext, Evaluated } from './context.ts';

/** `Fn::GetAtt: [Resource, Attribute]`, `Fn::GetAtt: Resource.Attribute`; the attribute may be computed. */
export const getAtt = (ctx: EvalContext, call: Call): Evaluated => {
  let target: string | undefined;
  let attribute: string | undefined;
  if (call.arg.kind === 'seq') {
    if (call.arg.items.length !== 2) return ctx.invalid(call, 'Fn::GetAtt takes [resource, attribute]');
    target = literalString(call.arg.items[0]!);
    const attrNode = call.arg.items[1]!;
    attribute = literalString(attrNode);
    if (attribute === undefined && attrNode.kind === 'map') {
      const value = ctx.evaluate(attrNode, call.path, call.depth + 1);
      if (typeof value === 'symbol') return ctx.invalid(call, 'Fn::GetAtt attribute is AWS::NoValue');
      attribute = knownText(value);
      if (attribute === undefined) return ctx.unknown(`Fn::GetAtt on ${target ?? '?'} with an attribute that is not known`, call.loc);
    }
  } else {
    const text = literalString(call.arg);
    const dot = text?.indexOf('.') ?? -1;
    if (text !== undefined && dot > 0) {
      target = text.slice(0, dot);
      attribute = text.slice(dot + 1);
    }
  }
  if (target === undefined || attribute === undefined || target === '' || attribute === '') {
    return ctx.invalid(call, 'Fn::GetAtt takes [resource, attribute]');
  }
  const resource = ctx.resource(target);
  if (resource === undefined) {
    const what = ctx.hasParameter(target) ? 'a parameter' : 'not a resource of this template';
    return ctx.invalid(call, `Fn::GetAtt on ${target}, which is ${what}`);
  }
  if (ctx.resourceCondition(target, call.depth + 1) === false) {
    return ctx.invalid(call, `Fn::GetAtt on ${target}, which its condition ${resource.conditionName ?? ''} excludes`);
  }
  return ctx.getAtt(target, attribute, call.loc, call.depth + 1);
};
