import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'fargate-warden';

let cached: string | undefined;

/**
 * The directory of fargate-warden's own package.json. Found by walking up from this module, so the
 * same code works from `src/shared/io/` (tsx), from a bundle in `lib/` or `dist/`, and from an
 * install under `node_modules/fargate-warden/`. The name is checked because a bundle may sit
 * below another package.json (a workspace, an action directory).
 */
export function packageRoot(): string {
  if (cached !== undefined) return cached;
  const start = dirname(fileURLToPath(import.meta.url));
  const found = findPackageRoot(start);
  if (found === undefined) {
    throw new Error(`fargate-warden: cannot find its package.json above ${start}; the installation is incomplete, reinstall the package.`);
  }
  cached = found;
  return found;
}

/** The nearest directory at or above `startDir` holding a package.json named `name`. */
export function findPackageRoot(startDir: string, name = PACKAGE_NAME): string | undefined {
  let dir = startDir;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && manifestName(manifest) === name) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function manifestName(file: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && typeof parsed.name === 'string') return parsed.name;
  } catch {
    // An unreadable or malformed package.json on the way up belongs to someone else: keep walking.
  }
  return undefined;
}

/**
 * A data directory shipped next to the running bundle: the GitHub Action's `dist/index.js` carries
 * `dist/iam-data/` and `dist/aws-managed-policies/` (copied by scripts/build-action.mjs) so it needs
 * no node_modules. From `src/` or `lib/` no such sibling exists and the callers fall back to the
 * package's own locations.
 */
export function bundledDataDir(name: string): string | undefined {
  const dir = join(dirname(fileURLToPath(import.meta.url)), name);
  return existsSync(dir) ? dir : undefined;
}
