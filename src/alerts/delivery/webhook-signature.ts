import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Tonewatch-Signature';
export const TIMESTAMP_HEADER = 'X-Tonewatch-Timestamp';

/** `sha256=<hex HMAC-SHA256 of the raw body>`, as receivers recompute it to verify a delivery. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
