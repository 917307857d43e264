import { type Server } from 'node:http';
import { join } from 'node:path';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import request from 'supertest';
import { runCli } from '../../src/cli';
import { QUEUES } from '../../src/queue/queue-names';
import { redisOptionsFromUrl } from '../../src/queue/redis-options';
import { readLabelledEventSet, type LabelledEventArticle } from '../../src/events/core';
import {
  ASSIGN_EVENT_JOB,
  assignEventJobId,
  type EventsJobData,
} from '../../src/events/events.job';
import { WireStoriesService } from '../../src/wire/wire-stories.service';
import { startTestApi, startTestWorker, waitFor } from '../support/test-app';
import { createTestEnv, TEST_API_KEY, type TestEnv } from '../support/test-env';

const SET = readLabelledEventSet(join(__dirname, '../fixtures/events/grouping-set.json'));
const CALL = SET.articles.filter((a) => a.event === 'hale-liang-call');
const DRONES = SET.articles.filter((a) => a.event === 'drone-entity-list');
/** the US briefing of the day after the call, posted after the rest */
const LATE = CALL.find((a) => a.id === 'call-us-briefing')!;
const CALL_FIRST = CALL.filter((a) => a !== LATE);
const FIRST = [...CALL_FIRST, ...DRONES, SET.articles.find((a) => a.id === 'other-panda')!];

interface EventItem {
  id: string;
  title: string;
  articleCount: number;
  asymmetryScore: number | null;
}

describe('events', () => {
  let env: TestEnv;
  let api: INestApplication;
  let server: Server;
  let worker: INestApplicationContext;
  let db: Client;
  let eventsQueue: Queue<EventsJobData>;
  /** labelled id -> article id */
  const ids = new Map<string, string>();

  const post = async (articles: LabelledEventArticle[]) => {
    const res = await request(server)
      .post('/api/articles/batch')
      .set('x-api-key', TEST_API_KEY)
      .send({
        articles: articles.map((a) => ({
          text: a.text,
          title: a.title,
          source: a.source,
          publishedAt: a.publishedAt,
          monitor: SET.monitor,
        })),
      })
      .expect(200);
    (res.body.results as { id: string }[]).forEach((r, i) => ids.set(articles[i].id, r.id));
  };
  /**
   * event id of each labelled article, once every posted article is in an event and the events
   * queue is idle: a job of a chunk refreshes its events' figures after its placements commit
   */
  const grouping = async () => {
    const grouped = await waitFor(
      async () => {
        const { rows } = await db.query<{ id: string; event_id: string | null }>(
          `SELECT a.id, ea.event_id FROM articles a
           LEFT JOIN event_articles ea ON ea.article_id = a.id WHERE a.id = ANY($1::uuid[])`,
          [[...ids.values()]],
        );
        if (rows.length < ids.size || rows.some((r) => r.event_id === null)) return undefined;
        const byArticle = new Map(rows.map((r) => [r.id, r.event_id!]));
        return new Map([...ids].map(([label, id]) => [label, byArticle.get(id)!]));
      },
      60_000,
      'every article in an event',
    );
    await waitFor(
      async () => {
        const counts = await eventsQueue.getJobCounts('waiting', 'active');
        return counts.waiting + counts.active === 0 ? true : undefined;
      },
      30_000,
      'an idle events queue',
    );
    return grouped;
  };
  const list = (query: string) => request(server).get(`/api/events?${query}`);

  beforeAll(async () => {
    env = await createTestEnv();
    [api, worker] = await Promise.all([startTestApi(env.config), startTestWorker(env.config)]);
    server = api.getHttpServer() as Server;
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    eventsQueue = new Queue(QUEUES.events, {
      connection: redisOptionsFromUrl(env.config.queue.redisUrl),
      prefix: env.config.queue.redisPrefix,
    });
    await post(FIRST);
  });
  afterAll(async () => {
    await db?.end();
    await eventsQueue?.close();
    await worker?.close();
    await api?.close();
    await env?.drop();
  });

  it('groups the articles of two events told by both sides into two events, as they are scored', async () => {
    const events = await grouping();
    const call = new Set(CALL_FIRST.map((a) => events.get(a.id)));
    const drones = new Set(DRONES.map((a) => events.get(a.id)));
    expect(call.size).toBe(1);
    expect(drones.size).toBe(1);
    expect([...call][0]).not.toBe([...drones][0]);
    expect(events.get('other-panda')).not.toBe([...call][0]);

    const res = await list('monitor=us-china&from=2026-11-01&to=2026-12-01&minArticles=2').expect(
      200,
    );
    const items = res.body.items as EventItem[];
    expect(items.map((e) => e.id).sort()).toEqual([[...call][0], [...drones][0]].sort());
    expect(items.find((e) => e.id === [...drones][0])!.articleCount).toBe(DRONES.length);
    // newest first: the drone listing's last article comes after the call's
    expect(items[0].id).toBe([...drones][0]);
    expect(res.body.nextCursor).toBeNull();
  });

  it('asks for the grouping of a batch in one events job per scoring chunk, not one per article', async () => {
    await grouping();
    const jobs = await eventsQueue.getJobs(['completed']);
    expect(jobs.length).toBeLessThan(ids.size);
    const assigned = jobs.flatMap((j) =>
      'articles' in j.data ? j.data.articles.map((a) => a.articleId) : [j.data.articleId],
    );
    expect(new Set(assigned)).toEqual(new Set(ids.values()));
  });

  it('links a chunk to its wire reprints once: linking its articles again writes nothing', async () => {
    const articleIds = [...ids.values()];
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM articles WHERE id = ANY($1::uuid[]) AND wire_pending`,
      [articleIds],
    );
    expect(rows[0].n).toBe(0);
    const fingerprints = async () =>
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM paragraph_fingerprints`))
        .rows[0].n;
    const before = await fingerprints();
    expect(before).toBeGreaterThan(0);
    expect(await worker.get(WireStoriesService).linkPending(articleIds)).toEqual({
      linked: [],
      changed: 0,
    });
    expect(await fingerprints()).toBe(before);
  });

  it("shows each side's frames, tone and quotes for an event, and its asymmetry", async () => {
    const callId = (await grouping()).get(CALL[0].id)!;
    const res = await request(server).get(`/api/events/${callId}`).expect(200);
    const body = res.body as {
      title: string;
      articleCount: number;
      articles: { id: string; source: string }[];
      outlets: { source: string; articles: number }[];
      sides: {
        side: string;
        label: string;
        paragraphs: number;
        meanTone: number | null;
        frames: { frame: string }[];
        quotes: {
          speaker: string | null;
          text: string;
          frames: { start: number; end: number }[];
        }[];
      }[];
      asymmetry: {
        sides: string[];
        score: number;
        toneGap: number;
        framesOnlyIn: Record<string, string[]>;
      };
    };
    expect(body.articleCount).toBe(CALL_FIRST.length);
    expect(body.articles).toHaveLength(CALL_FIRST.length);
    expect(CALL.map((a) => a.title)).toContain(body.title);
    expect(body.outlets.reduce((n, o) => n + o.articles, 0)).toBe(CALL_FIRST.length);
    const us = body.sides.find((s) => s.side === 'us')!;
    const china = body.sides.find((s) => s.side === 'china')!;
    expect(us.label).toBe('United States');
    for (const side of [us, china]) {
      expect(side.paragraphs).toBeGreaterThan(0);
      expect(typeof side.meanTone).toBe('number');
      expect(side.frames.length).toBeGreaterThan(0);
      expect(side.quotes.length).toBeGreaterThan(0);
      expect(side.quotes[0].speaker).not.toBeNull();
      for (const q of side.quotes)
        for (const f of q.frames) expect(f.end).toBeLessThanOrEqual(q.text.length);
    }
    expect(us.frames.map((f) => f.frame)).toContain('constructive');
    expect(china.frames.map((f) => f.frame)).toContain('red-line');
    expect(body.asymmetry.sides.sort()).toEqual(['china', 'us']);
    expect(body.asymmetry.score).toBeGreaterThan(0);
    expect(body.asymmetry.score).toBeLessThanOrEqual(1);
    expect(body.asymmetry.toneGap).toBeCloseTo(
      body.sides.find((s) => s.side === body.asymmetry.sides[0])!.meanTone! -
        body.sides.find((s) => s.side === body.asymmetry.sides[1])!.meanTone!,
      5,
    );
    // the list carries the same score
    const listed = (await list('from=2026-11-01&to=2026-12-01').expect(200)).body
      .items as EventItem[];
    expect(listed.find((e) => e.id === callId)!.asymmetryScore).toBeCloseTo(
      body.asymmetry.score,
      5,
    );
  });

  it('puts a late article into its event', async () => {
    const before = await grouping();
    await post([LATE]);
    const after = await grouping();
    expect(after.get(LATE.id)).toBe(before.get(CALL[0].id));
    for (const [label, event] of before) expect(after.get(label)).toBe(event);
    const res = await request(server)
      .get(`/api/events/${after.get(LATE.id)}`)
      .expect(200);
    expect(res.body.articleCount).toBe(CALL.length);
  });

  it('keeps the grouping through a re-analysis of every article', async () => {
    const before = await grouping();
    const { rows: runs } = await db.query<{ run: number }>(
      `SELECT max(analysis_run) AS run FROM articles`,
    );
    const res = await request(server)
      .post('/api/admin/reanalyze')
      .set('x-api-key', TEST_API_KEY)
      .send({ olderThanVersion: false })
      .expect(202);
    expect(res.body.requeued).toBe(ids.size);
    await waitFor(
      async () => {
        const { rows } = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM articles WHERE status = 'scored' AND analysis_run > $1`,
          [runs[0].run],
        );
        return rows[0].n === ids.size ? true : undefined;
      },
      60_000,
      're-analysis',
    );
    expect(await grouping()).toEqual(before);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events`);
    expect(rows[0].n).toBe(new Set(before.values()).size);
  });

  it('regroups stored history with `events rebuild`, to the same groups', async () => {
    // grouping() waits for the assignments the re-analysis asked for (they change nothing, see
    // above) as well
    const before = await grouping();
    const saved = { ...process.env };
    Object.assign(process.env, { DATABASE_URL: env.config.database.url });
    const out: string[] = [];
    try {
      const code = await runCli(['events', 'rebuild', '--monitor', 'us-china'], {
        stdin: (async function* () {})(),
        stdout: (t) => out.push(t),
        stderr: () => undefined,
      });
      const events = new Set(before.values()).size;
      expect({ code, out: out.join('') }).toEqual({
        code: 0,
        out: `us-china: ${ids.size} article(s) grouped into ${events} event(s) (${events} event(s) replaced)\n`,
      });
    } finally {
      process.env = saved;
    }
    const after = await grouping();
    // new event ids, the same partition
    const partition = (g: Map<string, string>) =>
      [...new Set(g.values())]
        .map((e) =>
          [...g]
            .filter(([, v]) => v === e)
            .map(([k]) => k)
            .sort(),
        )
        .sort();
    expect(partition(after)).toEqual(partition(before));
    const code = await runCli(['events', 'rebuild', '--monitor', 'nowhere'], {
      stdin: (async function* () {})(),
      stdout: () => undefined,
      stderr: () => undefined,
    });
    expect(code).toBe(2);
  });

  it('pages newest first with a cursor, and exports CSV', async () => {
    const all = (await list('from=2026-11-01&to=2026-12-01').expect(200)).body.items as EventItem[];
    expect(all.length).toBeGreaterThanOrEqual(3);
    const first = await list('from=2026-11-01&to=2026-12-01&limit=2').expect(200);
    expect((first.body.items as EventItem[]).map((e) => e.id)).toEqual(
      all.slice(0, 2).map((e) => e.id),
    );
    const second = await list(
      `from=2026-11-01&to=2026-12-01&limit=2&cursor=${first.body.nextCursor as string}`,
    ).expect(200);
    expect((second.body.items as EventItem[]).map((e) => e.id)).toEqual(
      all.slice(2, 4).map((e) => e.id),
    );

    const q = await list('from=2026-11-01&to=2026-12-01&q=drone').expect(200);
    expect((q.body.items as EventItem[]).map((e) => e.title).join(' ')).toMatch(/drone/i);
    expect((q.body.items as EventItem[]).length).toBe(1);
    expect((await list('from=2026-12-01&to=2026-12-31').expect(200)).body.items).toEqual([]);

    const csv = await list('from=2026-11-01&to=2026-12-01&format=csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,monitor,title,started_at,ended_at,articles,reprints,asymmetry,tone_gap,top_terms',
    );
    expect(lines).toHaveLength(all.length + 1);
    const accepted = await request(server)
      .get('/api/events?from=2026-11-01&to=2026-12-01')
      .set('accept', 'text/csv')
      .expect(200);
    expect(accepted.text).toBe(csv.text);
  });

  it.each([
    ['monitor=nowhere', /monitor/],
    ['from=yesterday', /from must be an ISO 8601/],
    ['from=2026-12-01&to=2026-11-01', /must be after from/],
    ['minArticles=0', /minArticles must be a whole number from 1 to 10000/],
    ['minArticles=abc', /minArticles/],
    ['limit=0', /limit must be a whole number from 1 to 200/],
    ['cursor=nonsense', /cursor is not a cursor/],
    ['format=xml', /format/],
    ['side=us', /side/],
    [`q=${'x'.repeat(201)}`, /q must be at most 200/],
  ])('answers 400 for %s', async (query, message) => {
    const res = await list(query).expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(message);
  });

  it('answers 400 for an id that is not a UUID and 404 for an unknown one', async () => {
    expect((await request(server).get('/api/events/abc').expect(400)).body.message).toBe(
      'id must be a UUID',
    );
    await request(server).get('/api/events/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('completes a chunk whose one article fails to be placed, and retries that one alone', async () => {
    const events = await grouping();
    const [label, event] = [...events][0];
    const good = ids.get(label)!;
    const bad = 'not-an-article-id';
    const key = 'chunk-one-bad-article';
    await eventsQueue.add(
      ASSIGN_EVENT_JOB,
      {
        articles: [
          { articleId: bad, monitor: SET.monitor },
          { articleId: good, monitor: SET.monitor },
        ],
      },
      { jobId: assignEventJobId(key), removeOnComplete: false },
    );
    const job = await waitFor(
      async () => {
        const j = await eventsQueue.getJob(assignEventJobId(key));
        return j?.finishedOn ? j : undefined;
      },
      30_000,
      'the chunk job to finish',
    );
    expect(job.failedReason).toBeFalsy();
    expect((job.returnvalue as { articles: unknown[] }).articles).toEqual([
      expect.objectContaining({ articleId: good, eventId: event, assigned: false }),
    ]);
    const alone = await eventsQueue.getJob(
      assignEventJobId(`${assignEventJobId(key)}-alone-${bad}-${SET.monitor}`),
    );
    expect(alone?.data).toEqual({ articleId: bad, monitor: SET.monitor });
  });
});
