import {
  analyzeArticle,
  DEFAULT_MONITOR,
  formatProblem,
  listMonitors,
  loadUserMonitors,
  parseMonitorFile,
  type ArticleAnalysis,
  type MonitorProblem,
} from '../analysis';
import { analyzeUnderMonitors, AUTO_MONITORS } from '../analysis/several-monitors';
import { readMonitorFile, readMonitorsDir } from '../monitors/monitor-files';
import { CliError, parseArgs, readTextInput, type CliCommand, type CliIo } from './io';

/**
 * The monitors of MONITORS_DIR (as every process loads them) and the one of --monitor-file;
 * returns the id of the latter, or null. Problems go to stderr and stop the command.
 */
function loadMonitors(path: string | undefined, io: CliIo): string | null {
  const dir = process.env.MONITORS_DIR?.trim();
  const {
    files,
    problems,
  }: { files: { file: string; contents: string }[]; problems: MonitorProblem[] } = dir
    ? readMonitorsDir(dir)
    : { files: [], problems: [] };
  let id: string | null = null;
  if (path !== undefined) {
    const { file, problem } = readMonitorFile(path);
    if (problem) problems.push(problem);
    if (file) {
      files.push(file);
      id = parseMonitorFile(file.file, file.contents).monitor?.id ?? null;
    }
  }
  if (problems.length === 0) problems.push(...loadUserMonitors(files));
  if (problems.length > 0) {
    for (const p of problems) io.stderr(`${formatProblem(p)}\n`);
    throw new CliError(`${problems.length} problem(s) in monitor files; nothing analysed`);
  }
  return id;
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= width ? flat.padEnd(width) : `${flat.slice(0, width - 1)}…`;
}

export function formatTable(result: ArticleAnalysis): string {
  if (result.paragraphs.length === 0) return `monitor ${result.monitor}: no paragraphs\n`;
  const lines = [
    `monitor ${result.monitor}`,
    `${'#'.padStart(3)}  ${'side'.padEnd(8)} ${'speaker'.padEnd(32)} ${'tone'.padStart(6)} ${'label'.padEnd(8)} frames`,
  ];
  for (const p of result.paragraphs) {
    const frames = p.frames
      .map((f) => `${f.negated ? 'not ' : ''}${f.frame}(${f.side})`)
      .join(', ');
    lines.push(
      `${String(p.index).padStart(3)}  ${p.side.padEnd(8)} ${clip(p.speaker ?? '-', 32)} ${p.tone.value.toFixed(2).padStart(6)} ${p.tone.label.padEnd(8)} ${frames}`,
    );
  }
  lines.push('');
  for (const [side, s] of Object.entries(result.summary.bySide)) {
    lines.push(
      `${side.padEnd(8)} ${s.paragraphs} paragraph(s), mean tone ${s.meanTone.toFixed(2)}, ${s.frames} frame(s)`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  usage: 'analyze FILE|- [--monitor ID[,ID…]|auto] [--monitor-file FILE] [--source NAME] [--json]',
  summary: 'speaker side, tone and framing for every paragraph of an article',
  async run(args: string[], io: CliIo): Promise<void> {
    const { positional, flags, values } = parseArgs(args, {
      flags: ['json'],
      values: ['monitor', 'monitor-file', 'source'],
    });
    if (positional.length !== 1) throw new CliError(`usage: tonewatch ${this.usage}`, 2);
    const fromFile = loadMonitors(values.get('monitor-file'), io);
    const named = values.get('monitor') ?? fromFile ?? DEFAULT_MONITOR;
    const monitors =
      named === AUTO_MONITORS ? AUTO_MONITORS : named.split(',').map((id) => id.trim());
    // Checked before reading so a typo fails fast even on a large file.
    for (const monitor of monitors === AUTO_MONITORS ? [] : monitors) {
      if (!listMonitors().some((m) => m.id === monitor)) {
        throw new CliError(
          `unknown monitor '${monitor}' (known: ${listMonitors()
            .map((m) => m.id)
            .join(', ')}, or auto)`,
        );
      }
    }
    const text = await readTextInput(positional[0], io);
    const source = values.get('source');
    if (monitors !== AUTO_MONITORS && monitors.length === 1) {
      const result = analyzeArticle(text, { monitor: monitors[0], source });
      io.stdout(flags.has('json') ? `${JSON.stringify(result, null, 2)}\n` : formatTable(result));
      return;
    }
    // Several monitors, or auto: one analysis per monitor (a JSON array), each its own table.
    const results = analyzeUnderMonitors(text, monitors, {
      source,
      defaultMonitor: fromFile ?? undefined,
    });
    io.stdout(
      flags.has('json')
        ? `${JSON.stringify(results, null, 2)}\n`
        : results.map((r) => formatTable(r)).join('\n'),
    );
  },
};
