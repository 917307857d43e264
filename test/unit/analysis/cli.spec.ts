import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli';
import type { ArticleAnalysis, Tone } from '../../../src/analysis';
import { MAX_INPUT_BYTES } from '../../../src/cli/io';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], stdin: string | Buffer = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdin: [typeof stdin === 'string' ? Buffer.from(stdin) : stdin],
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'tonewatch-cli-'));
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const ARTICLE = [
  'WASHINGTON - Chinese and American negotiators met for a second day of trade talks.',
  '"The talks were constructive," a State Department spokesperson said.',
  "China's commerce ministry said Washington must lift its tariffs first.",
].join('\n\n');

describe('tonewatch analyze', () => {
  it('prints one JSON document with --json', async () => {
    const r = await run(['analyze', file('a.txt', ARTICLE), '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as ArticleAnalysis;
    expect(doc.monitor).toBe('us-china');
    expect(doc.paragraphs.map((p) => p.side)).toEqual(['neutral', 'us', 'china']);
    expect(doc.paragraphs[1].frames[0]).toMatchObject({ frame: 'constructive', side: 'us' });
    expect(Object.keys(doc.paragraphs[1].tone).sort()).toEqual([
      'afinn',
      'comparative',
      'label',
      'score',
      'terms',
      'value',
    ]);
    expect(doc.summary.paragraphs).toBe(3);
  });

  it('prints a readable table by default', async () => {
    const r = await run(['analyze', file('b.txt', ARTICLE)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/side\s+speaker\s+tone/);
    expect(r.stdout).toMatch(/^\s+1\s+us\s+a State Department spokesperson/m);
    expect(r.stdout).toContain('constructive(us)');
  });

  it('reads stdin with "-" and honours --monitor', async () => {
    const r = await run(
      ['analyze', '-', '--monitor', 'russia-ukraine', '--json'],
      'Peskov said Moscow was ready for talks.',
    );
    expect(JSON.parse(r.stdout).paragraphs[0].side).toBe('russia');
  });

  it('gives an empty result for empty input', async () => {
    const r = await run(['analyze', file('empty.txt', ''), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).paragraphs).toEqual([]);
  });

  it.each([
    [['analyze', join(dir, 'missing.txt')], /file not found: .*missing\.txt/],
    [['analyze', dir], /is a directory/],
    [['analyze', '-', '--monitor', 'mars'], /unknown monitor 'mars'/],
    [['analyze'], /usage: tonewatch analyze/],
    [['analyze', '-', '--colour'], /unknown option --colour/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('fails with one line and a non-zero exit for %j', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rejects binary input', async () => {
    const r = await run([
      'analyze',
      file('bin.dat', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/binary/);
  });

  it('rejects text that is not UTF-8', async () => {
    const r = await run(['analyze', file('latin1.txt', Buffer.from('Caf\xe9 society', 'latin1'))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not valid UTF-8/);
  });

  it('rejects a file over the size limit before reading it', async () => {
    const r = await run(['analyze', file('big.txt', Buffer.alloc(MAX_INPUT_BYTES + 1, 'a'))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/over the size limit/);
  });
});

describe('tonewatch score', () => {
  it('prints one JSON object per input line', async () => {
    const r = await run(
      ['score'],
      'The talks were a success.\nBeijing firmly opposes the sale.\n\n',
    );
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Omit<Tone, 'terms'>);
    expect(lines).toHaveLength(3);
    expect(lines[0].label).toBe('positive');
    expect(lines[1].label).toBe('negative');
    expect(lines[2]).toEqual({ value: 0, score: 0, comparative: 0, label: 'neutral' });
    expect(Object.keys(lines[0])).toEqual(['value', 'score', 'comparative', 'label']);
  });

  it('handles a final line without newline and \\r\\n endings', async () => {
    const r = await run(['score'], 'good\r\nbad');
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as Tone).label),
    ).toEqual(['positive', 'negative']);
  });

  it('gives no output for empty stdin', async () => {
    const r = await run(['score'], '');
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('rejects a line that is not UTF-8', async () => {
    const r = await run(['score'], Buffer.from([0x66, 0xff, 0x0a]));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 1 is not valid UTF-8/);
  });
});
