import type { RValue } from '../resolved.ts';
import { NO_VALUE, PSEUDO_PARAMETERS, literalString, stringValue } from './context.ts';
import type { Call, EvalContext, Evaluated, PseudoParameter, StringPseudoParameter } from './context.ts';

/**
 * Pseudo parameters that are not supplied stay as `${AWS::Region}`-style partial strings, so
 * that `!Sub com.amazonaws.${AWS::Region}.ecr.api` and `!Select [0, !GetAZs '']` keep their
 * shape and equal placeholders compare equal. `AWS::Partition` is treated the same way (it is
 * `aws-cn` or `aws-us-gov` outside the commercial partition); consumers comparing ARNs should
 * accept `${AWS::Partition}` where they expect `aws`.
 */
export function pseudoValue(ctx: EvalContext, name: StringPseudoParameter, call: Call): RValue {
  const supplied = ctx.pseudo(name);
  return supplied !== undefined ? stringValue(supplied, call.loc) : stringValue(`\${${name}}`, call.loc, true);
}

export function isPseudoParameter(name: string): name is PseudoParameter {
  return (PSEUDO_PARAMETERS as readonly string[]).includes(name);
}

export const ref = (ctx: EvalContext, call: Call): Evaluated => {
  const name = literalString(call.arg);
  if (name === undefined) return ctx.invalid(call, 'Ref takes the name of a parameter or resource');
  return refByName(ctx, name, call);
};

export function refByName(ctx: EvalContext, name: string, call: Call): Evaluated {
  if (isPseudoParameter(name)) {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (name === 'AWS::NotificationARNs') return ctx.unknown('AWS::NotificationARNs is set at deployment', call.loc);
    return pseudoValue(ctx, name, call);
  }
  const parameter = ctx.parameter(name, call.loc, call.depth + 1);
  if (parameter !== undefined) return parameter;
  const resource = ctx.resource(name);
  if (resource !== undefined) {
    if (ctx.resourceCondition(name, call.depth + 1) === false) {
      return ctx.invalid(call, `Ref to ${name}, which its condition ${resource.conditionName ?? ''} excludes`);
    }
    return { kind: 'ref', target: name, loc: call.loc };
  }
  if (name.startsWith('AWS::')) return ctx.invalid(call, `Ref to unknown pseudo parameter ${name}`);
  return ctx.invalid(call, `Ref to ${name}, which is neither a parameter nor a resource of this template`);
}
