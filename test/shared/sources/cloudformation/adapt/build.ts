// Builds ResolvedTemplate values from plain objects, so adapter tests do not depend on the parser
// and resolver. Encodings: `{ Ref: 'X' }` and `{ 'Fn::GetAtt': ['X', 'Attr'] }` are references,
// `{ Ref: 'AWS::Region' }` a placeholder string, `{ $unknown: 'why' }` an unknown value,
// `{ $sub: 'text ${X}', refs: ['X'] }` a partial string, `{ $import: ['file', 'X'] }` a reference into another file.
import type { Loc, ResolvedResource, ResolvedTemplate, RObject, RValue } from '../../../../../src/shared/sources/cloudformation/resolved.ts';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface ResourceSpec {
  Type: string;
  Properties?: Json;
  Metadata?: Json;
}

let offset = 0;

class Builder {
  line = 1;
  constructor(readonly file: string) {}

  loc(path: string): Loc {
    const start = offset;
    offset += 10;
    return { line: this.line++, column: 1, path, range: { start, end: start + 10 } };
  }

  value(v: Json, path: string): RValue {
    const loc = this.loc(path);
    if (v === null) return { kind: 'null', loc };
    if (typeof v === 'string') return { kind: 'string', value: v, loc };
    if (typeof v === 'number') return { kind: 'number', value: v, loc };
    if (typeof v === 'boolean') return { kind: 'boolean', value: v, loc };
    if (Array.isArray(v)) return { kind: 'array', items: v.map((item, i) => this.value(item, `${path}[${i}]`)), loc };
    if (typeof v.Ref === 'string') {
      if (v.Ref.includes('::')) return { kind: 'string', value: `\${${v.Ref}}`, partial: true, loc };
      return { kind: 'ref', target: v.Ref, loc };
    }
    const getAtt = v['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return { kind: 'ref', target: String(getAtt[0]), attribute: String(getAtt[1]), loc };
    if (typeof v.$unknown === 'string') return { kind: 'unknown', reason: v.$unknown, loc };
    if (typeof v.$sub === 'string') {
      const refs = Array.isArray(v.refs) ? v.refs.map(String) : [];
      return { kind: 'string', value: v.$sub, partial: true, refs, loc };
    }
    const imp = v.$import;
    if (Array.isArray(imp)) return { kind: 'ref', file: String(imp[0]), target: String(imp[1]), ...(imp[2] !== undefined ? { attribute: String(imp[2]) } : {}), loc };
    return this.object(v, path, loc);
  }

  object(v: { [key: string]: Json }, path: string, loc = this.loc(path)): RObject {
    const entries = new Map<string, RValue>();
    for (const [k, val] of Object.entries(v)) entries.set(k, this.value(val, `${path}.${k}`));
    return { kind: 'object', entries, loc };
  }
}

export function template(resources: Record<string, ResourceSpec>, file = 'template.yaml', extra: Partial<ResolvedTemplate> = {}): ResolvedTemplate {
  const b = new Builder(file);
  const map = new Map<string, ResolvedResource>();
  for (const [logicalId, spec] of Object.entries(resources)) {
    const loc = b.loc(`Resources.${logicalId}`);
    const props = spec.Properties;
    const properties = props !== undefined && props !== null && typeof props === 'object' && !Array.isArray(props)
      ? b.object(props, `Resources.${logicalId}.Properties`)
      : b.object({}, `Resources.${logicalId}.Properties`);
    const res: ResolvedResource = { logicalId, type: spec.Type, properties, condition: true, dependsOn: [], loc };
    if (spec.Metadata !== undefined && spec.Metadata !== null && typeof spec.Metadata === 'object' && !Array.isArray(spec.Metadata)) {
      res.metadata = b.object(spec.Metadata, `Resources.${logicalId}.Metadata`);
    }
    map.set(logicalId, res);
  }
  return { file, format: 'yaml', text: '', resources: map, exports: new Map(), unresolved: [], problems: [], ...extra };
}
