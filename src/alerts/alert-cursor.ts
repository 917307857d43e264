import { BadRequestException } from '@nestjs/common';

export interface AlertPosition {
  startedAt: Date;
  id: string;
}

export function encodeAlertCursor(position: AlertPosition): string {
  return Buffer.from(`${position.startedAt.toISOString()}|${position.id}`).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** 4713-11-24 BC 00:00 UTC, the first instant a Postgres timestamptz can hold. */
const MIN_POSTGRES_TIME = -210_866_803_200_000;

export function decodeAlertCursor(cursor: string): AlertPosition {
  const [time, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const startedAt = new Date(time ?? '');
  const time_ = startedAt.getTime();
  // A time Postgres can hold (from 4713-11-24 BC) and a real UUID, not 36 dashes.
  if (Number.isNaN(time_) || time_ < MIN_POSTGRES_TIME || !UUID.test(id ?? '')) {
    throw new BadRequestException(['cursor is not valid: pass nextCursor from the previous page']);
  }
  return { startedAt, id };
}
