import type { EgressPath, Finding, Infra, Posture, Service, ServicePosture } from './model/index.ts';
import { describeOutcomes } from './model/index.ts';
import type { SourceFile } from './sources/types.ts';
import type { Config } from './config/types.ts';
import type { Rule } from './rules/types.ts';
import { loadInfra } from './sources/index.ts';
import { buildPosture, type AnalysisDeps } from './analysis/posture.ts';
import { emptyInfra, InfraIndex } from './analysis/infra-index.ts';
import { allRules } from './rules/index.ts';
import { INTERNAL_FILE, runRules } from './rules/run.ts';

export { INTERNAL_FILE };

export interface ScanError {
  file: string;
  line: number;
  column?: number;
  message: string;
}

/** One entry of `scan --format json` `services[]` (DESIGN.md); absent values are `null`, never missing keys. */
export interface ServiceSummary {
  key: string;
  resource: string;
  file: string;
  taskRole: string | null;
  executionRole: string | null;
  publicIp: boolean | 'unknown';
  subnets: string[];
  egress: EgressPath;
  needs: NeedSummary[];
  /**
   * Why the files do not decide the service's subnets, or some of them (an import, a parameter
   * without a default); null when they do. `subnets` then lists only the decided ones, so an empty
   * list is not "no subnets".
   */
  subnetsUnknown: string | null;
}

export interface NeedSummary {
  service: string;
  reason: string;
  covered: boolean | 'unknown';
  via: string | null;
}

export interface ScanResult {
  infra: Infra;
  posture: Posture;
  findings: Finding[];
  errors: ScanError[];
  services: ServiceSummary[];
}

export interface ScanOptions {
  /** Defaults to every rule. */
  rules?: readonly Rule[];
  /** Errors found before the scan (unreadable files, config problems), merged and sorted with the rest. */
  inputErrors?: readonly ScanError[];
  /**
   * Whether findings offer fixes (default true), built on first read of `finding.fix`. Pass false
   * when nothing will read them (reports, diffs): the findings then hold no reference to the
   * analysis, which can be freed with the rest of the result.
   */
  fixes?: boolean;
  /**
   * Whether the parsed trees are kept for reuse (see parsed-cache.ts); default: when findings
   * offer fixes. Fix verification keeps them too, so its reference check reads the re-scanned
   * texts without parsing them again.
   */
  keepParsed?: boolean;
}

/**
 * Files → findings: sources, analysis, rules, all pure. Nothing a template contains may end the
 * scan: a failure in the analysis or in one rule becomes an error entry, and whatever could be
 * computed is still returned.
 */
export function scan(files: SourceFile[], deps: AnalysisDeps, config: Config, options: ScanOptions = {}): ScanResult {
  const errors: ScanError[] = [...(options.inputErrors ?? [])];
  let infra: Infra;
  try {
    infra = loadInfra(files, { keepParsed: options.keepParsed ?? options.fixes !== false });
  } catch (error) {
    infra = emptyInfra();
    errors.push(internalError('reading the templates', error));
  }
  errors.push(...infra.errors);

  let posture: Posture;
  let index: InfraIndex;
  let findings: Finding[] = [];
  try {
    ({ posture, index } = buildPosture(infra, deps));
    findings = runRules({ posture, index, catalog: deps.catalog }, options.rules ?? allRules, config, errors, { fixes: options.fixes });
  } catch (error) {
    index = new InfraIndex(infra);
    posture = { infra, permissions: new Map(), services: [] };
    errors.push(internalError('analysing the templates', error));
  }

  return {
    infra,
    posture,
    findings,
    errors: sortErrors(dedupeErrors(errors)),
    services: summariseServices(posture, index),
  };
}

export function summariseServices(posture: Posture, index: InfraIndex): ServiceSummary[] {
  const name = (id: string | undefined): string | null => (id === undefined ? null : displayId(id, index));
  const services = new Map(posture.infra.services.map((s) => [s.id, s]));
  const out = posture.services.map((sp: ServicePosture): ServiceSummary => {
    const entity = index.entity(sp.serviceId);
    return {
      key: sp.key,
      resource: entity?.logicalId ?? sp.serviceId,
      file: entity?.file ?? '',
      taskRole: sp.taskRoleChoices === undefined ? name(sp.taskRoleId) : sp.taskRoleChoices.map((c) => `${name(c.roleId)} (${describeOutcomes([c.when])})`).join(' or '),
      executionRole: name(sp.executionRoleId),
      publicIp: sp.publicIp.known ? sp.publicIp.value : 'unknown',
      subnets: sp.subnets.map((s) => displayId(s, index)),
      subnetsUnknown: undecidedSubnets(services.get(sp.serviceId)),
      egress: sp.egress,
      needs: sp.needs.map((n) => ({
        service: n.service,
        reason: n.reason,
        covered: n.covered,
        via: n.via === undefined ? null : displayVia(n.via, index),
      })),
    };
  });
  return out.sort((a, b) => cmp(a.file, b.file) || cmp(a.key, b.key) || cmp(a.resource, b.resource));
}

function undecidedSubnets(service: Service | undefined): string | null {
  if (service === undefined) return null;
  const list = service.subnets;
  if (!list.known) return list.reason ?? 'the list is not decided by the files';
  const unknown = list.items.find((r) => r.kind === 'unknown');
  return unknown === undefined ? null : unknown.reason;
}

/** Entity ids (`<file>#<logicalId>`) become the logical ID a user recognises; external ids stay as they are. */
function displayId(id: string, index: InfraIndex): string {
  return index.entity(id)?.logicalId ?? id;
}

/** `endpoint:<entity id>` / `nat:<entity id>` → `endpoint:EcrApi`. */
function displayVia(via: string, index: InfraIndex): string {
  const colon = via.indexOf(':');
  if (colon < 0) return displayId(via, index);
  return `${via.slice(0, colon)}:${displayId(via.slice(colon + 1), index)}`;
}

function internalError(stage: string, error: unknown): ScanError {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    file: INTERNAL_FILE,
    line: 0,
    message: `internal error while ${stage}, results are incomplete: ${detail}. Please report this with the templates that trigger it.`,
  };
}

export function sortErrors<T extends ScanError>(errors: T[]): T[] {
  return [...errors].sort((a, b) => cmp(a.file, b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || cmp(a.message, b.message));
}

function dedupeErrors(errors: ScanError[]): ScanError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.file}\0${e.line}\0${e.column ?? ''}\0${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
