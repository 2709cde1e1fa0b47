import type { Finding, Severity } from '../../model/index.ts';
import type { PostureDiff, ServiceDiff } from '../../diff/types.ts';
import { DOCS_BASE, docsUrl } from '../../rules/types.ts';
import { codeSpan, escapeMarkdown } from '../escape.ts';
import { serviceFlowchart } from './mermaid.ts';

export const COMMENT_MARKER = '<!-- fargate-warden:comment -->';

/** GitHub rejects comment bodies over 65,536 characters; keep a margin for what the Action appends. */
export const COMMENT_LIMIT = 65_536;
const BUDGET = 60_000;

export interface CommentOptions {
  /** `https://github.com/owner/repo` (or a GHES URL), to link file lines; plain `file:line` without it. */
  repoUrl?: string;
  /** Commit the links point at (the PR head). */
  ref?: string;
  /** Name of the comparison for the headline, e.g. `main…feature`. */
  title?: string;
}

/**
 * The pull-request comment: marker, one-line verdict, one row per changed service, then a
 * collapsible section per changed service. Rendered at decreasing levels of detail until it
 * fits GitHub's limit, so it is summarized, never cut in the middle of a table or code block.
 */
export function renderComment(diff: PostureDiff, options: CommentOptions = {}): string {
  for (const level of DETAIL_LEVELS) {
    const body = renderAtLevel(diff, options, level);
    if (body.length <= BUDGET) return body;
  }
  // The last level lists each changed service on one line; if even that is too long, list
  // only as many as fit and say how many were left out.
  return renderAtLevel(diff, options, { ...DETAIL_LEVELS[DETAIL_LEVELS.length - 1], maxTableRows: fitRows(diff, options) });
}

interface DetailLevel {
  name: string;
  /** Rows per change list inside a service's details. */
  maxRows: number;
  mermaid: boolean;
  details: boolean;
  /** Rows in the summary table. */
  maxTableRows: number;
}

const DETAIL_LEVELS: DetailLevel[] = [
  { name: 'full', maxRows: 50, mermaid: true, details: true, maxTableRows: Infinity },
  { name: 'shorter change lists', maxRows: 15, mermaid: true, details: true, maxTableRows: Infinity },
  { name: 'no flowcharts', maxRows: 10, mermaid: false, details: true, maxTableRows: Infinity },
  { name: 'short change lists', maxRows: 3, mermaid: false, details: true, maxTableRows: Infinity },
  { name: 'summary table only', maxRows: 0, mermaid: false, details: false, maxTableRows: Infinity },
];

function fitRows(diff: PostureDiff, options: CommentOptions): number {
  let low = 0;
  let high = diff.services.length;
  const last = DETAIL_LEVELS[DETAIL_LEVELS.length - 1];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (renderAtLevel(diff, options, { ...last, maxTableRows: mid }).length <= BUDGET) low = mid;
    else high = mid - 1;
  }
  return low;
}

const VERDICT_TEXT: Record<PostureDiff['verdict'], string> = {
  broadening: '🔺 **Broadening**',
  narrowing: '🔻 **Narrowing**',
  mixed: '🔀 **Mixed**',
  none: '✅ **No posture change**',
};

const SEVERITY_ICON: Record<Severity, string> = { critical: '🟥', high: '🟧', medium: '🟨', low: '🟦', info: '⬜' };

function renderAtLevel(diff: PostureDiff, options: CommentOptions, level: DetailLevel): string {
  const changed = diff.services.filter((s) => s.status !== 'unchanged');
  const unchanged = diff.services.filter((s) => s.status === 'unchanged');
  const out: string[] = [COMMENT_MARKER];
  const title = options.title === undefined ? '' : ` for ${escapeMarkdown(options.title)}`;
  out.push(`### fargate-warden${title}: ${VERDICT_TEXT[diff.verdict]}`);
  out.push('');
  if (changed.length === 0 && diff.findings.new.length === 0 && diff.findings.resolved.length === 0) {
    out.push(diff.services.length === 0
      ? 'This change touches no ECS service definitions and no resource they depend on.'
      : `This change does not affect the permissions, network exposure or reachability of any Fargate service (${count(diff.services.length, 'service')} checked).`);
    return out.join('\n') + '\n';
  }
  if (diff.reasons.length > 0) {
    out.push(diff.reasons.slice(0, 6).map(escapeMarkdown).join(' · ') + (diff.reasons.length > 6 ? ` · and ${diff.reasons.length - 6} more` : ''));
    out.push('');
  }
  const startupBreaks = changed.flatMap((s) => s.needs.lost.filter((n) => n.kind === 'startup').map((n) => `${s.key}: ${n.service}`));
  if (startupBreaks.length > 0) {
    out.push(`> [!CAUTION]\n> Tasks will fail to start: ${escapeMarkdown(startupBreaks.join(', '))} can no longer be reached.`);
    out.push('');
  }

  if (changed.length > 0) {
    out.push('| Service | Permissions | Ingress | Egress | Endpoint coverage | Findings |');
    out.push('| --- | --- | --- | --- | --- | --- |');
    const rows = changed.slice(0, level.maxTableRows);
    for (const s of rows) out.push(tableRow(s));
    out.push('');
    if (rows.length < changed.length) {
      out.push(`_${changed.length - rows.length} more changed services are not listed, to stay within GitHub's comment size limit; run \`fargate-warden diff\` locally for all of them._`);
      out.push('');
    }
  }
  if (unchanged.length > 0) {
    const names = unchanged.slice(0, 20).map((s) => escapeMarkdown(s.key)).join(', ');
    out.push(`${count(unchanged.length, 'service')} unchanged: ${names}${unchanged.length > 20 ? `, and ${unchanged.length - 20} more` : ''}.`);
    out.push('');
  }

  if (level.details) {
    for (const s of changed.slice(0, level.maxTableRows)) out.push(...serviceDetails(s, options, level));
  }
  const global = diff.findings.new.filter((f) => f.service === undefined);
  const globalResolved = diff.findings.resolved.filter((f) => f.service === undefined);
  if (global.length > 0 || globalResolved.length > 0) {
    out.push('<details><summary>Findings not tied to one service</summary>', '');
    out.push(...findingList('New', global, options, level.details ? level.maxRows : 5));
    out.push(...findingList('Resolved', globalResolved, options, level.details ? level.maxRows : 5));
    out.push('</details>', '');
  }
  if (level.name !== 'full') out.push(`<sub>Summarized (${level.name}) to stay within GitHub's comment size limit.</sub>`);
  out.push(`<sub>fargate-warden · ${diff.findings.unchanged.length} unchanged findings not shown · [rules](${DOCS_BASE})</sub>`);
  return out.join('\n') + '\n';
}

function tableRow(s: ServiceDiff): string {
  const ingress = s.securityGroupRules;
  const inAdded = ingress.added.filter((r) => r.direction === 'ingress').length;
  const inRemoved = ingress.removed.filter((r) => r.direction === 'ingress').length;
  const egAdded = ingress.added.filter((r) => r.direction === 'egress').length;
  const egRemoved = ingress.removed.filter((r) => r.direction === 'egress').length;
  const route = s.exposure.before?.defaultRoute !== s.exposure.after?.defaultRoute && s.exposure.before && s.exposure.after
    ? ` (${s.exposure.before.defaultRoute} → ${s.exposure.after.defaultRoute})`
    : '';
  const coverage = [
    ...s.needs.lost.map((n) => `❌ ${codeSpan(n.service)}`),
    ...s.needs.gained.map((n) => `✅ ${codeSpan(n.service)}`),
  ].join(' ') || '—';
  const status = s.status === 'added' ? ' 🆕' : s.status === 'removed' ? ' 🗑️' : '';
  const findings = s.findings.new.length + s.findings.resolved.length === 0
    ? '—'
    : [s.findings.new.length > 0 ? `${s.findings.new.length} new` : '', s.findings.resolved.length > 0 ? `${s.findings.resolved.length} resolved` : ''].filter(Boolean).join(' · ');
  return `| ${codeSpan(s.key)}${status} | ${plusMinus(s.permissions.added.length, s.permissions.removed.length)} | ${plusMinus(inAdded, inRemoved)}${exposureNote(s)} | ${plusMinus(egAdded, egRemoved)}${route} | ${coverage} | ${findings} |`;
}

function exposureNote(s: ServiceDiff): string {
  const { before, after } = s.exposure;
  if (before === null || after === null) return '';
  const notes: string[] = [];
  if (before.publicIp !== after.publicIp) notes.push(after.publicIp === true ? 'public IP on' : after.publicIp === false ? 'public IP off' : 'public IP unknown');
  if (before.internetIngress !== after.internetIngress) notes.push(after.internetIngress === true ? 'internet ingress' : 'no internet ingress');
  return notes.length === 0 ? '' : ` (${notes.join(', ')})`;
}

function plusMinus(added: number, removed: number): string {
  if (added === 0 && removed === 0) return '—';
  return [added > 0 ? `+${added}` : '', removed > 0 ? `−${removed}` : ''].filter(Boolean).join(' ');
}

function where(file: string, line: number, options: CommentOptions): string {
  const label = `${escapeMarkdown(file)}:${line}`;
  if (options.repoUrl === undefined || options.ref === undefined) return label;
  const path = file.split('/').map(encodeURIComponent).join('/');
  return `[${label}](${options.repoUrl}/blob/${encodeURIComponent(options.ref)}/${path}#L${line})`;
}

function serviceDetails(s: ServiceDiff, options: CommentOptions, level: DetailLevel): string[] {
  const out: string[] = [];
  const state = s.status === 'added' ? 'new service' : s.status === 'removed' ? 'removed' : 'changed';
  out.push(`<details><summary><b>${escapeMarkdown(s.key)}</b> — ${state}</summary>`, '');
  if (s.cdkPath !== undefined) out.push(`CDK construct: ${codeSpan(s.cdkPath)}`, '');
  const { before, after } = s.exposure;
  if (before !== null && after !== null) {
    out.push(`**Exposure:** public IP ${yesNo(before.publicIp)} → ${yesNo(after.publicIp)} · internet ingress ${yesNo(before.internetIngress)} → ${yesNo(after.internetIngress)} · default route ${before.defaultRoute} → ${after.defaultRoute}`, '');
  }
  const perms = [...s.permissions.added.map((p) => ({ sign: '+', p })), ...s.permissions.removed.map((p) => ({ sign: '−', p }))];
  if (perms.length > 0 && level.maxRows > 0) {
    out.push('**Permissions**', '', '| ± | Role | Action | Resource | Access level | Where |', '| --- | --- | --- | --- | --- | --- |');
    for (const { sign, p } of perms.slice(0, level.maxRows)) {
      const condition = p.condition === undefined ? '' : ' (with condition)';
      out.push(`| ${sign} | ${codeSpan(p.role)} (${p.roleKind}) | ${codeSpan(p.action)} | ${codeSpan(p.resource)}${condition} | ${p.accessLevel} | ${where(p.file, p.line, options)} |`);
    }
    out.push('');
    if (perms.length > level.maxRows) out.push(`_and ${perms.length - level.maxRows} more permission changes (${summarizeServices(perms.map((x) => x.p.action))})._`, '');
  }
  const rules = [...s.securityGroupRules.added.map((r) => ({ sign: '+', r })), ...s.securityGroupRules.removed.map((r) => ({ sign: '−', r }))];
  if (rules.length > 0 && level.maxRows > 0) {
    out.push('**Security-group rules**', '', '| ± | Group | Direction | Protocol | Ports | Peer | Where |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const { sign, r } of rules.slice(0, level.maxRows)) {
      const peer = r.world ? `${codeSpan(r.peer)} (internet)` : codeSpan(r.peer);
      const implicit = r.explicit ? '' : ' (implicit default)';
      out.push(`| ${sign} | ${codeSpan(r.group)} | ${r.direction} | ${codeSpan(r.protocol)} | ${codeSpan(r.ports)} | ${peer}${implicit} | ${where(r.file, r.line, options)} |`);
    }
    out.push('');
    if (rules.length > level.maxRows) out.push(`_and ${rules.length - level.maxRows} more rule changes._`, '');
  }
  if (s.needs.lost.length + s.needs.gained.length > 0) {
    out.push('**Reaching AWS services**', '');
    for (const n of s.needs.lost) {
      const was = n.before === undefined ? '' : ` (was reached via ${escapeMarkdown(n.before)})`;
      const impact = n.kind === 'startup' ? 'tasks will fail to start' : 'calls will fail at run time';
      out.push(`- ❌ ${escapeMarkdown(n.service)} — needed for ${escapeMarkdown(n.reason)}; no route or usable endpoint now${was}: ${impact}.`);
    }
    for (const n of s.needs.gained) out.push(`- ✅ ${escapeMarkdown(n.service)} — needed for ${escapeMarkdown(n.reason)}; now reached via ${escapeMarkdown(n.after ?? 'a route')}.`);
    out.push('');
  }
  out.push(...findingList('New findings', s.findings.new, options, level.maxRows));
  out.push(...findingList('Resolved findings', s.findings.resolved, options, level.maxRows));
  if (level.mermaid) out.push(...serviceFlowchart(s));
  out.push('</details>', '');
  return out;
}

function findingList(title: string, findings: Finding[], options: CommentOptions, maxRows: number): string[] {
  if (findings.length === 0) return [];
  const shown = findings.slice(0, Math.max(maxRows, 1));
  const out = [`**${title}**`, ''];
  for (const f of shown) {
    out.push(`- ${SEVERITY_ICON[f.severity]} ${f.severity} [${f.ruleId}](${docsUrl(f.ruleId)}) ${escapeMarkdown(f.message)} — ${codeSpan(f.resource)} at ${where(f.file, f.line, options)}`);
  }
  if (findings.length > shown.length) out.push(`- and ${findings.length - shown.length} more`);
  out.push('');
  return out;
}

function yesNo(v: boolean | 'unknown'): string {
  return v === 'unknown' ? 'unknown' : v ? 'yes' : 'no';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `s3 ×12, sqs ×3`: what a long list of actions is mostly about. */
function summarizeServices(actions: string[]): string {
  const counts = new Map<string, number>();
  for (const a of actions) {
    const prefix = a.split(':')[0] ?? a;
    counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([p, n]) => `${escapeMarkdown(p)} ×${n}`).join(', ');
}
