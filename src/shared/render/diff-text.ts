import { accessLevelText } from './access-level.ts';
import { conditionPhrases, describeAnyOutcome, describeOutcomes, stackOutcomesOf, type Finding, type UnresolvedValue } from '../model/index.ts';
import { ANSI, SEVERITY_STYLE } from './ansi.ts';
import type { Exposure, PostureDiff, ServiceDiff } from '../diff/types.ts';
import { changedFindings } from '../diff/findings.ts';
import { internetPathChanges, waysIn } from '../diff/exposure.ts';
import { coveredPhrase, diffEntries, entryLine, portsPhrase } from './summary.ts';

export interface DiffTextOptions {
  color: boolean;
  /** Rows listed per change list of a service before the rest is counted. Default 200. */
  maxRows?: number;
}


const VERDICT_LINE: Record<PostureDiff['verdict'], string> = {
  broadening: 'BROADENING: something can do or reach more, or can no longer reach what it needs',
  narrowing: 'narrowing: only reductions',
  mixed: 'mixed: the posture changed without broadening',
  none: 'no posture change',
};

/**
 * The terminal report of a diff: the verdict and why, then one block per changed service (its
 * exposure, permission and security-group rule changes, reachability of AWS services, new,
 * resolved and undecided findings), unchanged services on one line, findings tied to no service, input errors.
 */
export function renderDiffText(diff: PostureDiff, options: DiffTextOptions): string {
  const paint = (style: string, s: string): string => (options.color ? `${style}${s}${ANSI.reset}` : s);
  // Template strings may carry escape sequences; a report must not be able to drive the terminal.
  // eslint-disable-next-line no-control-regex
  const safe = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  const maxRows = options.maxRows ?? 200;
  const out: string[] = [];
  const verdictStyle = diff.verdict === 'broadening' ? ANSI.bold + ANSI.red : diff.verdict === 'none' ? ANSI.green : ANSI.yellow;
  out.push(`${paint(ANSI.bold, 'Posture diff:')} ${paint(verdictStyle, VERDICT_LINE[diff.verdict])}`);
  for (const effect of ['broader', 'narrower', 'neutral'] as const) {
    const reasons = diff.services.flatMap((s) => s.reasons.filter((r) => r.effect === effect).map((r) => safe(`${r.service} ${r.text}`)));
    if (reasons.length > 0) out.push(`  ${effect.padEnd(9)} ${reasons.join('; ')}`);
  }
  out.push('');

  const changed = diff.services.filter((s) => s.status !== 'unchanged');
  const unchanged = diff.services.filter((s) => s.status === 'unchanged');
  if (changed.length === 0 && changedFindings(diff.findings).length === 0) {
    out.push(diff.services.length === 0
      ? `No Fargate-relevant change: no ECS service is defined on either side${diff.errors.length > 0 ? ' in the files both could read' : ''}.`
      : `No Fargate-relevant change${diff.errors.length > 0 ? ' in the files both sides could read' : ''}: the permissions, network exposure and reachability of ${count(diff.services.length, 'service')} stay the same.`);
    // The verdict is `mixed` when a file only one side could not read may define anything.
    if (diff.incomplete !== undefined) out.push(safe(`The comparison is incomplete: ${diff.incomplete}.`));
    out.push('');
  }

  const findingLines = (f: Finding, tag: string, times = ''): void => {
    const sev = paint(SEVERITY_STYLE[f.severity], f.severity.toUpperCase().padEnd(8));
    const escalated = f.escalatedFrom === undefined ? '' : `  (escalated from ${f.escalatedFrom})`;
    out.push(`  ${tag.padEnd(9)} ${sev} ${paint(ANSI.bold, f.ruleId)}${times}  ${safe(f.resource)}  ${paint(ANSI.dim, `${safe(f.file)}:${f.line}`)}${escalated}`);
    for (const line of wrap(safe(f.message), 96)) out.push(`${' '.repeat(21)}${line}`);
    if (tag === 'SUPPRESSED' && f.suppressed !== undefined) {
      for (const line of wrap(`suppressed (${f.suppressed.by}): ${safe(f.suppressed.reason)}`, 96)) out.push(`${' '.repeat(21)}${line}`);
    }
  };
  const limited = <T>(items: T[], line: (item: T) => string, what: string): void => {
    for (const item of items.slice(0, maxRows)) out.push(line(item));
    if (items.length > maxRows) out.push(`  … and ${items.length - maxRows} more ${what} (--format json lists them all)`);
  };

  for (const s of changed) {
    const name = s.key === s.resource ? safe(s.key) : `${safe(s.key)} (${safe(s.resource)})`;
    out.push(`${paint(ANSI.bold, `Service ${name}`)} ${statusText(s)}  ${paint(ANSI.dim, `${safe(s.file)}:${s.line}`)}`);
    if (s.notCompared !== undefined) {
      // Compared with itself: one side's exposure would read as unchanged.
      out.push(`  not compared: ${safe(s.notCompared)}`, '');
      continue;
    }
    const { before, after } = s.exposure;
    if (before !== null && after !== null) {
      const part = (what: string, b: string, a: string): string => (b === a ? `${what} ${a}` : paint(ANSI.bold, `${what} ${b} → ${a}`));
      out.push(`  exposure  ${[
        part('public IP', safe(publicIpText(before)), safe(publicIpText(after))),
        part('internet ingress', yn(before.internetIngress), yn(after.internetIngress)),
        part('egress', before.defaultRoute, after.defaultRoute),
      ].join(' · ')}`);
    } else if (after !== null) {
      out.push(`  exposure  public IP ${safe(publicIpText(after))} · internet ingress ${yn(after.internetIngress)} · egress ${after.defaultRoute}`);
    }
    const ways = internetPathChanges(s);
    // Listed one per line when each is one; as one line when only some of them are (see openedCount).
    const lines = (labels: string[], n: number): string[] => (n >= labels.length ? labels.map((l) => waysIn([l], 1, safe)) : [waysIn(labels, n, safe)]);
    for (const line of lines(ways.opened, ways.openedCount)) out.push(`  ${paint(ANSI.bold, '+ way in')}   from the internet through ${line}`);
    for (const line of lines(ways.closed, ways.closedCount)) out.push(`  - way in   from the internet through ${line}`);
    for (const label of ways.undecided) out.push(`  ? way in   from the internet through load balancer ${safe(label)}: can no longer be decided`);
    if (ways.direct === 'opened') out.push(`  ${paint(ANSI.bold, '+ way in')}   from the internet directly: a public IP and a rule admitting the world`);
    if (ways.direct === 'closed') out.push('  - way in   from the internet directly: no longer (public IP and a rule admitting the world)');
    const perms = [...s.permissions.added.map((p) => ({ sign: '+', p })), ...s.permissions.removed.map((p) => ({ sign: '-', p }))];
    limited(perms, ({ sign, p }) => {
      const condition = safe(conditionText(p.condition));
      const line = `  ${sign} permission  ${p.roleKind} role ${safe(p.role)}: ${safe(p.action)} on ${safe(p.resource)}${condition} (${accessLevelText(p.accessLevel)}${coveredNote(sign, p, ', ')})  ${paint(ANSI.dim, `${safe(p.file)}:${p.line}`)}`;
      return p.covered === true ? line : sign === '+' ? paint(ANSI.red, line) : paint(ANSI.green, line);
    }, 'permission changes');
    const rules = [...s.securityGroupRules.added.map((r) => ({ sign: '+', r })), ...s.securityGroupRules.removed.map((r) => ({ sign: '-', r }))];
    limited(rules, ({ sign, r }) => {
      const whose = r.relation === 'own'
        ? ''
        : r.relation === 'endpoint'
          ? ` (group of endpoint ${safe(r.endpoint ?? '')}, which the service ${s.endpointsUsed?.stopped.includes(r.endpoint ?? '') === true ? 'no longer uses' : s.endpointsUsed?.started.includes(r.endpoint ?? '') === true ? 'starts using' : 'uses'})`
          : r.relation === 'load-balancer'
            ? ` (group of load balancer ${safe(r.loadBalancer ?? '')}, in front of the service)`
            : ` (names the service's group; ${r.serviceDirection} for the service)`;
      const peer = `${r.direction === 'ingress' ? 'from' : 'to'} ${safe(r.peer)}${r.world ? ' (internet)' : ''}${safe(undecidedCondition(r))}`;
      return `  ${sign} rule        ${safe(r.group)} ${r.direction} ${safe(r.protocol)} ${portsPhrase(r, safe)} ${peer}${whose}${coveredNote(sign, r, '; ')}  ${paint(ANSI.dim, `${safe(r.file)}:${r.line}`)}`;
    }, 'rule changes');
    const statements = [...s.endpointPolicies.added.map((e) => ({ sign: '+', e })), ...s.endpointPolicies.removed.map((e) => ({ sign: '-', e }))];
    limited(statements, ({ sign, e }) => {
      const condition = safe(conditionText(e.condition));
      const implicit = e.explicit ? '' : ' (default full-access policy)';
      const line = `  ${sign} endpoint    ${safe(e.endpoint)} policy: ${e.effect} ${safe(e.action)} on ${safe(e.resource)} for ${safe(e.principal)}${condition}${implicit}${coveredNote(sign, e, '; ')}  ${paint(ANSI.dim, `${safe(e.file)}:${e.line}`)}`;
      const wider = (sign === '+') === (e.effect === 'Allow');
      return e.covered === true ? line : paint(wider ? ANSI.red : ANSI.green, line);
    }, 'endpoint policy changes');
    for (const n of s.needs.lost) {
      const was = n.newlyNeeded ? 'newly needed' : n.before !== undefined ? `was via ${safe(n.before)}` : n.wasCovered === 'unknown' ? 'was undecided' : 'was reachable';
      out.push(paint(ANSI.red, `  ✗ reach     ${safe(n.service)} (${safe(n.reason)}): no route or usable endpoint now, ${was}; ${n.kind === 'startup' ? 'tasks will fail to start' : 'calls will fail at run time'}`));
    }
    for (const n of s.needs.gained) out.push(paint(ANSI.green, `  ✓ reach     ${safe(n.service)} (${safe(n.reason)}): now via ${safe(n.after ?? 'a route')}`));
    for (const n of s.needs.uncertain) out.push(`  ? reach     ${safe(n.service)} (${safe(n.reason)}): can no longer be decided from the files${n.undecidedBecause === undefined ? '' : `: ${safe(n.undecidedBecause)}`}`);
    // Findings that read as one (FW301's of one cause, one rule's under several keys): one entry (see serviceEntries).
    for (const [list, tag] of [['new', 'NEW'], ['resolved', 'RESOLVED'], ['undecided', 'UNDECIDED'], ['suppressed', 'SUPPRESSED']] as const) {
      for (const entry of diffEntries(s, list)) {
        const { finding, times } = entryLine(s.key, entry);
        findingLines(finding, tag, times);
      }
    }
    out.push('');
  }
  if (unchanged.length > 0) {
    out.push(`Unchanged: ${count(unchanged.length, 'service')}: ${unchanged.map((s) => safe(s.key)).join(', ')}`, '');
  }
  // Findings no service lists: one that several services share is listed under each of them.
  const listed = new Set(diff.services.flatMap((s) => changedFindings(s.findings)));
  const global = diff.findings.new.filter((f) => !listed.has(f));
  const globalResolved = diff.findings.resolved.filter((f) => !listed.has(f));
  const globalUndecided = diff.findings.undecided.filter((f) => !listed.has(f));
  const globalSuppressed = diff.findings.suppressed.filter((f) => !listed.has(f));
  if (global.length + globalResolved.length + globalUndecided.length + globalSuppressed.length > 0) {
    out.push(paint(ANSI.bold, 'Not tied to a service'));
    for (const f of global) findingLines(f, 'NEW');
    for (const f of globalResolved) findingLines(f, 'RESOLVED');
    for (const f of globalUndecided) findingLines(f, 'UNDECIDED');
    for (const f of globalSuppressed) findingLines(f, 'SUPPRESSED');
    out.push('');
  }
  if (diff.findings.undecided.length > 0) {
    out.push(paint(ANSI.dim, 'UNDECIDED: base reported the finding; head no longer reports it because the files no longer decide what it was about, not because it was fixed.'), '');
  }
  if (diff.findings.suppressed.length > 0) {
    out.push(paint(ANSI.dim, 'SUPPRESSED: head still finds it, and this change adds the suppression that silences it; it is not fixed.'), '');
  }
  const unresolvedLine = (u: UnresolvedValue): string => `  ${paint(ANSI.dim, `${safe(u.file)}:${u.line}`)}  ${u.path === '' ? '' : `${safe(u.path)}: `}${safe(u.reason)}`;
  if (diff.unresolved.added.length > 0) {
    out.push(paint(ANSI.bold, 'Newly unknown (head leaves these values undecided; base decided them, or left them undecided with other possible values)'));
    limited(diff.unresolved.added, unresolvedLine, 'values');
    out.push('');
  }
  if (diff.unresolved.removed.length > 0) {
    out.push(paint(ANSI.bold, 'No longer unknown as on base (head decides these values, or leaves them undecided with other possible values)'));
    limited(diff.unresolved.removed, unresolvedLine, 'values');
    out.push('');
  }
  if (diff.errors.length > 0) {
    out.push(paint(ANSI.bold + ANSI.red, 'Errors (the comparison is incomplete where they are)'));
    for (const e of diff.errors) out.push(`  ${e.side}: ${safe(e.line > 0 ? `${e.file}:${e.line}` : e.file)}: ${safe(e.message)}`);
    out.push('');
  }
  out.push(`Summary: ${count(changed.length, 'service')} changed, ${unchanged.length} unchanged · findings ${diff.findings.new.length} new, ${diff.findings.resolved.length} resolved, ${diff.findings.unchanged.length} unchanged${diff.findings.undecided.length > 0 ? `, ${diff.findings.undecided.length} undecided` : ''}${diff.findings.suppressed.length > 0 ? `, ${diff.findings.suppressed.length} newly suppressed` : ''}${diff.unresolved.added.length > 0 ? ` · ${diff.unresolved.added.length} newly unknown ${diff.unresolved.added.length === 1 ? 'value' : 'values'}` : ''}${diff.errors.length > 0 ? ` · ${count(diff.errors.length, 'error')}` : ''}`);
  return out.join('\n') + '\n';
}

function statusText(s: ServiceDiff): string {
  if (s.status === 'added') return 'added';
  if (s.status === 'removed') return 'removed';
  if (s.notCompared !== undefined) return 'not compared';
  if (s.verdict !== 'none') return s.verdict;
  // Listed changes that add up to nothing (a grant scoped down that another statement still allows).
  return changedFindings(s.findings).length > 0 ? 'changed findings' : 'changed, nothing gained or lost';
}

/** `yes`, `no`, `unknown`, or `yes (only when Condition IsDev is true)`, `yes (only when Env is staging or prod)`. */
function publicIpText(e: Exposure): string {
  return e.publicIpCondition === undefined ? yn(e.publicIp) : `${yn(e.publicIp)} (only ${describeAnyOutcome(e.publicIpCondition)})`;
}

function yn(v: boolean | 'unknown'): string {
  return v === 'unknown' ? 'unknown' : v ? 'yes' : 'no';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A statement's Condition: its IAM part as written, the outcome of an undecided choice it exists under in words (not yet made safe for a terminal). */
function conditionText(condition: string | undefined): string {
  const { iam, onlyWhen } = conditionPhrases(condition);
  return `${iam === undefined ? '' : ` when ${iam}`}${onlyWhen === undefined ? '' : ` (${onlyWhen})`}`;
}

/** Where a rule that may not be there is: under which outcome of an undecided condition, when known. */
function undecidedCondition(r: { conditional?: true; condition?: string }): string {
  if (r.conditional !== true) return '';
  const outcomes = stackOutcomesOf(r.condition);
  return outcomes.length === 0 ? ' (under an undecided Condition)' : ` (only ${describeOutcomes(outcomes)})`;
}

/** For a change that gains or loses nothing (see PermissionChange.covered): what the other side says about it. */
function coveredNote(sign: string, change: { covered?: true }, separator: string): string {
  if (change.covered !== true) return '';
  return `${separator}${coveredPhrase(sign === '+')}`;
}
