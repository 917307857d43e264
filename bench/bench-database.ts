/** The database the dashboard benchmarks fill and query by default; never one an application uses. */
export const BENCH_DATABASE = 'tonewatch_bench_queries';

/** `--database`: two people on one server can each fill and query their own. */
export const DATABASE_FLAG = { database: BENCH_DATABASE };

/** The fill drops the database it is given, so only names that say they are a benchmark's are taken. */
export function benchDatabaseName(name: string): string {
  if (!/^tonewatch_bench_[a-z0-9_]{1,40}$/.test(name)) {
    throw new Error(`--database must be tonewatch_bench_ followed by [a-z0-9_] (got "${name}")`);
  }
  return name;
}

const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrlOn(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** `--name value` flags; unknown flags stop the script so a typo never runs a different benchmark. */
export function parseFlags(argv: string[], known: Record<string, string>): Record<string, string> {
  const values = { ...known };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]?.replace(/^--/, '');
    const value = argv[i + 1];
    if (!name || !(name in known) || value === undefined) {
      throw new Error(
        `usage: ${Object.entries(known)
          .map(([flag, fallback]) => `[--${flag} ${fallback}]`)
          .join(' ')} (got "${argv.slice(i).join(' ')}")`,
      );
    }
    values[name] = value;
  }
  return values;
}

export const SERVER_FLAG = { server: DEFAULT_SERVER_URL };
