import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import nock from 'nock';
import { annotateStep, run, type RunDeps } from '../../action/main.ts';
import { createGitHub } from '../../action/octokit.ts';
import { COMMENT_MARKER } from '../../src/shared/render/comment/comment.ts';
import { allRules } from '../../src/shared/rules/index.ts';
import type { Rule } from '../../src/shared/rules/types.ts';
import type { Finding } from '../../src/shared/model/index.ts';
import { ANNOTATIONS_PER_LEVEL, type ChangedLines } from '../../action/review.ts';
import { SUGGESTION_RETRIES } from '../../action/main.ts';
import { FakeCore } from './fixtures/core.ts';
import { ACTIONS_BOT, API, PR_NUMBER, REPO_PATH, ROOT, exportsRule, issueComment, git, lineCommentRule, makeRepo, pullFiles, pullRequestEvent, runnerEnv, withExportsBucketRule, writeConfig, type Author, type TestRepo } from './support.ts';

const FORBIDDEN = { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' };

function deps(core: FakeCore, env: Record<string, string>, extra: Partial<RunDeps> = {}): Partial<RunDeps> {
  return {
    core,
    env,
    cwd: env.GITHUB_WORKSPACE,
    github: (token, context) => createGitHub(token, context, { baseUrl: context.apiUrl, retryBaseMs: 1, throttle: false }),
    ...extra,
  };
}

type SarifUris = { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };

/** Every result location's URI: code scanning resolves each against the repository root. */
function sarifUris(sarif: SarifUris): string[] {
  return sarif.runs.flatMap((r) => r.results.flatMap((res) => res.locations.map((l) => l.physicalLocation.artifactLocation.uri)));
}

/** GitHub's answer to `{ viewer { login } }`: who the token acts as (the workflow token by default). */
function viewer(login: string = ACTIONS_BOT.login): nock.Scope {
  return nock(API)
    .post('/graphql', (b: { query: string }) => /viewer\s*\{\s*login\s*\}/.test(b.query))
    .reply(200, { data: { viewer: { login } } });
}

const MALLORY: Author = { login: 'mallory', id: 5_550_001, type: 'User' };
const OTHER_APP: Author = { login: 'other-reviewer[bot]', id: 5_550_002, type: 'Bot', app: { id: 5_550_003, slug: 'other-reviewer', name: 'Other reviewer' } };

describe('action run() on a pull request', () => {
  let repo: TestRepo;
  let quiet: TestRepo;

  before(() => {
    nock.disableNetConnect();
    repo = makeRepo();
    quiet = makeRepo({ headFrom: 'base' });
  });
  after(() => {
    repo.cleanup();
    quiet.cleanup();
    nock.enableNetConnect();
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    assert.deepEqual(pending, [], 'every expected GitHub request was made');
  });

  const github = () => nock(API);
  const prEnv = (r: TestRepo = repo, extra: Record<string, string> = {}) => runnerEnv(r, 'pull_request', pullRequestEvent(r), extra);
  /** The pull request's files and an empty comment list are read; posting the comment gets `status` and `body`. */
  const commentRefused = (status: number, body: object): nock.Scope => github()
    .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
    .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
    .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).reply(status, body);
  /** A run whose comment GitHub refuses with 403 and `body`: it does not fail, and warns. */
  const runWithCommentRefused = async (body: object): Promise<{ core: FakeCore; warning: string }> => {
    const scope = commentRefused(403, body);
    const core = new FakeCore({ suggestions: 'false' });
    await run(deps(core, prEnv()));
    assert.ok(scope.isDone());
    assert.deepEqual(core.failures, []);
    const warning = core.annotations.find((a) => a.level === 'warning' && a.message.includes('could not post the pull request comment'));
    assert.ok(warning, 'a warning says the comment could not be posted');
    return { core, warning: warning.message };
  };

  it('creates the sticky comment, annotates new findings and sets every output', async () => {
    let posted = '';
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [issueComment(1, 'Looks good to me')])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`, (body: { body: string }) => {
        posted = body.body;
        return true;
      })
      .reply(201, () => issueComment(42, posted));
    const core = new FakeCore();
    await run(deps(core, prEnv()));

    assert.ok(scope.isDone());
    assert.deepEqual(core.failures, []);
    assert.ok(posted.startsWith(COMMENT_MARKER), 'the comment starts with its marker');
    assert.match(posted, /Broadening|Mixed/);
    assert.match(posted, new RegExp(`\\]\\(https://github\\.com/acme/orders/blob/${repo.head}/infra/api-service\\.yaml#L\\d+\\)`), 'head lines link to the head commit');
    assert.match(posted, new RegExp(`\\]\\(https://github\\.com/acme/orders/blob/${repo.base}/infra/api-service\\.yaml#L\\d+\\)`), 'removed and resolved lines link to the base commit');
    assert.equal(core.outputs.get('comment-url'), `https://github.com/acme/orders/pull/${PR_NUMBER}#issuecomment-42`);
    assert.match(core.outputs.get('verdict') ?? '', /^(broadening|mixed)$/);
    assert.ok(Number(core.outputs.get('new-findings')) > 0);
    assert.deepEqual(
      [...new Set(core.inputsRead)].sort(),
      ['cdk-out', 'comment', 'comment-key', 'config', 'delete-if-unchanged', 'fail-on', 'github-token', 'paths', 'sarif-file', 'suggestions'],
    );
    assert.deepEqual(core.secrets, ['test-token']);
    const fw103 = core.annotations.find((a) => a.properties?.title?.startsWith('fargate-warden FW103'));
    assert.equal(fw103?.level, 'error');
    assert.equal(fw103?.properties?.file, 'infra/api-service.yaml');
    assert.ok((fw103?.properties?.startLine ?? 0) > 0);
    assert.equal(core.summaries.length, 1);
    assert.match(core.summaries[0], /Pull request comment\]\(https:\/\/github\.com\/acme\/orders\/pull\/7#issuecomment-42\)/);
    assert.match(core.log, /the checkout is the pull request head/);
    assert.ok(!core.log.includes('test-token'), 'the token is never logged');
  });

  it('updates its own comment in place, leaves others (also a person\'s that starts with the marker), and removes duplicates: exactly one remains', async () => {
    let patched = '';
    const forged = issueComment(3, `${COMMENT_MARKER}\nlooks like the report`, MALLORY);
    const who = viewer();
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true)
      .reply(200, [issueComment(1, `> ${COMMENT_MARKER}\n> quoted by a person`), forged, issueComment(5, `${COMMENT_MARKER}\nold report`), issueComment(9, `${COMMENT_MARKER}\nduplicate`)])
      .patch(`${REPO_PATH}/issues/comments/5`, (body: { body: string }) => {
        patched = body.body;
        return true;
      })
      .reply(200, () => issueComment(5, patched))
      .delete(`${REPO_PATH}/issues/comments/9`).reply(204);
    const core = new FakeCore();
    await run(deps(core, prEnv()));
    assert.ok(scope.isDone());
    assert.deepEqual(core.failures, []);
    assert.ok(patched.startsWith(COMMENT_MARKER));
    assert.equal(core.outputs.get('comment-url'), `https://github.com/acme/orders/pull/${PR_NUMBER}#issuecomment-5`);
    assert.ok(who.isDone());
    assert.match(core.log, /comment: updated .*1 earlier comment\(s\) deleted/);
  });

  it('with comment-key, keeps its own comment beside the unkeyed one and another key\'s: each step of a matrix has one', async () => {
    viewer();
    let patched = '';
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true)
      .reply(200, [
        issueComment(2, `${COMMENT_MARKER}\nthe unkeyed report`),
        issueComment(3, `${COMMENT_MARKER}\n<!-- fargate-warden:comment-key stacks/payments -->\npayments report`),
        issueComment(4, `${COMMENT_MARKER}\n<!-- fargate-warden:comment-key stacks/orders -->\nold orders report`),
        issueComment(6, `${COMMENT_MARKER}\n<!-- fargate-warden:comment-key stacks/orders -->\nduplicate orders report`),
      ])
      .patch(`${REPO_PATH}/issues/comments/4`, (body: { body: string }) => ((patched = body.body), true))
      .reply(200, () => issueComment(4, patched))
      .delete(`${REPO_PATH}/issues/comments/6`).reply(204);
    const core = new FakeCore({ suggestions: 'false', 'comment-key': 'stacks/orders' });
    await run(deps(core, prEnv()));
    assert.ok(scope.isDone(), 'only the comments with its key are edited or deleted');
    assert.deepEqual(core.failures, []);
    assert.deepEqual(patched.split('\n').slice(0, 2), [COMMENT_MARKER, '<!-- fargate-warden:comment-key stacks/orders -->'], 'the marker first, then the key');
    assert.match(patched, /^### fargate-warden for .* \\\(stacks\/orders\\\): /m, 'the title names the key (escaped)');
    nock.cleanAll();

    const unkeyed = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true)
      .reply(200, [issueComment(3, `${COMMENT_MARKER}\n<!-- fargate-warden:comment-key stacks/payments -->\npayments report`)])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`, (body: { body: string }) => ((patched = body.body), true))
      .reply(201, () => issueComment(9, patched));
    await run(deps(new FakeCore({ suggestions: 'false' }), prEnv()));
    assert.ok(unkeyed.isDone(), 'a step without a key leaves keyed comments alone');
    assert.doesNotMatch(patched, /comment-key/);
  });

  it('an invalid comment-key is an input error that says what a key may hold', async () => {
    const core = new FakeCore({ 'comment-key': 'orders -->' });
    await run(deps(core, prEnv()));
    assert.match(core.failures.join('\n'), /comment-key must be 1 to 100 letters, digits/);
  });

  it('finds its comment on a later page of a long conversation: updates it, creates none', async () => {
    const people = Array.from({ length: 100 }, (_, i) => issueComment(100 + i, `comment ${i}`, { login: `dev${i}`, id: 1000 + i, type: 'User' }));
    const next = `<${API}${REPO_PATH}/issues/${PR_NUMBER}/comments?per_page=100&page=2>; rel="next", <${API}${REPO_PATH}/issues/${PR_NUMBER}/comments?per_page=100&page=2>; rel="last"`;
    let patched = '';
    viewer();
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query({ per_page: '100' }).reply(200, people, { link: next })
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query({ per_page: '100', page: '2' }).reply(200, [issueComment(500, `${COMMENT_MARKER}\nold report`)])
      .patch(`${REPO_PATH}/issues/comments/500`, (body: { body: string }) => ((patched = body.body), true))
      .reply(200, () => issueComment(500, patched));
    const core = new FakeCore({ suggestions: 'false' });
    await run(deps(core, prEnv()));
    assert.ok(scope.isDone());
    assert.deepEqual(core.failures, []);
    assert.equal(core.outputs.get('comment-url'), `https://github.com/acme/orders/pull/${PR_NUMBER}#issuecomment-500`);
  });

  it('never edits, deletes or trusts a marked comment another identity wrote (another App, a person): updates its own, or creates one', async () => {
    const otherApp = (id: number) => issueComment(id, `${COMMENT_MARKER}\nanother installation's report`, OTHER_APP);
    const forged = issueComment(3, `${COMMENT_MARKER}\nlooks like the report`, MALLORY);
    let patched = '';
    viewer();
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true)
      .reply(200, [otherApp(2), forged, issueComment(5, `${COMMENT_MARKER}\nold report`), otherApp(7)])
      .patch(`${REPO_PATH}/issues/comments/5`, (body: { body: string }) => ((patched = body.body), true))
      .reply(200, () => issueComment(5, patched));
    const core = new FakeCore({ suggestions: 'false' });
    await run(deps(core, prEnv()));
    assert.ok(scope.isDone(), 'only the workflow token\'s own comment is edited; no other is edited or deleted (strict nock)');
    assert.deepEqual(core.failures, []);
    assert.ok(!core.annotations.some((a) => a.message.includes('comment')), 'no warning about the comment');
    assert.equal(core.outputs.get('comment-url'), `https://github.com/acme/orders/pull/${PR_NUMBER}#issuecomment-5`);
    assert.match(core.log, /comment: 3 marked comment\(s\) by another identity than github-actions\[bot\] left alone/);
    nock.cleanAll();

    // Only others' marked comments: not one request touches them (a token that may edit them, an
    // admin's, would overwrite someone else's words); a comment of our own is created.
    let posted = '';
    viewer();
    const alone = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [otherApp(2), forged])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`, (body: { body: string }) => ((posted = body.body), true))
      .reply(201, () => issueComment(11, posted));
    const second = new FakeCore({ suggestions: 'false' });
    await run(deps(second, prEnv()));
    assert.ok(alone.isDone());
    assert.match(second.log, /comment: created/);
    assert.equal(second.outputs.get('comment-url'), `https://github.com/acme/orders/pull/${PR_NUMBER}#issuecomment-11`);
    nock.cleanAll();

    // Another identity's comment that already holds this very report does not stand in for ours.
    let report = '';
    const probe = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`, (body: { body: string }) => ((report = body.body), true))
      .reply(201, () => issueComment(12, report));
    await run(deps(new FakeCore({ suggestions: 'false' }), prEnv()));
    assert.ok(probe.isDone());
    nock.cleanAll();
    let fresh = '';
    viewer();
    const same = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true)
      .reply(200, [{ ...otherApp(2), body: report }, { ...forged, body: report }])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`, (body: { body: string }) => ((fresh = body.body), true))
      .reply(201, () => issueComment(13, fresh));
    const third = new FakeCore({ suggestions: 'false' });
    await run(deps(third, prEnv()));
    assert.ok(same.isDone(), 'ours is posted');
    assert.equal(fresh, report);
    assert.equal(third.outputs.get('comment-url'), `https://github.com/acme/orders/pull/${PR_NUMBER}#issuecomment-13`);
  });

  it('with a GitHub App\'s token, edits the App\'s own comment and leaves the workflow token\'s; with a personal access token, edits the user\'s own', async () => {
    /** A run whose token acts as `login`: of `listed`, only comment `own` (by `author`) is edited, nothing else is touched. */
    const editsOnly = async (login: string, listed: ReturnType<typeof issueComment>[], own: number, author: Author, why: string): Promise<void> => {
      let patched = '';
      viewer(login);
      const scope = github()
        .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
        .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, listed)
        .patch(`${REPO_PATH}/issues/comments/${own}`, (body: { body: string }) => ((patched = body.body), true))
        .reply(200, () => issueComment(own, patched, author));
      const core = new FakeCore({ suggestions: 'false' });
      await run(deps(core, prEnv()));
      assert.ok(scope.isDone(), why);
      assert.deepEqual(core.failures, []);
      assert.equal(core.outputs.get('comment-url'), `https://github.com/acme/orders/pull/${PR_NUMBER}#issuecomment-${own}`);
      nock.cleanAll();
    };
    const app: Author = { login: 'fargate-warden-ci[bot]', id: 5_550_010, type: 'Bot', app: { id: 5_550_011, slug: 'fargate-warden-ci', name: 'fargate-warden CI' } };
    await editsOnly(app.login, [issueComment(4, `${COMMENT_MARKER}\nan earlier workflow's report`), issueComment(8, `${COMMENT_MARKER}\nthe App's report`, app)], 8, app, 'the App\'s comment is edited; github-actions[bot]\'s is neither edited nor deleted');
    // A personal access token acts as its user: the user's marked comment is the sticky one (each
    // run used to add another), someone else's is left alone.
    const octocat: Author = { login: 'OctoCat', id: 583231, type: 'User' };
    await editsOnly('octocat', [issueComment(3, `${COMMENT_MARKER}\nlooks like the report`, MALLORY), issueComment(6, `${COMMENT_MARKER}\nold report`, octocat)], 6, octocat, 'logins compare without case, as GitHub\'s do');
  });

  it('when GitHub cannot say who the token is, edits and deletes nothing and posts a new comment', async () => {
    let posted = '';
    const who = nock(API)
      .post('/graphql')
      .reply(200, { data: null, errors: [{ type: 'FORBIDDEN', path: ['viewer'], message: 'Resource not accessible by integration' }] });
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [issueComment(5, `${COMMENT_MARKER}\nold report`)])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`, (body: { body: string }) => ((posted = body.body), true))
      .reply(201, () => issueComment(14, posted));
    const core = new FakeCore({ suggestions: 'false' });
    await run(deps(core, prEnv()));
    assert.ok(who.isDone() && scope.isDone());
    assert.deepEqual(core.failures, []);
    assert.match(core.log, /comment: cannot tell which marked comments this token wrote \(.*Resource not accessible by integration.*\); editing and deleting none/);
    assert.equal(core.outputs.get('comment-url'), `https://github.com/acme/orders/pull/${PR_NUMBER}#issuecomment-14`);
  });

  it('writes nothing when the comment is already up to date', async () => {
    let body = '';
    github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`, (b: { body: string }) => ((body = b.body), true))
      .reply(201, () => issueComment(3, body));
    await run(deps(new FakeCore(), prEnv()));
    nock.cleanAll();

    viewer();
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [issueComment(3, body)]);
    const core = new FakeCore();
    await run(deps(core, prEnv()));
    assert.ok(scope.isDone());
    assert.match(core.log, /comment: up to date/);
    assert.equal(core.outputs.get('comment-url'), `https://github.com/acme/orders/pull/${PR_NUMBER}#issuecomment-3`);
  });

  it('comment: new posts a fresh comment every run; comment: off posts none', async () => {
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).times(2).reply(200, pullFiles(repo))
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).reply(201, issueComment(11, COMMENT_MARKER));
    const fresh = new FakeCore({ comment: 'new' });
    await run(deps(fresh, prEnv()));
    const off = new FakeCore({ comment: 'off' });
    await run(deps(off, prEnv()));
    assert.ok(scope.isDone());
    assert.equal(fresh.outputs.get('comment-url'), `https://github.com/acme/orders/pull/${PR_NUMBER}#issuecomment-11`);
    assert.equal(off.outputs.get('comment-url'), '');
    assert.match(off.log, /comment: skipped/);
  });

  it('delete-if-unchanged deletes the comment when nothing reviewed changed', async () => {
    viewer();
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(quiet))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [issueComment(5, `${COMMENT_MARKER}\nold report`)])
      .delete(`${REPO_PATH}/issues/comments/5`).reply(204);
    const core = new FakeCore({ 'delete-if-unchanged': 'true' });
    await run(deps(core, prEnv(quiet)));
    assert.ok(scope.isDone());
    assert.deepEqual(core.failures, []);
    assert.equal(core.outputs.get('verdict'), 'none');
    assert.equal(core.outputs.get('new-findings'), '0');
    assert.equal(core.outputs.get('comment-url'), '');
    assert.match(core.log, /comment: deleted/);
  });

  it('offers a one-line fix as a review suggestion on the changed line, once', async () => {
    const rules = [...allRules, exportsRule(repo)];
    let review: { commit_id: string; event: string; comments: { path: string; line: number; side: string; body: string }[] } | undefined;
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).reply(201, issueComment(42, COMMENT_MARKER))
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`, (body: NonNullable<typeof review>) => ((review = body), true))
      .reply(200, { id: 1 });
    const core = new FakeCore();
    await run(deps(core, prEnv(), { rules }));
    assert.ok(scope.isDone());
    assert.deepEqual(core.failures, []);
    assert.equal(review?.commit_id, repo.head);
    assert.equal(review?.event, 'COMMENT');
    assert.equal(review?.comments.length, 1);
    const [suggestion] = review?.comments ?? [];
    assert.equal(suggestion.path, 'infra/api-service.yaml');
    assert.equal(suggestion.side, 'RIGHT');
    const lines = readFileSync(join(repo.dir, 'infra/api-service.yaml'), 'utf8').split('\n');
    assert.equal(lines[suggestion.line - 1].trim(), "Resource: '*'");
    assert.match(suggestion.body, /```suggestion\n {16}Resource: arn:aws:s3:::orders-exports\/\*\n```/);

    // The next run finds its suggestion by marker and does not post it again.
    nock.cleanAll();
    viewer();
    const again = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [issueComment(42, COMMENT_MARKER)])
      .patch(`${REPO_PATH}/issues/comments/42`).reply(200, issueComment(42, COMMENT_MARKER))
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/comments`).query(true).reply(200, [{ id: 77, body: suggestion.body }]);
    const second = new FakeCore();
    await run(deps(second, prEnv(), { rules }));
    assert.ok(again.isDone());
    assert.match(second.log, /review suggestions: all 1 already posted/);
  });

  it('verifies fixes with the run\'s rules and config: a fix that introduces a finding is offered only when the config disables that rule', async () => {
    const rules = withExportsBucketRule([...allRules, exportsRule(repo)]);
    const reviews: unknown[] = [];
    const answers = (r: TestRepo, posted: boolean) => {
      const scope = github()
        .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(r))
        .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
        .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).reply(201, issueComment(42, COMMENT_MARKER));
      if (posted) {
        scope
          .get(`${REPO_PATH}/pulls/${PR_NUMBER}/comments`).query(true).reply(200, [])
          .post(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`, (body: unknown) => (reviews.push(body), true))
          .reply(200, { id: 1 });
      }
      return scope;
    };
    // Re-analysis finds FW109 (high) after the FWT01 (high) fix: the fix is dropped, nothing is offered.
    const dropped = answers(repo, false);
    const first = new FakeCore();
    await run(deps(first, prEnv(), { rules }));
    assert.ok(dropped.isDone());
    assert.deepEqual(first.failures, []);
    assert.doesNotMatch(first.log, /review suggestion/, 'no suggestion is planned: the fix would introduce FW109');
    assert.deepEqual(reviews, []);
    nock.cleanAll();

    // The repository's config disables FW109: the same fix is verified and offered.
    const r = makeRepo();
    try {
      writeConfig(r, 'rules:\n  disable: [FW109]\n');
      git(r.dir, ['add', '-A']);
      git(r.dir, ['commit', '-q', '-m', 'disable FW109']);
      r.head = git(r.dir, ['rev-parse', 'HEAD']);
      const offered = answers(r, true);
      const second = new FakeCore();
      await run(deps(second, prEnv(r), { rules: withExportsBucketRule([...allRules, exportsRule(r)]) }));
      assert.ok(offered.isDone(), second.log);
      assert.deepEqual(second.failures, []);
      assert.equal(reviews.length, 1);
      assert.match(JSON.stringify(reviews[0]), /orders-exports/);
    } finally {
      r.cleanup();
    }
  });

  it('offers no suggestion on a file that is not UTF-8: accepted, it would write U+FFFD over the file\'s own bytes', async () => {
    const latin1 = makeRepo();
    try {
      // Latin-1 "Café" ends the head's template: its é (E9) is no UTF-8, read as U+FFFD.
      const path = join(latin1.dir, 'infra/api-service.yaml');
      writeFileSync(path, Buffer.concat([readFileSync(path), Buffer.from('# Owner: Caf\u00e9 team\n', 'latin1')]));
      git(latin1.dir, ['commit', '-q', '-a', '-m', 'latin-1 comment']);
      const head = { ...latin1, head: git(latin1.dir, ['rev-parse', 'HEAD']) };
      const scope = github()
        .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(head))
        .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
        .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).reply(201, issueComment(42, COMMENT_MARKER));
      const core = new FakeCore();
      await run(deps(core, prEnv(head), { rules: [...allRules, exportsRule(head)] }));
      assert.ok(scope.isDone(), 'the comment, and no review');
      assert.deepEqual(core.failures, []);
      assert.match(core.log, /review suggestions: none on infra\/api-service\.yaml: it is not UTF-8 text, and accepting a suggestion could change its other bytes; save it as UTF-8 to get suggestions/);
      assert.doesNotMatch(core.log, /review suggestions (skipped|: posted)/, 'no review was tried');
      assert.notEqual(core.outputs.get('new-findings'), '0', 'the finding is still reported');
    } finally {
      latin1.cleanup();
    }
  });

  it('still posts its comment when review comments are forbidden (fork pull request, read-only inline comments)', async () => {
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).reply(201, issueComment(42, COMMENT_MARKER))
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`).reply(403, FORBIDDEN);
    const core = new FakeCore();
    const env = runnerEnv(repo, 'pull_request', pullRequestEvent(repo, { headRepo: 'someone/orders' }));
    await run(deps(core, env, { rules: [...allRules, exportsRule(repo)] }));
    assert.ok(scope.isDone());
    assert.deepEqual(core.failures, []);
    assert.equal(core.outputs.get('comment-url'), `https://github.com/acme/orders/pull/${PR_NUMBER}#issuecomment-42`);
    assert.match(core.log, /from fork someone\/orders/);
    assert.match(core.log, /review suggestions skipped: could not post review suggestions: GitHub answered 403 .*`pull-requests: write`/);
  });

  it('a review GitHub refuses (422: a line not in the diff) skips the suggestions and does not fail the run', async () => {
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).reply(201, issueComment(42, COMMENT_MARKER))
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`)
      .reply(422, { message: 'Unprocessable Entity', errors: ['Pull request review thread line must be part of the diff'], documentation_url: 'https://docs.github.com/rest', status: '422' });
    const core = new FakeCore();
    await run(deps(core, prEnv(), { rules: [...allRules, exportsRule(repo)] }));
    assert.ok(scope.isDone());
    assert.deepEqual(core.failures, []);
    assert.match(core.log, /review suggestions skipped: could not post review suggestions: GitHub answered 422/);
    assert.equal(core.outputs.get('comment-url'), `https://github.com/acme/orders/pull/${PR_NUMBER}#issuecomment-42`);
  });

  it('a review GitHub refuses with 422 is retried one suggestion at a time: those GitHub takes are posted, the others dropped with the reason, and the run does not fail', async () => {
    // GitHub refuses a whole review when one of its comments is on a line it does not take.
    const NOT_IN_DIFF = { message: 'Unprocessable Entity', errors: ['Pull request review thread line must be part of the diff'], documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request', status: '422' };
    const reviews: { commit_id: string; event: string; body: string; comments: { path: string; line: number; side: string; body: string }[] }[] = [];
    const record = (n: number, line?: number) => (body: (typeof reviews)[number]) => body.comments.length === n && (line === undefined || body.comments[0].line === line) && (reviews.push(body), true);
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).reply(201, issueComment(42, COMMENT_MARKER))
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`, record(2)).reply(422, NOT_IN_DIFF)
      .post(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`, record(1, 170)).reply(422, NOT_IN_DIFF)
      .post(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`, record(1, 173)).reply(200, { id: 2 });
    const core = new FakeCore();
    await run(deps(core, prEnv(), { rules: [...allRules, lineCommentRule(repo, [170, 173])] }));
    assert.ok(scope.isDone(), 'the review, then each suggestion on its own');
    assert.deepEqual(core.failures, []);
    assert.equal(reviews.length, 3);
    for (const r of reviews) {
      assert.equal(r.commit_id, repo.head);
      assert.equal(r.event, 'COMMENT');
      assert.ok(r.body.length > 0, 'a COMMENT review has a body');
    }
    assert.deepEqual(reviews.slice(1).map((r) => r.comments.map((c) => [c.path, c.line, c.side])).sort(), [[['infra/api-service.yaml', 170, 'RIGHT']], [['infra/api-service.yaml', 173, 'RIGHT']]]);
    assert.match(core.log, /GitHub refused the review of 2 suggestions .*422 \(Unprocessable Entity: "Pull request review thread line must be part of the diff"\)/);
    assert.match(core.log, /review suggestion dropped: infra\/api-service\.yaml:170: GitHub answered 422 \(Unprocessable Entity: "Pull request review thread line must be part of the diff"\)/);
    assert.match(core.log, /review suggestions: posted 1 of 2 one by one; 1 dropped/);
    assert.doesNotMatch(core.log, /test-token/);
    assert.equal(core.outputs.get('comment-url'), `https://github.com/acme/orders/pull/${PR_NUMBER}#issuecomment-42`);
  });

  it('retries at most SUGGESTION_RETRIES suggestions one by one, and stops at the first refusal that is no 422', async () => {
    const NOT_IN_DIFF = { message: 'Unprocessable Entity', errors: ['Pull request review thread line must be part of the diff'], documentation_url: 'https://docs.github.com/rest', status: '422' };
    const lines = [164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 211, 213, 214];
    assert.ok(lines.length > SUGGESTION_RETRIES);
    let single = 0;
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).reply(201, issueComment(42, COMMENT_MARKER))
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`, (b: { comments: unknown[] }) => b.comments.length === lines.length).reply(422, NOT_IN_DIFF)
      .post(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`, (b: { comments: unknown[] }) => b.comments.length === 1).times(SUGGESTION_RETRIES).reply(() => (single++, [422, NOT_IN_DIFF]));
    const core = new FakeCore();
    await run(deps(core, prEnv(), { rules: [...allRules, lineCommentRule(repo, lines)] }));
    assert.ok(scope.isDone());
    assert.deepEqual(core.failures, []);
    assert.equal(single, SUGGESTION_RETRIES, 'no more requests than the cap');
    assert.match(core.log, new RegExp(`review suggestions: posted 0 of ${lines.length} one by one; ${SUGGESTION_RETRIES} dropped, ${lines.length - SUGGESTION_RETRIES} not tried \\(at most ${SUGGESTION_RETRIES} are retried one by one\\)`));

    // A refusal that is no 422 (the token may not, the conversation is locked) refuses the rest too.
    nock.cleanAll();
    single = 0;
    viewer();
    const again = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [issueComment(42, COMMENT_MARKER)])
      .patch(`${REPO_PATH}/issues/comments/42`).reply(200, issueComment(42, COMMENT_MARKER))
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`, (b: { comments: unknown[] }) => b.comments.length === lines.length).reply(422, NOT_IN_DIFF)
      .post(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`, (b: { comments: unknown[] }) => b.comments.length === 1).reply(() => (single++, [403, FORBIDDEN]));
    const second = new FakeCore();
    await run(deps(second, prEnv(), { rules: [...allRules, lineCommentRule(repo, lines)] }));
    assert.ok(again.isDone());
    assert.deepEqual(second.failures, []);
    assert.equal(single, 1, 'one request, then no more');
    assert.match(second.log, /review suggestions: stopped: could not post review suggestions: GitHub answered 403/);
    assert.match(second.log, new RegExp(`review suggestions: posted 0 of ${lines.length} one by one; 0 dropped, ${lines.length} not tried`));
  });

  it('explains a read-only token on the issue comment instead of crashing or failing the job', async () => {
    const { core, warning } = await runWithCommentRefused(FORBIDDEN);
    assert.match(warning, /403 \(Resource not accessible by integration\)/);
    assert.match(warning, /`pull-requests: write`/);
    assert.match(warning, /permissions:/);
    assert.equal(core.outputs.get('comment-url'), '');
    assert.equal(core.summaries.length, 1, 'the job summary still has the report');
    // The summary says plainly that the comment is missing and why, then holds what it would have said.
    const [summary] = core.summaries;
    assert.match(summary.split('\n')[0], /The pull request comment could not be posted: GitHub answered 403 \(Resource not accessible by integration\)\..*`pull-requests: write`/);
    assert.match(summary, /### fargate-warden for main…/, 'the comment\'s content');
    assert.ok(summary.indexOf('could not be posted') < summary.indexOf('### fargate-warden'), 'the note comes first');
  });

  it('writes GitHub\'s message into the job summary as inert text, its own wording as markdown, and the log line as GitHub said it', async () => {
    const hostile = 'Nope <img src=x onerror=alert(1)> @org/team | pipe | `tick` **bold** [x](https://evil.example)';
    const scope = commentRefused(403, { ...FORBIDDEN, message: hostile });
    const core = new FakeCore({ suggestions: 'false' });
    await run(deps(core, prEnv()));
    assert.ok(scope.isDone());
    const note = core.summaries[0].split('\n')[0];
    assert.match(note, /^> \*\*The pull request comment could not be posted: GitHub answered 403 \(Nope /);
    assert.match(note, /\)\. The workflow token needs `pull-requests: write`: add it under `permissions:` in the workflow\./, 'our wording keeps its code spans');
    // Unescaped, each would be markup: a tag, a mention, a table cell, a code span, bold, a link.
    for (const live of [/<img/, /@org/, /(?<!\\)\| pipe/, /(?<!\\)`tick/, /(?<!\\)\*\*bold/, /(?<!\\)\[x/, /https:\/\//]) assert.doesNotMatch(note, live);
    assert.ok(note.includes('&lt;img src\\=x onerror\\=alert\\(1\\)&gt;') && note.includes('\\| pipe \\|') && note.includes('\\`tick\\`'), note);
    const warning = core.annotations.find((a) => a.level === 'warning');
    assert.ok(warning?.message.startsWith(`could not post the pull request comment: GitHub answered 403 (${hostile}). The workflow token needs \`pull-requests: write\``), warning?.message);
  });

  it('says a locked conversation is locked (403 "issue is locked"), not a missing permission, writes the job summary and does not fail', async () => {
    // GitHub's answer to a comment on a locked issue or pull request: only collaborators may write
    // there, and the workflow token is none.
    const LOCKED = { message: 'Unable to create comment because issue is locked.', documentation_url: 'https://docs.github.com/articles/locking-conversations/', status: '403' };
    const { core, warning } = await runWithCommentRefused(LOCKED);
    assert.match(warning, /403 \(Unable to create comment because issue is locked\.\)/);
    assert.match(warning, /conversation is locked/);
    assert.doesNotMatch(warning, /pull-requests: write|permissions:|fork/, 'not a permission or a fork matter');
    assert.equal(core.outputs.get('comment-url'), '');
    assert.equal(core.summaries.length, 1, 'the job summary still has the report');
    assert.match(core.summaries[0].split('\n')[0], /The pull request comment could not be posted: GitHub answered 403 \(Unable to create comment because issue is locked\.\): the pull request's conversation is locked/);
  });

  it('a locked conversation refuses editing the comment as it refuses creating one: one warning, no other comment posted, no review tried', async () => {
    // GitHub's 403 to PATCH …/issues/comments/{id} on a locked issue or pull request.
    const LOCKED_EDIT = { message: 'Unable to update comment because issue is locked.', documentation_url: 'https://docs.github.com/articles/locking-conversations/', status: '403' };
    viewer();
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [issueComment(5, `${COMMENT_MARKER}\nold report`), issueComment(9, `${COMMENT_MARKER}\nduplicate`)])
      .patch(`${REPO_PATH}/issues/comments/5`).reply(403, LOCKED_EDIT);
    const core = new FakeCore();
    // With a fix to offer: the review would be refused too, so none is tried.
    await run(deps(core, prEnv(), { rules: [...allRules, exportsRule(repo)] }));
    assert.ok(scope.isDone(), 'strict: no second edit, no new comment, no deletion, no review request');
    assert.deepEqual(core.failures, []);
    const warnings = core.annotations.filter((a) => a.level === 'warning' && a.properties?.title?.startsWith('fargate-warden ') !== true);
    assert.equal(warnings.length, 1, 'one warning besides the findings\' annotations');
    assert.match(warnings[0].message, /^could not post the pull request comment: GitHub answered 403 \(Unable to update comment because issue is locked\.\): the pull request's conversation is locked/);
    assert.doesNotMatch(warnings[0].message, /pull-requests: write|permissions:/);
    assert.match(core.log, /^review suggestions skipped: the pull request's conversation is locked$/m);
    assert.doesNotMatch(core.log, /No match|one by one/);
    assert.match(core.summaries[0].split('\n')[0], /The pull request comment could not be posted: GitHub answered 403 \(Unable to update comment because issue is locked\.\): the pull request's conversation is locked/);
  });

  it('a review refused because the conversation is locked (422 "lock prevents review") is not retried one suggestion at a time', async () => {
    // GitHub's 422 to POST …/pulls/{n}/reviews on a locked pull request, by a token that may not push.
    const LOCKED_REVIEW = { message: 'Unprocessable Entity', errors: ['lock prevents review'], documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request', status: '422' };
    const lines = [164, 165, 166];
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`, (b: { comments: unknown[] }) => b.comments.length === lines.length).reply(422, LOCKED_REVIEW);
    const core = new FakeCore({ comment: 'off' });
    await run(deps(core, prEnv(), { rules: [...allRules, lineCommentRule(repo, lines)] }));
    assert.ok(scope.isDone(), 'strict: one review request, no retries');
    assert.deepEqual(core.failures, []);
    const said = core.logs.filter((l) => l.startsWith('review suggestion'));
    assert.deepEqual(said.length, 1, said.join('\n'));
    assert.match(said[0], /^review suggestions skipped: could not post review suggestions: GitHub answered 422 \(Unprocessable Entity: "lock prevents review"\): the pull request's conversation is locked/);
    assert.doesNotMatch(said[0], /job summary has the full report|get the comment/, 'says what is missing: the suggestions');
  });

  it('fails on a token GitHub does not accept (401 Bad credentials: an expired or revoked github-token) instead of blaming permissions', async () => {
    const BAD = { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' };
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(401, BAD)
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(401, BAD);
    const core = new FakeCore({ suggestions: 'false' });
    await run(deps(core, prEnv()));
    assert.ok(scope.isDone());
    assert.equal(core.failures.length, 1);
    assert.match(core.failures[0], /could not post the pull request comment: GitHub answered 401 \(Bad credentials\)/);
    assert.match(core.failures[0], /`github-token`/);
    assert.doesNotMatch(core.failures[0], /forks|permissions:/, 'not a permission or a fork matter');
    assert.ok(!core.annotations.some((a) => a.level === 'warning' && a.message.includes('pull request comment')));
    assert.equal(core.summaries.length, 1, 'the job summary still has the report');
  });

  it('retries 5xx with backoff, then reports the failure', async () => {
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(502, { message: 'Bad Gateway' })
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).times(4).reply(502, { message: 'Bad Gateway' });
    const core = new FakeCore({ suggestions: 'false' });
    await run(deps(core, prEnv()));
    assert.ok(scope.isDone(), 'one retry of the files listing, and four attempts (three retries) of the comment');
    assert.equal(core.failures.length, 1);
    assert.match(core.failures[0], /could not post the pull request comment: GitHub answered 502 .*after retries with backoff; re-run the job/);
    assert.equal(core.outputs.get('comment-url'), '');
  });

  it('waits out a primary rate limit (throttling plugin) and goes on', async () => {
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true)
      .reply(403, { message: 'API rate limit exceeded for installation.' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) })
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).reply(201, issueComment(42, COMMENT_MARKER));
    const core = new FakeCore({ suggestions: 'false' });
    await run(deps(core, prEnv(), { github: (token, context) => createGitHub(token, context, { baseUrl: context.apiUrl, retryBaseMs: 1, log: (m) => core.info(m) }) }));
    assert.ok(scope.isDone());
    assert.deepEqual(core.failures, []);
    assert.match(core.log, /rate limit reached for GET .*retrying/);
  });

  it('fails on new findings at or above fail-on, from the input or the config file', async () => {
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).times(2).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).times(2).reply(200, [])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).times(2).reply(201, issueComment(42, COMMENT_MARKER));
    const byInput = new FakeCore({ 'fail-on': 'high', suggestions: 'false' });
    await run(deps(byInput, prEnv()));
    assert.equal(byInput.failures.length, 1);
    assert.match(byInput.failures[0], /^\d+ new finding\(s\) at or above fail-on: high \(.*high/);

    writeConfig(repo, 'failOn: medium\n');
    try {
      const byConfig = new FakeCore({ suggestions: 'false' });
      await run(deps(byConfig, prEnv()));
      assert.match(byConfig.failures.join('\n'), /at or above fail-on: medium/);
      assert.match(byConfig.log, /config: \.github\/fargate-warden\.yml/);
    } finally {
      rmSync(join(repo.dir, '.github'), { recursive: true, force: true });
    }
    assert.ok(scope.isDone());
  });

  it('does not follow a config file or a named path the pull request made a symbolic link (to the token actions/checkout keeps in .git/config)', async () => {
    const secret = Buffer.from('x-access-token:ghs_checkoutTokenThatMustNotLeak').toString('base64');
    git(repo.dir, ['config', 'http.https://github.com/.extraheader', `AUTHORIZATION: basic ${secret}`]);
    mkdirSync(join(repo.dir, '.github'), { recursive: true });
    symlinkSync('../.git/config', join(repo.dir, '.github/fargate-warden.yml'));
    symlinkSync('.git', join(repo.dir, 'linked'));
    let posted = '';
    try {
      const scope = github()
        .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
        .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
        .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`, (body: { body: string }) => {
          posted = body.body;
          return true;
        })
        .reply(201, issueComment(42, COMMENT_MARKER));
      const core = new FakeCore({ paths: 'infra\nlinked/config', suggestions: 'false' });
      await run(deps(core, prEnv()));
      assert.ok(scope.isDone());
      const everything = [posted, core.log, ...core.summaries, ...core.failures].join('\n').replace(/\\/g, '');
      assert.ok(!everything.includes(secret), 'the credential appears nowhere');
      const plain = posted.replace(/\\/g, '');
      assert.match(plain, /\.github\/fargate-warden\.yml is a symbolic link or lies outside the repository/);
      assert.match(plain, /linked is a symbolic link or lies outside the repository/);
      assert.match(plain, /`orders-api` gains 3 permissions/, 'the rest is still analyzed');
    } finally {
      rmSync(join(repo.dir, '.github'), { recursive: true, force: true });
      rmSync(join(repo.dir, 'linked'), { force: true });
      git(repo.dir, ['config', '--unset', 'http.https://github.com/.extraheader']);
    }
  });

  it('lists a suppression the pull request adds to the config file as newly suppressed, with its reason', async () => {
    const r = makeRepo({ headFrom: 'base' });
    try {
      writeConfig(r, 'suppressions:\n  - rule: FW201\n    resource: ApiService\n    reason: accepted until the move, SEC-7\n');
      git(r.dir, ['add', '-A']);
      git(r.dir, ['commit', '-q', '-m', 'suppress FW201']);
      r.head = git(r.dir, ['rev-parse', 'HEAD']);
      let posted = '';
      const scope = github()
        .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(r))
        .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
        .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`, (body: { body: string }) => ((posted = body.body), true))
        .reply(201, () => issueComment(42, posted));
      await run(deps(new FakeCore({ suggestions: 'false' }), prEnv(r)));
      assert.ok(scope.isDone());
      const plain = posted.replace(/\\/g, '');
      assert.match(plain, /Suppressed by this change \(not fixed: head still finds them\)/);
      assert.match(plain, /FW201.*Suppressed \(in the config file\): accepted until the move, SEC-7/);
    } finally {
      r.cleanup();
    }
  });

  it('reads base first and head after it under one input budget (base half of it, head what base left), from git and from two cdk-out directories', async () => {
    // examples/base: api-service.yaml 5988 bytes, network.yaml 2370; examples/head: 6372 and 6689.
    // Base's half (7000) holds its api-service.yaml only; head's api-service.yaml fits in what
    // base left, its network.yaml does not. Each side alone would have read everything.
    const maxTotalBytes = 14_000;
    const refusedOnBase = /^not analyzed: base's templates read before it already reach .*, the half of the .* one diff reads \(both sides together\) that base may use/;
    const refusedOnHead = /^not analyzed: the templates read before it, base's and head's together, already reach the .* one diff reads/;
    cpSync(join(ROOT, 'examples/base'), join(repo.dir, 'out.base'), { recursive: true });
    cpSync(join(ROOT, 'examples/head'), join(repo.dir, 'out.head'), { recursive: true });
    try {
      for (const [inputs, dirs] of [[{ paths: 'infra' }, ['infra', 'infra']], [{ 'cdk-out': 'base=out.base,head=out.head' }, ['out.base', 'out.head']]] as const) {
        let posted = '';
        const scope = github()
          .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
          .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
          .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`, (body: { body: string }) => ((posted = body.body), true))
          .reply(201, () => issueComment(42, posted));
        const core = new FakeCore({ ...inputs, suggestions: 'false' });
        await run(deps(core, prEnv(), { maxTotalBytes }));
        assert.ok(scope.isDone());
        const plain = posted.replace(/\\/g, '');
        const errors = [...plain.matchAll(/^> - (base|head): (.+?) — (.*)$/gm)].map((m) => [m[1], m[2], m[3]]);
        assert.deepEqual(errors.map(([side, file]) => [side, file]), [['base', `${dirs[0]}/network.yaml:1`], ['head', `${dirs[1]}/network.yaml:1`]], JSON.stringify(inputs));
        assert.match(errors[0][2], refusedOnBase);
        assert.match(errors[1][2], refusedOnHead);
        assert.equal(core.failures.length, 1, "head's input error fails the step");
        assert.match(core.failures[0], /1 input error\(s\): .*network\.yaml:1: not analyzed: the templates read before it, base's and head's together/);
        assert.match(plain, /`orders-api`/, 'what both sides read is still compared');
        nock.cleanAll();
      }
    } finally {
      rmSync(join(repo.dir, 'out.base'), { recursive: true, force: true });
      rmSync(join(repo.dir, 'out.head'), { recursive: true, force: true });
    }
  });

  it("reports a config file that does not parse at the base commit as base's input error instead of dropping it", async () => {
    const r = makeRepo({ headFrom: 'base' });
    try {
      const broken = 'suppressions:\n  - rule: FW201\n    resource: ApiService\n    reason: accepted SEC-9\n  - [broken\n';
      writeConfig(r, broken);
      git(r.dir, ['add', '-A']);
      git(r.dir, ['commit', '-q', '-m', 'base, with a typo in the config']);
      r.base = git(r.dir, ['rev-parse', 'HEAD']);
      writeConfig(r, broken.replace('  - [broken\n', ''));
      git(r.dir, ['commit', '-q', '-am', 'fix the config']);
      r.head = git(r.dir, ['rev-parse', 'HEAD']);
      let posted = '';
      const scope = github()
        .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(r))
        .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
        .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`, (body: { body: string }) => ((posted = body.body), true))
        .reply(201, () => issueComment(42, posted));
      const core = new FakeCore({ suggestions: 'false' });
      await run(deps(core, prEnv(r)));
      assert.ok(scope.isDone());
      const plain = posted.replace(/\\/g, '');
      const errors = [...plain.matchAll(/^> - (base|head): (.+?) — (.*)$/gm)].map((m) => [m[1], m[2], m[3]]);
      assert.deepEqual(errors.map(([side, file]) => [side, file]), [['base', `.github/fargate-warden.yml at ${r.base}:6`]]);
      assert.match(errors[0][2], /^invalid YAML: /);
      assert.match(core.log, new RegExp(`^base: \\.github/fargate-warden\\.yml at ${r.base}:6: invalid YAML`, 'm'));
      assert.deepEqual(core.failures, [], "base's input errors are in the comment; head's config is fine");
    } finally {
      r.cleanup();
    }
  });

  it('makes a template replaced by a file that is no template an input error of the side that lost it, so its services are not compared rather than removed or added', async () => {
    const binary = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0x00]);
    const r = makeRepo({ headFrom: 'base' });
    try {
      const template = readFileSync(join(r.dir, 'infra/api-service.yaml'));
      const review = async (inputs: Record<string, string> = {}): Promise<{ core: FakeCore; plain: string; errors: string[][] }> => {
        let posted = '';
        const scope = github()
          .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(r))
          .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
          .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`, (body: { body: string }) => ((posted = body.body), true))
          .reply(201, () => issueComment(42, posted));
        const core = new FakeCore({ ...inputs, suggestions: 'false' });
        await run(deps(core, prEnv(r)));
        assert.ok(scope.isDone());
        const plain = posted.replace(/\\/g, '');
        return { core, plain, errors: [...plain.matchAll(/^> - (base|head): (.+?) — (.*)$/gm)].map((m) => [m[1], m[2], m[3]]) };
      };

      // Head (the work tree) overwrote the template with build output.
      writeFileSync(join(r.dir, 'infra/api-service.yaml'), binary);
      const head = await review();
      assert.deepEqual(head.errors.map(([side, file]) => [side, file]), [['head', 'infra/api-service.yaml:1']]);
      assert.match(head.errors[0][2], new RegExp(`^a binary file \\(it contains NUL bytes\\), where base \\(${r.base.slice(0, 12)}\\) has a CloudFormation template: what the template declared is not compared \\(not counted as removed\\)`));
      assert.match(head.plain, /`orders-api` was not compared: infra\/api-service\.yaml could not be read on head/);
      assert.notEqual(head.core.outputs.get('verdict'), 'narrowing', 'its permissions and findings are not taken away');
      assert.match(head.core.failures.join('\n'), /1 input error\(s\): infra\/api-service\.yaml:1: a binary file/, "head's input error fails the step");

      // The other way round: base (read from git) held the binary, head restores the template.
      git(r.dir, ['commit', '-q', '-am', 'overwritten']);
      r.base = git(r.dir, ['rev-parse', 'HEAD']);
      writeFileSync(join(r.dir, 'infra/api-service.yaml'), template);
      git(r.dir, ['commit', '-q', '-am', 'restored']);
      r.head = git(r.dir, ['rev-parse', 'HEAD']);
      const base = await review();
      assert.deepEqual(base.errors.map(([side, file]) => [side, file]), [['base', 'infra/api-service.yaml:1']]);
      assert.match(base.errors[0][2], /^a binary file \(it contains NUL bytes\), where head \(work tree\) has a CloudFormation template: what head's template declares is not compared \(its services not counted as added; its findings still count as new/);
      assert.match(base.plain, /`orders-api` was not compared: infra\/api-service\.yaml could not be read on base/);
      assert.deepEqual(base.core.failures, []);

      // Two cdk-out directories: paths compare below each one.
      cpSync(join(r.dir, 'infra'), join(r.dir, 'out.base'), { recursive: true });
      cpSync(join(r.dir, 'infra'), join(r.dir, 'out.head'), { recursive: true });
      writeFileSync(join(r.dir, 'out.head/api-service.yaml'), binary);
      const cdk = await review({ 'cdk-out': 'base=out.base,head=out.head' });
      assert.deepEqual(cdk.errors.map(([side, file]) => [side, file]), [['head', 'out.head/api-service.yaml:1']]);
      assert.match(cdk.errors[0][2], /^a binary file \(it contains NUL bytes\), where base \(out\.base\) has a CloudFormation template: /);
    } finally {
      r.cleanup();
    }
  });

  it('keeps every annotation of the step within GitHub\'s 10 per level: input errors and the failure are shown, findings fill what is left', async () => {
    // Twelve high findings the pull request introduces, a template of the head that does not parse,
    // fail-on high and a read-only token: without a shared budget the findings took all ten error
    // slots and GitHub dropped the input error and the failure (setFailed is an error annotation).
    const base = exportsRule(repo);
    const many: Rule = {
      ...base,
      check(input, report) {
        base.check(input, (r) => {
          for (let line = 1; line <= 12; line++) report({ ...r, line, fix: undefined });
        });
      },
    };
    writeFileSync(join(repo.dir, 'infra/broken.json'), '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"A": ');
    try {
      const scope = commentRefused(403, FORBIDDEN);
      const core = new FakeCore({ 'fail-on': 'high', suggestions: 'false' });
      await run(deps(core, prEnv(), { rules: [...allRules, many] }));
      assert.ok(scope.isDone());
      assert.equal(core.failures.length, 1);
      const count = (level: string) => core.annotations.filter((a) => a.level === level).length;
      assert.ok(count('error') + core.failures.length <= ANNOTATIONS_PER_LEVEL, `${count('error')} error annotations and the failure`);
      assert.ok(count('warning') <= ANNOTATIONS_PER_LEVEL);
      assert.ok(core.annotations.some((a) => a.level === 'error' && a.properties?.file === 'infra/broken.json'), 'the input error is annotated');
      assert.ok(core.annotations.some((a) => a.level === 'warning' && a.message.includes('could not post the pull request comment')), 'the missing permission is annotated');
      assert.ok(core.annotations.some((a) => a.properties?.title?.startsWith('fargate-warden FWT01')), 'findings fill the rest');
      assert.match(core.log, /finding\(s\) above are not annotated/);
    } finally {
      rmSync(join(repo.dir, 'infra/broken.json'), { force: true });
    }
  });

  /**
   * actions/checkout's default on pull_request, the merge commit, where the base branch added four
   * lines above the head's `'*'` of order-exports: GitHub shows annotations and review comments on
   * the head commit, where those lines are not. With `unchanged`, both branches also add
   * infra/queues.yaml, the same on both sides: no finding or link is in it.
   */
  function withMergeCheckout(test: (merge: { pr: TestRepo; headLine: number }) => Promise<void>, options: { unchanged?: string } = {}): () => Promise<void> {
    return async () => {
      const merged = mkdtempSync(join(tmpdir(), 'fw-merge-lines-'));
      try {
        git(merged, ['clone', '-q', repo.dir, '.']);
        git(merged, ['config', 'user.email', 't@example.com']);
        git(merged, ['config', 'user.name', 'T']);
        const addUnchanged = (): void => {
          if (options.unchanged === undefined) return;
          writeFileSync(join(merged, 'infra/queues.yaml'), options.unchanged);
          git(merged, ['add', 'infra/queues.yaml']);
        };
        let head = repo.head;
        if (options.unchanged !== undefined) {
          git(merged, ['checkout', '-q', '-b', 'head-with-queues', repo.head]);
          addUnchanged();
          git(merged, ['commit', '-q', '-m', 'queues']);
          head = git(merged, ['rev-parse', 'HEAD']);
        }
        git(merged, ['checkout', '-q', '-b', 'main-moved', repo.base]);
        const file = join(merged, 'infra/api-service.yaml');
        writeFileSync(file, readFileSync(file, 'utf8').replace('\nResources:\n', '\n  LogRetentionDays:\n    Type: Number\n    Default: 30\n\nResources:\n'));
        addUnchanged();
        git(merged, ['commit', '-q', '-am', 'base moves on: a parameter']);
        const baseTip = git(merged, ['rev-parse', 'HEAD']);
        git(merged, ['merge', '-q', '--no-ff', '-m', 'Merge head into base', head]);
        const lineOf = (text: string) => text.slice(0, text.indexOf("'*'", text.indexOf('order-exports'))).split('\n').length;
        const headLine = lineOf(readFileSync(join(repo.dir, 'infra/api-service.yaml'), 'utf8'));
        assert.equal(lineOf(readFileSync(file, 'utf8')), headLine + 4, 'the merge checkout numbers the line four lower');
        await test({ pr: { ...repo, dir: merged, base: baseTip, head }, headLine });
      } finally {
        rmSync(merged, { recursive: true, force: true });
      }
    };
  }

  /** What the templates under infra/ take of the budget (characters) at a commit. */
  const templateChars = (pr: TestRepo, commit: string): number =>
    git(pr.dir, ['ls-tree', '--name-only', commit, 'infra/']).split('\n').reduce((n, path) => n + git(pr.dir, ['show', `${commit}:${path}`]).length + 1, 0);

  it('annotates, suggests and links on the head commit\'s lines when the merge checkout numbers them otherwise (the base branch changed the file too)', withMergeCheckout(async ({ pr, headLine }) => {
    let review: { comments: { path: string; line: number; body: string }[] } | undefined;
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`, (body: { body: string }) => ((posted = body.body), true))
      .reply(201, issueComment(42, COMMENT_MARKER))
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`, (body: NonNullable<typeof review>) => ((review = body), true))
      .reply(200, { id: 1 });
    let posted = '';
    const core = new FakeCore();
    await run(deps(core, runnerEnv(pr, 'pull_request', pullRequestEvent(pr)), { rules: [...allRules, exportsRule(pr)] }));
    assert.match(core.log, /the checkout is the merge of the pull request into its base/);
    const annotation = core.annotations.find((a) => a.properties?.title?.startsWith('fargate-warden FWT01'));
    assert.equal(annotation?.properties?.startLine, headLine, 'the annotation is on the head commit\'s line');
    assert.ok(scope.isDone(), 'the suggestion is posted');
    assert.deepEqual(review?.comments.map((c) => [c.path, c.line]), [['infra/api-service.yaml', headLine]]);
    const listed = posted.split('\n').find((l) => l.includes('FWT01'));
    assert.ok(listed?.includes(`/blob/${repo.head}/infra/api-service.yaml#L${headLine})`), `the comment links the head commit's line: ${listed}`);
  }));

  it('counts the head versions it reads for line numbers against the run\'s budget: past it, says so and keeps the merge checkout\'s lines', withMergeCheckout(async ({ pr, headLine }) => {
    // Both sides fit, with less to spare than the head's version of api-service.yaml takes.
    const baseChars = templateChars(pr, pr.base);
    const maxTotalBytes = baseChars + templateChars(pr, 'HEAD') + 100;
    assert.ok(baseChars <= maxTotalBytes / 2, 'base fits in its half');
    let posted = '';
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`, (body: { body: string }) => ((posted = body.body), true))
      .reply(201, issueComment(42, COMMENT_MARKER));
    const core = new FakeCore();
    await run(deps(core, runnerEnv(pr, 'pull_request', pullRequestEvent(pr)), { rules: [...allRules, exportsRule(pr)], maxTotalBytes }));
    assert.ok(scope.isDone());
    assert.deepEqual(core.failures, [], 'both sides were read in full');
    assert.match(core.log, /line numbers of 2 file\(s\) stay the merge checkout's: their versions at the head commit do not fit in the .* one run reads \(infra\/api-service\.yaml, infra\/network\.yaml\)/);
    const annotation = core.annotations.find((a) => a.properties?.title?.startsWith('fargate-warden FWT01'));
    assert.equal(annotation?.properties?.startLine, headLine + 4, 'the merge checkout\'s line');
    assert.ok(posted.split('\n').find((l) => l.includes('FWT01'))?.includes(`/blob/${repo.head}/infra/api-service.yaml#L${headLine + 4})`));
    assert.doesNotMatch(core.log, /review suggestions: posted/, 'no suggestion on a line the head numbers otherwise');
  }));

  it('reads for line numbers only the head versions of files an annotation, suggestion or link is in', withMergeCheckout(async ({ pr, headLine }) => {
    // Room for both sides and the head's versions of the two files the review points into, not
    // for queues.yaml too, which nothing points into.
    const baseChars = templateChars(pr, pr.base);
    const maxTotalBytes = baseChars + templateChars(pr, 'HEAD') + templateChars(pr, pr.head) - 20_000;
    assert.ok(baseChars <= maxTotalBytes / 2, 'base fits in its half');
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).reply(201, issueComment(42, COMMENT_MARKER))
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`).reply(200, { id: 1 });
    const core = new FakeCore();
    await run(deps(core, runnerEnv(pr, 'pull_request', pullRequestEvent(pr)), { rules: [...allRules, exportsRule(pr)], maxTotalBytes }));
    assert.ok(scope.isDone());
    assert.deepEqual(core.failures, []);
    assert.doesNotMatch(core.log, /stay the merge checkout's/);
    const annotation = core.annotations.find((a) => a.properties?.title?.startsWith('fargate-warden FWT01'));
    assert.equal(annotation?.properties?.startLine, headLine);
  }, { unchanged: `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Orders:\n    Type: AWS::SQS::Queue\n${'# padding\n'.repeat(2_500)}` }));

  it('on a pull request too, annotates, links, suggests and writes SARIF with paths from the repository root when the workspace is a subdirectory of it', async () => {
    const infra = join(repo.dir, 'infra');
    const { GITHUB_WORKSPACE: _root, ...env } = prEnv();
    let posted = '';
    let review: { comments: { path: string }[] } | undefined;
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`, (body: { body: string }) => ((posted = body.body), true))
      .reply(201, () => issueComment(42, posted))
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`, (body: NonNullable<typeof review>) => ((review = body), true))
      .reply(200, { id: 1 });
    const core = new FakeCore({ 'sarif-file': 'fargate-warden.sarif' });
    await run({ ...deps(core, env, { rules: [...allRules, exportsRule(repo, 'api-service.yaml')] }), cwd: infra });
    assert.ok(scope.isDone());
    assert.deepEqual(core.failures, []);
    assert.equal(core.annotations.find((a) => a.properties?.title?.startsWith('fargate-warden FW103'))?.properties?.file, 'infra/api-service.yaml');
    assert.deepEqual(review?.comments.map((c) => c.path), ['infra/api-service.yaml']);
    assert.match(posted, new RegExp(`\\]\\(https://github\\.com/acme/orders/blob/${repo.head}/infra/api-service\\.yaml#L\\d+\\)`));
    const sarif = JSON.parse(readFileSync(join(infra, 'fargate-warden.sarif'), 'utf8')) as SarifUris;
    const uris = sarifUris(sarif);
    assert.ok(uris.includes('infra/api-service.yaml'), uris.join(', '));
    assert.ok(uris.every((u) => u.startsWith('infra/')), uris.join(', '));
    rmSync(join(infra, 'fargate-warden.sarif'));
  });

  it('still annotates when the changed files cannot be listed, and offers no suggestions', async () => {
    const scope = github()
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(403, FORBIDDEN)
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).reply(201, issueComment(42, COMMENT_MARKER));
    const core = new FakeCore();
    await run(deps(core, prEnv(), { rules: [...allRules, exportsRule(repo)] }));
    assert.ok(scope.isDone());
    assert.deepEqual(core.failures, []);
    assert.ok(core.annotations.some((a) => a.properties?.title?.startsWith('fargate-warden FWT01')));
    assert.match(core.log, /`pull-requests: read`/);
  });
});

type Review = { comments: { path: string; line: number }[] };

/**
 * A workflow that checks out several repositories: the reviewed one with actions/checkout's
 * `path: infra-repo`, below a workspace that is no repository or, with `workspaceRepository`,
 * another one (checked out at the workspace root). Paths GitHub shows are from infra-repo's root.
 */
describe('action run() with the repository checked out in a subdirectory of the workspace (checkout path:)', () => {
  before(() => nock.disableNetConnect());
  after(() => nock.enableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    assert.deepEqual(pending, [], 'every expected GitHub request was made');
  });

  function inWorkspace(options: { workspaceRepository: boolean } & Parameters<typeof makeRepo>[0]): { workspace: string; repo: TestRepo } {
    const { workspaceRepository: _, ...repoOptions } = options;
    const made = makeRepo(repoOptions);
    const workspace = mkdtempSync(join(tmpdir(), 'fw-workspace-'));
    if (options.workspaceRepository) {
      git(workspace, ['init', '-q', '-b', 'main']);
      writeFileSync(join(workspace, 'README.md'), '# tools\n');
      git(workspace, ['add', '-A']);
      git(workspace, ['-c', 'user.email=test@example.com', '-c', 'user.name=Test', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'tools']);
    }
    const dir = join(workspace, 'infra-repo');
    renameSync(made.dir, dir);
    return { workspace, repo: { ...made, dir, cleanup: () => rmSync(workspace, { recursive: true, force: true }) } };
  }

  /** Reviews the pull request of `paths: infra-repo/infra` without suggestions: the comment it posted, and the run's core; it must not fail. */
  async function reviewWithComment(workspace: string, repo: TestRepo): Promise<{ core: FakeCore; posted: string }> {
    let posted = '';
    const scope = nock(API)
      .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
      .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
      .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`, (body: { body: string }) => ((posted = body.body), true))
      .reply(201, () => issueComment(42, posted));
    const core = new FakeCore({ paths: 'infra-repo/infra', suggestions: 'false' });
    const env = runnerEnv(repo, 'pull_request', pullRequestEvent(repo), { GITHUB_WORKSPACE: workspace });
    await run(deps(core, env));
    assert.ok(scope.isDone());
    assert.deepEqual(core.failures, []);
    return { core, posted };
  }

  for (const workspaceRepository of [false, true]) {
    it(`on a pull request, annotates, links, suggests and writes SARIF with paths from the repository's root, and reads base through its git (${workspaceRepository ? 'another repository' : 'no repository'} at the workspace root)`, async () => {
      const { workspace, repo } = inWorkspace({ workspaceRepository });
      try {
        let posted = '';
        let review: Review | undefined;
        const scope = nock(API)
          .get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query(true).reply(200, pullFiles(repo))
          .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query(true).reply(200, [])
          .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`, (body: { body: string }) => ((posted = body.body), true))
          .reply(201, () => issueComment(42, posted))
          .get(`${REPO_PATH}/pulls/${PR_NUMBER}/comments`).query(true).reply(200, [])
          .post(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`, (body: Review) => ((review = body), true))
          .reply(200, { id: 1 });
        const core = new FakeCore({ paths: 'infra-repo/infra', 'sarif-file': 'fargate-warden.sarif' });
        const env = runnerEnv(repo, 'pull_request', pullRequestEvent(repo), { GITHUB_WORKSPACE: workspace });
        await run(deps(core, env, { rules: [...allRules, exportsRule(repo, 'infra-repo/infra/api-service.yaml')] }));
        assert.ok(scope.isDone());
        assert.deepEqual(core.failures, []);
        assert.match(core.log, /the checkout is the pull request head/, 'git finds the head in the repository, not the workspace');
        assert.match(core.log, /base: \d+ file\(s\) from git; head: \d+ file\(s\) from work tree/, 'base is read through the repository\'s git');
        assert.equal(core.annotations.find((a) => a.properties?.title?.startsWith('fargate-warden FW103'))?.properties?.file, 'infra/api-service.yaml');
        assert.ok(core.annotations.every((a) => !a.properties?.file?.startsWith('infra-repo/')));
        assert.deepEqual(review?.comments.map((c) => c.path), ['infra/api-service.yaml']);
        assert.match(posted, new RegExp(`\\]\\(https://github\\.com/acme/orders/blob/${repo.head}/infra/api-service\\.yaml#L\\d+\\)`));
        assert.match(posted, new RegExp(`\\]\\(https://github\\.com/acme/orders/blob/${repo.base}/infra/api-service\\.yaml#L\\d+\\)`));
        assert.doesNotMatch(posted, /\/blob\/[0-9a-f]+\/infra-repo\//);
        const uris = sarifUris(JSON.parse(readFileSync(join(workspace, 'fargate-warden.sarif'), 'utf8')) as SarifUris);
        assert.ok(uris.includes('infra/api-service.yaml'), uris.join(', '));
        assert.ok(uris.every((u) => u.startsWith('infra/')), uris.join(', '));
      } finally {
        repo.cleanup();
      }
    });
  }

  // One config file selects the same files in the CLI, the App and the Action: its globs are paths
  // from the repository root, whichever reader reads a side (the walk, git, the API: base.test.ts).
  for (const headFrom of ['work tree', 'git'] as const) {
    it(`matches the config's paths globs against paths from the repository root, on base and head alike (head from the ${headFrom})`, async () => {
      const legacy = (queues: string[]): string => `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${queues.map((q) => `  ${q}:\n    Type: AWS::SQS::Queue\n`).join('')}`;
      const { workspace, repo } = inWorkspace({
        workspaceRepository: false,
        files: {
          base: { '.github/fargate-warden.yml': "paths:\n  exclude: ['infra/legacy/**']\n", 'infra/legacy/queues.yaml': legacy(['Orders']), 'infra/legacy/topics.yaml': legacy(['Topics']) },
          // A template that is none at head is no input error (see templatesGone) where neither side reads it.
          head: { 'infra/legacy/queues.yaml': legacy(['Orders', 'Refunds']), 'infra/legacy/topics.yaml': 'retired: true\n' },
        },
      });
      try {
        // pull_request_target's checkout (the base): head is read from git as data.
        if (headFrom === 'git') git(repo.dir, ['checkout', '-q', repo.base]);
        const { core, posted } = await reviewWithComment(workspace, repo);
        assert.match(core.log, /config: infra-repo\/\.github\/fargate-warden\.yml/);
        assert.match(core.log, new RegExp(`base: 2 file\\(s\\) from git; head: 2 file\\(s\\) from ${headFrom}`), 'infra/legacy is read on neither side');
        assert.doesNotMatch(posted, /legacy|Refunds/);
      } finally {
        repo.cleanup();
      }
    });
  }

  it('reads the repository\'s own config file from its root, not the workspace\'s: a rule it disables reports nothing', async () => {
    const { workspace, repo } = inWorkspace({ workspaceRepository: false });
    try {
      writeConfig(repo, 'rules:\n  disable: [FW103]\n');
      const core = new FakeCore({ paths: 'infra-repo/infra' });
      const env = runnerEnv(repo, 'push', { ref: 'refs/heads/main' }, { GITHUB_WORKSPACE: workspace });
      await run(deps(core, env, { github: () => assert.fail('push must not call the GitHub API') }));
      assert.deepEqual(core.failures, []);
      assert.match(core.log, /config: infra-repo\/\.github\/fargate-warden\.yml/);
      assert.ok(core.annotations.length > 0, 'other rules still report');
      assert.ok(core.annotations.every((a) => !a.properties?.title?.startsWith('fargate-warden FW103')), core.annotations.map((a) => a.properties?.title).join(', '));
    } finally {
      repo.cleanup();
    }
  });

  it('reads base\'s suppressions from the repository\'s own config file at the base commit: one the pull request adds is listed as newly suppressed', async () => {
    const { workspace, repo } = inWorkspace({ workspaceRepository: true, headFrom: 'base' });
    try {
      writeConfig(repo, 'suppressions:\n  - rule: FW201\n    resource: ApiService\n    reason: accepted until the move, SEC-8\n');
      git(repo.dir, ['add', '-A']);
      git(repo.dir, ['-c', 'user.email=test@example.com', '-c', 'user.name=Test', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'suppress FW103']);
      repo.head = git(repo.dir, ['rev-parse', 'HEAD']);
      const { posted } = await reviewWithComment(workspace, repo);
      const plain = posted.replace(/\\/g, '');
      assert.match(plain, /Suppressed by this change \(not fixed: head still finds them\)/);
      assert.match(plain, /FW201.*Suppressed \(in the config file\): accepted until the move, SEC-8/);
    } finally {
      repo.cleanup();
    }
  });

  it('does not take the workspace repository\'s config file for the reviewed repository, which has none', async () => {
    const { workspace, repo } = inWorkspace({ workspaceRepository: true });
    try {
      mkdirSync(join(workspace, '.github'));
      writeFileSync(join(workspace, '.github/fargate-warden.yml'), 'rules:\n  disable: [FW103]\n');
      const core = new FakeCore({ paths: 'infra-repo/infra' });
      const env = runnerEnv(repo, 'push', { ref: 'refs/heads/main' }, { GITHUB_WORKSPACE: workspace });
      await run(deps(core, env, { github: () => assert.fail('push must not call the GitHub API') }));
      assert.deepEqual(core.failures, []);
      assert.doesNotMatch(core.log, /config: /);
      assert.ok(core.annotations.some((a) => a.properties?.title?.startsWith('fargate-warden FW103')), core.annotations.map((a) => a.properties?.title).join(', '));
    } finally {
      repo.cleanup();
    }
  });

  it('on push, annotates, links the job summary and writes SARIF with paths from the repository\'s root', async () => {
    const { workspace, repo } = inWorkspace({ workspaceRepository: false });
    try {
      const core = new FakeCore({ paths: 'infra-repo/infra', 'sarif-file': 'fargate-warden.sarif' });
      const env = runnerEnv(repo, 'push', { ref: 'refs/heads/main' }, { GITHUB_WORKSPACE: workspace });
      await run(deps(core, env, { github: () => assert.fail('push must not call the GitHub API') }));
      assert.deepEqual(core.failures, []);
      assert.ok(core.annotations.some((a) => a.properties?.file === 'infra/api-service.yaml'));
      assert.ok(core.annotations.every((a) => !a.properties?.file?.startsWith('infra-repo/')));
      assert.match(core.summaries[0] ?? '', new RegExp(`https://github\\.com/acme/orders/blob/${repo.head}/infra/api-service\\.yaml#L\\d+`));
      assert.doesNotMatch(core.summaries[0] ?? '', /\/blob\/[0-9a-f]+\/infra-repo\//);
      const uris = sarifUris(JSON.parse(readFileSync(join(workspace, 'fargate-warden.sarif'), 'utf8')) as SarifUris);
      assert.ok(uris.length > 0 && uris.every((u) => u.startsWith('infra/')), uris.join(', '));
    } finally {
      repo.cleanup();
    }
  });
});

describe('action run() on push and workflow_dispatch', () => {
  let repo: TestRepo;
  before(() => {
    nock.disableNetConnect();
    repo = makeRepo();
  });
  after(() => {
    repo.cleanup();
    nock.enableNetConnect();
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    assert.deepEqual(pending, []);
  });

  it('scans the work tree, writes the job summary and SARIF, and calls no API', async () => {
    const core = new FakeCore({ 'sarif-file': 'results/fargate-warden.sarif', paths: 'infra' });
    const env = runnerEnv(repo, 'push', { ref: 'refs/heads/main' });
    await run(deps(core, env, { github: () => assert.fail('push must not call the GitHub API') }));
    assert.deepEqual(core.failures, []);
    assert.equal(core.outputs.get('verdict'), '');
    assert.ok(Number(core.outputs.get('new-findings')) > 0);
    assert.equal(core.outputs.get('comment-url'), '');
    assert.equal(core.summaries.length, 1);
    assert.match(core.summaries[0], /FW103/);
    assert.match(core.summaries[0], new RegExp(`https://github\\.com/acme/orders/blob/${repo.head}/infra/api-service\\.yaml#L\\d+`));
    const sarifPath = join(repo.dir, 'results/fargate-warden.sarif');
    assert.ok(existsSync(sarifPath));
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.length > 0);
    assert.ok(core.annotations.some((a) => a.properties?.file === 'infra/api-service.yaml'));
  });

  it('writes SARIF paths from the repository root when the step runs in a subdirectory of it (no GITHUB_WORKSPACE, the cwd in infra/)', async () => {
    const infra = join(repo.dir, 'infra');
    const { GITHUB_WORKSPACE: _root, ...env } = runnerEnv(repo, 'push', { ref: 'refs/heads/main' });
    const core = new FakeCore({ 'sarif-file': 'fargate-warden.sarif' });
    await run({ ...deps(core, env, { github: () => assert.fail('push must not call the GitHub API') }), cwd: infra });
    assert.deepEqual(core.failures, []);
    assert.ok(core.annotations.some((a) => a.properties?.file === 'infra/api-service.yaml'), 'GitHub places annotations by the path from the repository root');
    assert.match(core.summaries[0] ?? '', new RegExp(`https://github\\.com/acme/orders/blob/${repo.head}/infra/api-service\\.yaml#L\\d+`));
    const sarif = JSON.parse(readFileSync(join(infra, 'fargate-warden.sarif'), 'utf8')) as SarifUris;
    const uris = sarifUris(sarif);
    assert.ok(uris.length > 0);
    assert.ok(uris.includes('infra/api-service.yaml'), uris.join(', '));
    assert.ok(uris.every((u) => u.startsWith('infra/')), `code scanning resolves every URI against the repository root: ${uris.join(', ')}`);
    rmSync(join(infra, 'fargate-warden.sarif'));
  });

  it('workflow_dispatch fails on findings at or above fail-on', async () => {
    const core = new FakeCore({ 'fail-on': 'medium' });
    await run(deps(core, runnerEnv(repo, 'workflow_dispatch', {})));
    assert.equal(core.failures.length, 1);
    assert.match(core.failures[0], /finding\(s\) at or above fail-on: medium/);
  });

  it('reports every invalid input at once and does nothing else; every output is set, empty, as nothing was reviewed', async () => {
    const core = new FakeCore({ 'fail-on': 'sometimes', comment: 'always', 'cdk-out': 'cdk.out' });
    await run(deps(core, runnerEnv(repo, 'push', {})));
    assert.equal(core.failures.length, 1);
    assert.match(core.failures[0], /fail-on must be one of critical, high, medium, low, none \(got "sometimes"\)/);
    assert.match(core.failures[0], /comment must be one of update, new, off \(got "always"\)/);
    assert.match(core.failures[0], /cdk-out must be "base=<dir>,head=<dir>"/);
    // Not `0` new findings: a later step must not read a step that reviewed nothing as clean.
    assert.deepEqual(Object.fromEntries(core.outputs), { verdict: '', 'new-findings': '', 'comment-url': '' });
    assert.equal(core.summaries.length, 0);
  });
});

describe('annotateStep', () => {
  it('logs a finding past the annotation limit by its path from the repository root, or as reported when it is outside the repository', () => {
    const finding = (file: string, line: number): Finding => ({ ruleId: 'FW201', severity: 'high', resource: 'Group', resourceId: `${file}#Group`, file, line, message: 'A security group.' });
    const inRepository = Array.from({ length: ANNOTATIONS_PER_LEVEL }, (_, i) => finding('infra-repo/infra/groups.yaml', i + 1));
    const core = new FakeCore({});
    const repositoryPath = (path: string): string | undefined => (path.startsWith('infra-repo/') ? path.slice('infra-repo/'.length) : undefined);
    // The changed lines' findings take every annotation; the other two are left for the log.
    const changed: ChangedLines = new Map([['infra/groups.yaml', new Map(inRepository.map((f) => [f.line, '']))]]);
    annotateStep(core, [...inRepository, finding('infra-repo/infra/more.yaml', 3), finding('shared/groups.yaml', 7)], changed, [], repositoryPath, { failed: false, warnings: 0 });
    assert.equal(core.annotations.length, ANNOTATIONS_PER_LEVEL);
    assert.match(core.log, /^infra\/more\.yaml:3: high FW201: A security group\.$/m);
    assert.match(core.log, /^shared\/groups\.yaml:7: high FW201: A security group\.$/m);
  });
});
