// Rebuilds dist/ and fails when the result differs from what is committed: a changed, deleted or
// new (untracked) file under dist/ means someone changed action/ or src/ without `npm run build:action`.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'scripts/build-action.mjs')], { cwd: root, stdio: 'inherit' });
const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', 'dist'], { cwd: root, encoding: 'utf8' });
if (status.trim() !== '') {
  const lines = status.trimEnd().split('\n');
  process.stderr.write(
    `dist/ is stale: rebuilding it changed ${lines.length} file(s):\n${lines.slice(0, 20).join('\n')}${lines.length > 20 ? `\n… and ${lines.length - 20} more` : ''}\n` +
      'Run `npm run build:action` and commit dist/.\n',
  );
  process.exit(1);
}
process.stdout.write('dist/ is up to date\n');
