import { createHash } from 'node:crypto';
import { type NextFunction, type Request, type Response } from 'express';
import { type AppConfig } from '../config/config';
import { type RateDecision, type RateLimiter } from './rate-limiter';

/** Probes and scrapes must never be throttled, or an overloaded client could take them down. */
const EXEMPT = /^\/(health\/|metrics$)/;

/**
 * Two budgets per window: one per client address (every request) and one per API key
 * (requests that present a key). The key is counted by a digest, so it is not stored in Redis.
 */
export function rateLimitMiddleware(limiter: RateLimiter, config: AppConfig) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (EXEMPT.test(req.path)) return next();
    void decide(limiter, config, req).then(
      (refusal) => {
        if (!refusal) return next();
        const seconds = Math.max(1, Math.ceil(refusal.retryAfterMs / 1000));
        res.setHeader('Retry-After', String(seconds));
        res.status(429).json({
          statusCode: 429,
          error: 'Too Many Requests',
          message: `rate limit of ${refusal.limit} requests per ${config.limits.rateLimitWindowMs / 1000} s exceeded; retry after ${seconds} s`,
        });
      },
      (error: unknown) => next(error),
    );
  };
}

async function decide(
  limiter: RateLimiter,
  config: AppConfig,
  req: Request,
): Promise<RateDecision | undefined> {
  const checks: Promise<RateDecision>[] = [];
  if (config.limits.rateLimitPerAddress > 0) {
    checks.push(limiter.hit(`addr:${req.ip ?? 'unknown'}`, config.limits.rateLimitPerAddress));
  }
  const key = req.headers['x-api-key'];
  if (config.limits.rateLimitPerKey > 0 && typeof key === 'string' && key !== '') {
    const digest = createHash('sha256').update(key).digest('hex').slice(0, 32);
    checks.push(limiter.hit(`key:${digest}`, config.limits.rateLimitPerKey));
  }
  const decisions = await Promise.all(checks);
  return decisions
    .filter((decision) => !decision.allowed)
    .sort((a, b) => b.retryAfterMs - a.retryAfterMs)[0];
}
