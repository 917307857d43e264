import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { type Request, type Response } from 'express';
import { requestIdOf } from './request-id';

/**
 * Client mistakes keep Nest's usual body (plus the request id); anything unexpected becomes a
 * plain JSON 500 with the request id to quote, while the stack goes to the log only.
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

    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const payload = typeof body === 'string' ? { statusCode: status, message: body } : body;
      res.status(status).json({ ...payload, requestId });
      return;
    }
    const error = exception instanceof Error ? exception : new Error(String(exception));
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
