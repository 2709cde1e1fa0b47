import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AnalysisDeps } from '../shared/analysis/posture.ts';
import type { FailOn } from '../shared/config/types.ts';
import { SEVERITIES } from '../shared/model/index.ts';
import { scan, type ScanError } from '../shared/engine.ts';
import { allRules } from '../shared/rules/index.ts';
import { comparePreparedSides, prepareSide, type PreparedSide } from '../shared/diff/diff.ts';
import { diffWorkerMode, startBaseWorker, wantsWorker } from './diff-worker.ts';
import type { PostureDiff } from '../shared/diff/types.ts';
import { renderComment } from '../shared/render/comment/comment.ts';
import { renderDiffJsonChunks } from '../shared/render/diff-json.ts';
import { renderDiffText } from '../shared/render/diff-text.ts';
import { renderDiffSarif } from '../shared/render/sarif.ts';
import { collectFiles, treeRoot } from '../shared/io/walk.ts';
import { diffBudgets } from '../shared/io/files.ts';
import { collectFilesAtRevision, GitError, workTreeIgnored, workTreePrefix } from '../shared/io/git.ts';
import { loadConfigAtRevision, loadConfigFile, pathSelection, withSuppressionsOf, type LoadedConfig } from '../shared/io/config-file.ts';
import type { SourceFile } from '../shared/sources/types.ts';
import type { SkippedFile } from '../shared/io/files.ts';
import { templatesGone } from '../shared/io/templates-gone.ts';
import { loadIamCatalog } from '../shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../shared/io/managed-policies.ts';
import { DEFAULT_FAIL_ON, type DiffArgs } from './args.ts';
import type { CliIO } from './main.ts';
import { emitReport, useColor } from './output.ts';
import { packageVersion } from './version.ts';

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE_OR_INPUT = 2;

interface Side {
  /** How the side is named in the headline: a path, a revision, `work tree`. */
  label: string;
  files: SourceFile[];
  errors: ScanError[];
  /** The directory all its paths start with, when the two sides are different trees (see DiffSide.root). */
  root?: string;
}

/**
 * `fargate-warden diff`: analyze base and head, compare their postures, print the comparison.
 * Git revisions are read with `git ls-tree`/`git cat-file` (never a checkout), and paths are
 * reported relative to the working directory on both sides, so one file has one name. Exit 1
 * only for findings the change introduces at or above `--fail-on`; 2 for input errors on either
 * side (after everything else was compared and printed).
 */
export async function runDiff(args: DiffArgs, io: CliIO): Promise<number> {
  const ruleIds = allRules.map((r) => r.meta.id);
  let loaded: LoadedConfig;
  let baseSuppressions: LoadedConfig | undefined;
  let base: Side;
  let head: Side;
  try {
    // With two revisions, the head revision's config applies, whatever is checked out; otherwise
    // the work tree's (the head, or what the user is working in).
    loaded = args.config === undefined && args.headRef !== undefined
      ? loadConfigAtRevision(args.headRef, { cwd: io.cwd, ruleIds })
      : loadConfigFile({ cwd: io.cwd, path: args.config, ruleIds });
    // ...and the base revision's suppressions to base, so one the change adds shows (see withSuppressionsOf).
    if (args.config === undefined && args.baseRef !== undefined) baseSuppressions = loadConfigAtRevision(args.baseRef, { cwd: io.cwd, ruleIds });
    ({ base, head } = readSides(args, io.cwd, pathSelection(loaded), diffBudgets(io.maxTotalBytes)));
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    io.stderr(`fargate-warden: ${error.message}\n`);
    return EXIT_USAGE_OR_INPUT;
  }
  head.errors.unshift(...loaded.errors);
  // Base's config file counts for base's suppressions: one that does not parse is base's input
  // error, as head's is head's, or base's suppressions would silently be lost.
  if (baseSuppressions !== undefined) base.errors.unshift(...baseSuppressions.errors);
  const config = loaded.config;
  const baseConfig = withSuppressionsOf(config, baseSuppressions);
  const failOn: FailOn = args.failOn ?? config.failOn ?? DEFAULT_FAIL_ON;

  const deps: AnalysisDeps = io.deps ?? { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() };
  // Reports never show fixes. Each side is reduced to what the comparison needs as soon as it is
  // analysed, so two whole models are never in memory at once.
  const analyse = (side: Side): PreparedSide => prepareSide({ ...scan(side.files, deps, side === base ? baseConfig : config, { inputErrors: side.errors, fixes: false }), root: side.root });
  let basePrepared: PreparedSide | undefined;
  let headPrepared: PreparedSide | undefined;
  const mode = diffWorkerMode(io.env);
  if (io.diffWorkerEntry !== undefined && wantsWorker(mode, base.files)) {
    try {
      const worker = startBaseWorker(io.diffWorkerEntry, { files: base.files, errors: base.errors, config: baseConfig, root: base.root });
      try {
        headPrepared = analyse(head);
        basePrepared = await worker.prepare(headPrepared);
      } finally {
        worker.stop();
      }
    } catch (error) {
      // The worker could not do its part (no threads here, too little memory): this thread does.
      if (mode === 'on') io.stderr(`fargate-warden: base was not analysed on a worker thread (${error instanceof Error ? error.message : String(error)}); analysing it here\n`);
    }
    headPrepared ??= analyse(head);
  } else {
    basePrepared = analyse(base);
    headPrepared = analyse(head);
  }
  basePrepared ??= analyse(base);
  const diff = comparePreparedSides(basePrepared, headPrepared);

  const toFile = args.output !== undefined;
  const report = args.format === 'sarif'
    ? renderDiffSarif(diff, headPrepared.findings, allRules, { toolVersion: io.version ?? packageVersion(), severity: config.rules.severity, uriBase: workTreePrefix(io.cwd) })
    : render(diff, args.format, `${base.label}…${head.label}`, !toFile && args.format === 'text' && useColor(io));
  if (!(await emitReport(io, args.output, report))) return EXIT_USAGE_OR_INPUT;
  if (toFile || args.format !== 'text') {
    for (const e of diff.errors) io.stderr(`${e.side}: ${e.line > 0 ? `${e.file}:${e.line}` : e.file}: error: ${e.message}\n`);
  }
  if (toFile) {
    io.stderr(`fargate-warden: wrote the ${args.format} diff to ${args.output}: ${summaryLine(diff)}\n`);
  }
  if (diff.errors.length > 0) return EXIT_USAGE_OR_INPUT;
  return newFailing(diff, failOn).length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

function render(diff: PostureDiff, format: Exclude<DiffArgs['format'], 'sarif'>, title: string, color: boolean): string | Iterable<string> {
  switch (format) {
    case 'json':
      return renderDiffJsonChunks(diff);
    case 'markdown':
      return renderComment(diff, { title });
    case 'text':
      return renderDiffText(diff, { color });
  }
}

/** New findings (not suppressed) at or above the threshold: what makes `diff` exit 1. */
export function newFailing(diff: PostureDiff, failOn: FailOn): PostureDiff['findings']['new'] {
  if (failOn === 'none') return [];
  const threshold = SEVERITIES.indexOf(failOn);
  return diff.findings.new.filter((f) => f.suppressed === undefined && SEVERITIES.indexOf(f.severity) <= threshold);
}

/**
 * Both sides' files, read under one total budget (see diffBudgets): both sides' models are in
 * memory in one run, so two sides each the size a scan may read would exhaust it.
 */
function readSides(args: DiffArgs, cwd: string, globs: ReturnType<typeof pathSelection>, budgets: ReturnType<typeof diffBudgets>): { base: Side; head: Side } {
  const paths = args.paths.length === 0 ? ['.'] : args.paths;

  let base: Side;
  let baseMissing: string[] = [];
  let baseSkipped: SkippedFile[];
  let headSkipped: SkippedFile[];
  if (args.base !== undefined) {
    // Two trees named explicitly: the config's path globs (relative to the config's directory) would
    // select different files on each side, so they do not apply here.
    const collected = collectFiles([args.base], { cwd, budget: budgets.base });
    base = { label: args.base, files: collected.files, errors: collected.errors };
    baseSkipped = collected.skipped;
  } else {
    // `--base-ref main --head infra`: compare infra with infra as it is at main.
    const basePaths = args.head !== undefined && args.paths.length === 0 ? [args.head] : paths;
    const collected = collectFilesAtRevision(args.baseRef as string, { cwd, paths: basePaths, ...globs, budget: budgets.base });
    base = { label: args.baseRef as string, files: collected.files, errors: collected.errors };
    baseSkipped = collected.skipped;
    baseMissing = collected.missing;
  }

  // A work tree compared with a revision: what git ignores is no part of the change (see workTreeIgnored).
  const ignored = args.baseRef !== undefined && args.headRef === undefined ? workTreeIgnored(cwd, args.head !== undefined ? [args.head] : paths) : undefined;
  let head: Side;
  if (args.head !== undefined) {
    const collected = collectFiles([args.head], args.base !== undefined ? { cwd, budget: budgets.head } : { cwd, ...globs, budget: budgets.head, ignored });
    head = { label: args.head, files: collected.files, errors: collected.errors };
    headSkipped = collected.skipped;
  } else if (args.headRef !== undefined) {
    const collected = collectFilesAtRevision(args.headRef, { cwd, paths, ...globs, budget: budgets.head });
    head = { label: args.headRef, files: collected.files, errors: collected.errors };
    headSkipped = collected.skipped;
    for (const p of collected.missing.filter((m) => baseMissing.includes(m))) {
      head.errors.push({ file: p, line: 1, message: `${p} exists neither at ${args.baseRef} nor at ${args.headRef}` });
    }
  } else {
    // The work tree. A path the change deleted is no error: it exists at base only.
    // With --base PATH every head PATH must exist.
    const present = args.base !== undefined ? paths : paths.filter((p) => existsSync(resolve(cwd, p)) || baseMissing.includes(p));
    // With --base DIR the config's globs do not apply to base (see above), so not to head either.
    const collected = present.length === 0 ? { files: [], errors: [], skipped: [] } : collectFiles(present, args.base !== undefined ? { cwd, budget: budgets.head } : { cwd, ...globs, budget: budgets.head, ignored });
    head = { label: args.base !== undefined ? paths.join(' ') : 'work tree', files: collected.files, errors: collected.errors };
    headSkipped = collected.skipped;
  }
  if (args.base !== undefined) {
    base.root = treeRoot(args.base, cwd);
    // `--base DIR PATH`: the one PATH is head's tree; with several, paths compare as written.
    head.root = args.head !== undefined ? treeRoot(args.head, cwd) : paths.length === 1 ? treeRoot(paths[0]!, cwd) : '.';
  }
  base.errors.push(...templatesGone(base, baseSkipped, head, 'head'));
  head.errors.push(...templatesGone(head, headSkipped, base, 'base'));
  return { base, head };
}

function summaryLine(diff: PostureDiff): string {
  const changed = diff.services.filter((s) => s.status !== 'unchanged').length;
  return `${diff.verdict}, ${changed} service(s) changed, ${diff.findings.new.length} new finding(s), ${diff.findings.resolved.length} resolved, ${diff.findings.undecided.length} undecided, ${diff.findings.suppressed.length > 0 ? `${diff.findings.suppressed.length} newly suppressed, ` : ''}${diff.errors.length} error(s)`;
}
