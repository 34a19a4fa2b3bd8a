import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from './roles';

export const IS_PUBLIC = 'terugkeer:public';
export const ROLES_KEY = 'terugkeer:roles';
export const ALLOWS_PARTNER_SIGNATURE = 'terugkeer:partner-signature';
export const ALLOWS_CODEC_COOKIE = 'terugkeer:codec-cookie';
/** The HttpOnly cookie with which the Temporal UI (another origin of the same site) calls the codec server. */
export const CODEC_COOKIE = 'terugkeer_codec';

/** The route needs no token (health, OpenAPI). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * A partner may authenticate with a signature instead of a token: headers `X-Terugkeer-Partner`,
 * `X-Terugkeer-Timestamp` and `X-Terugkeer-Signature` over the raw body, as on the webhooks it receives.
 */
export const AllowsPartnerSignature = () => SetMetadata(ALLOWS_PARTNER_SIGNATURE, true);

/** Without an Authorization header, the bearer token may come from the {@link CODEC_COOKIE} cookie. */
export const AllowsCodecCookie = () => SetMetadata(ALLOWS_CODEC_COOKIE, true);

/** Only these roles may call the route (others get 403). Without it any authenticated role may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The verified caller of the current request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});
