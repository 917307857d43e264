import {
  evaluate,
  EvaluationInputError,
  parseLabelledArticle,
  type EvaluationReport,
  type LabelledArticle,
} from '../analysis';
import { loadMonitorsDir } from '../monitors/monitor-files';
import { CliError, parseArgs, readTextInput, type CliCommand, type CliIo } from './io';

/** A labelled set of a few hundred articles is a few MB; this leaves room for large user sets. */
const MAX_EVAL_BYTES = 64 * 1024 * 1024;

function percent(correct: number, total: number): string {
  return total === 0 ? '  n/a' : `${((100 * correct) / total).toFixed(1)}%`;
}

function table(confusion: Record<string, Record<string, number>>, title: string): string[] {
  const labels = [
    ...new Set([
      ...Object.keys(confusion),
      ...Object.values(confusion).flatMap((row) => Object.keys(row)),
    ]),
  ].sort();
  const width = Math.max(9, ...labels.map((l) => l.length + 1));
  const lines = [`${title} (rows: labelled, columns: Tonewatch)`];
  lines.push(`${''.padEnd(width)}${labels.map((l) => l.padStart(width)).join('')}`);
  for (const row of labels) {
    lines.push(
      `${row.padEnd(width)}${labels.map((c) => String(confusion[row]?.[c] ?? 0).padStart(width)).join('')}`,
    );
  }
  return lines;
}

export function formatReport(report: EvaluationReport, showErrors: boolean): string {
  const s = report.side;
  const lines = [
    `side accuracy ${percent(s.correct, s.total)} (${s.correct}/${s.total}; ${report.doubtfulLeftOut} doubtful paragraph(s) left out)`,
    '',
    ...table(report.sideConfusion, 'side confusion'),
    '',
    'by monitor',
  ];
  for (const [monitor, acc] of Object.entries(report.byMonitor)) {
    lines.push(
      `  ${monitor.padEnd(20)} ${percent(acc.correct, acc.total).padStart(6)}  ${acc.correct}/${acc.total}`,
    );
  }
  lines.push('', 'by article');
  for (const a of report.byArticle) {
    lines.push(
      `  ${a.id.padEnd(36)} ${a.monitor.padEnd(16)} ${percent(a.side.correct, a.side.total).padStart(6)}  ${a.side.correct}/${a.side.total}`,
    );
  }
  if (report.tone) {
    const t = report.tone;
    lines.push(
      '',
      `tone: r ${t.r.toFixed(3)}, label accuracy ${percent(Math.round(t.accuracy * t.paragraphs), t.paragraphs)} over ${t.paragraphs} paragraph(s)`,
      ...table(t.confusion, 'tone confusion'),
    );
  } else {
    lines.push('', 'tone: no paragraph has a tone label');
  }
  if (showErrors) {
    lines.push('', `side misses (${report.misses.length})`);
    for (const m of report.misses) {
      lines.push(
        `- ${m.article} #${m.index}: labelled ${m.expected}, got ${m.got}; speaker ${m.speaker ?? '-'}; ${m.reason}`,
      );
      if (m.why) lines.push(`    label: ${m.why}`);
      lines.push(`    ${m.text}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function readLabelledSet(text: string, name: string): LabelledArticle[] {
  const articles: LabelledArticle[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new CliError(`${name} line ${i + 1}: not valid JSON`);
    }
    articles.push(parseLabelledArticle(value, `${name} line ${i + 1}`));
  });
  if (articles.length === 0) throw new CliError(`${name} holds no labelled article`);
  return articles;
}

export const evalCommand: CliCommand = {
  name: 'eval',
  usage: 'eval FILE.jsonl|- [--show-errors] [--json]',
  summary: 'side accuracy and tone agreement of the analysis on labelled articles',
  async run(args: string[], io: CliIo): Promise<void> {
    const { positional, flags } = parseArgs(args, { flags: ['show-errors', 'json'], values: [] });
    if (positional.length !== 1) throw new CliError(`usage: tonewatch ${this.usage}`, 2);
    const name = positional[0] === '-' ? 'stdin' : positional[0];
    // Labelled articles may name a monitor of MONITORS_DIR, read as the services read it.
    const monitorProblems = loadMonitorsDir(process.env.MONITORS_DIR?.trim() || null);
    if (monitorProblems.length > 0) throw new CliError(monitorProblems.join('; '));
    const text = await readTextInput(positional[0], io, MAX_EVAL_BYTES);
    let report: EvaluationReport;
    try {
      report = evaluate(readLabelledSet(text, name));
    } catch (err) {
      if (err instanceof EvaluationInputError) throw new CliError(err.message);
      throw err;
    }
    io.stdout(
      flags.has('json')
        ? `${JSON.stringify(report, null, 2)}\n`
        : formatReport(report, flags.has('show-errors')),
    );
  },
};
