import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GitHubRepo } from '../../app/github/repo.ts';
import nock from 'nock';
import { readRepoFiles } from '../../app/repo-files.ts';
import { syncConfigIssue } from '../../app/config.ts';
import { defaultConfig } from '../../src/shared/config/index.ts';
import { NAME, OWNER, PUBLIC_TEMPLATE, REPO, TestOctokit, assertAllDone, github, strictNock, withBody } from './support.ts';

const blob = (sha: string, text: string) => ({ sha, size: text.length, encoding: 'base64', content: Buffer.from(text).toString('base64') });

describe('readRepoFiles', () => {
  beforeEach(strictNock);
  afterEach(() => assertAllDone());

  it('reports a template stored in Git LFS (the Git API holds only its pointer); other LFS files are passed over', async () => {
    const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${'c3'.repeat(32)}\nsize 9120\n`;
    const entries = [
      { path: 'infra/service.yaml', type: 'blob' as const, sha: 'a'.repeat(40), mode: '100644', size: PUBLIC_TEMPLATE.length },
      { path: 'infra/orders.template.json', type: 'blob' as const, sha: 'b'.repeat(40), mode: '100644', size: pointer.length },
      { path: 'data/fixtures.json', type: 'blob' as const, sha: 'c'.repeat(40), mode: '100644', size: pointer.length },
    ];
    const scope = github()
      .get(`${REPO}/git/blobs/${'a'.repeat(40)}`).reply(200, blob('a'.repeat(40), PUBLIC_TEMPLATE))
      .get(`${REPO}/git/blobs/${'b'.repeat(40)}`).reply(200, blob('b'.repeat(40), pointer))
      .get(`${REPO}/git/blobs/${'c'.repeat(40)}`).reply(200, blob('c'.repeat(40), pointer));
    const repo = new GitHubRepo(new TestOctokit({ auth: 'ghs_test' }), { owner: OWNER, repo: NAME });
    const read = await readRepoFiles(repo, { sha: 'd'.repeat(40), entries, truncated: false }, defaultConfig());
    assert.deepEqual(read.files.map((f) => f.path), ['infra/service.yaml']);
    assert.deepEqual(read.errors.map((e) => [e.file, e.line]), [['infra/orders.template.json', 1]]);
    assert.match(read.errors[0]!.message, /^the file is a Git LFS pointer: the App reads the repository through the Git API/);
    assertAllDone(scope);
  });
});

describe('GitHubRepo: what a refusal means', () => {
  beforeEach(strictNock);
  afterEach(() => assertAllDone());
  const repo = () => new GitHubRepo(new TestOctokit({ auth: 'ghs_test' }), { owner: OWNER, repo: NAME });

  it('an empty repository (409) has no branch head, asked once', async () => {
    const scope = github().get(`${REPO}/git/ref/${encodeURIComponent('heads/main')}`).once().reply(409, { message: 'Git Repository is empty.' });
    assert.equal(await repo().branchHead('main'), undefined);
    assertAllDone(scope);
  });

  it('a server error on the branch head is still retried', async () => {
    const ref = `${REPO}/git/ref/${encodeURIComponent('heads/main')}`;
    const scope = github().get(ref).reply(502, { message: 'Bad Gateway' }).get(ref).reply(502, { message: 'Bad Gateway' }).get(ref).reply(200, { object: { sha: 'c'.repeat(40) } });
    assert.equal(await repo().branchHead('main'), 'c'.repeat(40));
    assertAllDone(scope);
  });

  it('only "Reference already exists" means the branch exists; a ruleset refusing it is an error', async () => {
    const scope = github()
      .post(`${REPO}/git/refs`).reply(422, { message: 'Reference already exists' })
      .post(`${REPO}/git/refs`).reply(422, { message: 'Repository rule violations found\n\nCannot create ref due to creations being restricted.\n' });
    assert.equal(await repo().createBranch('fargate-warden/fw201', 'a'.repeat(40)), 'exists');
    await assert.rejects(repo().createBranch('fargate-warden/fw201', 'a'.repeat(40)), /rule violations/);
    assertAllDone(scope);
  });

  it('"Reference update failed" with a branch named like a folder of the new one: blocked by that branch; without one, an error', async () => {
    const failed = { message: 'Reference update failed', documentation_url: 'https://docs.github.com/rest/git/refs#create-a-reference', status: '422' };
    const folder = `${REPO}/git/ref/${encodeURIComponent('heads/fargate-warden')}`;
    const scope = github()
      .post(`${REPO}/git/refs`).reply(422, failed)
      .get(folder).reply(200, { ref: 'refs/heads/fargate-warden', object: { sha: 'a'.repeat(40), type: 'commit' } })
      .post(`${REPO}/git/refs`).reply(422, failed)
      .get(folder).reply(404, { message: 'Not Found' });
    assert.deepEqual(await repo().createBranch('fargate-warden/fw201', 'a'.repeat(40)), { blockedBy: 'fargate-warden' });
    await assert.rejects(repo().createBranch('fargate-warden/fw201', 'a'.repeat(40)), /Reference update failed/);
    assertAllDone(scope);
  });

  it('only "Reference does not exist" means a branch is already gone; a refused deletion is an error', async () => {
    const ref = `${REPO}/git/refs/${encodeURIComponent('heads/fargate-warden/fw201')}`;
    const scope = github()
      .delete(ref).reply(422, { message: 'Reference does not exist' })
      .delete(ref).reply(422, { message: 'Repository rule violations found\n\nCannot delete this protected branch.\n' });
    assert.equal(await repo().deleteBranch('fargate-warden/fw201'), 'absent');
    await assert.rejects(repo().deleteBranch('fargate-warden/fw201'), /rule violations/);
    assertAllDone(scope);
  });
});

describe('GitHubRepo.htmlUrl: links go to the host the App talks to', () => {
  beforeEach(strictNock);
  afterEach(() => assertAllDone());
  const at = (baseUrl?: string) => new GitHubRepo(new TestOctokit({ auth: 'ghs_test', ...(baseUrl === undefined ? {} : { baseUrl }) }), { owner: OWNER, repo: NAME }).htmlUrl;

  it('github.com, GitHub Enterprise Server (GHE_HOST) and GHE.com', () => {
    assert.equal(at(), `https://github.com/${OWNER}/${NAME}`);
    assert.equal(at('https://ghe.example.com/api/v3'), `https://ghe.example.com/${OWNER}/${NAME}`);
    assert.equal(at('https://api.octocorp.ghe.com'), `https://octocorp.ghe.com/${OWNER}/${NAME}`);
  });

  it('the configuration-error issue on GitHub Enterprise Server links to lines there', async () => {
    const ghe = 'https://ghe.example.com';
    let body = '';
    const scope = nock(ghe)
      .get(`/api/v3${REPO}/issues`).query(true).reply(200, [])
      .post(`/api/v3${REPO}/issues`).reply(201, withBody((b: { body: string }) => ((body = b.body), { number: 3 })));
    const repo = new GitHubRepo(new TestOctokit({ auth: 'ghs_test', baseUrl: `${ghe}/api/v3` }), { owner: OWNER, repo: NAME });
    const action = await syncConfigIssue(repo, 'trunk', { config: defaultConfig(), errors: [{ file: '.github/fargate-warden.yml', line: 3, message: 'bad' }] }, 'fargate-warden[bot]');
    assert.equal(action, 'opened');
    assert.match(body, new RegExp(`\\]\\(${ghe.replace(/\./g, '\\.')}/${OWNER}/${NAME}/blob/trunk/\\.github/fargate-warden\\.yml#L3\\)`));
    assert.doesNotMatch(body, /github\.com\//);
    assertAllDone(scope);
  });
});
