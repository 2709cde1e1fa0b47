#!/usr/bin/env node
// Loads the bundled CLI. lib/ is built by `npm run build` (npm install runs it through `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../lib/cli.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('fargate-warden: lib/cli.mjs is missing. Build it with `npm run build` in the package directory (npm ci / npm install do this through `prepare`).\n');
  process.exit(2);
}
await import(bundle.href);
