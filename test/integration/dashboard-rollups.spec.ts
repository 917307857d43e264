import { readFileSync } from 'node:fs';
import { type Server } from 'node:http';
import { type INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { type DataSource } from 'typeorm';
import { analyzeArticle } from '../../src/analysis';
import { type FramingDto } from '../../src/dashboard/dto/framing.dto';
import { createDataSource } from '../../src/database/data-source';
import { ArticlesRepository, type ClaimedArticle } from '../../src/articles/articles.repository';
import { ScoringRepository } from '../../src/scoring/scoring.repository';
import { rollupsAndRaw, seedArticle } from '../support/dashboard-seed';
import { describeWithShared } from '../support/shared';
import { startTestApi } from '../support/test-app';
import { createTestEnv, type TestEnv } from '../support/test-env';

describeWithShared('dashboard rollups', ['fixtures/seed-article.txt'], (paths) => {
  let env: TestEnv;
  let db: Client;
  let dataSource: DataSource;
  let scoring: ScoringRepository;
  let app: INestApplication;

  async function storeSeedArticle(occurredAt: string, source: string): Promise<ClaimedArticle> {
    const body = readFileSync(paths['fixtures/seed-article.txt'], 'utf8');
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO articles (monitors, source, occurred_at, body, content_hash, status)
       VALUES ('{us-china}', $1, $2, $3, md5($3 || $4), 'scoring') RETURNING id`,
      [source, occurredAt, body, occurredAt],
    );
    const article = {
      id: rows[0].id,
      monitors: ['us-china'],
      autoMonitors: false,
      source,
      occurredAt: new Date(occurredAt),
      body,
      analysisRun: 0,
    };
    await scoring.storeAnalysis(article, analyzeArticle(body, { monitor: 'us-china', source }));
    return article;
  }

  beforeAll(async () => {
    env = await createTestEnv();
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    dataSource = createDataSource(env.databaseUrl, 2);
    await dataSource.initialize();
    scoring = new ScoringRepository(dataSource, new ArticlesRepository(dataSource));
    app = await startTestApi(env.config);
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
    await db?.end();
    await env?.drop();
  }, 30_000);

  it('the seed article, analysed by the core and stored by scoring, frames "respectful" as us and "serious difficulties" as china', async () => {
    await storeSeedArticle('2025-05-01T09:00:00Z', 'CNN');
    const res = await request(app.getHttpServer() as Server)
      .get('/api/framing?from=2025-05-01&to=2025-05-02&phrases=respectful,serious%20difficulties')
      .expect(200);
    const { phrases } = res.body as FramingDto;
    expect(phrases?.map((p) => [p.phrase, p.sides])).toEqual([
      ['respectful', { us: 1, china: 0, mixed: 0, neutral: 0 }],
      ['serious difficulties', { us: 0, china: 1, mixed: 0, neutral: 0 }],
    ]);
    expect(phrases?.[1].examples[0].text).toContain('serious difficulties');
  });

  it('equal the raw tables after inserts, a re-analysis (delete and insert in one transaction) and article deletes', async () => {
    const first = await storeSeedArticle('2025-05-02T10:15:00Z', 'Reuters');
    await storeSeedArticle('2025-05-02T10:40:00Z', 'Reuters');
    await seedArticle(db, {
      source: null,
      occurredAt: '2025-05-02T10:50:00Z',
      paragraphs: [
        {
          side: 'us',
          tone: 0.3,
          text: 'The talks were respectful.',
          frames: [{ frame: 'respectful', phrase: 'respectful', side: 'us' }],
        },
        { side: 'china', tone: -0.3, text: 'Beijing voiced deep concern.' },
      ],
    });
    const afterInserts = await rollupsAndRaw(db);
    expect(afterInserts.rollups.length).toBeGreaterThan(4);
    expect(afterInserts.rollups).toEqual(afterInserts.raw);

    await scoring.storeAnalysis(
      first,
      analyzeArticle(first.body, { monitor: 'us-china', source: 'Reuters' }),
    );
    const afterReanalysis = await rollupsAndRaw(db);
    expect(afterReanalysis.rollups).toEqual(afterReanalysis.raw);
    expect(afterReanalysis.rollups).toEqual(afterInserts.rollups);

    // a re-analysis that moves paragraphs to other sides
    await db.query(`UPDATE paragraphs SET side = 'neutral' WHERE article_id = $1 AND side = 'us'`, [
      first.id,
    ]);
    const afterUpdate = await rollupsAndRaw(db);
    expect(afterUpdate.rollups).toEqual(afterUpdate.raw);
    expect(afterUpdate.rollups).not.toEqual(afterInserts.rollups);

    await db.query(`DELETE FROM paragraphs WHERE article_id = $1 AND idx < 3`, [first.id]);
    const afterParagraphDelete = await rollupsAndRaw(db);
    expect(afterParagraphDelete.rollups).toEqual(afterParagraphDelete.raw);

    await db.query(`DELETE FROM articles WHERE id = $1`, [first.id]);
    const afterArticleDelete = await rollupsAndRaw(db);
    expect(afterArticleDelete.rollups).toEqual(afterArticleDelete.raw);
  });

  it('a rebuild from the raw tables gives the figures the triggers kept', async () => {
    const before = await rollupsAndRaw(db);
    await db.query(`SELECT dashboard_rebuild_rollups()`);
    const after = await rollupsAndRaw(db);
    expect(after.rollups).toEqual(before.rollups);
  });
});
