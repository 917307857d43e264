import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The layering docs/architecture.md describes, checked on the source text (the import rules
 * are eslint's, in eslint.config.mjs): SQL is written only in repositories, in one style (raw
 * SQL whose rows are read through checked row mappers, no TypeORM entity repositories), and
 * each table has one writing repository, its owner.
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

/** Every table the migrations create. */
const MIGRATIONS = join(__dirname, '..', '..', 'migrations');
const TABLES = readdirSync(MIGRATIONS)
  .flatMap((name) => [
    ...readFileSync(join(MIGRATIONS, name), 'utf8').matchAll(
      /CREATE TABLE (?:IF NOT EXISTS )?(\w+)/g,
    ),
  ])
  .map((match) => match[1]);

/** The files whose statements write each table (INSERT, UPDATE, DELETE). */
function writersOf(table: string): string[] {
  const writes = new RegExp(`\\b(INSERT INTO|UPDATE|DELETE FROM)\\s+${table}\\b`);
  return files.filter((f) => writes.test(f.text)).map((f) => f.name);
}

/**
 * Tables with more than one writer, on purpose (docs/architecture.md, "Tables and their
 * owners"): an item's outcome adds to its run's counters in the item's own statement.
 */
const SHARED_WRITES: Record<string, string[]> = {
  source_runs: ['sources/source-items.repository.ts', 'sources/source-runs.repository.ts'],
};

/** TypeORM's entity API: repositories of entity classes, their query builders, the manager's finders. */
const ENTITY_ACCESS =
  /\.getRepository\s*\(|@InjectRepository\b|TypeOrmModule\.forFeature\b|\bRepository<|\.createQueryBuilder\s*\(|\.manager\.(save|insert|update|delete|find\w*|remove)\s*\(/;
/**
 * A statement's rows cast to a type (`db.query<Row[]>(…)`) rather than read by the row mappers
 * of src/database/rows.ts, which check each column; only mapRows itself calls query with a type.
 */
const CAST_ROWS = /\.query\s*</;

/** An import of an entity class (not of a type or constant an entity file also exports). */
const ENTITY_IMPORT = /import\s*\{[^}]*\b\w+Entity\b[^}]*\}\s*from\s*'[^']*\.entity'/;

describe('layering', () => {
  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.name === 'articles/articles.repository.ts')).toBe(true);
  });

  it('writes SQL only in repositories', () => {
    const outside = files.filter((f) => !MAY_HOLD_SQL(f.name) && SQL.test(f.text));
    expect(outside.map((f) => f.name)).toEqual([]);
  });

  it('reaches the database in one style: raw SQL, never an entity repository or query builder', () => {
    const users = files.filter((f) => ENTITY_ACCESS.test(f.text)).map((f) => f.name);
    expect(users).toEqual([]);
  });

  it('reads rows through the checked row mappers, never a query<T> cast', () => {
    const casts = files.filter((f) => CAST_ROWS.test(f.text)).map((f) => f.name);
    expect(casts).toEqual(['database/rows.ts']);
    // not blind: the style the mappers replaced
    expect(
      CAST_ROWS.test(`const rows = await this.db.query<{ id: string }[]>(\`SELECT id\`);`),
    ).toBe(true);
  });

  it('imports the entity classes only into the schema-drift list (src/database/entities.ts)', () => {
    const importers = files.filter((f) => ENTITY_IMPORT.test(f.text)).map((f) => f.name);
    expect(importers).toEqual(['database/entities.ts']);
  });

  it('has controllers and processors call services, never a repository', () => {
    const entry = (name: string) => /\.(controller|processor)\.ts$/.test(name);
    const importsRepository = /from\s+'[^']*\.repository'/;
    const callers = files.filter((f) => entry(f.name) && importsRepository.test(f.text));
    expect(files.filter((f) => entry(f.name)).length).toBeGreaterThan(10);
    expect(callers.map((f) => f.name)).toEqual([]);
  });

  it('writes each table from one repository only, its owner', () => {
    expect(TABLES.length).toBeGreaterThan(15);
    const shared = TABLES.map((table) => ({ table, writers: writersOf(table) })).filter(
      ({ table, writers }) => writers.length > 1 && !(table in SHARED_WRITES),
    );
    expect(shared).toEqual([]);
    for (const [table, writers] of Object.entries(SHARED_WRITES)) {
      expect({ table, writers: writersOf(table) }).toEqual({ table, writers });
    }
  });

  it('writes the alerts tables through their owners', () => {
    const owners = Object.fromEntries(
      TABLES.filter((t) => t.startsWith('alert')).map((table) => [table, writersOf(table)]),
    );
    expect(owners).toEqual({
      alert_rules: ['alerts/rules/alert-rules.repository.ts'],
      alert_rule_states: ['alerts/evaluation/rule-states.repository.ts'],
      alert_rule_articles: ['alerts/evaluation/rule-states.repository.ts'],
      alert_rule_events: ['alerts/evaluation/rule-states.repository.ts'],
      alerts: ['alerts/alerts.repository.ts'],
      alert_deliveries: ['alerts/delivery/deliveries.repository.ts'],
    });
  });

  it('writes the articles table only in the articles repository', () => {
    const writes = /\b(INSERT INTO|UPDATE|DELETE FROM)\s+articles\b/;
    const writers = files.filter((f) => writes.test(f.text)).map((f) => f.name);
    expect(writers).toEqual(['articles/articles.repository.ts']);
  });

  it('sees entity repositories and entity imports where they were (the checks are not blind)', () => {
    const earlier = [
      `return this.dataSource.getRepository(AlertRuleEntity).findOneBy({ id });`,
      `@InjectRepository(SourceEntity) private readonly sources: Repository<SourceEntity>`,
    ];
    for (const text of earlier) expect(ENTITY_ACCESS.test(text)).toBe(true);
    expect(
      ENTITY_IMPORT.test(
        `import { AlertEntity, type AlertState } from '../entities/alert.entity';`,
      ),
    ).toBe(true);
    expect(
      ENTITY_IMPORT.test(`import { SOURCE_KINDS, type SourceKind } from '../source.entity';`),
    ).toBe(false);
  });

  it('sees SQL where it is (the check is not blind)', () => {
    expect(SQL.test(files.find((f) => f.name === 'scoring/scoring.repository.ts')!.text)).toBe(
      true,
    );
  });
});
