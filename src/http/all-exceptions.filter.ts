import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { type Request, type Response } from 'express';
import { DomainError, type DomainErrorCode } from '../common/domain-errors';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';
import { requestIdOf } from './request-id';

/** The one place a domain error's code becomes an HTTP status. */
const STATUS_OF: Record<DomainErrorCode, HttpStatus> = {
  invalid_input: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

const REASON_OF: Record<DomainErrorCode, string> = {
  invalid_input: 'Bad Request',
  not_found: 'Not Found',
  conflict: 'Conflict',
  too_large: 'Payload Too Large',
  unprocessable: 'Unprocessable Entity',
  unavailable: 'Service Unavailable',
};

/**
 * Domain errors from the services get their status here, with the same body shape as Nest's
 * own exceptions plus the error's code. Client mistakes keep Nest's usual body (plus the request id); a database that cannot be
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

    if (exception instanceof DomainError) {
      const status = STATUS_OF[exception.code];
      res.status(status).json({
        statusCode: status,
        error: REASON_OF[exception.code],
        code: exception.code,
        message: exception.detail,
        requestId,
      });
      return;
    }
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
