import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { minVersion, satisfies } from 'semver';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** The package a bare import names: `@scope/name` or `name`, without a subpath. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return null;
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]))
    return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found = [
    ...text.matchAll(/^\s*(?:import|export)\s[^'";]*?from\s+'([^']+)'/gm),
    ...text.matchAll(/^\s*import\s+'([^']+)'/gm),
    ...text.matchAll(/\brequire\('([^']+)'\)/g),
    ...text.matchAll(/\bimport\('([^']+)'\)/g),
  ];
  return found
    .map((m) => packageOf(m[1]))
    .filter((name): name is string => name !== null && !name.startsWith('@/'));
}

describe('package.json', () => {
  it('declares every package the runtime code imports as a dependency', () => {
    const missing = sources('src').flatMap((file) =>
      importsOf(file)
        .filter((name) => !(name in manifest.dependencies))
        .map((name) => `${relative(ROOT, join(ROOT, file))}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('declares every package the tests, benchmarks and scripts import', () => {
    const declared = { ...manifest.dependencies, ...manifest.devDependencies };
    const missing = ['test', 'bench', 'migrations']
      .flatMap((dir) => sources(dir))
      .flatMap((file) =>
        importsOf(file)
          .filter((name) => !(name in declared))
          .map((name) => `${file}: ${name}`),
      );
    expect(missing).toEqual([]);
  });

  it('pins exact versions', () => {
    const ranged = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })
      .filter(([, version]) => !/^\d+\.\d+\.\d+$/.test(version))
      .map(([name, version]) => `${name}@${version}`);
    expect(ranged).toEqual([]);
  });

  it('installs nothing that asks for a newer Node than engines allows (npm ci stays quiet)', () => {
    const lowest = minVersion(manifest.engines.node)?.version ?? '';
    expect(lowest).toMatch(/^\d+\.\d+\.\d+$/);
    const unfit = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .map(
        ([path, info]) =>
          [
            path,
            info.version,
            Array.isArray(info.engines) ? undefined : info.engines?.node,
          ] as const,
      )
      .filter(([, , node]) => node !== undefined && !satisfies(lowest, node))
      .map(
        ([path, version, node]) =>
          `${path.replace(/^.*node_modules\//, '')}@${version} wants node ${node}`,
      );
    expect(unfit).toEqual([]);
  });

  it('builds with the Node the image runs', () => {
    const image = /^FROM node:(\d+)/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
    expect(satisfies(`${image}.99.0`, manifest.engines.node)).toBe(true);
  });
});
