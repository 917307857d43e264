import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

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

/**
 * The rebuilt real-article development set: third-party texts, so they live outside the
 * repository (DEVSET_FILE, default ../devset/articles-dev.jsonl beside the checkout).
 */
export function devsetFile(): string | null {
  const path = resolve(process.env.DEVSET_FILE ?? join(dirname(repoRoot()), 'devset', 'articles-dev.jsonl'));
  return existsSync(path) ? path : null;
}
