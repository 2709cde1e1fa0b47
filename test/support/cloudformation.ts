// Builders for CloudFormation parser/resolver tests: templates are written inline as YAML or JSON
// text, and resolved values are turned into compact plain data so tables of cases stay readable.
import assert from 'node:assert/strict';
import { parseTemplate } from '../../src/shared/sources/cloudformation/parse.ts';
import type { ParsedTemplate } from '../../src/shared/sources/cloudformation/parse.ts';
import { resolveTemplate } from '../../src/shared/sources/cloudformation/resolve.ts';
import type { ResolveOptions } from '../../src/shared/sources/cloudformation/resolve.ts';
import type { ResolvedTemplate, RValue } from '../../src/shared/sources/cloudformation/resolved.ts';

export function parsed(text: string, file = 'template.yaml'): ParsedTemplate {
  const result = parseTemplate(file, text);
  if (!result.ok) assert.fail(`expected ${file} to parse, got ${result.error.line}:${result.error.column} ${result.error.message}`);
  return result;
}

export function resolveYaml(text: string, options?: ResolveOptions, file = 'template.yaml'): ResolvedTemplate {
  return resolveTemplate(parsed(text, file), options);
}

export interface EvalSetup {
  /** Top-level YAML sections other than Resources (Parameters, Mappings, Conditions), written at column 0. */
  sections?: string;
  /** Extra resources, written at two spaces of indentation. */
  resources?: string;
  options?: ResolveOptions;
}

/**
 * Resolves `expr` (YAML flow text, e.g. `!Select [0, !GetAZs '']`) as the property `Value` of a
 * resource `Subject`, and returns it with the whole template.
 */
export function evalYaml(expr: string, setup: EvalSetup = {}): { value: RValue | undefined; template: ResolvedTemplate } {
  const text = `${setup.sections ?? ''}
Resources:
  Subject:
    Type: Test::Subject
    Properties:
      Value: ${expr}
${setup.resources ?? ''}`;
  const template = resolveYaml(text, setup.options);
  const subject = template.resources.get('Subject');
  assert.ok(subject, 'resource Subject is resolved');
  return { value: subject.properties.entries.get('Value'), template };
}

/** Plain form of `evalYaml(expr, setup).value`. */
export function evalPlain(expr: string, setup: EvalSetup = {}): unknown {
  return plain(evalYaml(expr, setup).value);
}

/**
 * Compact, comparable form of a resolved value: known strings as themselves, partial strings as
 * `~text`, references as `!Ref X` / `!GetAtt X.Y` (with ` @file` when in another file), unknowns
 * as `?reason`, and `undefined` for a removed value (AWS::NoValue).
 */
export function plain(value: RValue | undefined): unknown {
  if (value === undefined) return undefined;
  switch (value.kind) {
    case 'string':
      return value.partial === true ? `~${value.value}` : value.value;
    case 'number':
    case 'boolean':
      return value.value;
    case 'null':
      return null;
    case 'array':
      return value.items.map(plain);
    case 'object':
      return Object.fromEntries([...value.entries].map(([k, v]) => [k, plain(v)]));
    case 'ref': {
      const base = value.attribute === undefined ? `!Ref ${value.target}` : `!GetAtt ${value.target}.${value.attribute}`;
      return value.file === undefined ? base : `${base} @${value.file}`;
    }
    case 'unknown':
      return `?${value.reason}`;
  }
}

/** Navigates a resolved resource's properties by a path like `NetworkConfiguration.Subnets[1]`. */
export function propertyAt(template: ResolvedTemplate, logicalId: string, path: string): RValue | undefined {
  const resource = template.resources.get(logicalId);
  if (resource === undefined) return undefined;
  let current: RValue | undefined = resource.properties;
  for (const part of path.split(/\.|(?=\[)/)) {
    if (current === undefined) return undefined;
    const index = /^\[(\d+)\]$/.exec(part);
    if (index !== null) current = current.kind === 'array' ? current.items[Number(index[1])] : undefined;
    else current = current.kind === 'object' ? current.entries.get(part) : undefined;
  }
  return current;
}

export function problemMessages(template: ResolvedTemplate): string[] {
  return template.problems.map((p) => p.message);
}
