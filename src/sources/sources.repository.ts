import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { SourceEntity, type SourceKind } from './source.entity';

export interface SourceFields {
  name: string;
  kind: SourceKind;
  url: string;
  schedule: string;
  monitor: string;
  enabled: boolean;
  tags: string[];
}

export class DuplicateSourceUrlError extends Error {
  constructor(readonly url: string) {
    super(`a source with url ${url} already exists`);
    this.name = 'DuplicateSourceUrlError';
  }
}

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class SourcesRepository {
  private readonly sources: Repository<SourceEntity>;

  constructor(@InjectDataSource() db: DataSource) {
    this.sources = db.getRepository(SourceEntity);
  }

  async create(fields: SourceFields): Promise<SourceEntity> {
    try {
      return await this.sources.save(this.sources.create(fields));
    } catch (error) {
      throw this.translated(error, fields.url);
    }
  }

  /** Changing the url forgets the validators, which belonged to the old url. */
  async update(id: string, changes: Partial<SourceFields>): Promise<SourceEntity | null> {
    const source = await this.findById(id);
    if (!source) return null;
    const urlChanged = changes.url !== undefined && changes.url !== source.url;
    Object.assign(source, changes, urlChanged ? { etag: null, lastModified: null } : {});
    try {
      return await this.sources.save(source);
    } catch (error) {
      throw this.translated(error, source.url);
    }
  }

  findById(id: string): Promise<SourceEntity | null> {
    return this.sources.findOneBy({ id });
  }

  list(): Promise<SourceEntity[]> {
    return this.sources.find({ order: { name: 'ASC', id: 'ASC' } });
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.sources.delete({ id });
    return (result.affected ?? 0) > 0;
  }

  /** Kept only after a response was fully processed, so a failed poll is retried unconditionally. */
  async saveValidators(
    id: string,
    etag: string | null,
    lastModified: string | null,
  ): Promise<void> {
    await this.sources.update({ id }, { etag, lastModified });
  }

  private translated(error: unknown, url: string): unknown {
    return (error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION
      ? new DuplicateSourceUrlError(url)
      : error;
  }
}
