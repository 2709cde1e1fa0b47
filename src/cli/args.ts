import { FAIL_ON_VALUES, type FailOn } from '../shared/config/types.ts';

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

export type ParsedArgs =
  | ScanArgs
  | { kind: 'help'; command?: string }
  | { kind: 'version' }
  | { kind: 'usage-error'; message: string; command?: string };

/**
 * Commands in DESIGN.md's contract that later versions add. Kept in this one table so the
 * message is the same everywhere and shipping a command is one line removed here.
 */
export const FUTURE_COMMANDS: Record<string, string> = {
  diff: 'compare the posture of two trees or git refs',
  fix: 'print or apply the safe fixes',
  migration: 'plan the move of public services to private subnets',
};

const VALUE_OPTIONS = ['--format', '--fail-on', '--config', '--output'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];
const SHORT: Record<string, string> = { '-h': '--help', '-V': '--version', '-f': '--format', '-o': '--output', '-c': '--config' };

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const tokens = argv.map((t) => SHORT[t] ?? t);
  if (tokens.length === 0) return { kind: 'usage-error', message: 'no command given' };

  const command = findCommand(tokens);
  if (command !== undefined && Object.hasOwn(FUTURE_COMMANDS, command)) {
    return {
      kind: 'usage-error',
      command,
      message: `\`fargate-warden ${command}\` (${FUTURE_COMMANDS[command]}) is not available yet in this version; use \`fargate-warden scan\``,
    };
  }
  if (tokens.includes('--help')) return { kind: 'help', command };
  if (command === 'help') {
    const topic = tokens.filter((t) => !t.startsWith('-'))[1];
    return { kind: 'help', command: topic };
  }
  if (tokens.includes('--version')) return { kind: 'version' };
  if (command === undefined) return { kind: 'usage-error', message: 'no command given' };
  if (command !== 'scan') {
    const hint = /[/\\.]/.test(command) ? ` (did you mean \`fargate-warden scan ${command}\`?)` : '';
    return { kind: 'usage-error', message: `unknown command "${command}"${hint}` };
  }

  const args: ScanArgs = { kind: 'scan', paths: [], format: 'text' };
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
      const hint = suggest(name);
      return { kind: 'usage-error', command, message: `unknown option ${name}${hint === undefined ? '' : ` (did you mean ${hint}?)`}` };
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
  return args;
}

function setOption(args: ScanArgs, name: ValueOption, value: string): string | undefined {
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
      else args.output = value;
      return undefined;
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

function suggest(name: string): string | undefined {
  const all = [...VALUE_OPTIONS, '--help', '--version'];
  const bare = name.replace(/^-+/, '').toLowerCase().replace(/_/g, '-');
  return all.find((o) => o.slice(2) === bare || o.slice(2).startsWith(bare) || bare.startsWith(o.slice(2)) || (bare === 'failon' && o === '--fail-on'));
}

export function helpText(command?: string): string {
  if (command !== undefined && Object.hasOwn(FUTURE_COMMANDS, command)) {
    return `fargate-warden ${command}: not available yet in this version.\n`;
  }
  return `fargate-warden — security and reachability review for ECS Fargate services in infrastructure-as-code

Usage:
  fargate-warden scan [PATH...] [options]    review CloudFormation templates (files or directories; default: .)
  fargate-warden --version | --help

Directories are walked for CloudFormation templates (JSON/YAML, cdk.out included); other files
are skipped. A file named on the command line must be a template.

Options:
  -f, --format text|json|sarif|markdown     report format (default: text)
      --fail-on critical|high|medium|low|none
                                            exit 1 when a finding that is not suppressed is at or
                                            above this severity (default: failOn from the config
                                            file, else ${DEFAULT_FAIL_ON}: serious problems break the build,
                                            medium and low ones are reported without failing it)
  -c, --config FILE                         config file (default: .github/fargate-warden.yml when present)
  -o, --output FILE                         write the report to FILE instead of standard output
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
