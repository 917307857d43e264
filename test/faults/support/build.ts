import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
export const BUILT_API = join(ROOT, 'dist', 'src', 'main.js');
export const BUILT_WORKER = join(ROOT, 'dist', 'src', 'worker.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The fault tests run the built entrypoints, as production does; rebuild when sources are newer. */
export function ensureBuilt(): void {
  const sourcesChanged = Math.max(
    newestSource(join(ROOT, 'src')),
    newestSource(join(ROOT, 'migrations')),
  );
  if (
    existsSync(BUILT_API) &&
    existsSync(BUILT_WORKER) &&
    statSync(BUILT_API).mtimeMs >= sourcesChanged
  ) {
    return;
  }
  process.stdout.write('\nfault tests: building dist/ (npm run build)\n');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}
