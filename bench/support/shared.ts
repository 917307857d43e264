import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Repository root: the nearest ancestor with a package.json (works from bench/ and dist/bench/). */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export function sharedFile(relativePath: string): string | null {
  const path = join(dirname(repoRoot()), 'shared', relativePath);
  return existsSync(path) ? path : null;
}
