import type { Finding, Severity } from '../model/index.ts';
import type { ScanError, ScanResult } from '../engine.ts';
import type { HeadFindingState, PostureDiff } from '../diff/types.ts';
import { docsUrl, type Rule } from '../rules/types.ts';
import { INTERNAL_FILE } from '../rules/run.ts';
import { fingerprintHash } from '../analysis/fingerprint.ts';
import { posix } from 'node:path';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/fargate-warden/fargate-warden';
/** The partialFingerprints key; bump the version if the fingerprint recipe changes. */
export const FINGERPRINT_KEY = 'fargateWardenFinding/v1';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export const SARIF_LEVEL: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * GitHub code scanning maps `security-severity` to its own labels: above 9.0 critical, 7.0–8.9
 * high, 4.0–6.9 medium, 0.1–3.9 low. Info has none, so GitHub falls back to the level (note).
 */
export const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: undefined,
};

export interface SarifOptions {
  toolVersion?: string;
  /** Severity overrides from the config, so each rule's default level matches what is reported. */
  severity?: Record<string, Severity>;
  /**
   * Where report paths are relative to, as a path from the repository root (`infra/` when the CLI
   * runs in the repository's `infra` directory). Code scanning resolves every `%SRCROOT%` URI
   * against the repository root, so paths relative to a subdirectory would point at no file.
   */
  uriBase?: string;
  /**
   * A report path from the repository root, when the caller knows where that is (the Action's
   * checkout may lie below its workspace, which uriBase cannot say); undefined: not in the
   * repository, and written as it is. Replaces uriBase.
   */
  repositoryPath?: (file: string) => string | undefined;
}

/** The subset of SARIF 2.1.0 we write, typed so the renderer cannot drift from it. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: SarifDriver };
  invocations: SarifInvocation[];
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
}

export interface SarifDriver {
  name: string;
  informationUri: string;
  version?: string;
  semanticVersion?: string;
  rules: SarifRule[];
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; precision: 'high'; 'problem.severity': string; 'security-severity'?: string };
}

export interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId: '%SRCROOT%' }; region: { startLine: number; startColumn?: number } };
  logicalLocations?: { name: string; fullyQualifiedName: string; kind: 'resource' }[];
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  properties: { severity: Severity; resource: string; service?: string; cdkPath?: string; cdkSource?: string };
  suppressions?: { kind: 'inSource' | 'external'; status: 'accepted'; justification: string }[];
  /** Only in a diff's SARIF: how the result stands against base. */
  baselineState?: HeadFindingState;
}

export interface SarifInvocation {
  executionSuccessful: boolean;
  toolExecutionNotifications: {
    level: 'error';
    message: { text: string };
    locations?: SarifLocation[];
  }[];
}

export function renderSarif(result: Pick<ScanResult, 'findings' | 'errors'>, rules: readonly Rule[], options: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(result, rules, options), null, 2)}\n`;
}

/**
 * `diff --format sarif`: head's findings exactly as `scan --format sarif` on head writes them (the
 * same fingerprints, so code scanning keeps one alert whichever command uploaded it), each with
 * its `baselineState` against base (see PostureDiff.headFindingStates). Base's resolved findings
 * are not written as `absent` results: code scanning ignores `baselineState` and would open an
 * alert for each at a line head no longer has. The other formats list them. Errors of either side
 * are notifications; base's carry no location, since its files need not exist in the work tree.
 */
export function renderDiffSarif(diff: PostureDiff, headFindings: readonly Finding[], rules: readonly Rule[], options: SarifOptions = {}): string {
  if (diff.headFindingStates.length !== headFindings.length) throw new Error('renderDiffSarif: head findings do not match the diff');
  const errors = diff.errors.map((e): ScanError & { side: 'base' | 'head' } => ({ file: e.file, line: e.line, message: e.message, side: e.side }));
  const log = toSarif({ findings: [...headFindings], errors }, rules, options);
  log.runs[0]!.results.forEach((r, i) => {
    r.baselineState = diff.headFindingStates[i];
  });
  return `${JSON.stringify(log, null, 2)}\n`;
}

export function toSarif(result: { findings: readonly Finding[]; errors: readonly (ScanError & { side?: 'base' | 'head' })[] }, rules: readonly Rule[], options: SarifOptions = {}): SarifLog {
  const descriptors: SarifRule[] = rules.map((r) => ruleDescriptor(r, options.severity?.[r.meta.id] ?? r.meta.severity));
  const indexById = new Map(descriptors.map((d, i) => [d.id, i]));
  const ruleIndex = (f: Finding): number => {
    let i = indexById.get(f.ruleId);
    if (i === undefined) {
      // A finding from a rule the caller did not list still needs a descriptor for ruleIndex to point at.
      i = descriptors.length;
      descriptors.push(minimalDescriptor(f.ruleId, f.severity));
      indexById.set(f.ruleId, i);
    }
    return i;
  };

  const { repositoryPath: fromRepository } = options;
  const fromRoot = (file: string): string => (fromRepository === undefined ? repositoryPath(file, options.uriBase) : fromRepository(file) ?? file);
  const seen = new Map<string, number>();
  const results = result.findings.map((f): SarifResult => {
    const base = fingerprintHash([f.ruleId, fromRoot(f.file), f.cdkPath ?? f.resource, f.service ?? '', f.message].join('\u0000'));
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    const out: SarifResult = {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex(f),
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [location(fromRoot(f.file), f.line, undefined, f)],
      partialFingerprints: { [FINGERPRINT_KEY]: `${base}:${occurrence}` },
      properties: { severity: f.severity, resource: f.resource },
    };
    if (f.service !== undefined) out.properties.service = f.service;
    if (f.cdkPath !== undefined) out.properties.cdkPath = f.cdkPath;
    if (f.cdkSource !== undefined) out.properties.cdkSource = f.cdkSource;
    if (f.suppressed !== undefined) {
      out.suppressions = [{ kind: f.suppressed.by === 'inline' ? 'inSource' : 'external', status: 'accepted', justification: f.suppressed.reason }];
    }
    return out;
  });

  const notifications = result.errors.map((e) => {
    const text = e.file === INTERNAL_FILE ? e.message : `${e.file}:${e.line}: ${e.message}`;
    const n: SarifInvocation['toolExecutionNotifications'][number] = { level: 'error', message: { text: e.side === undefined ? text : `${e.side}: ${text}` } };
    if (e.file !== INTERNAL_FILE && e.file !== '' && e.side !== 'base') n.locations = [location(fromRoot(e.file), e.line, e.column)];
    return n;
  });

  const driver: SarifDriver = { name: 'fargate-warden', informationUri: INFORMATION_URI, rules: descriptors };
  if (options.toolVersion !== undefined) {
    driver.version = options.toolVersion;
    driver.semanticVersion = options.toolVersion;
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        invocations: [{ executionSuccessful: !result.errors.some((e) => e.file === INTERNAL_FILE), toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function ruleDescriptor(rule: Rule, severity: Severity): SarifRule {
  const { id, title, description, area } = rule.meta;
  const url = docsUrl(id);
  const props: SarifRule['properties'] = { tags: ['security', 'iac', 'aws', 'ecs', area], precision: 'high', 'problem.severity': problemSeverity(severity) };
  const securitySeverity = SECURITY_SEVERITY[severity];
  if (securitySeverity !== undefined) props['security-severity'] = securitySeverity;
  return {
    id,
    name: pascalCase(title) || id,
    shortDescription: { text: title },
    fullDescription: { text: description },
    help: { text: `${description}\n\nHow to fix it: ${url}`, markdown: `${description}\n\n[How to fix it in CloudFormation, CDK and Terraform](${url})` },
    helpUri: url,
    defaultConfiguration: { level: SARIF_LEVEL[severity] },
    properties: props,
  };
}

function minimalDescriptor(id: string, severity: Severity): SarifRule {
  const url = docsUrl(id);
  const props: SarifRule['properties'] = { tags: ['security'], precision: 'high', 'problem.severity': problemSeverity(severity) };
  const securitySeverity = SECURITY_SEVERITY[severity];
  if (securitySeverity !== undefined) props['security-severity'] = securitySeverity;
  return {
    id,
    name: id,
    shortDescription: { text: id },
    fullDescription: { text: id },
    help: { text: url, markdown: `[${id}](${url})` },
    helpUri: url,
    defaultConfiguration: { level: SARIF_LEVEL[severity] },
    properties: props,
  };
}

/** `problem.severity` is what GitHub shows for non-security tools; kept consistent with the level. */
function problemSeverity(severity: Severity): string {
  const level = SARIF_LEVEL[severity];
  return level === 'note' ? 'recommendation' : level;
}

function location(file: string, line: number, column?: number, finding?: Finding): SarifLocation {
  const region: SarifLocation['physicalLocation']['region'] = { startLine: Math.max(1, Math.floor(line) || 1) };
  if (column !== undefined && column >= 1) region.startColumn = column;
  const loc: SarifLocation = { physicalLocation: { artifactLocation: { uri: sarifUri(file), uriBaseId: '%SRCROOT%' }, region } };
  if (finding !== undefined) loc.logicalLocations = [{ name: finding.resource, fullyQualifiedName: finding.cdkPath ?? finding.resource, kind: 'resource' }];
  return loc;
}

/**
 * A report path as a path from the repository root, when the reports' directory is known and the
 * file is inside the repository; otherwise the report path as it is.
 */
function repositoryPath(file: string, uriBase: string | undefined): string {
  if (uriBase === undefined || uriBase === '' || posix.isAbsolute(file)) return file;
  const joined = posix.normalize(posix.join(uriBase, file.replace(/\\/g, '/')));
  return joined.startsWith('../') || joined === '..' ? file : joined;
}

/** Report paths are already relative with forward slashes; SARIF wants a URI reference, so segments are percent-encoded. */
export function sarifUri(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .map((segment) => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment)))
    .join('/');
}

function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}
