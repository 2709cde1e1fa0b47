import type { AnalysisDeps } from '../shared/analysis/posture.ts';
import { SEVERITIES, type Finding, type Severity } from '../shared/model/index.ts';
import type { FailOn } from '../shared/config/types.ts';
import { scan, type ScanResult } from '../shared/engine.ts';
import { allRules } from '../shared/rules/index.ts';
import { renderJson, renderMarkdown, renderSarif, renderText } from '../shared/render/index.ts';
import { collectFiles } from '../shared/io/walk.ts';
import { workTreePrefix } from '../shared/io/git.ts';
import { loadConfigFile, pathSelection } from '../shared/io/config-file.ts';
import { loadIamCatalog } from '../shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../shared/io/managed-policies.ts';
import { DEFAULT_FAIL_ON, helpText, parseArgs, type ScanArgs } from './args.ts';
import { runDiff } from './diff.ts';
import { runFix } from './fix.ts';
import { emitReport, useColor } from './output.ts';
import { packageVersion } from './version.ts';

/** Everything the CLI touches outside its arguments, so tests run it in-process. */
export interface CliIO {
  /** False when the text was queued in memory rather than handed on (a stream's `write`). */
  stdout: (text: string) => void | boolean;
  /** Resolves when standard output has handed on what was queued (after `stdout` returned false). */
  stdoutDrained?: () => Promise<void>;
  stderr: (text: string) => void;
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Colour the text report when standard output is a terminal (NO_COLOR / FORCE_COLOR respected). */
  stdoutIsTTY?: boolean;
  /** Defaults to the shipped IAM catalog and managed-policy snapshot. */
  deps?: AnalysisDeps;
  /** Defaults to package.json's version. */
  version?: string;
  /**
   * The module a worker thread runs to analyse a diff's base in parallel (the CLI entry, which
   * checks isBaseWorker); without it `diff` uses one thread.
   */
  diffWorkerEntry?: URL;
  /** What one run reads in templates; defaults to DEFAULT_MAX_TOTAL_BYTES (tests set less than a huge tree). */
  maxTotalBytes?: number;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE_OR_INPUT = 2;

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    // Nothing a user supplies should get here; if something does, say so plainly instead of a stack trace.
    io.stderr(`fargate-warden: internal error: ${error instanceof Error ? error.message : String(error)}\nPlease report this at https://github.com/fargate-warden/fargate-warden/issues\n`);
    return EXIT_USAGE_OR_INPUT;
  }
}

async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv);
  switch (args.kind) {
    case 'help':
      io.stdout(helpText(args.command));
      return EXIT_OK;
    case 'version':
      io.stdout(`${io.version ?? packageVersion()}\n`);
      return EXIT_OK;
    case 'usage-error':
      io.stderr(`fargate-warden: ${args.message}\nRun \`fargate-warden --help\` for usage.\n`);
      return EXIT_USAGE_OR_INPUT;
    case 'scan':
      return runScan(args, io);
    case 'diff':
      return runDiff(args, io);
    case 'fix':
      return runFix(args, io);
  }
}

async function runScan(args: ScanArgs, io: CliIO): Promise<number> {
  const loaded = loadConfigFile({ cwd: io.cwd, path: args.config, ruleIds: allRules.map((r) => r.meta.id) });
  const config = loaded.config;
  const failOn: FailOn = args.failOn ?? config.failOn ?? DEFAULT_FAIL_ON;
  const collected = collectFiles(args.paths, { ...pathSelection(loaded), cwd: io.cwd, maxTotalBytes: io.maxTotalBytes });
  const deps = io.deps ?? { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() };
  // No scan report shows fixes (`fix` builds them).
  const result = scan(collected.files, deps, config, { inputErrors: [...loaded.errors, ...collected.errors], fixes: false });

  const toFile = args.output !== undefined;
  const report = render(result, args, config.rules.severity, io, !toFile && args.format === 'text' && useColor(io));
  if (!(await emitReport(io, args.output, report))) return EXIT_USAGE_OR_INPUT;

  // Machine formats and files do not show errors to a person reading the log; stderr does.
  if (toFile || args.format !== 'text') {
    for (const e of result.errors) io.stderr(`${e.line > 0 ? `${e.file}:${e.line}` : e.file}: error: ${e.message}\n`);
  }
  const failing = failingFindings(result.findings, failOn);
  if (toFile) {
    io.stderr(`fargate-warden: wrote the ${args.format} report to ${args.output}: ${summaryLine(result)}\n`);
  }
  if (result.errors.length > 0) return EXIT_USAGE_OR_INPUT;
  return failing.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

function render(result: ScanResult, args: ScanArgs, severity: Record<string, Severity>, io: CliIO, color: boolean): string {
  switch (args.format) {
    case 'json':
      return renderJson(result);
    case 'sarif':
      return renderSarif(result, allRules, { toolVersion: io.version ?? packageVersion(), severity, uriBase: workTreePrefix(io.cwd) });
    case 'markdown':
      return renderMarkdown(result);
    case 'text':
      return renderText(result, { color });
  }
}

/** Findings that make the exit code 1: not suppressed, at or above the threshold. */
export function failingFindings(findings: readonly Finding[], failOn: FailOn): Finding[] {
  if (failOn === 'none') return [];
  const threshold = SEVERITIES.indexOf(failOn);
  return findings.filter((f) => f.suppressed === undefined && SEVERITIES.indexOf(f.severity) <= threshold);
}

function summaryLine(result: ScanResult): string {
  const active = result.findings.filter((f) => f.suppressed === undefined).length;
  return `${result.services.length} service(s), ${active} finding(s), ${result.errors.length} error(s)`;
}

