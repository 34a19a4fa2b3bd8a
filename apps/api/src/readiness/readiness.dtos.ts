import { ApiPropertyOptional } from '@nestjs/swagger';
import { BASIC_CONDITIONS } from '@terugkeer/domain';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Bool, Day, DayOrNull, Int, Nested, Text, TextOrNull, Texts, Uuid } from '../common/api-schema';
import { SearchText } from '../common/search';
import { PageQuery } from '../detentions/dto/list-detentions.query';
import { ConditionStatusDto } from '../detentions/dto/detention.responses';

export const MAX_RELEASE_WITHIN_DAYS = 365;

export class ReadinessQuery extends PageQuery {
  @ApiPropertyOptional({
    default: 30,
    minimum: 0,
    maximum: MAX_RELEASE_WITHIN_DAYS,
    description: 'releases expected from now up to this many days ahead (Europe/Amsterdam)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_RELEASE_WITHIN_DAYS)
  releaseWithinDays = 30;

  @SearchText() q?: string;
}

class ReadinessConditionsDto {
  @Nested(ConditionStatusDto) id: ConditionStatusDto;
  @Nested(ConditionStatusDto) housing: ConditionStatusDto;
  @Nested(ConditionStatusDto) income: ConditionStatusDto;
  @Nested(ConditionStatusDto) debts: ConditionStatusDto;
  @Nested(ConditionStatusDto) care: ConditionStatusDto;
}

class ReadinessTasksDto {
  @Int({ description: 'your open or claimed tasks on the case (as your task list has them)' }) open: number;
  @Int({ description: 'of those, past their due date' }) overdue: number;
}

export class ReadinessItemDto {
  @Uuid() detentionId: string;
  @TextOrNull() caseReference: string | null;
  @Text() personName: string;
  @Day() expectedReleaseDate: string;
  @Int({ description: 'days from today to the expected release; negative: the date passed without a release' })
  daysLeft: number;
  @Text() prison: string;
  @Text() municipality: string;
  @Text() probation: string;
  @DayOrNull({ description: 'null: the screening of the basic conditions is still to come' })
  screeningCompletedDate: string | null;
  @Nested(ReadinessConditionsDto, { description: `per basic condition (${BASIC_CONDITIONS.join(', ')})` })
  conditions: ReadinessConditionsDto;
  @Texts({ enum: BASIC_CONDITIONS, description: 'the conditions shared with you that are not arranged (red, amber)' })
  missing: string[];
  @Nested(ReadinessTasksDto) tasks: ReadinessTasksDto;
}

export class ReadinessPageDto {
  @Day({ description: 'today in Europe/Amsterdam, from which days are counted' }) today: string;
  @Int() releaseWithinDays: number;
  @Nested([ReadinessItemDto], { description: 'soonest release first' }) items: ReadinessItemDto[];
  @Int() page: number;
  @Int() pageSize: number;
  @Int({ description: 'the matches, counted up to 1,000 (see totalCapped)' }) total: number;
  @Bool({ description: 'true when there are more than 1,000 matches: total is then 1,000' }) totalCapped: boolean;
}
