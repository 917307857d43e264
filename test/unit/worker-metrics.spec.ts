import { type AppConfig, ConfigError, loadConfig } from '../../src/config/config';
import { MetricsService } from '../../src/metrics/metrics.service';
import { WorkerMetricsServer } from '../../src/metrics/worker-metrics.server';

const READ_KEY = 'worker-metrics-read-key-0001';
const WRITE_KEY = 'worker-metrics-write-key-0001';

function config(env: Record<string, string>): AppConfig {
  return loadConfig({ METRICS_PORT: '0', ...env }, { apiKeys: false });
}

/** A worker's metrics endpoint on a free port (METRICS_PORT=0 turns it off, so pick one). */
async function started(env: Record<string, string>): Promise<WorkerMetricsServer> {
  for (let attempt = 0; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    const server = new WorkerMetricsServer(
      config({ ...env, METRICS_PORT: String(port) }),
      new MetricsService(),
    );
    try {
      await server.onApplicationBootstrap();
      return server;
    } catch (error) {
      if (!(error instanceof ConfigError) || attempt > 5) throw error;
    }
  }
}

describe('worker metrics endpoint', () => {
  const servers: WorkerMetricsServer[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.onApplicationShutdown())));

  async function scrape(server: WorkerMetricsServer, key?: string, host = '127.0.0.1') {
    return fetch(`http://${host}:${server.port}/metrics`, {
      headers: key ? { 'x-api-key': key } : {},
    });
  }

  it('needs a read or write key when READ_API_KEYS is set', async () => {
    const server = await started({ READ_API_KEYS: READ_KEY, API_KEYS: WRITE_KEY });
    servers.push(server);
    const missing = await scrape(server);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ message: /needs a read key/ });
    expect((await scrape(server, 'not-a-key-of-this-worker')).status).toBe(401);
    expect((await scrape(server, READ_KEY)).status).toBe(200);
    const withWrite = await scrape(server, WRITE_KEY);
    expect(withWrite.status).toBe(200);
    expect(await withWrite.text()).toContain('tonewatch_analysis_failures_total');
  });

  it('is open while READ_API_KEYS is empty, as the API’s /metrics is', async () => {
    const server = await started({});
    servers.push(server);
    expect((await scrape(server)).status).toBe(200);
  });

  it('listens on loopback by default and on HOST when set', async () => {
    expect(config({}).http.host).toBe('127.0.0.1');
    const server = await started({});
    servers.push(server);
    const address = (s: WorkerMetricsServer) =>
      (s as unknown as { server: import('node:http').Server }).server.address();
    expect(address(server)).toMatchObject({ address: '127.0.0.1' });
    const elsewhere = await started({ HOST: '127.0.0.2' });
    servers.push(elsewhere);
    expect(address(elsewhere)).toMatchObject({ address: '127.0.0.2' });
  });

  it('refuses to start on a taken port, saying what to set', async () => {
    const first = await started({});
    servers.push(first);
    const second = new WorkerMetricsServer(
      config({ METRICS_PORT: String(first.port) }),
      new MetricsService(),
    );
    const error = (await second.onApplicationBootstrap().catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems).toEqual([
      `METRICS_PORT: 127.0.0.1:${first.port} is already in use (another worker on this host?); give each worker on one host its own METRICS_PORT, or METRICS_PORT=0 to serve no metrics`,
    ]);
  });
});
