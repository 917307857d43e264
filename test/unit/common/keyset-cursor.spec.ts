import { InvalidInputError } from '../../../src/common/domain-errors';
import { decodeCursor, encodeCursor, INVALID_CURSOR } from '../../../src/common/keyset-cursor';

const UUID = '3f1c2a9e-5b7d-4c1e-9a2b-6d8e0f1a2b3c';
const raw = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('keyset cursor', () => {
  it.each([
    [
      { time: '2025-03-01T08:00:00.000Z', id: UUID },
      { time: 'iso', id: 'uuid' },
    ],
    [
      { time: '1740816000123456', id: '42' },
      { time: 'micros', id: 'bigint' },
    ],
    [
      { time: '-210866803200000000', id: '9223372036854775807' },
      { time: 'micros', id: 'bigint' },
    ],
  ] as const)('gives back what it encoded: %j', (position, shape) => {
    expect(decodeCursor(encodeCursor(position), shape)).toEqual(position);
  });

  it.each([
    ['not base64 JSON', '%%%', { time: 'iso', id: 'uuid' }],
    ['an object, not a pair', raw({ not: 'cursor' }), { time: 'iso', id: 'uuid' }],
    ['three fields', raw(['2025-03-01T00:00:00Z', UUID, 'x']), { time: 'iso', id: 'uuid' }],
    ['a number for the time', raw([1, UUID]), { time: 'iso', id: 'uuid' }],
    [
      '36 dashes for a UUID',
      raw(['2025-03-01T00:00:00Z', '-'.repeat(36)]),
      { time: 'iso', id: 'uuid' },
    ],
    [
      'a time before 4713 BC',
      raw(['-010000-01-01T00:00:00.000Z', UUID]),
      { time: 'iso', id: 'uuid' },
    ],
    ['an unreadable time', raw(['yesterday', UUID]), { time: 'iso', id: 'uuid' }],
    ['µs before 4713 BC', raw(['-210866803200000001', '1']), { time: 'micros', id: 'bigint' }],
    ['µs past the last Date', raw(['8640000000000000001', '1']), { time: 'micros', id: 'bigint' }],
    ['an id past bigint', raw(['0', '9223372036854775808']), { time: 'micros', id: 'bigint' }],
    ['id zero', raw(['0', '0']), { time: 'micros', id: 'bigint' }],
    [
      'an ISO time where µs are expected',
      raw(['2025-03-01T00:00:00Z', '1']),
      { time: 'micros', id: 'bigint' },
    ],
    ['a UUID where a bigint is expected', raw(['0', UUID]), { time: 'micros', id: 'bigint' }],
  ] as const)('refuses %s as invalid input', (_label, cursor, shape) => {
    expect(() => decodeCursor(cursor, shape)).toThrow(InvalidInputError);
    expect(() => decodeCursor(cursor, shape)).toThrow(INVALID_CURSOR);
  });
});
