import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export const MAX_SEARCH_LENGTH = 100;

/** The `q` of a list: part of the person's name or of the case reference, case-insensitive. */
export const SearchText = () =>
  applyDecorators(
    ApiPropertyOptional({
      minLength: 1,
      maxLength: MAX_SEARCH_LENGTH,
      description: 'part of the person’s name or of the case reference, case-insensitive',
    }),
    IsOptional(),
    IsString(),
    MinLength(1),
    MaxLength(MAX_SEARCH_LENGTH),
  );

/**
 * A condition on the detention `d` for a search text: a substring of the name or the case reference, as a bound
 * parameter with LIKE's wildcards escaped (the trigram indexes of migration ReadinessSearch serve it).
 */
export function searchSql(q: string): { where: string; params: Record<string, unknown> } {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return {
    where: `(d.person_name ILIKE :searchPattern ESCAPE '\\' OR d.case_reference ILIKE :searchPattern ESCAPE '\\')`,
    params: { searchPattern: pattern },
  };
}
