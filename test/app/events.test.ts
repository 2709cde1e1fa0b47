import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  HEAD1,
  PUBLIC_TEMPLATE,
  REPO,
  TEMPLATE_PATH,
  TREE1,
  assertAllDone,
  commit,
  commitMessageFor,
  expectCommit,
  expectComment,
  file,
  github,
  installationCreated,
  recordingLog,
  type LogEntry,
  issueComment,
  newProbot,
  openPulls,
  pull,
  pullRequestClosed,
  pullsForBranch,
  pushEvent,
  reads,
  receive,
  repositoriesAdded,
  strictNock,
  token,
  withBody,
  APP_LOGIN,
  publicIpFixSource,
} from './support.ts';
import { CONFIG_ISSUE_MARKER, COMMAND_REPLY_MARKER, renderFixMarker } from '../../app/markers.ts';
import { CONFIG_ISSUE_TITLE } from '../../app/config.ts';
import { isRescanCommand } from '../../app/handlers/issue-comment.ts';
import type { FixSourceInput } from '../../app/fix-source.ts';

const BLOB_PUBLIC = '3'.repeat(40);
const BLOB_CONFIG = 'c'.repeat(40);
const COMMIT1 = '7'.repeat(40);
const FW201 = 'fargate-warden/fw201';
const ENC_FW201 = encodeURIComponent(`heads/${FW201}`);
const publicFiles = [file(TEMPLATE_PATH, PUBLIC_TEMPLATE, BLOB_PUBLIC)];

/** Interceptors for a first run that opens pull request #7 for fw201. */
function expectFirstRun(scope: ReturnType<typeof github>): void {
  reads(scope, { head: HEAD1, tree: TREE1, files: publicFiles });
  openPulls(scope, []);
  pullsForBranch(scope, FW201, []);
  expectCommit(scope, { blobs: ['5'.repeat(40)], tree: '6'.repeat(40), commit: COMMIT1 });
  scope.post(`${REPO}/git/refs`).reply(201, {});
  scope.post(`${REPO}/pulls`).reply(201, pull(7, FW201, COMMIT1, '', 'Fix FW201'));
}

/** The App's own account, as GitHub shows the author of what an installation token writes. */
const APP_BOT = { login: APP_LOGIN, type: 'Bot' };

describe('App events', () => {
  beforeEach(strictNock);
  afterEach(() => assertAllDone());

  describe('installation', () => {
    it('installation.created scans each repository it was given', async () => {
      const probot = await newProbot();
      const scope = token(github());
      scope.get(REPO).reply(200, { default_branch: 'master', archived: false });
      expectFirstRun(scope);
      await receive(probot, installationCreated());
      assertAllDone(scope);
    });

    it('installation_repositories.added scans each added repository', async () => {
      const probot = await newProbot();
      const scope = token(github());
      scope.get(REPO).reply(200, { default_branch: 'master', archived: false });
      expectFirstRun(scope);
      await receive(probot, repositoriesAdded());
      assertAllDone(scope);
    });

    it('installation.created without a repository list: lists them through the installation', async () => {
      const probot = await newProbot();
      const scope = token(github());
      scope.get('/installation/repositories').query({ per_page: '10', page: '1' }).reply(200, { total_count: 1, repositories: [{ full_name: 'Codertocat/Hello-World' }] });
      scope.get(REPO).reply(200, { default_branch: 'master', archived: false });
      expectFirstRun(scope);
      const event = installationCreated();
      delete event.payload.repositories;
      await receive(probot, event);
      assertAllDone(scope);
    });

    it('an installation with many repositories: the first ten are scanned, the others are deferred and named in the log', async () => {
      const entries: LogEntry[] = [];
      const probot = await newProbot({}, recordingLog(entries));
      const scope = token(github());
      // Archived ones answer in one request each, which keeps this test about the order and the limit.
      for (const name of ['Hello-World', ...Array.from({ length: 9 }, (_, i) => `repo-${i + 2}`)]) scope.get(`/repos/Codertocat/${name}`).reply(200, { default_branch: 'master', archived: true });
      await receive(probot, installationCreated(25));
      assertAllDone(scope);
      const deferred = entries.find((e) => e.level === 'warn' && e.message.startsWith('initial scan:'));
      assert.ok(deferred, 'the deferred repositories are logged');
      assert.match(deferred.message, /10 of 25 repositories now; the other 15 are scanned on their next push/);
      assert.deepEqual(deferred.fields.deferred, Array.from({ length: 15 }, (_, i) => `Codertocat/repo-${i + 11}`));
      assert.equal(deferred.fields.count, 15);
    });

    it('without a repository list only as many are listed as are scanned; the total tells how many wait', async () => {
      const entries: LogEntry[] = [];
      const probot = await newProbot({ env: { FARGATE_WARDEN_INITIAL_SCAN_LIMIT: '2' } }, recordingLog(entries));
      const scope = token(github());
      scope
        .get('/installation/repositories')
        .query({ per_page: '2', page: '1' })
        .reply(200, { total_count: 400, repositories: [{ full_name: 'Codertocat/Hello-World' }, { full_name: 'Codertocat/repo-2' }] });
      scope.get(REPO).reply(200, { default_branch: 'master', archived: true });
      scope.get('/repos/Codertocat/repo-2').reply(200, { default_branch: 'main', archived: true });
      const event = installationCreated();
      delete event.payload.repositories;
      await receive(probot, event);
      assertAllDone(scope);
      const deferred = entries.find((e) => e.level === 'warn' && e.message.startsWith('initial scan:'));
      assert.match(deferred?.message ?? '', /2 of 400 repositories now; the other 398/);
      assert.equal(deferred?.fields.count, 398);
    });

    it('a failing repository does not stop the scan of the others; the delivery fails at the end', async () => {
      const probot = await newProbot({ initialScanLimit: 3 });
      const scope = token(github());
      scope.get(REPO).times(4).reply(500, { message: 'Server Error' });
      scope.get('/repos/Codertocat/repo-2').reply(200, { default_branch: 'master', archived: true });
      scope.get('/repos/Codertocat/repo-3').reply(200, { default_branch: 'master', archived: true });
      await assert.rejects(receive(probot, installationCreated(5)), /initial scan failed for 1 of 3 repositories/);
      assertAllDone(scope);
    });

    it('archived repositories are skipped', async () => {
      const probot = await newProbot();
      const scope = token(github());
      scope.get(REPO).reply(200, { default_branch: 'master', archived: true });
      await receive(probot, repositoriesAdded());
      assertAllDone(scope);
    });
  });

  describe('/fargate-warden rescan', () => {
    it('recognises the command on the first line only', () => {
      assert.equal(isRescanCommand('/fargate-warden rescan'), true);
      assert.equal(isRescanCommand('\n  /fargate-warden   rescan  \nplease'), true);
      assert.equal(isRescanCommand('please\n/fargate-warden rescan'), false);
      assert.equal(isRescanCommand('/fargate-warden rescan now'), false);
      assert.equal(isRescanCommand('/fargate-warden'), false);
    });

    it('from a person with write access: reconciles and replies with what it did', async () => {
      const probot = await newProbot();
      const scope = token(github());
      scope.get(`${REPO}/collaborators/jane/permission`).reply(200, { permission: 'write', user: { login: 'jane' } });
      expectFirstRun(scope);
      const reply = expectComment(scope);
      await receive(probot, issueComment('/fargate-warden rescan'));
      assertAllDone(scope);
      assert.ok(reply.body.startsWith(COMMAND_REPLY_MARKER));
      assert.match(reply.body, /rescanned `master` at aaaaaaa: 1 fix group\(s\); opened #7\./);
    });

    it('from a reader: ignored after the permission check, no reply', async () => {
      const probot = await newProbot();
      const scope = token(github());
      scope.get(`${REPO}/collaborators/jane/permission`).reply(200, { permission: 'read', user: { login: 'jane' } });
      await receive(probot, issueComment('/fargate-warden rescan'));
      assertAllDone(scope);
    });

    it('from a bot, or any other comment: no request at all', async () => {
      const probot = await newProbot();
      const scope = github();
      await receive(probot, issueComment('/fargate-warden rescan', { login: 'renovate[bot]', type: 'Bot' }));
      await receive(probot, issueComment('Looks good to me'));
      assertAllDone(scope);
    });
  });

  describe('pull_request.closed', () => {
    const body = `Fix.\n\n${renderFixMarker({ group: 'fw201', fingerprint: '0123456789abcdef', files: [TEMPLATE_PATH] })}`;

    it('merged: deletes the branch', async () => {
      const probot = await newProbot();
      const scope = token(github());
      scope.get(`${REPO}/git/ref/${ENC_FW201}`).reply(200, { object: { sha: COMMIT1 } });
      scope.delete(`${REPO}/git/refs/${ENC_FW201}`).reply(204);
      await receive(probot, pullRequestClosed({ merged: true, headRef: FW201, headSha: COMMIT1, body }));
      assertAllDone(scope);
    });

    it('merged, branch already deleted by GitHub: fine', async () => {
      const probot = await newProbot();
      const scope = token(github());
      scope.get(`${REPO}/git/ref/${ENC_FW201}`).reply(404, { message: 'Not Found' });
      await receive(probot, pullRequestClosed({ merged: true, headRef: FW201, headSha: COMMIT1, body }));
      assertAllDone(scope);

      // Deleted between the look and the delete: fine too.
      const again = github();
      again.get(`${REPO}/git/ref/${ENC_FW201}`).reply(200, { object: { sha: COMMIT1 } });
      again.delete(`${REPO}/git/refs/${ENC_FW201}`).reply(422, { message: 'Reference does not exist' });
      await receive(probot, pullRequestClosed({ merged: true, headRef: FW201, headSha: COMMIT1, body }));
      assertAllDone(again);
    });

    it('a late or redelivered close of an older pull request keeps the branch a newer one uses', async () => {
      const probot = await newProbot();
      const newer = '8'.repeat(40);
      const scope = token(github());
      // #7 was closed long ago; the fix changed since and #9 lives on the same branch, at `newer`.
      scope.get(`${REPO}/git/ref/${ENC_FW201}`).times(2).reply(200, { object: { sha: newer } });
      await receive(probot, pullRequestClosed({ merged: false, headRef: FW201, headSha: COMMIT1, body }));
      await receive(probot, pullRequestClosed({ merged: true, headRef: FW201, headSha: COMMIT1, body }));
      assertAllDone(scope);
    });

    it('closed without merging, branch still the App\'s commit: deletes it', async () => {
      const probot = await newProbot();
      const scope = token(github());
      scope.get(`${REPO}/git/ref/${ENC_FW201}`).reply(200, { object: { sha: COMMIT1 } });
      scope.get(`${REPO}/git/commits/${COMMIT1}`).reply(200, commit(COMMIT1, HEAD1, commitMessageFor('fw201', '0123456789abcdef')));
      scope.delete(`${REPO}/git/refs/${ENC_FW201}`).reply(204);
      await receive(probot, pullRequestClosed({ merged: false, headRef: FW201, headSha: COMMIT1, body }));
      assertAllDone(scope);
    });

    it('closed without merging, a person committed to it: the branch is kept', async () => {
      const probot = await newProbot();
      const scope = token(github());
      const human = '9'.repeat(40);
      scope.get(`${REPO}/git/ref/${ENC_FW201}`).reply(200, { object: { sha: human } });
      scope.get(`${REPO}/git/commits/${human}`).reply(200, commit(human, COMMIT1, 'my change', { name: 'Jane', email: 'jane@example.com' }));
      await receive(probot, pullRequestClosed({ merged: false, headRef: FW201, headSha: human, body }));
      assertAllDone(scope);
    });

    it('closed by the App itself, or not a fargate-warden pull request: no request', async () => {
      const probot = await newProbot();
      const scope = github();
      const closedByApp = renderFixMarker({ group: 'fw201', fingerprint: '0123456789abcdef', files: [], closedBy: 'fargate-warden' });
      await receive(probot, pullRequestClosed({ merged: false, headRef: FW201, headSha: COMMIT1, body: closedByApp }));
      await receive(probot, pullRequestClosed({ merged: true, headRef: 'feature/x', headSha: COMMIT1, body }));
      await receive(probot, pullRequestClosed({ merged: true, headRef: FW201, headSha: COMMIT1, body: 'A person opened this from a branch named like ours.' }));
      assertAllDone(scope);
    });
  });

  describe('configuration file', () => {
    const broken = 'rules:\n  disable: [FW2O1]\napp:\n  groupBy: team\n';

    it('a broken config opens one issue and leaves pull requests alone; the same errors again write nothing', async () => {
      const probot = await newProbot();
      const scope = token(github());
      const files = [file('.github/fargate-warden.yml', broken, BLOB_CONFIG), ...publicFiles];
      reads(scope, { head: HEAD1, tree: TREE1, files, templates: false });
      let issue: { title: string; body: string } | undefined;
      scope.post(`${REPO}/issues`).reply(
        201,
        withBody((b: { title: string; body: string }) => {
          issue = b;
          return { number: 12 };
        }),
      );
      await receive(probot, pushEvent());
      assertAllDone(scope);
      assert.equal(issue?.title, CONFIG_ISSUE_TITLE);
      assert.ok(issue?.body.includes(CONFIG_ISSUE_MARKER));
      assert.match(issue?.body ?? '', /fargate-warden\.yml:2`\]\(https:\/\/github\.com\/Codertocat\/Hello-World\/blob\/master\/\.github\/fargate-warden\.yml#L2\): rules\.disable\\: unknown rule ID/);
      assert.match(issue?.body ?? '', /#L4\): app\.groupBy must be one of rule, service/);

      const again = github();
      reads(again, { head: HEAD1, tree: TREE1, files, templates: false, issues: [{ number: 12, title: CONFIG_ISSUE_TITLE, body: issue?.body, user: APP_BOT }] });
      await receive(probot, pushEvent());
      assertAllDone(again);
    });

    it('the App\'s issue is found on any page of its own open issues (its fix pull requests fill the first): no second one', async () => {
      const probot = await newProbot();
      const files = [file('.github/fargate-warden.yml', broken, BLOB_CONFIG), ...publicFiles];
      const scope = token(github());
      let body = '';
      scope.post(`${REPO}/issues`).reply(
        201,
        withBody((b: { body: string }) => {
          body = b.body;
          return { number: 112 };
        }),
      );
      reads(scope, { head: HEAD1, tree: TREE1, files, templates: false });
      await receive(probot, pushEvent());
      assertAllDone(scope);

      // GitHub lists pull requests among issues: a hundred of the App's fix pull requests, then the issue.
      const fixPulls = Array.from({ length: 100 }, (_, i) => ({ number: i + 1, title: `Fix ${i}`, body: 'fix', user: APP_BOT, pull_request: { url: 'x' } }));
      const again = github();
      reads(again, { head: HEAD1, tree: TREE1, files, templates: false, issues: fixPulls });
      again
        .get(`${REPO}/issues`)
        .query({ state: 'open', creator: APP_LOGIN, per_page: '100', page: '2' })
        .reply(200, [{ number: 112, title: CONFIG_ISSUE_TITLE, body, user: APP_BOT }]);
      await receive(probot, pushEvent());
      assertAllDone(again);
    });

    it('the App asks GitHub for its login once (GET /app) and lists only its own open issues', async () => {
      const probot = await newProbot({ appLogin: undefined });
      const files = [file('.github/fargate-warden.yml', broken, BLOB_CONFIG), ...publicFiles];
      // Its body is out of date, so each push edits it: the edit shows the issue was found.
      const ours = { number: 12, title: CONFIG_ISSUE_TITLE, body: `${CONFIG_ISSUE_MARKER}\nold`, user: { login: 'fw-staging[bot]', type: 'Bot' } };
      const scope = token(github());
      scope.get('/app').reply(200, { id: 1, slug: 'fw-staging', name: 'fw staging' });
      reads(scope, { head: HEAD1, tree: TREE1, files, templates: false, issues: [ours], creator: 'fw-staging[bot]' });
      scope.patch(`${REPO}/issues/12`).reply(200, {});
      await receive(probot, pushEvent());
      assertAllDone(scope);

      const again = github();
      reads(again, { head: HEAD1, tree: TREE1, files, templates: false, issues: [ours], creator: 'fw-staging[bot]' });
      again.patch(`${REPO}/issues/12`).reply(200, {});
      await receive(probot, pushEvent());
      assertAllDone(again);
    });

    it('when GET /app fails, all open issues are looked through, and the next push asks again', async () => {
      const probot = await newProbot({ appLogin: undefined });
      const files = [file('.github/fargate-warden.yml', broken, BLOB_CONFIG), ...publicFiles];
      const ours = { number: 12, title: CONFIG_ISSUE_TITLE, body: `${CONFIG_ISSUE_MARKER}\nold`, user: APP_BOT };
      const scope = token(github());
      scope.get('/app').reply(404, { message: 'Not Found' });
      reads(scope, { head: HEAD1, tree: TREE1, files, templates: false, issues: [ours], creator: null });
      scope.patch(`${REPO}/issues/12`).reply(200, {});
      await receive(probot, pushEvent());
      assertAllDone(scope);

      const again = github();
      again.get('/app').reply(200, { id: 1, slug: 'fargate-warden', name: 'fargate-warden' });
      reads(again, { head: HEAD1, tree: TREE1, files, templates: false, issues: [ours], creator: 'fargate-warden[bot]' });
      again.patch(`${REPO}/issues/12`).reply(200, {});
      await receive(probot, pushEvent());
      assertAllDone(again);
    });

    it('a fixed config closes the issue with a comment and goes on to the pull requests', async () => {
      const probot = await newProbot();
      const scope = token(github());
      const files = [file('.github/fargate-warden.yml', 'failOn: high\n', BLOB_CONFIG), ...publicFiles];
      reads(scope, {
        head: HEAD1,
        tree: TREE1,
        files,
        issues: [
          { number: 12, title: CONFIG_ISSUE_TITLE, body: `${CONFIG_ISSUE_MARKER}\nold`, user: APP_BOT },
          { number: 3, title: 'unrelated', body: 'hello', user: { login: 'octocat', type: 'User' } },
          // A person's issue quoting the marker is never taken for the App's: not edited, not closed.
          { number: 4, title: 'about the config issue', body: `${CONFIG_ISSUE_MARKER}\nI copied this from #12`, user: { login: 'octocat', type: 'User' } },
        ],
      });
      scope.post(`${REPO}/issues/12/comments`).reply(201, { id: 1 });
      scope.patch(`${REPO}/issues/12`, { state: 'closed' }).reply(200, {});
      openPulls(scope, []);
      pullsForBranch(scope, FW201, []);
      expectCommit(scope, { blobs: ['5'.repeat(40)], tree: '6'.repeat(40), commit: COMMIT1 });
      scope.post(`${REPO}/git/refs`).reply(201, {});
      scope.post(`${REPO}/pulls`).reply(201, pull(7, FW201, COMMIT1, '', 'Fix FW201'));
      await receive(probot, pushEvent());
      assertAllDone(scope);
    });

    it('a repository with issues turned off (a fork, by default) still gets its fix pull requests', async () => {
      const probot = await newProbot();
      const scope = token(github());
      reads(scope, { head: HEAD1, tree: TREE1, files: publicFiles, issues: 'disabled' });
      openPulls(scope, []);
      pullsForBranch(scope, FW201, []);
      expectCommit(scope, { blobs: ['5'.repeat(40)], tree: '6'.repeat(40), commit: COMMIT1 });
      scope.post(`${REPO}/git/refs`).reply(201, {});
      scope.post(`${REPO}/pulls`).reply(201, pull(7, FW201, COMMIT1, '', 'Fix FW201'));
      await receive(probot, pushEvent());
      assertAllDone(scope);
    });

    it('a broken config with issues turned off: no issue, the push does not fail, the rescan reply lists the errors', async () => {
      const probot = await newProbot();
      const files = [file('.github/fargate-warden.yml', broken, BLOB_CONFIG), ...publicFiles];
      const scope = token(github());
      // The listing may answer 200 (no issues) and only the creation 410: the same outcome.
      reads(scope, { head: HEAD1, tree: TREE1, files, templates: false });
      scope.post(`${REPO}/issues`).reply(410, { message: 'Issues are disabled for this repo', status: '410' });
      await receive(probot, pushEvent());
      assertAllDone(scope);

      const again = github();
      again.get(`${REPO}/collaborators/jane/permission`).reply(200, { permission: 'admin', user: { login: 'jane' } });
      reads(again, { head: HEAD1, tree: TREE1, files, templates: false, issues: 'disabled' });
      const reply = expectComment(again);
      await receive(probot, issueComment('/fargate-warden rescan'));
      assertAllDone(again);
      assert.doesNotMatch(reply.body, /See the issue/);
      assert.match(reply.body, /Issues are turned off in this repository/);
      assert.match(reply.body, /`\.github\/fargate-warden\.yml:2`\]\(https:\/\/github\.com\/Codertocat\/Hello-World\/blob\/master\/\.github\/fargate-warden\.yml#L2\): rules\.disable\\: unknown rule ID/);
      assert.match(reply.body, /`\.github\/fargate-warden\.yml:4`\]\(.*#L4\): app\.groupBy must be one of rule, service/);
    });

    it('a truncated tree listing without the config file: the config is looked for in .github itself', async () => {
      const probot = await newProbot();
      const scope = token(github());
      const GITHUB_DIR = 'e'.repeat(40);
      const config = 'paths:\n  exclude: [infra/**]\n';
      scope.get(`${REPO}/git/ref/${encodeURIComponent('heads/master')}`).reply(200, { object: { sha: HEAD1 } });
      // GitHub cut the listing short before `.github/` (entries before it sort first; here, "-docs").
      scope
        .get(`${REPO}/git/trees/${HEAD1}`)
        .query({ recursive: 'true' })
        .reply(200, { sha: TREE1, truncated: true, tree: [{ path: '-docs/a.md', mode: '100644', type: 'blob', sha: 'f'.repeat(40), size: 10 }, { path: TEMPLATE_PATH, mode: '100644', type: 'blob', sha: BLOB_PUBLIC, size: PUBLIC_TEMPLATE.length }] });
      scope.get(`${REPO}/git/trees/${TREE1}`).reply(200, { sha: TREE1, truncated: false, tree: [{ path: '-docs', mode: '040000', type: 'tree', sha: 'd'.repeat(40) }, { path: '.github', mode: '040000', type: 'tree', sha: GITHUB_DIR }] });
      scope.get(`${REPO}/git/trees/${GITHUB_DIR}`).reply(200, { sha: GITHUB_DIR, truncated: false, tree: [{ path: 'fargate-warden.yml', mode: '100644', type: 'blob', sha: BLOB_CONFIG, size: config.length }] });
      scope.get(`${REPO}/git/blobs/${BLOB_CONFIG}`).reply(200, { sha: BLOB_CONFIG, encoding: 'base64', content: Buffer.from(config).toString('base64') });
      scope.get(`${REPO}/issues`).query({ state: 'open', creator: 'fargate-warden[bot]', per_page: '100', page: '1' }).reply(200, []);
      // infra/ is excluded by the config: the template is never downloaded, no pull request is opened.
      openPulls(scope, []);
      await receive(probot, pushEvent());
      assertAllDone(scope);
    });

    it('app.groupBy in the config file chooses how fixes are grouped; paths.exclude keeps files from being read', async () => {
      const seen: FixSourceInput[] = [];
      const probot = await newProbot({ fixSource: (input) => (seen.push(input), publicIpFixSource(input)) });
      const scope = token(github());
      const config = 'app:\n  groupBy: service\npaths:\n  exclude: [legacy/**]\n';
      const files = [file('.github/fargate-warden.yml', config, BLOB_CONFIG), ...publicFiles];
      // Excluded, not a template by name, or over the size cap: in the tree, never downloaded.
      const unread = [
        { path: 'legacy/old.yaml', size: 100 },
        { path: 'package.json', size: 100 },
        { path: 'node_modules/x/template.yaml', size: 100 },
        { path: 'infra/huge.json', size: 6 * 1024 * 1024 },
      ];
      reads(scope, { head: HEAD1, tree: TREE1, files, unread });
      openPulls(scope, []);
      pullsForBranch(scope, FW201, []);
      expectCommit(scope, { blobs: ['5'.repeat(40)], tree: '6'.repeat(40), commit: COMMIT1 });
      scope.post(`${REPO}/git/refs`).reply(201, {});
      scope.post(`${REPO}/pulls`).reply(201, pull(7, FW201, COMMIT1, '', 'Fix FW201'));
      await receive(probot, pushEvent());
      assertAllDone(scope);
      assert.equal(seen[0]?.groupBy, 'service');
      assert.deepEqual(seen[0]?.files.map((f) => f.path), [TEMPLATE_PATH]);
    });
  });
});
