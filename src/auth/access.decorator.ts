import { SetMetadata } from '@nestjs/common';

/**
 * Who may call a route. `write` needs a key from API_KEYS; `read` accepts those and
 * READ_API_KEYS (and is open when READ_API_KEYS is empty); `public` needs nothing.
 * Routes without the decorator default to `read` for GET/HEAD and `write` otherwise.
 */
export type AccessLevel = 'public' | 'read' | 'write';
export const ACCESS_KEY = 'tonewatch:access';
export const Access = (level: AccessLevel) => SetMetadata(ACCESS_KEY, level);
