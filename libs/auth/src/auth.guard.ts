import {
  ForbiddenException,
  Inject,
  Injectable,
  Optional,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ALLOWS_CODEC_COOKIE, ALLOWS_PARTNER_SIGNATURE, CODEC_COOKIE, IS_PUBLIC, ROLES_KEY } from './auth.decorators';
import type { Principal, Role } from './roles';
import { InvalidTokenError, TokenVerifier } from './token-verifier';
import { PARTNER_HEADER, SIGNATURE_HEADER, signatureScope, TIMESTAMP_HEADER } from './webhook-signature';

/** Checks a partner's signed request (HMAC of `<timestamp>.<METHOD> <path>.<raw body>` with the partner secret). */
export interface PartnerSignatureVerifier {
  verify(
    partnerId: string,
    timestamp: string | undefined,
    signature: string | undefined,
    rawBody: Buffer,
    scope: string,
  ): Promise<Principal>;
  /** Is this partner registered and active? A deactivated partner's tokens are refused. */
  isActive(partnerId: string): Promise<boolean>;
}
export const PARTNER_SIGNATURE_VERIFIER = Symbol('PARTNER_SIGNATURE_VERIFIER');

/**
 * Global guard: every route needs `Authorization: Bearer <JWT>` unless marked {@link Public}, or — on routes
 * marked {@link AllowsPartnerSignature} — a partner signature instead. Missing/invalid/expired → 401, a role not
 * allowed by {@link Roles} → 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Optional() @Inject(PARTNER_SIGNATURE_VERIFIER) private readonly signatures?: PartnerSignatureVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { principal?: Principal; rawBody?: Buffer }>();
    const header = request.headers.authorization;
    const partnerId = request.headers[PARTNER_HEADER];
    if (
      !header &&
      typeof partnerId === 'string' &&
      this.signatures &&
      this.reflector.getAllAndOverride<boolean>(ALLOWS_PARTNER_SIGNATURE, targets)
    ) {
      request.principal = await this.signatures.verify(
        partnerId,
        request.headers[TIMESTAMP_HEADER] as string | undefined,
        request.headers[SIGNATURE_HEADER] as string | undefined,
        request.rawBody ?? Buffer.alloc(0),
        signatureScope(request.method, request.originalUrl),
      );
    } else {
      const token =
        header?.match(/^Bearer\s+(\S+)$/i)?.[1] ??
        (!header && this.reflector.getAllAndOverride<boolean>(ALLOWS_CODEC_COOKIE, targets)
          ? cookie(request.headers.cookie, CODEC_COOKIE)
          : undefined);
      if (!token) throw new UnauthorizedException('Missing bearer token (Authorization: Bearer <JWT>)');
      try {
        request.principal = await this.verifier.verify(token);
        if (
          request.principal.role === 'partner' &&
          this.signatures &&
          !(await this.signatures.isActive(request.principal.org))
        ) {
          throw new InvalidTokenError('the partner is deactivated or unknown');
        }
      } catch (error) {
        if (error instanceof InvalidTokenError) throw new UnauthorizedException(`Unauthorized: ${error.message}`);
        throw error;
      }
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (allowed && !allowed.includes(request.principal.role)) {
      throw new ForbiddenException(`Role '${request.principal.role}' may not do this`);
    }
    return true;
  }
}

/** One cookie's value from a Cookie header. */
function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0 || part.slice(0, at).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
