import { CliError } from './io';

export interface ApiSettings {
  apiUrl: string;
  apiKey: string | undefined;
}

type Env = Record<string, string | undefined>;

/**
 * Where CLI commands that talk to a running API send their requests: `--api`/`--key` win,
 * then TONEWATCH_API_URL / TONEWATCH_API_KEY, then a local API with the first key of API_KEYS
 * (the shell that started the service), then without a key.
 */
export function apiSettings(options: Map<string, string>, env: Env = process.env): ApiSettings {
  const apiUrl = options.get('api') ?? (env.TONEWATCH_API_URL?.trim() || 'http://127.0.0.1:3000');
  try {
    const url = new URL(apiUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(url.protocol);
  } catch {
    throw new CliError(`--api / TONEWATCH_API_URL must be an http(s) URL (got "${apiUrl}")`, 2);
  }
  return {
    apiUrl: apiUrl.replace(/\/+$/, ''),
    apiKey:
      options.get('key') ??
      (env.TONEWATCH_API_KEY?.trim() || env.API_KEYS?.split(',')[0]?.trim() || undefined),
  };
}
