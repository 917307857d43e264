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
  return sortKeys(withCommonAnswers(SwaggerModule.createDocument(app, config)));
}

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

/**
 * Answers every route may give, whatever its controller declares: 503 while the database cannot
 * be reached, and for a request body 413 (over the route's limit) and 415 (compressed or not
 * UTF-8); 422 where an article's HTML is refused by the extraction limits (a batch item is
 * refused alone, in its own result).
 */
function withCommonAnswers(document: OpenAPIObject): OpenAPIObject {
  const add = (operation: Operation, status: string, description: string) => {
    operation.responses[status] ??= { description };
  };
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      add(operation, '503', 'The database cannot be reached; Retry-After says when to try again');
      if (!operation.requestBody) continue;
      add(operation, '413', "The body is over this route's limit");
      add(operation, '415', 'The body is compressed (unless ACCEPT_COMPRESSED_BODIES) or not UTF-8');
      if (path === '/api/articles')
        add(operation, '422', 'html: refused by the extraction limits (nesting, elements, time)');
    }
  }
  return document;
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
