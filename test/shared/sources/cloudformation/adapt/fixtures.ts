// Loads templates from test/fixtures/cfn through the whole source pipeline (parse, resolve, adapt).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Attr, EntityRef, Infra } from '../../../../../src/shared/model/index.ts';
import { loadInfra } from '../../../../../src/shared/sources/index.ts';

const FIXTURES = fileURLToPath(new URL('../../../../fixtures/cfn/', import.meta.url));

export function fixtureText(name: string): string {
  return readFileSync(`${FIXTURES}${name}`, 'utf8');
}

/** Loads fixtures under the names tests use in assertions (`ecs-service.yaml`, …). */
export function load(...names: string[]): Infra {
  return loadInfra(names.map((name) => ({ path: name, text: fixtureText(name) })));
}

export function value<T>(attr: Attr<T> | undefined): T | undefined {
  return attr?.known === true ? attr.value : undefined;
}

/** `logicalId` for in-file resources, `ext:value` for external ones, `?` for unknown. */
export function target(ref: EntityRef | undefined): string | undefined {
  if (ref === undefined) return undefined;
  if (ref.kind === 'resource') return ref.id.slice(ref.id.indexOf('#') + 1);
  if (ref.kind === 'external') return `ext:${ref.value}`;
  return '?';
}

export function byLogicalId<T extends { logicalId: string }>(list: T[], logicalId: string): T {
  const found = list.find((e) => e.logicalId === logicalId);
  if (found === undefined) throw new Error(`no ${logicalId} among ${list.map((e) => e.logicalId).join(', ')}`);
  return found;
}

/** The line of the first occurrence of `needle` in a fixture (1-based). */
export function lineOf(name: string, needle: string): number {
  const lines = fixtureText(name).split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in ${name}`);
  return i + 1;
}
