import { apiSettings } from '../../../src/cli/api-settings';

describe('apiSettings', () => {
  it('defaults to a local API without a key', () => {
    expect(apiSettings(new Map(), {})).toEqual({
      apiUrl: 'http://127.0.0.1:3000',
      apiKey: undefined,
    });
  });

  it('reads TONEWATCH_API_URL and TONEWATCH_API_KEY, and lets options win', () => {
    const env = { TONEWATCH_API_URL: 'https://tonewatch.example/', TONEWATCH_API_KEY: 'env-key' };
    expect(apiSettings(new Map(), env)).toEqual({
      apiUrl: 'https://tonewatch.example',
      apiKey: 'env-key',
    });
    expect(
      apiSettings(
        new Map([
          ['api', 'http://10.0.0.2:3000'],
          ['key', 'flag-key'],
        ]),
        env,
      ),
    ).toEqual({ apiUrl: 'http://10.0.0.2:3000', apiKey: 'flag-key' });
  });

  it('falls back to the first key of API_KEYS, the variable the service was started with', () => {
    expect(
      apiSettings(new Map(), { API_KEYS: ' first-key-0123456789 ,second-key-0123456789' }),
    ).toEqual({
      apiUrl: 'http://127.0.0.1:3000',
      apiKey: 'first-key-0123456789',
    });
    expect(
      apiSettings(new Map(), { API_KEYS: 'first-key-0123456789', TONEWATCH_API_KEY: 'env-key' })
        .apiKey,
    ).toBe('env-key');
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => apiSettings(new Map(), { TONEWATCH_API_URL: 'ftp://x' })).toThrow(
      /TONEWATCH_API_URL must be an http\(s\) URL/,
    );
  });
});
