import type { PNode } from '../sources/cloudformation/parse.ts';

/**
 * A template value to write: what a fix builder wants in the file, independent of JSON or YAML.
 * Intrinsics are written in their long form (`{ Ref: 'X' }`, `{ 'Fn::GetAtt': ['X', 'Arn'] }`);
 * the YAML writer turns them into short tags (`!Ref X`, `!GetAtt X.Arn`).
 */
export type CfnValue = string | number | boolean | null | CfnValue[] | CfnObject;

export interface CfnObject {
  [key: string]: CfnValue;
}

export function ref(logicalId: string): CfnObject {
  return { Ref: logicalId };
}

export function getAtt(logicalId: string, attribute: string): CfnObject {
  return { 'Fn::GetAtt': [logicalId, attribute] };
}

export function sub(template: string): CfnObject {
  return { 'Fn::Sub': template };
}

export function isCfnObject(v: CfnValue | undefined): v is CfnObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keys that make a one-entry mapping an intrinsic function call. */
export function isIntrinsicKey(key: string): boolean {
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::');
}

/** A one-entry object whose key is `Ref`, `Condition` or `Fn::…`. */
export function isIntrinsicValue(v: CfnValue | undefined): v is CfnObject {
  if (!isCfnObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && isIntrinsicKey(keys[0]);
}

/** A parsed node as a value to write elsewhere: short tags come back as long-form intrinsics. */
export function nodeToValue(node: PNode): CfnValue {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(nodeToValue);
    case 'map': {
      // `!GetAtt A.B` is parsed into a two-item list whose items share the scalar's text.
      const only = node.entries.length === 1 ? node.entries[0] : undefined;
      if (only !== undefined && only.key === 'Fn::GetAtt' && only.value.kind === 'scalar' && typeof only.value.value === 'string') {
        const text = only.value.value;
        const dot = text.indexOf('.');
        return dot > 0 ? getAtt(text.slice(0, dot), text.slice(dot + 1)) : { 'Fn::GetAtt': text };
      }
      const out: CfnObject = {};
      for (const e of node.entries) out[e.key] = nodeToValue(e.value);
      return out;
    }
  }
}

/**
 * A string two values share exactly when sameValue holds for them: key order ignored, `'443'` and
 * `443` alike. For checking many values against many in one pass, where sameValue would compare
 * every pair.
 */
export function valueKey(v: CfnValue): string {
  if (typeof v === 'string' || typeof v === 'number') return JSON.stringify(String(v));
  if (typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return `[${v.map(valueKey).join(',')}]`;
  return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${valueKey(v[k]!)}`).join(',')}}`;
}

/** Structural equality of two values (key order ignored), for "is this already there?" checks. */
export function sameValue(a: CfnValue, b: CfnValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameValue(x, b[i]));
  }
  if (isCfnObject(a) && isCfnObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
  }
  // `'443'` and `443` are the same to CloudFormation.
  if ((typeof a === 'string' || typeof a === 'number') && (typeof b === 'string' || typeof b === 'number')) return String(a) === String(b);
  return false;
}
