import { parseConfig } from '../src/shared/config/parse.ts';
import { defaultConfig, type Config, type ConfigError } from '../src/shared/config/types.ts';
import { ruleIds } from '../src/shared/rules/index.ts';
import { decodeText } from '../src/shared/io/decode.ts';
import { codeSpan, escapeLinkTarget, escapeMarkdown } from '../src/shared/render/escape.ts';
import { CONFIG_ISSUE_MARKER } from './markers.ts';
import { isSymlink, type GitHubRepo, type IssueInfo, type Tree, type TreeEntry } from './github/repo.ts';

/**
 * `.github/fargate-warden.yml`, read from the same tree the App scans (one consistent snapshot,
 * no extra request when the file is absent) and parsed by the shared parser, which reports every
 * problem with its line. Probot's `context.config` would parse it too, but with neither our
 * validation nor line numbers.
 */
export const CONFIG_PATHS = ['.github/fargate-warden.yml', '.github/fargate-warden.yaml'];
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface RepoConfig {
  config: Config;
  errors: ConfigError[];
  /** The path that was read, if any. */
  file?: string;
}

export async function loadRepoConfig(repo: GitHubRepo, tree: Tree): Promise<RepoConfig> {
  let entry = findConfig(tree.entries);
  // A truncated listing can end before `.github/`: a config missing from it may still exist, and
  // running without it would act on rules and paths the repository turned off. Look there itself.
  if (entry === undefined && tree.truncated) entry = await configBeyondListing(repo, tree);
  if (entry === undefined) return { config: defaultConfig(), errors: [] };
  // A link's blob is its target path, not YAML; links are not followed (as by the CLI and the Action).
  if (isSymlink(entry)) {
    return { config: defaultConfig(), errors: [{ file: entry.path, line: 1, message: 'the config file is a symbolic link; fargate-warden does not follow links in a repository (one may point outside it): commit the file itself' }], file: entry.path };
  }
  if (entry.size !== undefined && entry.size > MAX_CONFIG_BYTES) {
    return { config: defaultConfig(), errors: [{ file: entry.path, line: 1, message: `the config file is over ${MAX_CONFIG_BYTES} bytes` }], file: entry.path };
  }
  const decoded = decodeText(await repo.blob(entry.sha));
  if (!decoded.ok) {
    const message = decoded.reason === 'utf16' ? 'the config file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8' : 'the config file is binary, not YAML';
    return { config: defaultConfig(), errors: [{ file: entry.path, line: 1, message }], file: entry.path };
  }
  const { config, errors } = parseConfig(decoded.text, entry.path, { ruleIds });
  return { config, errors, file: entry.path };
}

function findConfig(entries: readonly TreeEntry[]): TreeEntry | undefined {
  return CONFIG_PATHS.map((p) => entries.find((e) => e.path === p && e.type === 'blob')).find((e) => e !== undefined);
}

/** The config file's entry, from non-recursive listings of the root (when needed) and `.github`. */
async function configBeyondListing(repo: GitHubRepo, tree: Tree): Promise<TreeEntry | undefined> {
  const isDir = (e: TreeEntry): boolean => e.path === '.github' && e.type === 'tree';
  const dir = tree.entries.find(isDir) ?? (await repo.tree(tree.sha, false)).entries.find(isDir);
  if (dir === undefined) return undefined;
  return findConfig((await repo.tree(dir.sha, false)).entries.map((e) => ({ ...e, path: `.github/${e.path}` })));
}

export const CONFIG_ISSUE_TITLE = 'fargate-warden: the configuration file has errors';

/**
 * The issue body for a broken config (`repoUrl`: the repository's web address, on github.com or a
 * GitHub Enterprise host). It names the branch, not the commit, so the body changes
 * only when the errors do: pushes that leave the errors as they are do not touch the issue.
 */
function renderConfigIssue(repoUrl: string, branch: string, errors: readonly ConfigError[]): string {
  return [
    CONFIG_ISSUE_MARKER,
    `fargate-warden could not use the configuration on \`${escapeMarkdown(branch)}\`, so it opened, updated and closed **no** fix pull requests: with part of the configuration missing it could act on rules or paths you meant to turn off.`,
    '',
    'Fix these, push to the default branch, and this issue closes by itself:',
    '',
    renderConfigErrors(repoUrl, branch, errors),
    '',
    'The format is described in the fargate-warden README, section “Configuration”.',
  ].join('\n');
}

const MAX_LISTED_ERRORS = 50;

/** The errors as a markdown list, each linked to its line on `branch` (in the issue, or in the rescan reply when issues are off). */
export function renderConfigErrors(repoUrl: string, branch: string, errors: readonly ConfigError[]): string {
  const lines = errors.slice(0, MAX_LISTED_ERRORS).map((e) => {
    const link = `${repoUrl}/blob/${escapeLinkTarget(branch)}/${escapeLinkTarget(e.file)}#L${e.line}`;
    return `- [${codeSpan(`${e.file}:${e.line}`)}](${link}): ${escapeMarkdown(e.message)}`;
  });
  if (errors.length > MAX_LISTED_ERRORS) lines.push(`- … and ${errors.length - MAX_LISTED_ERRORS} more`);
  return lines.join('\n');
}

/** `disabled`: the repository has issues turned off, so the errors are only in the log and the rescan reply. */
export type ConfigIssueAction = 'none' | 'opened' | 'updated' | 'unchanged' | 'closed' | 'disabled';

/**
 * One issue per repository while its config is broken: opened once, edited only when the errors
 * change, closed (with a comment) once the config parses cleanly. Found again by its marker among
 * the open issues `appLogin` opened, read to the last page: the REST `creator` filter matches an
 * App's `<slug>[bot]` login as any other. When the login is unknown, among all open issues; then
 * only the first thousand are looked at, and a busier repository could get a second one.
 */
export async function syncConfigIssue(repo: GitHubRepo, branch: string, loaded: RepoConfig, appLogin?: string): Promise<ConfigIssueAction> {
  // Ours: opened by an App (never a person's issue that quotes the marker) and starting with it.
  const ours = (i: IssueInfo): boolean => i.author?.type === 'Bot' && i.body.trimStart().startsWith(CONFIG_ISSUE_MARKER);
  const listed = await repo.openIssues(appLogin);
  if (listed === undefined) return loaded.errors.length === 0 ? 'none' : 'disabled';
  const open = listed.filter(ours).sort((a, b) => a.number - b.number);
  const [existing, ...duplicates] = open;
  if (loaded.errors.length === 0) {
    if (existing === undefined) return 'none';
    for (const issue of open) {
      await repo.comment(issue.number, 'The configuration file parses cleanly now; fargate-warden is maintaining its fix pull requests again. Closing.');
      await repo.updateIssue(issue.number, { state: 'closed' });
    }
    return 'closed';
  }
  const body = renderConfigIssue(repo.htmlUrl, branch, loaded.errors);
  // Two replicas racing can each open one; keep the oldest, close the rest.
  for (const dup of duplicates) await repo.updateIssue(dup.number, { state: 'closed' });
  if (existing === undefined) return (await repo.createIssue(CONFIG_ISSUE_TITLE, body)) === undefined ? 'disabled' : 'opened';
  if (existing.body.replace(/\r\n/g, '\n').trimEnd() === body.trimEnd()) return 'unchanged';
  await repo.updateIssue(existing.number, { body });
  return 'updated';
}
