import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { type Request, type Response } from 'express';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';
import { requestIdOf } from './request-id';

/**
 * Client mistakes keep Nest's usual body (plus the request id); a database that cannot be
 * reached is a 503 with Retry-After (the request may be repeated as it is); anything else
 * unexpected becomes a plain JSON 500 with the request id to quote, while the stack goes to
 * the log only. A request answered before its body was read (a missing key, a refused
 * header) also gets `Connection: close`, so the rest of that body is not read at all.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const requestId = requestIdOf(req);
    if (res.headersSent) return;
    if (!req.complete) res.setHeader('Connection', 'close');

    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const payload = typeof body === 'string' ? { statusCode: status, message: body } : body;
      res.status(status).json({ ...payload, requestId });
      return;
    }
    const error = exception instanceof Error ? exception : new Error(String(exception));
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(
        `${req.method} ${req.originalUrl} [${requestId}] answered 503: database unavailable (${error.message})`,
      );
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      res.status(HttpStatus.SERVICE_UNAVAILABLE).json({
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        message: `the database is unavailable; retry after ${DATABASE_RETRY_AFTER_SECONDS} s`,
        requestId,
      });
      return;
    }
    this.logger.error(
      `${req.method} ${req.originalUrl} [${requestId}] failed: ${error.stack ?? error.message}`,
    );
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      message: 'internal error; quote the request id when reporting it',
      requestId,
    });
  }
}
