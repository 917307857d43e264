import { FaultEnv, postBatches, report, until } from './support/fault-env';

const ARTICLES = 1_000;
/** posted in one batch while the API is told to stop */
const IN_FLIGHT = 100;

/**
 * SIGTERM to a busy worker: it takes no new job, finishes the ones it holds, closes its
 * connections and exits 0, leaving no article half-written. Then the API is told to stop in the
 * middle of a batch: it finishes that request before it exits 0.
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
    const inFlight = postBatches(url, ARTICLES, ARTICLES + IN_FLIGHT, IN_FLIGHT);
    await until(
      async () => ((await fault.tally()).articles > ARTICLES ? true : undefined),
      30_000,
      'the batch to be in progress',
    );
    api.kill('SIGTERM');
    const acceptedInFlight = await inFlight;
    const apiExit = await api.exited;
    expect(acceptedInFlight).toHaveLength(IN_FLIGHT);

    const total = ARTICLES + IN_FLIGHT;
    const end = await until(
      async () => {
        const tally = await fault.tally();
        return tally.scored + tally.failed === total ? tally : undefined;
      },
      120_000,
      'every article scored or failed',
    );
    second.kill('SIGTERM');
    const secondExit = await second.exited;
    report('graceful shutdown', {
      sent: total,
      acceptedWhileApiStopping: acceptedInFlight.length,
      scoredWhenStopped: atStop.scored,
      workerStopMs,
      workerExitCode: String(workerExit.code),
      apiExitCode: String(apiExit.code),
      analysed: end.scored,
      failed: end.failed,
      duplicates: end.duplicateParagraphs,
      mismatched: end.mismatched,
      lost: total - end.articles,
    });
    expect(secondExit).toEqual({ code: 0, signal: null });
    expect(apiExit).toEqual({ code: 0, signal: null });
    expect(end).toMatchObject({
      articles: total,
      scored: total,
      failed: 0,
      duplicateParagraphs: 0,
      mismatched: 0,
    });
  }, 240_000);
});
