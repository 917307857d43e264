import { ConfigError, loadConfig } from '../../src/config/config';

const base = { API_KEYS: 'a-key-that-is-long-enough' };

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const config = loadConfig(base);
    expect(config.http.port).toBe(3000);
    expect(config.queue.redisPrefix).toBe('tonewatch');
    expect(config.http.apiKeys).toEqual(['a-key-that-is-long-enough']);
    expect(config.http.readApiKeys).toEqual([]);
  });

  it('names every bad variable at once and never echoes a key', () => {
    try {
      loadConfig({
        PORT: '70000',
        DATABASE_URL: 'mysql://x',
        WORKER_CONCURRENCY: 'many',
        API_KEYS: 'short',
      });
      throw new Error('expected ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toMatch(/PORT must be an integer from 1 to 65535 \(got "70000"\)/);
      expect(message).toMatch(/DATABASE_URL must use postgres: or postgresql:/);
      expect(message).toMatch(/WORKER_CONCURRENCY must be an integer/);
      expect(message).toMatch(/API_KEYS: every key must be at least 16 characters/);
      expect(message).not.toContain('short');
    }
  });

  it('groups the settings by concern, and reports a bad variable of every group at once', () => {
    const config = loadConfig(base);
    expect(Object.keys(config).sort()).toEqual([
      'alerts',
      'database',
      'fetch',
      'http',
      'limits',
      'monitors',
      'queue',
      'runtime',
      'scoring',
    ]);
    const oneBadPerGroup = {
      LOG_LEVEL: 'loud',
      PORT: '0',
      MIGRATE_ON_START: 'perhaps',
      JOB_ATTEMPTS: '0',
      SCORING_CHUNK_SIZE: '0',
      MAX_BATCH_SIZE: '0',
      FETCH_MAX_REDIRECTS: '99',
      WEBHOOK_ATTEMPTS: '0',
      DEFAULT_MONITOR: 'mars-venus',
    };
    let message = '';
    try {
      loadConfig({ ...base, ...oneBadPerGroup });
    } catch (error) {
      message = (error as ConfigError).message;
    }
    for (const name of Object.keys(oneBadPerGroup)) expect(message).toContain(`${name} must`);
  });

  it('accepts only a monitor that exists as DEFAULT_MONITOR', () => {
    expect(loadConfig({ ...base, DEFAULT_MONITOR: 'russia-ukraine' }).monitors.default).toBe(
      'russia-ukraine',
    );
    expect(() => loadConfig({ ...base, DEFAULT_MONITOR: 'mars-venus' })).toThrow(
      /DEFAULT_MONITOR must be one of .*us-china.* \(got "mars-venus"\)/,
    );
  });

  it('requires API_KEYS', () => {
    expect(() => loadConfig({})).toThrow(/API_KEYS is required/);
  });

  it('lets a process that checks no keys start without API_KEYS, still validating given ones', () => {
    expect(loadConfig({}, { apiKeys: false }).http.apiKeys).toEqual([]);
    expect(loadConfig(base, { apiKeys: false }).http.apiKeys).toEqual([
      'a-key-that-is-long-enough',
    ]);
    expect(() => loadConfig({ API_KEYS: 'short' }, { apiKeys: false })).toThrow(
      /API_KEYS: every key must be at least 16 characters/,
    );
  });

  it('listens on loopback unless HOST says otherwise', () => {
    expect(loadConfig(base).http.host).toBe('127.0.0.1');
    expect(loadConfig({ ...base, HOST: '0.0.0.0' }).http.host).toBe('0.0.0.0');
  });

  it('parses booleans strictly', () => {
    expect(loadConfig({ ...base, MIGRATE_ON_START: 'no' }).database.migrateOnStart).toBe(false);
    expect(() => loadConfig({ ...base, MIGRATE_ON_START: 'maybe' })).toThrow(
      /MIGRATE_ON_START must be true or false/,
    );
  });
});
