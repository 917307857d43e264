import { ConfigError, loadConfig } from '../../src/config/config';

const base = { API_KEYS: 'a-key-that-is-long-enough' };

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const config = loadConfig(base);
    expect(config.port).toBe(3000);
    expect(config.redisPrefix).toBe('tonewatch');
    expect(config.apiKeys).toEqual(['a-key-that-is-long-enough']);
    expect(config.readApiKeys).toEqual([]);
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

  it('accepts only a monitor that exists as DEFAULT_MONITOR', () => {
    expect(loadConfig({ ...base, DEFAULT_MONITOR: 'russia-ukraine' }).defaultMonitor).toBe(
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
    expect(loadConfig({}, { apiKeys: false }).apiKeys).toEqual([]);
    expect(loadConfig(base, { apiKeys: false }).apiKeys).toEqual(['a-key-that-is-long-enough']);
    expect(() => loadConfig({ API_KEYS: 'short' }, { apiKeys: false })).toThrow(
      /API_KEYS: every key must be at least 16 characters/,
    );
  });

  it('listens on loopback unless HOST says otherwise', () => {
    expect(loadConfig(base).host).toBe('127.0.0.1');
    expect(loadConfig({ ...base, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('parses booleans strictly', () => {
    expect(loadConfig({ ...base, MIGRATE_ON_START: 'no' }).migrateOnStart).toBe(false);
    expect(() => loadConfig({ ...base, MIGRATE_ON_START: 'maybe' })).toThrow(
      /MIGRATE_ON_START must be true or false/,
    );
  });
});
