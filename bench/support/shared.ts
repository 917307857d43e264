import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { LabelledArticle } from '../../src/analysis';
import { readLabelledSet } from '../../src/cli/eval.command';

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

/**
 * The rebuilt development set's articles with its path, or null after saying that `bench`
 * skipped because the set is absent.
 */
export function readDevset(bench: string): { path: string; articles: LabelledArticle[] } | null {
  const path = devsetFile();
  if (!path) {
    console.log(
      `${bench} skipped: no rebuilt development set (set DEVSET_FILE; see ../shared/tools/rebuild-real-articles.py)`,
    );
    return null;
  }
  return { path, articles: readLabelledSet(readFileSync(path, 'utf8'), path) };
}
