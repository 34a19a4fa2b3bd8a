import { REQUEST_TYPES } from '@terugkeer/domain';
import { Bool, Instant, InstantOrNull, Nested, Text, TextOrNull, Texts } from '../../common/api-schema';

/** A partner as the registry shows it (partners.service.ts `partnerView`); never its secret. */
export class PartnerDto {
  @Text() id: string;
  @Text() name: string;
  @Texts({ enum: REQUEST_TYPES }) types: string[];
  @Texts({ description: "CBS codes served, or ['*']" }) municipalities: string[];
  @TextOrNull() webhookUrl: string | null;
  @Text({ enum: ['webhook', 'inbox'] }) delivery: string;
  @Bool() government: boolean;
  @Bool() active: boolean;
  @Bool() hasSecret: boolean;
  @InstantOrNull() secretRotatedAt: string | null;
  @InstantOrNull({ description: 'until when the previous secret still verifies, during the overlap' })
  previousSecretValidUntil: string | null;
  @Instant() createdAt: string;
  @Instant() updatedAt: string;
}

export class PartnerWithSecretDto extends PartnerDto {
  @Text({ description: 'shown this once; Terugkeer keeps it only encrypted', example: 'tks_…' }) secret: string;
}

export class PartnerListDto {
  @Nested([PartnerDto]) items: PartnerDto[];
}
