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
import { KeyMatcher } from './key-matcher';

@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly writeKeys: KeyMatcher;
  private readonly readOnlyKeys: KeyMatcher;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.writeKeys = new KeyMatcher(config.http.apiKeys);
    this.readOnlyKeys = new KeyMatcher(config.http.readApiKeys);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const level = this.levelFor(context, request.method);
    if (level === 'public') return true;
    if (level === 'read' && this.readOnlyKeys.isEmpty) return true;

    const header = request.headers['x-api-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (!key)
      throw new UnauthorizedException(`missing x-api-key header (this route needs a ${level} key)`);
    // Both lists are always compared, so timing does not tell a read key from a write key.
    const isWriteKey = this.writeKeys.matches(key);
    const isReadKey = this.readOnlyKeys.matches(key);
    if (!(isWriteKey || (level === 'read' && isReadKey)))
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
