import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ENDING_REASONS } from '@terugkeer/domain';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate, IsMunicipalityCode, IsPrisonCode, NotInFuture } from '../../common/validators';

export class ExpectedReleaseDto {
  @ApiProperty({ example: '2027-03-01', format: 'date', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  expectedReleaseDate: string | null = null;

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
}

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

/** Consent per basic condition; name at least one. */
export class ConsentDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() id?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() housing?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() income?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() debts?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() care?: boolean;
}
