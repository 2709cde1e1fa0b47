import { relative, resolve } from 'node:path';
import type { AnalysisDeps } from '../src/shared/analysis/posture.ts';
import { defaultConfig, type Config, type FailOn } from '../src/shared/config/types.ts';
import { comparePreparedSides, prepareSide, type PreparedSide } from '../src/shared/diff/diff.ts';
import type { PostureDiff } from '../src/shared/diff/types.ts';
import { changedFindings } from '../src/shared/diff/findings.ts';
import { scan, type ScanError, type ScanResult } from '../src/shared/engine.ts';
import { SEVERITIES, type Finding } from '../src/shared/model/index.ts';
import { headFilesShown, renderComment, type CommentOptions } from '../src/shared/render/comment/comment.ts';
import { escapeLinkTarget, escapeMarkdown } from '../src/shared/render/escape.ts';
import { renderMarkdown } from '../src/shared/render/markdown.ts';
import { renderDiffSarif, renderSarif } from '../src/shared/render/sarif.ts';
import { allRules } from '../src/shared/rules/index.ts';
import type { Rule } from '../src/shared/rules/types.ts';
import { INTERNAL_FILE } from '../src/shared/rules/run.ts';
import type { SourceFile } from '../src/shared/sources/types.ts';
import { findDefaultConfig, loadConfigAtRevision, loadConfigFile, pathSelection, withSuppressionsOf, type LoadedConfig, type PathSelection } from '../src/shared/io/config-file.ts';
import { GitError, checkoutRoot, repositoryPathOf } from '../src/shared/io/git.ts';
import { DEFAULT_MAX_TOTAL_BYTES, diffBudgets, errorCode, formatBytes, leavesRoot, realpathOr, totalBudget, writeTextFile, type InputError as FileError, type SkippedFile, type TotalBudget } from '../src/shared/io/files.ts';
import { templatesGone } from '../src/shared/io/templates-gone.ts';
import { loadIamCatalog } from '../src/shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../src/shared/io/managed-policies.ts';
import { collectFiles, treeRoot } from '../src/shared/io/walk.ts';
import { locateSides, readCommitFiles } from './base.ts';
import { publishComment, type CommentOutcome } from './comment.ts';
import { ContextError, readContext, type Env, type PullRequestContext, type RunContext } from './context.ts';
import { actionsCorePort, type CorePort } from './core.ts';
import { explainApiError, failureCause, failureSentence, isLockedError, isPermissionError, statusOf, type GitHubPort } from './github.ts';
import { InputError, readInputs, type ActionInputs } from './inputs.ts';
import { verifyFixes } from '../src/shared/fixes/verify.ts';
import { ANNOTATION_LEVEL, ANNOTATIONS_PER_LEVEL, changedLinesFromPatches, headLineMap, planAnnotations, planSuggestions, postedSuggestionKeys, type ChangedLines, type HeadLines, type Suggestion } from './review.ts';
import { VERSION } from './version.ts';

/** Everything `run()` touches outside itself, so tests run it in-process with fixtures. */
export interface RunDeps {
  core: CorePort;
  env: Env;
  cwd: string;
  /** The GitHub port for the token and repository. */
  github: (token: string, context: RunContext) => GitHubPort | Promise<GitHubPort>;
  /** Defaults to the shipped IAM catalog and managed-policy snapshot, read lazily. */
  analysis?: AnalysisDeps;
  /** Defaults to every rule. */
  rules?: readonly Rule[];
  /** What a run reads in templates; defaults to DEFAULT_MAX_TOTAL_BYTES (tests set less than a huge tree). */
  maxTotalBytes?: number;
}

/** What a run produced; `failures` become the single setFailed. */
interface Outcome {
  verdict: string;
  newFindings: number;
  commentUrl: string;
  failures: string[];
}

export async function run(overrides: Partial<RunDeps> = {}): Promise<void> {
  const deps: RunDeps = { core: actionsCorePort, env: process.env, cwd: process.cwd(), github: defaultGitHub(overrides.core ?? actionsCorePort), ...overrides };
  const { core } = deps;
  core.info(`fargate-warden ${VERSION}`);
  try {
    const inputs = readInputs((name) => core.getInput(name));
    core.setSecret(inputs.token);
    const context = readContext(deps.env, deps.cwd);
    const outcome = context.pullRequest === undefined ? await scanOnly(inputs, context, deps) : await reviewPullRequest(inputs, context, context.pullRequest, deps);
    setOutputs(core, outcome);
    if (outcome.failures.length > 0) core.setFailed(outcome.failures.join('\n'));
  } catch (error) {
    setOutputs(core, undefined);
    if (error instanceof InputError || error instanceof ContextError) core.setFailed(error.message);
    else core.setFailed(`internal error: ${error instanceof Error ? error.message : String(error)}. Please report this at https://github.com/fargate-warden/fargate-warden/issues`);
  }
}

/**
 * Every output of action.yml, on every path. A step that failed before it reviewed anything
 * (invalid inputs, a commit it cannot read) sets each empty, as action.yml documents: `new-findings`
 * is then not `0`, which a later step would read as a clean review. (GitHub reads an output that
 * was never set as empty too: setting them keeps one contract for every path, and tests hold it.)
 */
function setOutputs(core: CorePort, outcome: Outcome | undefined): void {
  core.setOutput('verdict', outcome?.verdict ?? '');
  core.setOutput('new-findings', outcome === undefined ? '' : String(outcome.newFindings));
  core.setOutput('comment-url', outcome?.commentUrl ?? '');
}

/** Octokit and its HTTP stack are loaded only when a pull request needs them (a separate chunk in dist/). */
function defaultGitHub(core: CorePort): RunDeps['github'] {
  return async (token, context) => {
    const { createGitHub } = await import('./octokit.ts');
    return createGitHub(token, context, { baseUrl: context.apiUrl, userAgent: `fargate-warden/${VERSION}`, log: (m) => core.info(m) });
  };
}

interface Prepared {
  config: Config;
  /**
   * The config's `paths` globs and the directory they are relative to: the repository root for its
   * `.github/fargate-warden.yml`, as in the CLI and the App (see LoadedConfig.globBase).
   */
  selection: PathSelection;
  /** Where the reviewed repository is checked out (see checkoutRoot); undefined when git finds none. */
  checkout?: string;
  /**
   * A report path (relative to the workspace) as GitHub names the file, from the repository root:
   * what annotations, review suggestions, links and SARIF say. Undefined: not in the repository.
   */
  repositoryPath: (reportPath: string) => string | undefined;
  configErrors: FileError[];
  failOn: FailOn;
  analysis: AnalysisDeps;
  rules: readonly Rule[];
}

function prepare(inputs: ActionInputs, context: RunContext, deps: RunDeps): Prepared {
  // actions/checkout may put the repository below the workspace (`path:`), or the step may run
  // below the repository root: git says where its root is, as `paths` lead into it.
  const checkout = checkoutRoot(context.workspace, inputs.cdkOut === undefined ? inputs.paths : [...inputs.paths, inputs.cdkOut.base, inputs.cdkOut.head]);
  if (checkout !== undefined && checkout !== realpathOr(context.workspace)) deps.core.info(`repository: ${checkout} (paths GitHub shows are relative to it)`);
  const loaded = loadActionConfig(inputs.config, context.workspace, checkout);
  if (loaded.file !== undefined) deps.core.info(`config: ${loaded.file}`);
  const failOn = inputs.failOn ?? loaded.config.failOn ?? 'none';
  const analysis = deps.analysis ?? { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() };
  return {
    config: loaded.config,
    selection: pathSelection(loaded),
    configErrors: loaded.errors,
    failOn,
    analysis,
    rules: deps.rules ?? allRules,
    ...(checkout === undefined ? {} : { checkout }),
    repositoryPath: repositoryPathOf(context.workspace, checkout),
  };
}

/**
 * The `config` input's file (a path from the workspace); without it the default file, looked for
 * in the repository's root when the repository is checked out below the workspace (actions/checkout's
 * `path:`), and only there: a repository or directory holding the workspace is not the one
 * reviewed. Otherwise from the workspace up (the workspace is, or is in, the repository). The
 * checkout is the pull request's content: its links are not followed (see linkOnPath). Its `paths`
 * globs are relative to the directory holding its `.github` directory (the repository root for the
 * default file), else to the workspace, as the CLI's `--config FILE` to the working directory.
 */
function loadActionConfig(configInput: string | undefined, workspace: string, checkout: string | undefined): LoadedConfig {
  const options = { cwd: workspace, repository: workspace };
  if (configInput !== undefined) return loadConfigFile({ ...options, path: configInput });
  const below = checkoutBelowWorkspace(workspace, checkout);
  if (below === undefined) return loadConfigFile(options);
  const found = findDefaultConfig(below);
  return found === undefined ? { config: defaultConfig(), errors: [] } : loadConfigFile({ ...options, path: relative(realpathOr(workspace), found) });
}

/** The repository's root when it is checked out below the workspace (actions/checkout's `path:`), where its default config file is looked for. */
function checkoutBelowWorkspace(workspace: string, checkout: string | undefined): string | undefined {
  if (checkout === undefined) return undefined;
  const below = relative(realpathOr(workspace), checkout);
  return below === '' || leavesRoot(below) ? undefined : checkout;
}

interface Side {
  files: SourceFile[];
  errors: FileError[];
  /** Candidate files left out as no template (see templatesGone). */
  skipped: SkippedFile[];
  via: string;
  /** How messages name the side: a commit, a directory, `work tree`. */
  label: string;
  /** For a directory compared with another one (cdk-out): its root, as report paths spell it. */
  root?: string;
}

/** Two cdk-out directories are two trees: each side's paths compare below its own (see DiffSide.root). */
function rootOf(side: Side): { root?: string } {
  return side.root !== undefined ? { root: side.root } : {};
}

/**
 * The config file as the base commit holds it, for its suppressions (see withSuppressionsOf); none
 * when git cannot read the commit (it came through the API), and then base gets head's. Its errors
 * are base's input errors. Looked for where head's default file is (see loadActionConfig): in a
 * repository checked out below the workspace, from its root, through its own git.
 */
function baseConfigAt(sha: string, workspace: string, checkout: string | undefined): LoadedConfig | undefined {
  try {
    return loadConfigAtRevision(sha, { cwd: checkoutBelowWorkspace(workspace, checkout) ?? workspace });
  } catch (error) {
    if (error instanceof GitError) return undefined;
    throw error;
  }
}

function collectSide(paths: readonly string[], context: RunContext, selection: PathSelection, via: string, budget: TotalBudget): Side {
  const collected = collectFiles(paths, { ...selection, cwd: context.workspace, repository: context.workspace, budget });
  return { files: collected.files, errors: collected.errors, skipped: collected.skipped, via, label: via };
}

async function reviewPullRequest(inputs: ActionInputs, context: RunContext, pr: PullRequestContext, deps: RunDeps): Promise<Outcome> {
  const { core } = deps;
  const prepared = prepare(inputs, context, deps);
  const { config } = prepared;
  const github = await deps.github(inputs.token, context);
  core.info(`${context.eventName} #${pr.number}: ${pr.baseRef}…${pr.headRef}${pr.fromFork ? ` (from fork ${pr.headRepo})` : ''}`);

  let base: Side;
  let head: Side;
  // The commit base's files were read at, for links to removed lines (cdk.out trees are not in git).
  let baseCommit: string | undefined;
  let baseSuppressions: LoadedConfig | undefined;
  // The checkout is the merge of the pull request into its base: its lines are not the head's.
  let mergeCheckout = false;
  // Both sides' models are in memory in one run: they share one total, base read first and
  // limited to half of it so that it cannot leave nothing for head (see diffBudgets), as in the CLI.
  const budgets = diffBudgets(deps.maxTotalBytes);
  if (inputs.cdkOut !== undefined) {
    const cdkSelection: PathSelection = { ...prepared.selection, include: [] };
    base = { ...collectSide([inputs.cdkOut.base], context, cdkSelection, `cdk-out ${inputs.cdkOut.base}`, budgets.base), label: inputs.cdkOut.base, root: treeRoot(inputs.cdkOut.base, context.workspace) };
    head = { ...collectSide([inputs.cdkOut.head], context, cdkSelection, `cdk-out ${inputs.cdkOut.head}`, budgets.head), label: inputs.cdkOut.head, root: treeRoot(inputs.cdkOut.head, context.workspace) };
  } else {
    const sides = locateSides(prepared.checkout ?? context.workspace, pr);
    baseCommit = sides.baseSha;
    mergeCheckout = sides.merge === true;
    core.info(`base ${sides.baseSha.slice(0, 12)}, head ${pr.headSha.slice(0, 12)}: ${sides.why}`);
    const readOptions = {
      workspace: context.workspace,
      ...(prepared.checkout === undefined ? {} : { repository: prepared.checkout }),
      paths: inputs.paths,
      ...prepared.selection,
      api: github,
      log: (m: string) => core.info(m),
    };
    const readCommit = async (sha: string, budget: TotalBudget): Promise<Side> => {
      try {
        return { ...(await readCommitFiles(sha, { ...readOptions, budget })), label: sha.slice(0, 12) };
      } catch (error) {
        throw new ContextError(`cannot read the templates of commit ${sha}: ${failureSentence('read them through the GitHub API', explainApiError(error, 'contents'))}`);
      }
    };
    base = await readCommit(sides.baseSha, budgets.base);
    head = sides.headInWorkTree ? collectSide(inputs.paths, context, prepared.selection, 'work tree', budgets.head) : await readCommit(pr.headSha, budgets.head);
    if (inputs.config === undefined) baseSuppressions = baseConfigAt(sides.baseSha, context.workspace, prepared.checkout);
    // Base's config file counts for base's suppressions: one that does not parse is base's input
    // error, as head's is head's, or base's suppressions would silently be lost (as in the CLI).
    if (baseSuppressions !== undefined) base.errors.unshift(...baseSuppressions.errors);
  }
  base.errors.push(...templatesGone(base, base.skipped, head, 'head'));
  head.errors.push(...templatesGone(head, head.skipped, base, 'base'));
  core.info(`base: ${base.files.length} file(s) from ${base.via}; head: ${head.files.length} file(s) from ${head.via}`);

  // Base is reduced to what the comparison needs before head is analysed (see prepareSide); the
  // function boundary is what lets its model be collected. Suggestions come from head's fixes only.
  const basePrepared = ((): PreparedSide => {
    const baseResult = scan(base.files, prepared.analysis, withSuppressionsOf(config, baseSuppressions), { rules: prepared.rules, inputErrors: base.errors, fixes: false });
    for (const e of baseResult.errors) core.info(`base: ${where(e)}: ${e.message}`);
    return prepareSide({ posture: baseResult.posture, findings: baseResult.findings, errors: baseResult.errors, ...rootOf(base) });
  })();
  const headResult = scan(head.files, prepared.analysis, config, { rules: prepared.rules, inputErrors: [...prepared.configErrors, ...head.errors] });
  const diff = comparePreparedSides(basePrepared, prepareSide({ posture: headResult.posture, findings: headResult.findings, errors: headResult.errors, ...rootOf(head) }));
  core.info(`verdict: ${diff.verdict}; ${diff.findings.new.length} new, ${diff.findings.resolved.length} resolved, ${diff.findings.undecided.length} undecided, ${diff.findings.suppressed.length} newly suppressed finding(s)`);

  let changed: ChangedLines | undefined;
  try {
    changed = changedLinesFromPatches(await github.listPullFiles(pr.number));
  } catch (error) {
    core.info(`${failureSentence('list the pull request’s changed files', explainApiError(error, 'pull-files'))} Annotations are not ordered by changed lines and no suggestions are offered.`);
  }

  const commentOptions: CommentOptions = {
    repoUrl: `${context.serverUrl}/${context.owner}/${context.repo}`,
    repositoryPath: prepared.repositoryPath,
    ref: pr.headSha,
    ...(baseCommit === undefined ? {} : { baseRef: baseCommit }),
    // A keyed comment is one of several on the pull request: its title says which.
    title: `${pr.baseRef}…${pr.headRef}${inputs.commentKey === undefined ? '' : ` (${inputs.commentKey})`}`,
  };
  // GitHub shows annotations and review comments on the head commit's lines, and the comment (and
  // the job summary, which holds it) links to them: the head's versions of those files are read.
  const headLines = mergeCheckout
    ? await linesOfHead(core, github, context, prepared, pr, head.files, new Set([...diff.findings.new.map((f) => f.file), ...headFilesShown(diff)]), {
        budget: budgets.head,
        maxTotalBytes: deps.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES,
      })
    : undefined;

  const failures: string[] = [];
  // Annotations come last, when it is known which other ones the step has (see annotateStep).
  let warnings = 0;
  failures.push(...inputErrorFailures(headResult.errors));

  const unchanged = headResult.errors.length === 0 && diff.services.every((s) => s.status === 'unchanged') && changedFindings(diff.findings).length === 0;
  // Input errors of either side are in the comment's own warning (diff.errors), inside its budget.
  const body = renderComment(diff, { ...commentOptions, ...(headLines === undefined ? {} : { headLine: headLines }) });

  let comment: CommentOutcome | undefined;
  // Why the comment is missing, for the job summary, which then holds what it would have said.
  let commentMissing: string | undefined;
  // Where the comment was refused for it, a review would be too.
  let locked = false;
  try {
    comment = await publishComment(
      github,
      { issue: pr.number, mode: inputs.comment, unchanged, deleteIfUnchanged: inputs.deleteIfUnchanged, body, ...(inputs.commentKey === undefined ? {} : { key: inputs.commentKey }) },
      (m) => core.info(m),
    );
    core.info(`comment: ${comment.action}${comment.url === undefined ? '' : ` ${comment.url}`}${comment.deleted > 0 ? ` (${comment.deleted} earlier comment(s) deleted)` : ''}`);
  } catch (error) {
    const failure = explainApiError(error, 'comment');
    const message = failureSentence('post the pull request comment', failure);
    commentMissing = failureCause(failure, escapeMarkdown);
    // A read-only token (fork pull requests, restricted permissions) or a locked conversation is a
    // setup fact, not a failed review.
    locked = isLockedError(error);
    if (isPermissionError(error) || locked) {
      core.warning(message);
      warnings++;
    } else failures.push(message);
  }

  if (inputs.suggestions && changed !== undefined && locked) {
    core.info("review suggestions skipped: the pull request's conversation is locked");
  } else if (inputs.suggestions && changed !== undefined) {
    // Only fixes that survive re-analysis are offered: applied, the finding goes away and nothing
    // as severe appears. The rest stay findings without a suggestion. The re-analysis is head's
    // scan again: the same rules and config (disabled rules, severities, suppressions).
    const candidates = new Set(diff.findings.new.filter((f) => f.fix !== undefined));
    const verified =
      candidates.size === 0 ? [] : verifyFixes(head.files, headResult, prepared.analysis, config, { only: (f) => candidates.has(f), scanOptions: { rules: prepared.rules } }).fixes.map((v) => v.finding);
    await suggest(core, github, pr, verified, head.files, changed, headLines, prepared.repositoryPath);
  }

  const note = commentMissing === undefined ? '' : `> **The pull request comment could not be posted: ${commentMissing}** Below is what it would have said.\n\n`;
  await writeSummary(core, `${note}${body}\n${comment?.url === undefined ? '' : `[Pull request comment](${comment.url}) · `}base \`${shortVia(base.via)}\` · head \`${shortVia(head.via)}\`\n`);
  failures.push(...writeSarif(core, inputs, context, headResult, prepared, diff));

  const failing = atOrAbove(diff.findings.new, prepared.failOn);
  if (failing.length > 0) failures.unshift(`${failing.length} new finding(s) at or above fail-on: ${prepared.failOn} (${describe(failing)})`);
  const annotated = headLines === undefined ? diff.findings.new : diff.findings.new.map((f) => ({ ...f, line: headLines(f.file, f.line) ?? 0 }));
  annotateStep(core, annotated, changed, headResult.errors, prepared.repositoryPath, { failed: failures.length > 0, warnings });
  return { verdict: diff.verdict, newFindings: diff.findings.new.length, commentUrl: comment?.url ?? '', failures };
}

async function scanOnly(inputs: ActionInputs, context: RunContext, deps: RunDeps): Promise<Outcome> {
  const { core } = deps;
  const prepared = prepare(inputs, context, deps);
  if (inputs.cdkOut !== undefined) core.info('cdk-out is used on pull requests only; scanning `paths` and the cdk-out head directory');
  const paths = inputs.cdkOut === undefined ? inputs.paths : [...inputs.paths, inputs.cdkOut.head];
  const side = collectSide(paths.length === 0 ? ['.'] : paths, context, prepared.selection, 'work tree', totalBudget(deps.maxTotalBytes));
  core.info(`${context.eventName || 'run'}: scanning ${side.files.length} file(s)`);
  // Outside pull requests nothing offers suggestions, so findings need no fixes.
  const result = scan(side.files, prepared.analysis, prepared.config, { rules: prepared.rules, inputErrors: [...prepared.configErrors, ...side.errors], fixes: false });
  const active = result.findings.filter((f) => f.suppressed === undefined);
  const failures = inputErrorFailures(result.errors);
  const ref = context.sha;
  const repoUrl = `${context.serverUrl}/${context.owner}/${context.repo}`;
  const fileLink = (file: string, line: number): string | undefined => {
    const path = prepared.repositoryPath(file);
    return ref === undefined || path === undefined ? undefined : `${repoUrl}/blob/${encodeURIComponent(ref)}/${escapeLinkTarget(path)}#L${line}`;
  };
  await writeSummary(core, renderMarkdown(result, { fileLink }));
  failures.push(...writeSarif(core, inputs, context, result, prepared));
  const failing = atOrAbove(active, prepared.failOn);
  if (failing.length > 0) failures.unshift(`${failing.length} finding(s) at or above fail-on: ${prepared.failOn} (${describe(failing)})`);
  annotateStep(core, active, undefined, result.errors, prepared.repositoryPath, { failed: failures.length > 0, warnings: 0 });
  return { verdict: '', newFindings: active.length, commentUrl: '', failures };
}

/**
 * The step's annotations: GitHub shows at most ANNOTATIONS_PER_LEVEL of each level per step and
 * drops the rest silently, and the failure (setFailed, an error annotation), input errors and the
 * warning about a missing permission count against the same limit. So the failure and the
 * warnings the run already wrote keep their slots, input errors (what makes the review
 * incomplete) take what findings at the error level leave, but at least half of the rest, and
 * findings fill what remains; everything else goes to the log.
 */
export function annotateStep(
  core: CorePort,
  reported: readonly Finding[],
  changed: ChangedLines | undefined,
  errors: readonly ScanError[],
  repositoryPath: Prepared['repositoryPath'],
  other: { failed: boolean; warnings: number },
): void {
  // GitHub places an annotation by the file's path from the repository root, as the pull
  // request's changed lines name it; a file outside the repository is annotated on none, and the
  // log, which has no such limit, names it by its path as reported.
  const asReported = new Map<Finding, string>();
  const findings = reported.map((f) => {
    const inRepository = { ...f, file: repositoryPath(f.file) ?? '' };
    asReported.set(inRepository, f.file);
    return inRepository;
  });
  const errorSlots = Math.max(0, ANNOTATIONS_PER_LEVEL - (other.failed ? 1 : 0));
  const findingErrors = findings.filter((f) => ANNOTATION_LEVEL[f.severity] === 'error').length;
  const shown = Math.min(errors.length, Math.max(errorSlots - findingErrors, Math.ceil(errorSlots / 2)));
  for (const e of errors.slice(0, shown)) {
    const file = e.file === INTERNAL_FILE || e.file === '.' ? undefined : repositoryPath(e.file);
    core.error(e.message, file === undefined ? { title: 'fargate-warden' } : { title: 'fargate-warden: cannot analyze', file, ...(e.line > 0 ? { startLine: e.line } : {}) });
  }
  for (const e of errors.slice(shown)) core.info(`${where(e)}: error: ${e.message}`);
  if (errors.length > shown) core.info(`${errors.length - shown} input error(s) above are not annotated: GitHub shows at most ${ANNOTATIONS_PER_LEVEL} annotations of each level per step.`);

  const { annotations, left } = planAnnotations(findings, changed, { error: (other.failed ? 1 : 0) + shown, warning: other.warnings });
  for (const a of annotations) core[a.level](a.message, a.properties);
  for (const f of left) {
    const file = f.file === '' ? asReported.get(f) ?? '' : f.file;
    core.info(`${f.line > 0 ? `${file}:${f.line}` : file}: ${f.severity} ${f.ruleId}: ${f.message}`);
  }
  if (left.length > 0) core.info(`${left.length} finding(s) above are not annotated: GitHub shows at most ${ANNOTATIONS_PER_LEVEL} annotations of each level per step. The comment and job summary list them all.`);
}

/** Input errors (unreadable or unparsable head files, config problems) fail the run, like the CLI's exit 2. */
function inputErrorFailures(errors: readonly ScanError[]): string[] {
  return errors.length === 0 ? [] : [`${errors.length} input error(s): ${errors.slice(0, 3).map((e) => `${where(e)}: ${e.message}`).join('; ')}${errors.length > 3 ? '; …' : ''}`];
}

/**
 * How the pull request's head commit numbers the lines of the merge checkout's templates (see
 * headLineMap), for the files in `needed` only: their head versions are read as the head side is
 * (same config), from git (fetched into a shallow checkout, which brings only what differs) or the
 * Git data API (which requests only what the work tree does not hold). What is read counts against
 * the run's budget (`budget`, head's share of the diff's): the texts are in memory beside both
 * sides' models. A line the head lacks has none; a file the budget refused, the head's read did
 * not produce, or a read that failed, keeps the merge's numbers (the log says so).
 */
async function linesOfHead(
  core: CorePort,
  github: GitHubPort,
  context: RunContext,
  { selection, checkout }: Prepared,
  pr: PullRequestContext,
  mergeFiles: readonly SourceFile[],
  needed: ReadonlySet<string>,
  limits: { budget: TotalBudget; maxTotalBytes: number },
): Promise<HeadLines | undefined> {
  const merged = new Map(mergeFiles.filter((f) => needed.has(f.path)).map((f) => [f.path, f.text]));
  if (merged.size === 0) return undefined;
  const refused: string[] = [];
  const budget: TotalBudget = {
    admit(file, size) {
      const over = limits.budget.admit(file, size);
      if (over !== undefined) refused.push(file);
      return over;
    },
  };
  let read: SourceFile[];
  try {
    read = (await readCommitFiles(pr.headSha, { workspace: context.workspace, ...(checkout === undefined ? {} : { repository: checkout }), paths: [...merged.keys()], ...selection, api: github, budget, log: (m) => core.info(m) })).files;
  } catch (error) {
    core.info(`line numbers stay the merge checkout's: the head commit's files cannot be read (${failureCause(explainApiError(error, 'contents'))})`);
    return undefined;
  }
  if (refused.length > 0) {
    core.info(`line numbers of ${refused.length} file(s) stay the merge checkout's: their versions at the head commit do not fit in the ${formatBytes(limits.maxTotalBytes)} one run reads (${refused.join(', ')})`);
  }
  const maps = new Map<string, (line: number) => number | undefined>();
  for (const f of read) {
    const text = merged.get(f.path);
    if (text !== undefined && text !== f.text) maps.set(f.path, headLineMap(text, f.text));
  }
  if (maps.size > 0) core.info(`${maps.size} file(s) differ between the merge checkout and the head commit (the base branch changed them too): annotations, suggestions and the comment's links use the head's line numbers`);
  return (file, line) => {
    const map = maps.get(file);
    return map === undefined ? line : map(line);
  };
}

/**
 * At most this many suggestions are retried one by one after GitHub refuses (422) the review that
 * holds them all, so a run makes at most SUGGESTION_RETRIES + 1 review requests; the rest are
 * logged as not tried (the next run offers them again: only posted ones are found by marker).
 */
export const SUGGESTION_RETRIES = 10;

/**
 * Posts the suggestions GitHub does not hold yet as one review (one notification). GitHub takes a
 * review whole or not at all: a 422 for one comment (a line it no longer counts as part of the
 * diff, a file renamed since the patches were read, a commit it no longer relates to the pull
 * request) refuses every one. Then each is posted again as its own single-comment review (the same
 * endpoint, permission and request shape; a standalone review comment is such a review anyway) so
 * only the ones GitHub refuses are lost, at most SUGGESTION_RETRIES of them; the first refusal that
 * is no 422 (a permission, 5xx after retries) or is the 422 of a locked conversation stops, as it
 * would refuse the rest too. Best effort: nothing here fails the run.
 */
async function suggest(
  core: CorePort,
  github: GitHubPort,
  pr: PullRequestContext,
  findings: readonly Finding[],
  headFiles: readonly SourceFile[],
  changed: ChangedLines,
  headLines: HeadLines | undefined,
  repositoryPath: Prepared['repositoryPath'],
): Promise<void> {
  const planned = planSuggestions(findings, new Map(headFiles.map((f) => [f.path, f.text])), changed, headLines, repositoryPath);
  // A suggestion is its line as read, with U+FFFD for each byte that is not UTF-8: accepted, it
  // would write those over the file's own bytes. Such files get none (the fix is in the findings).
  const lossy = new Set(headFiles.filter((f) => f.lossy === true).map((f) => repositoryPath(f.path)));
  const withheld = [...new Set(planned.filter((s) => lossy.has(s.path)).map((s) => s.path))];
  if (withheld.length > 0) core.info(`review suggestions: none on ${withheld.join(', ')}: ${withheld.length === 1 ? 'it is' : 'they are'} not UTF-8 text, and accepting a suggestion could change ${withheld.length === 1 ? 'its' : 'their'} other bytes; save ${withheld.length === 1 ? 'it' : 'them'} as UTF-8 to get suggestions`);
  const suggestions = planned.filter((s) => !lossy.has(s.path));
  if (suggestions.length === 0) return;
  const review = (list: readonly Suggestion[]): Promise<void> =>
    github.createReview(pr.number, {
      commitId: pr.headSha,
      body: `fargate-warden suggests ${list.length} one-line fix${list.length === 1 ? '' : 'es'} for new findings.`,
      comments: list.map((s) => ({ path: s.path, line: s.line, body: s.body })),
    });
  let fresh: Suggestion[];
  try {
    const posted = postedSuggestionKeys(await github.listReviewComments(pr.number));
    fresh = suggestions.filter((s) => !posted.has(s.key));
  } catch (error) {
    core.info(`review suggestions skipped: ${failureSentence('list the review comments already posted', explainApiError(error, 'review'))}`);
    return;
  }
  if (fresh.length === 0) {
    core.info(`review suggestions: all ${suggestions.length} already posted`);
    return;
  }
  try {
    await review(fresh);
    core.info(`review suggestions: posted ${fresh.length}`);
    return;
  } catch (error) {
    // Inline comments are best effort: fork pull requests and restricted tokens cannot post them,
    // and one suggestion refused alone would be refused again.
    if (statusOf(error) !== 422 || isLockedError(error) || fresh.length === 1) {
      core.info(`review suggestions skipped: ${failureSentence('post review suggestions', explainApiError(error, 'review'))}`);
      return;
    }
    core.info(`review suggestions: GitHub refused the review of ${fresh.length} suggestions (${failureCause(explainApiError(error, 'review'))}); posting them one by one, at most ${SUGGESTION_RETRIES}`);
  }
  let posted = 0;
  let dropped = 0;
  let stopped = false;
  for (const s of fresh.slice(0, SUGGESTION_RETRIES)) {
    try {
      await review([s]);
      posted++;
    } catch (error) {
      if (statusOf(error) !== 422 || isLockedError(error)) {
        core.info(`review suggestions: stopped: ${failureSentence('post review suggestions', explainApiError(error, 'review'))}`);
        stopped = true;
        break;
      }
      dropped++;
      core.info(`review suggestion dropped: ${s.path}:${s.line}: ${failureCause(explainApiError(error, 'review'))}`);
    }
  }
  const untried = fresh.length - posted - dropped;
  const why = stopped ? '' : ` (at most ${SUGGESTION_RETRIES} are retried one by one)`;
  core.info(`review suggestions: posted ${posted} of ${fresh.length} one by one; ${dropped} dropped${untried === 0 ? '' : `, ${untried} not tried${why}`}`);
}

async function writeSummary(core: CorePort, markdown: string): Promise<void> {
  try {
    await core.writeSummary(markdown);
  } catch (error) {
    core.info(`job summary not written: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Head's findings; on a pull request each also says how it stands against base (baselineState). */
function writeSarif(core: CorePort, inputs: ActionInputs, context: RunContext, result: ScanResult, prepared: Prepared, diff?: PostureDiff): string[] {
  if (inputs.sarifFile === undefined) return [];
  const path = resolve(context.workspace, inputs.sarifFile);
  // Code scanning resolves every path against the repository root.
  const options = { toolVersion: VERSION, severity: prepared.config.rules.severity, repositoryPath: prepared.repositoryPath };
  try {
    writeTextFile(path, diff === undefined ? renderSarif(result, prepared.rules, options) : renderDiffSarif(diff, result.findings, prepared.rules, options));
    core.info(`SARIF: ${inputs.sarifFile}`);
    return [];
  } catch (error) {
    return [`cannot write sarif-file ${inputs.sarifFile} (${errorCode(error)})`];
  }
}

function atOrAbove(findings: readonly Finding[], failOn: FailOn): Finding[] {
  if (failOn === 'none') return [];
  const threshold = SEVERITIES.indexOf(failOn);
  return findings.filter((f) => f.suppressed === undefined && SEVERITIES.indexOf(f.severity) <= threshold);
}

function describe(findings: readonly Finding[]): string {
  return SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}

function where(e: ScanError): string {
  return e.line > 0 ? `${e.file}:${e.line}` : e.file;
}

function shortVia(via: string): string {
  return via.replace(/`/g, '');
}
