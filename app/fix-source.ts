import type { AnalysisDeps } from '../src/shared/analysis/posture.ts';
import type { Config } from '../src/shared/config/types.ts';
import type { ScanResult } from '../src/shared/engine.ts';
import type { SourceFile } from '../src/shared/sources/types.ts';
import type { FixGroup, GroupBy } from '../src/shared/fixes/types.ts';
import { verifyFixes } from '../src/shared/fixes/verify.ts';
import { groupFixes } from '../src/shared/fixes/group.ts';

export interface FixSourceInput {
  files: SourceFile[];
  result: ScanResult;
  deps: AnalysisDeps;
  config: Config;
  groupBy: GroupBy;
}

/** Scan result → the pull requests that should exist. Injected so tests can state groups directly. */
export type FixSource = (input: FixSourceInput) => FixGroup[];

/**
 * The shared fix engine: fixes that survive verification by re-analysis, grouped by rule or
 * service, each group's combination re-verified the same way (so a pull request never carries
 * two fixes that only work apart).
 */
export const engineFixSource: FixSource = ({ files, result, deps, config, groupBy }) => {
  const { fixes } = verifyFixes(files, result, deps, config);
  return groupFixes(fixes, groupBy, files, { verify: { deps, config, result } });
};
