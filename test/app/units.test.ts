import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KeyedMutex } from '../../app/mutex.ts';
import { fingerprint, fixKey, groupIdOfBranch, mayChangeAny, parseFixMarker, renderFixMarker, sameText, trailers, withFixMarker } from '../../app/markers.ts';
import { MAX_PULL_BODY, pullBody } from '../../app/pull-body.ts';
import { mayBeTemplate } from '../../app/repo-files.ts';
import { commitMessage, type ReconcileReport } from '../../app/reconcile.ts';
import { isAppCommit } from '../../app/ownership.ts';
import { describeReport } from '../../app/handlers/issue-comment.ts';
import { DEFAULT_IDENTITY } from '../../app/runtime.ts';
import { loadRepoConfig } from '../../app/config.ts';
import type { GitHubRepo, Tree } from '../../app/github/repo.ts';

describe('KeyedMutex', () => {
  it('runs one task at a time per key, in arrival order, and keys independently', async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      events.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([mutex.run('a', task('a1', 20)), mutex.run('a', task('a2', 1)), mutex.run('b', task('b1', 5))]);
    assert.deepEqual(results, ['a1', 'a2', 'b1']);
    assert.ok(events.indexOf('end a1') < events.indexOf('start a2'));
    assert.ok(events.indexOf('start b1') < events.indexOf('end a1'));
    assert.equal(mutex.size, 0);
  });

  it('a failing task releases the key', async () => {
    const mutex = new KeyedMutex();
    await assert.rejects(mutex.run('a', async () => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(await mutex.run('a', async () => 'next'), 'next');
    assert.equal(mutex.size, 0);
  });

  it('idle waits for queued work', async () => {
    const mutex = new KeyedMutex();
    let done = false;
    void mutex.run('a', async () => {
      await new Promise((r) => setTimeout(r, 10));
      done = true;
    });
    await mutex.idle();
    assert.equal(done, true);
  });
});

describe('markers', () => {
  it('round-trips the fix marker and replaces it in place', () => {
    const marker = { group: 'fw203', fingerprint: '0123456789abcdef', files: ['infra/a.yaml'] };
    const body = withFixMarker('Body text', marker);
    assert.deepEqual(parseFixMarker(body), marker);
    const closed = withFixMarker(body, { ...marker, closedBy: 'fargate-warden' });
    assert.equal(closed.match(/fargate-warden:fix/g)?.length, 1);
    assert.equal(parseFixMarker(closed)?.closedBy, 'fargate-warden');
  });

  it('replacing a marker takes a path with $ in it literally', () => {
    const marker = { group: 'fw203', fingerprint: '0123456789abcdef', files: ["infra/$'cost$&.yaml", 'infra/$`x$$.yaml'] };
    const body = withFixMarker('Body text\n\nfooter', marker);
    const closed = withFixMarker(body, { ...marker, closedBy: 'fargate-warden' });
    assert.deepEqual(parseFixMarker(closed), { ...marker, closedBy: 'fargate-warden' });
    assert.equal(closed.replace(',"closedBy":"fargate-warden"', ''), body);
  });

  it('a marker cannot be closed early by what it carries', () => {
    const rendered = renderFixMarker({ group: 'x', fingerprint: 'y', files: ['a-->b<c>.yaml'] });
    assert.equal(rendered.indexOf('-->'), rendered.length - 3);
    assert.deepEqual(parseFixMarker(rendered)?.files, ['a-->b<c>.yaml']);
  });

  it('ignores bodies without a marker or with a broken one', () => {
    assert.equal(parseFixMarker(null), undefined);
    assert.equal(parseFixMarker('<!-- fargate-warden:fix {"group": -->'), undefined);
    assert.equal(parseFixMarker('<!-- fargate-warden:fix {"group":"a"} -->'), undefined);
  });

  it('the fix key follows what the fixes change, not where in the file or what else the file holds', () => {
    const fixAt = (start: number, text = 'DISABLED', ruleId = 'FW201') => ({
      finding: { ruleId, resourceId: 'a.yaml#Service' },
      fix: { edits: [{ file: 'a.yaml', range: { start, end: start + 7 }, text }] },
    });
    const before = 'x: ENABLED\n';
    const moved = '# a comment\nx: ENABLED\n';
    const key = fixKey([fixAt(3)], () => before);
    assert.match(key ?? '', /^[0-9a-f]{16}$/);
    assert.equal(fixKey([fixAt(15)], () => moved), key);
    assert.notEqual(fixKey([fixAt(3, 'FALSE')], () => before), key);
    assert.notEqual(fixKey([fixAt(3, 'DISABLED', 'FW202')], () => before), key);
    assert.notEqual(fixKey([fixAt(3)], () => 'x: SOMEONE\n'), key);
    assert.equal(fixKey([], () => before), undefined);
  });

  it('fingerprints depend on paths and texts, not on map order', () => {
    const a = fingerprint(new Map([['x', '1'], ['y', '2']]));
    assert.equal(a, fingerprint(new Map([['y', '2'], ['x', '1']])));
    assert.notEqual(a, fingerprint(new Map([['x', '1'], ['y', '3']])));
    assert.notEqual(fingerprint(new Map([['ab', 'c']])), fingerprint(new Map([['a', 'bc']])));
    assert.match(a, /^[0-9a-f]{16}$/);
  });

  it('reads trailers from the last paragraph only', () => {
    const t = trailers('Subject\n\nBody: not a trailer\n\nFargate-Warden-Group: fw201\nFargate-Warden-Fingerprint: abc\n');
    assert.equal(t.get('Fargate-Warden-Group'), 'fw201');
    assert.equal(t.has('Body'), false);
  });

  it('branch names and body comparison', () => {
    assert.equal(groupIdOfBranch('fargate-warden/fw201'), 'fw201');
    assert.equal(groupIdOfBranch('fargate-warden/'), undefined);
    assert.equal(groupIdOfBranch('feature/x'), undefined);
    assert.equal(sameText('a\r\nb\n\n', 'a\nb'), true);
  });
});

describe('pullBody', () => {
  const marker = (files: string[]) => ({ group: 'fw201', fingerprint: '0123456789abcdef', files, fix: 'fedcba9876543210' });

  it('thousands of long paths: the body fits GitHub\'s limit, closing it too, and the marker holds their count', () => {
    const paths = Array.from({ length: 4000 }, (_, i) => `cdk.out/assembly-Production-eu-west-1-${i}/${'NestedStack'.repeat(12)}/ProductionServiceStack${i}.template.json`);
    const description = Array.from({ length: 2000 }, (_, i) => `- **FW201** on \`Service${i}\`: the service gets a public IP address.`).join('\n\n');
    const body = pullBody(description, marker(paths));
    assert.ok(body.length <= MAX_PULL_BODY, `${body.length} characters`);
    const read = parseFixMarker(body);
    assert.deepEqual(read, { ...marker(paths), files: { count: 4000 } });
    assert.match(body, /The description was shortened to fit GitHub's limit/);
    // Closing rewrites the marker with `closedBy`: that body fits as well and reads back.
    const closed = withFixMarker(body, { ...read!, closedBy: 'fargate-warden' });
    assert.ok(closed.length <= MAX_PULL_BODY, `${closed.length} characters when closed`);
    assert.deepEqual(parseFixMarker(closed), { ...marker(paths), files: { count: 4000 }, closedBy: 'fargate-warden' });
  });

  it('a list that fits is kept, and the description is not cut', () => {
    const paths = ['infra/a.yaml', 'infra/b.yaml'];
    const body = pullBody('What changes.', marker(paths));
    assert.deepEqual(parseFixMarker(body), marker(paths));
    assert.ok(body.startsWith('What changes.\n\n---\n'));
  });

  it('with a count only, any file the scan could not read may be one of the fix\'s', () => {
    const listed = marker(['infra/a.yaml']);
    assert.equal(mayChangeAny(listed, new Set(['infra/b.yaml'])), false);
    assert.equal(mayChangeAny(listed, new Set(['infra/a.yaml'])), true);
    const counted = { ...listed, files: { count: 3000 } };
    assert.equal(mayChangeAny(counted, new Set()), false);
    assert.equal(mayChangeAny(counted, new Set(['infra/b.yaml'])), true);
  });
});

describe('isAppCommit', () => {
  const message = 'Fix\n\nFargate-Warden-Group: fw201\nFargate-Warden-Fingerprint: abc';
  const base = { sha: 's', message, parents: ['p'], tree: 't', author: DEFAULT_IDENTITY, committer: DEFAULT_IDENTITY };
  it('accepts the App commit for its group only', () => {
    assert.equal(isAppCommit(base, 'fw201', DEFAULT_IDENTITY), true);
    assert.equal(isAppCommit(base, 'fw203', DEFAULT_IDENTITY), false);
  });
  it('refuses merges, other committers, missing trailers', () => {
    assert.equal(isAppCommit({ ...base, parents: ['p', 'q'] }, 'fw201', DEFAULT_IDENTITY), false);
    assert.equal(isAppCommit({ ...base, committer: { name: 'Jane', email: 'j@example.com' } }, 'fw201', DEFAULT_IDENTITY), false);
    assert.equal(isAppCommit({ ...base, message: 'Fix' }, 'fw201', DEFAULT_IDENTITY), false);
  });
  it('commit messages carry both trailers', () => {
    const msg = commitMessage({ id: 'fw201', title: 'fargate-warden: fix FW201', body: '', fixes: [], files: new Map() }, '0123456789abcdef');
    assert.equal(msg, 'fargate-warden: fix FW201\n\nFargate-Warden-Group: fw201\nFargate-Warden-Fingerprint: 0123456789abcdef');
  });
});

describe('mayBeTemplate (decided from the path before downloading)', () => {
  it('keeps template extensions, refuses known non-templates, skipped directories and the config file', () => {
    for (const p of ['infra/a.yaml', 'b.yml', 'cdk.out/Stack.template.json', 'x.template']) assert.equal(mayBeTemplate(p), true, p);
    for (const p of [
      'README.md',
      'package.json',
      'node_modules/x/a.yaml',
      'cdk.out/asset.123/a.yaml',
      '.github/workflows/ci.yml',
      '.github/fargate-warden.yml',
      'cdk.out/manifest.json',
      'cdk.out/Stack.metadata.json',
    ]) {
      assert.equal(mayBeTemplate(p), false, p);
    }
  });
});

describe('loadRepoConfig', () => {
  it('does not read a config file committed as a symbolic link (its blob is the target path): an error says so', async () => {
    let read = 0;
    const repo = { blob: async () => ((read++, Buffer.from('../.git/config'))) } as unknown as GitHubRepo;
    const tree = { sha: 't', truncated: false, entries: [{ path: '.github/fargate-warden.yml', type: 'blob' as const, sha: 'a', mode: '120000', size: 14 }] };
    const loaded = await loadRepoConfig(repo, tree as unknown as Tree);
    assert.equal(read, 0, 'the blob is not downloaded');
    assert.equal(loaded.file, '.github/fargate-warden.yml');
    assert.match(loaded.errors[0]!.message, /is a symbolic link; fargate-warden does not follow links/);
  });

  it('reads the config file as the templates are read: a byte-order mark is dropped, UTF-16 and binary are errors that say which', async () => {
    const load = (bytes: Buffer) => loadRepoConfig({ blob: async () => bytes } as unknown as GitHubRepo, { sha: 't', truncated: false, entries: [{ path: '.github/fargate-warden.yml', type: 'blob', sha: 'a', mode: '100644', size: bytes.length }] } as unknown as Tree);
    const yaml = 'failOn: high\n';
    assert.deepEqual((await load(Buffer.from(`\ufeff${yaml}`))).errors, []);
    assert.equal((await load(Buffer.from(`\ufeff${yaml}`))).config.failOn, 'high');
    assert.deepEqual((await load(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(yaml, 'utf16le')]))).errors.map((e) => e.message), ['the config file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8']);
    assert.deepEqual((await load(Buffer.from('\u0000GITCRYPT\u0000', 'latin1'))).errors.map((e) => e.message), ['the config file is binary, not YAML']);
  });
});

describe('rescan reply', () => {
  const report = (changes: Partial<ReconcileReport>): ReconcileReport => ({
    repo: 'o/r', headSha: 'a'.repeat(40), config: 'none', configErrors: [], scanErrors: [], desired: ['fw201'],
    opened: [], updated: [], unchanged: [], closed: [], pruned: [], skipped: [], failed: [],
    ...changes,
  });
  const hostile = 'infra/@octocat <img src=x onerror=alert(1)>.yaml';

  it('escapes error texts, which can quote paths: no mention, link or HTML', () => {
    const text = describeReport(report({ failed: [{ group: 'fw201', error: `fix touches ${hostile}, which is not a file on main` }] }), 'main', 'https://github.com/o/r');
    assert.doesNotMatch(text, /(^|[^\\])@octocat/);
    assert.doesNotMatch(text, /<img/);
  });

  it('escapes skip reasons and group ids once, as it does errors', () => {
    const skipped = [{ group: '@team-svc', reason: `${hostile} is not UTF-8 text, so fargate-warden does not rewrite it` }];
    const text = describeReport(report({ desired: ['@team-svc'], skipped }), 'main', 'https://github.com/o/r');
    assert.doesNotMatch(text, /(^|[^\\])@(octocat|team)/);
    assert.doesNotMatch(text, /<img/);
    // Written out, not built with escapeMarkdown: once escaped, each special character once.
    const once = '- @&#8203;team\\-svc: infra/@&#8203;octocat &lt;img src\\=x onerror\\=alert\\(1\\)&gt;.yaml is not UTF\\-8 text, so fargate\\-warden does not rewrite it';
    assert.ok(text.split('\n').includes(once), text);
  });

  it('a configuration file with errors and issues turned off: the errors are listed, linked to their lines', () => {
    const configErrors = [{ file: '.github/fargate-warden.yml', line: 2, message: 'rules.disable: unknown rule ID "FW2O1"' }];
    const text = describeReport(report({ config: 'disabled', configErrors }), 'main', 'https://github.com/o/r');
    assert.match(text, /the configuration file has 1 error\(s\)/);
    assert.match(text, /^- \[`\.github\/fargate-warden\.yml:2`\]\(https:\/\/github\.com\/o\/r\/blob\/main\/\.github\/fargate-warden\.yml#L2\): rules\.disable\\: unknown rule ID/m);
  });
});
