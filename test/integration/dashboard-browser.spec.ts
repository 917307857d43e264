import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { type BrowserContext, type Page } from 'playwright-core';
import { createApiApp } from '../../src/main';
import {
  type Browser,
  describeWithChromium,
  launchChromium,
  recordPageErrors,
} from '../support/chromium';
import { seedArticle } from '../support/dashboard-seed';
import { createTestEnv, type TestEnv } from '../support/test-env';

const MONITORS_DIR = join(__dirname, '../fixtures/monitors');
const SCREENSHOT = join(tmpdir(), 'tonewatch-dashboard.png');
const HOSTILE_TEXT =
  'The spokesperson said <script>window.__xss = 1</script> and <img src=x onerror="window.__xss = 2"> were not respectful.';

interface ChartData {
  labels: string[];
  datasets: { label: string; data: (number | null)[] }[];
}

/** The real API on a loopback port with seeded rows, and Debian's Chromium loading the page. */
describeWithChromium('dashboard browser test')('dashboard page in a real browser', () => {
  let env: TestEnv;
  let app: INestApplication;
  let db: Client;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let baseUrl: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // A deployment's own monitor beside the shipped ones: its labels and colours come from its file.
    env = await createTestEnv({ MONITORS_DIR: MONITORS_DIR });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    await seedArticle(db, {
      source: 'Reuters',
      title: 'Biden and Xi hold call',
      occurredAt: '2025-03-10T10:30:00Z',
      paragraphs: [
        {
          side: 'us',
          tone: 0.5,
          text: 'The official called the talks respectful, officials said.',
          speaker: 'The official',
          targets: ['china'],
          frames: [{ frame: 'respectful', phrase: 'respectful', side: 'us' }],
        },
        {
          side: 'china',
          tone: -0.6,
          text: 'Xi said US policy caused serious difficulties.',
          speaker: 'Xi',
          targets: ['us'],
          frames: [
            { frame: 'serious-difficulties', phrase: 'serious difficulties', side: 'china' },
          ],
          toneTerms: [{ term: 'serious difficulties', weight: -3 }],
        },
      ],
    });
    await seedArticle(db, {
      source: 'Xinhua',
      title: 'Foreign ministry responds',
      occurredAt: '2025-03-11T08:00:00Z',
      paragraphs: [
        {
          side: 'china',
          tone: -0.2,
          text: 'The foreign ministry firmly opposes the sanctions.',
          targets: ['us'],
        },
      ],
    });
    await seedArticle(db, {
      source: 'Reuters',
      title: '<b>Markup</b> in a title',
      occurredAt: '2025-03-12T06:00:00Z',
      paragraphs: [
        {
          side: 'us',
          tone: -0.4,
          text: HOSTILE_TEXT,
          speaker: 'The spokesperson',
          frames: [{ frame: 'respectful', phrase: 'respectful', side: 'us', negated: true }],
        },
      ],
    });
    await seedArticle(db, {
      monitor: 'arvenia-belmora',
      source: 'Arvenia Today',
      title: 'Dam talks resume',
      occurredAt: '2025-03-11T09:00:00Z',
      paragraphs: [
        { side: 'arvenia', tone: 0.3, text: 'Chancellor Ilsa Marrow said the talks were useful.' },
        { side: 'belmora', tone: -0.5, text: 'A Belmoran spokesperson said the dam was a threat.' },
      ],
    });
    app = await createApiApp(env.config);
    await app.listen(0, '127.0.0.1');
    const { port } = (app.getHttpServer() as { address(): AddressInfo }).address();
    baseUrl = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
    context = browser.context;
    page = await context.newPage();
    recordPageErrors(page, pageErrors);
    await page.goto(`${baseUrl}/?from=2025-03-10&to=2025-03-12`);
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 20_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.end();
    await env?.drop();
  }, 30_000);

  const chartData = (id: string) =>
    page.evaluate((canvasId) => {
      const chart = (
        window as unknown as { Chart: { getChart(id: string): { data: ChartData } | undefined } }
      ).Chart.getChart(canvasId);
      if (!chart) return null;
      return {
        labels: chart.data.labels,
        datasets: chart.data.datasets.map((d) => ({ label: d.label, data: d.data })),
      };
    }, id);

  it('draws tone over time, one line per side, from the seeded rows', async () => {
    const tone = await chartData('tone-chart');
    expect(tone?.labels).toEqual(['Mar 10, 2025', 'Mar 11, 2025', 'Mar 12, 2025']);
    expect(tone?.datasets).toEqual([
      { label: 'United States', data: [0.5, null, -0.4] },
      { label: 'China', data: [-0.6, -0.2, null] },
      { label: 'Mixed', data: [null, null, null] },
      { label: 'Narration', data: [null, null, null] },
      // the paragraphs each day rests on, drawn as bars on a second axis
      { label: 'paragraphs', data: [2, 1, 1] },
    ]);
    const cells = await page
      .locator('#tone-table tbody tr')
      .first()
      .locator('td')
      .allTextContents();
    expect(cells).toEqual(['Mar 10, 2025', '+0.500 (1)', '-0.600 (1)', '– (0)', '– (0)']);
  });

  it('draws how each side speaks about the other, coloured by tone, and the picked pair over time', async () => {
    await expect(page.locator('#directional-table thead th').allTextContents()).resolves.toEqual([
      'speaks about →',
      'United States',
      'China',
      'No side named',
    ]);
    const rows = await page
      .locator('#directional-table tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.querySelector('th')?.textContent,
          ...[...tr.querySelectorAll('td')].map(
            (td) =>
              `${td.querySelector('.cell-tone')?.textContent} ${td.querySelector('.cell-count')?.textContent}`,
          ),
        ]),
      );
    // us: +0.5 about China, -0.4 about no side; China: (-0.6 - 0.2) / 2 about the US
    expect(rows).toEqual([
      ['United States', '– 0 ¶', '+0.500 1 ¶', '-0.400 1 ¶'],
      ['China', '-0.400 2 ¶', '– 0 ¶', '– 0 ¶'],
      ['Mixed', '– 0 ¶', '– 0 ¶', '– 0 ¶'],
      ['Narration', '– 0 ¶', '– 0 ¶', '– 0 ¶'],
    ]);
    const background = (side: string, target: string) =>
      page
        .locator(`#directional-table td[data-side="${side}"][data-target="${target}"]`)
        .evaluate((td) => getComputedStyle(td).backgroundColor);
    await expect(background('china', 'us')).resolves.toBe('rgba(220, 38, 38, 0.48)');
    await expect(background('us', 'china')).resolves.toBe('rgba(22, 163, 74, 0.58)');
    await expect(background('china', 'china')).resolves.toBe('rgba(0, 0, 0, 0)');

    // the busiest pair between two sides is picked first
    await expect(page.locator('#pair-title').textContent()).resolves.toBe(
      'China about United States, over time',
    );
    expect(await chartData('pair-chart')).toEqual({
      labels: ['Mar 10, 2025', 'Mar 11, 2025', 'Mar 12, 2025'],
      datasets: [
        { label: 'China → United States', data: [-0.6, -0.2, null] },
        { label: 'paragraphs', data: [1, 1, 0] },
      ],
    });
    await page.click('#directional-table td[data-side="us"][data-target="-"]');
    await page.waitForFunction(
      () =>
        (
          window as unknown as {
            Chart: { getChart(id: string): { data: ChartData } | undefined };
          }
        ).Chart.getChart('pair-chart')?.data.datasets[0].label === 'United States → No side named',
    );
    expect((await chartData('pair-chart'))?.datasets).toEqual([
      { label: 'United States → No side named', data: [null, null, -0.4] },
      { label: 'paragraphs', data: [0, 0, 1] },
    ]);
    await expect(
      page.locator('#directional-table td.picked').getAttribute('data-side'),
    ).resolves.toBe('us');
  });

  it('compares the default phrases per side', async () => {
    const framing = await chartData('framing-chart');
    expect(framing).toEqual({
      labels: ['United States', 'China', 'Mixed', 'Narration'],
      datasets: [
        { label: 'respectful', data: [1, 0, 0, 0] },
        { label: 'serious difficulties', data: [0, 1, 0, 0] },
      ],
    });
    await expect(
      page.locator('#framing-table tbody tr').first().locator('td').allTextContents(),
    ).resolves.toEqual(['respectful', '1 (+1 negated)', '0', '0', '0']);
  });

  it('shows summary cards, sources, top frames and the empty alerts panel', async () => {
    await expect(
      page.locator('.card[data-side="us"] [data-field="paragraphs"]').textContent(),
    ).resolves.toBe('2 paragraphs · 2 articles');
    // none of the seeded articles reprints another
    await expect(
      page.locator('.card[data-side="us"] [data-field="reprints"]').textContent(),
    ).resolves.toBe('0 wire reprints folded');
    await expect(
      page.locator('.card[data-side="china"] [data-field="meanTone"]').textContent(),
    ).resolves.toBe('-0.400');
    const sources = await page.locator('#sources-table tbody tr td:first-child').allTextContents();
    expect(sources).toEqual(['Reuters', 'Xinhua']);
    expect(await chartData('sources-chart')).toMatchObject({
      labels: ['Reuters', 'Xinhua'],
      datasets: [
        { label: 'United States', data: [2, 0] },
        { label: 'China', data: [1, 1] },
        { label: 'Mixed', data: [0, 0] },
        { label: 'Narration', data: [0, 0] },
      ],
    });
    await expect(page.locator('#top-frames .top-side').first().textContent()).resolves.toContain(
      'respectful',
    );
    await expect(page.locator('.card h3').allTextContents()).resolves.toEqual([
      'United States',
      'China',
      'Mixed',
      'Narration',
    ]);
    await expect(page.locator('#legend .legend-item').allTextContents()).resolves.toEqual([
      'United States',
      'China',
      'Mixed',
      'Narration',
    ]);
    await expect(page.locator('#alerts').textContent()).resolves.toBe('No alerts yet.');
    await expect(
      page.locator('#filters select[name="source"] option').allTextContents(),
    ).resolves.toEqual(['All sources', 'Reuters', 'Xinhua']);
  });

  it('lists the latest articles with paragraphs coloured by side and framing highlighted', async () => {
    const titles = await page.locator('#articles .article h3').allTextContents();
    expect(titles).toEqual([
      '<b>Markup</b> in a title',
      'Foreign ministry responds',
      'Biden and Xi hold call',
    ]);
    const sides = await page
      .locator('#articles .paragraph')
      .evaluateAll((nodes) =>
        nodes.map((n) => [(n as HTMLElement).dataset.side, getComputedStyle(n).borderLeftColor]),
      );
    expect(sides).toEqual([
      ['us', 'rgb(37, 99, 235)'],
      ['china', 'rgb(220, 38, 38)'],
      ['us', 'rgb(37, 99, 235)'],
      ['china', 'rgb(220, 38, 38)'],
    ]);
    await expect(page.locator('#articles mark.frame').allTextContents()).resolves.toEqual([
      'respectful',
      'respectful',
      'serious difficulties',
    ]);
    await expect(page.locator('#articles mark.evidence').first().textContent()).resolves.toBe(
      'The spokesperson',
    );
    // the evidence of a paragraph's tone: why it reads as it does
    await expect(page.locator('#articles .tone-term.negative').allTextContents()).resolves.toEqual([
      'serious difficulties -3',
    ]);
  });

  it('shows stored markup as text and never runs it', async () => {
    const first = page.locator('#articles .paragraph p').first();
    await expect(first.textContent()).resolves.toBe(HOSTILE_TEXT);
    await expect(
      page.locator('#articles img, #articles script, #articles b').count(),
    ).resolves.toBe(0);
    await expect(
      page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
    ).resolves.toBeUndefined();
  });

  it('searches paragraphs with the query syntax', async () => {
    await page.fill('#search-form input[name="q"]', '"serious difficulties" OR opposes');
    await page.click('#search-form button[type="submit"]');
    await page.waitForSelector('#search-results .result');
    const texts = await page.locator('#search-results .paragraph p').allTextContents();
    expect(texts).toEqual([
      'The foreign ministry firmly opposes the sanctions.',
      'Xi said US policy caused serious difficulties.',
    ]);
  });

  it('offers every monitor and switches to the one picked', async () => {
    const picker = page.locator('#filters select[name="monitor"]');
    await expect(picker.locator('option').allTextContents()).resolves.toEqual([
      'United States – China',
      'Russia – Ukraine',
      'Arvenia – Belmora',
    ]);
    await expect(picker.inputValue()).resolves.toBe('us-china');
    await page.evaluate(() => delete document.body.dataset.loaded);
    await picker.selectOption('russia-ukraine');
    await page.click('#filters button[type="submit"]');
    await page.waitForSelector('body[data-loaded="true"]');
    const cards = await page
      .locator('.card[data-side]')
      .evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.side));
    expect(cards).toEqual(['russia', 'ukraine', 'mixed', 'neutral']);
  });

  it('draws a monitor of MONITORS_DIR with the labels and colours of its file', async () => {
    const picker = page.locator('#filters select[name="monitor"]');
    await page.evaluate(() => delete document.body.dataset.loaded);
    await picker.selectOption('arvenia-belmora');
    await page.click('#filters button[type="submit"]');
    await page.waitForSelector('body[data-loaded="true"]');
    const cards = await page
      .locator('.card[data-side]')
      .evaluateAll((nodes) =>
        nodes.map((n) => [
          (n as HTMLElement).dataset.side,
          n.querySelector('h3')?.textContent,
          getComputedStyle(n).borderTopColor,
        ]),
      );
    expect(cards).toEqual([
      ['arvenia', 'Arvenia', 'rgb(13, 148, 136)'],
      ['belmora', 'Belmora', 'rgb(147, 51, 234)'],
      ['mixed', 'Mixed', 'rgb(124, 58, 237)'],
      ['neutral', 'Narration', 'rgb(107, 114, 128)'],
    ]);
    const tone = await chartData('tone-chart');
    expect(tone?.datasets.map((d) => d.label)).toEqual([
      'Arvenia',
      'Belmora',
      'Mixed',
      'Narration',
      'paragraphs',
    ]);
    const badges = await page
      .locator('#articles .side-badge')
      .evaluateAll((nodes) =>
        nodes.map((n) => [n.textContent, getComputedStyle(n).backgroundColor]),
      );
    expect(badges).toEqual([
      ['Arvenia', 'rgb(13, 148, 136)'],
      ['Belmora', 'rgb(147, 51, 234)'],
    ]);
  });

  it('keeps a source given in the address on load, and only that outlet is shown', async () => {
    await page.evaluate(() => delete document.body.dataset.loaded);
    await page.goto(`${baseUrl}/?from=2025-03-10&to=2025-03-12&source=Xinhua`);
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 20_000 });
    const source = page.locator('#filters select[name="source"]');
    await expect(source.inputValue()).resolves.toBe('Xinhua');
    await expect(source.locator('option').allTextContents()).resolves.toEqual([
      'All sources',
      'Xinhua',
    ]);
    await expect(
      page.locator('#sources-table tbody tr td:first-child').allTextContents(),
    ).resolves.toEqual(['Xinhua']);
    expect(new URL(page.url()).searchParams.get('source')).toBe('Xinhua');
  });

  it('loads without script errors (the page works under the API’s CSP)', async () => {
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
