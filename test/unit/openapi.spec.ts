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
});
