import type { Severity } from '../model/index.ts';

export const FAIL_ON_VALUES = ['critical', 'high', 'medium', 'low', 'none'] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];

export const GROUP_BY_VALUES = ['rule', 'service'] as const;
/** How the GitHub App splits fixes into pull requests: one per rule, or one per ECS service. */
export type AppGroupBy = (typeof GROUP_BY_VALUES)[number];

/** Settings only the GitHub App reads. */
export interface AppConfig {
  /** Undefined when the file does not say: the App's default applies. */
  groupBy?: AppGroupBy;
}

/** A config-file suppression: one rule on one resource (logical ID, CDK construct path or service key). */
export interface ConfigSuppression {
  rule: string;
  resource: string;
  reason: string;
  /** Where the entry is written, so reports can point at it. */
  source?: { file: string; line: number };
}

export interface Config {
  /** Globs over report paths (relative to the working directory, forward slashes), for directory walks. */
  paths: { include: string[]; exclude: string[] };
  rules: {
    disable: string[];
    /** Severity per rule ID, replacing whatever severity the rule reported. */
    severity: Record<string, Severity>;
  };
  /** Undefined when the file does not say: the caller's default applies. */
  failOn?: FailOn;
  suppressions: ConfigSuppression[];
  /** The `app:` section; absent when the file has none. */
  app?: AppConfig;
}

export interface ConfigError {
  file: string;
  line: number;
  message: string;
}

export function defaultConfig(): Config {
  return { paths: { include: [], exclude: [] }, rules: { disable: [], severity: {} }, suppressions: [] };
}
