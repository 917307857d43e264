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
    try {
      await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
      downReadiness = await readiness(url);
    } finally {
      await startPostgres();
    }
    expect(downReadiness.status).toBe(503);
    expect(downReadiness.body).toMatchObject({
      status: 'error',
      error: { postgres: { status: 'down' } },
    });

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
