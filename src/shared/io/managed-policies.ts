import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ManagedPolicyDocument, ManagedPolicySource } from '../analysis/catalog.ts';
import { awsManagedPolicyName } from '../analysis/iam/arn.ts';
import { bundledDataDir, packageRoot } from './package-root.ts';

/** `data/aws-managed-policies/index.json`, written by scripts/generate-managed-policies.ts. */
export interface ManagedPolicyIndex {
  generatedAt: string;
  source: string;
  version: string;
  count: number;
  policies: Record<string, { arn: string; versionId: string; file: string }>;
}

/** The snapshot beside a bundle that ships it (the Action's `dist/aws-managed-policies/`), else the package's `data/`. */
export function managedPoliciesDir(): string {
  return bundledDataDir('aws-managed-policies') ?? join(packageRoot(), 'data', 'aws-managed-policies');
}

let shared: ManagedPolicySource | undefined;

/**
 * The AWS managed policy snapshot shipped in data/aws-managed-policies. Nothing is read until the
 * first `get`; then the index once, and each policy's own file once when it is first asked for.
 */
export function loadManagedPolicies(dir?: string): ManagedPolicySource & { index(): ManagedPolicyIndex } {
  if (dir !== undefined) return new SnapshotSource(dir);
  shared ??= new SnapshotSource(managedPoliciesDir());
  return shared as SnapshotSource;
}

class SnapshotSource implements ManagedPolicySource {
  private readonly dir: string;
  private loadedIndex: ManagedPolicyIndex | undefined;
  private lowerNames: Map<string, string> | undefined;
  private readonly documents = new Map<string, ManagedPolicyDocument>();

  constructor(dir: string) {
    this.dir = dir;
  }

  index(): ManagedPolicyIndex {
    if (this.loadedIndex === undefined) {
      const parsed = readJson(join(this.dir, 'index.json')) as ManagedPolicyIndex;
      if (typeof parsed !== 'object' || parsed === null || typeof parsed.policies !== 'object' || parsed.policies === null) {
        throw new Error(`AWS managed policy snapshot: ${join(this.dir, 'index.json')} has no policies; run \`npm run generate:managed-policies\`.`);
      }
      this.loadedIndex = parsed;
    }
    return this.loadedIndex;
  }

  get(arnOrName: string): ManagedPolicyDocument | undefined {
    // Any partition, any path, a `${AWS::Partition}` placeholder, or a bare name: see awsManagedPolicyName.
    const requested = awsManagedPolicyName(arnOrName);
    if (requested === undefined) return undefined;
    const name = this.canonicalName(requested);
    if (name === undefined) return undefined;
    const hit = this.documents.get(name);
    if (hit !== undefined) return hit;
    const entry = this.index().policies[name];
    const parsed = readJson(join(this.dir, entry.file)) as Partial<ManagedPolicyDocument>;
    const doc: ManagedPolicyDocument = {
      name,
      arn: typeof parsed.arn === 'string' ? parsed.arn : entry.arn,
      versionId: typeof parsed.versionId === 'string' ? parsed.versionId : entry.versionId,
      document: parsed.document,
    };
    this.documents.set(name, doc);
    return doc;
  }

  /**
   * Names are matched exactly first; IAM refuses two policy names that differ only in case, so a
   * case-insensitive fallback cannot pick the wrong policy and forgives `administratoraccess`.
   */
  private canonicalName(name: string): string | undefined {
    const policies = this.index().policies;
    if (Object.hasOwn(policies, name)) return name;
    if (this.lowerNames === undefined) {
      this.lowerNames = new Map(Object.keys(policies).map((n) => [n.toLowerCase(), n]));
    }
    return this.lowerNames.get(name.toLowerCase());
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`AWS managed policy snapshot: cannot read ${file} (${(error as Error).message}); the package data is incomplete, reinstall fargate-warden.`, { cause: error });
  }
  return JSON.parse(text) as unknown;
}
