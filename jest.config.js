// Two tiers: fast unit specs for pure code, and integration specs against the real
// Postgres and Redis (each file gets its own database cloned from a migrated template).
const fs = require('node:fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const transform = {
  '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }],
  // NestJS 12 and some of jsdom's CSS packages ship ES modules only; Node loads them with
  // require(esm), jest's runtime cannot, so jest compiles them to CommonJS.
  '^.+/node_modules/.+\\.m?js$': [
    '@swc/jest',
    { swcrc: false, jsc: { target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};
const transformIgnorePatterns = [`/node_modules/(?!(${esmPackages().join('|')})/)`];

/** Installed packages that declare themselves ES modules (and those shipping .mjs entry points). */
function esmPackages() {
  const root = `${__dirname}/node_modules`;
  const names = fs
    .readdirSync(root)
    .flatMap((name) =>
      name.startsWith('@') ? fs.readdirSync(`${root}/${name}`).map((n) => `${name}/${n}`) : [name],
    );
  return names.filter((name) => {
    try {
      const manifest = JSON.parse(fs.readFileSync(`${root}/${name}/package.json`, 'utf8'));
      return manifest.type === 'module' || /\.mjs$/.test(manifest.main ?? '');
    } catch {
      return false;
    }
  });
}

module.exports = {
  // Jest applies testTimeout from the top level only, not from a project block.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/unit/**/*.spec.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      // Ratios of CPU time (10x the input may cost at most ~12x): run in band after the parallel
      // tiers (`npm test` does), since other jest workers on a 2-core machine skew them.
      displayName: 'timing',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/timing/**/*.spec.ts'],
    },
    {
      // Crashes and restarts against the built processes and their own Postgres and Redis.
      // Run apart and in band (`npm test` does): they are timing-sensitive on a busy machine.
      displayName: 'faults',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/faults/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/faults/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/faults/support/global-teardown.ts',
    },
  ],
};
