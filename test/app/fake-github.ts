// A small in-memory GitHub on 127.0.0.1 for the end-to-end test: just the REST endpoints the App
// uses, with real git object semantics where they matter (trees built on a base tree, commits
// with parents, refs that refuse to be created twice). The access-token endpoint verifies the
// App's JWT against the public key, so authentication is exercised end to end.
import { createHash, createPublicKey, createVerify } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TreeEntry {
  path: string;
  mode: string;
  type: 'blob';
  sha: string;
}

export interface Commit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: { name: string; email: string };
  committer: { name: string; email: string };
}

export interface Pull {
  number: number;
  state: 'open' | 'closed';
  merged_at: string | null;
  title: string;
  body: string;
  head: { ref: string; sha: string; repo: { full_name: string } };
  base: { ref: string };
  html_url: string;
}

export interface FakeGitHubOptions {
  appId: number;
  publicKey: string;
  installationId: number;
  owner: string;
  repo: string;
  defaultBranch: string;
  files: Record<string, string>;
  /** The App's slug, as GET /app names it (default `fargate-warden`); its issues are by `<slug>[bot]`. */
  slug?: string;
}

export class FakeGitHub {
  readonly blobs = new Map<string, Buffer>();
  readonly trees = new Map<string, TreeEntry[]>();
  readonly commits = new Map<string, Commit>();
  readonly refs = new Map<string, string>();
  readonly pulls: Pull[] = [];
  readonly issues: { number: number; title: string; body: string; state: string; user: { login: string; type: string } }[] = [];
  readonly comments: { issue: number; body: string }[] = [];
  /** Every request, `METHOD /path`. */
  readonly log: string[] = [];
  /** Requests no route answered. */
  readonly unexpected: string[] = [];
  readonly tokens = new Set<string>();
  url = '';
  private server = createServer((req, res) => void this.handle(req, res));
  private nextNumber = 1;
  private clock = 0;

  constructor(readonly options: FakeGitHubOptions) {
    const tree = this.writeTree(Object.entries(options.files).map(([path, text]) => ({ path, mode: '100644', type: 'blob' as const, sha: this.writeBlob(Buffer.from(text)) })));
    const identity = { name: 'Dev', email: 'dev@example.com' };
    this.refs.set(`heads/${options.defaultBranch}`, this.writeCommit({ tree, parents: [], message: 'initial', author: identity, committer: identity }));
  }

  get fullName(): string {
    return `${this.options.owner}/${this.options.repo}`;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // -- git objects ------------------------------------------------------------------------------

  writeBlob(content: Buffer): string {
    const sha = createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
    this.blobs.set(sha, content);
    return sha;
  }

  writeTree(entries: TreeEntry[]): string {
    const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : 1));
    const sha = createHash('sha1').update(`tree ${JSON.stringify(sorted)}`).digest('hex');
    this.trees.set(sha, sorted);
    return sha;
  }

  writeCommit(commit: Omit<Commit, 'sha'>): string {
    // A clock makes equal content at different times different commits, as in git.
    const sha = createHash('sha1').update(`commit ${JSON.stringify(commit)} ${++this.clock}`).digest('hex');
    this.commits.set(sha, { sha, ...commit });
    return sha;
  }

  /** The files of a commit: path → text. */
  filesAt(commitSha: string): Map<string, string> {
    const commit = this.commits.get(commitSha);
    if (commit === undefined) throw new Error(`no commit ${commitSha}`);
    return new Map((this.trees.get(commit.tree) ?? []).map((e) => [e.path, (this.blobs.get(e.sha) ?? Buffer.alloc(0)).toString('utf8')]));
  }

  /** A person pushes to the default branch. */
  pushToDefault(files: Record<string, string>, message = 'change'): string {
    const ref = `heads/${this.options.defaultBranch}`;
    const parent = this.refs.get(ref) as string;
    const base = this.trees.get((this.commits.get(parent) as Commit).tree) ?? [];
    const overlay = new Map(base.map((e) => [e.path, e]));
    for (const [path, text] of Object.entries(files)) overlay.set(path, { path, mode: '100644', type: 'blob', sha: this.writeBlob(Buffer.from(text)) });
    const identity = { name: 'Dev', email: 'dev@example.com' };
    const sha = this.writeCommit({ tree: this.writeTree([...overlay.values()]), parents: [parent], message, author: identity, committer: identity });
    this.refs.set(ref, sha);
    return sha;
  }

  // -- HTTP -------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    this.log.push(`${method} ${url.pathname}`);
    const send = (status: number, data?: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(data === undefined ? '' : JSON.stringify(data));
    };
    try {
      const tokenMatch = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(url.pathname);
      if (method === 'POST' && tokenMatch !== null) return this.accessToken(req, Number(tokenMatch[1]), send);
      if (method === 'GET' && url.pathname === '/app') {
        if (!this.signedByApp(req)) return send(401, { message: 'A JSON web token could not be decoded' });
        return send(200, { id: this.options.appId, slug: this.slug, name: this.slug });
      }
      const auth = req.headers.authorization ?? '';
      if (!this.tokens.has(auth.replace(/^token /i, ''))) return send(401, { message: 'Bad credentials' });
      const prefix = `/repos/${this.fullName}`;
      if (!url.pathname.startsWith(prefix)) return this.notFound(method, url, send);
      const path = url.pathname.slice(prefix.length);
      const handled = this.route(method, path, url.searchParams, body, send);
      if (!handled) this.notFound(method, url, send);
    } catch (error) {
      send(500, { message: String(error) });
    }
  }

  private notFound(method: string, url: URL, send: (status: number, data?: unknown) => void): void {
    this.unexpected.push(`${method} ${url.pathname}${url.search}`);
    send(404, { message: 'Not Found' });
  }

  get slug(): string {
    return this.options.slug ?? 'fargate-warden';
  }

  /** The request carries a JWT the App's key signed, issued by the App. */
  private signedByApp(req: IncomingMessage): boolean {
    const jwt = (req.headers.authorization ?? '').replace(/^bearer /i, '');
    const [header, payload, signature] = jwt.split('.');
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${header}.${payload}`);
    const valid = signature !== undefined && verifier.verify(createPublicKey(this.options.publicKey), Buffer.from(signature, 'base64url'));
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8') || '{}') as { iss?: string | number };
    return valid && String(claims.iss) === String(this.options.appId);
  }

  private accessToken(req: IncomingMessage, installationId: number, send: (status: number, data?: unknown) => void): void {
    if (!this.signedByApp(req)) return send(401, { message: 'A JSON web token could not be decoded' });
    if (installationId !== this.options.installationId) return send(404, { message: 'Not Found' });
    const token = `ghs_${createHash('sha1').update(String(this.tokens.size)).digest('hex').slice(0, 20)}`;
    this.tokens.add(token);
    send(201, { token, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: { contents: 'write', pull_requests: 'write', issues: 'write', metadata: 'read' } });
  }

  private route(method: string, path: string, query: URLSearchParams, body: Record<string, unknown>, send: (status: number, data?: unknown) => void): boolean {
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '') {
      send(200, { full_name: this.fullName, default_branch: this.options.defaultBranch, archived: false });
      return true;
    }
    if (method === 'GET' && (m = /^\/git\/ref\/(.+)$/.exec(path)) !== null) {
      const ref = decodeURIComponent(m[1]);
      const sha = this.refs.get(ref);
      if (sha === undefined) send(404, { message: 'Not Found' });
      else send(200, { ref: `refs/${ref}`, object: { sha, type: 'commit' } });
      return true;
    }
    if (method === 'GET' && (m = /^\/git\/matching-refs\/(.+)$/.exec(path)) !== null) {
      const prefix = decodeURIComponent(m[1]);
      send(200, [...this.refs].filter(([ref]) => ref.startsWith(prefix)).map(([ref, sha]) => ({ ref: `refs/${ref}`, object: { sha, type: 'commit' } })));
      return true;
    }
    if (method === 'GET' && (m = /^\/git\/trees\/([0-9a-f]{40})$/.exec(path)) !== null) {
      const commit = this.commits.get(m[1]);
      const treeSha = commit?.tree ?? m[1];
      const entries = this.trees.get(treeSha);
      if (entries === undefined) send(404, { message: 'Not Found' });
      else send(200, { sha: treeSha, truncated: false, tree: entries.map((e) => ({ ...e, size: this.blobs.get(e.sha)?.length ?? 0 })) });
      return true;
    }
    if (method === 'GET' && (m = /^\/git\/blobs\/([0-9a-f]{40})$/.exec(path)) !== null) {
      const blob = this.blobs.get(m[1]);
      if (blob === undefined) send(404, { message: 'Not Found' });
      else send(200, { sha: m[1], size: blob.length, encoding: 'base64', content: blob.toString('base64') });
      return true;
    }
    if (method === 'GET' && (m = /^\/git\/commits\/([0-9a-f]{40})$/.exec(path)) !== null) {
      const c = this.commits.get(m[1]);
      if (c === undefined) send(404, { message: 'Not Found' });
      else send(200, { sha: c.sha, message: c.message, tree: { sha: c.tree }, parents: c.parents.map((sha) => ({ sha })), author: c.author, committer: c.committer });
      return true;
    }
    if (method === 'GET' && (m = /^\/compare\/(.+)\.\.\.(.+)$/.exec(path)) !== null) {
      const [base, head] = [m[1], m[2]].map((name) => this.refs.get(`heads/${decodeURIComponent(name)}`) ?? name);
      if (!this.commits.has(base) || !this.commits.has(head)) return (send(404, { message: 'Not Found' }), true);
      const mergeBase = this.mergeBase(base, head);
      const status = base === head ? 'identical' : mergeBase === base ? 'ahead' : mergeBase === head ? 'behind' : 'diverged';
      // Changed paths only: the fake computes no patches (no test here merges into a fix branch).
      const before = this.filesAt(mergeBase ?? base);
      const after = this.filesAt(head);
      const files = [...new Set([...before.keys(), ...after.keys()])]
        .filter((path) => before.get(path) !== after.get(path))
        .map((filename) => ({ filename, status: !before.has(filename) ? 'added' : !after.has(filename) ? 'removed' : 'modified' }));
      send(200, { status, merge_base_commit: { sha: mergeBase ?? base }, files });
      return true;
    }
    if (method === 'POST' && path === '/git/blobs') {
      const content = Buffer.from(String(body.content), body.encoding === 'base64' ? 'base64' : 'utf8');
      send(201, { sha: this.writeBlob(content) });
      return true;
    }
    if (method === 'POST' && path === '/git/trees') {
      const base = this.trees.get(String(body.base_tree)) ?? [];
      const overlay = new Map(base.map((e) => [e.path, e]));
      for (const e of body.tree as TreeEntry[]) {
        if (!this.blobs.has(e.sha)) return (send(422, { message: `blob ${e.sha} does not exist` }), true);
        overlay.set(e.path, { path: e.path, mode: e.mode, type: 'blob', sha: e.sha });
      }
      send(201, { sha: this.writeTree([...overlay.values()]) });
      return true;
    }
    if (method === 'POST' && path === '/git/commits') {
      const parents = body.parents as string[];
      if (!this.trees.has(String(body.tree)) || parents.some((p) => !this.commits.has(p))) return (send(422, { message: 'Invalid tree or parents' }), true);
      const identity = { name: 'fake', email: 'fake@example.com' };
      const sha = this.writeCommit({
        tree: String(body.tree),
        parents,
        message: String(body.message),
        author: (body.author as Commit['author']) ?? identity,
        committer: (body.committer as Commit['committer']) ?? identity,
      });
      send(201, { sha });
      return true;
    }
    if (method === 'POST' && path === '/git/refs') {
      const ref = String(body.ref).replace(/^refs\//, '');
      if (this.refs.has(ref)) send(422, { message: 'Reference already exists' });
      else if (!this.commits.has(String(body.sha))) send(422, { message: 'Object does not exist' });
      else {
        this.refs.set(ref, String(body.sha));
        send(201, { ref: `refs/${ref}`, object: { sha: body.sha } });
      }
      return true;
    }
    if ((method === 'PATCH' || method === 'DELETE') && (m = /^\/git\/refs\/(.+)$/.exec(path)) !== null) {
      const ref = decodeURIComponent(m[1]);
      if (!this.refs.has(ref)) return (send(422, { message: 'Reference does not exist' }), true);
      if (method === 'DELETE') {
        this.refs.delete(ref);
        this.pulls.filter((p) => `heads/${p.head.ref}` === ref && p.state === 'open').forEach((p) => (p.state = 'closed'));
        send(204);
        return true;
      }
      const next = String(body.sha);
      const current = this.refs.get(ref) as string;
      if (body.force !== true && !this.isAncestor(current, next)) return (send(422, { message: 'Update is not a fast forward' }), true);
      this.refs.set(ref, next);
      this.pulls.filter((p) => `heads/${p.head.ref}` === ref).forEach((p) => (p.head.sha = next));
      send(200, { ref: `refs/${ref}`, object: { sha: next } });
      return true;
    }
    if (method === 'GET' && path === '/pulls') {
      const state = query.get('state') ?? 'open';
      const head = query.get('head');
      const page = Number(query.get('page') ?? '1');
      const list = this.pulls.filter((p) => (state === 'all' || p.state === state) && (head === null || `${this.options.owner}:${p.head.ref}` === head));
      send(200, page === 1 ? list : []);
      return true;
    }
    if (method === 'POST' && path === '/pulls') {
      const head = String(body.head);
      const sha = this.refs.get(`heads/${head}`);
      if (sha === undefined) return (send(422, { message: 'Validation Failed', errors: [{ field: 'head', code: 'invalid' }] }), true);
      if (this.pulls.some((p) => p.state === 'open' && p.head.ref === head)) {
        return (send(422, { message: 'Validation Failed', errors: [{ message: `A pull request already exists for ${this.options.owner}:${head}.` }] }), true);
      }
      const number = this.nextNumber++;
      const pull: Pull = {
        number,
        state: 'open',
        merged_at: null,
        title: String(body.title),
        body: String(body.body ?? ''),
        head: { ref: head, sha, repo: { full_name: this.fullName } },
        base: { ref: String(body.base) },
        html_url: `https://github.example/${this.fullName}/pull/${number}`,
      };
      this.pulls.push(pull);
      send(201, pull);
      return true;
    }
    if (method === 'PATCH' && (m = /^\/pulls\/(\d+)$/.exec(path)) !== null) {
      return patch(this.pulls.find((p) => p.number === Number(m?.[1])), body, send);
    }
    if (method === 'GET' && path === '/issues') {
      const bot = { login: `${this.slug}[bot]`, type: 'Bot' };
      const creator = query.get('creator');
      const open = [
        ...this.issues.filter((i) => i.state === 'open'),
        ...this.pulls.filter((p) => p.state === 'open').map((p) => ({ number: p.number, title: p.title, body: p.body, user: bot, pull_request: { url: p.html_url } })),
      ].filter((i) => creator === null || i.user.login === creator);
      send(200, Number(query.get('page') ?? '1') === 1 ? open : []);
      return true;
    }
    if (method === 'POST' && path === '/issues') {
      const number = this.nextNumber++;
      this.issues.push({ number, title: String(body.title), body: String(body.body), state: 'open', user: { login: `${this.slug}[bot]`, type: 'Bot' } });
      send(201, { number });
      return true;
    }
    if (method === 'PATCH' && (m = /^\/issues\/(\d+)$/.exec(path)) !== null) {
      return patch(this.issues.find((i) => i.number === Number(m?.[1])), body, send);
    }
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(path)) !== null) {
      const issue = Number(m[1]);
      if (method === 'POST') {
        this.comments.push({ issue, body: String(body.body) });
        send(201, { id: this.comments.length });
      } else {
        send(200, Number(query.get('page') ?? '1') === 1 ? this.comments.filter((c) => c.issue === issue).map((c, i) => ({ id: i + 1, body: c.body })) : []);
      }
      return true;
    }
    return false;
  }

  /** The nearest commit both reach (breadth first from `head`), as git's merge base for these simple histories. */
  private mergeBase(base: string, head: string): string | undefined {
    const queue = [head];
    for (let i = 0; i < queue.length; i++) {
      if (this.isAncestor(queue[i], base)) return queue[i];
      queue.push(...(this.commits.get(queue[i])?.parents ?? []));
    }
    return undefined;
  }

  private isAncestor(ancestor: string, sha: string): boolean {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const s = stack.pop() as string;
      if (s === ancestor) return true;
      if (seen.has(s)) continue;
      seen.add(s);
      stack.push(...(this.commits.get(s)?.parents ?? []));
    }
    return false;
  }
}

/** PATCH of a pull request or an issue: the title, body and state the request sets. */
function patch(item: { title: string; body: string; state: string } | undefined, body: Record<string, unknown>, send: (status: number, data?: unknown) => void): true {
  if (item === undefined) return (send(404, { message: 'Not Found' }), true);
  if (typeof body.title === 'string') item.title = body.title;
  if (typeof body.body === 'string') item.body = body.body;
  if (body.state === 'closed' || body.state === 'open') item.state = body.state;
  send(200, item);
  return true;
}
