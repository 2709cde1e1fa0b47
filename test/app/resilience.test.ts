import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FixSource } from '../../app/fix-source.ts';
import type { Finding } from '../../src/shared/model/index.ts';
import {
  HEAD1,
  HEAD2,
  TREE2,
  OTHER_PATH,
  PRIVATE_TEMPLATE,
  PUBLIC_TEMPLATE,
  REPO,
  TEMPLATE_PATH,
  TREE1,
  APP_LOGIN,
  assertAllDone,
  matchingBranches,
  commit,
  commitMessageFor,
  expectCommit,
  expectComment,
  file,
  github,
  issueComment,
  newProbot,
  openPulls,
  pull,
  pullsForBranch,
  pushEvent,
  reads,
  receive,
  strictNock,
  token,
  withBody,
} from './support.ts';
import { fingerprint, parseFixMarker, renderFixMarker } from '../../app/markers.ts';

const BLOB_PUBLIC = '3'.repeat(40);
const BLOB_EGRESS = '4'.repeat(40);
const NEW_BLOB = '5'.repeat(40);
const NEW_TREE = '6'.repeat(40);
const COMMIT1 = '7'.repeat(40);
const COMMIT_ELSEWHERE = '8'.repeat(40);
const FW201 = 'fargate-warden/fw201';
const FW203 = 'fargate-warden/fw203';
const FP201 = fingerprint(new Map([[TEMPLATE_PATH, PRIVATE_TEMPLATE]]));

const EGRESS_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: tasks
      EgressAll: true
`;
const publicFiles = [file(TEMPLATE_PATH, PUBLIC_TEMPLATE, BLOB_PUBLIC)];

describe('App resilience', () => {
  beforeEach(strictNock);
  afterEach(() => assertAllDone());

  it('two deliveries of the same push at once open exactly one pull request', async () => {
    const probot = await newProbot();
    const scope = token(github());
    // First delivery: creates. Second (after the first, through the per-repository lock): finds it.
    reads(scope, { head: HEAD1, tree: TREE1, files: publicFiles });
    openPulls(scope, []);
    pullsForBranch(scope, FW201, []);
    expectCommit(scope, { blobs: [NEW_BLOB], tree: NEW_TREE, commit: COMMIT1 });
    scope.post(`${REPO}/git/refs`).once().reply(201, {});
    let body = '';
    scope.post(`${REPO}/pulls`).once().reply(
      201,
      withBody((b: { body: string }) => {
        body = b.body;
        return pull(7, FW201, COMMIT1, body, 'Fix FW201');
      }),
    );
    reads(scope, { head: HEAD1, tree: TREE1, files: publicFiles });
    matchingBranches(scope, [{ ref: FW201, sha: COMMIT1 }]);
    scope
      .get(`${REPO}/pulls`)
      .query({ state: 'open', per_page: '100', page: '1' })
      .reply(() => [200, [pull(7, FW201, COMMIT1, body, 'Fix FW201')]]);
    scope.get(`${REPO}/git/commits/${COMMIT1}`).reply(200, commit(COMMIT1, HEAD1, commitMessageFor('fw201', FP201)));

    const delivery = pushEvent();
    await Promise.all([receive(probot, delivery), receive(probot, { ...delivery, id: `${delivery.id}-redelivered` })]);
    assertAllDone(scope);
  });

  it('another process made the branch and the pull request meanwhile: adopts both, duplicates nothing', async () => {
    const probot = await newProbot();
    const scope = token(github());
    reads(scope, { head: HEAD1, tree: TREE1, files: publicFiles });
    openPulls(scope, []);
    pullsForBranch(scope, FW201, []);
    expectCommit(scope, { blobs: [NEW_BLOB], tree: NEW_TREE, commit: COMMIT1 });
    scope.post(`${REPO}/git/refs`).reply(422, { message: 'Reference already exists' });
    scope.get(`${REPO}/git/ref/${encodeURIComponent(`heads/${FW201}`)}`).reply(200, { object: { sha: COMMIT_ELSEWHERE } });
    // The other process's commit holds the same fix on the same head: it is kept, not force-pushed.
    scope.get(`${REPO}/git/commits/${COMMIT_ELSEWHERE}`).reply(200, commit(COMMIT_ELSEWHERE, HEAD1, commitMessageFor('fw201', FP201)));
    let sentBody = '';
    scope.post(`${REPO}/pulls`).reply(
      422,
      withBody((b: { body: string }) => {
        sentBody = b.body;
        return { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for Codertocat:${FW201}.` }] };
      }),
    );
    scope
      .get(`${REPO}/pulls`)
      .query({ state: 'all', head: `Codertocat:${FW201}`, per_page: '100', sort: 'created', direction: 'desc' })
      .reply(() => [200, [pull(8, FW201, COMMIT_ELSEWHERE, sentBody, 'Fix FW201')]]);
    await receive(probot, pushEvent());
    assertAllDone(scope);
  });

  it('an open pull request missing from the listing is found by its head branch before creating', async () => {
    const probot = await newProbot();
    const scope = token(github());
    reads(scope, { head: HEAD1, tree: TREE1, files: publicFiles });
    openPulls(scope, []);
    const body = `Replaces \`AssignPublicIp: ENABLED\` with \`AssignPublicIp: DISABLED\`.`;
    pullsForBranch(scope, FW201, [pull(7, FW201, COMMIT1, `${body}\n\n${renderFixMarker({ group: 'fw201', fingerprint: FP201, files: [TEMPLATE_PATH] })}`, 'Fix FW201')]);
    scope.get(`${REPO}/git/commits/${COMMIT1}`).reply(200, commit(COMMIT1, HEAD1, commitMessageFor('fw201', FP201)));
    // Only the body's footer differs from what the App writes now: one PATCH, no new pull request.
    scope.patch(`${REPO}/pulls/7`).reply(200, {});
    await receive(probot, pushEvent());
    assertAllDone(scope);
  });

  it('a fix a person closed without merging is not offered again until it changes', async () => {
    const probot = await newProbot();
    const scope = token(github());
    reads(scope, { head: HEAD1, tree: TREE1, files: publicFiles });
    openPulls(scope, []);
    const closed = pull(7, FW201, COMMIT1, renderFixMarker({ group: 'fw201', fingerprint: FP201, files: [TEMPLATE_PATH] }), 'Fix FW201', { state: 'closed' });
    pullsForBranch(scope, FW201, [closed]);
    await receive(probot, pushEvent());
    assertAllDone(scope);

    // The same fix with other content (the fix changed) is offered again.
    const changed = renderFixMarker({ group: 'fw201', fingerprint: '0123456789abcdef', files: [TEMPLATE_PATH] });
    const again = github();
    reads(again, { head: HEAD1, tree: TREE1, files: publicFiles });
    openPulls(again, []);
    pullsForBranch(again, FW201, [{ ...closed, body: changed }]);
    expectCommit(again, { blobs: [NEW_BLOB], tree: NEW_TREE, commit: COMMIT1 });
    again.post(`${REPO}/git/refs`).reply(201, {});
    again.post(`${REPO}/pulls`).reply(201, pull(9, FW201, COMMIT1, '', 'Fix FW201'));
    await receive(probot, pushEvent());
    assertAllDone(again);
  });

  it('a declined fix is not offered again when an unrelated line of its template changes', async () => {
    // A fix source that, like the engine, says what each fix edits (the App keys declines on that).
    const fixSource: FixSource = ({ files }) =>
      files
        .filter((f) => f.text.includes('AssignPublicIp: ENABLED'))
        .map((f) => {
          const start = f.text.indexOf('ENABLED');
          const edit = { file: f.path, range: { start, end: start + 'ENABLED'.length }, text: 'DISABLED' };
          const finding = { ruleId: 'FW201', resource: 'Service', resourceId: `${f.path}#Service` } as Finding;
          const after = `${f.text.slice(0, start)}DISABLED${f.text.slice(start + 'ENABLED'.length)}`;
          const fix = { title: 'Disable public IP', explanation: '', edits: [edit] };
          return { id: 'fw201', title: 'Fix FW201', body: 'Disables the public IP.', fixes: [{ finding, fix, files: new Map([[f.path, after]]) }], files: new Map([[f.path, after]]) };
        });
    const probot = await newProbot({ fixSource });
    const scope = token(github());
    reads(scope, { head: HEAD1, tree: TREE1, files: publicFiles });
    openPulls(scope, []);
    pullsForBranch(scope, FW201, []);
    expectCommit(scope, { blobs: [NEW_BLOB], tree: NEW_TREE, commit: COMMIT1 });
    scope.post(`${REPO}/git/refs`).reply(201, {});
    let body = '';
    scope.post(`${REPO}/pulls`).reply(
      201,
      withBody((b: { body: string }) => {
        body = b.body;
        return pull(7, FW201, COMMIT1, b.body, 'Fix FW201');
      }),
    );
    await receive(probot, pushEvent());
    assertAllDone(scope);

    // A person closes it. Then the template changes elsewhere (a line added above the service):
    // the branch's content would differ, but the fix is the one they declined. No request writes.
    const edited = `# owner: platform team\n${PUBLIC_TEMPLATE}`;
    const later = github();
    reads(later, { head: HEAD2, tree: TREE2, files: [file(TEMPLATE_PATH, edited, BLOB_EGRESS)] });
    openPulls(later, []);
    pullsForBranch(later, FW201, [pull(7, FW201, COMMIT1, body, 'Fix FW201', { state: 'closed' })]);
    await receive(probot, pushEvent(HEAD2));
    assertAllDone(later);
  });

  it('a group across hundreds of files keeps its body, footer and marker within GitHub\'s 65,536 characters', async () => {
    // A rule fixed across 300 stacks: the marker lists every file, so it is long too.
    const paths = Array.from({ length: 300 }, (_, i) => `cdk.out/assembly-Production-Region-${i}/ProductionServiceStack${i}.template.md`);
    const body = Array.from({ length: 300 }, (_, i) => `- **FW201** on \`Service${i}\`: ${'the service gets a public IP address. '.repeat(6)}`).join('\n\n');
    const fixSource: FixSource = () => [{ id: 'fw201', title: 'Fix FW201', body, fixes: [], files: new Map(paths.map((p) => [p, 'fixed\n'])) }];
    const probot = await newProbot({ fixSource });
    const scope = token(github());
    reads(scope, { head: HEAD1, tree: TREE1, files: [], unread: paths.map((path) => ({ path, size: 10 })) });
    openPulls(scope, []);
    pullsForBranch(scope, FW201, []);
    scope.post(`${REPO}/git/blobs`).times(300).reply(201, { sha: NEW_BLOB });
    scope.post(`${REPO}/git/trees`).reply(201, { sha: NEW_TREE });
    scope.post(`${REPO}/git/commits`).reply(201, { sha: COMMIT1 });
    scope.post(`${REPO}/git/refs`).reply(201, {});
    let sent = '';
    scope.post(`${REPO}/pulls`).reply(
      201,
      withBody((b: { body: string }) => {
        sent = b.body;
        return pull(7, FW201, COMMIT1, b.body, 'Fix FW201');
      }),
    );
    await receive(probot, pushEvent());
    assertAllDone(scope);
    assert.ok(sent.length <= 65_536, `${sent.length} characters`);
    assert.deepEqual(parseFixMarker(sent)?.files, [...paths].sort());
    assert.match(sent, /The description was shortened to fit GitHub's limit/);
  });

  it('a branch named fargate-warden, which keeps every fargate-warden/<group> from being created, is reported once', async () => {
    const probot = await newProbot();
    const scope = token(github());
    scope.get(`${REPO}/collaborators/jane/permission`).reply(200, { permission: 'write', user: { login: 'jane' } });
    const files = [file(OTHER_PATH, EGRESS_TEMPLATE, BLOB_EGRESS), file(TEMPLATE_PATH, PUBLIC_TEMPLATE, BLOB_PUBLIC)];
    reads(scope, { head: HEAD1, tree: TREE1, files });
    openPulls(scope, []);
    pullsForBranch(scope, FW201, []);
    expectCommit(scope, { blobs: [NEW_BLOB], tree: NEW_TREE, commit: COMMIT1 });
    // What GitHub answers when a ref is a folder of the new one: a 422 that does not say why.
    scope
      .post(`${REPO}/git/refs`, (b: { ref: string }) => b.ref === `refs/heads/${FW201}`)
      .reply(422, { message: 'Reference update failed', documentation_url: 'https://docs.github.com/rest/git/refs#create-a-reference', status: '422' });
    scope.get(`${REPO}/git/ref/${encodeURIComponent('heads/fargate-warden')}`).reply(200, { ref: 'refs/heads/fargate-warden', object: { sha: HEAD1, type: 'commit' } });
    // fw203 is not tried: no lookup, no commit, no branch.
    const reply = expectComment(scope);
    await receive(probot, issueComment('/fargate-warden rescan'));
    assertAllDone(scope);
    assert.equal(reply.body.match(/a branch named `fargate-warden` exists/g)?.length, 1, reply.body);
    assert.match(reply.body, /2 fix group\(s\) wait for it \(fw201, fw203\)/);
    assert.doesNotMatch(reply.body, /failed/);
  });

  it('a server error is retried', async () => {
    const probot = await newProbot();
    const scope = token(github());
    reads(scope, { head: HEAD1, tree: TREE1, files: publicFiles });
    openPulls(scope, []);
    pullsForBranch(scope, FW201, []);
    expectCommit(scope, { blobs: [NEW_BLOB], tree: NEW_TREE, commit: COMMIT1 });
    scope.post(`${REPO}/git/refs`).reply(502, { message: 'Bad gateway' });
    scope.post(`${REPO}/git/refs`).reply(201, {});
    scope.post(`${REPO}/pulls`).reply(201, pull(7, FW201, COMMIT1, '', 'Fix FW201'));
    await receive(probot, pushEvent());
    assertAllDone(scope);
  });

  it("a group whose pull request cannot be created does not stop the next group; the delivery reports the failure", async () => {
    const probot = await newProbot();
    const scope = token(github());
    const files = [file(OTHER_PATH, EGRESS_TEMPLATE, BLOB_EGRESS), file(TEMPLATE_PATH, PUBLIC_TEMPLATE, BLOB_PUBLIC)];
    reads(scope, { head: HEAD1, tree: TREE1, files });
    openPulls(scope, []);
    // fw201 first: everything up to the pull request works, then GitHub keeps failing (1 try + 3 retries).
    pullsForBranch(scope, FW201, []);
    expectCommit(scope, { blobs: [NEW_BLOB], tree: NEW_TREE, commit: COMMIT1 });
    scope.post(`${REPO}/git/refs`, (b: { ref: string }) => b.ref === `refs/heads/${FW201}`).reply(201, {});
    scope.post(`${REPO}/pulls`, (b: { head: string }) => b.head === FW201).times(4).reply(500, { message: 'Server Error' });
    // fw203 next: opened normally.
    pullsForBranch(scope, FW203, []);
    const sent = expectCommit(scope, { blobs: [NEW_BLOB], tree: NEW_TREE, commit: COMMIT_ELSEWHERE });
    scope.post(`${REPO}/git/refs`, (b: { ref: string }) => b.ref === `refs/heads/${FW203}`).reply(201, {});
    let opened: { head: string; body: string } | undefined;
    scope.post(`${REPO}/pulls`, (b: { head: string }) => b.head === FW203).reply(
      201,
      withBody((b: { head: string; body: string }) => {
        opened = b;
        return pull(8, FW203, COMMIT_ELSEWHERE, b.body, 'Fix FW203');
      }),
    );
    await assert.rejects(receive(probot, pushEvent()), (error: Error) => /fw201/.test(error.message) && !/fw203/.test(error.message));
    assertAllDone(scope);
    assert.equal(opened?.head, FW203);
    assert.deepEqual(parseFixMarker(opened?.body)?.files, [OTHER_PATH]);
    assert.deepEqual(sent.blobs, [EGRESS_TEMPLATE.replace('EgressAll: true', 'EgressAll: false')]);

    // The next push retries fw201: its branch exists (ours, current), so only the pull request is made.
    const next = github();
    reads(next, { head: HEAD1, tree: TREE1, files });
    openPulls(next, [pull(8, FW203, COMMIT_ELSEWHERE, opened?.body ?? '', 'Fix FW203')]);
    pullsForBranch(next, FW201, []);
    expectCommit(next, { blobs: [NEW_BLOB], tree: NEW_TREE, commit: '0'.repeat(40) });
    next.post(`${REPO}/git/refs`).reply(422, { message: 'Reference already exists' });
    next.get(`${REPO}/git/ref/${encodeURIComponent(`heads/${FW201}`)}`).reply(200, { object: { sha: COMMIT1 } });
    next.get(`${REPO}/git/commits/${COMMIT1}`).reply(200, commit(COMMIT1, HEAD1, commitMessageFor('fw201', FP201)));
    next.post(`${REPO}/pulls`).reply(201, pull(9, FW201, COMMIT1, '', 'Fix FW201'));
    const fp203 = fingerprint(new Map([[OTHER_PATH, EGRESS_TEMPLATE.replace('EgressAll: true', 'EgressAll: false')]]));
    next.get(`${REPO}/git/commits/${COMMIT_ELSEWHERE}`).reply(200, commit(COMMIT_ELSEWHERE, HEAD1, commitMessageFor('fw203', fp203)));
    await receive(probot, pushEvent());
    assertAllDone(next);
  });

  // A marker that lists the files, and one that only counts them (a group over thousands of files): any unreadable file may be one of them.
  for (const files of [[TEMPLATE_PATH], { count: 3000 }]) {
    it(`does not close a pull request when the template it fixes could not be read (marker files: ${JSON.stringify(files)})`, async () => {
      const probot = await newProbot();
      const scope = token(github());
      const marker = renderFixMarker({ group: 'fw201', fingerprint: FP201, files });
      scope.get(`${REPO}/git/ref/${encodeURIComponent('heads/master')}`).reply(200, { object: { sha: HEAD1 } });
      scope
        .get(`${REPO}/git/trees/${HEAD1}`)
        .query({ recursive: 'true' })
        .reply(200, { sha: TREE1, truncated: false, tree: [{ path: TEMPLATE_PATH, mode: '100644', type: 'blob', sha: BLOB_PUBLIC, size: 100 }] });
      scope.get(`${REPO}/issues`).query({ state: 'open', creator: APP_LOGIN, per_page: '100', page: '1' }).reply(200, []);
      scope.get(`${REPO}/git/blobs/${BLOB_PUBLIC}`).reply(404, { message: 'Not Found' });
      openPulls(scope, [pull(7, FW201, COMMIT1, marker, 'Fix FW201')]);
      await receive(probot, pushEvent());
      assertAllDone(scope);
    });
  }
});
