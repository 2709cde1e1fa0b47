import { SEVERITIES, type Finding, type Severity } from '../model/index.ts';
import type { SourceFile } from '../sources/types.ts';
import type { AnalysisDeps } from '../analysis/posture.ts';
import type { Config } from '../config/types.ts';
import { scan, type ScanOptions, type ScanResult } from '../engine.ts';
import { applyEdits } from './apply.ts';
import { addedConditionalReferences } from './conditions.ts';
import type { DroppedFix, Edit, VerifiedFix } from './types.ts';

/**
 * Verification by re-analysis (DESIGN "Fixes are data"): each fix is applied alone to the files
 * and everything is scanned again. A fix is kept when
 * - its finding (same rule, file, resource and service) is gone,
 * - no finding of equal or higher severity appears that was not there before,
 * - no file stops parsing (no new error), and
 * - no resource comes to reference one that exists only under a condition it does not share
 *   (see conditions.ts): CloudFormation would reject the template when the condition is false.
 * Anything else drops the fix, with the reason, so the user sees why it was not offered.
 */
export interface VerifyOptions {
  /** Only these findings' fixes are verified (e.g. `fix --rule FW203`); the comparison still uses every finding. */
  only?: (finding: Finding) => boolean;
  /** Rules to scan with, as the original scan did. */
  scanOptions?: ScanOptions;
}

export function verifyFixes(
  files: SourceFile[],
  result: ScanResult,
  deps: AnalysisDeps,
  config: Config,
  options: VerifyOptions = {},
): { fixes: VerifiedFix[]; dropped: DroppedFix[] } {
  const fixes: VerifiedFix[] = [];
  const dropped: DroppedFix[] = [];
  for (const finding of result.findings) {
    const fix = finding.fix;
    if (fix === undefined || finding.suppressed !== undefined) continue;
    if (options.only !== undefined && !options.only(finding)) continue;
    const outcome = tryEdits(files, result, deps, config, fix.edits, [finding], options.scanOptions);
    if ('reason' in outcome) dropped.push({ finding, fix, reason: outcome.reason });
    else fixes.push({ finding, fix, files: outcome.files });
  }
  return { fixes, dropped };
}

/**
 * Applies `edits` to `files`, re-scans, and checks the outcome against `before` for the findings
 * the edits claim to fix. Shared by single fixes and by groups of fixes applied together.
 */
export function tryEdits(
  files: SourceFile[],
  before: ScanResult,
  deps: AnalysisDeps,
  config: Config,
  edits: Edit[],
  fixed: Finding[],
  scanOptions: ScanOptions = {},
): { files: Map<string, string> } | { reason: string } {
  if (edits.length === 0) return { reason: 'the fix has no edits' };
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const applied = applyEdits(texts, edits);
  if (applied.rejected.length > 0) {
    const first = applied.rejected[0];
    return { reason: `its edits cannot be applied together: ${first.reason}` };
  }
  const changed = new Map([...applied.files].filter(([path, text]) => texts.get(path) !== text));
  if (changed.size === 0) return { reason: 'the fix changes nothing' };
  // Only the findings are compared: the re-scan's own fixes are never read. It runs first: it
  // keeps the trees it parses (see parsed-cache.ts), so the reference check below reads the new
  // texts without parsing them a second time (YAML parsing is most of a verification).
  const after = scan(
    files.map((f) => (changed.has(f.path) ? { path: f.path, text: changed.get(f.path) as string } : f)),
    deps,
    config,
    { ...scanOptions, fixes: false, keepParsed: true },
  );
  for (const [path, text] of changed) {
    const dangling = addedConditionalReferences(path, texts.get(path) ?? '', text)[0];
    if (dangling !== undefined) {
      return { reason: `it would make ${dangling.from} reference ${dangling.to}, which exists only when condition ${dangling.condition} is true: CloudFormation would reject ${path} when it is false` };
    }
  }
  const problem = compareScans(before, after, fixed);
  return problem === undefined ? { files: changed } : { reason: problem };
}

/** Why the re-scan does not show the fix working, or undefined when it does. */
export function compareScans(before: ScanResult, after: ScanResult, fixed: Finding[]): string | undefined {
  const oldErrors = new Set(before.errors.map((e) => `${e.file}\u0000${e.message}`));
  const newError = after.errors.find((e) => !oldErrors.has(`${e.file}\u0000${e.message}`));
  if (newError !== undefined) {
    return `after the fix, ${newError.line > 0 ? `${newError.file}:${newError.line}` : newError.file} reports an error: ${newError.message}`;
  }
  // Gone: the same finding (same subject and message) is not reported any more, and the subject
  // has fewer findings than before (a rule may report one subject several times, e.g. FW301 once
  // per unreachable AWS service; a changed message on the same count is the same problem).
  for (const f of fixed) {
    const same = after.findings.find((a) => sameSubject(a, f) && a.message === f.message);
    const beforeCount = before.findings.filter((b) => sameSubject(b, f)).length;
    const afterOnes = after.findings.filter((a) => sameSubject(a, f));
    const fixedHere = fixed.filter((x) => sameSubject(x, f)).length;
    const still = same ?? (afterOnes.length > beforeCount - fixedHere ? afterOnes[0] : undefined);
    if (still !== undefined) return `re-analysis still reports ${f.ruleId} on ${f.resource}: ${still.message}`;
  }
  const threshold = Math.max(...fixed.map((f) => rank(f.severity)));
  const counts = new Map<string, number>();
  for (const b of before.findings) {
    if (b.suppressed !== undefined) continue;
    counts.set(findingKey(b), (counts.get(findingKey(b)) ?? 0) + 1);
  }
  for (const a of after.findings) {
    if (a.suppressed !== undefined) continue;
    const key = findingKey(a);
    const left = counts.get(key) ?? 0;
    if (left > 0) {
      counts.set(key, left - 1);
      continue;
    }
    if (rank(a.severity) <= threshold) {
      return `the fix introduces ${a.ruleId} (${a.severity}) on ${a.resource}${a.service === undefined ? '' : ` (service ${a.service})`}: ${a.message}`;
    }
  }
  return undefined;
}

/** Same rule on the same resource for the same service: the subject a fix must clear. */
export function sameSubject(a: Finding, b: Finding): boolean {
  return a.ruleId === b.ruleId && a.file === b.file && a.resource === b.resource && a.service === b.service;
}

function findingKey(f: Finding): string {
  return [f.ruleId, f.severity, f.file, f.resource, f.service ?? ''].join('\u0000');
}

/** 0 for critical … 4 for info: lower is more severe. */
export function rank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
