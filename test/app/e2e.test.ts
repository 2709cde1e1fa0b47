// End to end: the App's real HTTP server (Probot's webhook middleware) on 127.0.0.1:0 receives
// signed webhooks and talks, with a JWT signed by a key made here, to a fake GitHub that keeps
// real git objects. The real engine decides what to fix.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import { startServer, HEALTH_PATH, type RunningServer } from '../../app/server.ts';
import { engineFixSource } from '../../app/fix-source.ts';
import { CONFIG_ISSUE_MARKER, parseFixMarker } from '../../app/markers.ts';
import { DEFAULT_IDENTITY } from '../../app/runtime.ts';
import { defaultConfig } from '../../src/shared/config/index.ts';
import { scan } from '../../src/shared/engine.ts';
import type { FixGroup } from '../../src/shared/fixes/types.ts';
import { loadIamCatalog } from '../../src/shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../../src/shared/io/managed-policies.ts';
import { KeyedMutex } from '../../app/mutex.ts';
import { FakeGitHub } from './fake-github.ts';

const APP_ID = 4242;
const INSTALLATION_ID = 77;
const SECRET = 'e2e-webhook-secret';
const TEMPLATE = 'infra/storefront.yaml';
const TEMPLATE_TEXT = readFileSync(resolve(import.meta.dirname, '../fixtures/scenarios/public-service.yaml'), 'utf8');
const README = '# storefront\n';
// Not from ./support.ts: that module loads nock, which patches fetch for the whole process.
const deps = { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() };

/** What the engine makes of a text, computed independently of the App. */
function expectedGroups(text: string): FixGroup[] {
  const files = [{ path: TEMPLATE, text }];
  const config = defaultConfig();
  return engineFixSource({ files, result: scan(files, deps, config), deps, config, groupBy: 'rule' });
}

function pushPayload(fake: FakeGitHub): string {
  const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];
  const example = structuredClone((definitions.find((d) => d.name === 'push')?.examples as unknown as Record<string, unknown>[]).find((e) => String(e.ref).startsWith('refs/heads/')) as Record<string, unknown>);
  const repository = example.repository as Record<string, unknown>;
  return JSON.stringify({
    ...example,
    ref: 'refs/heads/main',
    after: fake.refs.get('heads/main'),
    repository: { ...repository, name: 'storefront', full_name: 'acme/storefront', default_branch: 'main', owner: { ...(repository.owner as object), login: 'acme', name: 'acme' } },
    installation: { id: INSTALLATION_ID, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNzc=' },
  });
}

/** The App's per-repository lock, shared with the test so it can wait for background work. */
const mutex = new KeyedMutex();

/**
 * POSTs a signed delivery. Probot answers 200 when the handler finished, or 202 after 9 s while it
 * goes on in the background (the production throttle spaces writes a second apart, so opening two
 * pull requests takes about ten): then wait for the repository lock to be free.
 */
async function deliver(app: RunningServer, event: string, body: string, secret = SECRET): Promise<number> {
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const res = await fetch(`${app.url}${app.webhookPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signature },
    body,
  });
  await res.text();
  if (res.status === 202) await mutex.idle();
  return res.status;
}

describe('App end to end: signed webhook → real server → fake GitHub', () => {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  let fake: FakeGitHub;
  let app: RunningServer;

  before(async () => {
    fake = new FakeGitHub({ appId: APP_ID, publicKey: keys.publicKey, installationId: INSTALLATION_ID, owner: 'acme', repo: 'storefront', defaultBranch: 'main', files: { [TEMPLATE]: TEMPLATE_TEXT, 'README.md': README } });
    await fake.start();
    app = await startServer({
      port: 0,
      host: '127.0.0.1',
      env: { APP_ID: String(APP_ID), PRIVATE_KEY: keys.privateKey, WEBHOOK_SECRET: SECRET, LOG_LEVEL: 'fatal' },
      overrides: { baseUrl: fake.url },
      app: { deps, mutex },
    });
  });

  after(async () => {
    await app?.close();
    await fake?.stop();
  });

  it('answers its health check', async () => {
    const res = await fetch(`${app.url}${HEALTH_PATH}`);
    assert.equal(res.status, 200);
  });

  it('refuses a webhook with a wrong signature without calling GitHub', async () => {
    const before = fake.log.length;
    const status = await deliver(app, 'push', pushPayload(fake), 'not-the-secret');
    assert.ok(status >= 400 && status < 500, `status ${status}`);
    assert.equal(fake.log.length, before);
  });

  it('a push opens one pull request per fix group, each one commit on the default branch with the fixed template', async () => {
    const expected = expectedGroups(TEMPLATE_TEXT);
    assert.ok(expected.length >= 1, 'the scenario has fixable findings');
    const head = fake.refs.get('heads/main') as string;

    assert.ok([200, 202].includes(await deliver(app, 'push', pushPayload(fake))));

    assert.deepEqual(fake.unexpected, []);
    assert.deepEqual([...fake.refs.keys()].sort(), ['heads/main', ...expected.map((g) => `heads/fargate-warden/${g.id}`)].sort());
    assert.equal(fake.refs.get('heads/main'), head, 'the default branch is never written');
    assert.deepEqual(
      fake.pulls.map((p) => [p.state, p.head.ref, p.base.ref, p.title]),
      expected.map((g) => ['open', `fargate-warden/${g.id}`, 'main', g.title]),
    );
    for (const group of expected) {
      const branchHead = fake.refs.get(`heads/fargate-warden/${group.id}`) as string;
      const commit = fake.commits.get(branchHead);
      assert.deepEqual(commit?.parents, [head]);
      assert.deepEqual(commit?.author, DEFAULT_IDENTITY);
      assert.match(commit?.message ?? '', new RegExp(`\\nFargate-Warden-Group: ${group.id}\\n`));
      const files = fake.filesAt(branchHead);
      assert.equal(files.get(TEMPLATE), group.files.get(TEMPLATE), `${group.id}: the fixed template text`);
      assert.notEqual(files.get(TEMPLATE), TEMPLATE_TEXT);
      assert.equal(files.get('README.md'), README);
      assert.equal(files.size, 2);
      const pull = fake.pulls.find((p) => p.head.ref === `fargate-warden/${group.id}`);
      assert.ok(pull?.body.startsWith(group.body.slice(0, 200)));
      assert.deepEqual(parseFixMarker(pull?.body)?.files, [TEMPLATE]);
    }
  });

  it('the same push again changes nothing', async () => {
    const objects = fake.commits.size + fake.blobs.size + fake.trees.size;
    const pulls = JSON.stringify(fake.pulls);
    assert.equal(await deliver(app, 'push', pushPayload(fake)), 200);
    assert.equal(fake.commits.size + fake.blobs.size + fake.trees.size, objects);
    assert.equal(JSON.stringify(fake.pulls), pulls);
    assert.deepEqual(fake.comments, []);
  });

  it('a finding fixed by hand closes its pull request; the others move onto the new head', async () => {
    const [first, ...rest] = expectedGroups(TEMPLATE_TEXT);
    const newHead = fake.pushToDefault({ [TEMPLATE]: first.files.get(TEMPLATE) as string }, 'fix it by hand');
    assert.ok([200, 202].includes(await deliver(app, 'push', pushPayload(fake))));
    assert.deepEqual(fake.unexpected, []);

    const closed = fake.pulls.find((p) => p.head.ref === `fargate-warden/${first.id}`);
    assert.equal(closed?.state, 'closed');
    assert.equal(parseFixMarker(closed?.body)?.closedBy, 'fargate-warden');
    assert.equal(fake.refs.has(`heads/fargate-warden/${first.id}`), false);
    assert.equal(fake.comments.filter((c) => c.issue === closed?.number).length, 1);

    const now = expectedGroups(first.files.get(TEMPLATE) as string);
    for (const group of rest) {
      const still = now.find((g) => g.id === group.id);
      if (still === undefined) continue; // the hand fix resolved this one too
      const branchHead = fake.refs.get(`heads/fargate-warden/${group.id}`) as string;
      assert.deepEqual(fake.commits.get(branchHead)?.parents, [newHead]);
      assert.equal(fake.filesAt(branchHead).get(TEMPLATE), still.files.get(TEMPLATE));
      assert.equal(fake.pulls.find((p) => p.head.ref === `fargate-warden/${group.id}`)?.state, 'open');
    }
  });

  it('a broken config opens one issue, found again by the App’s login on later pushes; fixing the config closes it', async () => {
    // A person's issue quoting the marker: not the App's, whatever its body says.
    fake.issues.push({ number: 900, title: 'about the config issue', body: `${CONFIG_ISSUE_MARKER}\nquoted`, state: 'open', user: { login: 'octocat', type: 'User' } });
    fake.pushToDefault({ '.github/fargate-warden.yml': 'rules:\n  disable: [FW2O1]\n' }, 'break the config');
    assert.equal(await deliver(app, 'push', pushPayload(fake)), 200);
    const appIssues = (): typeof fake.issues => fake.issues.filter((i) => i.user.login === `${fake.slug}[bot]`);
    assert.deepEqual(appIssues().map((i) => i.state), ['open']);
    const body = appIssues()[0]?.body;
    assert.match(body ?? '', /unknown rule ID/);

    assert.equal(await deliver(app, 'push', pushPayload(fake)), 200);
    assert.deepEqual(appIssues().map((i) => [i.state, i.body]), [['open', body]], 'the same issue, untouched');

    fake.pushToDefault({ '.github/fargate-warden.yml': 'failOn: high\n' }, 'fix the config');
    assert.ok([200, 202].includes(await deliver(app, 'push', pushPayload(fake))));
    assert.deepEqual(appIssues().map((i) => i.state), ['closed']);
    assert.equal(fake.issues.find((i) => i.number === 900)?.state, 'open');
    assert.deepEqual(fake.unexpected, []);
    assert.equal(fake.log.filter((l) => l === 'GET /app').length, 1, 'the login is asked once per process');
    assert.ok(fake.comments.some((c) => c.issue === appIssues()[0]?.number && /parses cleanly/.test(c.body)));
  });
});

describe('App server shutdown', () => {
  it('close() stops taking deliveries and waits for the runs still going in the background', async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const lock = new KeyedMutex();
    const running = await startServer({ port: 0, host: '127.0.0.1', env: { APP_ID: String(APP_ID), PRIVATE_KEY: keys.privateKey, WEBHOOK_SECRET: SECRET, LOG_LEVEL: 'fatal' }, app: { deps, mutex: lock } });
    // A reconcile Probot kept running after answering 202 (it holds the repository's lock).
    let finished = false;
    const run = lock.run('acme/storefront', async () => {
      await new Promise((r) => setTimeout(r, 200));
      finished = true;
    });
    await running.close();
    assert.equal(finished, true, 'close() resolved before the run in progress finished');
    await run;
    await assert.rejects(fetch(`${running.url}${HEALTH_PATH}`));
  });
});
