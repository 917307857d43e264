import { type DataSource, type EntityManager } from 'typeorm';

/** What a repository runs statements on: the pool, or the manager of a transaction. */
export type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** A row as the driver returns it, before a mapper reads it. */
export type DbRow = Readonly<Record<string, unknown>>;

/**
 * One statement's rows, each turned into its domain shape by `map`. The driver's rows are
 * untyped; a mapper names every column it reads through `column`, which checks the type, so a
 * statement and its mapper that drift apart fail loudly instead of passing a wrong value on.
 */
export async function mapRows<T>(
  db: Queryable,
  sql: string,
  params: readonly unknown[],
  map: (row: DbRow) => T,
): Promise<T[]> {
  const result = await db.query<DbRow[] | [DbRow[], number]>(sql, [...params]);
  // TypeORM answers UPDATE and DELETE with [rows, affected count], other statements with rows.
  const rows = isRowsAndCount(result) ? result[0] : result;
  return rows.map(map);
}

function isRowsAndCount(result: DbRow[] | [DbRow[], number]): result is [DbRow[], number] {
  return result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number';
}

export async function mapRow<T>(
  db: Queryable,
  sql: string,
  params: readonly unknown[],
  map: (row: DbRow) => T,
): Promise<T | null> {
  return (await mapRows(db, sql, params, map))[0] ?? null;
}

export class RowShapeError extends Error {
  constructor(name: string, expected: string, value: unknown) {
    super(`column ${name}: expected ${expected}, got ${value === null ? 'null' : typeof value}`);
    this.name = 'RowShapeError';
  }
}

function read<T>(row: DbRow, name: string, expected: string, ok: (v: unknown) => v is T): T {
  const value = row[name];
  if (!ok(value)) throw new RowShapeError(name, expected, value);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isDate = (v: unknown): v is Date => v instanceof Date;
const isInteger = (v: unknown): v is number => Number.isSafeInteger(v);
// int8 and numeric come as strings, which keep every digit
const isIntegerText = (v: unknown): v is string => typeof v === 'string' && /^-?\d+$/.test(v);
const isNumericText = (v: unknown): v is string =>
  typeof v === 'string' && /^(-?\d+(\.\d+)?|NaN)$/.test(v);
// float8 may hold NaN and ±Infinity, which pg parses to the same numbers
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isJson = (v: unknown): v is object => typeof v === 'object' && v !== null;
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

/**
 * Readers for the column types Postgres hands to pg (int4 and float8 as number, timestamptz as
 * Date, jsonb parsed). `jsonb` checks that the value is an object or array; its shape is the one
 * its repository wrote, from validated input, so the caller names it.
 */
export const column = {
  text: (row: DbRow, name: string): string => read(row, name, 'text', isString),
  textOrNull: (row: DbRow, name: string): string | null =>
    row[name] === null ? null : column.text(row, name),
  bool: (row: DbRow, name: string): boolean => read(row, name, 'boolean', isBoolean),
  int: (row: DbRow, name: string): number => read(row, name, 'integer', isInteger),
  intOrNull: (row: DbRow, name: string): number | null =>
    row[name] === null ? null : column.int(row, name),
  /** bigint (int8), as the driver's text: an id, or a count that may pass 2^53 */
  bigint: (row: DbRow, name: string): string => read(row, name, 'bigint', isIntegerText),
  /** bigint or numeric as a number, for figures well inside a double's exact range */
  numeric: (row: DbRow, name: string): number => Number(read(row, name, 'numeric', isNumericText)),
  numericOrNull: (row: DbRow, name: string): number | null =>
    row[name] === null ? null : column.numeric(row, name),
  time: (row: DbRow, name: string): Date => read(row, name, 'timestamptz', isDate),
  timeOrNull: (row: DbRow, name: string): Date | null =>
    row[name] === null ? null : column.time(row, name),
  float: (row: DbRow, name: string): number => read(row, name, 'double precision', isNumber),
  floatOrNull: (row: DbRow, name: string): number | null =>
    row[name] === null ? null : column.float(row, name),
  textArray: (row: DbRow, name: string): string[] => read(row, name, 'text[]', isStringArray),
  textArrayOrNull: (row: DbRow, name: string): string[] | null =>
    row[name] === null ? null : column.textArray(row, name),
  jsonb: <T extends object>(row: DbRow, name: string): T => read(row, name, 'jsonb', isJson) as T,
  jsonbOrNull: <T extends object>(row: DbRow, name: string): T | null =>
    row[name] === null ? null : column.jsonb<T>(row, name),
};
