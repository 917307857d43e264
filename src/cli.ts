#!/usr/bin/env node
import { analyzeCommand } from './cli/analyze.command';
import { backtestCommand } from './cli/backtest.command';
import { ingestCommand } from './cli/ingest.command';
import { CliError, type CliCommand, type CliIo } from './cli/io';
import { reanalyzeCommand } from './cli/reanalyze.command';
import { scoreCommand } from './cli/score.command';

// Each command lives in its own file under src/cli/; adding one is an import and an entry here.
const COMMANDS: CliCommand[] = [
  analyzeCommand,
  scoreCommand,
  reanalyzeCommand,
  ingestCommand,
  backtestCommand,
];

function usage(): string {
  const lines = ['usage: tonewatch <command> [options]', '', 'commands:'];
  for (const c of COMMANDS) {
    lines.push(`  ${c.usage.padEnd(52)} ${c.summary}`);
  }
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
    await command.run(args, io);
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
