// Extracts, from GitHub's official OpenAPI description (@octokit/openapi), just the REST endpoints
// the Action calls: their query parameters and request-body schemas, with descriptions and
// examples removed. The result, test/fixtures/github/openapi-subset.json, is committed; the fake
// GitHub in test/action/dist.test.ts validates every request the bundled Action makes against it.
//
// @octokit/openapi is 385 MB unpacked (every GitHub flavour, plain and dereferenced), so it is not a
// devDependency; install it for the run without touching package.json:
//   npm install --no-save @octokit/openapi@23.0.2 && node scripts/extract-github-schema.mjs
// Add an endpoint here when action/octokit.ts starts calling one.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENDPOINTS = [
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments',
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
  'GET /repos/{owner}/{repo}/git/blobs/{file_sha}',
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test/fixtures/github/openapi-subset.json');

let specPath;
let version;
try {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@octokit/openapi/package.json');
  version = JSON.parse(readFileSync(manifest, 'utf8')).version;
  specPath = join(dirname(manifest), 'generated', 'api.github.com.deref.json');
} catch {
  process.stderr.write('@octokit/openapi is not installed. Run: npm install --no-save @octokit/openapi@23.0.2\n');
  process.exit(2);
}

const spec = JSON.parse(readFileSync(specPath, 'utf8'));
const endpoints = {};
for (const endpoint of ENDPOINTS) {
  const [method, path] = endpoint.split(' ');
  const operation = spec.paths[path]?.[method.toLowerCase()];
  if (operation === undefined) throw new Error(`${endpoint} is not in GitHub's OpenAPI description`);
  const parameters = [...(spec.paths[path].parameters ?? []), ...(operation.parameters ?? [])];
  const query = {};
  for (const p of parameters.filter((p) => p.in === 'query')) query[p.name] = strip(p.schema ?? {});
  const body = operation.requestBody?.content?.['application/json']?.schema;
  endpoints[endpoint] = {
    operationId: operation.operationId,
    docs: operation.externalDocs?.url,
    query,
    requestBody: body === undefined ? null : { required: operation.requestBody.required === true, schema: strip(body) },
    success: Object.keys(operation.responses).filter((s) => /^2/.test(s)).map(Number),
  };
}

mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ source: `@octokit/openapi@${version} generated/api.github.com.deref.json`, openapi: spec.openapi, specVersion: spec.info.version, endpoints }, null, 2)}\n`,
);
process.stdout.write(`wrote ${ENDPOINTS.length} endpoints to ${out}\n`);

/** The schema without prose: descriptions, examples and documentation links do not validate anything. */
function strip(value) {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const kept = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'description' || k === 'example' || k === 'examples' || k === 'title' || k.startsWith('x-')) continue;
    kept[k] = strip(v);
  }
  return kept;
}
