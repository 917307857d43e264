import { BadRequestException } from '@nestjs/common';

export interface AlertPosition {
  startedAt: Date;
  id: string;
}

export function encodeAlertCursor(position: AlertPosition): string {
  return Buffer.from(`${position.startedAt.toISOString()}|${position.id}`).toString('base64url');
}

export function decodeAlertCursor(cursor: string): AlertPosition {
  const [time, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const startedAt = new Date(time ?? '');
  if (Number.isNaN(startedAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id ?? '')) {
    throw new BadRequestException(['cursor is not a cursor this API returned']);
  }
  return { startedAt, id };
}
