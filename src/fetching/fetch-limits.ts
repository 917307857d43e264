import { type AppConfig } from '../config/config';
import { type FetchLimits } from './safe-fetch';

export function fetchLimitsFrom(config: AppConfig): FetchLimits {
  return {
    timeoutMs: config.fetch.timeoutMs,
    maxBytes: config.fetch.maxBytes,
    maxRedirects: config.fetch.maxRedirects,
    userAgent: config.fetch.userAgent,
    allowPrivate: config.fetch.allowPrivateTargets,
  };
}
