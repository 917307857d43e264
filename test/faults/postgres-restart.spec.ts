import { TEST_API_KEY } from '../support/test-env';
import { FaultEnv, postBatches, report, until } from './support/fault-env';
import { freePort } from './support/service-process';
import { startPostgres, stopPostgres } from './support/services';

const ARTICLES = 1_000;
/** How long Postgres stays down: long enough for jobs to fail and back off at least once. */
const DOWN_MS = 4_000;

async function readiness(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/health/ready`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

interface Outage {
  route: string;
  status: number;
  retryAfter: string | null;
  message: string;
}

/** Writes and reads that need Postgres: while it is down each must be a 503 with Retry-After. */
async function duringOutage(url: string): Promise<Outage[]> {
  const write = { 'content-type': 'application/json', 'x-api-key': TEST_API_KEY };
  const text = 'An article posted while the database is stopped, to be refused with a 503.';
  const calls: [string, RequestInit | undefined][] = [
    ['/api/articles', { method: 'POST', headers: write, body: JSON.stringify({ text }) }],
    [
      '/api/articles/batch',
      {
        method: 'POST',
        headers: write,
        body: JSON.stringify({ articles: [{ text }, { text: `${text} Again.` }] }),
      },
    ],
    ['/api/articles?limit=5', undefined],
    ['/api/paragraphs?limit=5', undefined],
    ['/api/tone/summary', undefined],
    ['/api/alerts', undefined],
    ['/api/sources', undefined],
  ];
  const answers: Outage[] = [];
  for (const [path, init] of calls) {
    const res = await fetch(`${url}${path}`, init);
    const body = (await res.json()) as { message?: string };
    answers.push({
      route: `${init?.method ?? 'GET'} ${path}`,
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      message: body.message ?? '',
    });
  }
  return answers;
}

async function failureCount(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  return [...text.matchAll(/^tonewatch_analysis_failures_total\{[^}]*\} (\d+)/gm)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );
}

describe('Postgres restarted in the middle of a run', () => {
  let fault: FaultEnv;

  beforeAll(async () => {
    fault = await FaultEnv.create({ JOB_ATTEMPTS: '10', JOB_BACKOFF_MS: '300' });
  });
  afterAll(async () => {
    await startPostgres();
    await fault?.stop();
  });

  it('fails jobs while it is down, retries them, and ends with every article scored once', async () => {
    const { url } = await fault.startApi();
    await postBatches(url, 0, ARTICLES);
    const metricsPort = await freePort();
    const started = Date.now();
    await fault.startWorker({ METRICS_PORT: String(metricsPort) });
    const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;

    const atStop = await until(
      async () => {
        const tally = await fault.tally();
        return tally.scored >= ARTICLES * 0.2 ? tally : undefined;
      },
      60_000,
      'a fifth of the articles scored',
    );
    await fault.db.end();
    await stopPostgres();
    let downReadiness: Awaited<ReturnType<typeof readiness>>;
    let outage: Outage[];
    try {
      await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
      downReadiness = await readiness(url);
      outage = await duringOutage(url);
    } finally {
      await startPostgres();
    }
    expect(downReadiness.status).toBe(503);
    expect(downReadiness.body).toMatchObject({
      status: 'error',
      error: { postgres: { status: 'down' } },
    });
    for (const answer of outage) {
      expect(answer).toEqual({
        route: answer.route,
        status: 503,
        retryAfter: '5',
        message: expect.stringMatching(/database is unavailable; retry after 5 s/),
      });
    }

    const recovered = await until(
      async () => {
        const probe = await readiness(url);
        return probe.status === 200 ? Date.now() : undefined;
      },
      30_000,
      'readiness to recover',
    );
    await fault.reconnect();
    const end = await until(
      async () => {
        const tally = await fault.tally();
        return tally.scored + tally.failed === ARTICLES ? tally : undefined;
      },
      120_000,
      'every article scored or failed',
    );
    const failedAttempts = await failureCount(metricsUrl);
    report('Postgres restart', {
      sent: ARTICLES,
      scoredWhenStopped: atStop.scored,
      downMs: DOWN_MS,
      readyWhileDown: downReadiness.status,
      whileDown: outage.map((o) => `${o.route} ${o.status} Retry-After ${o.retryAfter}`).join('; '),
      failedAttemptsRetried: failedAttempts,
      readyAgainAfterMs: recovered - started,
      analysed: end.scored,
      failed: end.failed,
      duplicates: end.duplicateParagraphs,
      mismatched: end.mismatched,
      lost: ARTICLES - end.articles,
    });
    expect(failedAttempts).toBeGreaterThan(0);
    expect(end).toMatchObject({
      articles: ARTICLES,
      scored: ARTICLES,
      failed: 0,
      waiting: 0,
      duplicateParagraphs: 0,
      mismatched: 0,
    });
  }, 240_000);
});
