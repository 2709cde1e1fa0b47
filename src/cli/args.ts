import { FAIL_ON_VALUES, type FailOn } from '../shared/config/types.ts';
import { FIX_HELP, parseFixArgs, type FixArgs } from './fix.ts';

export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

/** What `--fail-on` defaults to when neither the flag nor the config file sets it. */
export const DEFAULT_FAIL_ON: FailOn = 'high';

export interface ScanArgs {
  kind: 'scan';
  paths: string[];
  format: Format;
  failOn?: FailOn;
  config?: string;
  output?: string;
}

/** `diff`: a base side (a path or a git revision) against a head side (a path, a revision, or the work tree). */
export interface DiffArgs {
  kind: 'diff';
  base?: string;
  baseRef?: string;
  head?: string;
  headRef?: string;
  /** Files or directories read at the revisions (and in the work tree for an implicit head). */
  paths: string[];
  format: Format;
  failOn?: FailOn;
  config?: string;
  output?: string;
}

export type ParsedArgs =
  | ScanArgs
  | DiffArgs
  | FixArgs
  | { kind: 'help'; command?: string }
  | { kind: 'version' }
  | { kind: 'usage-error'; message: string; command?: string };

/**
 * Commands in DESIGN.md's contract that later versions add. Kept in this one table so the
 * message is the same everywhere and shipping a command is one line removed here.
 */
export const FUTURE_COMMANDS: Record<string, string> = {
  migration: 'plan the move of public services to private subnets',
};

const COMMON_OPTIONS = ['--format', '--fail-on', '--config', '--output'] as const;
const DIFF_OPTIONS = ['--base', '--head', '--base-ref', '--head-ref'] as const;
const VALUE_OPTIONS = [...COMMON_OPTIONS, ...DIFF_OPTIONS] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];
const SHORT: Record<string, string> = { '-h': '--help', '-V': '--version', '-f': '--format', '-o': '--output', '-c': '--config' };

export function parseArgs(argv: readonly string[]): ParsedArgs {
  // After `--` every token is a path, even one spelled like an option (`-- --help`, `-- -h`).
  const end = argv.indexOf('--');
  const tokens = argv.map((t, i) => (end !== -1 && i > end ? t : SHORT[t] ?? t));
  const options = end === -1 ? tokens : tokens.slice(0, end);
  if (tokens.length === 0) return { kind: 'usage-error', message: 'no command given' };

  const command = findCommand(tokens);
  if (command !== undefined && Object.hasOwn(FUTURE_COMMANDS, command)) {
    return {
      kind: 'usage-error',
      command,
      message: `\`fargate-warden ${command}\` (${FUTURE_COMMANDS[command]}) is not available yet in this version; use \`fargate-warden scan\``,
    };
  }
  if (options.includes('--help')) return { kind: 'help', command };
  if (command === 'help') {
    const topic = tokens.filter((t) => !t.startsWith('-'))[1];
    return { kind: 'help', command: topic };
  }
  if (options.includes('--version')) return { kind: 'version' };
  if (command === undefined) return { kind: 'usage-error', message: 'no command given' };
  if (command === 'fix') return parseFixArgs(tokens);
  if (command !== 'scan' && command !== 'diff') {
    const hint = /[/\\.]/.test(command) ? ` (did you mean \`fargate-warden scan ${command}\`?)` : '';
    return { kind: 'usage-error', message: `unknown command "${command}"${hint}` };
  }

  const args: ScanArgs | DiffArgs = command === 'scan' ? { kind: 'scan', paths: [], format: 'text' } : { kind: 'diff', paths: [], format: 'text' };
  let seenCommand = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === '--') {
      args.paths.push(...tokens.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      if (!seenCommand && token === command) seenCommand = true;
      else args.paths.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = eq > 0 ? token.slice(0, eq) : token;
    if (!(VALUE_OPTIONS as readonly string[]).includes(name)) {
      const hint = suggest(name, command);
      return { kind: 'usage-error', command, message: `unknown option ${name}${hint === undefined ? '' : ` (did you mean ${hint}?)`}` };
    }
    if (args.kind === 'scan' && (DIFF_OPTIONS as readonly string[]).includes(name)) {
      return { kind: 'usage-error', command, message: `${name} belongs to \`fargate-warden diff\`, not scan` };
    }
    let value: string | undefined;
    if (eq > 0) value = token.slice(eq + 1);
    else {
      value = tokens[i + 1];
      if (value === undefined || (value.startsWith('-') && value !== '-')) return { kind: 'usage-error', command, message: `${name} needs a value` };
      i++;
    }
    const problem = setOption(args, name as ValueOption, value);
    if (problem !== undefined) return { kind: 'usage-error', command, message: problem };
  }
  if (args.kind === 'diff') {
    const problem = checkDiffSides(args);
    if (problem !== undefined) return { kind: 'usage-error', command, message: problem };
  }
  return args;
}

/** Which sides a diff compares: exactly one base, at most one head, PATHs only where they are read. */
function checkDiffSides(args: DiffArgs): string | undefined {
  if (args.base === undefined && args.baseRef === undefined) return 'diff needs a base: --base PATH or --base-ref REF';
  if (args.base !== undefined && args.baseRef !== undefined) return 'give either --base or --base-ref, not both';
  if (args.head !== undefined && args.headRef !== undefined) return 'give either --head or --head-ref, not both';
  if (args.headRef !== undefined && args.baseRef === undefined) return '--head-ref needs --base-ref (PATH... is read at both revisions)';
  if (args.baseRef !== undefined && args.head !== undefined && args.paths.length > 0) {
    return `PATH arguments (${args.paths.join(' ')}) with --head: --base-ref ${args.baseRef} --head PATH reads that one PATH at the revision; name no other`;
  }
  if (args.base !== undefined && args.head !== undefined && args.paths.length > 0) {
    return `PATH arguments (${args.paths.join(' ')}) apply to --base-ref/--head-ref and the work tree; with --base and --head name the two sides only`;
  }
  return undefined;
}

function setOption(args: ScanArgs | DiffArgs, name: ValueOption, value: string): string | undefined {
  switch (name) {
    case '--format':
      if (!(FORMATS as readonly string[]).includes(value)) return `--format must be one of ${FORMATS.join(', ')} (got "${value}")`;
      args.format = value as Format;
      return undefined;
    case '--fail-on':
      if (!(FAIL_ON_VALUES as readonly string[]).includes(value)) return `--fail-on must be one of ${FAIL_ON_VALUES.join(', ')} (got "${value}")`;
      args.failOn = value as FailOn;
      return undefined;
    case '--config':
    case '--output':
      if (value === '') return `${name} needs a file name`;
      if (name === '--config') args.config = value;
      // `-` is standard output, as for most command-line tools, not a file named `-`.
      else if (value === '-') delete args.output;
      else args.output = value;
      return undefined;
    case '--base':
    case '--head':
    case '--base-ref':
    case '--head-ref': {
      if (args.kind !== 'diff') return `${name} belongs to \`fargate-warden diff\``;
      if (value === '') return `${name} needs a value`;
      const field = ({ '--base': 'base', '--head': 'head', '--base-ref': 'baseRef', '--head-ref': 'headRef' } as const)[name];
      if (args[field] !== undefined) return `${name} given twice`;
      args[field] = value;
      return undefined;
    }
  }
}

/** The first token that is neither an option nor an option's value. */
function findCommand(tokens: readonly string[]): string | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === '--') return undefined;
    if (!t.startsWith('-')) return t;
    if ((VALUE_OPTIONS as readonly string[]).includes(t)) i++;
  }
  return undefined;
}

function suggest(name: string, command: string): string | undefined {
  const all = [...(command === 'diff' ? VALUE_OPTIONS : COMMON_OPTIONS), '--help', '--version'];
  const bare = name.replace(/^-+/, '').toLowerCase().replace(/_/g, '-');
  const squash = (x: string): string => x.replace(/-/g, '');
  return (
    all.find((o) => squash(o.slice(2)) === squash(bare)) ??
    all.find((o) => o.slice(2) === bare || o.slice(2).startsWith(bare) || bare.startsWith(o.slice(2)))
  );
}

export function helpText(command?: string): string {
  if (command === 'fix') return FIX_HELP;
  if (command !== undefined && Object.hasOwn(FUTURE_COMMANDS, command)) {
    return `fargate-warden ${command}: not available yet in this version.\n`;
  }
  return `fargate-warden — security and reachability review for ECS Fargate services in infrastructure-as-code

Usage:
  fargate-warden scan [PATH...] [options]    review CloudFormation templates (files or directories; default: .)
  fargate-warden fix [PATH...] [--write] [--rule ID...] [--format diff|json]
                                            print (or --write) the fixes verified by re-analysis;
                                            \`fargate-warden fix --help\` for details
  fargate-warden diff --base PATH --head PATH [options]
  fargate-warden diff --base-ref REF [--head-ref REF] [PATH...] [options]
                                            compare the posture of two trees, or of PATH... (default: .)
                                            at two git revisions; without --head-ref the head is the
                                            work tree. Git is read, never changed (no checkout).
  fargate-warden --version | --help

Directories are walked for CloudFormation templates (JSON/YAML, cdk.out included); other files
are skipped. A file named on the command line must be a template.

Options:
  -f, --format text|json|sarif|markdown     report format (default: text); diff's markdown is the
                                            pull-request comment, and its SARIF is head's findings,
                                            each with its baselineState (new, unchanged, updated)
      --fail-on critical|high|medium|low|none
                                            exit 1 when a finding that is not suppressed is at or
                                            above this severity (default: failOn from the config
                                            file, else ${DEFAULT_FAIL_ON}: serious problems break the build,
                                            medium and low ones are reported without failing it);
                                            for diff, only findings the change introduces count
  -c, --config FILE                         config file (default: .github/fargate-warden.yml when present)
  -o, --output FILE                         write the report to FILE instead of standard output (- is standard output)
  -h, --help                                show this help
  -V, --version                             print the version

Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage or input error (unreadable or unparsable file, bad config); reported after every
     other file was analyzed

Not available yet in this version: ${Object.keys(FUTURE_COMMANDS).join(', ')}.
Rules and how to fix them: https://github.com/fargate-warden/fargate-warden/tree/main/docs/rules
`;
}
