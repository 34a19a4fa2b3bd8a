import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { PersonKeys } from './person-keys';
import { TokenVerifier } from './token-verifier';

/** Registers the bearer-token guard for every route of the importing app; the person-key hash for all. */
@Global()
@Module({
  providers: [TokenVerifier, PersonKeys, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenVerifier, PersonKeys],
})
export class AuthModule {}
