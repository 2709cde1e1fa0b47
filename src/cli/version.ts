import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../shared/io/package-root.ts';

let cachedVersion: string | undefined;

/** This package's version, as `--version` prints it and SARIF names the tool. */
export function packageVersion(): string {
  if (cachedVersion === undefined) {
    const parsed = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown };
    cachedVersion = typeof parsed.version === 'string' ? parsed.version : '0.0.0';
  }
  return cachedVersion;
}
