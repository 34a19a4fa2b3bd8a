import { BASIC_CONDITIONS, STAY_SEGMENTS } from '@terugkeer/domain';
import { SearchText } from '../common/search';
import { PageQuery } from '../detentions/dto/list-detentions.query';
import {
  Bool,
  Day,
  DayOrNull,
  Instant,
  Int,
  IntOrNull,
  MapOf,
  Nested,
  NumberOrNull,
  Text,
  TextOrNull,
  Uuid,
} from '../common/api-schema';

const LIGHT = { type: 'string', enum: ['green', 'amber', 'red'], nullable: true };
const SHARE = { description: 'a share between 0 and 1; null when there is nothing to count' };

class ReadinessRowDto {
  @Uuid() detentionId: string;
  @TextOrNull() caseReference: string | null;
  @Text() personName: string;
  @Text() prison: string;
  @Text() municipality: string;
  @Day() intakeDate: string;
  @DayOrNull() expectedReleaseDate: string | null;
  @IntOrNull() daysToRelease: number | null;
  @MapOf(LIGHT, { description: `a light per basic condition (${BASIC_CONDITIONS.join(', ')}); null: not shared` })
  conditions: Record<string, string | null>;
  @Int({ description: 'higher is riskier' }) risk: number;
  @Int() overdueTasks: number;
  @Int() escalatedTasks: number;
}

class ReleaseFiguresDto {
  @Int() releases: number;
  @NumberOrNull(SHARE) validId: number | null;
  @NumberOrNull(SHARE) housing: number | null;
  @NumberOrNull(SHARE) incomeApplicationDecided: number | null;
  @NumberOrNull(SHARE) insuranceResumed: number | null;
}

class SegmentDto extends ReleaseFiguresDto {
  @Int() detentions: number;
  @Int() detained: number;
}

class DetentionCountsDto {
  @Int() total: number;
  @Int() detained: number;
  @Int() aftercare: number;
  @Int() closed: number;
}

class TaskCountsDto {
  @Int() open: number;
  @Int() overdue: number;
  @Int() escalated: number;
}

class MeetingsDto {
  @Int() due: number;
  @Int() heldOnTime: number;
  @NumberOrNull(SHARE) onTimeShare: number | null;
}

class PartnerFiguresDto {
  @Text() partnerId: string;
  @Int() requests: number;
  @Int() open: number;
  @Int() closed: number;
  @NumberOrNull(SHARE) loopClosureRate: number | null;
  @NumberOrNull() medianHoursToAcknowledge: number | null;
  @Int() failedDeliveries: number;
}

const SEGMENTS = { $ref: '#/components/schemas/SegmentDto' };

class SegmentsDto {
  @MapOf(SEGMENTS, { description: `by length of stay: ${STAY_SEGMENTS.join(', ')}` }) lengthOfStay: object;
  @MapOf(SEGMENTS, { description: 'by CBS code' }) municipality: object;
}

const COUNTS_PER_STATUS = { type: 'object', additionalProperties: { type: 'integer' } };

class FiguresDto {
  @Nested(DetentionCountsDto) detentions: DetentionCountsDto;
  @Nested(ReleaseFiguresDto) releases: ReleaseFiguresDto;
  @Nested(TaskCountsDto) tasks: TaskCountsDto;
  @Nested(MeetingsDto) trajectoryMeetings: MeetingsDto;
  @Nested([PartnerFiguresDto]) partners: PartnerFiguresDto[];
  @Nested(SegmentsDto) segments: SegmentsDto;
  @MapOf(
    { type: 'object', additionalProperties: COUNTS_PER_STATUS },
    { description: 'per moment (intake, release, sixMonths), per condition, how many detentions have each status' },
  )
  outcomes: object;
}

/** The board's page (`page`, `pageSize`: 50 by default, at most 200) and search (`q`); the figures are always whole. */
export class DashboardQuery extends PageQuery {
  @SearchText() q?: string;
}

export class DashboardDto {
  @Text({ description: 'your scope (`org` of the token)' }) scope: string;
  @Instant() generatedAt: string;
  @Nested([ReadinessRowDto], {
    description: 'one page of the detentions in prison (`page`, `pageSize`, `q`), riskiest first',
  })
  readiness: ReadinessRowDto[];
  @Int() page: number;
  @Int() pageSize: number;
  @Int({ description: 'the detentions on the board (matching `q`), counted up to 1,000 (see totalCapped)' })
  total: number;
  @Bool({ description: 'true when more than 1,000 are on the board: total is then 1,000' }) totalCapped: boolean;
  @Nested(FiguresDto) figures: FiguresDto;
}

/** Referenced by name from the segment maps above. */
export const DASHBOARD_EXTRA_MODELS = [SegmentDto];
