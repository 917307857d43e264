import { type NextFunction, type Request, type Response } from 'express';
import { KeyMatcher } from '../auth/key-matcher';

/**
 * Admin pages are for people with the write key. Scripts send it as `x-api-key`; a browser
 * gets the standard Basic-auth prompt (any user name, the key as password), so the key never
 * travels in a URL or sits in a cookie.
 */
export function adminAuthMiddleware(writeKeys: readonly string[]) {
  const keys = new KeyMatcher(writeKeys);
  return (req: Request, res: Response, next: NextFunction): void => {
    const offered = headerKey(req) ?? basicAuthPassword(req);
    if (offered !== undefined && keys.matches(offered)) return next();
    res.setHeader('WWW-Authenticate', 'Basic realm="tonewatch admin", charset="UTF-8"');
    res.status(401).json({
      statusCode: 401,
      error: 'Unauthorized',
      message:
        'admin pages need a write key: x-api-key header, or Basic auth with the key as password',
    });
  };
}

function headerKey(req: Request): string | undefined {
  const header = req.headers['x-api-key'];
  return typeof header === 'string' && header !== '' ? header : undefined;
}

function basicAuthPassword(req: Request): string | undefined {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(req.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : undefined;
}
