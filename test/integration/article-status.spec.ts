import { type DataSource } from 'typeorm';
import {
  ARTICLE_STATUSES,
  type ArticleStatus,
  TRANSITIONS,
} from '../../src/articles/article-status';
import { ArticlesRepository } from '../../src/articles/articles.repository';
import { createDataSource } from '../../src/database/data-source';
import { createTestEnv, type TestEnv } from '../support/test-env';

/**
 * Each lifecycle statement of ArticlesRepository, applied to an article in each status: it
 * moves exactly the statuses its TRANSITIONS entry lists and leaves every other one alone.
 */
describe('article status transitions', () => {
  let env: TestEnv;
  let db: DataSource;
  let articles: ArticlesRepository;

  const RUN = 0;
  const ATTEMPT = 1;

  async function articleIn(status: ArticleStatus): Promise<string> {
    await db.query(`TRUNCATE articles CASCADE`);
    const rows = await db.query<{ id: string }[]>(
      `INSERT INTO articles (monitors, source, occurred_at, body, content_hash, status, attempts,
                             analysis_run)
       VALUES ('{us-china}', 'Desk', now(), 'Officials met.', md5(random()::text), $1, $2, $3)
       RETURNING id`,
      [status, ATTEMPT, RUN],
    );
    return rows[0].id;
  }

  async function statusOf(id: string): Promise<ArticleStatus> {
    const rows = await db.query<{ status: ArticleStatus }[]>(
      `SELECT status FROM articles WHERE id = $1`,
      [id],
    );
    return rows[0].status;
  }

  const claimed = (id: string) => ({
    id,
    monitors: ['us-china'],
    autoMonitors: false,
    source: 'Desk',
    occurredAt: new Date(),
    body: 'Officials met.',
    analysisRun: RUN,
    attempt: ATTEMPT,
  });

  const apply: Record<keyof typeof TRANSITIONS, (id: string) => Promise<unknown>> = {
    claim: (id) => articles.claimChunk([{ articleId: id, analysisRun: RUN }]),
    store: (id) =>
      db.transaction((tx) =>
        articles.markScored(tx, [
          {
            article: claimed(id),
            analyses: [{ analysisVersion: 'test', monitor: 'us-china', paragraphs: [] }],
          },
        ]),
      ),
    retry: (id) => articles.recordRetry(id, RUN, 'a retried failure'),
    fail: (id) => articles.markFailed(id, RUN, 'a final failure'),
    reanalyze: () => articles.restartRuns({ limit: 10 }),
    addMonitors: (id) => articles.addMonitors(id, ['russia-ukraine']),
  };

  beforeAll(async () => {
    env = await createTestEnv();
    db = createDataSource(env.databaseUrl, 2);
    await db.initialize();
    articles = new ArticlesRepository(db);
  }, 30_000);

  afterAll(async () => {
    await db?.destroy();
    await env?.drop();
  }, 30_000);

  it('a new article starts queued', async () => {
    const inserted = await articles.insertIfNew({
      monitors: ['us-china'],
      autoMonitors: false,
      source: 'Desk',
      url: null,
      title: null,
      publishedAt: null,
      occurredAt: new Date(),
      body: 'Envoys spoke by phone.',
      contentHash: 'status-spec-hash',
      requestId: null,
    });
    expect(inserted?.status).toBe('queued');
  });

  const cases = (Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[]).flatMap((name) =>
    ARTICLE_STATUSES.map((from) => [name, from] as const),
  );

  it.each(cases)('%s from %s', async (name, from) => {
    const id = await articleIn(from);
    await apply[name](id);
    const { from: allowed, to } = TRANSITIONS[name];
    expect(await statusOf(id)).toBe((allowed as readonly string[]).includes(from) ? to : from);
  });

  it('stores only for the latest claim of the current run', async () => {
    const id = await articleIn('scoring');
    const stale = { ...claimed(id), attempt: ATTEMPT - 1 };
    await db.transaction((tx) =>
      articles.markScored(tx, [
        {
          article: stale,
          analyses: [{ analysisVersion: 'test', monitor: 'us-china', paragraphs: [] }],
        },
      ]),
    );
    expect(await statusOf(id)).toBe('scoring');
  });
});
