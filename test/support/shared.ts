import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Repository root (this file lives in test/support). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** The shared fixtures and data directory, a sibling of the repository: `../shared`. */
export const SHARED_DIR = join(dirname(REPO_ROOT), 'shared');

/** Absolute path of a file under ../shared, or null when it (or ../shared) is absent. */
export function sharedFile(relativePath: string): string | null {
  const path = join(SHARED_DIR, relativePath);
  return existsSync(path) ? path : null;
}

/**
 * `describe` when every listed ../shared file exists, otherwise `describe.skip` with one plain
 * line on stderr (not a console block with a code frame, which reads like a failure), so the
 * suite still passes on a checkout without the shared directory.
 */
export function describeWithShared(
  name: string,
  files: string[],
  body: (paths: Record<string, string>) => void,
): void {
  const paths: Record<string, string> = {};
  const missing: string[] = [];
  for (const f of files) {
    const p = sharedFile(f);
    if (p) paths[f] = p;
    else missing.push(f);
  }
  if (missing.length > 0) {
    process.stderr.write(
      `skipped "${name}": ${SHARED_DIR} is absent or lacks ${missing.join(', ')}\n`,
    );
    describe.skip(name, () => body(paths));
    return;
  }
  describe(name, () => body(paths));
}
