import { ConfigError } from '../../src/config/config';
import { JsonLogger } from '../../src/logging/json-logger';
import { describeStartupFailure, runEntrypoint } from '../../src/run-entrypoint';
import {
  apiStartup,
  browseUrl,
  combinedStartup,
  migrationsReport,
  workerStartup,
} from '../../src/startup-report';

function output(isTTY: boolean) {
  const lines: string[] = [];
  const stderr: string[] = [];
  const codes: number[] = [];
  return {
    lines,
    stderr,
    codes,
    entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    out: {
      log: new JsonLogger({ logLevel: 'info' }, { write: (l: string) => lines.push(l) }),
      stderr: { isTTY, write: (t: string) => stderr.push(t) },
      exit: (code: number) => codes.push(code),
    },
  };
}

describe('start-up report', () => {
  it('says where the API listens, its dashboard, docs and metrics, and the migrations applied', () => {
    const report = apiStartup({ host: '127.0.0.1', port: 3000, readApiKeys: [] }, [
      'Init1700000000000',
      'Rollups1700000000001',
    ]);
    expect(report.msg).toBe(
      'listening on 127.0.0.1:3000; dashboard http://127.0.0.1:3000/; API docs http://127.0.0.1:3000/docs; applied 2 migration(s): Init1700000000000, Rollups1700000000001',
    );
    expect(report.fields).toEqual({
      address: '127.0.0.1',
      port: 3000,
      dashboard: 'http://127.0.0.1:3000/',
      docs: 'http://127.0.0.1:3000/docs',
      metrics: 'http://127.0.0.1:3000/metrics',
      migrationsApplied: ['Init1700000000000', 'Rollups1700000000001'],
    });
    expect(report.warnings).toEqual([]);
    expect(migrationsReport([])).toBe('schema up to date');
  });

  it('warns when it listens beyond this machine with read routes open', () => {
    const open = apiStartup({ host: '0.0.0.0', port: 8080, readApiKeys: [] });
    expect(open.fields?.dashboard).toBe('http://localhost:8080/');
    expect(open.warnings?.[0]).toMatch(/HOST is 0\.0\.0\.0 and READ_API_KEYS is empty/);
    const keyed = apiStartup({ host: '0.0.0.0', port: 8080, readApiKeys: ['r'.repeat(16)] });
    expect(keyed.warnings).toEqual([]);
    expect(apiStartup({ host: '::1', port: 3000, readApiKeys: [] }).warnings).toEqual([]);
    expect(browseUrl('::1', 3000)).toBe('http://[::1]:3000');
  });

  it("says where a worker's metrics are, or that they are off", () => {
    expect(workerStartup({ host: '127.0.0.1', metricsPort: 9464, workerConcurrency: 4 })).toEqual({
      msg: 'concurrency 4; worker metrics http://127.0.0.1:9464/metrics',
      fields: { concurrency: 4, workerMetrics: 'http://127.0.0.1:9464/metrics' },
    });
    expect(workerStartup({ host: '127.0.0.1', metricsPort: 0, workerConcurrency: 2 }).msg).toBe(
      'concurrency 2; worker metrics off (METRICS_PORT=0)',
    );
  });

  it('logs one started line with the report, then its warnings', async () => {
    const o = output(false);
    const report = combinedStartup(
      apiStartup({ host: '0.0.0.0', port: 3000, readApiKeys: [] }, []),
      workerStartup({ host: '0.0.0.0', metricsPort: 9464, workerConcurrency: 4 }),
    );
    await runEntrypoint(
      'api+worker',
      () =>
        Promise.resolve({
          close: () => Promise.resolve(),
          shutdownTimeoutMs: 1000,
          startup: report,
        }),
      o.out,
    );
    process.removeAllListeners('SIGTERM');
    process.removeAllListeners('SIGINT');
    const [started, warning] = o.entries();
    expect(started).toMatchObject({
      level: 'info',
      context: 'api+worker',
      dashboard: 'http://localhost:3000/',
      workerMetrics: 'http://localhost:9464/metrics',
      migrationsApplied: [],
    });
    expect(started.msg).toMatch(/^tonewatch api\+worker started: listening on 0\.0\.0\.0:3000; /);
    expect(started.msg).toMatch(/schema up to date; concurrency 4; worker metrics/);
    expect(warning).toMatchObject({ level: 'warn', context: 'api+worker' });
    expect(o.codes).toEqual([]);
  });
});

describe('one-shot roles', () => {
  it('say what they did, not that they started', async () => {
    const o = output(false);
    await runEntrypoint('migrate', () => Promise.resolve({ finished: 'schema up to date' }), o.out);
    expect(o.entries()).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'tonewatch migrate finished: schema up to date',
      }),
    ]);
    expect(o.codes).toEqual([]);
  });
});

describe('start-up failures', () => {
  it('on a terminal: plain lines on stderr, each bad variable on its own', async () => {
    const o = output(true);
    await runEntrypoint(
      'api',
      () => Promise.reject(new ConfigError(['API_KEYS is required', 'PORT must be an integer'])),
      o.out,
    );
    expect(o.stderr.join('')).toBe(
      'tonewatch api failed to start: invalid configuration\n  - API_KEYS is required\n  - PORT must be an integer\n',
    );
    expect(o.lines).toEqual([]);
    expect(o.codes).toEqual([1]);
  });

  it('elsewhere: one JSON line with a short msg, the problems and the stack as fields', async () => {
    const o = output(false);
    await runEntrypoint(
      'worker',
      () => Promise.reject(new ConfigError(['REDIS_URL is not a valid URL'])),
      o.out,
    );
    expect(o.entries()[0]).toMatchObject({
      level: 'error',
      msg: 'tonewatch worker failed to start: invalid configuration',
      problems: ['REDIS_URL is not a valid URL'],
      context: 'worker',
    });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    await runEntrypoint('api', () => Promise.reject(refused), o.out);
    const entry = o.entries()[1];
    expect(entry.msg).toBe('tonewatch api failed to start: connect ECONNREFUSED 127.0.0.1:5432');
    expect(entry.hint).toMatch(/is PostgreSQL running at DATABASE_URL/);
    expect(String(entry.stack)).toMatch(/startup\.spec/);
    expect(o.codes).toEqual([1, 1]);
  });

  it('names the usual first-run causes', () => {
    const redis = describeStartupFailure(
      'worker',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }),
    );
    expect(redis.text).toMatch(
      /^tonewatch worker failed to start: connect ECONNREFUSED 127\.0\.0\.1:6379\n  is Redis running at REDIS_URL/,
    );
    expect(
      describeStartupFailure('api', new Error('database "tonewatch" does not exist')).hint,
    ).toMatch(/createdb -h 127\.0\.0\.1 -U postgres tonewatch/);
    expect(
      describeStartupFailure(
        'api',
        Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }),
      ).hint,
    ).toMatch(/set PORT/);
  });
});
