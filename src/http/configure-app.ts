import { type INestApplication, Logger, ValidationPipe } from '@nestjs/common';
import { type Express } from 'express';
import { mountQueueBoard } from '../admin/queue-board';
import { type AppConfig } from '../config/config';
import { mountDashboardWeb } from '../dashboard-web/dashboard-web';
import { requestLoggingMiddleware } from '../logging/request-logging.middleware';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { MetricsService } from '../metrics/metrics.service';
import { rateLimitMiddleware } from '../rate-limit/rate-limit.middleware';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { mountApiDocs } from './api-docs';
import { JsonBodyInterceptor } from './body-parsing';
import { assignRequestId } from './request-id';
import { applySecurityHeaders } from './security-headers';
import { rejectUnstorableQuery } from './unstorable-input';

/**
 * Everything about the HTTP layer that is not a route: shared by main.ts and the integration
 * tests so that tests exercise exactly the production validation and error behaviour.
 */
export function configureHttpApp(app: INestApplication, config: AppConfig): void {
  (app.getHttpAdapter().getInstance() as Express).set('trust proxy', config.http.trustProxyHops);
  // main.ts creates the app with bodyParser off: bodies are read by JsonBodyInterceptor,
  // after routing and the API-key guard, never by a middleware in front of them.
  app.use(
    assignRequestId,
    requestLoggingMiddleware(new Logger('HTTP')),
    httpMetricsMiddleware(app.get(MetricsService)),
  );
  applySecurityHeaders(app, config);
  app.use(rateLimitMiddleware(app.get(RateLimiter), config));
  mountQueueBoard(app, config);
  mountApiDocs(app);
  mountDashboardWeb(app);
  app.use(rejectUnstorableQuery);
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalInterceptors(new JsonBodyInterceptor(config));
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
    }),
  );
}
