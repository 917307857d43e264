#!/usr/bin/env node
import { CliError, type CliCommand, type CliIo } from './cli/io';

/**
 * `require` on first use. (Under `nodenext` a dynamic `import()` needs a `.js` specifier, which
 * jest cannot map back to the `.ts` source without extra configuration.)
 */
function loadModule(path: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load
  return require(path);
}

interface CommandEntry {
  name: string;
  usage: string;
  summary: string;
  /** Loaded only when the command runs: `analyze` and `score` need only the analysis core, not
   * the Nest, database and queue modules that `reanalyze` and `backtest` import. */
  load: () => CliCommand;
}

// Each command lives in its own file under src/cli/; adding one is an entry here (a unit test
// checks that name, usage and summary match the command module).
export const COMMANDS: CommandEntry[] = [
  {
    name: 'analyze',
    usage:
      'analyze FILE|- [--monitor ID[,ID…]|auto] [--monitor-file FILE] [--source NAME] [--json]',
    summary: 'speaker side, tone and framing for every paragraph of an article',
    load: () =>
      (loadModule('./cli/analyze.command') as typeof import('./cli/analyze.command'))
        .analyzeCommand,
  },
  {
    name: 'monitors',
    usage: 'monitors check FILE… | monitors schema',
    summary: 'check monitor files as start-up would (file, field, reason), or print their schema',
    load: () =>
      (loadModule('./cli/monitors.command') as typeof import('./cli/monitors.command'))
        .monitorsCommand,
  },
  {
    name: 'score',
    usage: 'score < lines.txt',
    summary: 'tone of each stdin line, one JSON object per line',
    load: () =>
      (loadModule('./cli/score.command') as typeof import('./cli/score.command')).scoreCommand,
  },
  {
    name: 'eval',
    usage: 'eval FILE.jsonl|- [--show-errors] [--json]',
    summary: 'side accuracy and tone agreement of the analysis on labelled articles',
    load: () =>
      (loadModule('./cli/eval.command') as typeof import('./cli/eval.command')).evalCommand,
  },
  {
    name: 'reanalyze',
    usage: 'reanalyze [--monitor ID] [--all] [--limit N]',
    summary:
      're-queue articles scored by an older analysis version (uses DATABASE_URL, REDIS_URL, REDIS_PREFIX)',
    load: () =>
      (loadModule('./cli/reanalyze.command') as typeof import('./cli/reanalyze.command'))
        .reanalyzeCommand,
  },
  {
    name: 'events',
    usage: 'events rebuild [--monitor ID]',
    summary: 'regroup stored scored articles into events, in time order (uses DATABASE_URL)',
    load: () =>
      (loadModule('./cli/events.command') as typeof import('./cli/events.command')).eventsCommand,
  },
  {
    name: 'wire',
    usage: 'wire backfill [--batch N]',
    summary:
      'fingerprint and link scored articles that have no fingerprints into wire groups (uses DATABASE_URL)',
    load: () =>
      (loadModule('./cli/wire.command') as typeof import('./cli/wire.command')).wireCommand,
  },
  {
    name: 'ingest',
    usage:
      'ingest PATH… [--api URL] [--key KEY] [--monitor ID[,ID…]|auto] [--source NAME] [--chunk N]',
    summary:
      'send .txt, .html and .jsonl articles to the API (TONEWATCH_API_URL, TONEWATCH_API_KEY)',
    load: () =>
      (loadModule('./cli/ingest.command') as typeof import('./cli/ingest.command')).ingestCommand,
  },
  {
    name: 'demo',
    usage: 'demo [--api URL] [--key KEY] [--timeout SECONDS]',
    summary:
      'load invented sample articles of the last 28 days into a running API, wait until scored',
    load: () =>
      (loadModule('./cli/demo.command') as typeof import('./cli/demo.command')).demoCommand,
  },
  {
    name: 'backtest',
    usage:
      'backtest --rule FILE --since ISO|30d [--until ISO|now] [--syndication collapse|all] [--database-url URL] [--json]',
    summary:
      'replay stored paragraphs (asymmetry: events) through an alert rule: when it would have fired and resolved',
    load: () =>
      (loadModule('./cli/backtest.command') as typeof import('./cli/backtest.command'))
        .backtestCommand,
  },
];

const USAGE_WIDTH = 52;

/** One line a command; a usage too long for the column puts its summary on the next line. */
export function usage(): string {
  const lines = ['usage: tonewatch <command> [options]', '', 'commands:'];
  for (const c of COMMANDS) {
    if (c.usage.length <= USAGE_WIDTH) lines.push(`  ${c.usage.padEnd(USAGE_WIDTH)}  ${c.summary}`);
    else lines.push(`  ${c.usage}`, `  ${' '.repeat(USAGE_WIDTH)}  ${c.summary}`);
  }
  lines.push(
    '',
    'environment (none of the commands needs API_KEYS):',
    '  ingest, demo      TONEWATCH_API_URL (default http://127.0.0.1:3000), TONEWATCH_API_KEY',
    '                    (else the first of API_KEYS); --api and --key win',
    '  reanalyze         DATABASE_URL, REDIS_URL, REDIS_PREFIX: those of the deployment',
    '  backtest          DATABASE_URL (or --database-url)',
    '  events, wire      DATABASE_URL',
    '  analyze, eval, backtest, reanalyze, events  MONITORS_DIR, as the services read it',
  );
  return `${lines.join('\n')}\n`;
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(usage());
      return name ? 0 : 2;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) {
      const known = COMMANDS.map((c) => c.name).join(', ');
      throw new CliError(`unknown command '${name}' (commands: ${known})`, 2);
    }
    await command.load().run(args, io);
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`tonewatch: ${message.split('\n')[0]}\n`);
    return err instanceof CliError ? err.exitCode : 1;
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  }).then((code) => {
    process.exitCode = code;
  });
}
