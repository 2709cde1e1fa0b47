import type { Finding, UnresolvedValue } from '../model/index.ts';
import type { ScanResult, ServiceSummary, ScanError } from '../engine.ts';

/** `scan --format json` (DESIGN.md contract). Documented keys come first, in documented order. */
export interface ScanJson {
  version: 1;
  services: ServiceSummary[];
  findings: FindingJson[];
  errors: ErrorJson[];
  /**
   * Values the files do not decide (an import, a parameter without a default, a condition that
   * cannot be decided), which rules read as unknown. Not in DESIGN.md's shape; an addition.
   */
  unresolved: UnresolvedJson[];
}

export interface UnresolvedJson {
  file: string;
  line: number;
  /** Path inside the document, e.g. `Resources.Service.Properties.Cluster`; empty for the file as a whole. */
  path: string;
  reason: string;
  /** Present (true) when the value is in a resource of a type the analysis does not read. */
  unread?: true;
}

export function unresolvedJson(u: UnresolvedValue): UnresolvedJson {
  const out: UnresolvedJson = { file: u.file, line: u.line, path: u.path, reason: u.reason };
  if (u.unread === true) out.unread = true;
  return out;
}

export interface FindingJson {
  ruleId: string;
  severity: string;
  resource: string;
  service: string | null;
  file: string;
  line: number;
  message: string;
  /** Present when the resource has a CDK construct path. */
  cdkPath?: string;
  /** Present when the cloud assembly says where the user's CDK code created the resource (`file:line:column`). */
  cdkSource?: string;
  /** Present only on suppressed findings; consumers that ignore it see them as ordinary findings. */
  suppressed?: { reason: string; by: 'inline' | 'config' };
  /** `diff` only, on a new finding: the lower severity base reported it at (it escalated). */
  escalatedFrom?: string;
}

export interface ErrorJson {
  file: string;
  line: number;
  message: string;
  column?: number;
}

export interface JsonOptions {
  /** List suppressed findings (with `suppressed`). Default true: the JSON report is the complete record. */
  suppressed?: boolean;
}

export function toScanJson(result: ScanResult, options: JsonOptions = {}): ScanJson {
  const includeSuppressed = options.suppressed ?? true;
  return {
    version: 1,
    services: result.services.map((s) => ({
      key: s.key,
      resource: s.resource,
      file: s.file,
      taskRole: s.taskRole,
      executionRole: s.executionRole,
      publicIp: s.publicIp,
      subnets: [...s.subnets],
      egress: s.egress,
      needs: s.needs.map((n) => ({ service: n.service, reason: n.reason, covered: n.covered, via: n.via })),
      subnetsUnknown: s.subnetsUnknown,
    })),
    findings: result.findings.filter((f) => includeSuppressed || f.suppressed === undefined).map(findingJson),
    errors: result.errors.map(errorJson),
    unresolved: result.infra.unresolved.map(unresolvedJson),
  };
}

export function renderJson(result: ScanResult, options: JsonOptions = {}): string {
  return `${JSON.stringify(toScanJson(result, options), null, 2)}\n`;
}

/** A finding as `scan --format json` and `diff --format json` both write it. */
export function findingJson(f: Finding): FindingJson {
  const out: FindingJson = {
    ruleId: f.ruleId,
    severity: f.severity,
    resource: f.resource,
    service: f.service ?? null,
    file: f.file,
    line: f.line,
    message: f.message,
  };
  if (f.cdkPath !== undefined) out.cdkPath = f.cdkPath;
  if (f.cdkSource !== undefined) out.cdkSource = f.cdkSource;
  if (f.suppressed !== undefined) out.suppressed = { reason: f.suppressed.reason, by: f.suppressed.by };
  if (f.escalatedFrom !== undefined) out.escalatedFrom = f.escalatedFrom;
  return out;
}

function errorJson(e: ScanError): ErrorJson {
  const out: ErrorJson = { file: e.file, line: e.line, message: e.message };
  if (e.column !== undefined) out.column = e.column;
  return out;
}
