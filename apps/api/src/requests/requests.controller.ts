import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowsPartnerSignature, CurrentPrincipal, Roles, type Principal } from '@terugkeer/auth';
import { Audited, itemDetentions } from '../common/audited';
import { Id } from '../common/id.param';
import { ListRequestsQuery, PartnerResponseDto } from './dto/request.dtos';
import { RequestsService } from './requests.service';

@ApiTags('requests')
@Controller('api/v1/requests')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Get()
  @Roles('partner', 'casemanager', 'municipality', 'probation', 'supervisor')
  @Audited({ action: 'read:requests', fields: ['request-data'], detentions: itemDetentions() })
  @ApiOperation({ summary: 'Partner inbox (a partner sees only requests addressed to it); scoped roles see theirs' })
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
  @ApiOkResponse({ description: 'applied; or the same answer again / an out-of-order one, without effect' })
  @ApiConflictResponse({ description: 'an illegal transition, e.g. accepting a declined request' })
  respond(@CurrentPrincipal() principal: Principal, @Id() id: string, @Body() body: PartnerResponseDto) {
    return this.requests.respond(principal, id, body);
  }
}
