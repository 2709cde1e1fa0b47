import type { Finding, Suppression } from '../model/index.ts';
import type { Config, ConfigSuppression } from '../config/types.ts';
import { toFinding, type FindingOptions, type Rule, type RuleContext } from './types.ts';
import { declineAliasedEdits } from '../fixes/doc.ts';

/** Errors that are not about a file the user wrote (a rule or the analysis failed) carry this pseudo-file. */
export const INTERNAL_FILE = '(fargate-warden)';

/** A rule that threw: reported next to input errors so the scan says it is incomplete. */
export interface RuleFailure {
  file: string;
  line: number;
  message: string;
}

/**
 * Runs the enabled rules and returns their findings, configured and sorted. Suppressed findings
 * are kept with `suppressed` set: reports decide whether to list them, and fail-on ignores them.
 * A rule that throws is recorded in `failures` (with the findings it reported before throwing)
 * instead of ending the scan, because one broken rule must not hide every other finding.
 * Fixes are built when a finding's `fix` is first read, and not at all with `fixes: false`; one
 * whose edits an alias makes unsafe is declined then (see aliasedEditReason).
 */
export function runRules(
  ctx: RuleContext,
  rules: readonly Rule[],
  config: Config,
  failures: RuleFailure[] = [],
  options: FindingOptions = {},
): Finding[] {
  const disabled = new Set(config.rules.disable.map((id) => id.toUpperCase()));
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (disabled.has(rule.meta.id.toUpperCase())) continue;
    try {
      rule.check(ctx, (report) => {
        const build = report.fix;
        findings.push(toFinding(rule, build === undefined ? report : { ...report, fix: () => declineAliasedEdits(ctx.posture.infra, build()) }, options));
      });
    } catch (error) {
      failures.push({
        file: INTERNAL_FILE,
        line: 0,
        message: `internal error in rule ${rule.meta.id}, its findings may be incomplete: ${describe(error)}. Please report this with the template that triggers it.`,
      });
    }
  }
  const inline = inlineSuppressions(ctx);
  reportUnknownSuppressions(ctx, rules, failures);
  const stableKey = stableKeys(ctx);
  for (const finding of findings) {
    const override = config.rules.severity[finding.ruleId];
    if (override !== undefined) finding.severity = override;
    const own = inline(finding.resourceId)?.find((s) => s.ruleId.toUpperCase() === finding.ruleId);
    if (own !== undefined) {
      finding.suppressed = { reason: own.reason, by: 'inline' };
      continue;
    }
    if (config.suppressions.length === 0) continue;
    const serviceStableKey = finding.service !== undefined ? stableKey(finding.service) : sharedStableKey(finding.services, stableKey);
    const configured = config.suppressions.find((s) => matchesSuppression(s, finding, serviceStableKey));
    if (configured !== undefined) finding.suppressed = { reason: configured.reason, by: 'config' };
  }
  return findings.sort(compareFindings);
}

/**
 * An inline suppression of an ID no rule has (a typo, `FW2O3`) suppresses nothing; it is an input
 * error at its line, as an unknown ID in the config file is, rather than a silence that fails.
 */
function reportUnknownSuppressions(ctx: RuleContext, rules: readonly Rule[], failures: RuleFailure[]): void {
  let known: Set<string> | undefined;
  for (const r of ctx.posture.infra.resources) {
    for (const s of r.suppressions) {
      known ??= new Set(rules.map((rule) => rule.meta.id.toUpperCase()));
      if (known.has(s.ruleId.toUpperCase())) continue;
      failures.push({ file: s.source.file, line: s.source.line, message: `${r.logicalId}: ${s.ruleId} is not a fargate-warden rule ID (they look like FW203), so this suppression suppresses nothing` });
    }
  }
}

/**
 * A config suppression names the resource by logical ID, CDK construct path, or the service key:
 * the finding's, or the stable key it qualifies (`serviceStableKey`; see Service.key), so a
 * suppression by ServiceName covers every service of that name.
 */
export function matchesSuppression(s: ConfigSuppression, f: Finding, serviceStableKey?: string): boolean {
  if (s.rule.toUpperCase() !== f.ruleId.toUpperCase()) return false;
  const resource = s.resource.replace(/\/+$/, '');
  if (resource === f.resource || resource === f.service || (serviceStableKey !== undefined && resource === serviceStableKey)) return true;
  // CDK paths end in `/Resource` for the L1 under an L2 construct; users write the L2's path.
  return f.cdkPath !== undefined && (resource === f.cdkPath || `${resource}/Resource` === f.cdkPath);
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.resource, b.resource) ||
    compareStrings(a.service ?? '', b.service ?? '') ||
    compareStrings(a.message, b.message)
  );
}

/** Code-unit order, not locale order: the same on every machine. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A service key → the stable key it qualifies, for the keys that are qualified (see Service.key). */
/**
 * The name several services a finding concerns all have (services of one ServiceName in several
 * stacks sharing a role or group), so a suppression by that name covers the finding as it does
 * each service's own.
 */
function sharedStableKey(keys: readonly string[] | undefined, stableKey: (key: string) => string | undefined): string | undefined {
  if (keys === undefined || keys.length === 0) return undefined;
  const names = new Set(keys.map((k) => stableKey(k) ?? k));
  return names.size === 1 ? [...names][0] : undefined;
}

function stableKeys(ctx: RuleContext): (key: string | undefined) => string | undefined {
  let byKey: Map<string, string> | undefined;
  return (key) => {
    if (key === undefined) return undefined;
    if (byKey === undefined) {
      byKey = new Map();
      for (const s of ctx.posture.infra.services) if (s.key !== s.stableKey) byKey.set(s.key, s.stableKey);
    }
    return byKey.get(key);
  };
}

function inlineSuppressions(ctx: RuleContext): (entityId: string) => Suppression[] | undefined {
  // Built on the first finding's question: a clean scan never walks the resources.
  let byId: Map<string, Suppression[]> | undefined;
  return (entityId) => {
    if (byId === undefined) {
      byId = new Map();
      for (const r of ctx.posture.infra.resources) if (r.suppressions.length > 0) byId.set(r.id, r.suppressions);
    }
    // Entities missing from `resources` (hand-built models) still carry their own suppressions.
    return byId.get(entityId) ?? ctx.index.entity(entityId)?.suppressions;
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
