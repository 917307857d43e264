import { FaultEnv, postOne, report, until } from './support/fault-env';
import { startRedis, stopRedis } from './support/services';

const BEFORE = 150;
const DURING = 40;
const AFTER = 60;
const PARALLEL = 10;

async function postRange(url: string, from: number, to: number) {
  const results: { status: number; id?: string }[] = [];
  for (let start = from; start < to; start += PARALLEL) {
    const batch = [];
    for (let n = start; n < Math.min(to, start + PARALLEL); n++) batch.push(postOne(url, n));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

/**
 * Redis shut down without saving while articles arrive: every queued job is gone with it. The
 * API must keep accepting into Postgres (or refuse clearly), and the workers' requeue sweep
 * must enqueue everything again once Redis is back.
 */
describe('Redis stopped while articles are posted', () => {
  let fault: FaultEnv;

  beforeAll(async () => {
    fault = await FaultEnv.create({
      REQUEUE_INTERVAL_MS: '1000',
      REQUEUE_AFTER_MS: '1000',
      SHUTDOWN_TIMEOUT_MS: '10000',
    });
  });
  afterAll(async () => {
    await startRedis();
    await fault?.stop();
  });

  it('never loses an accepted article and analyses all of them once Redis is back', async () => {
    const { url } = await fault.startApi();
    const { api: spareApi } = await fault.startApi();
    await fault.startWorker();

    const before = await postRange(url, 0, BEFORE);
    await stopRedis();
    let during: { status: number; id?: string }[];
    let readyWhileDown: number;
    let spareExit: Awaited<typeof spareApi.exited>;
    let spareStopMs = 0;
    try {
      during = await postRange(url, BEFORE, BEFORE + DURING);
      readyWhileDown = (await fetch(`${url}/health/ready`)).status;
      // An instance asked to stop during the outage must not wait for Redis to come back.
      const signalled = Date.now();
      spareApi.kill('SIGTERM');
      spareExit = await spareApi.exited;
      spareStopMs = Date.now() - signalled;
    } finally {
      await startRedis();
    }
    expect(spareExit).toEqual({ code: 0, signal: null });
    const after = await postRange(url, BEFORE + DURING, BEFORE + DURING + AFTER);

    const all = [...before, ...during, ...after];
    const accepted = all.filter((r) => r.status === 202 && r.id).map((r) => r.id as string);
    const refusedClearly = all.filter((r) => r.status === 503).length;
    const otherwise = all.filter((r) => r.status !== 202 && r.status !== 503);
    expect(otherwise).toEqual([]);
    expect(during.every((r) => r.status === 202 || r.status === 503)).toBe(true);
    expect(readyWhileDown).toBe(503);

    const end = await until(
      async () => {
        const tally = await fault.tally();
        return tally.waiting === 0 ? tally : undefined;
      },
      120_000,
      'no article left waiting',
    );
    const { rows } = await fault.db.query<{ id: string; status: string }>(
      `SELECT id, status FROM articles WHERE id = ANY($1::uuid[])`,
      [accepted],
    );
    const scoredIds = new Set(rows.filter((r) => r.status === 'scored').map((r) => r.id));
    report('Redis outage', {
      sent: all.length,
      acceptedWhileDown: during.filter((r) => r.status === 202).length,
      refusedWhileDown: refusedClearly,
      readyWhileDown,
      apiStoppedDuringOutageMs: spareStopMs,
      accepted: accepted.length,
      analysed: scoredIds.size,
      failed: end.failed,
      duplicates: end.duplicateParagraphs,
      mismatched: end.mismatched,
      lost: accepted.length - rows.length,
    });
    expect(rows).toHaveLength(accepted.length);
    expect(scoredIds.size).toBe(accepted.length);
    expect(end).toMatchObject({ failed: 0, duplicateParagraphs: 0, mismatched: 0 });
  }, 240_000);
});
