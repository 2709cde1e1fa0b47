import type { Intrinsic } from './context.ts';
import { base64 } from './base64.ts';
import { cidr } from './cidr.ts';
import { findInMap } from './find-in-map.ts';
import { getAtt } from './get-att.ts';
import { getAZs } from './get-azs.ts';
import { fnIf } from './if.ts';
import { importValue } from './import-value.ts';
import { join } from './join.ts';
import { length } from './length.ts';
import { ref } from './ref.ts';
import { select } from './select.ts';
import { split } from './split.ts';
import { sub } from './sub.ts';
import { toJsonString } from './to-json-string.ts';
import { transform } from './transform.ts';

/** Value-producing intrinsics. Condition functions (Fn::Equals, Fn::And, …) live in ../conditions.ts. */
export const INTRINSICS: ReadonlyMap<string, Intrinsic> = new Map<string, Intrinsic>([
  ['Ref', ref],
  ['Fn::GetAtt', getAtt],
  ['Fn::Sub', sub],
  ['Fn::Join', join],
  ['Fn::Select', select],
  ['Fn::Split', split],
  ['Fn::If', fnIf],
  ['Fn::FindInMap', findInMap],
  ['Fn::GetAZs', getAZs],
  ['Fn::ImportValue', importValue],
  ['Fn::Base64', base64],
  ['Fn::Cidr', cidr],
  ['Fn::Length', length],
  ['Fn::ToJsonString', toJsonString],
  ['Fn::Transform', transform],
]);

export const CONDITION_FUNCTIONS: ReadonlySet<string> = new Set(['Fn::Equals', 'Fn::Not', 'Fn::And', 'Fn::Or']);
