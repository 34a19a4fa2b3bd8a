import { Controller, Get, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@terugkeer/auth';
import { ApiErrors, AUTHENTICATED } from '../common/api-errors';
import { DASHBOARD_EXTRA_MODELS, DashboardDto, DashboardQuery } from './dashboard.responses';
import { DashboardService } from './dashboard.service';

@ApiTags('dashboard')
@ApiExtraModels(...DASHBOARD_EXTRA_MODELS)
@Controller('api/v1/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Readiness board and outcome figures within your scope',
    description:
      'readiness: one page (page, pageSize, q: part of a name or case reference) of the detentions in prison with the five basic conditions as traffic lights (green arranged, amber in ' +
      'progress, red at risk) against the days to release, riskiest first. figures: shares of releases with a valid ID, ' +
      'housing, a decided income application and resumed insurance; open/overdue/escalated tasks; trajectory meetings ' +
      'held on time; loop closure and median hours to acknowledgement per partner; segments by length of stay and ' +
      'municipality; the outcome measurement at intake, release and six months.',
  })
  @ApiOkResponse({ type: DashboardDto })
  @ApiErrors([...AUTHENTICATED, 400, 403, 503], { 400: 'bad input: page, pageSize or q named' })
  get(@CurrentPrincipal() principal: Principal, @Query() query: DashboardQuery) {
    return this.dashboard.dashboard(principal, query);
  }
}
