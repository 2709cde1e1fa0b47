import type { RValue } from '../resolved.ts';
import { arrayValue, knownText, stringValue } from './context.ts';
import type { Call, EvalContext, Evaluated } from './context.ts';

/** Regions have between two and six AZs usable by default; six placeholders cover every index a template can select. */
export const AZ_PLACEHOLDER_COUNT = 6;

/**
 * `Fn::GetAZs: ''` (or the stack's region) becomes `${AZ[0]}` … `${AZ[5]}`, so two subnets that
 * both select index 0 are known to share an AZ, and different indexes to differ. Another
 * region's AZs are named `${AZ(us-west-2)[0]}`.
 */
export const getAZs = (ctx: EvalContext, call: Call): Evaluated => {
  const regionValue = ctx.evaluate(call.arg, call.path, call.depth + 1);
  if (typeof regionValue === 'symbol') return ctx.invalid(call, 'Fn::GetAZs region is AWS::NoValue');
  let qualifier = '';
  if (regionValue.kind === 'string' && regionValue.partial === true) {
    if (regionValue.value !== '${AWS::Region}') return ctx.unknown('Fn::GetAZs of a region that is not known', call.loc);
  } else if (regionValue.kind !== 'null') {
    const region = knownText(regionValue);
    if (region === undefined) return ctx.unknown('Fn::GetAZs of a region that is not known', call.loc);
    const stackRegion = ctx.pseudo('AWS::Region');
    if (region !== '' && region !== stackRegion) qualifier = `(${region})`;
  }
  const items: RValue[] = [];
  for (let i = 0; i < AZ_PLACEHOLDER_COUNT; i++) items.push(stringValue(`\${AZ${qualifier}[${i}]}`, call.loc, true));
  return arrayValue(items, call.loc);
};
