import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A conflict left half-resolved compiles when it sits in a comment or a Markdown file, so the
 * compiler does not catch it: every tracked text file is checked for the markers git writes.
 */
const ROOT = join(__dirname, '..', '..');
const MARKER = /^(<{7}|>{7}) |^={7}$/m;

describe('tracked files', () => {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((name) => /\.(ts|js|mjs|json|md|yml|yaml|sql|html|css|txt)$/.test(name));

  it('are listed', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('hold no merge-conflict markers', () => {
    const marked = files.filter((name) => MARKER.test(readFileSync(join(ROOT, name), 'utf8')));
    expect(marked).toEqual([]);
  });
});
