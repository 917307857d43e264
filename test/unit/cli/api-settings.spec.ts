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

  it('refuses a URL that is not http(s)', () => {
    expect(() => apiSettings(new Map(), { TONEWATCH_API_URL: 'ftp://x' })).toThrow(
      /TONEWATCH_API_URL must be an http\(s\) URL/,
    );
  });
});
