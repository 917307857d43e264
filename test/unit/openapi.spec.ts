import { existsSync, readFileSync } from 'node:fs';
import { OPENAPI_FILE, generateOpenApiJson } from '../../src/openapi';

describe('openapi.json', () => {
  it('matches the controllers and DTOs', async () => {
    const generated = await generateOpenApiJson();
    const committed = existsSync(OPENAPI_FILE) ? readFileSync(OPENAPI_FILE, 'utf8') : '';
    if (generated !== committed) {
      const paths = (json: string) =>
        json ? Object.keys((JSON.parse(json) as { paths: object }).paths) : [];
      const now = paths(generated);
      const before = paths(committed);
      throw new Error(
        [
          'openapi.json is out of date: run `npm run openapi` and commit openapi.json.',
          `paths added: ${now.filter((p) => !before.includes(p)).join(', ') || 'none'}`,
          `paths removed: ${before.filter((p) => !now.includes(p)).join(', ') || 'none'}`,
        ].join('\n'),
      );
    }
  }, 30_000);

  it('lists the answers every route may give: 503 everywhere, 413 and 415 with a body', () => {
    const document = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as {
      paths: Record<string, Record<string, { requestBody?: unknown; responses: object }>>;
    };
    const missing: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      if (!path.startsWith('/api/')) continue;
      for (const [method, operation] of Object.entries(item)) {
        const statuses = Object.keys(operation.responses);
        const needed = operation.requestBody ? ['413', '415', '503'] : ['503'];
        for (const status of needed)
          if (!statuses.includes(status)) missing.push(`${method} ${path} ${status}`);
      }
    }
    expect(missing).toEqual([]);
    expect(Object.keys(document.paths['/api/articles'].post.responses)).toContain('422');
  });
});
