import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Headers,
  HttpCode,
  Post,
  Req,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Payload } from '@temporalio/common';
import { AllowsCodecCookie, CODEC_COOKIE, CurrentPrincipal, Roles, type Principal } from '@terugkeer/auth';
import { AppConfig } from '@terugkeer/config';
import { AuditLog } from '@terugkeer/persistence';
import { payloadCodec } from '@terugkeer/temporal';
import { IsArray } from 'class-validator';
import type { Request, Response } from 'express';
import { ApiErrors, AUTHENTICATED, WITH_BODY } from '../common/api-errors';
import { READ_BASIS } from '../common/audited';

const MAX_PAYLOADS = 500;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const UUID = /"detentionId":"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/g;

class PayloadJson {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', format: 'byte' } })
  metadata?: Record<string, string>;
  @ApiProperty({ type: 'string', format: 'byte' })
  data?: string;
}

/** Temporal's codec-server format: `Payloads` as proto3 JSON (bytes in base64). */
class PayloadsJson {
  @ApiProperty({ type: [PayloadJson] })
  @IsArray({ message: 'payloads must be an array' })
  payloads: PayloadJson[];
}

function fromJson(payloads: unknown[]): Payload[] {
  if (payloads.length > MAX_PAYLOADS) throw new BadRequestException([`payloads must hold at most ${MAX_PAYLOADS}`]);
  return payloads.map((p, i) => {
    const { metadata = {}, data = '' } = (p ?? {}) as { metadata?: unknown; data?: unknown };
    const bytes = (value: unknown, field: string) => {
      if (typeof value !== 'string' || !BASE64.test(value)) {
        throw new BadRequestException([`${field} must be base64`]);
      }
      return new Uint8Array(Buffer.from(value, 'base64'));
    };
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
      throw new BadRequestException([`payloads.${i}.metadata must be an object`]);
    }
    return {
      metadata: Object.fromEntries(
        Object.entries(metadata).map(([k, v]) => [k, bytes(v, `payloads.${i}.metadata.${k}`)]),
      ),
      data: bytes(data, `payloads.${i}.data`),
    };
  });
}

const toJson = (payloads: Payload[]) => ({
  payloads: payloads.map((p) => ({
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
    ),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  })),
});

/**
 * The codec server for the Temporal UI and CLI (CONTRACT.md v1.1): decrypts and encrypts payloads for supervisors
 * and admins only, every decode on the audit log. The Temporal UI calls it from its own origin, with the
 * `terugkeer_codec` cookie that `POST /codec/session` sets (CORS: CODEC_CORS_ORIGINS); the CLI with a bearer token.
 */
@ApiTags('codec')
@ApiErrors([...AUTHENTICATED, 403])
@Controller('codec')
@Roles('supervisor', 'admin')
@AllowsCodecCookie()
export class CodecController {
  private readonly codec;

  constructor(
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
  ) {
    this.codec = payloadCodec(config);
  }

  @Post('decode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decrypt Temporal payloads (codec-server format); audited' })
  @ApiBody({ type: PayloadsJson })
  @ApiOkResponse({ type: PayloadsJson })
  @ApiErrors([...WITH_BODY, 503], {
    400: 'not the codec format, not base64, or not encrypted with a key this deployment holds',
    503: 'the audit log cannot be written: nothing is decoded unaccounted for',
  })
  async decode(
    @CurrentPrincipal() principal: Principal,
    @Body() body: PayloadsJson,
    @Headers('x-namespace') namespace: string | undefined,
    @Req() request: Request & { id?: unknown },
  ) {
    const payloads = fromJson(body.payloads);
    let decoded: Payload[];
    try {
      decoded = await this.codec.decode(payloads);
    } catch {
      throw new BadRequestException(['payloads could not be decrypted with any key this deployment holds']);
    }
    const text = decoded.map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8')).join('\n');
    // Fail closed, as every audited read: what cannot be accounted for is not shown.
    await this.audit
      .append({
        actor: principal.sub,
        role: principal.role,
        org: principal.org,
        action: 'decode:codec',
        detentionIds: [...text.matchAll(UUID)].map((m) => m[1]),
        fields: ['temporal-payloads'],
        basis: READ_BASIS[principal.role],
        requestId: request.id === undefined ? undefined : String(request.id),
        target: `namespace ${String(namespace ?? this.config.TEMPORAL_NAMESPACE).slice(0, 100)}, ${payloads.length} payload(s)`,
      })
      .catch(() => {
        throw new ServiceUnavailableException('the audit log cannot be written; try again later');
      });
    return toJson(decoded);
  }

  @Post('encode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Encrypt Temporal payloads (codec-server format), e.g. for a signal from the UI' })
  @ApiBody({ type: PayloadsJson })
  @ApiOkResponse({ type: PayloadsJson })
  @ApiErrors(WITH_BODY)
  async encode(@Body() body: PayloadsJson) {
    return toJson(await this.codec.encode(fromJson(body.payloads)));
  }

  @Post('session')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sets the HttpOnly cookie with which the Temporal UI (another origin of this site) may call the codec',
  })
  @ApiNoContentResponse({ description: 'the cookie is set' })
  @ApiErrors([400], { 400: 'no bearer token in the Authorization header' })
  session(@Req() request: Request, @Res({ passthrough: true }) res: Response) {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw new BadRequestException(['Authorization: a bearer token is needed to open a codec session']);
    res.cookie(CODEC_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.PUBLIC_BASE_URL.startsWith('https:'),
      path: '/codec',
      maxAge: 8 * 3600 * 1000,
    });
  }

  @Delete('session')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes the codec cookie (sign-out)' })
  @ApiNoContentResponse({ description: 'the cookie is removed' })
  endSession(@Res({ passthrough: true }) res: Response) {
    res.clearCookie(CODEC_COOKIE, { path: '/codec' });
  }
}
