import { type AddressInfo, createServer } from 'node:net';
import { type RunningService } from '../../src/run-entrypoint';
import { combinedService } from '../../src/start';
import { databaseUrl, uniqueSuffix, withAdminClient } from '../support/postgres';
import { createTestEnv, type TestEnv } from '../support/test-env';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * `npm start` as its entrypoint runs it, on an empty database: what its started line says is
 * where the dashboard, the docs and the worker's metrics really are.
 */
describe('npm start (API and worker in one process)', () => {
  let env: TestEnv;
  let service: RunningService;
  const empty = `tonewatch_test_${uniqueSuffix()}`;
  let lines: string[];

  beforeAll(async () => {
    await withAdminClient((client) => client.query(`CREATE DATABASE ${empty}`));
    env = await createTestEnv({
      DATABASE_URL: databaseUrl(empty),
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      METRICS_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
    });
    lines = [];
    const spy = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => {
        lines.push(String(chunk));
        return true;
      });
    try {
      service = await combinedService(env.config);
    } finally {
      spy.mockRestore();
    }
  });
  afterAll(async () => {
    await service?.close();
    await env?.drop();
    await withAdminClient((client) =>
      client.query(`DROP DATABASE IF EXISTS ${empty} WITH (FORCE)`),
    );
  });

  it('reports the address, dashboard, docs, the migrations it applied and worker metrics', () => {
    const { port } = env.config.http;
    const { metricsPort } = env.config.runtime;
    const base = `http://127.0.0.1:${port}`;
    expect(service.startup?.fields).toMatchObject({
      address: '127.0.0.1',
      port,
      dashboard: `${base}/`,
      docs: `${base}/docs`,
      workerMetrics: `http://127.0.0.1:${metricsPort}/metrics`,
    });
    const applied = service.startup?.fields?.migrationsApplied as string[];
    expect(applied.length).toBeGreaterThan(3);
    expect(service.startup?.msg).toContain(`applied ${applied.length} migration(s): ${applied[0]}`);
    expect(service.startup?.warnings).toEqual([]);
  });

  it('and they answer there', async () => {
    const fields = service.startup?.fields as Record<string, string>;
    for (const url of [fields.dashboard, fields.docs, fields.metrics, fields.workerMetrics]) {
      const response = await fetch(url);
      expect({ url, status: response.status }).toEqual({ url, status: 200 });
    }
  });

  it("keeps Nest's boot messages (a line per module and route) out of the info log", () => {
    const boot = lines.filter((l) =>
      /"context":"(InstanceLoader|RouterExplorer|RoutesResolver)"/.test(l),
    );
    expect(boot).toEqual([]);
    // The log was captured: the worker's own start-up lines are there.
    expect(lines.some((l) => l.includes('"level":"info"'))).toBe(true);
  });
});
