import { type INestApplication } from '@nestjs/common';
import helmet from 'helmet';
import { type AppConfig } from '../config/config';

/**
 * helmet's defaults, whose CSP already confines scripts to this origin (the dashboard's own
 * files and /vendor/*, the API docs, the queue board), minus `upgrade-insecure-requests`, which
 * would break a deployment served over plain HTTP on a private network.
 */
export function applySecurityHeaders(app: INestApplication, config: AppConfig): void {
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'upgrade-insecure-requests': null, 'connect-src': ["'self'"] },
      },
    }),
  );
  if (config.http.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.http.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['content-type', 'x-api-key', 'x-request-id', 'last-event-id'],
      exposedHeaders: ['x-request-id', 'retry-after'],
      maxAge: 600,
    });
  }
}
