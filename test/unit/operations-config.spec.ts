import { loadConfig } from '../../src/config/config';

const base = { API_KEYS: 'a-key-that-is-long-enough' };

describe('operations settings', () => {
  it('default to generous rate limits, no CORS and the standard worker timings', () => {
    const config = loadConfig(base);
    expect(config.limits.rateLimitPerAddress).toBe(3_000);
    expect(config.limits.rateLimitPerKey).toBe(12_000);
    expect(config.limits.rateLimitWindowMs).toBe(60_000);
    expect(config.http.corsOrigins).toEqual([]);
    expect(config.runtime.metricsPort).toBe(9464);
    expect(config.queue.workerLockMs).toBe(30_000);
    expect(config.queue.stalledIntervalMs).toBe(30_000);
  });

  it('accepts a list of origins and 0 to switch a limit off', () => {
    const config = loadConfig({
      ...base,
      CORS_ORIGINS: 'https://a.example.org, http://localhost:8080',
      RATE_LIMIT_PER_ADDRESS: '0',
    });
    expect(config.http.corsOrigins).toEqual(['https://a.example.org', 'http://localhost:8080']);
    expect(config.limits.rateLimitPerAddress).toBe(0);
  });

  it('refuses origins with a path or another scheme, naming the variable', () => {
    expect(() => loadConfig({ ...base, CORS_ORIGINS: 'https://a.example.org/app' })).toThrow(
      /CORS_ORIGINS: "https:\/\/a.example.org\/app" is not an origin/,
    );
    expect(() => loadConfig({ ...base, CORS_ORIGINS: 'ftp://a.example.org' })).toThrow(
      /CORS_ORIGINS/,
    );
  });
});
