import { accessLevelText } from '../access-level.ts';
import { SEVERITY_RANK, conditionPhrases, describeAnyOutcome, describeOutcomes, sameOutcomes, stackOutcomesOf, type AccessLevel, type EgressPath, type Finding, type Severity } from '../../model/index.ts';
import type { EndpointPolicyChange, Exposure, PermissionChange, PostureDiff, SecurityGroupRuleChange, ServiceDiff, Verdict } from '../../diff/types.ts';
import { DOCS_BASE, docsUrl } from '../../rules/types.ts';
import { INVISIBLE, codeSpan, escapeLinkTarget, escapeMarkdown, tableCodeSpan, truncate, truncateMiddle } from '../escape.ts';
import { serviceFlowchart } from './mermaid.ts';
import { changedFindings, stopsStartup } from '../../diff/findings.ts';
import { internetPathChanges, waysIn } from '../../diff/exposure.ts';
import { coveredPhrase, diffEntries, entryFindings, entryLine, portsPhrase, type ReportEntry } from '../summary.ts';

export const COMMENT_MARKER = '<!-- fargate-warden:comment -->';

/** GitHub rejects comment bodies over 65,536 characters. */
export const COMMENT_LIMIT = 65_536;
/** What the comment may use: a margin under the limit for what a caller appends (a footer, a run link). */
export const COMMENT_BUDGET = 60_000;

export interface CommentOptions {
  /** `https://github.com/owner/repo` (or a GHES URL), to link file lines; plain `file:line` without it. */
  repoUrl?: string;
  /** Commit the links point at (the PR head). Removed lines link to `baseRef` when given. */
  ref?: string;
  /** Commit links to removed permissions and rules point at (the PR base). Defaults to `ref`. */
  baseRef?: string;
  /** Name of the comparison for the headline, e.g. `main…feature`. */
  title?: string;
  /** Character budget; default COMMENT_BUDGET. Tests use small ones. */
  budget?: number;
  /**
   * How `ref` numbers a head-side line, when the files analyzed number it otherwise (the Action's
   * merge checkout, where the base branch changed the file too); undefined: `ref` has no such line,
   * and the file is linked without one. Default: as analyzed.
   */
  headLine?: (file: string, line: number) => number | undefined;
  /**
   * How the repository names a report path in links, from its root (the Action's checkout in a
   * subdirectory of the workspace); undefined: not in the repository, and not linked. Default: as it is.
   */
  repositoryPath?: (file: string) => string | undefined;
}

/**
 * The pull-request comment: marker, one-line verdict, why, one row per changed service, then a
 * collapsible section per changed service. Rendered at decreasing levels of detail until it fits
 * the budget, least important detail first (long change lists, flowcharts, details of the least
 * important services, then table rows), so it is summarized, never cut in the middle of a table
 * or code block, and it says what was summarized.
 */
export function renderComment(diff: PostureDiff, options: CommentOptions = {}): string {
  const budget = options.budget ?? COMMENT_BUDGET;
  const ctx = context(diff, options);
  const fits = (level: DetailLevel): string | undefined => {
    const body = renderAtLevel(ctx, level);
    return body.length <= budget ? body : undefined;
  };
  for (const level of FIXED_LEVELS) {
    const body = fits(level);
    if (body !== undefined) return body;
  }
  const changed = ctx.changed.length;
  // Details for the most important services only, as many as fit with short lists; when not even
  // one fits (a few services with huge changes), every service's details with fewer rows, then as
  // many as fit with counts in place of the tables, before details are dropped altogether.
  for (const lists of [SHORT_LISTS, { ...SHORT_LISTS, maxRows: 2 }, COUNTS_ONLY]) {
    if (lists !== SHORT_LISTS) {
      const all = fits({ ...lists, name: 'fewer rows' });
      if (all !== undefined) return all;
    }
    const detailed = largest(changed - 1, (n) => fits({ ...lists, name: 'details', detailsFor: n }) !== undefined);
    if (detailed > 0) return fits({ ...lists, name: 'details', detailsFor: detailed }) as string;
  }
  // The table alone, then as many of its rows as fit.
  const tableOnly: DetailLevel = { ...COUNTS_ONLY, name: 'table', detailsFor: 0, listRows: 3 };
  const whole = fits(tableOnly);
  if (whole !== undefined) return whole;
  const rows = largest(changed - 1, (n) => fits({ ...tableOnly, tableRows: n, listRows: 0 }) !== undefined);
  const someRows = rows > 0 ? fits({ ...tableOnly, tableRows: rows, listRows: 0 }) : undefined;
  return someRows ?? renderAtLevel(ctx, { ...tableOnly, tableRows: 0, listRows: 0, minimal: true });
}

/**
 * The files whose head-side lines the comment shows: each file `CommentOptions.headLine` is asked
 * about, found from the diff without rendering. Those of the fullest level of detail, which every
 * summarized level shows a part of: files whose details a long comment summarizes away count too,
 * so the set does not depend on the budget. Follows what `renderAtLevel` shows at FULL (a test
 * compares the two).
 */
export function headFilesShown(diff: PostureDiff): Set<string> {
  const files = new Set<string>();
  const add = (file: string, line: number): void => {
    if (line > 0) files.add(file);
  };
  const addCdkCode = (source: string | undefined): void => {
    const at = source === undefined ? undefined : cdkCodeLine(source);
    if (at !== undefined) add(at.file, at.line);
  };
  const findings = (entries: readonly ReportEntry[], maxRows: number, side: 'base' | 'head', service = ''): void => {
    for (const entry of bySeverity(entries).slice(0, maxRows)) {
      const { finding } = entryLine(service, entry);
      if (side !== 'head') continue;
      add(finding.file, finding.line);
      addCdkCode(finding.cdkSource);
    }
  };
  const rows = FULL.maxRows;
  const changed = diff.services.filter((s) => s.status !== 'unchanged');
  if (changed.length > 0 || changedFindings(diff.findings).length > 0) {
    for (const s of changed) {
      if (s.status !== 'removed') {
        add(s.file, s.line);
        addCdkCode(s.cdkSource);
      }
      if (s.notCompared !== undefined) continue;
      for (const row of permissionRows(s).slice(0, rows)) if (row.sign === '+') add(row.first.file, row.first.line);
      for (const r of s.securityGroupRules.added.slice(0, rows)) add(r.file, r.line);
      for (const e of s.endpointPolicies.added.slice(0, rows)) add(e.file, e.line);
      findings(diffEntries(s, 'new'), rows, 'head', s.key);
      findings(diffEntries(s, 'resolved'), rows, 'base', s.key);
      findings(diffEntries(s, 'undecided'), rows, 'base', s.key);
      findings(diffEntries(s, 'suppressed'), rows, 'head', s.key);
    }
    const listed = new Set(diff.services.flatMap((s) => changedFindings(s.findings)));
    const global = (list: readonly Finding[]): Finding[] => list.filter((f) => !listed.has(f));
    findings(global(diff.findings.new), Math.max(rows, 3), 'head');
    findings(global(diff.findings.resolved), Math.max(rows, 3), 'base');
    findings(global(diff.findings.undecided), Math.max(rows, 3), 'base');
    findings(global(diff.findings.suppressed), Math.max(rows, 3), 'head');
  }
  for (const u of diff.unresolved.added.slice(0, Math.max(rows, 3))) add(u.file, u.line);
  return files;
}

interface DetailLevel {
  name: string;
  /** Rows per change list inside a service's details (permissions, rules, findings). */
  maxRows: number;
  mermaid: boolean;
  /** How many changed services (most important first) get a details section. */
  detailsFor: number;
  /** Rows in the summary table. */
  tableRows: number;
  /** Reasons and other short lists at the top. */
  listRows: number;
  /** Last resort: headline, counts and the summary note only. */
  minimal?: boolean;
}

const FULL: DetailLevel = { name: 'full', maxRows: 50, mermaid: true, detailsFor: Infinity, tableRows: Infinity, listRows: 8 };
const SHORT_LISTS: DetailLevel = { name: 'short lists', maxRows: 5, mermaid: false, detailsFor: Infinity, tableRows: Infinity, listRows: 8 };
/** Details with counts in place of the permission, rule and endpoint-policy tables, two rows of the other lists. */
const COUNTS_ONLY: DetailLevel = { ...SHORT_LISTS, name: 'counts only', maxRows: 0 };
const FIXED_LEVELS: DetailLevel[] = [
  FULL,
  { ...FULL, name: 'shorter lists', maxRows: 20 },
  { ...FULL, name: 'no flowcharts', maxRows: 20, mermaid: false },
  SHORT_LISTS,
];

/** The largest n in [0, max] for which `ok(n)` holds, assuming it holds for every smaller n. */
function largest(max: number, ok: (n: number) => boolean): number {
  let low = 0;
  let high = Math.max(0, max);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ok(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

interface Ctx {
  diff: PostureDiff;
  options: CommentOptions;
  /** Changed services, most important first. */
  changed: ServiceDiff[];
  unchanged: ServiceDiff[];
  linkBase?: string;
  /** Rendered rows and details by service and level parameters: the levels re-render the same parts. */
  cache: Map<string, string[]>;
}

function cached(ctx: Ctx, key: string, render: () => string[]): string[] {
  let hit = ctx.cache.get(key);
  if (hit === undefined) ctx.cache.set(key, (hit = render()));
  return hit;
}

const VERDICT_RANK: Record<Verdict, number> = { broadening: 0, mixed: 1, narrowing: 2, none: 3 };

function context(diff: PostureDiff, options: CommentOptions): Ctx {
  const changed = diff.services.filter((s) => s.status !== 'unchanged');
  const worst = (s: ServiceDiff): number => Math.min(5, ...s.findings.new.map((f) => SEVERITY_RANK[f.severity]));
  const weight = (s: ServiceDiff): number =>
    s.permissions.added.length + s.securityGroupRules.added.length + s.endpointPolicies.added.length + s.needs.lost.length * 10 + s.findings.new.length * 5;
  changed.sort((a, b) => VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] || worst(a) - worst(b) || weight(b) - weight(a) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const ctx: Ctx = { diff, options, changed, unchanged: diff.services.filter((s) => s.status === 'unchanged'), cache: new Map() };
  // Only a plain http(s) URL becomes a link target; anything else would be a way to plant markup.
  if (options.repoUrl !== undefined && options.ref !== undefined && /^https?:\/\/[A-Za-z0-9.:-]+(\/[A-Za-z0-9._~%-]+)*\/?$/.test(options.repoUrl)) {
    ctx.linkBase = options.repoUrl.replace(/\/$/, '');
  }
  return ctx;
}

const VERDICT_TEXT: Record<Verdict, string> = {
  broadening: '🔺 Broadening',
  narrowing: '🔻 Narrowing',
  mixed: '🔀 Mixed',
  none: '✅ No posture change',
};

const VERDICT_ICON: Record<Verdict, string> = { broadening: '🔺', narrowing: '🔻', mixed: '🔀', none: '▫️' };

const SEVERITY_ICON: Record<Severity, string> = { critical: '🟥', high: '🟧', medium: '🟨', low: '🟦', info: '⬜' };

function renderAtLevel(ctx: Ctx, level: DetailLevel): string {
  const { diff, options, changed, unchanged } = ctx;
  const out: string[] = [COMMENT_MARKER];
  const title = options.title === undefined ? '' : ` for ${text(options.title, 120)}`;
  out.push(`### fargate-warden${title}: ${VERDICT_TEXT[diff.verdict]}`, '');

  out.push(...errorsBlock(diff, level));
  const serviceFindings = changedFindings(diff.findings).length;
  if (changed.length === 0 && serviceFindings === 0) {
    const readable = diff.errors.length > 0 ? ' in the files both sides could read' : '';
    out.push(diff.services.length === 0
      ? `No Fargate-relevant change: no ECS service is defined on either side${readable}.`
      : `No Fargate-relevant change${readable}: the permissions, network exposure and reachability of ${count(diff.services.length, 'service')} stay the same, and no finding is new or resolved.`);
    if (diff.incomplete !== undefined) out.push('', 'The verdict is mixed, not none: what the files above define is not compared where only one side could read them.');
    out.push('');
    out.push(...unresolvedBlock(ctx, level));
    out.push(footer(diff));
    return out.join('\n') + '\n';
  }

  out.push(...reasonsBlock(diff, level));
  const startupBreaks = changed.filter((s) => s.needs.lost.some((n) => n.kind === 'startup') || s.findings.new.some(stopsStartup));
  if (startupBreaks.length > 0) {
    const shown = startupBreaks.slice(0, Math.max(level.listRows, 1));
    out.push('> [!CAUTION]');
    for (const s of shown) {
      const needs = unique(s.needs.lost.filter((n) => n.kind === 'startup').map((n) => n.service));
      const unreachable = needs.length === 0 ? '' : `they ${s.status === 'added' ? 'cannot' : 'can no longer'} reach ${needs.slice(0, 8).map((n) => code(n, 60)).join(', ')}${needs.length > 8 ? ` and ${needs.length - 8} more` : ''}`;
      const iam = s.findings.new.some(stopsStartup) ? 'their execution role cannot do what starting them needs (FW107)' : '';
      out.push(`> Tasks of ${serviceName(s.key)} will fail to start: ${[unreachable, iam].filter((x) => x !== '').join('; ')}.`, '>');
    }
    if (startupBreaks.length > shown.length) out.push(`> And ${count(startupBreaks.length - shown.length, 'more service')}.`, '>');
    out.pop();
    out.push('');
  }

  if (changed.length > 0 && !level.minimal) {
    out.push('| Service | Permissions | Ingress | Egress | Endpoint coverage | Findings |');
    out.push('| --- | --- | --- | --- | --- | --- |');
    const rows = changed.slice(0, level.tableRows);
    rows.forEach((s, i) => out.push(...cached(ctx, `row|${i}`, () => [tableRow(s)])));
    out.push('');
    if (rows.length < changed.length) {
      const hidden = changed.length - rows.length;
      out.push(`_${count(hidden, 'more changed service')} ${hidden === 1 ? 'is' : 'are'} not listed (the least important ${hidden === 1 ? 'one' : 'ones'})._`, '');
    }
  } else if (changed.length > 0) {
    out.push(`${count(changed.length, 'service')} changed.`, '');
  }
  if (unchanged.length > 0) {
    const names = unchanged.slice(0, 20).map((s) => serviceName(s.key)).join(', ');
    out.push(`Unchanged: ${count(unchanged.length, 'service')} (${names}${unchanged.length > 20 ? `, and ${unchanged.length - 20} more` : ''}).`, '');
  }

  const detailed = level.minimal ? [] : changed.slice(0, Math.min(level.detailsFor, level.tableRows));
  detailed.forEach((s, i) => out.push(...cached(ctx, `details|${i}|${level.maxRows}|${level.mermaid}`, () => serviceDetails(ctx, s, level))));

  // Findings no service lists: one that several services share is listed under each of them.
  const listed = new Set(diff.services.flatMap((s) => changedFindings(s.findings)));
  const global = diff.findings.new.filter((f) => !listed.has(f));
  const globalResolved = diff.findings.resolved.filter((f) => !listed.has(f));
  const globalUndecided = diff.findings.undecided.filter((f) => !listed.has(f));
  const globalSuppressed = diff.findings.suppressed.filter((f) => !listed.has(f));
  if (global.length + globalResolved.length + globalUndecided.length + globalSuppressed.length > 0 && !level.minimal) {
    out.push('<details><summary>Findings not tied to one service</summary>', '');
    out.push(...findingList(ctx, 'New findings', global, Math.max(level.maxRows, 3)));
    out.push(...findingList(ctx, 'Resolved findings', globalResolved, Math.max(level.maxRows, 3), 'base'));
    out.push(...findingList(ctx, UNDECIDED_TITLE, globalUndecided, Math.max(level.maxRows, 3), 'base'));
    out.push(...findingList(ctx, SUPPRESSED_TITLE, globalSuppressed, Math.max(level.maxRows, 3)));
    out.push('</details>', '');
  }
  out.push(...unresolvedBlock(ctx, level));
  const note = summaryNote(ctx, level, detailed.length);
  if (note !== undefined) out.push(note, '');
  out.push(footer(diff));
  return out.join('\n') + '\n';
}

/**
 * The values head newly leaves undecided: where the analysis went blind with this change (a
 * literal replaced by an import or a parameter without a default). Collapsed, as a reviewer reads
 * them only to see why something above is unknown.
 */
function unresolvedBlock(ctx: Ctx, level: DetailLevel): string[] {
  const { added, removed } = ctx.diff.unresolved;
  if (added.length === 0) return [];
  if (level.minimal) return [`❔ ${count(added.length, 'value')} newly undecided by the files.`, ''];
  const gone = removed.length > 0 ? ` (and ${removed.length} that base left undecided are decided now, or undecided with other possible values)` : '';
  const out = [`<details><summary>❔ ${count(added.length, 'value')} head newly leaves undecided${gone}</summary>`, ''];
  const shown = added.slice(0, Math.max(level.maxRows, 3));
  for (const u of shown) out.push(`- ${where(ctx, u.file, u.line)}${u.path === '' ? '' : ` ${code(u.path)}`}: ${text(u.reason, 300)}`);
  if (added.length > shown.length) out.push(`- and ${added.length - shown.length} more`);
  out.push('', 'Rules treat these as unknown: neither safe nor unsafe.', '</details>', '');
  return out;
}

function footer(diff: PostureDiff): string {
  const unchanged = diff.findings.unchanged.length;
  return `<sub>fargate-warden · ${unchanged === 0 ? '' : `${count(unchanged, 'unchanged finding')} not shown · `}[rules](${DOCS_BASE})</sub>`;
}

/** What was left out to fit, in words; undefined when nothing was. */
function summaryNote(ctx: Ctx, level: DetailLevel, detailed: number): string | undefined {
  if (level.name === 'full') return undefined;
  const parts: string[] = [];
  // Only what was actually cut: a level that allows fewer rows than a list has.
  const shown = ctx.changed.slice(0, Math.min(detailed, level.tableRows));
  const tabled = (s: ServiceDiff): number => s.permissions.added.length + s.permissions.removed.length + s.securityGroupRules.added.length +
    s.securityGroupRules.removed.length + s.endpointPolicies.added.length + s.endpointPolicies.removed.length;
  // The lists each detail section cuts (see serviceDetails): tables at maxRows (counted at 0),
  // findings at one row at least, reachability at five.
  const tableCut = (s: ServiceDiff): boolean => level.maxRows > 0 && longestTable(s) > level.maxRows;
  const otherCut = (s: ServiceDiff): boolean =>
    Math.max(...(['new', 'resolved', 'undecided', 'suppressed'] as const).map((list) => diffEntries(s, list).length)) > Math.max(level.maxRows, 1) ||
    s.needs.lost.length + s.needs.gained.length + s.needs.uncertain.length > Math.max(level.maxRows, 5);
  if (level.maxRows === 0 && shown.some((s) => tabled(s) > 0)) parts.push('permission, rule and endpoint-policy changes counted instead of listed');
  if (shown.some((s) => tableCut(s) || otherCut(s))) parts.push(`${level.maxRows === 0 ? 'finding lists' : 'change lists'} shortened to ${count(Math.max(level.maxRows, 1), 'row')} per service`);
  if (!level.mermaid && shown.some((s) => s.network.after !== null)) parts.push('flowcharts left out');
  if (detailed < ctx.changed.length) parts.push(`details shown for ${detailed} of ${ctx.changed.length} changed services`);
  if (level.tableRows < ctx.changed.length) parts.push(`table limited to ${level.minimal ? 0 : Math.min(level.tableRows, ctx.changed.length)} of ${ctx.changed.length} services`);
  const effects = ['broader', 'narrower', 'neutral'] as const;
  const topCut = effects.some((e) => ctx.diff.services.reduce((n, s) => n + s.reasons.filter((r) => r.effect === e).length, 0) > Math.max(level.listRows, 2)) ||
    ctx.diff.errors.length > Math.max(level.listRows, 1);
  if (level.listRows < FULL.listRows && topCut) parts.push('lists at the top shortened');
  if (parts.length === 0) return undefined;
  return `> [!NOTE]\n> Summarized to stay within GitHub's ${COMMENT_LIMIT.toLocaleString('en-US')}-character comment limit: ${parts.join('; ')}. Run \`fargate-warden diff\` locally (or \`--format json\`) for every change.`;
}

function errorsBlock(diff: PostureDiff, level: DetailLevel): string[] {
  if (diff.errors.length === 0) return [];
  const shown = diff.errors.slice(0, Math.max(level.listRows, 1));
  const out = ['> [!WARNING]', `> ${count(diff.errors.length, 'file')} could not be analyzed; what they define is missing from this comparison:`];
  for (const e of shown) out.push(`> - ${e.side}: ${text(e.line > 0 ? `${e.file}:${e.line}` : e.file, 200)} — ${text(e.message, 300)}`);
  if (diff.errors.length > shown.length) out.push(`> - and ${diff.errors.length - shown.length} more`);
  out.push('');
  return out;
}

function reasonsBlock(diff: PostureDiff, level: DetailLevel): string[] {
  const out: string[] = [];
  const by = (effect: 'broader' | 'narrower' | 'neutral') => diff.services.flatMap((s) => s.reasons.filter((r) => r.effect === effect));
  const labels = { broader: '**Broader:**', narrower: '**Narrower:**', neutral: '**Undetermined:**' } as const;
  for (const effect of ['broader', 'narrower', 'neutral'] as const) {
    const items = by(effect);
    if (items.length === 0) continue;
    // Only what is shown is escaped: the comment is rendered at several levels of detail.
    const shown = items.slice(0, Math.max(level.listRows, 2)).map((r) => `${serviceName(r.service)} ${text(r.text, 300)}`);
    const more = items.length > shown.length ? ` · and ${items.length - shown.length} more` : '';
    out.push(`${labels[effect]} ${shown.join(' · ')}${more}`, '');
  }
  if (out.length === 0) {
    const n = diff.findings.new.length;
    const r = diff.findings.resolved.length;
    const u = diff.findings.undecided.length;
    const q = diff.findings.suppressed.length;
    out.push(`The posture of every service stays the same; ${count(n, 'finding')} new, ${r} resolved${u > 0 ? `, ${u} no longer decidable` : ''}${q > 0 ? `, ${q} newly suppressed` : ''}.`, '');
  }
  return out;
}

const ACCESS_RANK: Record<AccessLevel, number> = { 'Permissions management': 0, Write: 1, Tagging: 2, Read: 3, List: 4, Unknown: 5 };

function tableRow(s: ServiceDiff): string {
  const rules = s.securityGroupRules;
  // Rules of endpoint groups are counted under endpoint coverage, not as the service's own traffic.
  const dir = (list: SecurityGroupRuleChange[], d: 'ingress' | 'egress'): number => list.filter((r) => r.relation !== 'endpoint' && r.serviceDirection === d).length;
  const endpointRules = (list: SecurityGroupRuleChange[]): number => list.filter((r) => r.relation === 'endpoint').length;
  const status = s.status === 'added' ? ' (new)' : s.status === 'removed' ? ' (removed)' : '';
  const strong = s.permissions.added.filter((p) => p.covered !== true && ACCESS_RANK[p.accessLevel] <= ACCESS_RANK.Write);
  const permissions = plusMinus(s.permissions.added.length, s.permissions.removed.length) + (strong.length > 0 ? ` (${strong.length === s.permissions.added.length ? '' : 'of which '}${levelCounts(strong)})` : '');
  const coverage = [
    ...unique(s.needs.lost.map((n) => n.service)).map((n) => `❌ ${code(n)}`),
    ...unique(s.needs.gained.map((n) => n.service)).map((n) => `✅ ${code(n)}`),
    ...unique(s.needs.uncertain.map((n) => n.service)).map((n) => `❔ ${code(n)}`),
  ];
  const endpointNotes = [
    endpointRules(rules.added) + endpointRules(rules.removed) > 0 ? `endpoint rules ${plusMinus(endpointRules(rules.added), endpointRules(rules.removed))}` : '',
    s.endpointPolicies.added.length + s.endpointPolicies.removed.length > 0 ? `endpoint policy ${plusMinus(s.endpointPolicies.added.length, s.endpointPolicies.removed.length)}` : '',
  ].filter(Boolean);
  const coverageCell = [coverage.length > 8 ? `${coverage.slice(0, 8).join(' ')} +${coverage.length - 8}` : coverage.join(' '), ...endpointNotes].filter(Boolean).join(' · ') || '—';
  const worstNew = s.findings.new.reduce<Severity | undefined>((w, f) => (w === undefined || SEVERITY_RANK[f.severity] < SEVERITY_RANK[w] ? f.severity : w), undefined);
  const findings = changedFindings(s.findings).length === 0
    ? '—'
    : [
        s.findings.new.length > 0 ? `${s.findings.new.length} new${worstNew === undefined ? '' : ` (${SEVERITY_ICON[worstNew]} ${worstNew})`}` : '',
        s.findings.resolved.length > 0 ? `${s.findings.resolved.length} resolved` : '',
        s.findings.undecided.length > 0 ? `❔ ${s.findings.undecided.length} undecided` : '',
        s.findings.suppressed.length > 0 ? `🔕 ${s.findings.suppressed.length} suppressed` : '',
      ].filter(Boolean).join(' · ');
  const cells = [
    `${VERDICT_ICON[s.verdict]} ${serviceName(s.key, true)}${status}`,
    permissions,
    plusMinus(dir(rules.added, 'ingress'), dir(rules.removed, 'ingress')) + ingressNote(s),
    plusMinus(dir(rules.added, 'egress'), dir(rules.removed, 'egress')) + routeNote(s),
    coverageCell,
    findings,
  ];
  return `| ${cells.join(' | ')} |`;
}

const ROUTE_LABEL: Record<EgressPath, string> = { nat: 'NAT', igw: 'internet gateway', 'endpoints-only': 'endpoints only', none: 'no way out', unknown: 'unknown' };

function routeNote(s: ServiceDiff): string {
  const { before, after } = s.exposure;
  if (before === null || after === null || before.defaultRoute === after.defaultRoute) return '';
  return ` (${ROUTE_LABEL[before.defaultRoute]} → ${ROUTE_LABEL[after.defaultRoute]})`;
}

function ingressNote(s: ServiceDiff): string {
  const { before, after } = s.exposure;
  if (before === null || after === null) return '';
  const notes: string[] = [];
  if (!samePublicIp(before, after)) {
    notes.push(after.publicIp === true ? `public IP on${publicIpWhen(after)}` : after.publicIp === false ? 'public IP off' : 'public IP unknown');
  }
  if (before.internetIngress !== after.internetIngress) {
    notes.push(after.internetIngress === true ? 'internet can reach it' : after.internetIngress === false ? 'internet can no longer reach it' : 'internet reach unknown');
  }
  if (s.ecsExec !== undefined) notes.push(s.ecsExec.after === true ? 'ECS Exec on' : s.ecsExec.after === false ? 'ECS Exec off' : 'ECS Exec unknown');
  const ways = internetPathChanges(s);
  if (ways.opened.length > 0 || ways.direct === 'opened') notes.push('a new way in from the internet');
  if (ways.closed.length > 0 || ways.direct === 'closed') notes.push('fewer ways in from the internet');
  return notes.length === 0 ? '' : ` (${notes.join(', ')})`;
}

function plusMinus(added: number, removed: number): string {
  if (added === 0 && removed === 0) return '—';
  return [added > 0 ? `+${added}` : '', removed > 0 ? `−${removed}` : ''].filter(Boolean).join(' ');
}

/** `file:line`, linked to the line at the commit when the repository URL and commit are known. */
function where(ctx: Ctx, file: string, analyzedLine: number, side: 'base' | 'head' = 'head'): string {
  const line = side === 'head' && analyzedLine > 0 && ctx.options.headLine !== undefined ? ctx.options.headLine(file, analyzedLine) ?? 0 : analyzedLine;
  const label = code(line > 0 ? `${file}:${line}` : file, 200);
  const ref = side === 'base' ? ctx.options.baseRef ?? ctx.options.ref : ctx.options.ref;
  const path = ctx.options.repositoryPath === undefined ? file : ctx.options.repositoryPath(file);
  if (ctx.linkBase === undefined || ref === undefined || path === undefined || path === '' || path.startsWith('/') || path.startsWith('../')) return label;
  return `[${label}](${ctx.linkBase}/blob/${encodeURIComponent(ref)}/${escapeLinkTarget(path)}${line > 0 ? `#L${line}` : ''})`;
}

/** The most rows a table in a service's details (permissions, rules, endpoint policies) could have. */
function longestTable(s: ServiceDiff): number {
  return Math.max(permissionRows(s).length, s.securityGroupRules.added.length + s.securityGroupRules.removed.length, s.endpointPolicies.added.length + s.endpointPolicies.removed.length);
}

/**
 * Where the user's CDK code made it: what a CDK user changes (the template is synthesized). Linked
 * when the path is relative to the repository; creation stacks usually hold the synthesizing
 * machine's absolute paths, shown as they are.
 */
/** Where the CDK code that made it is, on the side that reported it (a resolved finding's, a removed service's: base's). */
function cdkCode(ctx: Ctx, source: string | undefined, side: 'base' | 'head' = 'head'): string {
  if (source === undefined) return '';
  const linkable = cdkCodeLine(source);
  if (linkable !== undefined) return ` · CDK code at ${where(ctx, linkable.file, linkable.line, side)}`;
  const m = /^(.*):(\d+):\d+$/.exec(source);
  return ` · CDK code at ${code(m === null ? source : `${m[1]}:${m[2]}`)}`;
}

/** A creation stack's `file:line:column`, when the file is a repository path (see cdkCode). */
function cdkCodeLine(source: string): { file: string; line: number } | undefined {
  const m = /^(.*):(\d+):\d+$/.exec(source);
  // Only a plain relative path is a repository path; `C:\…`, `file://…` and absolute ones are not.
  return m !== null && /^[\w.-][\w./-]*$/.test(m[1]!) && !m[1]!.startsWith('../') ? { file: m[1]!, line: Number(m[2]) } : undefined;
}

function serviceDetails(ctx: Ctx, s: ServiceDiff, level: DetailLevel): string[] {
  const out: string[] = [];
  const state = s.status === 'added'
    ? 'new service'
    : s.status === 'removed'
      ? 'removed'
      : s.notCompared !== undefined
        ? 'not compared'
        : s.verdict === 'none'
          ? 'changed, nothing gained or lost'
          : VERDICT_TEXT[s.verdict].replace(/^\S+ /, '').toLowerCase();
  // The summary line is an HTML block: markdown is not parsed there, so it gets HTML escaping only.
  out.push(`<details><summary>${VERDICT_ICON[s.verdict]} <b>${htmlText(truncateMiddle(s.key, 200))}</b> — ${state}</summary>`, '');
  const side = s.status === 'removed' ? 'base' : 'head';
  const construct = (s.cdkPath !== undefined && s.cdkPath !== s.key ? ` · CDK construct ${code(s.cdkPath)}` : '') + cdkCode(ctx, s.cdkSource, side);
  out.push(`Service ${code(s.resource)} at ${where(ctx, s.file, s.line, side)}${construct}`, '');
  // Compared with itself: one side's exposure and flowchart would read as "unchanged".
  if (s.notCompared !== undefined) {
    out.push(`Not compared: ${text(s.notCompared, 400)}.`, '', '</details>', '');
    return out;
  }
  out.push(...exposureTable(s));
  if (level.maxRows > 0) {
    out.push(...permissionTable(ctx, s, level.maxRows));
    out.push(...ruleTable(ctx, s, level.maxRows));
    out.push(...endpointPolicyTable(ctx, s, level.maxRows));
  } else {
    const n = s.permissions.added.length + s.permissions.removed.length + s.securityGroupRules.added.length + s.securityGroupRules.removed.length +
      s.endpointPolicies.added.length + s.endpointPolicies.removed.length;
    if (n > 0) out.push(`_${count(n, 'permission, rule and endpoint policy change')} not listed._`, '');
  }
  out.push(...needsList(s, level.maxRows));
  out.push(...findingList(ctx, 'New findings', diffEntries(s, 'new'), Math.max(level.maxRows, 1), 'head', s.key));
  out.push(...findingList(ctx, 'Resolved findings', diffEntries(s, 'resolved'), Math.max(level.maxRows, 1), 'base', s.key));
  out.push(...findingList(ctx, UNDECIDED_TITLE, diffEntries(s, 'undecided'), Math.max(level.maxRows, 1), 'base', s.key));
  out.push(...findingList(ctx, SUPPRESSED_TITLE, diffEntries(s, 'suppressed'), Math.max(level.maxRows, 1), 'head', s.key));
  if (level.mermaid) out.push(...serviceFlowchart(s));
  out.push('</details>', '');
  return out;
}

function exposureTable(s: ServiceDiff): string[] {
  const { before, after } = s.exposure;
  if (before === null && after === null) return [];
  if (before !== null && after !== null && samePublicIp(before, after) &&
    before.internetIngress === after.internetIngress && before.defaultRoute === after.defaultRoute) {
    const ways = internetPathChanges(s);
    const named = (labels: string[], n = labels.length): string => waysIn(labels, n, (l) => codeSpan(truncateMiddle(l, 200)));
    const changes = [
      ways.opened.length > 0 ? `**now through ${named(ways.opened, ways.openedCount)}**` : '',
      ways.closed.length > 0 ? `no longer through ${named(ways.closed, ways.closedCount)}` : '',
      ways.undecided.length > 0 ? `through ${named(ways.undecided)} undecided` : '',
      ways.direct === 'opened' ? '**now directly: a public IP and a rule admitting the world**' : ways.direct === 'closed' ? 'no longer directly' : '',
    ].filter(Boolean);
    if (changes.length > 0) {
      return [`Exposure: public IP ${yesNo(after.publicIp)}${publicIpWhen(after)} · reachable from the internet ${yesNo(after.internetIngress)} (${changes.join('; ')}) · egress ${ROUTE_LABEL[after.defaultRoute]}.`, ''];
    }
    return [`Exposure unchanged: public IP ${yesNo(after.publicIp)}${publicIpWhen(after)} · reachable from the internet ${yesNo(after.internetIngress)} · egress ${ROUTE_LABEL[after.defaultRoute]}.`, ''];
  }
  const rows: [string, string, string][] = [
    ['Public IP', before === null ? '—' : yesNo(before.publicIp) + publicIpWhen(before), after === null ? '—' : yesNo(after.publicIp) + publicIpWhen(after)],
    ['Reachable from the internet', before === null ? '—' : yesNo(before.internetIngress), after === null ? '—' : yesNo(after.internetIngress)],
    ['Egress', before === null ? '—' : ROUTE_LABEL[before.defaultRoute], after === null ? '—' : ROUTE_LABEL[after.defaultRoute]],
  ];
  const out = ['| Exposure | Before | After |', '| --- | --- | --- |'];
  for (const [what, b, a] of rows) out.push(b !== a && b !== '—' && a !== '—' ? `| **${what}** | ${b} | **${a}** |` : `| ${what} | ${b} | ${a} |`);
  out.push('');
  return out;
}

interface PermissionRow {
  sign: '+' | '−';
  first: PermissionChange;
  items: PermissionChange[];
}

/**
 * Permission changes grouped for reading: changes that come from one wildcard pattern on one
 * resource become one row (`s3:Get*`, 25 actions), everything else one row per action. Rows are
 * ordered added first, then by how much the access level allows.
 */
function permissionRows(s: ServiceDiff): PermissionRow[] {
  const rows: PermissionRow[] = [];
  for (const [sign, list] of [['+', s.permissions.added], ['−', s.permissions.removed]] as const) {
    const groups = new Map<string, PermissionChange[]>();
    for (const p of list) {
      const wildcard = /[*?]/.test(p.pattern);
      const key = wildcard ? [p.roleKind, p.pattern, p.resource, p.condition ?? '', p.covered === true ? 'covered' : ''].join('\0') : `\0${groups.size}`;
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [p]);
      else group.push(p);
    }
    const signRows: PermissionRow[] = [];
    for (const items of groups.values()) {
      if (items.length >= 4) signRows.push({ sign, first: items[0]!, items });
      else for (const p of items) signRows.push({ sign, first: p, items: [p] });
    }
    const rank = (r: PermissionRow): number => Math.min(...r.items.map((p) => ACCESS_RANK[p.accessLevel]));
    signRows.sort((a, b) => rank(a) - rank(b) || (a.first.action < b.first.action ? -1 : a.first.action > b.first.action ? 1 : 0));
    rows.push(...signRows);
  }
  return rows;
}

function permissionTable(ctx: Ctx, s: ServiceDiff, maxRows: number): string[] {
  const rows = permissionRows(s);
  if (rows.length === 0) return [];
  const out = ['**Permissions**', '', '| ± | Role | Action | Resource | Access level | Where |', '| --- | --- | --- | --- | --- | --- |'];
  for (const row of rows.slice(0, maxRows)) {
    const p = row.first;
    const action = row.items.length === 1 ? code(p.action) : `${code(p.pattern)} (${row.items.length} actions)`;
    const levels = row.items.length === 1 ? accessLevelText(p.accessLevel) : levelCounts(row.items);
    const condition = conditionCell(p.condition);
    out.push(`| ${signCell(row.sign, p)} | ${code(p.role)} (${p.roleKind}) | ${action} | ${code(p.resource)}${condition} | ${levels} | ${where(ctx, p.file, p.line, row.sign === '+' ? 'head' : 'base')} |`);
  }
  out.push('');
  if (rows.length > maxRows) {
    const rest = rows.slice(maxRows).flatMap((r) => r.items.map((p) => ({ sign: r.sign, p })));
    const added = rest.filter((x) => x.sign === '+').map((x) => x.p);
    const removed = rest.filter((x) => x.sign === '−').map((x) => x.p);
    const parts = [added.length > 0 ? `${added.length} added (${byService(added)})` : '', removed.length > 0 ? `${removed.length} removed (${byService(removed)})` : ''];
    out.push(`_and ${count(rest.length, 'more permission change')}: ${parts.filter(Boolean).join('; ')}._`, '');
  }
  return out;
}

function levelCounts(items: PermissionChange[]): string {
  const counts = new Map<AccessLevel, number>();
  for (const p of items) counts.set(p.accessLevel, (counts.get(p.accessLevel) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => ACCESS_RANK[a[0]] - ACCESS_RANK[b[0]]).map(([l, n]) => `${accessLevelText(l)} ${n}`).join(' · ');
}

/** The ± cell of a change row; a change that gains or loses nothing says so (see PermissionChange.covered). */
function signCell(sign: string, change: { covered?: true }): string {
  if (change.covered !== true) return sign;
  return `${sign} (${coveredPhrase(sign === '+')})`;
}

/** How the service relates to an endpoint whose rules or statements are listed: a rule of one it stopped using still exists. */
function endpointUse(s: ServiceDiff, endpoint: string | undefined): string {
  if (endpoint !== undefined && s.endpointsUsed?.stopped.includes(endpoint) === true) return 'it no longer uses (the rule itself is unchanged)';
  if (endpoint !== undefined && s.endpointsUsed?.started.includes(endpoint) === true) return 'it starts using';
  return 'it uses';
}

function ruleTable(ctx: Ctx, s: ServiceDiff, maxRows: number): string[] {
  const rules = [
    ...s.securityGroupRules.added.map((r) => ({ sign: '+', r })),
    ...s.securityGroupRules.removed.map((r) => ({ sign: '−', r })),
  ];
  if (rules.length === 0) return [];
  const out = [
    '**Security-group rules**',
    '',
    '| ± | For the service | Group | Rule | Peer | Where |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const { sign, r } of rules.slice(0, maxRows)) {
    const effect = r.relation === 'own'
      ? r.serviceDirection
      : r.relation === 'endpoint'
        ? `endpoint ${code(r.endpoint ?? '')} ${endpointUse(s, r.endpoint)}`
        : r.relation === 'load-balancer'
          ? `ingress through load balancer ${code(r.loadBalancer ?? '')}`
          : r.serviceDirection === 'egress' ? 'egress (that group admits the service)' : 'ingress (that group may send to the service)';
    const rule = `${r.direction} ${code(r.protocol)} ${portsPhrase(r, (v) => code(v))}`;
    const peer = `${code(r.peer)}${r.world ? ' (internet)' : ''}${r.explicit ? '' : ' (implicit default)'}${undecidedCondition(r)}`;
    out.push(`| ${signCell(sign, r)} | ${effect} | ${code(r.group)} | ${rule} | ${peer} | ${where(ctx, r.file, r.line, sign === '+' ? 'head' : 'base')} |`);
  }
  out.push('');
  if (rules.length > maxRows) out.push(`_and ${count(rules.length - maxRows, 'more rule change')}._`, '');
  return out;
}

/** Statement actions of the policies of the endpoints the service uses: what may be called through them. */
function endpointPolicyTable(ctx: Ctx, s: ServiceDiff, maxRows: number): string[] {
  const rows: { sign: '+' | '−'; e: EndpointPolicyChange }[] = [
    ...s.endpointPolicies.added.map((e) => ({ sign: '+' as const, e })),
    ...s.endpointPolicies.removed.map((e) => ({ sign: '−' as const, e })),
  ];
  if (rows.length === 0) return [];
  const out = [
    '**Endpoint policies**',
    '',
    '| ± | Endpoint | Effect | Principal | Action | Resource | Where |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { sign, e } of rows.slice(0, maxRows)) {
    const condition = conditionCell(e.condition);
    const action = `${code(e.action)}${e.explicit ? '' : ' (default full-access policy)'}`;
    out.push(`| ${signCell(sign, e)} | ${code(e.endpoint)} | ${e.effect} | ${code(e.principal)} | ${action} | ${code(e.resource)}${condition} | ${where(ctx, e.file, e.line, sign === '+' ? 'head' : 'base')} |`);
  }
  out.push('');
  if (rows.length > maxRows) out.push(`_and ${count(rows.length - maxRows, 'more endpoint policy change')}._`, '');
  return out;
}

function needsList(s: ServiceDiff, maxRows: number): string[] {
  const { lost, gained, uncertain } = s.needs;
  if (lost.length + gained.length + uncertain.length === 0) return [];
  const out = ['**Reaching AWS services**', ''];
  const lines: string[] = [];
  for (const n of lost) {
    const was = n.newlyNeeded ? 'newly needed, ' : n.before === undefined ? '' : `was reached via ${text(viaLabel(n.before), 200)}, `;
    const impact = n.kind === 'startup' ? 'tasks will fail to start' : 'calls will fail at run time';
    lines.push(`- ❌ ${code(n.service)} for ${text(n.reason, 300)}: ${was}no route or usable endpoint now; ${impact}.`);
  }
  for (const n of gained) lines.push(`- ✅ ${code(n.service)} for ${text(n.reason, 300)}: now reached via ${text(viaLabel(n.after ?? 'a route'), 200)}.`);
  for (const n of uncertain) {
    const why = n.undecidedBecause === undefined ? '' : ` (${text(n.undecidedBecause, 300)})`;
    lines.push(`- ❔ ${code(n.service)} for ${text(n.reason, 300)}: was reached via ${text(viaLabel(n.before ?? 'a route'), 200)}; can no longer be decided from the files${why}.`);
  }
  const limit = Math.max(maxRows, 5);
  out.push(...lines.slice(0, limit));
  if (lines.length > limit) out.push(`- and ${lines.length - limit} more`);
  out.push('');
  return out;
}

/** `endpoint:S3Endpoint` → `endpoint S3Endpoint`; `nat:…` → `NAT …`; several joined by `,`. */
function viaLabel(via: string): string {
  return via
    .split(',')
    .map((v) => {
      const colon = v.indexOf(':');
      const kind = colon < 0 ? v : v.slice(0, colon);
      const name = colon < 0 ? '' : v.slice(colon + 1);
      return kind === 'endpoint' ? `endpoint ${name}` : kind === 'nat' ? `NAT ${name}` : kind === 'igw' ? 'internet gateway' : v;
    })
    .join(', ');
}

/** Findings base reported that head no longer lets the analysis decide (see PostureDiff.findings): not resolved. */
const UNDECIDED_TITLE = 'No longer decidable (not resolved: head leaves undecided what these findings were about)';
const SUPPRESSED_TITLE = 'Suppressed by this change (not fixed: head still finds them)';

function findingList(ctx: Ctx, title: string, entries: ReportEntry[], maxRows: number, side: 'base' | 'head' = 'head', service = ''): string[] {
  if (entries.length === 0) return [];
  const sorted = bySeverity(entries);
  const shown = sorted.slice(0, maxRows);
  const out = [`**${title}**`, ''];
  // Messages carry the fix advice at their end: whole while the comment has room for long lists.
  const messageLimit = maxRows >= 20 ? 2000 : 600;
  for (const entry of shown) {
    // Findings that read as one (FW301's of one cause, one rule's under several keys): one item, counted (see serviceEntries).
    const { finding: f, times } = entryLine(service, entry);
    const resource = f.cdkPath === undefined ? code(f.resource) : `${code(f.resource)} (${code(f.cdkPath)})`;
    const suppression = f.suppressed === undefined ? '' : ` 🔕 Suppressed (${f.suppressed.by === 'inline' ? 'in the template' : 'in the config file'}): ${text(f.suppressed.reason, 300)}`;
    const escalated = f.escalatedFrom === undefined ? '' : ` (escalated from ${f.escalatedFrom})`;
    out.push(`- ${SEVERITY_ICON[f.severity]} **${f.severity}**${escalated} [${f.ruleId}](${docsUrl(f.ruleId)})${times} ${resource} at ${where(ctx, f.file, f.line, side)}${cdkCode(ctx, f.cdkSource, side)}: ${text(f.message, messageLimit)}${suppression}`);
  }
  const rest = sorted.slice(maxRows).flatMap(entryFindings);
  if (rest.length > 0) out.push(`- and ${rest.length} more (${describeSeverities(rest)})`);
  out.push('');
  return out;
}

/** A finding list's order: most severe first, as reported within a severity. */
function bySeverity(entries: readonly ReportEntry[]): ReportEntry[] {
  return [...entries].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

function describeSeverities(findings: Finding[]): string {
  const counts = new Map<Severity, number>();
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  return [...counts.entries()].map(([s, n]) => `${n} ${s}`).join(', ');
}

/** Text for an HTML context (a `<summary>`): entities, no markdown escapes, mentions broken. */
function htmlText(input: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = truncate(clip(input, 400).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(INVISIBLE, ''), 200);
  // `#` is handled before entities (which contain `#` and digits) are written.
  return flat
    .replace(/#(?=\d)/g, '#\u200b')
    .replace(/\b(GH-)(?=\d)/gi, '$1\u200b')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\[/g, '&#91;')
    .replace(/\]/g, '&#93;')
    .replace(/\u200b/g, '&#8203;')
    .replace(/@/g, '@&#8203;')
    .replace(/:\/\//g, ':&#8203;//');
}

/**
 * Cuts a template string before it is escaped: escaping reads the whole string, and a hostile
 * template can make strings as long as it likes. Then escapes it for a paragraph, list item or
 * table cell (`text`) or shows it as an inline code span safe in a table cell (`code`).
 */
function clip(s: string, max: number): string {
  // `max` code points are at most `2 * max` UTF-16 units; `truncate` then counts code points.
  return s.length <= max ? s : truncate(s.slice(0, 2 * max + 1), max);
}

function text(s: string, max = 1000): string {
  return escapeMarkdown(clip(s, max));
}

function code(s: string, max = 200): string {
  return tableCodeSpan(clip(s, max));
}

/** A service key in a table cell or list: keys are template strings, and a hostile one must not fill the budget. */
function serviceName(key: string, inTable = false): string {
  const shown = truncateMiddle(key, 100);
  // Only a table cell needs `|` escaped; elsewhere the backslash would show.
  return inTable ? tableCodeSpan(shown) : codeSpan(shown);
}

/** ` (only when Condition IsDev is true)`, ` (only when Env is staging or prod)`: for a public IP only some outcomes of an undecided choice assign. */
function publicIpWhen(e: Exposure): string {
  return e.publicIpCondition === undefined ? '' : ` (only ${text(describeAnyOutcome(e.publicIpCondition), 300)})`;
}

/** Whether a service's public IP reads the same on both sides: the setting, and the outcomes it holds under. */
function samePublicIp(before: Exposure, after: Exposure): boolean {
  return before.publicIp === after.publicIp && sameOutcomes(before.publicIpCondition, after.publicIpCondition);
}

function yesNo(v: boolean | 'unknown'): string {
  return v === 'unknown' ? 'unknown' : v ? 'yes' : 'no';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/** `s3 ×12, sqs ×3`: what a long list of actions is mostly about. */
function byService(changes: PermissionChange[]): string {
  const counts = new Map<string, number>();
  for (const p of changes) {
    const prefix = p.action.split(':')[0] ?? p.action;
    counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, 5).map(([p, n]) => `${text(p)} ×${n}`).join(', ');
  return sorted.length > 5 ? `${shown}, …` : shown;
}

/** A statement's Condition: its IAM part as code, the outcome of an undecided choice it exists under in words. */
function conditionCell(condition: string | undefined): string {
  const { iam, onlyWhen } = conditionPhrases(condition);
  return `${iam === undefined ? '' : ` when ${code(iam, 120)}`}${onlyWhen === undefined ? '' : ` (${text(onlyWhen, 300)})`}`;
}

/** Where a rule that may not be there is: under which outcome of an undecided condition, when known. */
function undecidedCondition(r: { conditional?: true; condition?: string }): string {
  if (r.conditional !== true) return '';
  const outcomes = stackOutcomesOf(r.condition);
  return outcomes.length === 0 ? ' (under an undecided Condition)' : ` (only ${text(describeOutcomes(outcomes), 300)})`;
}
