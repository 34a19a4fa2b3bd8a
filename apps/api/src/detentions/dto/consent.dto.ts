import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

/** Consent per basic condition; name at least one. */
export class ConsentDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() id?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() housing?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() income?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() debts?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() care?: boolean;
}
