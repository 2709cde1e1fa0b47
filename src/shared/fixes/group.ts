import type { Finding } from '../model/index.ts';
import type { SourceFile } from '../sources/types.ts';
import type { AnalysisDeps } from '../analysis/posture.ts';
import type { Config } from '../config/types.ts';
import { scan, type ScanOptions, type ScanResult } from '../engine.ts';
import { ruleById } from '../rules/index.ts';
import { docsUrl } from '../rules/types.ts';
import { codeSpan, escapeMarkdown } from '../render/escape.ts';
import { applyEdits } from './apply.ts';
import type { Edit, FixGroup, GroupBy, VerifiedFix } from './types.ts';
import { rank, tryEdits } from './verify.ts';

/**
 * Verified fixes → pull requests. One group per rule (`fw203`) or per service (its key, slugged),
 * with every fix of the group applied together. Fixes whose edits overlap an earlier fix of the
 * group move to a follow-up group (`fw203-2`); with `verify`, the combination is re-scanned like
 * a single fix, and fixes that break it move to the follow-up group too. The reason is written in
 * both groups' bodies.
 */
export interface GroupOptions {
  /** Re-verify each group's combination by re-analysis (recommended; without it only overlaps are checked). */
  verify?: { deps: AnalysisDeps; config: Config; result?: ScanResult; scanOptions?: ScanOptions };
}

const MAX_SPLITS = 20;
const MAX_SLUG = 48;

export function groupFixes(fixes: VerifiedFix[], by: GroupBy, files: SourceFile[], options: GroupOptions = {}): FixGroup[] {
  const verify = options.verify;
  const before = verify === undefined ? undefined : (verify.result ?? baselineScan(files, verify));
  const buckets = new Map<string, { label: string; fixes: VerifiedFix[] }>();
  for (const fix of [...fixes].sort(compareFixes)) {
    const { key, label } = bucketOf(fix.finding, by);
    const bucket = buckets.get(key) ?? { label, fixes: [] };
    bucket.fixes.push(fix);
    buckets.set(key, bucket);
  }
  const groups: FixGroup[] = [];
  const usedIds = new Set<string>();
  for (const [key, bucket] of [...buckets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const baseId = uniqueId(slug(key), usedIds);
    let pending = bucket.fixes;
    let splitNote: string | undefined;
    for (let part = 1; pending.length > 0 && part <= MAX_SPLITS; part++) {
      const id = part === 1 ? baseId : uniqueId(`${baseId}-${part}`, usedIds);
      const combined = combine(pending, files, before, verify);
      const leftOut = combined.leftOut;
      const nextId = leftOut.length > 0 ? `${baseId}-${part + 1}` : undefined;
      groups.push({
        id,
        title: titleFor(by, bucket.label, combined.kept, part),
        body: bodyFor(combined.kept, bucket.label, by, { splitFrom: splitNote, leftOut, nextId }),
        fixes: combined.kept,
        files: combined.files,
      });
      splitNote = part === 1 ? `fargate-warden/${baseId}` : `fargate-warden/${id}`;
      pending = leftOut.map((l) => l.fix);
    }
  }
  return groups;
}

export interface Combined {
  /** Fixes applied together. */
  kept: VerifiedFix[];
  /** Their combined result: path → new text, for changed files only. */
  files: Map<string, string>;
  /** Fixes that could not join (overlapping edits, or a combination that fails re-analysis), with why. */
  leftOut: { fix: VerifiedFix; reason: string }[];
}

/**
 * Applies verified fixes together, most severe first: a fix whose edits overlap those already
 * taken is left out, and with `verify` the combination is re-analysed like a single fix (fixes
 * that break it are left out one by one).
 */
export function combineFixes(fixes: VerifiedFix[], files: SourceFile[], verify?: GroupOptions['verify']): Combined {
  const before = verify === undefined ? undefined : (verify.result ?? baselineScan(files, verify));
  return combine([...fixes].sort(compareFixes), files, before, verify);
}

function combine(
  fixes: VerifiedFix[],
  files: SourceFile[],
  before: ScanResult | undefined,
  verify: GroupOptions['verify'],
): Combined {
  const texts = new Map(files.map((f) => [f.path, f.text]));
  let kept: VerifiedFix[] = [];
  const leftOut: Combined['leftOut'] = [];
  // Overlaps first: a fix whose edits collide with those already taken waits for the next group.
  for (const fix of fixes) {
    const edits = [...kept.flatMap((k) => k.fix.edits), ...fix.fix.edits];
    const result = applyEdits(texts, edits);
    if (result.rejected.length > 0) {
      const other = kept.find((k) => k.fix.edits.some((e) => result.rejected.some((r) => overlaps(r.edit, e))));
      leftOut.push({ fix, reason: `its edits overlap those of ${other === undefined ? 'another fix' : describe(other.finding)}` });
    } else {
      kept.push(fix);
    }
  }
  if (verify !== undefined && before !== undefined && kept.length > 1) {
    const all = tryEdits(files, before, verify.deps, verify.config, kept.flatMap((k) => k.fix.edits), kept.map((k) => k.finding), verify.scanOptions);
    if ('reason' in all) {
      // Add one fix at a time and keep those the combination survives.
      const accepted: VerifiedFix[] = [];
      for (const fix of kept) {
        const candidate = [...accepted, fix];
        const outcome = accepted.length === 0
          ? { files: fix.files }
          : tryEdits(files, before, verify.deps, verify.config, candidate.flatMap((k) => k.fix.edits), candidate.map((k) => k.finding), verify.scanOptions);
        if ('reason' in outcome) leftOut.push({ fix, reason: `applied together with the others, ${outcome.reason.replace(/^the fix /, 'it ')}` });
        else accepted.push(fix);
      }
      kept = accepted;
    }
  }
  const result = applyEdits(texts, kept.flatMap((k) => k.fix.edits));
  const changed = new Map([...result.files].filter(([path, text]) => texts.get(path) !== text));
  return { kept, files: changed, leftOut };
}

/** The scan re-analyses are compared with; only its findings are read, never their fixes. */
function baselineScan(files: SourceFile[], verify: NonNullable<GroupOptions['verify']>): ScanResult {
  return scan(files, verify.deps, verify.config, { ...verify.scanOptions, fixes: false });
}

function overlaps(a: Edit, b: Edit): boolean {
  return a.file === b.file && a.range.start < b.range.end && b.range.start < a.range.end;
}

function compareFixes(a: VerifiedFix, b: VerifiedFix): number {
  const fa = a.finding;
  const fb = b.finding;
  return rank(fa.severity) - rank(fb.severity) || cmp(fa.ruleId, fb.ruleId) || cmp(fa.file, fb.file) || fa.line - fb.line || cmp(fa.resource, fb.resource);
}

function bucketOf(finding: Finding, by: GroupBy): { key: string; label: string } {
  if (by === 'rule') return { key: finding.ruleId.toLowerCase(), label: finding.ruleId };
  // Fixes on things several services share (an endpoint's security group) have no single service.
  if (finding.service === undefined) return { key: 'shared', label: 'shared resources' };
  return { key: finding.service, label: finding.service };
}

/** Lower-case letters, digits and single dashes: valid in a git branch name and a URL. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  return s === '' ? 'fix' : s;
}

function uniqueId(id: string, used: Set<string>): string {
  let out = id;
  for (let i = 2; used.has(out); i++) out = `${id}-${i}`;
  used.add(out);
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function describe(f: Finding): string {
  return `${f.ruleId} on ${f.resource}`;
}

// ---------------------------------------------------------------------------------------------
// Text

function titleFor(by: GroupBy, label: string, fixes: VerifiedFix[], part: number): string {
  const suffix = part > 1 ? ` (part ${part})` : '';
  if (by === 'rule') {
    const title = ruleById(label)?.meta.title ?? label;
    return `fargate-warden: fix ${label} — ${title}${suffix}`;
  }
  const rules = [...new Set(fixes.map((f) => f.finding.ruleId))].sort();
  const what = label === 'shared resources' ? 'shared resources' : `service ${label}`;
  return `fargate-warden: fix ${rules.join(', ')} for ${what}${suffix}`;
}

interface BodyNotes {
  splitFrom?: string;
  leftOut: { fix: VerifiedFix; reason: string }[];
  nextId?: string;
}

function bodyFor(fixes: VerifiedFix[], label: string, by: GroupBy, notes: BodyNotes): string {
  const lines: string[] = [];
  const subject = by === 'rule' ? `rule ${codeSpan(label)}` : label === 'shared resources' ? 'resources several services share' : `service ${codeSpan(label)}`;
  lines.push(`fargate-warden found ${fixes.length} problem${fixes.length === 1 ? '' : 's'} for ${subject} that it can fix safely. Each change below was verified by re-analysing the templates: the finding disappears and nothing as severe appears in its place.`);
  if (notes.splitFrom !== undefined) {
    lines.push('', `These fixes could not go into ${codeSpan(notes.splitFrom)} together with the fixes there; they are proposed separately.`);
  }

  lines.push('', '## What is wrong', '');
  for (const { finding } of fixes) {
    const where = `${codeSpan(`${finding.file}:${finding.line}`)}`;
    const service = finding.service === undefined ? '' : ` (service ${codeSpan(finding.service)})`;
    lines.push(`- **${finding.ruleId}** (${finding.severity}) on ${codeSpan(finding.resource)}${service} at ${where}: ${escapeMarkdown(finding.message)}`);
  }

  lines.push('', '## Why it matters', '');
  for (const ruleId of [...new Set(fixes.map((f) => f.finding.ruleId))].sort()) {
    const rule = ruleById(ruleId);
    const description = rule === undefined ? '' : ` ${escapeMarkdown(rule.meta.description)}`;
    lines.push(`- **${ruleId}${rule === undefined ? '' : ` — ${escapeMarkdown(rule.meta.title)}`}**.${description} [How to fix ${ruleId}](${docsUrl(ruleId)})`);
  }

  lines.push('', '## What changes', '');
  for (const { fix, finding } of fixes) {
    lines.push(`- **${escapeMarkdown(fix.title)}** (${finding.ruleId}). ${escapeMarkdown(fix.explanation)}`);
  }
  const paths = [...new Set(fixes.flatMap((f) => f.fix.edits.map((e) => e.file)))].sort();
  lines.push('', `Files: ${paths.map((p) => codeSpan(p)).join(', ')}. Nothing else in them changes: comments, key order and formatting stay as they are.`);

  lines.push('', '## How to verify after deploy', '');
  for (const step of verifySteps(fixes)) lines.push(`- ${step}`);

  lines.push('', '## Rollout', '');
  for (const step of rolloutSteps(fixes)) lines.push(`- ${step}`);

  if (notes.leftOut.length > 0) {
    lines.push('', '## Left out of this pull request', '');
    for (const { fix, reason } of notes.leftOut) {
      lines.push(`- ${fix.finding.ruleId} on ${codeSpan(fix.finding.resource)}: ${escapeMarkdown(reason)}.`);
    }
    if (notes.nextId !== undefined) lines.push('', `They are proposed in ${codeSpan(`fargate-warden/${notes.nextId}`)} when they still apply after this one.`);
  }
  lines.push('', `<sub>Generated by fargate-warden. Run ${codeSpan('fargate-warden fix')} locally to see the same diff.</sub>`);
  return `${lines.join('\n')}\n`;
}

/** Our own command lines and names as code: they hold no backtick, so a plain code span is safe. */
function cmd(text: string): string {
  return `\`${text}\``;
}

function has(fixes: VerifiedFix[], ...ids: string[]): boolean {
  return fixes.some((f) => ids.includes(f.finding.ruleId));
}

function servicesOf(fixes: VerifiedFix[]): string[] {
  return [...new Set(fixes.map((f) => f.finding.service).filter((s): s is string => s !== undefined))].sort();
}

function verifySteps(fixes: VerifiedFix[]): string[] {
  const steps: string[] = [];
  const services = servicesOf(fixes);
  const named = services.length > 0 ? services.map((s) => codeSpan(s)).join(', ') : 'the affected services';
  steps.push(
    `Check that the tasks of ${named} reach RUNNING and stay there: ${cmd('aws ecs describe-services --cluster <cluster> --services <service>')} shows ${cmd('runningCount')} equal to ${cmd('desiredCount')} and a completed deployment, and ${cmd('aws ecs list-tasks --cluster <cluster> --desired-status STOPPED')} lists no new tasks stopped with ${cmd('CannotPullContainerError')} or ${cmd('ResourceInitializationError')}.`,
  );
  if (has(fixes, 'FW101', 'FW102', 'FW103', 'FW104', 'FW106', 'FW108')) {
    steps.push(
      `Confirm which role the application runs with, from inside a task through ECS Exec: ${cmd('aws ecs execute-command --cluster <cluster> --task <task-id> --interactive --command "aws sts get-caller-identity"')} must show the task role. Then exercise the application paths that use the changed permissions and watch for ${cmd('AccessDenied')} in the service logs.`,
    );
  }
  if (has(fixes, 'FW108')) steps.push(`Open a session: ${cmd('aws ecs execute-command --cluster <cluster> --task <task-id> --interactive --command "/bin/sh"')} now connects (tasks started before the deployment keep their old permissions until replaced).`);
  if (has(fixes, 'FW107')) steps.push('New tasks start without `ResourceInitializationError: unable to pull secrets or registry auth`.');
  if (has(fixes, 'FW203', 'FW305')) {
    steps.push('Watch the service logs and the VPC flow logs for rejected outbound connections from the task ENIs (`REJECT` records): a destination the service needs that is not in the new egress rules shows up there, as connection timeouts in the application.');
  }
  if (has(fixes, 'FW202')) steps.push('The service still answers through its load balancer (target group targets healthy), and no longer from anywhere else.');
  if (has(fixes, 'FW301', 'FW302', 'FW303', 'FW304', 'FW306')) {
    steps.push(`From inside a task, AWS service names resolve to private addresses in the VPC: ${cmd('aws ecs execute-command … --command "getent hosts api.ecr.<region>.amazonaws.com"')} returns addresses in the VPC CIDR.`);
  }
  return steps;
}

function rolloutSteps(fixes: VerifiedFix[]): string[] {
  const steps: string[] = ['Deploy to a non-production environment first, and keep the ECS deployment circuit breaker with rollback on, so a task that cannot start rolls the service back instead of taking it down.'];
  if (has(fixes, 'FW301', 'FW302', 'FW303', 'FW304', 'FW305', 'FW306')) {
    steps.push('Endpoint and security group changes take effect for running tasks as soon as the stack update creates them; create endpoints before removing any NAT route the tasks still use.');
  }
  if (has(fixes, 'FW202', 'FW203')) {
    steps.push('Security group rule changes apply to running tasks immediately, without a new deployment: schedule the change when you can watch the service, and revert this pull request to roll back.');
  }
  if (has(fixes, 'FW201')) steps.push('Turning public IPs off replaces every task (a new deployment): tasks must reach ECR, S3 and CloudWatch Logs through the private path before the old ones stop.');
  if (has(fixes, 'FW101', 'FW102', 'FW103', 'FW104', 'FW106', 'FW107', 'FW108')) {
    steps.push('IAM changes reach running tasks within minutes (credentials refresh); narrowed permissions can surface as AccessDenied on rarely used code paths, so watch the logs for a full business cycle.');
  }
  return steps;
}
