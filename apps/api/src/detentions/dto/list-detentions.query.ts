import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { SearchText } from '../../common/search';
import { IsCalendarDate, IsMunicipalityCode, IsPrisonCode } from '../../common/validators';

const DETENTION_STATUSES = ['detained', 'aftercare', 'closed'] as const;

/** Deeper pages than this are refused (the offset would be meaningless and expensive): filter instead. */
export const MAX_PAGE = 10_000;

export class PageQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page = 1;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;
}

export class ListDetentionsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DETENTION_STATUSES, description: 'the phase of the detention' })
  @IsOptional()
  @IsIn(DETENTION_STATUSES)
  status?: (typeof DETENTION_STATUSES)[number];

  @ApiPropertyOptional({ example: 'PI-ALMELO' })
  @IsOptional()
  @IsPrisonCode()
  prison?: string;

  @ApiPropertyOptional({ example: 'GM0363' })
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @ApiPropertyOptional({ format: 'date', description: 'expected release before this date' })
  @IsOptional()
  @IsCalendarDate()
  releaseBefore?: string;

  @ApiPropertyOptional({ format: 'date', description: 'expected release on or after this date' })
  @IsOptional()
  @IsCalendarDate()
  releaseAfter?: string;

  @SearchText() q?: string;
}

export class PreviewQuery {
  @ApiPropertyOptional({ format: 'date', description: 'the expected release date to try; empty or left out = unknown' })
  @Transform(({ value }: { value: unknown }) => (value === '' ? null : value))
  @IsOptional()
  @IsCalendarDate()
  expectedReleaseDate?: string | null;
}
