// Builders for model values in tests: rule and analysis tests build Infra directly (no parsing),
// so each test reads like the rule's specification. Extend by adding functions; do not change signatures.
import type { Attr, Entity, EntityRef, Infra, RefList, SourceRef } from '../../src/shared/model/index.ts';
import { emptyInfra, entityId } from '../../src/shared/analysis/infra-index.ts';

export const FILE = 'template.yaml';

export function src(line = 1, path = 'Resources', explicit = true, file = FILE): SourceRef {
  return { file, line, path, explicit };
}

export function known<T>(value: T, line = 1, explicit = true): Attr<T> {
  return { known: true, value, source: src(line, 'Resources', explicit) };
}

export function defaulted<T>(value: T, line = 1): Attr<T> {
  return known(value, line, false);
}

export function unknown<T>(reason = 'parameter without default', line = 1): Attr<T> {
  return { known: false, reason, source: src(line) };
}

export function ref(logicalId: string, file = FILE): EntityRef {
  return { kind: 'resource', id: entityId(file, logicalId), source: src() };
}

export function external(value: string): EntityRef {
  return { kind: 'external', value, source: src() };
}

export function refs(...logicalIds: string[]): RefList {
  return { known: true, items: logicalIds.map((id) => ref(id)), source: src() };
}

export function unknownRefs(reason = 'parameter without default'): RefList {
  return { known: false, items: [], source: src(), reason };
}

/** The common Entity fields for a logical ID in the test template. */
export function entity(logicalId: string, line = 1, file = FILE): Entity {
  return { id: entityId(file, logicalId), logicalId, file, stackId: file, source: src(line, `Resources.${logicalId}`, true, file), suppressions: [] };
}

/** An Infra with the given parts; `resources` entries are added for every entity so type look-ups work. */
export function infra(parts: Partial<Infra>): Infra {
  return { ...emptyInfra(), ...parts };
}
