// Shared fixtures for the App tests: a Probot instance wired for nock, webhook payloads adapted
// from @octokit/webhooks-examples, a tiny fix source, and interceptors for the reads every
// reconcile makes. Each test still declares every request it expects; nothing here is lenient.
import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import nock from 'nock';
import { Probot, ProbotOctokit, type Logger } from 'probot';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import { createApp, type AppOptions } from '../../app/index.ts';
import type { FixSource } from '../../app/fix-source.ts';
import { DEFAULT_IDENTITY } from '../../app/runtime.ts';
import { parseFixMarker } from '../../app/markers.ts';
import { loadIamCatalog } from '../../src/shared/io/iam-catalog.ts';
import type { AnalysisDeps } from '../../src/shared/analysis/posture.ts';
import type { FixGroup } from '../../src/shared/fixes/types.ts';

export const API = 'https://api.github.com';
export const OWNER = 'Codertocat';
export const NAME = 'Hello-World';
export const REPO = `/repos/${OWNER}/${NAME}`;
export const INSTALLATION = 42;
export const BRANCH = 'master';
/** The App's login in these tests, given as an option (GET /app is asked only where a test says so). */
export const APP_LOGIN = 'fargate-warden[bot]';

export const { privateKey: PRIVATE_KEY } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

export const deps: AnalysisDeps = { catalog: loadIamCatalog(), managedPolicies: { get: () => undefined } };

/**
 * Octokit for tests: retries are real but wait a millisecond, throttling (which spaces writes a
 * second apart) is off. A function, because Probot's own defaults would replace a plain object's
 * `throttle`.
 */
export const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { retryAfterBaseValue: 1 },
  throttle: { ...(options.throttle as object | undefined), enabled: false },
}));

/** A Probot with the App loaded; `log` receives what it logs (by default nothing is logged). */
export async function newProbot(options: AppOptions = {}, log?: Logger): Promise<Probot> {
  const probot = new Probot({ appId: 1, privateKey: PRIVATE_KEY, logLevel: 'fatal', Octokit: TestOctokit, ...(log === undefined ? {} : { log }) });
  await probot.load(createApp({ deps, fixSource: publicIpFixSource, env: {}, appLogin: APP_LOGIN, ...options }));
  return probot;
}

export interface LogEntry {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that keeps every entry (at every level) in `entries`; children write to the same list. */
export function recordingLog(entries: LogEntry[]): Logger {
  const log: Record<string, unknown> = { level: 'trace' };
  for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal']) {
    log[level] = (fields: unknown, message?: string) => {
      if (typeof fields === 'string') entries.push({ level, fields: {}, message: fields });
      else entries.push({ level, fields: (fields ?? {}) as Record<string, unknown>, message: message ?? '' });
    };
  }
  log.child = () => log;
  return log as unknown as Logger;
}

// ---------------------------------------------------------------------------------------------
// Payloads

const require = createRequire(import.meta.url);
const definitions = require('@octokit/webhooks-examples') as WebhookDefinition[];

function example(name: string, pick: (e: Record<string, unknown>) => boolean = () => true): Record<string, unknown> {
  const def = definitions.find((d) => d.name === name);
  const found = (def?.examples as unknown as Record<string, unknown>[] | undefined)?.find(pick);
  if (found === undefined) throw new Error(`no ${name} example`);
  return structuredClone(found);
}

const installation = { id: INSTALLATION, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI=' };

export interface Delivery {
  id: string;
  name: string;
  payload: Record<string, unknown>;
}

let deliveries = 0;
function delivery(name: string, payload: Record<string, unknown>): Delivery {
  return { id: `delivery-${++deliveries}`, name, payload };
}

/** A push to the default branch (`master` of Codertocat/Hello-World, as in the examples). */
export function pushEvent(after = HEAD1): Delivery {
  const payload = example('push', (e) => e.ref === `refs/heads/${BRANCH}`);
  return delivery('push', { ...payload, after, installation });
}

/** `repositories`: how many the payload lists (`Codertocat/Hello-World`, then `Codertocat/repo-2`, …), as the example shapes them. */
export function installationCreated(repositories?: number): Delivery {
  const payload = example('installation', (e) => e.action === 'created' && Array.isArray(e.repositories));
  if (repositories !== undefined) {
    const [first] = payload.repositories as Record<string, unknown>[];
    payload.repositories = Array.from({ length: repositories }, (_, i) =>
      i === 0 ? { ...first, name: NAME, full_name: `${OWNER}/${NAME}` } : { ...first, id: 1296269 + i, node_id: `R_${i}`, name: `repo-${i + 1}`, full_name: `${OWNER}/repo-${i + 1}` },
    );
  }
  return delivery('installation', { ...payload, installation: { ...(payload.installation as object), id: INSTALLATION } });
}

export function repositoriesAdded(): Delivery {
  const payload = example('installation_repositories', (e) => e.action === 'added');
  const added = [{ id: 1296269, node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5', name: NAME, full_name: `${OWNER}/${NAME}`, private: false }];
  return delivery('installation_repositories', { ...payload, repositories_added: added, installation: { ...(payload.installation as object), id: INSTALLATION } });
}

export function issueComment(body: string, user: { login: string; type: 'User' | 'Bot' } = { login: 'jane', type: 'User' }): Delivery {
  const payload = example('issue_comment', (e) => e.action === 'created');
  const comment = { ...(payload.comment as object), body, user: { ...((payload.comment as { user: object }).user), ...user } };
  return delivery('issue_comment', { ...payload, comment, sender: { ...(payload.sender as object), ...user }, installation });
}

export function pullRequestClosed(options: { merged: boolean; headRef: string; headSha: string; body: string; number?: number }): Delivery {
  const payload = example('pull_request', (e) => e.action === 'closed');
  const pr = payload.pull_request as Record<string, unknown> & { head: Record<string, unknown> };
  const pull_request = {
    ...pr,
    number: options.number ?? 7,
    merged: options.merged,
    body: options.body,
    head: { ...pr.head, ref: options.headRef, sha: options.headSha },
  };
  return delivery('pull_request', { ...payload, number: options.number ?? 7, pull_request, installation });
}

export async function receive(probot: Probot, event: Delivery): Promise<void> {
  await probot.receive(event as unknown as Parameters<Probot['receive']>[0]);
}

// ---------------------------------------------------------------------------------------------
// Repository contents and the fix source

export const HEAD1 = 'a'.repeat(40);
export const HEAD2 = 'b'.repeat(40);
export const TREE1 = '1'.repeat(40);
export const TREE2 = '2'.repeat(40);

export const TEMPLATE_PATH = 'infra/service.yaml';
export const OTHER_PATH = 'infra/egress.yaml';

export const PUBLIC_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Service:
    Type: AWS::ECS::Service
    Properties:
      LaunchType: FARGATE
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: ENABLED
          Subnets: [subnet-1]
`;
export const PRIVATE_TEMPLATE = PUBLIC_TEMPLATE.replace('ENABLED', 'DISABLED');

/** A readable stand-in for the engine: one group per marker string found in the templates. */
export const publicIpFixSource: FixSource = ({ files }) => {
  const groups: FixGroup[] = [];
  const rules: [string, string, string][] = [
    ['fw201', 'AssignPublicIp: ENABLED', 'AssignPublicIp: DISABLED'],
    ['fw203', 'EgressAll: true', 'EgressAll: false'],
  ];
  for (const [id, from, to] of rules) {
    const changed = new Map<string, string>();
    for (const f of files) if (f.text.includes(from)) changed.set(f.path, f.text.replace(from, to));
    if (changed.size === 0) continue;
    groups.push({ id, title: `Fix ${id.toUpperCase()}`, body: `Replaces \`${from}\` with \`${to}\`.`, fixes: [], files: changed });
  }
  return groups;
};

export interface RepoFile {
  path: string;
  text: string;
  sha: string;
}

export function file(path: string, text: string, sha: string): RepoFile {
  return { path, text, sha };
}

// ---------------------------------------------------------------------------------------------
// Interceptors

/** A reply body computed from the JSON request body (nock 15 hands reply functions the fetch Request). */
export function withBody<T>(fn: (body: T) => nock.ReplyBody): (request: Request) => Promise<nock.ReplyBody> {
  return async (request: Request) => fn((await request.json()) as T);
}

/** Expects one comment on issue or pull request `number` (a rescan reply by default); `body` holds it once sent. */
export function expectComment(scope: nock.Scope, number = 1): { body: string } {
  const sent = { body: '' };
  scope.post(`${REPO}/issues/${number}/comments`).reply(
    201,
    withBody((b: { body: string }) => {
      sent.body = b.body;
      return { id: 10 };
    }),
  );
  return sent;
}

export function github(): nock.Scope {
  return nock(API);
}

export function token(scope: nock.Scope): nock.Scope {
  return scope.post(`/app/installations/${INSTALLATION}/access_tokens`).reply(201, { token: 'ghs_test', expires_at: '2999-01-01T00:00:00Z', permissions: {} });
}

/**
 * The reads of every reconcile up to the listing of open pull requests: the branch head, the tree,
 * the config file (when the tree has one), open issues (the config-error issue), and each
 * template's blob (`templates: false` when the run stops before reading them). Issues are listed
 * by their creator, the App (`creator: null`: unfiltered, when the App could not learn its login).
 */
export function reads(
  scope: nock.Scope,
  state: {
    head: string;
    tree: string;
    files: RepoFile[];
    /** The open issues listed; `'disabled'`: the repository has issues turned off (GitHub answers 410). */
    issues?: unknown[] | 'disabled';
    templates?: boolean;
    unread?: { path: string; size: number }[];
    creator?: string | null;
  },
): nock.Scope {
  scope.get(`${REPO}/git/ref/${encodeURIComponent(`heads/${BRANCH}`)}`).reply(200, { ref: `refs/heads/${BRANCH}`, object: { sha: state.head, type: 'commit' } });
  scope
    .get(`${REPO}/git/trees/${state.head}`)
    .query({ recursive: 'true' })
    .reply(200, {
      sha: state.tree,
      truncated: false,
      tree: [
        { path: 'README.md', mode: '100644', type: 'blob', sha: 'f'.repeat(40), size: 10 },
        { path: 'infra', mode: '040000', type: 'tree', sha: 'e'.repeat(40) },
        ...state.files.map((f) => ({ path: f.path, mode: '100644', type: 'blob', sha: f.sha, size: Buffer.byteLength(f.text) })),
        // In the tree but never downloaded (excluded, too large, not a template by name).
        ...(state.unread ?? []).map((f, i) => ({ path: f.path, mode: '100644', type: 'blob', sha: String(i).padStart(40, 'd'), size: f.size })),
      ],
    });
  const creator = state.creator === undefined ? APP_LOGIN : state.creator;
  const issues = scope.get(`${REPO}/issues`).query({ state: 'open', ...(creator === null ? {} : { creator }), per_page: '100', page: '1' });
  if (state.issues === 'disabled') issues.reply(410, { message: 'Issues are disabled for this repo', documentation_url: 'https://docs.github.com/rest/issues/issues#list-repository-issues', status: '410' });
  else issues.reply(200, state.issues ?? []);
  for (const f of state.files) {
    if (!f.path.startsWith('.github/') && state.templates === false) continue;
    scope.get(`${REPO}/git/blobs/${f.sha}`).reply(200, { sha: f.sha, encoding: 'base64', content: Buffer.from(f.text).toString('base64') });
  }
  return scope;
}

/**
 * The listing of open pull requests, and the listing of `fargate-warden/*` branches every run that
 * gets that far makes at its end (none left over unless `branches` says so).
 */
export function openPulls(scope: nock.Scope, pulls: unknown[], branches: { ref: string; sha: string }[] = []): nock.Scope {
  matchingBranches(scope, branches);
  return scope.get(`${REPO}/pulls`).query({ state: 'open', per_page: '100', page: '1' }).reply(200, pulls);
}

export function matchingBranches(scope: nock.Scope, branches: { ref: string; sha: string }[] = []): nock.Scope {
  return scope
    .get(`${REPO}/git/matching-refs/${encodeURIComponent('heads/fargate-warden/')}`)
    .reply(200, branches.map((b) => ({ ref: `refs/heads/${b.ref}`, object: { sha: b.sha, type: 'commit' } })));
}

export function pullsForBranch(scope: nock.Scope, branch: string, pulls: unknown[]): nock.Scope {
  return scope
    .get(`${REPO}/pulls`)
    .query({ state: 'all', head: `${OWNER}:${branch}`, per_page: '100', sort: 'created', direction: 'desc' })
    .reply(200, pulls);
}

export function pull(number: number, branch: string, headSha: string, body: string, title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    number,
    state: 'open',
    merged_at: null,
    title,
    body,
    html_url: `https://github.com/${OWNER}/${NAME}/pull/${number}`,
    head: { ref: branch, sha: headSha, repo: { full_name: `${OWNER}/${NAME}` } },
    base: { ref: BRANCH },
    ...extra,
  };
}

export function commitMessageFor(group: string, fingerprint: string): string {
  return `fargate-warden: Fix ${group.toUpperCase()}\n\nFargate-Warden-Group: ${group}\nFargate-Warden-Fingerprint: ${fingerprint}`;
}

/** A commit as GitHub returns it; `by` defaults to the App's identity. */
export function commit(sha: string, parent: string, message: string, by: { name: string; email: string } = DEFAULT_IDENTITY): Record<string, unknown> {
  return { sha, message, parents: [{ sha: parent }], tree: { sha: 'c'.repeat(40) }, author: { ...by, date: '2024-01-01T00:00:00Z' }, committer: { ...by, date: '2024-01-01T00:00:00Z' } };
}

/**
 * Expects the creation of one fix commit (blobs, tree, commit) and records what was sent.
 * Returns the captured request bodies.
 */
export interface CommitCapture {
  blobs: string[];
  tree?: { base_tree: string; tree: { path: string; mode: string; type: string; sha: string }[] };
  commit?: { message: string; tree: string; parents: string[]; author: { name: string; email: string }; committer: { name: string; email: string } };
}

export function expectCommit(scope: nock.Scope, shas: { blobs: string[]; tree: string; commit: string }): CommitCapture {
  const capture: CommitCapture = { blobs: [] };
  for (const blob of shas.blobs) {
    scope.post(`${REPO}/git/blobs`).reply(
      201,
      withBody((b: { content: string; encoding: string }) => {
        capture.blobs.push(Buffer.from(b.content, b.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8'));
        return { sha: blob };
      }),
    );
  }
  scope.post(`${REPO}/git/trees`).reply(
    201,
    withBody((b: CommitCapture['tree']) => {
      capture.tree = b;
      return { sha: shas.tree };
    }),
  );
  scope.post(`${REPO}/git/commits`).reply(
    201,
    withBody((b: CommitCapture['commit']) => {
      capture.commit = b;
      return { sha: shas.commit };
    }),
  );
  return capture;
}

export function fingerprintOf(body: string): string {
  const marker = parseFixMarker(body);
  if (marker === undefined) throw new Error('no fix marker in the body');
  return marker.fingerprint;
}

const unmatched: string[] = [];
// nock 15 answers an unmatched request with a 501 (which Octokit would retry) and emits this.
nock.emitter.on('no match', (req: { method?: string; url?: string }) => {
  unmatched.push(`${req.method ?? '?'} ${req.url ?? '?'}`);
});

/** Before each test: no real network, a clean slate. */
export function strictNock(): void {
  nock.disableNetConnect();
  nock.cleanAll();
  unmatched.length = 0;
}

/** After each test: every interceptor was used, and nothing else was asked for. */
export function assertAllDone(...scopes: nock.Scope[]): void {
  const pending = nock.pendingMocks();
  const stray = [...unmatched];
  const notDone = scopes.filter((s) => !s.isDone()).length;
  nock.cleanAll();
  unmatched.length = 0;
  if (pending.length > 0 || stray.length > 0 || notDone > 0) {
    throw new Error(`unused interceptors:\n${pending.join('\n')}\nunexpected requests:\n${stray.join('\n')}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Commits and comparisons as the REST API returns them (`GET /commits/:sha`, `GET /compare/:basehead`)

/** `web-flow`: the committer GitHub records for commits made in its web interface, such as "Update branch". */
export const WEB_FLOW = { name: 'GitHub', email: 'noreply@github.com' };

export interface DiffFile {
  filename: string;
  patch?: string;
  status?: string;
}

function diffFiles(files: DiffFile[], ref: string): Record<string, unknown>[] {
  return files.map((f) => {
    const lines = (f.patch ?? '').split('\n');
    const additions = lines.filter((l) => l.startsWith('+')).length;
    const deletions = lines.filter((l) => l.startsWith('-')).length;
    const path = encodeURIComponent(f.filename).replace(/%2F/g, '/');
    return {
      sha: 'b'.repeat(39) + String(additions % 10),
      filename: f.filename,
      status: f.status ?? 'modified',
      additions,
      deletions,
      changes: additions + deletions,
      blob_url: `https://github.com/${OWNER}/${NAME}/blob/${ref}/${path}`,
      raw_url: `https://github.com/${OWNER}/${NAME}/raw/${ref}/${path}`,
      contents_url: `${API}${REPO}/contents/${path}?ref=${ref}`,
      ...(f.patch === undefined ? {} : { patch: f.patch }),
    };
  });
}

/** A commit as `GET /repos/{owner}/{repo}/commits/{ref}` returns it: the Git commit inside, with the files it changes. */
export function restCommit(options: { sha: string; parents: string[]; message: string; author?: { name: string; email: string }; committer?: { name: string; email: string }; files?: DiffFile[] }): Record<string, unknown> {
  const author = options.author ?? DEFAULT_IDENTITY;
  const committer = options.committer ?? author;
  const files = diffFiles(options.files ?? [], options.sha);
  return {
    url: `${API}${REPO}/commits/${options.sha}`,
    sha: options.sha,
    node_id: 'C_kwDOABPHjdoAKDc2MzhlYjQ2ZDNjYWM5ODZiYjk4NWQ0ZjA0NzM4YjQ1ZjY2ZmQ1ZWY',
    html_url: `https://github.com/${OWNER}/${NAME}/commit/${options.sha}`,
    comments_url: `${API}${REPO}/commits/${options.sha}/comments`,
    commit: {
      url: `${API}${REPO}/git/commits/${options.sha}`,
      author: { ...author, date: '2024-01-02T00:00:00Z' },
      committer: { ...committer, date: '2024-01-02T00:00:00Z' },
      message: options.message,
      tree: { url: `${API}${REPO}/git/trees/${'c'.repeat(40)}`, sha: 'c'.repeat(40) },
      comment_count: 0,
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
    author: null,
    committer: committer.email === WEB_FLOW.email ? { login: 'web-flow', id: 19864447, type: 'User', site_admin: false } : null,
    parents: options.parents.map((sha) => ({ sha, url: `${API}${REPO}/commits/${sha}`, html_url: `https://github.com/${OWNER}/${NAME}/commit/${sha}` })),
    stats: { total: files.reduce((n, f) => n + (f.changes as number), 0), additions: files.reduce((n, f) => n + (f.additions as number), 0), deletions: files.reduce((n, f) => n + (f.deletions as number), 0) },
    files,
  };
}

/** A comparison as `GET /repos/{owner}/{repo}/compare/{base}...{head}` returns it. */
export function comparison(options: { base: string; head: string; status: 'ahead' | 'behind' | 'diverged' | 'identical'; mergeBase?: string; files?: DiffFile[] }): Record<string, unknown> {
  const mergeBase = options.mergeBase ?? (options.status === 'behind' ? options.head : options.base);
  const stub = (sha: string): Record<string, unknown> => restCommit({ sha, parents: [], message: 'a commit', author: { name: 'Dev', email: 'dev@example.com' } });
  const basehead = `${options.base}...${options.head}`;
  return {
    url: `${API}${REPO}/compare/${basehead}`,
    html_url: `https://github.com/${OWNER}/${NAME}/compare/${basehead}`,
    permalink_url: `https://github.com/${OWNER}/${NAME}/compare/${OWNER}:${options.base}...${OWNER}:${options.head}`,
    diff_url: `https://github.com/${OWNER}/${NAME}/compare/${basehead}.diff`,
    patch_url: `https://github.com/${OWNER}/${NAME}/compare/${basehead}.patch`,
    base_commit: stub(options.base),
    merge_base_commit: stub(mergeBase),
    status: options.status,
    ahead_by: options.status === 'ahead' || options.status === 'diverged' ? 1 : 0,
    behind_by: options.status === 'behind' || options.status === 'diverged' ? 1 : 0,
    total_commits: options.status === 'ahead' || options.status === 'diverged' ? 1 : 0,
    commits: [],
    files: diffFiles(options.files ?? [], options.head),
  };
}

/** Expects `GET /compare/{base}...{head}`. */
export function expectCompare(scope: nock.Scope, options: Parameters<typeof comparison>[0]): nock.Scope {
  return scope.get(`${REPO}/compare/${options.base}...${options.head}`).reply(200, comparison(options));
}
