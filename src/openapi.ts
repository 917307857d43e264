import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { loadConfig } from './config/config';
import { buildOpenApiDocument } from './http/api-docs';
import { projectRoot } from './http/project-root';

/** Where `npm run openapi` writes the document; a test compares it with the code. */
export const OPENAPI_FILE = join(projectRoot(), 'openapi.json');

/**
 * The document as the API would serve it. Preview mode builds the module graph without
 * instantiating providers, so nothing connects to Postgres or Redis.
 */
export async function generateOpenApiJson(): Promise<string> {
  const config = loadConfig({ API_KEYS: 'openapi-generation-key-0000', NODE_ENV: 'production' });
  const app = await NestFactory.create(AppModule.register(config), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  generateOpenApiJson().then(
    (json) => {
      writeFileSync(OPENAPI_FILE, json);
      console.log(`wrote ${OPENAPI_FILE}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
