import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The layering docs/architecture.md describes, checked on the source text (the import rules
 * are eslint's, in eslint.config.mjs): SQL is written only in repositories, and only the
 * articles repository writes the articles table.
 */
const SRC = join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => ({
  name: relative(SRC, path),
  text: readFileSync(path, 'utf8'),
}));

/** A statement in a string or template literal, or a call that sends one. */
const SQL =
  /[`'"]\s*(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|WITH \w+ AS|COPY \w+)\b|\.query\s*[<(]|\.getRepository\(|\.createQueryBuilder\(/;
/** src/database runs migrations and holds the row mappers every repository uses. */
const MAY_HOLD_SQL = (name: string) =>
  name.endsWith('.repository.ts') || name.startsWith('database/');

describe('layering', () => {
  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.name === 'articles/articles.repository.ts')).toBe(true);
  });

  it('writes SQL only in repositories', () => {
    const outside = files.filter((f) => !MAY_HOLD_SQL(f.name) && SQL.test(f.text));
    expect(outside.map((f) => f.name)).toEqual([]);
  });

  it('writes the articles table only in the articles repository', () => {
    const writes = /\b(INSERT INTO|UPDATE|DELETE FROM)\s+articles\b/;
    const writers = files.filter((f) => writes.test(f.text)).map((f) => f.name);
    expect(writers).toEqual(['articles/articles.repository.ts']);
  });

  it('sees SQL where it is (the check is not blind)', () => {
    expect(SQL.test(files.find((f) => f.name === 'scoring/scoring.repository.ts')!.text)).toBe(
      true,
    );
  });
});
