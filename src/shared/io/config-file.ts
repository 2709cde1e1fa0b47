import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultConfig, type Config } from '../config/types.ts';
import { parseConfig } from '../config/parse.ts';
import { ruleIds as allRuleIds } from '../rules/index.ts';
import { readTextFile, reportPath, type InputError } from './files.ts';

export const DEFAULT_CONFIG_PATH = '.github/fargate-warden.yml';
const DEFAULT_CONFIG_CANDIDATES = [DEFAULT_CONFIG_PATH, '.github/fargate-warden.yaml'];
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadConfigOptions {
  cwd: string;
  /** An explicit config file (`--config`): it must exist. Without it the default path is used when present. */
  path?: string;
  ruleIds?: Iterable<string>;
}

export interface LoadedConfig {
  config: Config;
  errors: InputError[];
  /** The report path of the file that was read, if any. */
  file?: string;
}

/**
 * Reads the config file. A missing default file is normal (defaults apply); a missing `--config`
 * file is an error. Errors never stop the scan: the valid parts of the file still apply.
 */
export function loadConfigFile(options: LoadConfigOptions): LoadedConfig {
  const explicit = options.path !== undefined;
  const candidates = explicit ? [options.path as string] : DEFAULT_CONFIG_CANDIDATES;
  const abs = candidates.map((c) => resolve(options.cwd, c)).find((p) => explicit || existsSync(p));
  if (abs === undefined) return { config: defaultConfig(), errors: [] };
  const file = reportPath(abs, options.cwd);
  const read = readTextFile(abs, MAX_CONFIG_BYTES);
  if (!read.ok) {
    return { config: defaultConfig(), errors: [{ file, line: 1, message: `cannot use the config file: ${read.message}` }], file };
  }
  const { config, errors } = parseConfig(read.text, file, { ruleIds: options.ruleIds ?? allRuleIds });
  return { config, errors, file };
}
