import { BadRequestException } from '@nestjs/common';
import { type ListPosition } from './articles.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 4713-11-24 BC 00:00 UTC, the first instant a Postgres timestamptz can hold (NaN fails too). */
const MIN_POSTGRES_TIME = -210_866_803_200_000;

/** Opaque to clients: the keyset position of the last item of a page. */
export function encodeCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify([position.occurredAt.toISOString(), position.id])).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string): ListPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [time, id] = parsed as unknown[];
      const occurredAt = new Date(String(time));
      if (typeof id === 'string' && UUID.test(id) && occurredAt.getTime() >= MIN_POSTGRES_TIME) {
        return { occurredAt, id };
      }
    }
  } catch {
    // falls through to the same answer as a well-formed but meaningless cursor
  }
  throw new BadRequestException('cursor is not a cursor returned by this API');
}
