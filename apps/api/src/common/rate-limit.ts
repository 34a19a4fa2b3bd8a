import { HttpException, HttpStatus, Injectable, Module, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { AppConfig } from '@terugkeer/config';
import { createHash } from 'node:crypto';

const MINUTE_MS = 60_000;

/** The caller's token (hashed: never kept), or partner signature id; else the address. */
function tokenTracker(req: Record<string, unknown>): string {
  const headers = (req.headers ?? {}) as Record<string, string | undefined>;
  const credential = headers.authorization ?? headers['x-terugkeer-partner'];
  return credential ? createHash('sha256').update(credential).digest('base64url') : `ip:${String(req.ip)}`;
}

/**
 * 429 with `Retry-After` (seconds) — one header whichever limit was hit — and the error shape of every other error.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const res = context.switchToHttp().getResponse<{ setHeader(name: string, value: string): void }>();
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil(detail.timeToBlockExpire))));
    throw new HttpException(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message: [`rate limit of ${detail.limit} requests per minute reached; retry after the Retry-After seconds`],
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Rate limits per token (RATE_LIMIT_PER_TOKEN per minute) and per address (RATE_LIMIT_PER_IP), counted over all
 * routes, in this process. Behind a proxy, set Express's `trust proxy` so the address is the client's.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        generateKey: (_context, tracker, name) => `${name}:${tracker}`,
        throttlers: [
          { name: 'token', ttl: MINUTE_MS, limit: config.RATE_LIMIT_PER_TOKEN, getTracker: tokenTracker },
          { name: 'ip', ttl: MINUTE_MS, limit: config.RATE_LIMIT_PER_IP, getTracker: (req) => String(req.ip) },
        ],
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
