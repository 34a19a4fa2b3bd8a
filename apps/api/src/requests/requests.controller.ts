import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowsPartnerSignature, CurrentPrincipal, Roles, type Principal } from '@terugkeer/auth';
import { ApiErrors, AUTHENTICATED, WITH_BODY } from '../common/api-errors';
import { Audited, itemDetentions } from '../common/audited';
import { ApiId, Id } from '../common/id.param';
import { ListRequestsQuery, PartnerResponseDto } from './dto/request.dtos';
import { RequestPageDto, RespondResultDto } from './dto/request.responses';
import { RequestsService } from './requests.service';

@ApiTags('requests')
@ApiErrors([...AUTHENTICATED, 403])
@Controller('api/v1/requests')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Get()
  @Roles('partner', 'casemanager', 'municipality', 'probation', 'supervisor')
  @Audited({ action: 'read:requests', fields: ['request-data'], detentions: itemDetentions() })
  @ApiOperation({ summary: 'Partner inbox (a partner sees only requests addressed to it); scoped roles see theirs' })
  @ApiOkResponse({ type: RequestPageDto })
  @ApiErrors([400, 503])
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListRequestsQuery) {
    return this.requests.list(principal, query);
  }

  @Post(':id/responses')
  @HttpCode(200)
  @Roles('partner')
  @AllowsPartnerSignature()
  @ApiOperation({
    summary: 'Answer a request: received, acknowledged, accepted, waitlisted, declined, completed',
    description:
      'Authenticate with a partner token, or sign like the webhooks: headers X-Terugkeer-Partner, ' +
      'X-Terugkeer-Timestamp (unix seconds) and X-Terugkeer-Signature = sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">.',
  })
  @ApiOkResponse({
    type: RespondResultDto,
    description: 'applied; or the same answer again / an out-of-order one, without effect',
  })
  @ApiErrors([...WITH_BODY, 404, 409, 503, 504], {
    401: 'missing or invalid token, or a signature that does not verify',
    404: 'no such request addressed to you',
    409: 'an illegal transition, e.g. accepting a declined request',
    503: 'Temporal could not be reached, so the answer was not taken: retry it',
    504: 'Temporal did not answer in time: the answer may have been taken; retry it (it takes effect once)',
  })
  @ApiId('the request')
  respond(@CurrentPrincipal() principal: Principal, @Id() id: string, @Body() body: PartnerResponseDto) {
    return this.requests.respond(principal, id, body);
  }
}
