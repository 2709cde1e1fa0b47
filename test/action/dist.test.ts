// End to end: runs the committed bundle `node dist/index.js` as a separate process, the way the
// runner starts a JavaScript action (INPUT_* variables from action.yml's defaults, GITHUB_* context,
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), against a real git repository and a local HTTP
// server playing GitHub on 127.0.0.1. The server validates every request against GitHub's OpenAPI
// description of the endpoints the Action uses (test/fixtures/github/openapi-subset.json, written by
// scripts/extract-github-schema.mjs).
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { NAME, OWNER, PR_NUMBER, ROOT, git, makeRepo, pullFiles, pullRequestEvent, runnerEnv, type TestRepo } from './support.ts';
import { loadIamCatalog } from '../../src/shared/io/iam-catalog.ts';

const TOKEN = 'ghs_e2eTestTokenThatMustNeverBeLogged';
const MARKER = '<!-- fargate-warden:comment -->';

interface Subset {
  endpoints: Record<string, { query: Record<string, { type?: string }>; requestBody: { required: boolean; schema: Record<string, unknown> } | null; success: number[] }>;
}

interface StoredComment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string; type: string };
}

/** GitHub, as far as the Action uses it: issue comments, PR files, review comments and reviews, and GraphQL's `viewer`. */
class FakeGitHub {
  readonly violations: string[] = [];
  readonly requests: string[] = [];
  readonly comments = new Map<number, StoredComment>();
  readonly reviews: unknown[] = [];
  private nextId = 1000;
  private server: Server | undefined;
  private readonly routes: { method: string; template: string; regex: RegExp; validate: ValidateFunction | undefined; spec: Subset['endpoints'][string] }[];

  constructor(
    subset: Subset,
    private readonly repo: TestRepo,
  ) {
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
    this.routes = Object.entries(subset.endpoints).map(([key, spec]) => {
      const [method, template] = key.split(' ');
      const regex = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      return { method, template, regex, spec, validate: spec.requestBody === null ? undefined : ajv.compile(spec.requestBody.schema) };
    });
  }

  async listen(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    this.requests.push(`${method} ${url.pathname}`);
    const send = (status: number, body?: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };

    if (req.headers.authorization !== `token ${TOKEN}`) this.violations.push(`${method} ${url.pathname}: authorization header is not the workflow token`);
    if (method === 'POST' && url.pathname === '/graphql') {
      // The one GraphQL query the Action sends: who the token acts as (the workflow token's bot).
      const query = (JSON.parse(raw || '{}') as { query?: string }).query ?? '';
      if (!/^\s*query\s*\{\s*viewer\s*\{\s*login\s*\}\s*\}\s*$/.test(query)) this.violations.push(`POST /graphql: not the viewer query: ${query}`);
      return send(200, { data: { viewer: { login: 'github-actions[bot]' } } });
    }
    const route = this.routes.find((r) => r.method === method && r.regex.test(url.pathname));
    if (route === undefined) {
      this.violations.push(`${method} ${url.pathname}: not an endpoint of the OpenAPI subset`);
      send(404, { message: 'Not Found' });
      return;
    }
    for (const name of url.searchParams.keys()) {
      const schema = route.spec.query[name];
      if (schema === undefined) this.violations.push(`${method} ${route.template}: undocumented query parameter ${name}`);
      else if (schema.type === 'integer' && !/^\d+$/.test(url.searchParams.get(name) ?? '')) this.violations.push(`${method} ${route.template}: ${name} is not an integer`);
    }
    let body: unknown;
    if (route.spec.requestBody !== null) {
      try {
        body = JSON.parse(raw);
      } catch {
        this.violations.push(`${method} ${route.template}: body is not JSON`);
      }
      if (route.validate !== undefined && !route.validate(body)) {
        this.violations.push(`${method} ${route.template}: ${JSON.stringify(route.validate.errors)}`);
      }
      // GitHub ignores unknown fields; a typo would then silently do nothing, so the test refuses them.
      const known = Object.keys((route.spec.requestBody.schema.properties ?? {}) as Record<string, unknown>);
      for (const key of Object.keys((body ?? {}) as Record<string, unknown>)) {
        if (!known.includes(key)) this.violations.push(`${method} ${route.template}: unknown body field ${key}`);
      }
    } else if (raw !== '') {
      this.violations.push(`${method} ${route.template}: has a body but takes none`);
    }
    const [status] = route.spec.success;
    const id = Number(url.pathname.split('/').pop());
    const b = body as { body: string };

    switch (route.template) {
      case '/repos/{owner}/{repo}/issues/{issue_number}/comments':
        if (method === 'GET') return send(status, [...this.comments.values()]);
        return send(status, this.store(this.nextId++, b.body));
      case '/repos/{owner}/{repo}/issues/comments/{comment_id}':
        if (!this.comments.has(id)) return send(404, { message: 'Not Found' });
        if (method === 'DELETE') {
          this.comments.delete(id);
          return send(status);
        }
        return send(status, this.store(id, b.body));
      case '/repos/{owner}/{repo}/pulls/{pull_number}/files':
        return send(status, pullFiles(this.repo).map((f, i) => ({ sha: String(i), additions: 1, deletions: 1, changes: 2, blob_url: '', raw_url: '', contents_url: '', ...f })));
      case '/repos/{owner}/{repo}/pulls/{pull_number}/comments':
        return send(status, []);
      case '/repos/{owner}/{repo}/pulls/{pull_number}/reviews':
        this.reviews.push(body);
        return send(status, { id: this.nextId++ });
      default:
        return send(501, { message: `the fake does not serve ${route.template}` });
    }
  }

  private store(id: number, body: string): StoredComment {
    const comment = { id, body, html_url: `https://github.com/${OWNER}/${NAME}/pull/${PR_NUMBER}#issuecomment-${id}`, user: { login: 'github-actions[bot]', type: 'Bot' } };
    this.comments.set(id, comment);
    return comment;
  }
}

/** INPUT_<NAME> for every input in action.yml, the way the runner passes defaults (the hyphen stays). */
function inputsFromActionYml(overrides: Record<string, string>): Record<string, string> {
  const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  const env: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) {
    const value = overrides[name] ?? String(input.default ?? '').replace('${{ github.token }}', TOKEN);
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

interface StepResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Where the runner unpacks a `uses:` action: here a copy of action.yml and dist/ alone, with no node_modules above it. */
let actionDir = '';

async function runStep(env: Record<string, string>): Promise<StepResult> {
  const files = mkdtempSync(join(tmpdir(), 'fw-step-'));
  const outputFile = join(files, 'output');
  const summaryFile = join(files, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const child = spawn(process.execPath, [join(actionDir, 'dist/index.js')], {
    cwd: env.GITHUB_WORKSPACE,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? files, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const outputs: Record<string, string> = {};
  // `name<<ghadelimiter_<uuid>\nvalue\nghadelimiter_<uuid>\n`, as @actions/core writes GITHUB_OUTPUT.
  for (const m of readFileSync(outputFile, 'utf8').matchAll(/^(.+?)<<(ghadelimiter_[0-9a-f-]+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1]] = m[3];
  const summary = readFileSync(summaryFile, 'utf8');
  rmSync(files, { recursive: true, force: true });
  return { code, stdout, stderr, outputs, summary };
}

describe('dist/index.js as the runner starts it', () => {
  let repo: TestRepo;
  let github: FakeGitHub;
  let apiUrl: string;

  before(async () => {
    assert.ok(existsSync(join(ROOT, 'dist/index.js')), 'dist/index.js is missing: run `npm run build:action`');
    actionDir = mkdtempSync(join(tmpdir(), 'fw-uses-'));
    cpSync(join(ROOT, 'dist'), join(actionDir, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'action.yml'), join(actionDir, 'action.yml'));
    repo = makeRepo();
    const subset = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/github/openapi-subset.json'), 'utf8')) as Subset;
    github = new FakeGitHub(subset, repo);
    apiUrl = await github.listen();
  });
  after(async () => {
    await github.close();
    repo.cleanup();
    rmSync(actionDir, { recursive: true, force: true });
  });

  const stepEnv = (eventName = 'pull_request'): Record<string, string> => ({
    ...runnerEnv(repo, eventName, pullRequestEvent(repo), { GITHUB_API_URL: apiUrl }),
    ...inputsFromActionYml({ 'sarif-file': 'fargate-warden.sarif' }),
  });

  it('posts one sticky comment, and on the next push updates it in place', async () => {
    const first = await runStep(stepEnv());
    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.deepEqual(github.violations, []);
    assert.equal(github.comments.size, 1);
    const [created] = [...github.comments.values()];
    assert.ok(created.body.startsWith(MARKER));
    assert.match(first.stdout, /^fargate-warden \d+\.\d+\.\d+/, 'the first line names the version');
    assert.match(first.stdout, /^::error title=fargate-warden FW103 \(high\)[^,]*,file=infra\/api-service\.yaml,line=\d+::/m);
    assert.equal(first.outputs['comment-url'], created.html_url);
    assert.match(first.outputs.verdict, /^(broadening|mixed)$/);
    assert.ok(Number(first.outputs['new-findings']) > 0);
    assert.match(first.summary, /fargate-warden/);
    const sarif = JSON.parse(readFileSync(join(repo.dir, 'fargate-warden.sarif'), 'utf8')) as { runs: { results: { ruleId: string; baselineState?: string }[] }[] };
    assert.ok(sarif.runs[0]!.results.some((r) => r.ruleId === 'FW103' && r.baselineState === 'new'), 'on a pull request each result says how it stands against base');
    assert.ok(sarif.runs[0]!.results.every((r) => r.baselineState !== undefined));
    // `::add-mask::` is the runner's masking command: the runner consumes it and hides the value everywhere.
    const printed = `${first.stdout}${first.stderr}${first.summary}`.split('\n').filter((l) => l !== `::add-mask::${TOKEN}`);
    assert.ok(!printed.join('\n').includes(TOKEN), 'the token is never printed');
    assert.ok(first.stdout.includes(`::add-mask::${TOKEN}`), 'the token is masked');

    // A new commit on the pull request (a `synchronize` event): the same comment is edited.
    const api = join(repo.dir, 'infra/api-service.yaml');
    writeFileSync(api, readFileSync(api, 'utf8').replace('AssignPublicIp: DISABLED', 'AssignPublicIp: ENABLED'));
    git(repo.dir, ['commit', '-q', '-am', 'public again']);
    repo.head = git(repo.dir, ['rev-parse', 'HEAD']);
    const before = github.requests.length;
    const second = await runStep(stepEnv());
    assert.equal(second.code, 0, second.stdout + second.stderr);
    assert.deepEqual(github.violations, []);
    assert.equal(github.comments.size, 1, 'still exactly one comment');
    const [updated] = [...github.comments.values()];
    assert.equal(updated.id, created.id);
    assert.notEqual(updated.body, created.body);
    assert.ok(github.requests.slice(before).includes(`PATCH /repos/${OWNER}/${NAME}/issues/comments/${created.id}`));
    assert.equal(second.outputs['comment-url'], created.html_url);

    // Nothing changed since: no write at all.
    const third = await runStep(stepEnv());
    assert.equal(third.code, 0);
    assert.equal(github.comments.size, 1);
    assert.match(third.stdout, /comment: up to date/);
    assert.deepEqual(github.violations, []);
  });

  it('fails the step with fail-on, after posting its comment', async () => {
    const result = await runStep({ ...stepEnv(), 'INPUT_FAIL-ON': 'high' });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^::error::\d+ new finding\(s\) at or above fail-on: high/m);
    assert.equal(github.comments.size, 1);
  });

  it('scans on push with a job summary and no API call', async () => {
    const before = github.requests.length;
    const result = await runStep({ ...stepEnv('push'), GITHUB_EVENT_PATH: join(tmpdir(), 'no-such-event.json') });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(github.requests.length, before);
    assert.match(result.summary, /FW103/);
    assert.equal(result.outputs.verdict, '');
  });
});

describe('the IAM catalog copied into dist/', () => {
  it('answers as the package does: actions and the ARN formats of resource types', () => {
    const bundled = loadIamCatalog(join(ROOT, 'dist/iam-data'));
    const packaged = loadIamCatalog();
    assert.deepEqual(bundled.services(), packaged.services());
    for (const prefix of packaged.services()) {
      assert.deepEqual(bundled.actions(prefix), packaged.actions(prefix), prefix);
      assert.deepEqual(bundled.resourceTypes?.(prefix), packaged.resourceTypes?.(prefix), prefix);
    }
  });
});
