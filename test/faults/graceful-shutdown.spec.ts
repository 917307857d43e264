import { FaultEnv, postBatches, report, until } from './support/fault-env';

const ARTICLES = 1_000;

/**
 * SIGTERM to a busy worker: it takes no new job, finishes the ones it holds, closes its
 * connections and exits 0, leaving no article half-written. Then the API stops the same way.
 */
describe('graceful shutdown under load', () => {
  let fault: FaultEnv;

  beforeAll(async () => {
    fault = await FaultEnv.create({ WORKER_CONCURRENCY: '4', SHUTDOWN_TIMEOUT_MS: '20000' });
  });
  afterAll(() => fault?.stop());

  it('leaves no half-written article and exits 0', async () => {
    const { api, url } = await fault.startApi();
    await postBatches(url, 0, ARTICLES);
    const first = await fault.startWorker();
    await until(
      async () => ((await fault.tally()).scored >= ARTICLES * 0.2 ? true : undefined),
      60_000,
      'a fifth of the articles scored',
    );

    const signalled = Date.now();
    first.kill('SIGTERM');
    const workerExit = await first.exited;
    const workerStopMs = Date.now() - signalled;
    const atStop = await fault.tally();
    expect(workerExit).toEqual({ code: 0, signal: null });
    // Nothing in the middle of scoring, and every scored article complete.
    expect(atStop).toMatchObject({ scoring: 0, mismatched: 0, duplicateParagraphs: 0 });
    expect(atStop.scored).toBeLessThan(ARTICLES);

    const second = await fault.startWorker();
    const end = await until(
      async () => {
        const tally = await fault.tally();
        return tally.scored + tally.failed === ARTICLES ? tally : undefined;
      },
      120_000,
      'every article scored or failed',
    );
    second.kill('SIGTERM');
    api.kill('SIGTERM');
    const [secondExit, apiExit] = await Promise.all([second.exited, api.exited]);
    report('graceful shutdown', {
      sent: ARTICLES,
      scoredWhenStopped: atStop.scored,
      workerStopMs,
      workerExitCode: String(workerExit.code),
      apiExitCode: String(apiExit.code),
      analysed: end.scored,
      failed: end.failed,
      duplicates: end.duplicateParagraphs,
      mismatched: end.mismatched,
      lost: ARTICLES - end.articles,
    });
    expect(secondExit).toEqual({ code: 0, signal: null });
    expect(apiExit).toEqual({ code: 0, signal: null });
    expect(end).toMatchObject({
      articles: ARTICLES,
      scored: ARTICLES,
      failed: 0,
      duplicateParagraphs: 0,
      mismatched: 0,
    });
  }, 240_000);
});
