import { expectedRows, FaultEnv, postBatches, report, until } from './support/fault-env';

const ARTICLES = 1_000;

/**
 * kill -9 of one of two workers in the middle of a run: the jobs it held stall, their locks
 * expire, and the surviving worker takes them over. Short locks keep the takeover quick.
 */
describe('a worker killed with SIGKILL mid-run', () => {
  let fault: FaultEnv;

  beforeAll(async () => {
    fault = await FaultEnv.create({
      WORKER_LOCK_MS: '3000',
      STALLED_INTERVAL_MS: '2000',
      WORKER_CONCURRENCY: '4',
    });
  });
  afterAll(() => fault?.stop());

  it('loses no article and stores no paragraph twice', async () => {
    expect(expectedRows(ARTICLES - 1)).toEqual(expectedRows(0));
    const { url } = await fault.startApi();
    const ids = await postBatches(url, 0, ARTICLES);
    expect(new Set(ids).size).toBe(ARTICLES);

    // The whole run is queued before the workers start, so the kill lands in its middle.
    const started = Date.now();
    const victim = await fault.startWorker();
    await fault.startWorker();

    const atKill = await until(
      async () => {
        const tally = await fault.tally();
        return tally.scored >= ARTICLES * 0.2 ? tally : undefined;
      },
      60_000,
      'a fifth of the articles scored',
    );
    victim.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');

    const end = await until(
      async () => {
        const tally = await fault.tally();
        return tally.scored + tally.failed === ARTICLES ? tally : undefined;
      },
      120_000,
      'every article scored or failed',
    );
    report('worker kill -9', {
      sent: ARTICLES,
      scoredWhenKilled: atKill.scored,
      analysed: end.scored,
      failed: end.failed,
      takenOver: end.claimedAgain,
      duplicates: end.duplicateParagraphs,
      mismatched: end.mismatched,
      lost: ARTICLES - end.articles,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    });
    expect(end).toMatchObject({
      articles: ARTICLES,
      scored: ARTICLES,
      failed: 0,
      waiting: 0,
      duplicateParagraphs: 0,
      mismatched: 0,
    });
  }, 180_000);
});
