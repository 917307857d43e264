import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FaultEnv, report, until } from './support/fault-env';
import { freePort, ServiceProcess } from './support/service-process';
import { TEST_API_KEY, TEST_READ_KEY } from '../support/test-env';

const ROOT = join(__dirname, '..', '..');
const SENTENCE =
  'The ferry operator said on Monday that the winter timetable would start a week early, and ' +
  'the island council said it had not been asked.';

function page(depth: number): string {
  const levels = depth - 3;
  return (
    `<html><head><title>Ferry timetable</title></head><body>${'<div>'.repeat(levels)}` +
    `<p>${SENTENCE}</p><p>${SENTENCE} ${SENTENCE}</p>${'</div>'.repeat(levels)}</body></html>`
  );
}

/**
 * The built processes, as production runs them: HTML extraction in dist/'s compiled worker
 * thread, every output line one JSON object, and a second worker on a taken metrics port.
 */
describe('built API and worker', () => {
  let fault: FaultEnv;

  beforeAll(async () => {
    fault = await FaultEnv.create({ READ_API_KEYS: TEST_READ_KEY });
  });
  afterAll(() => fault?.stop());

  it('extracts HTML in the compiled worker thread and refuses deep nesting with 422', async () => {
    expect(existsSync(join(ROOT, 'dist', 'src', 'extraction', 'extraction.worker.js'))).toBe(true);
    const { api, url } = await fault.startApi({ LOG_LEVEL: 'info' });
    const post = (html: string) =>
      fetch(`${url}/api/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': TEST_API_KEY },
        body: JSON.stringify({ html }),
      });
    const accepted = await post(page(40));
    expect(accepted.status).toBe(202);
    const started = Date.now();
    const refused = await post(page(5_000));
    const refusedMs = Date.now() - started;
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { message: string }).message).toMatch(
      /nest more than 64 levels deep/,
    );
    const live = await fetch(`${url}/health/live`);
    expect(live.status).toBe(200);

    // A client that gives up before the answer still gets its request line.
    const gone = new AbortController();
    const pending = fetch(`${url}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': TEST_API_KEY },
      body: JSON.stringify({ html: page(60).repeat(60) }),
      signal: gone.signal,
    }).catch(() => undefined);
    setTimeout(() => gone.abort(), 30);
    await pending;
    await until(
      () =>
        Promise.resolve(
          api.lines.some((line) => /"msg":"request".*"aborted":true/.test(line)) || undefined,
        ),
      20_000,
      'the aborted request line',
    );
    expectJsonLines(api);
    report('built extraction', { accepted: 202, refused: 422, refusedMs, health: live.status });
  });

  it('a worker serves /metrics with the read key only; a second on the same port says what to set', async () => {
    const port = await freePort();
    const first = await fault.startWorker({ METRICS_PORT: String(port) });
    const metrics = `http://127.0.0.1:${port}/metrics`;
    expect((await fetch(metrics)).status).toBe(401);
    expect((await fetch(metrics, { headers: { 'x-api-key': TEST_READ_KEY } })).status).toBe(200);

    const second = await ServiceProcess.start(
      'worker',
      fault.processEnv({ METRICS_PORT: String(port) }),
    ).catch((error: Error) => error);
    expect(second).toBeInstanceOf(Error);
    expect((second as Error).message).toMatch(
      new RegExp(`METRICS_PORT: 127\\.0\\.0\\.1:${port} is already in use .*its own METRICS_PORT`),
    );
    expectJsonLines(first);
  });
});

function expectJsonLines(service: ServiceProcess): void {
  const broken = service.lines.filter((line) => {
    try {
      return typeof JSON.parse(line) !== 'object';
    } catch {
      return true;
    }
  });
  expect(broken).toEqual([]);
}
