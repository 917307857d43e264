import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { FRAMES } from '../../src/analysis';
import { runCli } from '../../src/cli';
import { createApiApp } from '../../src/main';
import { startTestWorker } from '../support/test-app';
import { createTestEnv, TEST_API_KEY, TEST_READ_KEY, type TestEnv } from '../support/test-env';

const CHROMIUM = '/usr/bin/chromium';
const describeWithChromium =
  existsSync(CHROMIUM) || process.env.CI === 'true' ? describe : describe.skip;
if (!existsSync(CHROMIUM) && process.env.CI !== 'true') {
  process.stderr.write(`skipped the dashboard view test: ${CHROMIUM} is absent\n`);
}

interface ChartView {
  labels: string[];
  ticks: string[];
  datasets: {
    label: string;
    type?: string;
    spanGaps?: boolean;
    tension?: number;
    data: (number | null)[];
    pointRadius?: number[];
    skipped: boolean[];
  }[];
}

/** The dashboard over the demo data, behind a read key, in Debian's Chromium. */
describeWithChromium('dashboard view (demo data, real browser)', () => {
  let env: TestEnv;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    // Private targets allowed: the management test adds a source on loopback.
    env = await createTestEnv({ READ_API_KEYS: TEST_READ_KEY, ALLOW_PRIVATE_TARGETS: 'true' });
    worker = await startTestWorker(env.config);
    api = await createApiApp(env.config);
    await api.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${((api.getHttpServer() as Server).address() as AddressInfo).port}`;
    const code = await runCli(['demo', '--api', baseUrl, '--key', TEST_API_KEY], {
      stdin: [],
      stdout: () => undefined,
      stderr: () => undefined,
    });
    expect(code).toBe(0);
    profile = mkdtempSync(join(tmpdir(), 'tonewatch-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      timezoneId: 'UTC',
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await api?.close();
    await worker?.close();
    await env?.drop();
  });

  const chart = (id: string) =>
    page.evaluate((canvasId): ChartView => {
      interface Dataset {
        label: string;
        type?: string;
        spanGaps?: boolean;
        tension?: number;
        data: (number | null)[];
        pointRadius?: number[];
      }
      interface ChartInstance {
        options: { indexAxis?: string };
        scales: Record<string, { ticks: { label: unknown }[] }>;
        data: { labels: string[]; datasets: Dataset[] };
        getDatasetMeta(index: number): { data: { skip?: boolean }[] };
      }
      const charts = (window as unknown as { Chart: { getChart(id: string): ChartInstance } })
        .Chart;
      const c = charts.getChart(canvasId);
      const axis = c.options.indexAxis === 'y' ? c.scales.y : c.scales.x;
      return {
        labels: c.data.labels,
        ticks: axis.ticks.map((t) => String(t.label)),
        datasets: c.data.datasets.map((d, i) => ({
          label: d.label,
          type: d.type,
          spanGaps: d.spanGaps,
          tension: d.tension,
          data: d.data,
          pointRadius: d.pointRadius,
          skipped: c.getDatasetMeta(i).data.map((p) => Boolean(p.skip)),
        })),
      };
    }, id);

  it('says the monitor picker waits for a read key, and fills it once one is given', async () => {
    await page.goto(`${baseUrl}/`);
    await page.waitForSelector('#key-form:not([hidden])');
    const picker = page.locator('#filters select[name=monitor]');
    await expect(picker.locator('option').allTextContents()).resolves.toEqual(['needs a read key']);
    await expect(picker.isDisabled()).resolves.toBe(true);
    await page.fill('#key-form input[name=key]', TEST_READ_KEY);
    await page.click('#key-form button[type=submit]');
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 30_000 });
    await expect(picker.isDisabled()).resolves.toBe(false);
    await expect(picker.locator('option').allTextContents()).resolves.toEqual([
      'United States – China',
      'Russia – Ukraine',
    ]);
    await expect(picker.inputValue()).resolves.toBe('us-china');
    // forget the key again, so the next test starts as a new visitor
    await page.evaluate(() => {
      localStorage.clear();
      delete document.body.dataset.loaded;
    });
  });

  it('says when the read key is refused, and loads with the right one', async () => {
    await page.goto(`${baseUrl}/`);
    await page.waitForSelector('#key-form:not([hidden])');
    await page.fill('#key-form input[name=key]', 'not-the-read-key-0123');
    await page.click('#key-form button[type=submit]');
    await page.waitForFunction(() =>
      document.getElementById('status')?.textContent?.includes('refused'),
    );
    expect(await page.textContent('#status')).toBe('The read key was refused: enter another one.');
    expect(await page.isVisible('#key-form')).toBe(true);
    await page.fill('#key-form input[name=key]', TEST_READ_KEY);
    await page.click('#key-form button[type=submit]');
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 30_000 });
    expect(await page.textContent('#status')).toBe('');
  });

  it('labels every Sources bar', async () => {
    const sources = await chart('sources-chart');
    expect(sources.labels.length).toBe(7);
    expect(sources.ticks).toEqual(sources.labels);
  });

  it('draws empty days as gaps, straight, with each point sized by its paragraphs and a volume bar', async () => {
    const today = new Date();
    const ahead = new Date(today.getTime() + 4 * 86_400_000).toISOString().slice(0, 10);
    const from = new Date(today.getTime() - 29 * 86_400_000).toISOString().slice(0, 10);
    await page.evaluate(() => delete document.body.dataset.loaded);
    await page.goto(`${baseUrl}/?from=${from}&to=${ahead}&bucket=day`);
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 30_000 });
    const tone = await chart('tone-chart');
    const china = tone.datasets.find((d) => d.label === 'China');
    expect(china).toMatchObject({ spanGaps: false, tension: 0 });
    // The days after today hold nothing: null, and Chart.js skips them instead of joining.
    const last = (china?.data.length ?? 0) - 1;
    expect(china?.data[last]).toBeNull();
    expect(china?.skipped[last]).toBe(true);
    expect(china?.pointRadius?.[last]).toBe(0);
    expect(new Set(china?.pointRadius?.filter((r) => r > 0)).size).toBeGreaterThan(1);
    const volume = tone.datasets.find((d) => d.type === 'bar');
    expect(volume?.label).toBe('paragraphs');
    expect(volume?.data.some((n) => (n ?? 0) > 0)).toBe(true);
    expect(volume?.data[last]).toBe(0);
  });

  it('keeps the filters in the URL, so a view survives a reload', async () => {
    await page.selectOption('#filters select[name=bucket]', 'week');
    await page.selectOption('#filters select[name=monitor]', 'russia-ukraine');
    await page.click('#filters button[type=submit]');
    await page.waitForFunction(
      () =>
        location.search.includes('bucket=week') &&
        location.search.includes('monitor=russia-ukraine'),
    );
    const url = page.url();
    expect(new URL(url).searchParams.get('from')).toMatch(/^\d{4}-\d\d-\d\d$/);
    await page.evaluate(() => delete document.body.dataset.loaded);
    await page.goto(url);
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 30_000 });
    expect(await page.inputValue('#filters select[name=bucket]')).toBe('week');
    expect(await page.inputValue('#filters select[name=monitor]')).toBe('russia-ukraine');
    expect(page.url()).toBe(url);
  });

  it('names each top frame with its label, polarity and meaning, and says plainly what the counts are', async () => {
    await page.evaluate(() => delete document.body.dataset.loaded);
    await page.goto(`${baseUrl}/`);
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 30_000 });
    const china = page.locator('#top-frames .top-side', { hasText: 'China' });
    // China's top frame, whichever the demo data makes it, named as the framing lexicon names it.
    const top = china.locator('li[data-frame]').first();
    const id = await top.getAttribute('data-frame');
    const frame = FRAMES.find((f) => f.id === id);
    expect(frame).toBeDefined();
    // GET /api/frames labels a frame by its id with spaces ('firmly-opposes' → 'firmly opposes')
    await expect(top.locator('.frame-label').textContent()).resolves.toBe(id!.replace(/-/g, ' '));
    await expect(top.locator('.polarity').textContent()).resolves.toBe(
      frame!.polarity > 0 ? '+' : frame!.polarity < 0 ? '−' : '·',
    );
    await expect(top.locator('.meaning').textContent()).resolves.toBe(frame!.meaning);
    await expect(top.locator('.count').textContent()).resolves.toMatch(
      /^\d+ said(, \d+ negated)?$/,
    );
    const cold = china.locator('li[data-frame="firmly-opposes"] .polarity');
    if ((await cold.count()) > 0) await expect(cold.textContent()).resolves.toBe('−');
    // Four sides: two columns, not three and a straggler.
    const columns = await page
      .locator('#top-frames')
      .evaluate((node) => getComputedStyle(node).gridTemplateColumns.split(' ').length);
    expect(columns).toBe(2);
  });

  it('shows a frame once per paragraph, with each of its phrases', async () => {
    const repeated = await page.locator('#articles .paragraph').evaluateAll(
      (nodes) =>
        nodes.filter((n) => {
          const frames = [...n.querySelectorAll('.frame-chip')].map(
            (c) => c.textContent?.split(':')[0],
          );
          return new Set(frames).size !== frames.length;
        }).length,
    );
    expect(repeated).toBe(0);
    // "respectful and constructive … mutual respect": the frame is one chip on that paragraph.
    await page.fill('#search-form input[name=q]', '"mutual respect"');
    await page.click('#search-form button[type=submit]');
    await page.waitForSelector('#search-results .paragraph');
    const perParagraph = await page
      .locator('#search-results .paragraph')
      .evaluateAll((nodes) =>
        nodes.map((n) => n.querySelectorAll('.frame-chip[data-frame="respectful"]').length),
      );
    expect(perParagraph.length).toBeGreaterThan(0);
    expect(perParagraph.every((count) => count <= 1)).toBe(true);
  });

  it('links each alert to all its evidence and its deliveries', async () => {
    const alert = page.locator('#alerts li.alert').first();
    await alert.locator('details summary').click();
    await alert.locator('.evidence-list li').first().waitFor();
    const evidence = await alert.locator('.evidence-list li').count();
    expect(evidence).toBeGreaterThan(1);
    await expect(alert.locator('h4').first().textContent()).resolves.toBe(
      `Evidence (${evidence} paragraphs)`,
    );
    const articleLink = await alert.locator('.evidence-list li a').first().getAttribute('href');
    expect(articleLink).toMatch(/^\/api\/articles\/[0-9a-f-]{36}$/);
    await expect(alert.locator('.alert-details').textContent()).resolves.toContain(
      'None: the rule has no webhook targets.',
    );
  });

  it('manages sources and alert rules behind the write key: list, add, pause, poll now', async () => {
    const status = () => page.textContent('#manage-status');
    const writeKey = page.locator('#write-key-form input[name=key]');
    await writeKey.fill('not-the-write-key-0123');
    await page.click('#write-key-form button[type=submit]');
    await page.waitForFunction(() =>
      document.getElementById('manage-status')?.textContent?.includes('refused'),
    );
    expect(await status()).toBe('The write key was refused.');
    expect(await page.isHidden('#manage-body')).toBe(true);

    await writeKey.fill(TEST_API_KEY);
    await page.click('#write-key-form button[type=submit]');
    await page.waitForSelector('#manage-body:not([hidden])');
    await expect(page.locator('#rules-admin tbody tr').first().textContent()).resolves.toContain(
      'China cools (demo)',
    );

    await page.fill('#source-form input[name=name]', 'Harbor Times');
    await page.fill('#source-form input[name=url]', 'http://127.0.0.1:9/feed.xml');
    await page.click('#source-form button[type=submit]');
    await page.waitForFunction(() =>
      document.getElementById('manage-status')?.textContent?.includes('added'),
    );
    const row = page.locator('#sources-admin tbody tr', { hasText: 'Harbor Times' });
    await expect(row.locator('td').nth(2).textContent()).resolves.toBe('15m');
    const sourceId = await row.getAttribute('data-source');

    await row.locator('input[type=checkbox]').uncheck();
    await page.waitForFunction(() =>
      document.getElementById('manage-status')?.textContent?.includes('paused'),
    );
    const stored = (await (
      await fetch(`${baseUrl}/api/sources/${sourceId}`, { headers: { 'x-api-key': TEST_API_KEY } })
    ).json()) as { enabled: boolean };
    expect(stored.enabled).toBe(false);

    await page
      .locator('#sources-admin tbody tr', { hasText: 'Harbor Times' })
      .locator('button', { hasText: 'Poll now' })
      .click();
    await page.waitForFunction(() =>
      document.getElementById('manage-status')?.textContent?.includes('poll queued'),
    );

    await page.fill('#rule-form input[name=name]', 'Washington warms');
    await page.selectOption('#rule-form select[name=side]', 'us');
    await page.selectOption('#rule-form select[name=direction]', 'up');
    await page.click('#rule-form button[type=submit]');
    await page.waitForSelector('#rules-admin tbody tr:has-text("Washington warms")');
    const demoRule = page.locator('#rules-admin tbody tr', { hasText: 'China cools (demo)' });
    await demoRule.locator('input[type=checkbox]').uncheck();
    await page.waitForFunction(() =>
      document.getElementById('manage-status')?.textContent?.includes('disabled'),
    );
    const rules = (await (
      await fetch(`${baseUrl}/api/alert-rules`, { headers: { 'x-api-key': TEST_API_KEY } })
    ).json()) as { items: { name: string; enabled: boolean; side: string; direction: string }[] };
    expect(rules.items.find((r) => r.name === 'China cools (demo)')?.enabled).toBe(false);
    expect(rules.items.find((r) => r.name === 'Washington warms')).toMatchObject({
      side: 'us',
      direction: 'up',
      enabled: true,
    });
  });

  it('marks times with their zone', async () => {
    const text = await page.textContent('main');
    expect(text).toMatch(/\d{1,2}:\d\d [AP]M UTC/);
  });
});
