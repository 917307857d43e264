import {
  formatProblem,
  MONITOR_SCHEMA,
  parseMonitorFiles,
  shippedMonitorIds,
  type MonitorDefinition,
} from '../analysis';
import { monitorVersion } from '../analysis/monitor-file';
import { readMonitorFile, type MonitorFileContents } from '../monitors/monitor-files';
import { CliError, type CliCommand, type CliIo } from './io';

function describeMonitor(file: string, m: MonitorDefinition): string {
  const names = m.sides.reduce((n, s) => n + s.actors.reduce((k, g) => k + g.names.length, 0), 0);
  const sides = m.sides.map((s) => `${s.id} "${s.label}" ${s.colour}`).join(', ');
  return `ok ${file}: ${m.id} "${m.label}", ${m.sides.length} sides (${sides}), ${names} names, version ${monitorVersion(m)}\n`;
}

/** `monitors check FILE…`: the start-up checks of MONITORS_DIR, on files, without a server. */
function check(files: string[], io: CliIo): void {
  const read: MonitorFileContents[] = [];
  const problems: string[] = [];
  for (const path of files) {
    const { file, problem } = readMonitorFile(path);
    if (file) read.push(file);
    if (problem) problems.push(formatProblem(problem));
  }
  // Checked together, as one MONITORS_DIR: ids must differ from each other and the shipped ones.
  const result = parseMonitorFiles(read, shippedMonitorIds());
  problems.push(...result.problems.map(formatProblem));
  result.monitors.forEach((monitor, i) => io.stdout(describeMonitor(result.files[i], monitor)));
  for (const p of problems) io.stderr(`${p}\n`);
  if (problems.length > 0) {
    throw new CliError(`${problems.length} problem(s) in ${files.length} file(s)`);
  }
}

export const monitorsCommand: CliCommand = {
  name: 'monitors',
  usage: 'monitors check FILE… | monitors schema',
  summary: 'check monitor files as start-up would (file, field, reason), or print their schema',
  run(args: string[], io: CliIo): Promise<void> {
    const [verb, ...rest] = args;
    if (verb === 'check' && rest.length > 0 && !rest.some((a) => a.startsWith('--'))) {
      check(rest, io);
      return Promise.resolve();
    }
    if (verb === 'schema' && rest.length === 0) {
      io.stdout(`${JSON.stringify(MONITOR_SCHEMA, null, 2)}\n`);
      return Promise.resolve();
    }
    return Promise.reject(new CliError(`usage: tonewatch ${this.usage}`, 2));
  },
};
