import { type NextFunction, type Request, type Response } from 'express';
import { type MetricsService } from './metrics.service';

/**
 * Times every request and labels it with the route template (`/api/articles/:id`), never the
 * raw path, so ids and junk URLs cannot blow up the number of series.
 */
export function httpMetricsMiddleware(metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const template = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof template === 'string' ? `${req.baseUrl}${template}` : 'unmatched';
      stop({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
