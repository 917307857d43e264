import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli';
import { loadUserMonitors, type ArticleAnalysis } from '../../../src/analysis';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdin: [],
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

const fixture = join(__dirname, '../../fixtures/monitors/arvenia-belmora.json');
const dir = mkdtempSync(join(tmpdir(), 'tonewatch-monitors-cli-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
function fixtureDoc(): Record<string, unknown> & { sides: Record<string, unknown>[] } {
  return JSON.parse(readFileSync(fixture, 'utf8')) as ReturnType<typeof fixtureDoc>;
}

const ARTICLE = [
  'TALVORA - Engineers from both countries inspected the dam on Tuesday.',
  '"The inspection went well," Foreign Secretary Teodor Quill said.',
  'A Belmoran spokesperson said Ostrelle would not accept the survey.',
].join('\n\n');

afterEach(() => {
  delete process.env.MONITORS_DIR;
  loadUserMonitors([]);
});

describe('tonewatch monitors check', () => {
  it('reports a valid file with its sides, colours, name count and version', async () => {
    const r = await run(['monitors', 'check', fixture]);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: expect.stringMatching(
        /^ok .*arvenia-belmora\.json: arvenia-belmora "Arvenia – Belmora", 2 sides \(arvenia "Arvenia" #0d9488, belmora "Belmora" #9333ea\), 19 names, version [0-9a-f]{16}\n$/,
      ),
    });
  });

  it('names file, field and reason for every problem and exits 1', async () => {
    const bad = fixtureDoc();
    bad.sides[0].colour = 'teal';
    bad.sides[1].flag = 'x';
    const clash = { ...fixtureDoc(), id: 'russia-ukraine' };
    const path = file('bad.json', bad);
    const clashPath = file('clash.json', clash);
    const broken = file('broken.json', '{"id": "x",');
    const r = await run(['monitors', 'check', fixture, path, clashPath, broken]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ok .*arvenia-belmora\.json: arvenia-belmora/);
    expect(r.stderr.split('\n')).toEqual([
      `${path}: sides[0].colour: 'teal' is not a colour written #rrggbb`,
      `${path}: sides[1].flag: unknown key 'flag' (allowed: id, label, colour, actors)`,
      `${clashPath}: id: 'russia-ukraine' is the id of a shipped monitor; choose another id`,
      expect.stringMatching(new RegExp(`^${broken}: \\(file\\): not valid JSON`)),
      'tonewatch: 4 problem(s) in 4 file(s)',
      '',
    ]);
  });

  it('checks files together: two files may not share an id; a missing file is named', async () => {
    const copy = file('copy.json', readFileSync(fixture, 'utf8'));
    const r = await run(['monitors', 'check', fixture, copy, join(dir, 'absent.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'absent.json')}: (file): cannot be read: ENOENT`);
    expect(r.stderr).toContain(`${copy}: id: 'arvenia-belmora' is already the id of ${fixture}`);
  });

  it('prints the published schema and refuses other arguments', async () => {
    const r = await run(['monitors', 'schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(
      JSON.parse(readFileSync(join(__dirname, '../../../docs/monitor.schema.json'), 'utf8')),
    );
    expect((await run(['monitors', 'check'])).code).toBe(2);
    expect((await run(['monitors'])).stderr).toMatch(/usage: tonewatch monitors check FILE/);
  });
});

describe('tonewatch analyze with a monitor file', () => {
  it("runs the README's example: the example article with the example monitor file", async () => {
    const examples = join(__dirname, '../../../examples');
    const r = await run([
      'analyze',
      join(examples, 'india-pakistan-river-commission.txt'),
      '--monitor-file',
      join(examples, 'monitors/india-pakistan.json'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    const analysis = JSON.parse(r.stdout) as ArticleAnalysis;
    expect(analysis.monitor).toBe('india-pakistan');
    expect(new Set(analysis.paragraphs.map((p) => p.side))).toEqual(
      new Set(['neutral', 'india', 'pakistan']),
    );
  });

  it('--monitor-file analyses with that monitor by default', async () => {
    const r = await run(['analyze', file('a.txt', ARTICLE), '--monitor-file', fixture, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as ArticleAnalysis;
    expect(doc.monitor).toBe('arvenia-belmora');
    expect(doc.paragraphs.map((p) => p.side)).toEqual(['neutral', 'arvenia', 'belmora']);
  });

  it('--monitor still picks a shipped monitor beside the file', async () => {
    const r = await run([
      'analyze',
      file('b.txt', 'Xi said so.'),
      '--monitor-file',
      fixture,
      '--monitor',
      'us-china',
      '--json',
    ]);
    expect((JSON.parse(r.stdout) as ArticleAnalysis).paragraphs[0].side).toBe('china');
  });

  it('a broken monitor file stops the command naming the field', async () => {
    const bad = fixtureDoc();
    bad.sides[1].actors = [];
    const r = await run(['analyze', file('c.txt', ARTICLE), '--monitor-file', file('e.json', bad)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`e.json: sides[1].actors: side 'belmora' has no actors`);
    expect(r.stderr).toContain('tonewatch: 1 problem(s) in monitor files; nothing analysed');
  });

  it('reads MONITORS_DIR as the other processes do', async () => {
    const monitors = join(dir, 'monitors');
    mkdirSync(monitors, { recursive: true });
    copyFileSync(fixture, join(monitors, 'arvenia-belmora.json'));
    process.env.MONITORS_DIR = monitors;
    const r = await run([
      'analyze',
      file('d.txt', ARTICLE),
      '--monitor',
      'arvenia-belmora',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as ArticleAnalysis).paragraphs[2].side).toBe('belmora');
  });
});

describe('tonewatch analyze under several monitors', () => {
  const BOTH = [
    'Chinese Foreign Minister Wang Yi met Sergei Lavrov in Beijing on Tuesday.',
    'Wang said China would keep an objective position on the war in Ukraine.',
    'Lavrov said Moscow valued the partnership.',
  ].join('\n\n');

  it('--monitor auto gives one analysis per monitor the article involves', async () => {
    const r = await run(['analyze', file('both.txt', BOTH), '--monitor', 'auto', '--json']);
    expect(r.code).toBe(0);
    const docs = JSON.parse(r.stdout) as ArticleAnalysis[];
    expect(docs.map((d) => d.monitor)).toEqual(['russia-ukraine', 'us-china']);
    expect(docs[0].paragraphs[2].side).toBe('russia');
  });

  it('--monitor A,B prints a table for each; an unknown id in the list is refused', async () => {
    const r = await run([
      'analyze',
      file('both2.txt', BOTH),
      '--monitor',
      'us-china,russia-ukraine',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^monitor us-china\n[\s\S]*\nmonitor russia-ukraine\n/);
    const bad = await run(['analyze', file('both3.txt', BOTH), '--monitor', 'us-china,mars']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /unknown monitor 'mars' \(known: us-china, russia-ukraine, or auto\)/,
    );
  });
});

describe('tonewatch backtest with MONITORS_DIR', () => {
  it('reads the folder as the services do and stops on a broken file before any database', async () => {
    const monitors = join(dir, 'broken-monitors');
    mkdirSync(monitors, { recursive: true });
    const bad = fixtureDoc();
    bad.sides[0].colour = 'teal';
    writeFileSync(join(monitors, 'bad.json'), JSON.stringify(bad));
    process.env.MONITORS_DIR = monitors;
    const r = await run(['backtest', '--rule', file('rule.json', '{}'), '--since', '30d']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `tonewatch: MONITORS_DIR: ${join(monitors, 'bad.json')}: sides[0].colour: 'teal' is not a colour written #rrggbb\n`,
    );
  });
});

describe('tonewatch eval with MONITORS_DIR', () => {
  it("scores labelled articles of a monitor of one's own", async () => {
    const monitors = join(dir, 'eval-monitors');
    mkdirSync(monitors, { recursive: true });
    copyFileSync(fixture, join(monitors, 'arvenia-belmora.json'));
    process.env.MONITORS_DIR = monitors;
    const labelled = {
      id: 'dam-talks',
      monitor: 'arvenia-belmora',
      paragraphs: [
        {
          text: '"The inspection went well," Foreign Secretary Teodor Quill said.',
          side: 'arvenia',
        },
        {
          text: 'A Belmoran spokesperson said Ostrelle would not accept the survey.',
          side: 'belmora',
        },
      ],
    };
    const r = await run(['eval', file('dam.jsonl', `${JSON.stringify(labelled)}\n`), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ side: { correct: 2, total: 2 } });
  });
});
