import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { IS_PUBLIC, ROLES_KEY } from './auth.decorators';
import type { Principal, Role } from './roles';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

/**
 * Global guard: every route needs `Authorization: Bearer <JWT>` unless marked {@link Public};
 * missing/invalid/expired → 401, a role not allowed by {@link Roles} → 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw new UnauthorizedException('Missing bearer token (Authorization: Bearer <JWT>)');
    try {
      request.principal = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(`Unauthorized: ${error.message}`);
      throw error;
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (allowed && !allowed.includes(request.principal.role)) {
      throw new ForbiddenException(`Role '${request.principal.role}' may not do this`);
    }
    return true;
  }
}
