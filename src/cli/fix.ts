import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { AnalysisDeps } from '../shared/analysis/posture.ts';
import type { Finding } from '../shared/model/index.ts';
import { scan } from '../shared/engine.ts';
import { allRules, ruleById } from '../shared/rules/index.ts';
import { fixDeclinedReason } from '../shared/rules/types.ts';
import { verifyFixes } from '../shared/fixes/verify.ts';
import { combineFixes } from '../shared/fixes/group.ts';
import { unifiedDiff } from '../shared/fixes/unified-diff.ts';
import type { DroppedFix, VerifiedFix } from '../shared/fixes/types.ts';
import { collectFiles } from '../shared/io/walk.ts';
import { loadConfigFile, pathSelection } from '../shared/io/config-file.ts';
import { NOT_UTF8_NOT_REWRITTEN, errorCode, realpathOr, rewriteTextFile } from '../shared/io/files.ts';
import { workTreeRoot } from '../shared/io/git.ts';
import { loadIamCatalog } from '../shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../shared/io/managed-policies.ts';

/**
 * `fargate-warden fix [PATH...] [--write] [--rule ID...] [--format diff|json] [--config FILE]`:
 * scans, verifies every fix by re-analysis, applies the verified ones together, and prints the
 * unified diff (or writes the files with --write). Fixes that were dropped, or that could not be
 * combined with the others, are listed on standard error with the reason, and so are findings
 * whose builder declined with one (see `FixDeclined`). Exit 0 when it ran,
 * 2 on a usage or input error.
 */

export const FIX_FORMATS = ['diff', 'json'] as const;
export type FixFormat = (typeof FIX_FORMATS)[number];

export interface FixArgs {
  kind: 'fix';
  paths: string[];
  write: boolean;
  /** Upper-cased rule IDs; empty means every rule. */
  rules: string[];
  format: FixFormat;
  config?: string;
}

export interface FixIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  deps?: AnalysisDeps;
  /** Writes a fixed file (absolute path); `rewriteTextFile` unless a test injects a failing one. */
  writeFile?: (path: string, text: string, bom: boolean) => void;
}

const VALUE_OPTIONS = ['--rule', '--format', '--config'];

/** Parses the tokens after `fix` (the command word itself may be among them). */
export function parseFixArgs(tokens: readonly string[]): FixArgs | { kind: 'usage-error'; message: string; command: 'fix' } {
  const args: FixArgs = { kind: 'fix', paths: [], write: false, rules: [], format: 'diff' };
  const usage = (message: string): { kind: 'usage-error'; message: string; command: 'fix' } => ({ kind: 'usage-error', message, command: 'fix' });
  let seenCommand = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === '--') {
      args.paths.push(...tokens.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      if (!seenCommand && token === 'fix') seenCommand = true;
      else args.paths.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = eq > 0 ? token.slice(0, eq) : token;
    if (name === '--write' || name === '-w') {
      if (eq > 0) return usage('--write takes no value');
      args.write = true;
      continue;
    }
    if (!VALUE_OPTIONS.includes(name)) return usage(`unknown option ${name} for fix (options: --write, --rule ID, --format diff|json, --config FILE)`);
    let value: string | undefined;
    if (eq > 0) value = token.slice(eq + 1);
    else {
      value = tokens[i + 1];
      if (value === undefined || value.startsWith('-')) return usage(`${name} needs a value`);
      i++;
    }
    if (name === '--rule') {
      for (const id of value.split(',').map((v) => v.trim().toUpperCase()).filter((v) => v !== '')) {
        if (ruleById(id) === undefined) return usage(`--rule ${id}: no such rule (rules are FW101 … FW308)`);
        if (!args.rules.includes(id)) args.rules.push(id);
      }
    } else if (name === '--format') {
      if (!(FIX_FORMATS as readonly string[]).includes(value)) return usage(`--format for fix must be one of ${FIX_FORMATS.join(', ')} (got "${value}")`);
      args.format = value as FixFormat;
    } else {
      if (value === '') return usage('--config needs a file name');
      args.config = value;
    }
  }
  return args;
}

export const FIX_HELP = `fargate-warden fix — print or apply the fixes fargate-warden can verify

Usage:
  fargate-warden fix [PATH...] [--write] [--rule ID...] [--format diff|json] [--config FILE]

Every finding whose rule can fix it gets a fix; each fix is applied alone and the templates are
analysed again: it is kept only when its finding disappears, nothing as severe appears, the
template still parses, and no resource comes to reference one that exists only under a Condition
it does not share. The kept fixes are applied together and printed as a unified diff, whose
headers name files from the root of their git work tree, as git diff does.

Options:
  -w, --write               write the fixed files instead of printing the diff
      --rule ID             only fixes for this rule (repeat, or FW203,FW305)
  -f, --format diff|json    output (default: diff)
  -c, --config FILE         config file (default: .github/fargate-warden.yml when present)

Fixes that were not verified, or clash with another fix, are listed on standard error with the
reason, as are findings a rule could write no fix for when it can say why. A file that is not
UTF-8 text (Latin-1, say) is analysed, and its fixes are in the diff, but --write never rewrites
it: the rest of the file would change. Exit 0 when it ran; 2 on a usage or input error, or when
--write could not write a file (or would not: one that is not UTF-8).
`;

export function runFix(args: FixArgs, io: FixIO): number {
  const loaded = loadConfigFile({ cwd: io.cwd, path: args.config, ruleIds: allRules.map((r) => r.meta.id) });
  const config = loaded.config;
  const collected = collectFiles(args.paths, { ...pathSelection(loaded), cwd: io.cwd });
  const deps = io.deps ?? { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() };
  const files = collected.files;
  const result = scan(files, deps, config, { inputErrors: [...loaded.errors, ...collected.errors] });

  for (const id of args.rules) {
    if (ruleById(id)?.meta.fixable !== true) io.stderr(`fargate-warden: ${id} has no automatic fix; see its docs for how to fix it by hand\n`);
  }
  const only = args.rules.length === 0 ? undefined : (f: Finding) => args.rules.includes(f.ruleId);
  const verified = verifyFixes(files, result, deps, config, only === undefined ? {} : { only });
  const combined = combineFixes(verified.fixes, files, { deps, config, result });
  // Findings whose builder said why it wrote no fix: the user asked for fixes and should learn why.
  const declined: { finding: Finding; reason: string }[] = [];
  for (const f of result.findings) {
    if (f.suppressed !== undefined || (only !== undefined && !only(f)) || f.fix !== undefined) continue;
    const reason = fixDeclinedReason(f);
    if (reason !== undefined) declined.push({ finding: f, reason });
  }
  const notApplied: DroppedFix[] = [
    ...verified.dropped,
    ...combined.leftOut.map(({ fix, reason }) => ({ finding: fix.finding, fix: fix.fix, reason: `not combined with the other fixes: ${reason}; run fix again after applying these` })),
  ];

  const original = new Map(files.map((f) => [f.path, f.text]));
  const changed = [...combined.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let status = 0;
  const headers = diffHeaders(io.cwd, changed.map(([path]) => path));
  const diffOf = (path: string, text: string): string => {
    const name = headers.names.get(path) ?? path;
    return unifiedDiff(path, original.get(path) ?? '', text, { oldLabel: `a/${name}`, newLabel: `b/${name}` });
  };
  // A file whose bytes are not UTF-8 was analysed as text with U+FFFD for them: written back, the
  // fix would replace every such byte in it. The diff still shows the fix, to apply by hand.
  const lossy = new Set(files.filter((f) => f.lossy === true).map((f) => f.path));
  const withBom = new Set(files.filter((f) => f.bom === true).map((f) => f.path));
  if (!args.write) {
    for (const [path] of changed.filter(([p]) => lossy.has(p))) {
      io.stderr(`fargate-warden: ${path} is not UTF-8 text: the diff shows its other bytes as U+FFFD, and fix --write does not rewrite it (the rest of the file would change); save it as UTF-8 to get this fix\n`);
    }
    for (const [base, paths] of headers.elsewhere) {
      const named = paths.map((p) => `${p} as a/${headers.names.get(p) ?? p}`).join(', ');
      const alone = paths.length === changed.length ? '' : ', on its own: run fix for these files separately';
      io.stderr(`fargate-warden: the diff names ${named}, from ${base} (outside this directory and its git work tree): apply it there (git -C ${base} apply, or patch -d ${base} -p1)${alone}\n`);
    }
  }
  // With --write, only what reached the disk counts as fixed: a fix with an edit in a file that
  // could not be written is not applied (or only half applied), and the summary (and the JSON
  // report, which is written after the files) says which files.
  const unwritten: string[] = [];
  const writeErrors = new Map<string, string>();
  if (args.write) {
    const write = io.writeFile ?? rewriteTextFile;
    const cannotWrite = (path: string, reason: string): void => {
      io.stderr(`fargate-warden: cannot write ${path} (${reason})\n`);
      unwritten.push(path);
      writeErrors.set(path, reason);
      status = 2;
    };
    for (const [path, text] of changed) {
      if (lossy.has(path)) {
        cannotWrite(path, NOT_UTF8_NOT_REWRITTEN);
        continue;
      }
      try {
        write(resolve(io.cwd, path), text, withBom.has(path));
      } catch (error) {
        cannotWrite(path, errorCode(error));
      }
    }
  }
  const filesOf = (v: VerifiedFix): string[] => [...new Set([...v.files.keys(), ...v.fix.edits.map((e) => e.file)])];
  const fixed = combined.kept.filter((v) => !filesOf(v).some((path) => unwritten.includes(path)));
  if (args.format === 'json') {
    const written = args.write ? { errors: writeErrors, applied: new Set(fixed) } : undefined;
    io.stdout(`${JSON.stringify(jsonReport(combined.kept, notApplied, declined, changed, diffOf, written), null, 2)}\n`);
  } else if (!args.write) {
    io.stdout(changed.map(([path, text]) => diffOf(path, text)).join(''));
  }
  const halfApplied = combined.kept.filter((v) => filesOf(v).some((path) => unwritten.includes(path)) && filesOf(v).some((path) => changed.some(([p]) => p === path) && !unwritten.includes(path)));

  for (const d of notApplied) io.stderr(`${where(d.finding)}: not fixed: ${d.finding.ruleId} on ${d.finding.resource}${svc(d.finding)}: ${d.reason}\n`);
  // One line per distinct reason: FW301 reports each AWS service a service cannot reach, and the
  // reason there is no fix is the same for all of them.
  const declinedLines = new Map<string, number>();
  for (const d of declined) {
    const line = `${where(d.finding)}: no fix: ${d.finding.ruleId} on ${d.finding.resource}${svc(d.finding)}: ${d.reason}`;
    declinedLines.set(line, (declinedLines.get(line) ?? 0) + 1);
  }
  for (const [line, n] of declinedLines) io.stderr(`${line}${n > 1 ? ` (${n} findings)` : ''}\n`);
  for (const e of result.errors) io.stderr(`${e.line > 0 ? `${e.file}:${e.line}` : e.file}: error: ${e.message}\n`);
  const verb = args.write ? 'fixed' : 'can fix';
  const notes = [
    ...(notApplied.length > 0 ? [`${notApplied.length} fix(es) not applied`] : []),
    ...(declined.length > 0 ? [`${declined.length} finding(s) without a fix`] : []),
  ];
  const notWritten = unwritten.length === 0
    ? ''
    : `; could not write ${unwritten.join(', ')}, so ${combined.kept.length - fixed.length} verified fix(es) were not applied${halfApplied.length > 0 ? ` (${halfApplied.length} of them only in part: their other files were written)` : ''}`;
  io.stderr(`fargate-warden: ${verb} ${fixed.length} finding(s) in ${changed.length - unwritten.length} file(s)${notWritten}${notes.length > 0 ? `; ${notes.join(', ')} (see above)` : ''}\n`);
  if (result.errors.length > 0) status = 2;
  return status;
}

/**
 * The names a diff's `a/`/`b/` headers give the changed files. `git apply` and `patch -p1` refuse a
 * name with `..` or an absolute one, so `fix ../other/t.yaml` must not write `a/../other/t.yaml`.
 * As `git diff` does, a file in a git work tree is named from the tree's root: `git apply` takes
 * the diff from anywhere in that tree and `patch -p1` at its root, and the names are the ones
 * reviewers and GitHub show. A file in no work tree is named from the working directory when it
 * lies below it, else from its own directory. `elsewhere` lists, by base directory, the files whose
 * base is neither the working directory nor the root of its work tree, so the user is told where
 * to apply them. Report paths elsewhere stay relative to the working directory. The root is the
 * work tree's own (workTreeRoot), not the superproject's checkoutRoot climbs to for GitHub's
 * names: in a submodule, `git apply` takes paths from the submodule's root, as `git diff` writes them.
 */
function diffHeaders(cwd: string, paths: readonly string[]): { names: Map<string, string>; elsewhere: Map<string, string[]> } {
  const roots = new Map<string, string | undefined>();
  const rootOf = (dir: string): string | undefined => {
    if (!roots.has(dir)) roots.set(dir, workTreeRoot(dir));
    return roots.get(dir);
  };
  const below = (base: string, file: string): string | undefined => {
    const rel = relative(base, file);
    return rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? undefined : rel.split(sep).join('/');
  };
  const here = resolve(cwd);
  const names = new Map<string, string>();
  const elsewhere = new Map<string, string[]>();
  for (const path of paths) {
    const file = resolve(cwd, path);
    const root = rootOf(dirname(file));
    // The root is a real path (git resolves links): so must the file be, when a link led to it.
    const inRoot = root === undefined ? undefined : below(root, join(realpathOr(dirname(file)), basename(file)));
    const inCwd = below(here, file);
    const [base, name] = root !== undefined && inRoot !== undefined ? [root, inRoot] : inCwd !== undefined ? [here, inCwd] : [dirname(file), basename(file)];
    names.set(path, name);
    if (base !== here && base !== rootOf(here)) elsewhere.set(base, [...(elsewhere.get(base) ?? []), path]);
  }
  return { names, elsewhere };
}

function where(f: Finding): string {
  return f.line > 0 ? `${f.file}:${f.line}` : f.file;
}

function svc(f: Finding): string {
  return f.service === undefined ? '' : ` (service ${f.service})`;
}

/**
 * `fix --format json`. With `--write` (`written`), each file says whether it was written (and why
 * not) and each fix whether it was applied: all its files written.
 */
function jsonReport(
  kept: VerifiedFix[],
  dropped: DroppedFix[],
  declined: { finding: Finding; reason: string }[],
  changed: [string, string][],
  diffOf: (path: string, text: string) => string,
  written?: { errors: ReadonlyMap<string, string>; applied: ReadonlySet<VerifiedFix> },
): unknown {
  const finding = (f: Finding): Record<string, unknown> => ({
    ruleId: f.ruleId, severity: f.severity, resource: f.resource, service: f.service ?? null, file: f.file, line: f.line, message: f.message,
  });
  return {
    version: 1,
    fixes: kept.map((v) => ({ ...finding(v.finding), title: v.fix.title, explanation: v.fix.explanation, edits: v.fix.edits, ...(written === undefined ? {} : { applied: written.applied.has(v) }) })),
    dropped: dropped.map((d) => ({ ...finding(d.finding), title: d.fix.title, reason: d.reason })),
    declined: declined.map((d) => ({ ...finding(d.finding), reason: d.reason })),
    files: changed.map(([path, text]) => {
      const error = written?.errors.get(path);
      return { path, diff: diffOf(path, text), ...(written === undefined ? {} : { written: error === undefined }), ...(error === undefined ? {} : { error }) };
    }),
  };
}
