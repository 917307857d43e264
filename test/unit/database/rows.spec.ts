import { column, mapRow, mapRows, RowShapeError } from '../../../src/database/rows';

const row = {
  id: 'a1',
  note: null,
  count: 3,
  ready: true,
  at: new Date('2025-03-01T00:00:00Z'),
  tags: ['x', 'y'],
  big: '9007199254740993',
  mean: '-2.50',
  ratio: 0.25,
  doc: { a: [1] },
};

describe('row mappers', () => {
  it('read each column as its type, nulls where allowed', () => {
    expect(column.text(row, 'id')).toBe('a1');
    expect(column.textOrNull(row, 'note')).toBeNull();
    expect(column.int(row, 'count')).toBe(3);
    expect(column.intOrNull(row, 'note')).toBeNull();
    expect(column.bool(row, 'ready')).toBe(true);
    expect(column.time(row, 'at')).toEqual(new Date('2025-03-01T00:00:00Z'));
    expect(column.timeOrNull(row, 'note')).toBeNull();
    expect(column.textArray(row, 'tags')).toEqual(['x', 'y']);
    expect(column.textArrayOrNull(row, 'tags')).toEqual(['x', 'y']);
    expect(column.textArrayOrNull(row, 'note')).toBeNull();
    expect(column.bigint(row, 'big')).toBe('9007199254740993');
    expect(column.numeric(row, 'big')).toBe(9007199254740992);
    expect(column.numeric(row, 'mean')).toBe(-2.5);
    expect(column.numericOrNull(row, 'note')).toBeNull();
    expect(column.float(row, 'ratio')).toBe(0.25);
    expect(column.floatOrNull(row, 'note')).toBeNull();
    expect(column.jsonb(row, 'doc')).toEqual({ a: [1] });
    expect(column.jsonb(row, 'tags')).toEqual(['x', 'y']);
    expect(column.jsonbOrNull(row, 'doc')).toEqual({ a: [1] });
    expect(column.jsonbOrNull(row, 'note')).toBeNull();
  });

  it.each([
    [
      'text from a number',
      () => column.text(row, 'count'),
      'column count: expected text, got number',
    ],
    ['text from null', () => column.text(row, 'note'), 'column note: expected text, got null'],
    [
      'an integer from a bigint string',
      () => column.int(row, 'big'),
      'expected integer, got string',
    ],
    ['a time from text', () => column.time(row, 'id'), 'expected timestamptz, got string'],
    ['a text array from text', () => column.textArray(row, 'id'), 'expected text[]'],
    ['a bigint from a number', () => column.bigint(row, 'count'), 'expected bigint, got number'],
    ['a bigint from other text', () => column.bigint(row, 'mean'), 'expected bigint, got string'],
    ['numeric from a number', () => column.numeric(row, 'ratio'), 'expected numeric, got number'],
    ['numeric from other text', () => column.numeric(row, 'id'), 'expected numeric, got string'],
    ['a float from a numeric string', () => column.float(row, 'big'), 'expected double precision'],
    ['jsonb from text', () => column.jsonb(row, 'id'), 'expected jsonb, got string'],
    ['jsonb from null', () => column.jsonb(row, 'note'), 'expected jsonb, got null'],
    ['a column the statement did not select', () => column.bool(row, 'missing'), 'column missing'],
  ])('refuse %s', (_label, read, message) => {
    expect(read).toThrow(RowShapeError);
    expect(read).toThrow(message);
  });

  it('map every row a statement returns, or give null for none', async () => {
    const db = {
      query: (_sql: string, params: unknown[]) => Promise.resolve(params.map((id) => ({ id }))),
    };
    expect(await mapRows(db as never, 'SELECT', ['a', 'b'], (r) => column.text(r, 'id'))).toEqual([
      'a',
      'b',
    ]);
    expect(await mapRow(db as never, 'SELECT', [], (r) => column.text(r, 'id'))).toBeNull();
  });

  it('map the rows of an UPDATE or DELETE, which come with their count', async () => {
    const db = { query: () => Promise.resolve([[{ id: 'a' }], 1]) };
    expect(await mapRows(db as never, 'UPDATE', [], (r) => column.text(r, 'id'))).toEqual(['a']);
  });
});
