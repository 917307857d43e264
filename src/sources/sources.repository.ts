import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { column, type DbRow, mapRow, mapRows } from '../database/rows';
import { type SourceKind } from './source.entity';

export interface SourceFields {
  name: string;
  kind: SourceKind;
  url: string;
  schedule: string;
  /** the monitors its items are submitted with (`auto` among them: the worker picks more) */
  monitors: string[];
  enabled: boolean;
  tags: string[];
}

export interface Source extends SourceFields {
  id: string;
  /** validators of the last response processed in full, sent back as conditional headers */
  etag: string | null;
  lastModified: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export class DuplicateSourceUrlError extends Error {
  constructor(readonly url: string) {
    super(`a source with url ${url} already exists`);
    this.name = 'DuplicateSourceUrlError';
  }
}

const UNIQUE_VIOLATION = '23505';

/** The columns a change may set, by field: the only names that reach the SQL text. */
const FIELD_COLUMNS: Record<keyof SourceFields, string> = {
  name: 'name',
  kind: 'kind',
  url: 'url',
  schedule: 'schedule',
  monitors: 'monitors',
  enabled: 'enabled',
  tags: 'tags',
};

const SOURCE_COLUMNS =
  'id, name, kind, url, schedule, monitors, enabled, tags, etag, last_modified, created_at, updated_at';

function toSource(row: DbRow): Source {
  return {
    id: column.text(row, 'id'),
    name: column.text(row, 'name'),
    kind: column.text(row, 'kind') as SourceKind,
    url: column.text(row, 'url'),
    schedule: column.text(row, 'schedule'),
    monitors: column.textArray(row, 'monitors'),
    enabled: column.bool(row, 'enabled'),
    tags: column.textArray(row, 'tags'),
    etag: column.textOrNull(row, 'etag'),
    lastModified: column.textOrNull(row, 'last_modified'),
    createdAt: column.time(row, 'created_at'),
    updatedAt: column.time(row, 'updated_at'),
  };
}

@Injectable()
export class SourcesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(fields: SourceFields): Promise<Source> {
    try {
      const row = await mapRow(
        this.db,
        `INSERT INTO sources (name, kind, url, schedule, monitors, enabled, tags)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING ${SOURCE_COLUMNS}`,
        [
          fields.name,
          fields.kind,
          fields.url,
          fields.schedule,
          fields.monitors,
          fields.enabled,
          fields.tags,
        ],
        toSource,
      );
      return row!;
    } catch (error) {
      throw translated(error, fields.url);
    }
  }

  /** Changing the url forgets the validators, which belonged to the old url. */
  async update(id: string, changes: Partial<SourceFields>): Promise<Source | null> {
    const fields = (Object.keys(FIELD_COLUMNS) as (keyof SourceFields)[]).filter(
      (field) => changes[field] !== undefined,
    );
    if (fields.length === 0) return this.findById(id);
    const sets = fields.map((field, i) => `${FIELD_COLUMNS[field]} = $${i + 2}`);
    if (changes.url !== undefined) {
      // SET reads the old row: validators survive only when the url stays the same.
      const url = `$${fields.indexOf('url') + 2}`;
      sets.push(`etag = CASE WHEN url = ${url} THEN etag END`);
      sets.push(`last_modified = CASE WHEN url = ${url} THEN last_modified END`);
    }
    try {
      return await mapRow(
        this.db,
        `UPDATE sources SET ${sets.join(', ')}, updated_at = now()
         WHERE id = $1
         RETURNING ${SOURCE_COLUMNS}`,
        [id, ...fields.map((field) => changes[field])],
        toSource,
      );
    } catch (error) {
      throw translated(error, changes.url ?? '');
    }
  }

  findById(id: string): Promise<Source | null> {
    return mapRow(this.db, `SELECT ${SOURCE_COLUMNS} FROM sources WHERE id = $1`, [id], toSource);
  }

  list(): Promise<Source[]> {
    return mapRows(
      this.db,
      `SELECT ${SOURCE_COLUMNS} FROM sources ORDER BY name, id`,
      [],
      toSource,
    );
  }

  async delete(id: string): Promise<boolean> {
    const rows = await mapRows(
      this.db,
      `DELETE FROM sources WHERE id = $1 RETURNING id`,
      [id],
      (row) => column.text(row, 'id'),
    );
    return rows.length > 0;
  }

  /** Kept only after a response was fully processed, so a failed poll is retried unconditionally. */
  async saveValidators(
    id: string,
    etag: string | null,
    lastModified: string | null,
  ): Promise<void> {
    await this.db.query(
      `UPDATE sources SET etag = $2, last_modified = $3, updated_at = now() WHERE id = $1`,
      [id, etag, lastModified],
    );
  }
}

function translated(error: unknown, url: string): unknown {
  const code =
    (error as { driverError?: { code?: string } }).driverError?.code ??
    (error as { code?: string }).code;
  return code === UNIQUE_VIOLATION ? new DuplicateSourceUrlError(url) : error;
}
