import { type Server } from 'node:http';
import { join } from 'node:path';
import { type AddressInfo } from 'node:net';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { runCli } from '../../src/cli';
import { DEMO_OUTLETS } from '../../src/demo/demo-articles';
import { createApiApp } from '../../src/main';
import { startTestWorker } from '../support/test-app';
import { REPO_ROOT } from '../support/shared';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

jest.setTimeout(240_000);

/**
 * `tonewatch demo` against the real API and worker: afterwards every dashboard route answers
 * with data for its default range (the last 30 days), as the README's examples expect.
 */
describe('tonewatch demo', () => {
  let env: TestEnv;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let apiUrl: string;

  beforeAll(async () => {
    env = await createTestEnv({ WORKER_CONCURRENCY: '4' });
    worker = await startTestWorker(env.config);
    api = await createApiApp(env.config);
    await api.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${((api.getHttpServer() as Server).address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await env?.drop();
  });

  async function demo(...args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['demo', '--api', apiUrl, ...args], {
      stdin: [],
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
    });
    return { code, stdout, stderr };
  }

  async function get<T>(path: string): Promise<T> {
    const response = await fetch(`${apiUrl}${path}`);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  it('loads the articles, waits until they are scored and sets off its alert rule', async () => {
    const result = await demo('--key', TEST_API_KEY);
    expect(result.stderr).not.toMatch(/tonewatch:/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^demo: 76 articles \(76 new, 0 already loaded\), published /);
    expect(result.stdout).toMatch(/alert rule "China cools \(demo\)" \(.+\) created; firing alert/);
    expect(result.stdout).toContain(`dashboard: ${apiUrl}/`);
  });

  it('gives every dashboard route data for its default range', async () => {
    const summary = await get<{ sides: { side: string; current: { paragraphs: number } }[] }>(
      '/api/tone/summary?tz=Europe/Paris',
    );
    const bySide = Object.fromEntries(summary.sides.map((s) => [s.side, s.current.paragraphs]));
    expect(bySide.us).toBeGreaterThan(50);
    expect(bySide.china).toBeGreaterThan(100);

    const series = await get<{
      buckets: string[];
      series: { side: string; paragraphs: number[] }[];
    }>('/api/tone/timeseries?bucket=day');
    const china = series.series.find((s) => s.side === 'china');
    expect(china?.paragraphs.filter((n) => n > 0).length).toBeGreaterThanOrEqual(25);

    const framing = await get<{ phrases: { sides: Record<string, number> }[] }>(
      '/api/framing?phrases=respectful,serious%20difficulties',
    );
    expect(framing.phrases).toHaveLength(2);
    for (const item of framing.phrases) expect(item.sides.china).toBeGreaterThan(0);

    const top = await get<{ sides: { side: string; frames: unknown[] }[] }>('/api/framing/top');
    expect(top.sides.filter((s) => s.frames.length > 0).length).toBeGreaterThanOrEqual(2);

    const sources = await get<{ sources: { source: string }[] }>('/api/sources/breakdown');
    expect(sources.sources.map((s) => s.source).sort()).toEqual(
      [...DEMO_OUTLETS.us, ...DEMO_OUTLETS.china, DEMO_OUTLETS.wire].sort(),
    );

    const csv = await fetch(
      `${apiUrl}/api/paragraphs?q=%22serious%20difficulties%22&side=china&format=csv`,
    );
    expect(csv.status).toBe(200);
    expect((await csv.text()).trim().split('\n').length).toBeGreaterThan(5);

    const latest = await get<{ articles: { paragraphs: unknown[] }[] }>(
      '/api/dashboard/latest-articles?limit=5',
    );
    expect(latest.articles).toHaveLength(5);

    const alerts = await get<{ items: { side: string; state: string; evidence: unknown[] }[] }>(
      '/api/alerts',
    );
    expect(alerts.items[0]).toMatchObject({ side: 'china', state: 'firing' });
    expect(alerts.items[0].evidence.length).toBeGreaterThan(0);

    const ru = await get<{ sides: { side: string; current: { paragraphs: number } }[] }>(
      '/api/tone/summary?monitor=russia-ukraine',
    );
    for (const side of ['russia', 'ukraine']) {
      expect(ru.sides.find((s) => s.side === side)?.current.paragraphs).toBeGreaterThan(5);
    }

    const { frames } = await get<{
      frames: { id: string; label: string; polarity: number; meaning: string }[];
    }>('/api/frames');
    expect(frames.find((f) => f.id === 'firmly-opposes')).toMatchObject({
      label: 'firmly opposes',
      polarity: -1,
    });
    expect(frames.every((f) => f.meaning.length > 10)).toBe(true);

    const articles = await get<{ items: unknown[] }>('/api/articles?status=scored&limit=5');
    expect(articles.items).toHaveLength(5);
  });

  it("shows each rule's detector status: armed or not and why, statistic against threshold", async () => {
    const { items } = await get<{ items: { id: string; name: string }[] }>('/api/alert-rules');
    const demoRule = items.find((r) => r.name === 'China cools (demo)');
    const armed = await get<{
      status: {
        armed: boolean;
        reason: string | null;
        baseline: { paragraphs: number; minParagraphs: number; from: string; to: string };
        channels: { channel: string; phase: string; statistic: number; threshold: number }[];
        lastEvaluatedAt: string | null;
      };
    }>(`/api/alert-rules/${demoRule?.id}`);
    expect(armed.status).toMatchObject({ armed: true, reason: null });
    expect(armed.status.baseline.paragraphs).toBeGreaterThanOrEqual(100);
    expect(armed.status.baseline.minParagraphs).toBe(100);
    expect(armed.status.channels).toEqual([
      expect.objectContaining({ channel: 'down', phase: 'firing', threshold: 9 }),
    ]);
    expect(armed.status.channels[0].statistic).toBeGreaterThan(9);
    expect(Date.parse(armed.status.lastEvaluatedAt ?? '')).toBeGreaterThan(Date.now() - 600_000);

    const created = await fetch(`${apiUrl}/api/alert-rules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': TEST_API_KEY },
      body: JSON.stringify({
        name: 'Moscow warms',
        monitor: 'russia-ukraine',
        side: 'russia',
        metric: 'tone',
        direction: 'up',
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const disarmed = await get<typeof armed>(`/api/alert-rules/${id}`);
    expect(disarmed.status.armed).toBe(false);
    expect(disarmed.status.reason).toMatch(
      /^the baseline \(\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\) holds \d+ of the 100 paragraphs the detector needs$/,
    );
    expect(disarmed.status.lastEvaluatedAt).toBeNull();
  });

  async function backtest(...args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(
      [
        'backtest',
        '--rule',
        join(REPO_ROOT, 'samples/alert-rules/china-cools.json'),
        '--database-url',
        env.databaseUrl,
        ...args,
      ],
      { stdin: [], stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    );
    return { code, stdout, stderr };
  }

  it("backtests the README's rule on the demo data: it fires, and says the detector was armed", async () => {
    const result = await backtest('--since', '3d');
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(
      /^rule "China cools" \(tone, down, syndication collapse\): \d+ article\(s\) replayed, 1 firing\(s\)/,
    );
    expect(result.stdout).toMatch(/\tfired\tdown\t/);
    expect(result.stdout).toMatch(
      /detector armed for every article: baseline \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d held \d+ paragraph\(s\), 100 needed/,
    );
  });

  it('says when and why the detector was not armed', async () => {
    // Four weeks back, the baseline before the first demo day is empty.
    const early = await backtest('--since', '27d', '--until', '20d', '--json');
    expect(early.code).toBe(0);
    const json = JSON.parse(early.stdout) as {
      events: unknown[];
      arming: {
        needs: number;
        disarmedArticles: number;
        articles: number;
        baseline: { paragraphs: number; armed: boolean };
      };
    };
    expect(json.events).toEqual([]);
    expect(json.arming.needs).toBe(100);
    expect(json.arming.disarmedArticles).toBe(json.arming.articles);
    expect(json.arming.baseline.armed).toBe(false);
    expect(json.arming.baseline.paragraphs).toBeLessThan(100);
    const text = await backtest('--since', '27d', '--until', '20d');
    expect(text.stdout).toMatch(
      /detector not armed for (\d+) of \1 article\(s\): the baseline \(.+\) held \d+ of the 100 paragraph\(s\) it needs; nothing could fire/,
    );
  });

  it('run again, adds nothing and says so', async () => {
    const result = await demo('--key', TEST_API_KEY);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/76 articles \(0 new, 76 already loaded\)/);
    expect(result.stdout).toMatch(/already there/);
  });

  it('says plainly when the key is refused or no API answers', async () => {
    const refused = await demo('--key', 'not-the-key-0123456789');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the API refused the key \(401\)/);
    const nobody = await runCli(['demo', '--api', 'http://127.0.0.1:9', '--key', TEST_API_KEY], {
      stdin: [],
      stdout: () => undefined,
      stderr: (text) => expect(text).toMatch(/cannot reach the API at http:\/\/127\.0\.0\.1:9/),
    });
    expect(nobody).toBe(1);
  });
});
