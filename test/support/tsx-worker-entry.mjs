// Worker threads do not inherit tsx's loader on Node 20: a worker that must run the TypeScript
// sources (the CLI's diff worker, in tests) starts here, registers tsx, then loads the CLI entry.
import { register } from 'tsx/esm/api';

register();
await import('../../src/cli/index.ts');
