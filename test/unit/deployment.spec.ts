import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

const ROOT = join(__dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  ports?: string[];
}

const compose = load(read('docker-compose.yml')) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};

/** Every variable name src/config/config.ts reads, from its source (the one reader of env). */
function configVariables(): string[] {
  const names = [...read('src/config/config.ts').matchAll(/read\.\w+\(\s*'([A-Z][A-Z0-9_]*)'/g)];
  return [...new Set(names.map((m) => m[1]))].sort();
}

/** Fixed in docker-compose.yml (a value meant for a run outside the containers would break them). */
const FIXED = ['NODE_ENV', 'HOST', 'PORT', 'DATABASE_URL', 'REDIS_URL', 'MIGRATE_ON_START'];
/** Read by docker-compose.yml, not by the code; documented in the same table. */
const COMPOSE_ONLY = ['POSTGRES_PASSWORD'];

describe('deployment files', () => {
  const variables = configVariables();

  it('finds the variables config.ts reads', () => {
    expect(variables).toEqual(
      expect.arrayContaining(['API_KEYS', 'DATABASE_URL', 'REDIS_URL', 'PORT']),
    );
  });

  it('give api, worker and migrate exactly the variables config.ts reads', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      expect(Object.keys(compose.services[name].environment ?? {}).sort()).toEqual(variables);
    }
  });

  it('document every variable in the README configuration table', () => {
    const readme = read('README.md');
    const section = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('## API overview'),
    );
    const documented = [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)]
      .map((m) => m[1])
      .sort();
    expect(documented).toEqual([...variables, ...COMPOSE_ONLY].sort());
  });

  it('pass every variable through from the shell except the six fixed ones, and say which', () => {
    const text = read('docker-compose.yml');
    const anchor = text.slice(text.indexOf('x-tonewatch-env:'), text.indexOf('services:'));
    const env = compose.services.api.environment ?? {};
    for (const name of variables) {
      const value = String(env[name]);
      if (FIXED.includes(name)) expect(value).not.toMatch(new RegExp(`\\$\\{${name}:`));
      else if (name === 'API_KEYS') expect(anchor).toMatch(/API_KEYS: \$\{API_KEYS:\?/);
      else expect(anchor).toContain(`${name}: \${${name}:-}`);
    }
    const readme = read('README.md');
    const section = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('| Variable |'),
    );
    for (const name of FIXED) {
      expect(section).toContain(`\`${name}\``);
      expect(text.slice(0, text.indexOf('x-tonewatch-env:'))).toContain(name);
    }
    // Compose-only variables are used by the compose file itself.
    for (const name of COMPOSE_ONLY) expect(text).toContain(`\${${name}:-`);
  });

  it('run Postgres and Redis with health checks and named volumes, migrations once before the services', () => {
    const { postgres, redis, migrate, api, worker } = compose.services;
    expect(postgres.image).toBe('postgres:16');
    expect(redis.image).toBe('redis:7');
    for (const store of [postgres, redis]) {
      expect(store.healthcheck?.test.length).toBeGreaterThan(0);
      const volume = store.volumes?.[0].split(':')[0] ?? '';
      expect(Object.keys(compose.volumes)).toContain(volume);
    }
    expect(migrate.command).toEqual(['node', 'dist/src/migrate.js']);
    expect(migrate.depends_on?.postgres.condition).toBe('service_healthy');
    for (const service of [api, worker]) {
      expect(service.image).toBe(migrate.image);
      expect(service.depends_on?.migrate.condition).toBe('service_completed_successfully');
      expect(service.environment?.MIGRATE_ON_START).toBe('false');
    }
    expect(api.ports).toEqual(['3000:3000']);
    // A published port would stop `--scale worker=N`.
    expect(worker.ports).toBeUndefined();
  });

  it('build one image with a non-root runtime user from the lock file', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/RUN npm ci/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('ship every folder the runtime reads from the project root', () => {
    // The dashboard serves public/ from the project root (src/http/project-root.ts).
    const runtime =
      read('Dockerfile')
        .split(/^FROM /m)
        .pop() ?? '';
    expect(runtime).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(runtime).toMatch(/^COPY --from=build \/app\/public \.\/public$/m);
  });

  it('listen on every interface inside the image only (loopback is the default elsewhere)', () => {
    const runtime =
      read('Dockerfile')
        .split(/^FROM /m)
        .pop() ?? '';
    expect(runtime).toMatch(/^ENV HOST=0\.0\.0\.0$/m);
    expect(compose.services.api.environment?.HOST).toBe('0.0.0.0');
  });
});
