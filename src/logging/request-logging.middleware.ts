import { type Logger } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';
import { runWithRequestId } from './request-context';

/**
 * Makes the request's id (assigned by src/http/request-id.ts) current for everything the
 * request does, so every log line it causes names it, and writes one access line per request:
 * when the response is finished, or when the connection closed before it was (the client went
 * away). Such a line says `aborted: true`, with status 499 (as nginx logs it) when no status
 * was sent yet. The line carries the path without its query string.
 */
export function requestLoggingMiddleware(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' ? header : undefined;
    const started = process.hrtime.bigint();
    let logged = false;
    const line = (aborted: boolean) => {
      if (logged) return;
      logged = true;
      runWithRequestId(requestId, () =>
        logger.log({
          msg: 'request',
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: aborted && !res.headersSent ? 499 : res.statusCode,
          durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
          ...(aborted ? { aborted: true } : {}),
        }),
      );
    };
    res.once('finish', () => line(false));
    res.once('close', () => line(!res.writableFinished));
    runWithRequestId(requestId, next);
  };
}
