import { timingSafeEqual, createHash } from 'node:crypto';
import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Request } from 'express';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ACCESS_KEY, type AccessLevel } from './access.decorator';

/** Keys are compared as SHA-256 digests in constant time, so neither content nor length leaks. */
function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

function matchesAny(candidate: string, digests: Buffer[]): boolean {
  const probe = digest(candidate);
  let found = false;
  for (const known of digests) found = timingSafeEqual(probe, known) || found;
  return found;
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly writeDigests: Buffer[];
  private readonly readDigests: Buffer[];

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.writeDigests = config.apiKeys.map(digest);
    this.readDigests = config.readApiKeys.map(digest);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const level = this.levelFor(context, request.method);
    if (level === 'public') return true;
    if (level === 'read' && this.readDigests.length === 0) return true;

    const header = request.headers['x-api-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (!key)
      throw new UnauthorizedException(`missing x-api-key header (this route needs a ${level} key)`);
    const allowed =
      level === 'write' ? this.writeDigests : [...this.writeDigests, ...this.readDigests];
    if (!matchesAny(key, allowed))
      throw new UnauthorizedException(`x-api-key is not a valid ${level} key`);
    return true;
  }

  private levelFor(context: ExecutionContext, method: string): AccessLevel {
    const declared = this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    return declared ?? (method === 'GET' || method === 'HEAD' ? 'read' : 'write');
  }
}
