import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { type AppConfig } from '../config/config';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { bodyParserErrors, jsonBodyParser, requireJsonBody } from './body-parsing';
import { assignRequestId } from './request-id';

/**
 * Everything about the HTTP layer that is not a route: shared by main.ts and the integration
 * tests so that tests exercise exactly the production validation and error behaviour.
 */
export function configureHttpApp(app: INestApplication, config: AppConfig): void {
  // main.ts creates the app with bodyParser off so that these run in this order.
  app.use(assignRequestId, requireJsonBody, jsonBodyParser(config), bodyParserErrors);
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
    }),
  );
  app.enableShutdownHooks();
}
