import type { Finding } from '../model/index.ts';
import { ANSI, SEVERITY_STYLE } from './ansi.ts';
import type { ScanResult, ServiceSummary } from '../engine.ts';
import {
  countBySeverity, describeCounts, distinctNeeds, entryLine, groupFindings, internetIngress, needsCoverage, reportEntries, serviceEntity, yesNoUnknown,
} from './summary.ts';

export interface TextOptions {
  color: boolean;
  /** How many unresolved values to list before summarising the rest. Default 20. */
  maxUnknown?: number;
}


/**
 * The terminal report: one block per service (exposure, egress, roles, need coverage, then its
 * findings worst first), findings tied to no service, errors, what stayed unknown, and a summary.
 */
export function renderText(result: ScanResult, options: TextOptions): string {
  const paint = (style: string, s: string): string => (options.color ? `${style}${s}${ANSI.reset}` : s);
  // Template strings may carry escape sequences; a report must not be able to drive the terminal.
  // eslint-disable-next-line no-control-regex
  const safe = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  const out: string[] = [];
  const { groups, other, suppressed } = groupFindings(result);

  const findingLines = (f: Finding, indent: string, count = ''): void => {
    const sev = paint(SEVERITY_STYLE[f.severity], f.severity.toUpperCase().padEnd(8));
    const where = paint(ANSI.dim, `${safe(f.file)}:${f.line}`);
    const cdk = f.cdkPath === undefined ? '' : paint(ANSI.dim, ` (${safe(f.cdkPath)})`);
    const code = f.cdkSource === undefined ? '' : paint(ANSI.dim, ` · CDK code ${safe(f.cdkSource)}`);
    out.push(`${indent}${sev} ${paint(ANSI.bold, f.ruleId)}${count}  ${safe(f.resource)}${cdk}  ${where}${code}`);
    for (const line of wrap(safe(f.message), 100)) out.push(`${indent}${' '.repeat(9)}${line}`);
  };

  for (const group of groups) {
    for (const s of group.services) serviceHeader(s);
    if (group.services.length === 0) out.push(paint(ANSI.bold, safe(group.key)));
    if (group.findings.length === 0) out.push(`  ${paint(ANSI.green, 'no findings')}`);
    // Findings that read as one (FW301's of one cause, one rule's under several keys): one entry (see serviceEntries).
    else for (const entry of reportEntries(result, group)) {
      const { finding, times } = entryLine(group.key, entry);
      findingLines(finding, '  ', times);
    }
    out.push('');
  }

  function serviceHeader(s: ServiceSummary): void {
    const line = serviceEntity(result, s)?.source.line;
    const location = line === undefined ? safe(s.file) : `${safe(s.file)}:${line}`;
    const name = s.key === s.resource ? safe(s.key) : `${safe(s.key)} (${safe(s.resource)})`;
    out.push(`${paint(ANSI.bold, `Service ${name}`)}  ${paint(ANSI.dim, location)}`);
    const ingress = internetIngress(result, s);
    const exposure = [
      `public IP: ${yesNoUnknown(s.publicIp)}`,
      ingress === undefined ? undefined : `internet ingress: ${yesNoUnknown(ingress)}`,
      `egress: ${s.egress}`,
      `subnets: ${subnetsText(s, safe)}`,
    ].filter((x): x is string => x !== undefined);
    out.push(`  exposure  ${exposure.join(' · ')}`);
    out.push(`  roles     task: ${safe(s.taskRole ?? 'none')} · execution: ${safe(s.executionRole ?? 'none')}`);
    const cov = needsCoverage(s);
    if (cov.total === 0) {
      out.push('  needs     none found');
    } else {
      const needs = distinctNeeds(s);
      const marks = needs.map((n) => {
        const mark = n.covered === true ? paint(ANSI.green, '✓') : n.covered === false ? paint(ANSI.red, '✗') : paint(ANSI.yellow, '?');
        const via = n.via === null ? (n.covered === false ? ' (no route)' : '') : ` via ${safe(n.via)}`;
        return `${mark} ${safe(n.service)}${via}`;
      });
      // One need per chunk of the line, wrapped under the label so long lists stay readable.
      const lines: string[] = [];
      let current = `${cov.covered}/${cov.total} covered:`;
      let width = current.length;
      for (const [i, mark] of marks.entries()) {
        const plain = needs[i]!.service.length + (needs[i]!.via?.length ?? 12) + 8;
        if (width + plain > 96) {
          lines.push(current);
          current = '';
          width = 0;
        }
        current += `${current === '' ? '' : ' '}${mark}${i < marks.length - 1 ? ',' : ''}`;
        width += plain;
      }
      lines.push(current);
      out.push(`  needs     ${lines[0]}`, ...lines.slice(1).map((l) => `            ${l}`));
    }
  }

  if (other.length > 0) {
    out.push(paint(ANSI.bold, 'Not tied to a service'));
    for (const f of other) findingLines(f, '  ');
    out.push('');
  }

  if (result.errors.length > 0) {
    out.push(paint(ANSI.bold + ANSI.red, 'Errors'));
    for (const e of result.errors) {
      const where = e.line > 0 ? `${safe(e.file)}:${e.line}${e.column === undefined ? '' : `:${e.column}`}` : safe(e.file);
      out.push(`  ${where}: ${safe(e.message)}`);
    }
    out.push('');
  }

  const unknown = result.infra.unresolved;
  if (unknown.length > 0) {
    const max = options.maxUnknown ?? 20;
    out.push(paint(ANSI.bold, 'Unknown (depends on something outside the scanned files; neither safe nor unsafe)'));
    for (const u of unknown.slice(0, max)) out.push(`  ${safe(u.file)}:${u.line}  ${u.path === '' ? '' : `${safe(u.path)}: `}${safe(u.reason)}`);
    if (unknown.length > max) out.push(`  … and ${unknown.length - max} more`);
    out.push('');
  }

  const counts = countBySeverity(result.findings);
  const serviceCount = result.services.length;
  const templates = result.infra.stacks.length;
  const parts = [
    `${templates} template${templates === 1 ? '' : 's'}`,
    `${serviceCount} service${serviceCount === 1 ? '' : 's'}`,
    describeCounts(counts),
    suppressed > 0 ? `${suppressed} suppressed` : undefined,
    result.errors.length > 0 ? `${result.errors.length} error${result.errors.length === 1 ? '' : 's'}` : undefined,
    unknown.length > 0 ? `${unknown.length} unknown value${unknown.length === 1 ? '' : 's'}` : undefined,
  ].filter((x): x is string => x !== undefined);
  if (serviceCount === 0 && result.findings.length === 0 && result.errors.length === 0) {
    out.push('No ECS services found in the scanned files.');
  }
  out.push(`${paint(ANSI.bold, 'Summary:')} ${parts.join(' · ')}`);
  return `${out.join('\n')}\n`;
}

/** Word wrap for messages; long words stay whole. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '') lines.push(current);
  return lines.length === 0 ? [''] : lines;
}

function subnetsText(s: ServiceSummary, safe: (text: string) => string): string {
  const listed = s.subnets.map(safe).join(', ');
  if (s.subnetsUnknown === null) return listed === '' ? 'none' : listed;
  const unknown = `undecided (${safe(s.subnetsUnknown)})`;
  return listed === '' ? unknown : `${listed}, and ${unknown}`;
}
