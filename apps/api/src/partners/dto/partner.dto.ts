import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { isMunicipalityCode, REQUEST_TYPES, type RequestType } from '@terugkeer/domain';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { define } from '../../common/validators';

const EachMunicipalityOrAll = define(
  'eachMunicipalityOrAll',
  (value) =>
    Array.isArray(value) &&
    ((value.length === 1 && value[0] === '*') || value.every((code) => isMunicipalityCode(code))),
  (a) => `${a.property} must hold known CBS municipality codes (e.g. GM0363), or only '*'`,
);

/** The fields an admin may set on a partner (all of them on creation, any of them on update). */
class PartnerFieldsDto {
  @ApiProperty({ example: 'Woningcorporatie De Linie' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: REQUEST_TYPES, isArray: true, example: ['housing-request'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(REQUEST_TYPES, { each: true })
  types: RequestType[];

  @ApiProperty({ example: ['GM0363'], description: "CBS codes served, or ['*'] for all municipalities" })
  @IsArray()
  @ArrayMinSize(1)
  @EachMunicipalityOrAll()
  municipalities: string[];

  @ApiPropertyOptional({
    example: 'https://partner.example/terugkeer/webhook',
    nullable: true,
    description: 'signed webhook delivery; without it the partner polls its inbox (GET /api/v1/requests)',
  })
  @ValidateIf((o: PartnerFieldsDto) => o.webhookUrl !== null && o.webhookUrl !== undefined)
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'webhookUrl must be an http(s) URL' },
  )
  webhookUrl?: string | null;

  @ApiProperty({ description: 'a government body may receive the BSN; others get a pseudonymous case reference' })
  @IsBoolean()
  government: boolean;

  @ApiPropertyOptional({ default: true, description: 'inactive partners receive no new requests' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreatePartnerDto extends PartnerFieldsDto {
  @ApiProperty({ example: 'linie-woningen', description: 'probation organisations use RN, SVG or LJR' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, {
    message: 'id must be 1–63 letters, digits, dot, dash or underscore, starting with a letter or digit',
  })
  id: string;
}

export class UpdatePartnerDto extends PartnerFieldsDto {
  @ApiPropertyOptional({ description: 'when given, must equal the id in the path' })
  @IsOptional()
  @IsString()
  id?: string;
}
