// Scans a fixture directory the way the CLI does (walk, engine with the shipped catalog and
// managed-policy snapshot, default config), for diff and comment tests.
import { readFileSync } from 'node:fs';
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

/** The diff of one template, `path` on both sides, from its text on base to its text on head. */
export function diffTexts(base: string, head: string, path = 'template.yaml'): PostureDiff {
  const side = (text: string) => ({ ...scan([{ path, text }], analysisDeps(), defaultConfig()), root: '.' });
  return diffPostures(side(base), side(head));
}

const MAPPINGS_BY_ENV = readFileSync(resolve(ROOT, 'test/fixtures/cfn/mappings-iam-by-env.yaml'), 'utf8');

/**
 * test/fixtures/cfn/mappings-iam-by-env.yaml (service `app`'s AssignPublicIp from the EnvConfig
 * mapping by an Env parameter without a value: dev, staging, prod) with a public IP under the
 * given environments only, and the environments renamed as `names` says.
 */
export function publicIpByEnv(enabled: readonly string[], names: Readonly<Record<string, string>> = {}): string {
  let text = MAPPINGS_BY_ENV;
  for (const env of ['dev', 'staging', 'prod']) {
    const block = new RegExp(`^( {4}${env}:\\n {6}PublicIp: )(ENABLED|DISABLED)$`, 'm');
    if (!block.test(text)) throw new Error(`no PublicIp of ${env} in the fixture`);
    text = text.replace(block, `$1${enabled.includes(env) ? 'ENABLED' : 'DISABLED'}`);
  }
  for (const [env, name] of Object.entries(names)) {
    text = text.replace(new RegExp(`^( {4})${env}:`, 'gm'), `$1${name}:`).replace(/^( {4}AllowedValues: \[.*)\]$/m, (list) => list.replace(new RegExp(`\\b${env}\\b`), name));
  }
  return text;
}

/** A publicIpByEnv template with the EnvConfig mapping's dev and staging entries in the other order. */
export function swapEnvConfig(text: string): string {
  const entry = (env: string): string => new RegExp(`^ {4}${env}:\\n(?: {6}.*\\n)+`, 'm').exec(text)?.[0] ?? '';
  const dev = entry('dev');
  const staging = entry('staging');
  if (dev === '' || staging === '' || !text.includes(dev + staging)) throw new Error('EnvConfig is not dev then staging');
  return text.replace(dev + staging, staging + dev);
}
