import 'reflect-metadata';
import { type DynamicModule, type Type } from '@nestjs/common';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/config';
import { WorkerModule } from '../../src/worker.module';

/** Where @nestjs/bullmq keeps a @Processor class's queue (bull.constants in the package). */
const PROCESSOR_METADATA = 'bullmq:processor_metadata';

interface ModuleParts {
  name: string;
  controllers: unknown[];
  providers: unknown[];
}

/** Every module reachable from `root` by its imports, static and dynamic, each once. */
function moduleGraph(root: DynamicModule): ModuleParts[] {
  const seen = new Set<unknown>();
  const parts: ModuleParts[] = [];
  const visit = (entry: unknown): void => {
    const item = (entry as { forwardRef?: () => unknown }).forwardRef?.() ?? entry;
    if (!item || seen.has(item)) return;
    seen.add(item);
    const dynamic = typeof item === 'object' ? (item as DynamicModule) : undefined;
    const type = (dynamic ? dynamic.module : item) as Type;
    const meta = (key: string): unknown[] => (Reflect.getMetadata(key, type) as unknown[]) ?? [];
    parts.push({
      name: type.name,
      controllers: [...meta('controllers'), ...(dynamic?.controllers ?? [])],
      providers: [...meta('providers'), ...(dynamic?.providers ?? [])],
    });
    [...meta('imports'), ...(dynamic?.imports ?? [])].forEach(visit);
  };
  visit(root);
  return parts;
}

const config = loadConfig({ API_KEYS: 'a-key-that-is-long-enough' });
const isProcessor = (provider: unknown): boolean =>
  typeof provider === 'function' && Reflect.hasMetadata(PROCESSOR_METADATA, provider);

describe('module graphs', () => {
  const worker = moduleGraph(WorkerModule.register(config));
  const api = moduleGraph(AppModule.register(config));

  it('walks the whole graph of each entrypoint', () => {
    expect(worker.map((m) => m.name)).toEqual(
      expect.arrayContaining(['ScoringWorkerModule', 'SourcesWorkerModule', 'IngestionModule']),
    );
    expect(api.map((m) => m.name)).toEqual(
      expect.arrayContaining(['IngestionApiModule', 'DashboardApiModule', 'IngestionModule']),
    );
  });

  it('holds no controller in the worker graph', () => {
    expect(worker.filter((m) => m.controllers.length > 0).map((m) => m.name)).toEqual([]);
  });

  it('holds no queue processor in the API graph, so an API process runs no workers', () => {
    expect(api.filter((m) => m.providers.some(isProcessor)).map((m) => m.name)).toEqual([]);
    expect(worker.some((m) => m.providers.some(isProcessor))).toBe(true);
  });

  it.each([
    ['the worker graph', worker, /Api$/],
    ['the API graph', api, /Worker$/],
  ])('keeps the other entrypoint’s modules out of %s', (_label, graph, foreign) => {
    const names = graph.map((m) => m.name.replace(/Module$/, ''));
    expect(names.filter((name) => foreign.test(name))).toEqual([]);
  });

  it('names each module for the graph it belongs to', () => {
    for (const { name, controllers, providers } of [...api, ...worker]) {
      if (controllers.length > 0) expect(name).toMatch(/ApiModule$/);
      if (providers.some(isProcessor)) expect(name).toMatch(/WorkerModule$/);
    }
  });
});
