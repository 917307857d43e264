import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { type BrowserContext, type Page } from 'playwright-core';
import request from 'supertest';
import { readLabelledEventSet } from '../../src/events/core';
import { createApiApp } from '../../src/main';
import {
  type Browser,
  describeWithChromium,
  launchChromium,
  recordPageErrors,
} from '../support/chromium';
import { startTestWorker, waitFor } from '../support/test-app';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

const SET = readLabelledEventSet(join(__dirname, '../fixtures/events/grouping-set.json'));
const ARTICLES = SET.articles.filter(
  (a) => a.event === 'hale-liang-call' || a.event === 'drone-entity-list',
);

/** The real API and worker with two events grouped from posted articles, and Chromium on the page. */
describeWithChromium('events browser test')('events panel and event page in a real browser', () => {
  let env: TestEnv;
  let app: INestApplication;
  let worker: INestApplicationContext;
  let db: Client;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let baseUrl: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    env = await createTestEnv();
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    app = await createApiApp(env.config);
    await app.listen(0, '127.0.0.1');
    worker = await startTestWorker(env.config);
    const { port } = (app.getHttpServer() as { address(): AddressInfo }).address();
    baseUrl = `http://127.0.0.1:${port}`;
    await request(baseUrl)
      .post('/api/articles/batch')
      .set('x-api-key', TEST_API_KEY)
      .send({
        articles: ARTICLES.map((a) => ({
          text: a.text,
          title: a.title,
          source: a.source,
          publishedAt: a.publishedAt,
          monitor: SET.monitor,
        })),
      })
      .expect(200);
    await waitFor(
      async () => {
        const { rows } = await db.query<{ n: number; scored: number }>(
          `SELECT (SELECT count(*)::int FROM event_articles) AS n,
                  (SELECT count(*)::int FROM events WHERE asymmetry IS NOT NULL) AS scored`,
        );
        return rows[0].n === ARTICLES.length && rows[0].scored === 2 ? true : undefined;
      },
      60_000,
      'two grouped events',
    );
    browser = await launchChromium();
    context = browser.context;
    page = await context.newPage();
    recordPageErrors(page, pageErrors);
    await page.goto(`${baseUrl}/?monitor=us-china&from=2026-11-01&to=2026-11-30`);
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 20_000 });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await app?.close();
    await db?.end();
    await env?.drop();
  }, 30_000);

  it('lists the events of the period, newest first, with their asymmetry', async () => {
    const rows = page.locator('#events-table tbody tr');
    expect(await rows.count()).toBe(2);
    const titles = await page.locator('#events-table .event-link').allTextContents();
    expect(ARTICLES.map((a) => a.title)).toEqual(expect.arrayContaining(titles));
    const { rows: stored } = await db.query<{ title: string; asymmetry: number }>(
      `SELECT title, asymmetry FROM events ORDER BY ended_at DESC`,
    );
    expect(titles).toEqual(stored.map((e) => e.title));
    expect(await page.locator('#events-table td.asymmetry').allTextContents()).toEqual(
      stored.map((e) => e.asymmetry.toFixed(2)),
    );
  });

  it("opens an event with the sides' accounts in columns, frames highlighted in the quotes", async () => {
    const { rows } = await db.query<{ id: string; title: string }>(
      `SELECT e.id, e.title FROM events e
       WHERE EXISTS (SELECT 1 FROM event_articles ea JOIN articles a ON a.id = ea.article_id
                     WHERE ea.event_id = e.id AND a.title LIKE 'Hale tells Liang%')`,
    );
    await page.locator(`#events-table .event-link[data-event="${rows[0].id}"]`).click();
    await page.waitForSelector('#event-view:not([hidden]) .event-columns');
    expect(await page.locator('#event-view h3').textContent()).toBe(rows[0].title);
    expect(page.url()).toMatch(new RegExp(`#event=${rows[0].id}$`));
    const sides = await page
      .locator('#event-view .event-side')
      .evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.side));
    // the two sides compared come first, next to each other
    expect(sides.slice(0, 2).sort()).toEqual(['china', 'us']);
    const us = page.locator('#event-view .event-side[data-side="us"]');
    const china = page.locator('#event-view .event-side[data-side="china"]');
    expect(await us.locator('h4').textContent()).toBe('United States');
    expect((await us.locator('.frame-chip').allTextContents()).join(' ')).toMatch(/constructive/i);
    expect((await china.locator('.frame-chip').allTextContents()).join(' ')).toMatch(/red line/i);
    // a frame only one side used is marked so
    expect(await china.locator('.frame-chip.only').count()).toBeGreaterThan(0);
    // quotes with their framing phrases marked, as text
    const marks = await page.locator('#event-view blockquote mark.frame').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(await page.locator('#event-view .event-asymmetry').textContent()).toMatch(
      /^Asymmetry \d\.\d\d: tone gap/,
    );
  });

  it('opens the event named in the address on load', async () => {
    const url = page.url();
    const again = await context.newPage();
    await again.goto(url);
    await again.waitForSelector('body[data-loaded="true"]', { timeout: 20_000 });
    await again.waitForSelector('#event-view:not([hidden]) .event-columns');
    expect(await again.locator('#event-view h3').textContent()).toBe(
      await page.locator('#event-view h3').textContent(),
    );
    await again.close();
    expect(pageErrors).toEqual([]);
  });
  it('shows an asymmetry alert with its event, whose title opens the event page', async () => {
    const { rows } = await db.query<{
      id: string;
      title: string;
      started_at: Date;
      ended_at: Date;
      asymmetry: number;
      tone_gap: number;
      asymmetry_sides: string[];
      article_count: number;
    }>(`SELECT * FROM events ORDER BY asymmetry DESC LIMIT 1`);
    const [event] = rows;
    // an alert as the worker records one (the firing itself is tested in events-alerts.spec.ts)
    const evidence = {
      eventId: event.id,
      title: event.title,
      startedAt: event.started_at.toISOString(),
      endedAt: event.ended_at.toISOString(),
      score: event.asymmetry,
      toneGap: event.tone_gap,
      sides: event.asymmetry_sides,
      articles: event.article_count,
      outlets: 4,
      weight: 4,
    };
    await db.query(
      `INSERT INTO alerts (rule_name, monitor, side, metric, channel, state, started_at, onset_at,
                           baseline, current, shift, shift_sd, statistic, threshold, articles, outlets,
                           evidence, evidence_events)
       VALUES ('Readouts part ways', 'us-china', 'china', 'asymmetry', 'up', 'firing', now(), now(),
               0.2, $1::float8, $1::float8 - 0.2, 4, 2.5, 1.9, $2, 4, '[]', $3)`,
      [event.asymmetry, event.article_count, JSON.stringify([evidence])],
    );
    const errors: string[] = [];
    const fresh = await context.newPage();
    recordPageErrors(fresh, errors);
    await fresh.goto(`${baseUrl}/?monitor=us-china&from=2026-11-01&to=2026-11-30`);
    await fresh.waitForSelector('body[data-loaded="true"]', { timeout: 20_000 });
    const link = fresh.locator(`#alerts .alert-event .event-link[data-event="${event.id}"]`);
    expect(await link.textContent()).toBe(event.title);
    expect(await fresh.locator('#alerts .alert-event').textContent()).toContain(
      `asymmetry ${event.asymmetry.toFixed(2)}`,
    );
    await link.click();
    await fresh.waitForSelector('#event-view:not([hidden]) .event-columns');
    expect(await fresh.locator('#event-view h3').textContent()).toBe(event.title);
    expect(fresh.url()).toMatch(new RegExp(`#event=${event.id}$`));
    await fresh.close();
    expect(errors).toEqual([]);
  });
});
