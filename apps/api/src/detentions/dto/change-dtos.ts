import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ENDING_REASONS } from '@terugkeer/domain';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  ValidateIf,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsMunicipalityCode, IsPrisonCode, NotInFuture, NotInPast } from '../../common/validators';
import { ContactDto } from './register-intake.dto';

export class ExpectedReleaseDto {
  @ApiProperty({
    example: '2027-03-01',
    format: 'date',
    nullable: true,
    description: 'null while unknown; not in the past (the person is still detained)',
  })
  // Required: `null` says "unknown"; leaving it out must not silently clear the date.
  @IsDefined({ message: 'expectedReleaseDate must be given: a date, or null while unknown' })
  @ValidateIf((o: ExpectedReleaseDto) => o.expectedReleaseDate !== null)
  @IsCalendarDate()
  @NotInPast()
  expectedReleaseDate: string | null;

  @ApiProperty({ example: 'court ruling' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class ReleaseDto {
  @ApiProperty({ example: '2027-03-01', format: 'date' })
  @IsCalendarDate()
  @NotInFuture()
  releaseDate: string;

  @ApiProperty()
  @IsBoolean()
  releaseAddressKnown: boolean;
}

export class TransferDto {
  @ApiProperty({ example: 'PI-ZWOLLE' })
  @IsPrisonCode()
  prison: string;

  @ApiProperty({ example: '2026-12-01', format: 'date' })
  @IsCalendarDate()
  @NotInFuture()
  date: string;

  @ApiPropertyOptional({
    type: () => ContactDto,
    description: 'the casemanager at the new prison; later messages to partners name them',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  casemanager?: ContactDto;
}

/** The casemanager to contact now (at the current prison). */
export class CasemanagerDto extends ContactDto {}

export class MunicipalityDto {
  @ApiProperty({ example: 'GM0599' })
  @IsMunicipalityCode()
  municipality: string;

  @ApiProperty({ example: 'intends to settle with family' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class EndDto {
  @ApiProperty({ enum: ENDING_REASONS })
  @IsIn(ENDING_REASONS)
  reason: (typeof ENDING_REASONS)[number];

  @ApiProperty({ example: '2026-12-01', format: 'date' })
  @IsCalendarDate()
  @NotInFuture()
  date: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export { ConsentDto } from './consent.dto';
