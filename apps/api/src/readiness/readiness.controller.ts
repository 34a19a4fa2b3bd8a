import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@terugkeer/auth';
import { ApiErrors, AUTHENTICATED } from '../common/api-errors';
import { Audited, itemDetentions } from '../common/audited';
import { ReadinessPageDto, ReadinessQuery } from './readiness.dtos';
import { ReadinessService } from './readiness.service';

@ApiTags('readiness')
@Controller('api/v1/readiness')
export class ReadinessController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get()
  @Roles('casemanager', 'municipality', 'probation', 'supervisor')
  @Audited({
    action: 'read:readiness',
    fields: ['name', 'case-reference', 'release-date', 'basic-conditions'],
    detentions: itemDetentions('detentionId'),
  })
  @ApiOperation({
    summary: 'Releases coming up within your scope, and what is not arranged',
    description:
      'Detentions still inside whose expected release date is at most `releaseWithinDays` days from today ' +
      '(Europe/Amsterdam; a date already passed without a recorded release counts too, with negative `daysLeft`), ' +
      'soonest first. Per release the five basic conditions with their light and what it rests on (the same rule ' +
      'as the detention page and the dashboard; a condition the detainee does not share with you is `not-shared`), ' +
      'the conditions not arranged (`missing`), and your open and overdue tasks on the case. `q` searches the ' +
      'name and the case reference.',
  })
  @ApiOkResponse({ type: ReadinessPageDto })
  @ApiErrors([...AUTHENTICATED, 400, 403, 503], { 400: 'bad input: releaseWithinDays, page, pageSize or q named' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ReadinessQuery): Promise<ReadinessPageDto> {
    return this.readiness.list(principal, query);
  }
}
