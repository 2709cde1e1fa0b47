import { SEVERITIES, describeAnyOutcome, type EgressPath, type Finding, type Service, type Severity } from '../model/index.ts';
import type { ScanResult, ServiceSummary } from '../engine.ts';
import type { SecurityGroupRuleChange, ServiceDiff } from '../diff/types.ts';
import { listWords } from '../rules/words.ts';
import { unreachableAwsServices } from '../analysis/needs.ts';
import { groupBy } from '../diff/findings.ts';

/** Shared by the text and markdown renderers so both tell the same story. */

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function bySeverityThenPlace(a: Finding, b: Finding): number {
  return severityRank(a.severity) - severityRank(b.severity) || cmp(a.file, b.file) || a.line - b.line || cmp(a.ruleId, b.ruleId) || cmp(a.resource, b.resource);
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) if (f.suppressed === undefined) counts[f.severity]++;
  return counts;
}

/** `1 critical, 2 high` (zero counts left out), or `no findings`. */
export function describeCounts(counts: Record<Severity, number>): string {
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length === 0 ? 'no findings' : parts.join(', ');
}

export function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) {
    if (f.suppressed !== undefined) continue;
    if (worst === undefined || severityRank(f.severity) < severityRank(worst)) worst = f.severity;
  }
  return worst;
}

export interface ServiceGroup {
  key: string;
  services: ServiceSummary[];
  /** Active (not suppressed) findings for the service, worst first. */
  findings: Finding[];
}

/**
 * Findings grouped under the service they affect (by service key, in the order of `services`),
 * then the ones tied to no service. Suppressed findings are left out and only counted.
 */
export function groupFindings(result: ScanResult): { groups: ServiceGroup[]; other: Finding[]; suppressed: number } {
  const groups = new Map<string, ServiceGroup>();
  for (const s of result.services) {
    const g = groups.get(s.key) ?? { key: s.key, services: [], findings: [] };
    g.services.push(s);
    groups.set(s.key, g);
  }
  const other: Finding[] = [];
  let suppressed = 0;
  for (const f of result.findings) {
    if (f.suppressed !== undefined) {
      suppressed++;
      continue;
    }
    if (f.service === undefined) {
      other.push(f);
      continue;
    }
    let g = groups.get(f.service);
    if (g === undefined) {
      g = { key: f.service, services: [], findings: [] };
      groups.set(f.service, g);
    }
    g.findings.push(f);
  }
  for (const g of groups.values()) g.findings.sort(bySeverityThenPlace);
  other.sort(bySeverityThenPlace);
  return { groups: [...groups.values()], other, suppressed };
}

/** The service entity behind a summary, for its line. */
export function serviceEntity(result: ScanResult, summary: ServiceSummary): Service | undefined {
  return result.infra.services.find((s) => s.logicalId === summary.resource && s.file === summary.file);
}

export function needsCoverage(summary: ServiceSummary): { covered: number; total: number; uncovered: string[]; unknown: string[] } {
  const needs = distinctNeeds(summary);
  const uncovered = needs.filter((n) => n.covered === false).map((n) => n.service);
  const unknown = needs.filter((n) => n.covered === 'unknown').map((n) => n.service);
  return { covered: needs.filter((n) => n.covered === true).length, total: needs.length, uncovered: dedupe(uncovered), unknown: dedupe(unknown) };
}

/**
 * The service's needs as a reader counts them: one per AWS service reached one way. A service
 * needs `logs` for its log driver and again for what its task role calls; the two reasons are
 * kept in the JSON, but "✓ logs via igw" said twice is one fact.
 */
export function distinctNeeds(summary: ServiceSummary): ServiceSummary['needs'] {
  const seen = new Set<string>();
  return summary.needs.filter((n) => {
    const key = `${n.service}\u0000${String(n.covered)}\u0000${n.via ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function yesNoUnknown(v: boolean | 'unknown'): string {
  return v === 'unknown' ? 'unknown' : v ? 'yes' : 'no';
}

/** Whether the service accepts traffic from the internet, from the posture. */
export function internetIngress(result: ScanResult, summary: ServiceSummary): boolean | 'unknown' | undefined {
  return result.posture.services.find((p) => p.key === summary.key && result.infra.services.some((s) => s.id === p.serviceId && s.file === summary.file))?.internetIngress;
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * How a rule's ports read: `port 443`, `all ports`; for ICMP, whose FromPort/ToPort are a type and
 * a code, `type 3 code 4`, `type 8` (every code) or `all types`. `quote` marks the values up.
 */
export function portsPhrase(r: Pick<SecurityGroupRuleChange, 'protocol' | 'ports' | 'icmpCode'>, quote: (value: string) => string = (v) => v): string {
  const icmp = isIcmp(r.protocol);
  if (r.ports === 'all') return icmp ? 'all types' : 'all ports';
  if (!icmp) return `port ${quote(r.ports)}`;
  return `type ${quote(r.ports)}${r.icmpCode === undefined ? '' : ` code ${quote(String(r.icmpCode))}`}`;
}

/** ICMP or ICMPv6, by name or number: their FromPort/ToPort are a type and a code, not ports. */
export function isIcmp(protocol: string): boolean {
  return /^(?:icmp|icmpv6|1|58)$/i.test(protocol);
}

/** What a listed change that gains or loses nothing is (see PermissionChange.covered): added, already allowed; removed, still allowed. */
export function coveredPhrase(added: boolean): string {
  return added ? 'already allowed' : 'still allowed';
}

/**
 * FW301's findings for a service with no path to AWS at all: no usable route to the internet and
 * no VPC endpoint in its VPC (`egress: none`). The rule reports one finding per AWS service (each
 * has its own fix, and `diff` and suppressions match them one by one), but they share that one
 * cause, so reports show them as one entry.
 */
export interface NoPathGroup extends FindingGroup {
  /** AWS services the tasks need at start-up, and the ones only the application calls. */
  startup: string[];
  runtime: string[];
}

/** What grouping FW301's findings needs to know of their service on the side that reported them. */
export interface NoPathSide {
  egress: EgressPath;
  /** The AWS services it cannot reach for want of any path (see unreachableAwsServices). */
  unreachable: { startup: string[]; runtime: string[] };
}

/** A service group's findings as reports list them: findings that read as one become one entry (see serviceEntries). */
export function reportEntries(result: ScanResult, group: ServiceGroup): ReportEntry[] {
  const [summary] = group.services;
  const posture = group.services.length === 1 ? result.posture.services.find((p) => p.key === summary?.key) : undefined;
  return serviceEntries(group.findings, summary === undefined || posture === undefined ? undefined : { egress: summary.egress, unreachable: unreachableAwsServices(posture.needs) });
}

/**
 * One service's findings, on one side, as reports list them (see reportEntries): the scan's, or a
 * diff's new or resolved ones. Each group becomes one entry at the place of its first finding:
 * FW301's findings when they are all of the side's (one per AWS service it cannot reach, so the
 * entry's list of AWS services is theirs), and findings that differ only in the key of their
 * `when …` clause (see keysGroup).
 */
export function serviceEntries(findings: Finding[], side: NoPathSide | undefined): ReportEntry[] {
  const noPath = side === undefined ? undefined : noPathGroup(side, findings);
  const groups: (NoPathGroup | KeysGroup)[] = noPath === undefined ? [] : [noPath];
  const candidates = groupBy(findings.filter((f) => f.suppressed === undefined && noPath?.findings.includes(f) !== true), (f) =>
    JSON.stringify([f.ruleId, f.resource, f.file, f.line, f.severity, f.service ?? '', f.cdkPath ?? '', f.escalatedFrom ?? '']));
  for (const same of candidates.values()) {
    const keys = same.length < 2 ? undefined : keysGroup(same);
    if (keys !== undefined) groups.push(keys);
  }
  if (groups.length === 0) return findings;
  const byFirst = new Map(groups.map((g) => [g.findings[0]!, g]));
  const grouped = new Set(groups.flatMap((g) => g.findings));
  return findings.flatMap((f): ReportEntry[] => {
    const group = byFirst.get(f);
    return group !== undefined ? [group] : grouped.has(f) ? [] : [f];
  });
}

/**
 * Findings of one rule at one place for one service that differ only in the key of the `when …`
 * clause their messages say their outcome in (FW202 for a CIDR a FindInMap opens to the world under
 * two keys): one entry, `when Env is dev or sandbox`. Read from the outcome each finding carries
 * (Finding.outcome), not from its message: only map keys of one parameter qualify, each once, with
 * the same message around the clause (a condition's outcomes stay one by one: `true or false` would
 * read as no condition at all).
 */
function keysGroup(findings: readonly Finding[]): KeysGroup | undefined {
  const first = findings[0]?.outcome;
  const apart = (f: Finding): boolean => f.outcome === undefined || f.outcome.when.length === 0 || f.outcome.before !== first?.before || f.outcome.after !== first.after;
  if (first === undefined || findings.some(apart)) return undefined;
  const outcomes = findings.flatMap((f) => f.outcome!.when);
  const parameter = outcomes[0]?.condition;
  if (outcomes.some((o) => typeof o.value !== 'string' || o.condition !== parameter)) return undefined;
  if (new Set(outcomes.map((o) => o.value)).size !== outcomes.length) return undefined;
  return { findings: [...findings], severity: findings[0]!.severity, message: `${first.before} ${describeAnyOutcome(outcomes, orWords)}${first.after}` };
}

function orWords(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)!}`;
}

/** Findings a report shows as one entry. */
interface FindingGroup {
  findings: Finding[];
  /** The worst severity among them. */
  severity: Severity;
}

export interface KeysGroup extends FindingGroup {
  /** Their message, the keys joined. */
  message: string;
}

/** A finding, or findings a report shows as one. */
export type ReportEntry = Finding | NoPathGroup | KeysGroup;

/**
 * A diff's list of a service's findings as reports list them: new ones read by head's network,
 * resolved and no longer decidable ones (base's findings) by base's. Newly suppressed ones stay one
 * per finding: each carries its own suppression reason.
 */
export function diffEntries(s: Pick<ServiceDiff, 'findings' | 'network'>, list: 'new' | 'resolved' | 'undecided' | 'suppressed'): ReportEntry[] {
  const findings = s.findings[list];
  const path = list === 'new' ? s.network.after : list === 'suppressed' ? null : s.network.before;
  return serviceEntries(findings, path?.unreachable === undefined ? undefined : { egress: path.egress, unreachable: path.unreachable });
}

function isFindingGroup(entry: ReportEntry): entry is NoPathGroup | KeysGroup {
  return 'findings' in entry;
}

/** The findings an entry stands for. */
export function entryFindings(entry: ReportEntry): Finding[] {
  return isFindingGroup(entry) ? entry.findings : [entry];
}

function noPathGroup(side: NoPathSide, all: readonly Finding[]): NoPathGroup | undefined {
  if (side.egress !== 'none') return undefined;
  const findings = all.filter((f) => f.ruleId === 'FW301');
  if (findings.length < 2 || findings.some((f) => f.resource !== findings[0]!.resource || f.file !== findings[0]!.file)) return undefined;
  const { startup, runtime } = side.unreachable;
  // Anything else (a severity override, a finding the analysis does not explain, some of them only) is listed as reported.
  if (startup.length + runtime.length !== findings.length) return undefined;
  return { findings, severity: worstSeverity(findings) ?? findings[0]!.severity, startup, runtime };
}

/**
 * An entry as one finding line shows it: a group as its first finding's place with the group's
 * severity and message, and `×N` to say how many findings it stands for.
 */
export function entryLine(service: string, entry: ReportEntry): { finding: Finding; times: string } {
  if (!isFindingGroup(entry)) return { finding: entry, times: '' };
  const message = 'startup' in entry ? noPathMessage(service, entry) : entry.message;
  return { finding: { ...entry.findings[0]!, severity: entry.severity, message }, times: ` ×${entry.findings.length}` };
}

/** What a NoPathGroup says, for every report that shows one: the cause once, then what it breaks. */
function noPathMessage(service: string, group: NoPathGroup): string {
  const breaks = [
    group.startup.length > 0 ? `${listWords(group.startup)}, which its tasks need at start-up, so tasks will fail to start` : undefined,
    group.runtime.length > 0 ? `${listWords(group.runtime)}, which its application calls at run time, so those calls will time out` : undefined,
  ].filter((x): x is string => x !== undefined);
  return `Service ${service} has no path to AWS: its subnets have no usable route to the internet and its VPC has no VPC endpoint. ` +
    `One cause for ${group.findings.length} FW301 findings, one per AWS service it cannot reach: ${breaks.join('; and ')}. ` +
    'Give the subnets a route through a NAT gateway, or add a VPC endpoint for each (fargate-warden fix --rule FW301 offers them one by one). ' +
    'The JSON and SARIF reports list each finding with its own message.';
}
