import type { TextRange } from './source.ts';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

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
  /**
   * For a finding that stops the tasks of several services from starting (FW107 on an execution
   * role or task definition they share), which therefore names no single `service`: the keys of
   * those services. `diff` counts the finding for each of them.
   */
  blocksServices?: string[];
  fix?: Fix;
  /** Set when a suppression matched: the finding is kept for reports that list suppressions. */
  suppressed?: { reason: string; by: 'inline' | 'config' };
}
