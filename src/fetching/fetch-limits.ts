import { type AppConfig } from '../config/config';
import { type FetchLimits } from './safe-fetch';

export function fetchLimitsFrom(config: AppConfig): FetchLimits {
  return {
    timeoutMs: config.fetchTimeoutMs,
    maxBytes: config.fetchMaxBytes,
    maxRedirects: config.fetchMaxRedirects,
    userAgent: config.fetchUserAgent,
    allowPrivate: config.allowPrivateTargets,
  };
}
