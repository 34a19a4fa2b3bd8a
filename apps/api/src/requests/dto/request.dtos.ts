import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PARTNER_RESPONSE_STATUSES, REQUEST_STATUSES, REQUEST_TYPES } from '@terugkeer/domain';
import { IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { SearchText } from '../../common/search';
import { PageQuery } from '../../detentions/dto/list-detentions.query';

export class ListRequestsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES })
  @IsOptional()
  @IsIn(REQUEST_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: REQUEST_TYPES })
  @IsOptional()
  @IsIn(REQUEST_TYPES)
  type?: string;

  /** For a partner: the case reference, or the name only where the request carried it. */
  @SearchText()
  q?: string;
}

export class PartnerResponseDto {
  @ApiProperty({ enum: PARTNER_RESPONSE_STATUSES })
  @IsIn(PARTNER_RESPONSE_STATUSES)
  status: (typeof PARTNER_RESPONSE_STATUSES)[number];

  @ApiPropertyOptional({ description: 'your own reference for the request' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;

  @ApiPropertyOptional({ description: 'required when declining' })
  @ValidateIf((o: PartnerResponseDto) => o.status === 'declined' || o.reason !== undefined)
  @IsString({ message: 'reason is required when declining' })
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
