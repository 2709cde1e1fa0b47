import { SEVERITIES, type Finding, type Service, type Severity } from '../model/index.ts';
import type { ScanResult, ServiceSummary } from '../engine.ts';
import type { SecurityGroupRuleChange } from '../diff/types.ts';

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
