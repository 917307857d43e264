import { Inject, Injectable } from '@nestjs/common';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors';
import { AUTO_MONITORS } from '../analysis';
import { assertKnownMonitor } from '../monitors/known-monitor';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { type CreateSourceDto } from './dto/create-source.dto';
import { type UpdateSourceDto } from './dto/update-source.dto';
import { InvalidScheduleError, parseSchedule } from './schedule';
import { type SourceRun, SourceRunsRepository } from './source-runs.repository';
import { SourcesProducer } from './sources.producer';
import {
  DuplicateSourceUrlError,
  type Source,
  type SourceFields,
  SourcesRepository,
} from './sources.repository';

/**
 * Source CRUD. This service is the one place that changes schedulers (besides the start-up
 * reconcile): every write to a source is followed by syncing its scheduler to the row.
 */
@Injectable()
export class SourcesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sources: SourcesRepository,
    private readonly runHistory: SourceRunsRepository,
    private readonly producer: SourcesProducer,
  ) {}

  async create(input: CreateSourceDto): Promise<Source> {
    const fields: SourceFields = {
      name: input.name.trim(),
      kind: input.kind,
      url: input.url,
      schedule: input.schedule.trim(),
      monitors: monitorsOf(input) ?? [this.config.monitors.default],
      enabled: input.enabled ?? true,
      tags: input.tags ?? [],
    };
    this.check(fields);
    const source = await this.conflictChecked(() => this.sources.create(fields));
    await this.producer.sync(source);
    return source;
  }

  async update(id: string, changes: UpdateSourceDto): Promise<Source> {
    const monitors = monitorsOf(changes);
    const trimmed: Partial<SourceFields> = {
      ...withoutMonitorFields(changes),
      ...(monitors !== undefined && { monitors }),
      ...(changes.name !== undefined && { name: changes.name.trim() }),
      ...(changes.schedule !== undefined && { schedule: changes.schedule.trim() }),
    };
    this.check(trimmed);
    const source = await this.conflictChecked(() => this.sources.update(id, trimmed));
    if (!source) throw this.notFound(id);
    await this.producer.sync(source);
    return source;
  }

  list(): Promise<Source[]> {
    return this.sources.list();
  }

  async get(id: string): Promise<Source> {
    return (await this.sources.findById(id)) ?? Promise.reject(this.notFound(id));
  }

  async remove(id: string): Promise<void> {
    if (!(await this.sources.delete(id))) throw this.notFound(id);
    await this.producer.unschedule(id);
  }

  async pollNow(id: string): Promise<void> {
    await this.get(id);
    await this.producer.pollNow(id);
  }

  async recentRuns(id: string, limit: number): Promise<SourceRun[]> {
    await this.get(id);
    return this.runHistory.recent(id, limit);
  }

  private check(fields: Partial<SourceFields>): void {
    if (fields.schedule !== undefined) {
      try {
        parseSchedule(fields.schedule, this.config.fetch.sourceMinIntervalMs);
      } catch (error) {
        if (error instanceof InvalidScheduleError) throw new InvalidInputError(error.message);
        throw error;
      }
    }
    (fields.monitors ?? []).filter((id) => id !== AUTO_MONITORS).forEach(assertKnownMonitor);
  }

  private async conflictChecked<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof DuplicateSourceUrlError)
        throw new ConflictError(`url: ${error.message}`);
      throw error;
    }
  }

  private notFound(id: string): NotFoundError {
    return new NotFoundError(`no source with id ${id}`);
  }
}

/** A source's monitors as given (`monitor` or `monitors`, `auto` as a one-element list). */
function monitorsOf(input: {
  monitor?: string;
  monitors?: string[] | 'auto';
}): string[] | undefined {
  if (input.monitor !== undefined && input.monitors !== undefined) {
    throw new InvalidInputError('give monitor or monitors, not both');
  }
  if (input.monitors === AUTO_MONITORS) return [AUTO_MONITORS];
  if (input.monitors !== undefined) return [...new Set(input.monitors)];
  return input.monitor === undefined ? undefined : [input.monitor];
}

function withoutMonitorFields(changes: UpdateSourceDto): Partial<SourceFields> {
  const fields: UpdateSourceDto = { ...changes };
  delete fields.monitor;
  delete fields.monitors;
  return fields as Partial<SourceFields>;
}
