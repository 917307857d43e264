import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { runCli } from '../../src/cli';
import { createApiApp } from '../../src/main';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

const ARTICLES = join(__dirname, '../fixtures/feeds/articles');

/** `tonewatch ingest` against a real API listening on loopback. */
describe('ingest CLI', () => {
  let env: TestEnv;
  let api: INestApplication;
  let apiUrl: string;
  let dir: string;
  let db: Client;

  beforeAll(async () => {
    env = await createTestEnv({ MAX_BATCH_SIZE: '2' });
    api = await createApiApp(env.config);
    await api.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${((api.getHttpServer() as Server).address() as AddressInfo).port}`;
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    dir = mkdtempSync(join(tmpdir(), 'tonewatch-ingest-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db?.end();
    await api?.close();
    await env?.drop();
  });

  async function ingest(...args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['ingest', ...args], {
      stdin: [],
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
    });
    return { code, stdout, stderr };
  }

  it('sends text, HTML and JSON Lines files in batches and summarises the outcome', async () => {
    copyFileSync(join(ARTICLES, 'geneva-talks.html'), join(dir, 'geneva.html'));
    const hotline = readFileSync(join(ARTICLES, 'hotline-wire.html'), 'utf8');
    writeFileSync(
      join(dir, 'statement.txt'),
      'The foreign ministry said on Monday that China "firmly opposes" the new tariffs.\n\n' +
        'A White House spokesperson said the measures were a response to unfair trade practices.',
    );
    writeFileSync(
      join(dir, 'backfill.jsonl'),
      [
        JSON.stringify({
          html: hotline,
          url: 'https://news.example/hotline',
          title: 'Hotline',
          publishedAt: '2024-06-13T10:00:00Z',
        }),
        '',
        JSON.stringify({
          text: 'Beijing and Washington agreed to keep talking.',
          monitor: 'russia-ukraine',
        }),
        '{"text": "broken',
        JSON.stringify({ text: 'Dated wrongly.', publishedAt: 'yesterday' }),
        JSON.stringify({ html: hotline, url: 'https://news.example/hotline' }),
      ].join('\n'),
    );

    const run = await ingest(
      dir,
      '--api',
      apiUrl,
      '--key',
      TEST_API_KEY,
      '--source',
      'Backfill',
      '--chunk',
      '2',
    );

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('sent 6, accepted 4, duplicates 1, rejected 2');
    expect(run.stdout).toMatch(/rejected .*backfill\.jsonl:4: not valid JSON/);
    expect(run.stdout).toMatch(/rejected .*backfill\.jsonl:5: .*publishedAt/);
    expect(run.stderr).toMatch(/ingest: 3\/3 files, 6 sent/);
    expect(run.stderr).toContain('tonewatch: 2 article(s) rejected');

    const { rows } = await db.query<{ source: string; monitor: string; title: string | null }>(
      `SELECT source, monitors[1] AS monitor, title FROM articles ORDER BY created_at`,
    );
    expect(rows).toHaveLength(4);
    expect(rows.every((row) => row.source === 'Backfill')).toBe(true);
    expect(rows.map((row) => row.monitor).sort()).toEqual([
      'russia-ukraine',
      'us-china',
      'us-china',
      'us-china',
    ]);
  });

  it('exits 0 when nothing is rejected, counting resent articles as duplicates', async () => {
    const run = await ingest(
      join(dir, 'geneva.html'),
      join(dir, 'statement.txt'),
      '--api',
      apiUrl,
      '--key',
      TEST_API_KEY,
    );
    expect(run).toMatchObject({
      code: 0,
      stdout: 'sent 2, accepted 0, duplicates 2, rejected 0\n',
    });
  });

  it('sends --monitor A,B as several monitors, auto as the pick, and adds monitors on a repeat', async () => {
    const both = join(dir, 'both.txt');
    writeFileSync(both, 'The Kremlin and Beijing both said they wanted the talks to go on.');
    writeFileSync(
      join(dir, 'auto.jsonl'),
      JSON.stringify({
        text: 'Envoys from three capitals met for a second day.',
        monitors: 'auto',
      }),
    );
    const send = (path: string, monitor: string) =>
      ingest(path, '--api', apiUrl, '--key', TEST_API_KEY, '--monitor', monitor);
    const several = await send(both, 'us-china,russia-ukraine');
    expect(several.stdout).toBe('sent 1, accepted 1, duplicates 0, rejected 0\n');
    const auto = await send(join(dir, 'auto.jsonl'), 'us-china');
    expect(auto.stdout).toBe('sent 1, accepted 1, duplicates 0, rejected 0\n');
    // statement.txt is stored under the default monitor; naming another adds it
    const repeat = await send(join(dir, 'statement.txt'), 'russia-ukraine');
    expect(repeat.stdout).toBe('sent 1, accepted 0, duplicates 1, rejected 0\n');

    const { rows } = await db.query<{ body: string; monitors: string[]; auto_monitors: boolean }>(
      `SELECT body, monitors, auto_monitors FROM articles WHERE body LIKE ANY ($1::text[]) ORDER BY body`,
      [['The Kremlin%', 'Envoys%', 'The foreign ministry%']],
    );
    expect(rows.map((r) => [r.monitors, r.auto_monitors])).toEqual([
      // auto: nothing picked until a worker scores it
      [[], true],
      [['us-china', 'russia-ukraine'], false],
      [['us-china', 'russia-ukraine'], false],
    ]);
  });

  it('stops with a clear message when the key is wrong or the API is unreachable', async () => {
    const wrongKey = await ingest(
      join(dir, 'statement.txt'),
      '--api',
      apiUrl,
      '--key',
      'not-the-key-0000000000',
    );
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toMatch(/the API refused the key \(401/);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await ingest(join(dir, 'statement.txt'), '--api', deadUrl);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(`cannot reach the API at ${deadUrl} (ECONNREFUSED)`);
  });
});
