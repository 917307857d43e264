import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli';
import type { EvaluationReport } from '../../../src/analysis';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdin: [],
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
  });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'tonewatch-eval-'));
function file(name: string, lines: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
  return path;
}

// Labels a careful reader would give; the third is deliberately labelled against the obvious
// reading so the set has exactly one miss to report.
const ARTICLE = {
  id: 'talks',
  monitor: 'us-china',
  paragraphs: [
    {
      text: 'Trade negotiators from both countries met in Geneva on Monday.',
      side: 'neutral',
      tone: 0,
    },
    {
      text: "China's commerce ministry said it firmly opposes the new export controls.",
      side: 'china',
      tone: -1,
    },
    {
      text: 'The State Department said the talks had been constructive.',
      side: 'china',
      tone: 1,
      why: 'deliberately wrong label',
    },
    { text: 'Analysts were divided on what comes next.', side: 'neutral', doubtful: true },
  ],
};

describe('tonewatch eval', () => {
  it('reports side accuracy with doubtful paragraphs left out, and the misses', async () => {
    const r = await run(['eval', file('set.jsonl', [ARTICLE]), '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as EvaluationReport;
    expect(report.side).toEqual({ correct: 2, total: 3 });
    expect(report.doubtfulLeftOut).toBe(1);
    expect(report.byMonitor['us-china']).toEqual({ correct: 2, total: 3 });
    expect(report.sideConfusion.china).toEqual({ china: 1, us: 1 });
    expect(report.misses).toHaveLength(1);
    expect(report.misses[0]).toMatchObject({ index: 2, expected: 'china', got: 'us' });
    expect(report.tone?.paragraphs).toBe(3);
  });

  it('prints tables and, with --show-errors, each miss with its speaker and reason', async () => {
    const r = await run(['eval', file('set2.jsonl', [ARTICLE]), '--show-errors']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/side accuracy 66\.7% \(2\/3; 1 doubtful/);
    expect(r.out).toMatch(/side confusion/);
    expect(r.out).toMatch(/talks #2: labelled china, got us; speaker The State Department/);
    expect(r.out).toMatch(/label: deliberately wrong label/);
  });

  it.each([
    ['not JSON', ['{"id": '], /line 1: not valid JSON/],
    ['no paragraphs', [{ id: 'x', paragraphs: [] }], /"paragraphs" must be a non-empty array/],
    [
      'bad tone',
      [{ id: 'x', paragraphs: [{ text: 'A.', side: 'us', tone: 5 }] }],
      /tone must be -1, 0 or 1/,
    ],
    ['missing side', [{ id: 'x', paragraphs: [{ text: 'A.' }] }], /paragraphs\[0\]\.side/],
    [
      'blank line inside a paragraph',
      [{ id: 'x', paragraphs: [{ text: 'A.\n\nB.', side: 'us' }] }],
      /1 labelled paragraphs split into 2/,
    ],
  ])('refuses %s with a message naming the problem', async (_name, lines, message) => {
    const r = await run(['eval', file(`bad-${_name.replace(/\W/g, '')}.jsonl`, lines)]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
  });

  it('refuses an unknown monitor', async () => {
    const r = await run(['eval', file('monitor.jsonl', [{ ...ARTICLE, monitor: 'nowhere' }])]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/nowhere/);
  });
});
