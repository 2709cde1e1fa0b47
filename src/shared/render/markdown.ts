import type { Finding, Severity } from '../model/index.ts';
import type { ScanResult, ServiceSummary } from '../engine.ts';
import { docsUrl } from '../rules/types.ts';
import { INTERNAL_FILE } from '../rules/run.ts';
import { codeSpan, escapeMarkdown, tableCodeSpan } from './escape.ts';
import {
  countBySeverity, describeCounts, entryFindings, entryLine, groupFindings, internetIngress, needsCoverage, reportEntries, worstSeverity, yesNoUnknown,
  type ReportEntry,
} from './summary.ts';

/** GitHub rejects comment and summary bodies above 65,536 characters; leave room for a wrapper. */
export const MARKDOWN_LIMIT = 60_000;

export interface MarkdownOptions {
  /** Link for a file line (e.g. a blob URL at the head commit); without it locations are plain text. */
  fileLink?: (file: string, line: number) => string | undefined;
  /** Character budget for the whole body. Default MARKDOWN_LIMIT. */
  limit?: number;
}

const ICON: Record<Severity, string> = { critical: '🟥', high: '🟧', medium: '🟨', low: '🟦', info: '⬜' };

/**
 * The scan report as GitHub markdown: headline, per-service table, findings per service with
 * links to rule docs, errors. Every template string goes through escapeMarkdown. The size limit is
 * planned: rows are added while they fit, and what did not fit is summarised, never cut mid-row.
 */
export function renderMarkdown(result: ScanResult, options: MarkdownOptions = {}): string {
  const limit = options.limit ?? MARKDOWN_LIMIT;
  // The budget is planned from measured sizes; the small joins between sections are estimated,
  // so if the estimate was short, render again with more slack rather than cut the text.
  let slack = 200;
  for (let attempt = 0; attempt < 4; attempt++) {
    const body = renderWithin(result, options, limit, slack);
    if (body.length <= limit) return body;
    slack += body.length - limit + 500;
  }
  return `## fargate-warden\n\nThe report is too large to show here; run \`fargate-warden scan --format json\` for all of it.\n`;
}

function renderWithin(result: ScanResult, options: MarkdownOptions, limit: number, slack: number): string {
  const { groups, other, suppressed } = groupFindings(result);
  const counts = countBySeverity(result.findings);
  const active = result.findings.filter((f) => f.suppressed === undefined);
  const worst = worstSeverity(result.findings);

  const head: string[] = [];
  const headline = worst === undefined ? '✅' : ICON[worst];
  head.push(`## ${headline} fargate-warden: ${describeCounts(counts)} in ${plural(result.services.length, 'service')}`);
  head.push('');
  const facts = [
    suppressed > 0 ? `${suppressed} suppressed` : undefined,
    result.errors.length > 0 ? `**${plural(result.errors.length, 'input error')}** (see below)` : undefined,
    result.infra.unresolved.length > 0
      ? `${plural(result.infra.unresolved.length, 'value')} could not be resolved from the files and ${result.infra.unresolved.length === 1 ? 'was' : 'were'} treated as unknown`
      : undefined,
  ].filter((x): x is string => x !== undefined);
  if (facts.length > 0) head.push(facts.join(' · '), '');

  // Tail sections are rendered first so their size is known before the body spends the budget.
  const tail = renderErrors(result, options);
  let budget = limit - size(head) - size(tail) - slack;

  const body: string[] = [];
  if (result.services.length > 0) {
    const header = ['| Service | Public IP | Internet ingress | Egress | AWS services reachable | Findings |', '| --- | --- | --- | --- | --- | --- |'];
    const keyCount = new Map<string, number>();
    for (const s of result.services) keyCount.set(s.key, (keyCount.get(s.key) ?? 0) + 1);
    const rows = groups
      .flatMap((g) => g.services.map((s) => ({ s, findings: g.findings })))
      .sort((a, b) => rankOf(a.findings) - rankOf(b.findings))
      .map(({ s, findings }) => serviceRow(result, s, findings, (keyCount.get(s.key) ?? 0) > 1));
    // The table gets at most half the budget so findings always have room.
    const { kept, dropped } = fit(rows, Math.floor(budget / 2) - size(header));
    body.push(...header, ...kept);
    if (dropped > 0) body.push('', `_…and ${plural(dropped, 'more service')} without room in this report; run \`fargate-warden scan --format json\` for all of them._`);
    body.push('');
    budget -= size(body);
  }

  if (active.length > 0) {
    body.push('### Findings', '');
    const sections: { title: string; key?: string; entries: ReportEntry[] }[] = [
      ...groups.filter((g) => g.findings.length > 0).map((g) => ({ title: `Service ${codeSpan(g.key)}`, key: g.key, entries: reportEntries(result, g) })),
      ...(other.length > 0 ? [{ title: 'Not tied to a service', entries: other }] : []),
    ];
    let shown = 0;
    for (const section of sections) {
      const title = [`#### ${section.title}`, ''];
      if (size(title) + 100 > budget) break;
      // Findings that read as one (FW301's of one cause, one rule's under several keys): one list item (see serviceEntries).
      const lines = section.entries.map((e) => {
        const { finding, times } = entryLine(section.key ?? '', e);
        return findingLine(finding, options, times);
      });
      const { kept } = fit(lines, budget - size(title));
      if (kept.length === 0) break;
      body.push(...title, ...kept, '');
      shown += section.entries.slice(0, kept.length).reduce((n, e) => n + entryFindings(e).length, 0);
      budget -= size(title) + size(kept) + 1;
      if (kept.length < section.entries.length) break;
    }
    if (shown < active.length) {
      body.push(`_…and ${plural(active.length - shown, 'more finding')} not shown to stay within GitHub's size limit; the SARIF and JSON reports list every finding._`, '');
    }
  }

  return `${[...head, ...body, ...tail].join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function serviceRow(result: ScanResult, s: ServiceSummary, findings: Finding[], showFile: boolean): string {
  const cov = needsCoverage(s);
  const missing = [...cov.uncovered.map((n) => `❌ ${escapeMarkdown(n)}`), ...cov.unknown.map((n) => `❔ ${escapeMarkdown(n)}`)];
  const coverage = cov.total === 0 ? '—' : `${cov.covered}/${cov.total}${missing.length > 0 ? ` (${missing.join(', ')})` : ''}`;
  const qualifiers = [s.key === s.resource ? undefined : escapeMarkdown(s.resource), showFile ? escapeMarkdown(s.file) : undefined].filter((q) => q !== undefined);
  const name = `${tableCodeSpan(s.key)}${qualifiers.length > 0 ? ` (${qualifiers.join(', ')})` : ''}`;
  const ingress = internetIngress(result, s);
  const counts = describeCounts(countBySeverity(findings));
  return `| ${name} | ${yesNoUnknown(s.publicIp)} | ${ingress === undefined ? '—' : yesNoUnknown(ingress)} | ${escapeMarkdown(s.egress)} | ${coverage} | ${counts === 'no findings' ? '✅ none' : counts} |`;
}

function findingLine(f: Finding, options: MarkdownOptions, count = ''): string {
  const rule = `[${f.ruleId}](${docsUrl(f.ruleId)})${count}`;
  const place = `${f.file}:${f.line}`;
  const link = options.fileLink?.(f.file, f.line);
  const where = link === undefined ? codeSpan(place) : `[${escapeMarkdown(place)}](${safeUrl(link)})`;
  const cdk = (f.cdkPath === undefined ? '' : ` (${codeSpan(f.cdkPath)})`) + (f.cdkSource === undefined ? '' : ` · CDK code ${codeSpan(f.cdkSource)}`);
  return `- ${ICON[f.severity]} **${f.severity}** ${rule} ${codeSpan(f.resource)}${cdk} · ${where}<br>${escapeMarkdown(f.message)}`;
}

function renderErrors(result: ScanResult, options: MarkdownOptions): string[] {
  if (result.errors.length === 0) return [];
  const lines = ['### Errors', ''];
  const max = 50;
  for (const e of result.errors.slice(0, max)) {
    const link = e.file === INTERNAL_FILE ? undefined : options.fileLink?.(e.file, e.line);
    const place = e.file === INTERNAL_FILE ? 'fargate-warden' : `${e.file}:${e.line}`;
    const where = link === undefined ? codeSpan(place) : `[${escapeMarkdown(place)}](${safeUrl(link)})`;
    lines.push(`- ${where}: ${escapeMarkdown(e.message)}`);
  }
  if (result.errors.length > max) lines.push(`- _…and ${result.errors.length - max} more_`);
  lines.push('');
  return lines;
}

/** A link built by the caller from a template path: only http(s), and nothing that can close the link syntax. */
function safeUrl(url: string): string {
  if (!/^https?:\/\//i.test(url)) return '#';
  return url.replace(/[()<>\s"'`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function fit(lines: string[], budget: number): { kept: string[]; dropped: number } {
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > budget) break;
    kept.push(line);
    used += line.length + 1;
  }
  return { kept, dropped: lines.length - kept.length };
}

function size(lines: string[]): number {
  return lines.reduce((n, l) => n + l.length + 1, 0);
}

function rankOf(findings: Finding[]): number {
  const worst = worstSeverity(findings);
  return worst === undefined ? 99 : ['critical', 'high', 'medium', 'low', 'info'].indexOf(worst);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
