import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { type AppConfig } from '../config/config';

/**
 * Everything about the HTTP layer that is not a route: shared by main.ts and the integration
 * tests so that tests exercise exactly the production validation and error behaviour.
 */
export function configureHttpApp(app: INestApplication, _config: AppConfig): void {
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
