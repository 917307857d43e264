import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { type Response } from 'express';
import { MONITOR_SCHEMA } from '../analysis';

/** The OpenAPI document, built from the controllers' decorators. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Tonewatch')
    .setDescription(
      'Speaker-side tone monitor for news: who says what, in which tone, and when that tone shifts.',
    )
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
    .build();
  return sortKeys(SwaggerModule.createDocument(app, config));
}

/**
 * Serves the document as a page at /docs and as JSON at /docs-json, and the monitor file schema
 * at /docs/monitor.schema.json, without a key.
 */
export function mountApiDocs(app: INestApplication): void {
  app
    .getHttpAdapter()
    .get('/docs/monitor.schema.json', (_request: unknown, response: Response) =>
      response.type('application/schema+json').send(JSON.stringify(MONITOR_SCHEMA, null, 2)),
    );
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

/** Object keys in code-point order at every depth, so the committed file diffs cleanly. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => sortKeys(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return Object.fromEntries(entries.map(([key, item]) => [key, sortKeys(item)])) as T;
}
