import type { TextRange } from './source.ts';
import type { StackOutcome } from './conditions.ts';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Each severity's place in SEVERITIES: lower is more severe. */
export const SEVERITY_RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>;

/** A text edit: replace `range` of `file` with `text`. Fixes are lists of these. */
export interface Edit {
  file: string;
  range: TextRange;
  text: string;
}

export interface Fix {
  title: string;
  explanation: string;
  edits: Edit[];
}

/**
 * A rule's builder found no fix it could write for this finding, and says why: the user asked for
 * fixes and would otherwise not learn why this finding got none.
 */
export interface FixDeclined {
  declined: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Logical ID or Terraform address of the resource the finding is attached to. */
  resource: string;
  /** Entity id (`<file>#<logicalId>`), for fixes and de-duplication. */
  resourceId: string;
  /** Key of the affected ECS service, when there is one. */
  service?: string;
  file: string;
  line: number;
  message: string;
  /** CDK construct path of the resource, when known. */
  cdkPath?: string;
  /** Where the user's CDK code created the resource (`file:line:column` from `aws:cdk:creationStack`), when known. */
  cdkSource?: string;
  /**
   * When the finding concerns several services (a role, group, VPC or endpoint they share), so
   * `service` is unset: their keys. A config suppression by a name they all have covers it, and
   * `diff` counts a finding that stops tasks from starting (FW107) for each of them.
   */
  services?: string[];
  fix?: Fix;
  /** Set when a suppression matched: the finding is kept for reports that list suppressions. */
  suppressed?: { reason: string; by: 'inline' | 'config' };
  /** `diff` only: a new finding that base reported at this lower severity (escalated, not newly found). */
  escalatedFrom?: Severity;
  /**
   * When the finding holds only under some outcomes of a choice the files do not decide, and its
   * message says so in one clause: those outcomes, and the message around the clause. Internal:
   * reports read it to show findings that differ only in the clause's key as one entry, so they
   * need not take the message apart; the JSON and SARIF reports leave it out.
   */
  outcome?: FindingOutcome;
}

/** See Finding.outcome: `message` is `before`, the clause (describeAnyOutcome of `when`), then `after`. */
export interface FindingOutcome {
  /** Outcomes of one choice (one condition, or one parameter's map keys), any of which makes the finding hold. */
  when: StackOutcome[];
  before: string;
  after: string;
}
