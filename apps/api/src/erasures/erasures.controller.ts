import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@terugkeer/auth';
import { ApiErrors, AUTHENTICATED } from '../common/api-errors';
import { Audited, itemDetentions } from '../common/audited';
import { ErasurePageDto, ListErasuresQuery } from './erasure.dtos';
import { ErasuresService } from './erasures.service';

@ApiTags('erasures')
@ApiBearerAuth()
@ApiErrors([...AUTHENTICATED, 400, 403, 503])
@Controller('api/v1/erasures')
export class ErasuresController {
  constructor(private readonly erasures: ErasuresService) {}

  @Get()
  @Roles('supervisor')
  @Audited({ action: 'read:erasures', fields: ['erasure records'], detentions: itemDetentions() })
  @ApiOperation({
    summary: 'Evidence of erased cases within your scope: which case, when, on which rule, what was removed',
    description:
      'A closed case is erased RETENTION_PERIOD (6 months by default) after its release, or after its ending or ' +
      'closing without one: the person (name, BSN, BSN hash, date of birth) and every free text are removed from ' +
      'the read models, the anonymous figures stay, and the Temporal history of every run is deleted. Newest first.',
  })
  @ApiOkResponse({ type: ErasurePageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListErasuresQuery): Promise<ErasurePageDto> {
    return this.erasures.list(principal, query);
  }
}
