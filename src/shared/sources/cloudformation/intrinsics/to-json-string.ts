import type { RValue } from '../resolved.ts';
import { placeholderOf, refPlaceholder, stringValue } from './context.ts';
import type { Call, EvalContext, Evaluated } from './context.ts';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * `Fn::ToJsonString: object|list` (AWS::LanguageExtensions). Resource references become `${…}`
 * placeholders inside the JSON text, which is then a partial string.
 */
export const toJsonString = (ctx: EvalContext, call: Call): Evaluated => {
  const value = ctx.evaluate(call.arg, call.path, call.depth + 1);
  if (typeof value === 'symbol') return ctx.invalid(call, 'Fn::ToJsonString of AWS::NoValue');
  if (value.kind !== 'object' && value.kind !== 'array') return ctx.invalid(call, 'Fn::ToJsonString takes a mapping or a list');
  const state = { partial: false, refs: new Set<string>(), unknown: undefined as RValue | undefined };
  const json = toJson(value, state, 0);
  if (state.unknown !== undefined && state.unknown.kind === 'unknown') return ctx.unknown(state.unknown.reason, call.loc);
  if (json === undefined) return ctx.invalid(call, 'Fn::ToJsonString value nests too deeply');
  return stringValue(JSON.stringify(json), call.loc, state.partial, state.refs);
};

function toJson(value: RValue, state: { partial: boolean; refs: Set<string>; unknown: RValue | undefined }, depth: number): Json | undefined {
  if (depth > 100) return undefined;
  switch (value.kind) {
    case 'string':
      if (value.partial === true) {
        state.partial = true;
        for (const r of value.refs ?? []) state.refs.add(r);
      }
      return value.value;
    case 'number':
    case 'boolean':
      return value.value;
    case 'null':
      return null;
    case 'array': {
      const out: Json[] = [];
      for (const item of value.items) {
        const j = toJson(item, state, depth + 1);
        if (j === undefined) return undefined;
        out.push(j);
      }
      return out;
    }
    case 'object': {
      const out: { [key: string]: Json } = {};
      for (const [key, item] of value.entries) {
        const j = toJson(item, state, depth + 1);
        if (j === undefined) return undefined;
        out[key] = j;
      }
      return out;
    }
    case 'ref':
      state.partial = true;
      if (value.file === undefined) state.refs.add(value.target);
      return refPlaceholder(value);
    case 'unknown': {
      const placeholder = placeholderOf(value);
      if (placeholder !== undefined) {
        state.partial = true;
        return placeholder;
      }
      state.unknown ??= value;
      return null;
    }
  }
}
