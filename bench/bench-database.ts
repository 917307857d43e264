/** The database the dashboard benchmarks fill and query; never one an application uses. */
export const BENCH_DATABASE = 'tonewatch_bench_queries';

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
