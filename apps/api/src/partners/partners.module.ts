import { Global, Module } from '@nestjs/common';
import { PARTNER_SIGNATURE_VERIFIER, PartnerSecrets } from '@terugkeer/auth';
import { AuditLog } from '@terugkeer/persistence';
import { PartnersController } from './partners.controller';
import { KeyRotation } from './key-rotation.service';
import { PartnersService } from './partners.service';

/** Global: the bearer-token guard verifies partner signatures through it. */
@Global()
@Module({
  controllers: [PartnersController],
  providers: [
    PartnerSecrets,
    AuditLog,
    PartnersService,
    KeyRotation,
    { provide: PARTNER_SIGNATURE_VERIFIER, useExisting: PartnersService },
  ],
  exports: [PartnersService, PARTNER_SIGNATURE_VERIFIER, KeyRotation],
})
export class PartnersModule {}
