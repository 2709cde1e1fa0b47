// Scans a fixture directory the way the CLI does (walk, engine with the shipped catalog and
// managed-policy snapshot, default config), for diff and comment tests.
import { resolve } from 'node:path';
import type { AnalysisDeps } from '../../../src/shared/analysis/posture.ts';
import { defaultConfig } from '../../../src/shared/config/index.ts';
import { scan, type ScanResult } from '../../../src/shared/engine.ts';
import { diffPostures } from '../../../src/shared/diff/diff.ts';
import type { PostureDiff } from '../../../src/shared/diff/types.ts';
import { collectFiles } from '../../../src/shared/io/walk.ts';
import { loadIamCatalog } from '../../../src/shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../../../src/shared/io/managed-policies.ts';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const DIFF_FIXTURES = 'test/fixtures/diff';

let deps: AnalysisDeps | undefined;

export function analysisDeps(): AnalysisDeps {
  deps ??= { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() };
  return deps;
}

/** Scans a path relative to the repository root; report paths are relative to it too. */
export function scanPath(path: string): ScanResult {
  const collected = collectFiles([path], { cwd: ROOT });
  return scan(collected.files, analysisDeps(), defaultConfig(), { inputErrors: collected.errors });
}

/** The diff of `<scenario>/base` against `<scenario>/head` under test/fixtures/diff. */
export function diffScenario(scenario: string): PostureDiff {
  const side = (name: string) => ({ ...scanPath(`${DIFF_FIXTURES}/${scenario}/${name}`), root: `${DIFF_FIXTURES}/${scenario}/${name}` });
  return diffPostures(side('base'), side('head'));
}

/** The bundled examples, as the README's first command compares them. */
export function diffExamples(): PostureDiff {
  return diffPostures(scanPath('examples/base'), scanPath('examples/head'));
}
