import type { IamCatalog } from '../analysis/catalog.ts';
import { describeAnyOutcome, type Entity, type Finding, type Fix, type FixDeclined, type Posture, type Severity, type StackOutcome } from '../model/index.ts';
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
  /** The IAM reference, for fixes that must know which resource types an action takes. */
  catalog?: IamCatalog;
}

export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  /**
   * The outcomes of one undecided choice (an Fn::If, an Fn::FindInMap key the files do not give)
   * under which alone the finding holds: the message's `{{when}}` says them (` when Env is dev`;
   * nothing without them), and the finding keeps them as data (Finding.outcome).
   */
  when?: readonly StackOutcome[];
  /** The entity the finding is attached to (its logical ID, file and line are used). */
  entity: Entity;
  /** Overrides the entity's own line, e.g. to point at one statement or one rule. */
  line?: number;
  severity?: Severity;
  /** Key of the affected ECS service. */
  service?: string;
  /**
   * Keys of the affected services, when the rule has a list: one (after removing repeats) becomes
   * `service`, several become `Finding.services`.
   */
  services?: readonly string[];
  /**
   * Builds the finding's fix. A thunk because few readers ever look at fixes (`fix`, the Action's
   * suggestions, the App) while building one costs a walk of the template's parse tree: the
   * finding calls it on first read of `finding.fix` (see `toFinding`).
   */
  fix?: () => Fix | FixDeclined | undefined;
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

export interface FindingOptions {
  /**
   * Whether findings offer their fixes (default true). Without, a finding keeps no reference to
   * the analysis its fix would be built from, so that memory can be freed once the scan is done.
   */
  fixes?: boolean;
}

/** Where a message says the outcomes its finding holds under (Report.when). */
const WHEN_PLACEHOLDER = '{{when}}';

/** Builds a Finding from a rule's report: the single place findings are shaped. */
export function toFinding(rule: Rule, r: Report, options: FindingOptions = {}): Finding {
  const template = rule.meta.messages[r.messageId];
  if (template === undefined) throw new Error(`${rule.meta.id}: unknown messageId ${r.messageId}`);
  const finding: Finding = {
    ruleId: rule.meta.id,
    severity: r.severity ?? rule.meta.severity,
    resource: r.entity.logicalId,
    resourceId: r.entity.id,
    file: r.entity.file,
    line: r.line ?? r.entity.source.line,
    message: '',
  };
  const clauseAt = template.indexOf(WHEN_PLACEHOLDER);
  if (r.when !== undefined && r.when.length > 0) {
    if (clauseAt < 0 || template.includes(WHEN_PLACEHOLDER, clauseAt + 1)) throw new Error(`${rule.meta.id}: message ${r.messageId} must say its outcome in one ${WHEN_PLACEHOLDER}`);
    const before = formatMessage(template.slice(0, clauseAt), r.data);
    const after = formatMessage(template.slice(clauseAt + WHEN_PLACEHOLDER.length), r.data);
    finding.message = `${before} ${describeAnyOutcome(r.when)}${after}`;
    finding.outcome = { when: [...r.when], before, after };
  } else {
    finding.message = formatMessage(template, clauseAt < 0 ? r.data : { ...r.data, when: '' });
  }
  if (r.service !== undefined) finding.service = r.service;
  const keys = r.services === undefined ? [] : [...new Set(r.services)];
  if (r.service === undefined && keys.length === 1) finding.service = keys[0];
  else if (keys.length > 1) finding.services = keys;
  if (r.entity.cdkPath !== undefined) finding.cdkPath = r.entity.cdkPath;
  if (r.entity.cdkSource !== undefined) finding.cdkSource = r.entity.cdkSource;
  if (r.fix !== undefined && options.fixes !== false) defineLazyFix(finding, r.fix);
  return finding;
}

/**
 * Gives `finding` an enumerable `fix` getter that builds the fix on first read, so readers see a
 * plain property (`finding.fix`, `{ ...finding }`, deep equality). A builder that throws (a shape
 * of template nobody foresaw) leaves the finding without a fix, as `guarded` builders do; this
 * also covers the code a rule's thunk runs around its builder, which an eager build would have
 * reported as a rule failure. Once read, the getter gives way to what an eagerly built finding
 * holds: a data property with the fix, or no `fix` key when there is none; and the builder (holding
 * the whole analysis) is released. Before the first read the key is present even when the builder
 * will find no fix: test `finding.fix !== undefined`, not `'fix' in finding`.
 */
/**
 * Why a finding's builder wrote no fix, when it said (read `finding.fix` first: the builder runs
 * then). Kept beside the finding rather than on it, so findings keep their shape in every report.
 */
const declinedReasons = new WeakMap<Finding, string>();

export function fixDeclinedReason(finding: Finding): string | undefined {
  return declinedReasons.get(finding);
}

function defineLazyFix(finding: Finding, build: () => Fix | FixDeclined | undefined): void {
  const settle = (fix: Fix | undefined): void => {
    if (fix === undefined) delete finding.fix;
    else Object.defineProperty(finding, 'fix', { value: fix, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(finding, 'fix', {
    enumerable: true,
    configurable: true,
    get(): Fix | undefined {
      let fix: Fix | undefined;
      try {
        const built = build();
        if (built !== undefined && 'declined' in built) declinedReasons.set(finding, built.declined);
        else fix = built;
      } catch {
        fix = undefined;
      }
      settle(fix);
      return fix;
    },
    set(fix: Fix | undefined) {
      Object.defineProperty(finding, 'fix', { value: fix, writable: true, enumerable: true, configurable: true });
    },
  });
}
