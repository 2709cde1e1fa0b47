import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { defaultConfig, type Config } from '../config/types.ts';
import { parseConfig } from '../config/parse.ts';
import { ruleIds as allRuleIds } from '../rules/index.ts';
import { linkOnPath, readTextFile, reportPath, type InputError } from './files.ts';
import { configAtRevision } from './git.ts';

export const DEFAULT_CONFIG_PATH = '.github/fargate-warden.yml';
const DEFAULT_CONFIG_CANDIDATES = [DEFAULT_CONFIG_PATH, '.github/fargate-warden.yaml'];
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadConfigOptions {
  cwd: string;
  /** An explicit config file (`--config`): it must exist. Without it the default path is used when present. */
  path?: string;
  ruleIds?: Iterable<string>;
  /**
   * The directory the file's content comes from (a pull request's checkout): a config file that
   * is, or lies under, a symbolic link, or outside it, is not read. Without it, the file found by
   * searching upwards still may not be a link; an explicit `path` is followed (the user named it).
   */
  repository?: string;
}

export interface LoadedConfig {
  config: Config;
  errors: InputError[];
  /** The report path of the file that was read, if any. */
  file?: string;
  /**
   * The directory its `paths` globs are relative to (absolute): the one holding its `.github`
   * directory, else the working directory. Undefined without a config file.
   */
  globBase?: string;
}

/**
 * Reads the config file. Without `--config`, `.github/fargate-warden.yml` is looked for in the
 * working directory and then in each directory above it, up to the repository root (the first
 * with `.git`), as a run from a subdirectory of the repository would expect. A missing default
 * file is normal (defaults apply); a missing `--config` file is an error. Errors never stop the
 * scan: the valid parts of the file still apply.
 */
export function loadConfigFile(options: LoadConfigOptions): LoadedConfig {
  const abs = options.path !== undefined ? resolve(options.cwd, options.path) : findDefaultConfig(options.cwd);
  if (abs === undefined) return { config: defaultConfig(), errors: [] };
  const file = reportPath(abs, options.cwd);
  const globBase = basename(dirname(abs)) === '.github' ? dirname(dirname(abs)) : resolve(options.cwd);
  const link = options.repository !== undefined ? linkOnPath(options.repository, abs) : options.path === undefined ? linkOnPath(dirname(dirname(abs)), abs) : undefined;
  if (link !== undefined) {
    const message = `cannot use the config file: ${link} is a symbolic link or lies outside the repository, and fargate-warden does not follow links in a repository's files (one may point anywhere on the machine)`;
    return { config: defaultConfig(), errors: [{ file, line: 1, message }], file, globBase };
  }
  const read = readTextFile(abs, MAX_CONFIG_BYTES);
  if (!read.ok) {
    return { config: defaultConfig(), errors: [{ file, line: 1, message: `cannot use the config file: ${read.message}` }], file, globBase };
  }
  const { config, errors } = parseConfig(read.text, file, { ruleIds: options.ruleIds ?? allRuleIds });
  return { config, errors, file, globBase };
}

/**
 * The config file as the revision `rev` holds it, found as loadConfigFile finds it in the work
 * tree (see configAtRevision): for `diff --head-ref`, so the head's configuration applies whatever
 * is checked out.
 */
export function loadConfigAtRevision(rev: string, options: Omit<LoadConfigOptions, 'path' | 'repository'>): LoadedConfig {
  const found = configAtRevision(rev, options.cwd, DEFAULT_CONFIG_CANDIDATES, MAX_CONFIG_BYTES);
  if (found === undefined) return { config: defaultConfig(), errors: [] };
  const file = `${found.path} at ${rev}`;
  if ('problem' in found) return { config: defaultConfig(), errors: [{ file, line: 1, message: `cannot use the config file: ${found.problem}` }], file, globBase: found.dir };
  const { config, errors } = parseConfig(found.text, file, { ruleIds: options.ruleIds ?? allRuleIds });
  return { config, errors, file, globBase: found.dir };
}

/**
 * The config for a diff's base: the head's (one set of rules, severities and paths for both
 * sides, so a rule turned off is not "resolved"), with the suppressions base's own config file had
 * when that file is known. A suppression the change adds to the config then silences head's
 * finding and not base's, and the diff lists it as newly suppressed instead of losing it.
 */
export function withSuppressionsOf(config: Config, base: LoadedConfig | undefined): Config {
  return base === undefined ? config : { ...config, suppressions: base.config.suppressions };
}

/** How the config's `paths` select files: the options the work-tree walk and a revision's reader take. */
export interface PathSelection {
  include: readonly string[];
  exclude: readonly string[];
  /** See LoadedConfig.globBase; undefined: the reader's own default (its working directory). */
  globBase?: string;
}

export function pathSelection(loaded: LoadedConfig): PathSelection {
  const { include, exclude } = loaded.config.paths;
  return loaded.globBase === undefined ? { include, exclude } : { include, exclude, globBase: loaded.globBase };
}

/**
 * The default config file (absolute) in `cwd` or the nearest directory above it, up to the
 * repository root; undefined when there is none.
 */
export function findDefaultConfig(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const found = DEFAULT_CONFIG_CANDIDATES.map((c) => join(dir, c)).find((p) => existsSync(p));
    if (found !== undefined) return found;
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return undefined;
  }
}
