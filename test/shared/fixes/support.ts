import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AnalysisDeps } from '../../../src/shared/analysis/posture.ts';
import { defaultConfig } from '../../../src/shared/config/index.ts';
import { scan, type ScanResult } from '../../../src/shared/engine.ts';
import type { Finding } from '../../../src/shared/model/index.ts';
import type { SourceFile } from '../../../src/shared/sources/types.ts';
import { loadIamCatalog } from '../../../src/shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../../../src/shared/io/managed-policies.ts';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const FIXES = join(ROOT, 'test/fixtures/fixes');

let cached: AnalysisDeps | undefined;

/** The shipped IAM catalog and managed-policy snapshot: fixes are verified the way the CLI verifies them. */
export function deps(): AnalysisDeps {
  cached ??= { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() };
  return cached;
}

export const config = defaultConfig();

/** A fixture as the sources see it: its path relative to the repository, and its text. */
export function fixture(rel: string): SourceFile {
  return { path: rel, text: readFileSync(join(ROOT, rel), 'utf8') };
}

export function scanFiles(files: SourceFile[]): ScanResult {
  return scan(files, deps(), config);
}

export function findingOf(result: ScanResult, ruleId: string, resource: string): Finding {
  const found = result.findings.find((f) => f.ruleId === ruleId && f.resource === resource);
  if (found === undefined) {
    throw new Error(`no ${ruleId} on ${resource}; findings: ${result.findings.map((f) => `${f.ruleId}/${f.resource}`).join(', ')}`);
  }
  return found;
}
