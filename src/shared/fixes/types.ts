import type { Edit, Finding, Fix } from '../model/index.ts';

/**
 * The contract of the fix engine (issue: remediation). Rules return `Fix` data on findings; the
 * engine applies, verifies by re-analysis and groups them; the CLI prints diffs and the App opens
 * pull requests from the groups. All pure: file contents in, file contents out.
 */
export type { Edit, Fix };

export interface ApplyResult {
  /** New text of every file an applied edit touched. */
  files: Map<string, string>;
  applied: Edit[];
  /** Edits set aside because they overlap an earlier one or fall outside their file. */
  rejected: { edit: Edit; reason: string }[];
}

/** A fix that survived verification: applied alone, its finding disappears and nothing as severe appears. */
export interface VerifiedFix {
  finding: Finding;
  fix: Fix;
  /** Changed files after applying just this fix: path → new text. */
  files: Map<string, string>;
}

export interface DroppedFix {
  finding: Finding;
  fix: Fix;
  reason: string;
}

export type GroupBy = 'rule' | 'service';

export interface FixGroup {
  /**
   * Stable and branch-safe, slugged: `fw203` or `orders-api` (`shared` for fixes on resources several
   * services share; `fw203-2` for a follow-up group); the App's branch is `fargate-warden/<id>`.
   */
  id: string;
  title: string;
  /** Pull-request body in markdown (template strings escaped): what is wrong, why, what changes, how to verify, rollout. */
  body: string;
  fixes: VerifiedFix[];
  /** All the group's fixes applied together: path → new text. */
  files: Map<string, string>;
}
