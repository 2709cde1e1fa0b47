import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BRANCH,
  HEAD1,
  HEAD2,
  OWNER,
  NAME,
  PRIVATE_TEMPLATE,
  PUBLIC_TEMPLATE,
  REPO,
  TEMPLATE_PATH,
  TREE1,
  TREE2,
  assertAllDone,
  commit,
  commitMessageFor,
  expectCommit,
  expectCompare,
  restCommit,
  WEB_FLOW,
  expectComment,
  file,
  fingerprintOf,
  github,
  newProbot,
  openPulls,
  pull,
  pullRequestClosed,
  pullsForBranch,
  pushEvent,
  reads,
  receive,
  strictNock,
  token,
  withBody,
  deps,
} from './support.ts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HUMAN_COMMITS_MARKER, parseFixMarker } from '../../app/markers.ts';
import { engineFixSource } from '../../app/fix-source.ts';
import { defaultConfig } from '../../src/shared/config/index.ts';
import { scan } from '../../src/shared/engine.ts';
import { DEFAULT_IDENTITY } from '../../app/runtime.ts';

const BLOB_PUBLIC = '3'.repeat(40);
const BLOB_PRIVATE = '4'.repeat(40);
const NEW_BLOB = '5'.repeat(40);
const NEW_TREE = '6'.repeat(40);
const COMMIT1 = '7'.repeat(40);
const COMMIT2 = '8'.repeat(40);
const HUMAN = '9'.repeat(40);
const FW201 = 'fargate-warden/fw201';
const ENC_FW201 = encodeURIComponent(`heads/${FW201}`);

const publicFiles = [file(TEMPLATE_PATH, PUBLIC_TEMPLATE, BLOB_PUBLIC)];

/** The run scanned HEAD2; the pull request's branch is based on HEAD1, which is older. */
function olderBase(scope: ReturnType<typeof github>): void {
  expectCompare(scope, { base: HEAD2, head: HEAD1, status: 'behind' });
}

/** The re-read of the fix branch immediately before it is force-updated. */
function branchStillAt(scope: ReturnType<typeof github>, sha: string): void {
  scope.get(`${REPO}/git/ref/${ENC_FW201}`).reply(200, { ref: `refs/heads/${FW201}`, object: { sha, type: 'commit' } });
}

/**
 * A run on HEAD2 with pull request #7 (`listed`) on HEAD1: it re-creates the fix on HEAD2 and,
 * when the branch still points at COMMIT1 as it re-reads it (`branchNow`), force-updates it.
 */
function expectRebaseOntoHead2(listed: Record<string, unknown>, body: string, branchNow = COMMIT1): { scope: ReturnType<typeof github>; sent: ReturnType<typeof expectCommit> } {
  const scope = github();
  reads(scope, { head: HEAD2, tree: TREE2, files: publicFiles });
  openPulls(scope, [listed]);
  scope.get(`${REPO}/git/commits/${COMMIT1}`).reply(200, commit(COMMIT1, HEAD1, commitMessageFor('fw201', fingerprintOf(body))));
  olderBase(scope);
  const sent = expectCommit(scope, { blobs: [NEW_BLOB], tree: NEW_TREE, commit: COMMIT2 });
  branchStillAt(scope, branchNow);
  if (branchNow === COMMIT1) scope.patch(`${REPO}/git/refs/${ENC_FW201}`, { sha: COMMIT2, force: true }).reply(200, {});
  return { scope, sent };
}

/** Runs a first push that opens the PR, returning the PR as GitHub would list it afterwards. */
async function openFirstPullRequest(): Promise<{ probot: Awaited<ReturnType<typeof newProbot>>; listed: Record<string, unknown>; body: string }> {
  const probot = await newProbot();
  const scope = token(github());
  reads(scope, { head: HEAD1, tree: TREE1, files: publicFiles });
  openPulls(scope, []);
  pullsForBranch(scope, FW201, []);
  expectCommit(scope, { blobs: [NEW_BLOB], tree: NEW_TREE, commit: COMMIT1 });
  scope.post(`${REPO}/git/refs`, { ref: `refs/heads/${FW201}`, sha: COMMIT1 }).reply(201, { ref: `refs/heads/${FW201}` });
  let body = '';
  scope.post(`${REPO}/pulls`).reply(
    201,
    withBody((b: { body: string }) => {
      body = b.body;
      return pull(7, FW201, COMMIT1, body, 'Fix FW201');
    }),
  );
  await receive(probot, pushEvent());
  assertAllDone(scope);
  return { probot, listed: pull(7, FW201, COMMIT1, body, 'Fix FW201'), body };
}

describe('App lifecycle (push to the default branch)', () => {
  beforeEach(strictNock);
  afterEach(() => assertAllDone());

  it('first run opens one pull request with one commit made through the Git data API', async () => {
    const probot = await newProbot();
    const scope = token(github());
    reads(scope, { head: HEAD1, tree: TREE1, files: publicFiles });
    openPulls(scope, []);
    pullsForBranch(scope, FW201, []);
    const sent = expectCommit(scope, { blobs: [NEW_BLOB], tree: NEW_TREE, commit: COMMIT1 });
    scope.post(`${REPO}/git/refs`, { ref: `refs/heads/${FW201}`, sha: COMMIT1 }).reply(201, {});
    let created: { title: string; head: string; base: string; body: string } | undefined;
    scope.post(`${REPO}/pulls`).reply(
      201,
      withBody((b: NonNullable<typeof created>) => {
        created = b;
        return pull(7, FW201, COMMIT1, b.body, 'Fix FW201');
      }),
    );

    await receive(probot, pushEvent());
    assertAllDone(scope);

    assert.deepEqual(sent.blobs, [PRIVATE_TEMPLATE]);
    assert.deepEqual(sent.tree, { base_tree: TREE1, tree: [{ path: TEMPLATE_PATH, mode: '100644', type: 'blob', sha: NEW_BLOB }] });
    assert.equal(sent.commit?.tree, NEW_TREE);
    assert.deepEqual(sent.commit?.parents, [HEAD1]);
    assert.deepEqual(sent.commit?.author, DEFAULT_IDENTITY);
    assert.deepEqual(sent.commit?.committer, DEFAULT_IDENTITY);
    assert.match(sent.commit?.message ?? '', /^Fix FW201\n\nFargate-Warden-Group: fw201\nFargate-Warden-Fingerprint: [0-9a-f]{16}$/);
    assert.equal(created?.title, 'Fix FW201');
    assert.equal(created?.head, FW201);
    assert.equal(created?.base, BRANCH);
    assert.ok(created?.body.startsWith('Replaces `AssignPublicIp: ENABLED` with `AssignPublicIp: DISABLED`.'));
    assert.deepEqual(parseFixMarker(created?.body), { group: 'fw201', fingerprint: fingerprintOf(created?.body ?? ''), files: [TEMPLATE_PATH] });
    assert.match(sent.commit?.message ?? '', new RegExp(`Fingerprint: ${fingerprintOf(created?.body ?? '')}$`));
  });

  it('a second run with the same state writes nothing', async () => {
    const { probot, listed, body } = await openFirstPullRequest();
    const scope = github();
    reads(scope, { head: HEAD1, tree: TREE1, files: publicFiles });
    openPulls(scope, [listed]);
    scope.get(`${REPO}/git/commits/${COMMIT1}`).reply(200, commit(COMMIT1, HEAD1, commitMessageFor('fw201', fingerprintOf(body))));
    await receive(probot, pushEvent());
    assertAllDone(scope);
  });

  it('a moved default branch re-creates the commit on the new head and force-updates the branch', async () => {
    const { probot, listed, body } = await openFirstPullRequest();
    const { scope, sent } = expectRebaseOntoHead2(listed, body);
    await receive(probot, pushEvent(HEAD2));
    assertAllDone(scope);
    assert.deepEqual(sent.commit?.parents, [HEAD2]);
    assert.equal(sent.tree?.base_tree, TREE2);
  });

  it('a finding resolved another way closes the pull request with a comment and deletes its branch', async () => {
    const { probot, listed } = await openFirstPullRequest();
    const scope = github();
    reads(scope, { head: HEAD2, tree: TREE2, files: [file(TEMPLATE_PATH, PRIVATE_TEMPLATE, BLOB_PRIVATE)] });
    openPulls(scope, [listed]);
    scope.get(`${REPO}/git/commits/${COMMIT1}`).reply(200, commit(COMMIT1, HEAD1, commitMessageFor('fw201', fingerprintOf(listed.body as string))));
    olderBase(scope);
    scope.get(`${REPO}/issues/7/comments`).query({ per_page: '100', page: '1' }).reply(200, []);
    const comment = expectComment(scope, 7);
    let update: { state?: string; body?: string } = {};
    scope.patch(`${REPO}/pulls/7`).reply(
      200,
      withBody((b: typeof update) => {
        update = b;
        return {};
      }),
    );
    scope.delete(`${REPO}/git/refs/${ENC_FW201}`).reply(204);
    await receive(probot, pushEvent(HEAD2));
    assertAllDone(scope);
    assert.match(comment.body, /no longer finds what this pull request fixes on `master` at bbbbbbb/);
    assert.equal(update.state, 'closed');
    assert.equal(parseFixMarker(update.body)?.closedBy, 'fargate-warden');
  });

  it('a template re-saved as UTF-16, or encrypted (binary), does not read as a resolved finding: its pull request stays open', async () => {
    const { probot, listed } = await openFirstPullRequest();
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PUBLIC_TEMPLATE, 'utf16le')]);
    const encrypted = Buffer.concat([Buffer.from('\u0000GITCRYPT\u0000', 'latin1'), Buffer.from('9f8e7d6c5b4a', 'hex')]);
    for (const bytes of [utf16, encrypted]) {
      const scope = github();
      reads(scope, { head: HEAD2, tree: TREE2, files: [file(TEMPLATE_PATH, bytes.toString('latin1'), BLOB_PRIVATE)], templates: false });
      scope.get(`${REPO}/git/blobs/${BLOB_PRIVATE}`).reply(200, { sha: BLOB_PRIVATE, encoding: 'base64', content: bytes.toString('base64') });
      // Nothing is closed, commented or deleted: the App cannot tell whether the finding is gone.
      openPulls(scope, [listed]);
      await receive(probot, pushEvent(HEAD2));
      assertAllDone(scope);
    }
  });

  it('a redelivery after the close failed closes without saying it again', async () => {
    const { probot, listed } = await openFirstPullRequest();
    const scope = github();
    reads(scope, { head: HEAD2, tree: TREE2, files: [file(TEMPLATE_PATH, PRIVATE_TEMPLATE, BLOB_PRIVATE)] });
    openPulls(scope, [listed]);
    scope.get(`${REPO}/git/commits/${COMMIT1}`).reply(200, commit(COMMIT1, HEAD1, commitMessageFor('fw201', fingerprintOf(listed.body as string))));
    olderBase(scope);
    let said = '';
    scope.get(`${REPO}/issues/7/comments`).query({ per_page: '100', page: '1' }).reply(200, []);
    scope.post(`${REPO}/issues/7/comments`).reply(201, withBody((b: { body: string }) => ((said = b.body), { id: 1 })));
    scope.patch(`${REPO}/pulls/7`).times(4).reply(502, { message: 'Bad Gateway' });
    await receive(probot, pushEvent(HEAD2)).catch(() => undefined);
    assertAllDone(scope);

    const again = github();
    reads(again, { head: HEAD2, tree: TREE2, files: [file(TEMPLATE_PATH, PRIVATE_TEMPLATE, BLOB_PRIVATE)] });
    openPulls(again, [listed]);
    again.get(`${REPO}/git/commits/${COMMIT1}`).reply(200, commit(COMMIT1, HEAD1, commitMessageFor('fw201', fingerprintOf(listed.body as string))));
    olderBase(again);
    again.get(`${REPO}/issues/7/comments`).query({ per_page: '100', page: '1' }).reply(200, [{ id: 1, body: said }]);
    again.patch(`${REPO}/pulls/7`).reply(200, {});
    again.delete(`${REPO}/git/refs/${ENC_FW201}`).reply(204);
    await receive(probot, pushEvent(HEAD2));
    assertAllDone(again);
  });

  it("a person's commit on the branch is never force-pushed over: one comment, then hands off", async () => {
    const { probot, listed, body } = await openFirstPullRequest();
    const humanPull = { ...listed, head: { ...(listed.head as object), sha: HUMAN } };
    const jane = { name: 'Jane Doe', email: 'jane@example.com' };

    // The default branch moved too: still no rebase, one comment.
    const scope = github();
    reads(scope, { head: HEAD2, tree: TREE2, files: publicFiles });
    openPulls(scope, [humanPull]);
    scope.get(`${REPO}/git/commits/${HUMAN}`).reply(200, commit(HUMAN, COMMIT1, 'Tweak the fix', jane));
    scope.get(`${REPO}/issues/7/comments`).query({ per_page: '100', page: '1' }).reply(200, []);
    let note = '';
    scope.post(`${REPO}/issues/7/comments`).reply(
      201,
      withBody((b: { body: string }) => {
        note = b.body;
        return { id: 2 };
      }),
    );
    await receive(probot, pushEvent(HEAD2));
    assertAllDone(scope);
    assert.ok(note.includes(HUMAN_COMMITS_MARKER));

    // Next push: the comment is there, nothing is written; and the finding going away does not close it either.
    const again = github();
    reads(again, { head: HEAD2, tree: TREE2, files: [file(TEMPLATE_PATH, PRIVATE_TEMPLATE, BLOB_PRIVATE)] });
    openPulls(again, [humanPull]);
    again.get(`${REPO}/git/commits/${HUMAN}`).reply(200, commit(HUMAN, COMMIT1, 'Tweak the fix', jane));
    again.get(`${REPO}/issues/7/comments`).query({ per_page: '100', page: '1' }).reply(200, [{ id: 2, body: note }]);
    await receive(probot, pushEvent(HEAD2));
    assertAllDone(again);
    assert.ok(body.length > 0);
  });

  it('an amended commit (the App as author, a person as committer) counts as a person\'s', async () => {
    const { probot, listed, body } = await openFirstPullRequest();
    const scope = github();
    reads(scope, { head: HEAD2, tree: TREE2, files: publicFiles });
    openPulls(scope, [{ ...listed, head: { ...(listed.head as object), sha: HUMAN } }]);
    const amended = commit(HUMAN, HEAD1, commitMessageFor('fw201', fingerprintOf(body)));
    amended.committer = { name: 'Jane Doe', email: 'jane@example.com', date: '2024-01-02T00:00:00Z' };
    scope.get(`${REPO}/git/commits/${HUMAN}`).reply(200, amended);
    scope.get(`${REPO}/issues/7/comments`).query({ per_page: '100', page: '1' }).reply(200, []);
    scope.post(`${REPO}/issues/7/comments`).reply(201, { id: 3 });
    await receive(probot, pushEvent(HEAD2));
    assertAllDone(scope);
  });

  it('with the real fix engine: one pull request per rule, each with the verified fixed text', async () => {
    const text = readFileSync(resolve(import.meta.dirname, '../fixtures/scenarios/public-service.yaml'), 'utf8');
    const files = [{ path: TEMPLATE_PATH, text }];
    const config = defaultConfig();
    const expected = engineFixSource({ files, result: scan(files, deps, config), deps, config, groupBy: 'rule' });
    assert.ok(expected.length >= 2, 'the scenario has findings of several fixable rules');
    assert.ok(expected.every((g) => /^fw\d{3}(-\d+)?$/.test(g.id)), 'grouped by rule');

    const probot = await newProbot({ fixSource: engineFixSource });
    const scope = token(github());
    reads(scope, { head: HEAD1, tree: TREE1, files: [file(TEMPLATE_PATH, text, BLOB_PUBLIC)] });
    openPulls(scope, []);
    const sent: { blobs: string[] }[] = [];
    const opened: { head: string; title: string; body: string }[] = [];
    for (const [i, group] of expected.entries()) {
      const branch = `fargate-warden/${group.id}`;
      pullsForBranch(scope, branch, []);
      sent.push(expectCommit(scope, { blobs: [NEW_BLOB], tree: NEW_TREE, commit: COMMIT1 }));
      scope.post(`${REPO}/git/refs`, { ref: `refs/heads/${branch}`, sha: COMMIT1 }).reply(201, {});
      scope.post(`${REPO}/pulls`, (b: { head: string }) => b.head === branch).reply(
        201,
        withBody((b: { head: string; title: string; body: string }) => {
          opened.push(b);
          return pull(10 + i, branch, COMMIT1, b.body, b.title);
        }),
      );
    }
    await receive(probot, pushEvent());
    assertAllDone(scope);
    assert.deepEqual(sent.map((s) => s.blobs), expected.map((g) => [g.files.get(TEMPLATE_PATH)]));
    assert.deepEqual(opened.map((o) => o.title), expected.map((g) => g.title));
    for (const [i, group] of expected.entries()) assert.ok(opened[i].body.startsWith(group.body));
  });

  it('a branch left without a pull request is deleted once its fix is no longer wanted; a person\'s is kept', async () => {
    // A run made fargate-warden/fw201 and then could not open its pull request (GitHub kept failing);
    // before the next push the finding was fixed by hand. Nothing else would ever look at the branch.
    const probot = await newProbot();
    const privateFiles = [file(TEMPLATE_PATH, PRIVATE_TEMPLATE, BLOB_PRIVATE)];
    const scope = token(github());
    reads(scope, { head: HEAD2, tree: TREE2, files: privateFiles });
    openPulls(scope, [], [{ ref: FW201, sha: COMMIT1 }, { ref: 'fargate-warden/fw203', sha: HUMAN }]);
    scope.get(`${REPO}/git/commits/${COMMIT1}`).reply(200, commit(COMMIT1, HEAD1, commitMessageFor('fw201', '0123456789abcdef')));
    pullsForBranch(scope, FW201, [pull(7, FW201, COMMIT1, '', 'Fix FW201', { state: 'closed' })]);
    scope.delete(`${REPO}/git/refs/${ENC_FW201}`).reply(204);
    // A person's commit on a branch named like the App's: left alone.
    scope.get(`${REPO}/git/commits/${HUMAN}`).reply(200, commit(HUMAN, HEAD1, 'wip', { name: 'Jane', email: 'jane@example.com' }));
    await receive(probot, pushEvent(HEAD2));
    assertAllDone(scope);
  });

  it('a left-over branch with an open pull request the listing missed is kept', async () => {
    const probot = await newProbot();
    const scope = token(github());
    reads(scope, { head: HEAD2, tree: TREE2, files: [file(TEMPLATE_PATH, PRIVATE_TEMPLATE, BLOB_PRIVATE)] });
    openPulls(scope, [], [{ ref: FW201, sha: COMMIT1 }]);
    scope.get(`${REPO}/git/commits/${COMMIT1}`).reply(200, commit(COMMIT1, HEAD1, commitMessageFor('fw201', '0123456789abcdef')));
    pullsForBranch(scope, FW201, [pull(7, FW201, COMMIT1, '', 'Fix FW201')]);
    await receive(probot, pushEvent(HEAD2));
    assertAllDone(scope);
  });

  it('a template with a byte-order mark keeps it in the fix commit', async () => {
    const probot = await newProbot();
    const scope = token(github());
    reads(scope, { head: HEAD1, tree: TREE1, files: [file(TEMPLATE_PATH, `\ufeff${PUBLIC_TEMPLATE}`, BLOB_PUBLIC)] });
    openPulls(scope, []);
    pullsForBranch(scope, FW201, []);
    const sent = expectCommit(scope, { blobs: [NEW_BLOB], tree: NEW_TREE, commit: COMMIT1 });
    scope.post(`${REPO}/git/refs`).reply(201, {});
    scope.post(`${REPO}/pulls`).reply(201, pull(7, FW201, COMMIT1, '', 'Fix FW201'));
    await receive(probot, pushEvent());
    assertAllDone(scope);
    // Only the fixed line differs from the file on the default branch.
    assert.deepEqual(sent.blobs, [`\ufeff${PRIVATE_TEMPLATE}`]);
  });

  it('a template that is not valid UTF-8 is analysed but never rewritten (its other bytes would change)', async () => {
    const probot = await newProbot();
    const scope = token(github());
    // Latin-1: "Café" is 43 61 66 E9, which UTF-8 decoding turns into U+FFFD.
    const latin1 = Buffer.from(`# Caf\u00e9 team\n${PUBLIC_TEMPLATE}`, 'latin1');
    reads(scope, { head: HEAD1, tree: TREE1, files: [file(TEMPLATE_PATH, latin1.toString('latin1'), BLOB_PUBLIC)], templates: false });
    scope.get(`${REPO}/git/blobs/${BLOB_PUBLIC}`).reply(200, { sha: BLOB_PUBLIC, encoding: 'base64', content: latin1.toString('base64') });
    openPulls(scope, []);
    // No commit, no branch, no pull request; and the delivery does not fail (a retry cannot help).
    await receive(probot, pushEvent());
    assertAllDone(scope);
  });

  it('pushes to other branches, tags and branch deletions are ignored without a request', async () => {
    const probot = await newProbot();
    const scope = github();
    const other = pushEvent();
    await receive(probot, { ...other, payload: { ...other.payload, ref: 'refs/heads/feature' } });
    await receive(probot, { ...other, payload: { ...other.payload, ref: 'refs/tags/v1' } });
    await receive(probot, { ...other, payload: { ...other.payload, deleted: true } });
    assertAllDone(scope);
  });

  it('reconciles against the branch head at the time it runs, not the sha in a late delivery', async () => {
    const probot = await newProbot();
    const scope = token(github());
    reads(scope, { head: HEAD2, tree: TREE2, files: publicFiles });
    openPulls(scope, []);
    pullsForBranch(scope, FW201, []);
    const sent = expectCommit(scope, { blobs: [NEW_BLOB], tree: NEW_TREE, commit: COMMIT1 });
    scope.post(`${REPO}/git/refs`).reply(201, {});
    scope.post(`${REPO}/pulls`).reply(201, pull(7, FW201, COMMIT1, '', 'Fix FW201'));
    await receive(probot, pushEvent(HEAD1)); // an old delivery: the branch is at HEAD2 now
    assertAllDone(scope);
    assert.deepEqual(sent.commit?.parents, [HEAD2]);
    assert.ok(OWNER && NAME);
  });
});

const HEAD3 = 'abcdef0123'.repeat(4);
const MERGE = 'fedcba9876'.repeat(4);
const JANE = { name: 'Jane Doe', email: 'jane@example.com' };
/** The App's fix, as GitHub's diff of its commit shows it. */
const FIX_PATCH = `@@ -6,7 +6,7 @@ Resources:
       LaunchType: FARGATE
       NetworkConfiguration:
         AwsvpcConfiguration:
-          AssignPublicIp: ENABLED
+          AssignPublicIp: DISABLED
           Subnets: [subnet-1]`;
/** The same fix after the base branch added two lines above it: only the hunk header moves. */
const MERGED_FIX_PATCH = FIX_PATCH.replace('@@ -6,7 +6,7 @@', '@@ -8,7 +8,7 @@');

/**
 * GitHub's "Update branch" on pull request #7: a merge of `master` at `mergedBase` into the App's
 * commit, by the person who clicked it, committed by web-flow. `diff` is what GitHub's comparison
 * of `master` with the merge lists (the base branch has `mergedBase` in its history).
 */
function updateBranchMerge(scope: ReturnType<typeof github>, options: MergeDiff & { mergedBase: string; body: string }): void {
  scope.get(`${REPO}/git/commits/${MERGE}`).reply(200, {
    ...commit(MERGE, COMMIT1, `Merge branch 'master' into ${FW201}`, JANE),
    committer: { ...WEB_FLOW, date: '2024-01-03T00:00:00Z' },
    parents: [{ sha: COMMIT1 }, { sha: options.mergedBase }],
  });
  scope
    .get(`${REPO}/commits/${COMMIT1}`)
    .reply(200, restCommit({ sha: COMMIT1, parents: [HEAD1], message: commitMessageFor('fw201', fingerprintOf(options.body)), files: [{ filename: TEMPLATE_PATH, patch: FIX_PATCH }] }));
  expectCompare(scope, { base: BRANCH, head: MERGE, status: 'diverged', mergeBase: options.mergeBase ?? options.mergedBase, files: options.diff });
}

type MergeDiff = { diff: { filename: string; patch?: string }[]; mergeBase?: string };

/** Pull request #7 opened on HEAD1, then "Update branch" merged HEAD2 into it; a run on `head` reads it. */
async function runOnUpdatedBranch(head: string, merge: MergeDiff = { diff: [{ filename: TEMPLATE_PATH, patch: MERGED_FIX_PATCH }] }): Promise<{ probot: Awaited<ReturnType<typeof newProbot>>; scope: ReturnType<typeof github> }> {
  const { probot, listed, body } = await openFirstPullRequest();
  const scope = github();
  reads(scope, { head, tree: TREE2, files: publicFiles });
  openPulls(scope, [{ ...listed, head: { ...(listed.head as object), sha: MERGE } }]);
  updateBranchMerge(scope, { mergedBase: HEAD2, body, ...merge });
  return { probot, scope };
}

describe('"Update branch" on a fix pull request', () => {
  beforeEach(strictNock);
  afterEach(() => assertAllDone());

  it('a merge of the current head into the fix is still the App\'s, and up to date: nothing is written, nothing said', async () => {
    const { probot, scope } = await runOnUpdatedBranch(HEAD2);
    await receive(probot, pushEvent(HEAD2));
    assertAllDone(scope);
  });

  it('on the next push the merge is replaced by a fix commit on the new head', async () => {
    const { probot, scope } = await runOnUpdatedBranch(HEAD3);
    expectCompare(scope, { base: HEAD3, head: HEAD2, status: 'behind' });
    const sent = expectCommit(scope, { blobs: [NEW_BLOB], tree: NEW_TREE, commit: COMMIT2 });
    branchStillAt(scope, MERGE);
    scope.patch(`${REPO}/git/refs/${ENC_FW201}`, { sha: COMMIT2, force: true }).reply(200, {});
    await receive(probot, pushEvent(HEAD3));
    assertAllDone(scope);
    assert.deepEqual(sent.commit?.parents, [HEAD3]);
  });

  it('a fix branch closed without merging after "Update branch" is deleted: nothing of a person\'s is on it', async () => {
    const { probot, body } = await openFirstPullRequest();
    const scope = github();
    branchStillAt(scope, MERGE);
    updateBranchMerge(scope, { mergedBase: HEAD2, body, diff: [{ filename: TEMPLATE_PATH, patch: MERGED_FIX_PATCH }] });
    scope.delete(`${REPO}/git/refs/${ENC_FW201}`).reply(204);
    await receive(probot, pullRequestClosed({ merged: false, headRef: FW201, headSha: MERGE, body }));
    assertAllDone(scope);
  });

  it('a fix branch with "Update branch" merges but no pull request is the App\'s to adopt: put on the new head, and a pull request opened', async () => {
    const { probot, body } = await openFirstPullRequest();
    const scope = github();
    reads(scope, { head: HEAD3, tree: TREE2, files: publicFiles });
    openPulls(scope, []);
    pullsForBranch(scope, FW201, []);
    expectCommit(scope, { blobs: [NEW_BLOB], tree: NEW_TREE, commit: COMMIT2 });
    scope.post(`${REPO}/git/refs`).reply(422, { message: 'Reference already exists' });
    scope.get(`${REPO}/git/ref/${ENC_FW201}`).reply(200, { object: { sha: MERGE } });
    updateBranchMerge(scope, { mergedBase: HEAD2, body, diff: [{ filename: TEMPLATE_PATH, patch: MERGED_FIX_PATCH }] });
    expectCompare(scope, { base: HEAD3, head: HEAD2, status: 'behind' });
    scope.patch(`${REPO}/git/refs/${ENC_FW201}`, { sha: COMMIT2, force: true }).reply(200, {});
    scope.post(`${REPO}/pulls`).reply(201, withBody((b: { body: string }) => pull(8, FW201, COMMIT2, b.body, 'Fix FW201')));
    await receive(probot, pushEvent(HEAD3));
    assertAllDone(scope);
  });

  const notJustTheBase: [string, MergeDiff][] = [
    ['the merge also changes another file', { diff: [{ filename: TEMPLATE_PATH, patch: MERGED_FIX_PATCH }, { filename: 'infra/other.yaml', patch: '@@ -1 +1 @@\n-a: 1\n+a: 2' }] }],
    ['a conflict resolved by hand changes the fixed lines', { diff: [{ filename: TEMPLATE_PATH, patch: MERGED_FIX_PATCH.replace('+          AssignPublicIp: DISABLED', '+          AssignPublicIp: DISABLED # reviewed') }] }],
    ['GitHub leaves the diff out (a very large file)', { diff: [{ filename: TEMPLATE_PATH }] }],
    ['the merged commit is not on the base branch (another branch merged in)', { diff: [{ filename: TEMPLATE_PATH, patch: MERGED_FIX_PATCH }], mergeBase: HEAD1 }],
  ];
  for (const [what, merge] of notJustTheBase) {
    it(`a merge is a person's when ${what}: one comment, no force-push`, async () => {
      const { probot, scope } = await runOnUpdatedBranch(HEAD3, merge);
      scope.get(`${REPO}/issues/7/comments`).query({ per_page: '100', page: '1' }).reply(200, []);
      const note = expectComment(scope, 7);
      await receive(probot, pushEvent(HEAD3));
      assertAllDone(scope);
      assert.ok(note.body.includes(HUMAN_COMMITS_MARKER));
    });
  }
});

describe('runs on older and newer heads finishing in either order (several replicas)', () => {
  beforeEach(strictNock);
  afterEach(() => assertAllDone());

  it('the run for the newer head finishing last rebases; the run for the older head finishing last writes nothing', async () => {
    const { probot, listed, body } = await openFirstPullRequest();
    const message = commitMessageFor('fw201', fingerprintOf(body));

    // Push B (HEAD2): its run moves the pull request from HEAD1 onto HEAD2.
    const { scope: newer, sent } = expectRebaseOntoHead2(listed, body);
    await receive(probot, pushEvent(HEAD2));
    assertAllDone(newer);
    assert.deepEqual(sent.commit?.parents, [HEAD2]);

    // Push A's run (another replica) read HEAD1 as the head before B landed, and finishes last:
    // the pull request is on HEAD2 already, which has HEAD1 in its history. Nothing is written.
    const older = github();
    reads(older, { head: HEAD1, tree: TREE1, files: publicFiles });
    openPulls(older, [{ ...listed, head: { ...(listed.head as object), sha: COMMIT2 } }]);
    older.get(`${REPO}/git/commits/${COMMIT2}`).reply(200, commit(COMMIT2, HEAD2, message));
    expectCompare(older, { base: HEAD1, head: HEAD2, status: 'ahead' });
    await receive(probot, pushEvent(HEAD1));
    assertAllDone(older);
  });

  it('a run for an older head does not close a pull request a newer run opened', async () => {
    const { probot, listed, body } = await openFirstPullRequest();
    const scope = github();
    // At HEAD1 (this run) the finding is not there; at HEAD2 it is, and HEAD2's run opened #7.
    reads(scope, { head: HEAD1, tree: TREE1, files: [file(TEMPLATE_PATH, PRIVATE_TEMPLATE, BLOB_PRIVATE)] });
    openPulls(scope, [{ ...listed, head: { ...(listed.head as object), sha: COMMIT2 } }]);
    scope.get(`${REPO}/git/commits/${COMMIT2}`).reply(200, commit(COMMIT2, HEAD2, commitMessageFor('fw201', fingerprintOf(body))));
    expectCompare(scope, { base: HEAD1, head: HEAD2, status: 'ahead' });
    await receive(probot, pushEvent(HEAD1));
    assertAllDone(scope);
  });

  it('a branch written by another run while this one worked is left alone', async () => {
    const { probot, listed, body } = await openFirstPullRequest();
    const { scope } = expectRebaseOntoHead2(listed, body, HEAD3); // moved since the listing: no force-update
    await receive(probot, pushEvent(HEAD2));
    assertAllDone(scope);
  });
});
