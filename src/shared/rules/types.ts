import type { Entity, Finding, Fix, Posture, Severity } from '../model/index.ts';
import type { InfraIndex } from '../analysis/infra-index.ts';

export type RuleArea = 'iam' | 'network' | 'endpoints';

export interface RuleMeta {
  id: string;
  /** Default severity; a rule may report a different one per finding (e.g. FW103 high/medium). */
  severity: Severity;
  area: RuleArea;
  title: string;
  /** One paragraph: what the rule looks for and why it matters. */
  description: string;
  /** Messages by ID; `{{name}}` placeholders are filled from `data`. */
  messages: Record<string, string>;
  fixable: boolean;
}

export interface RuleContext {
  posture: Posture;
  index: InfraIndex;
}

export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  /** The entity the finding is attached to (its logical ID, file and line are used). */
  entity: Entity;
  /** Overrides the entity's own line, e.g. to point at one statement or one rule. */
  line?: number;
  severity?: Severity;
  /** Key of the affected ECS service. */
  service?: string;
  fix?: Fix;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext, report: (r: Report) => void): void;
}

export const DOCS_BASE = 'https://github.com/fargate-warden/fargate-warden/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

/** Builds a Finding from a rule's report: the single place findings are shaped. */
export function toFinding(rule: Rule, r: Report): Finding {
  const template = rule.meta.messages[r.messageId];
  if (template === undefined) throw new Error(`${rule.meta.id}: unknown messageId ${r.messageId}`);
  const finding: Finding = {
    ruleId: rule.meta.id,
    severity: r.severity ?? rule.meta.severity,
    resource: r.entity.logicalId,
    resourceId: r.entity.id,
    file: r.entity.file,
    line: r.line ?? r.entity.source.line,
    message: formatMessage(template, r.data),
  };
  if (r.service !== undefined) finding.service = r.service;
  if (r.entity.cdkPath !== undefined) finding.cdkPath = r.entity.cdkPath;
  if (r.fix !== undefined) finding.fix = r.fix;
  return finding;
}
