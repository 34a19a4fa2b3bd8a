import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, ROLES, type Role } from '@terugkeer/auth';
import { ApiErrors, AUTHENTICATED } from '../common/api-errors';

class SessionDto {
  @ApiProperty({ description: 'user or client id (`sub` claim)' })
  sub: string;
  @ApiProperty({ enum: ROLES })
  role: Role;
  @ApiProperty({ description: 'organisation the role acts for (`org` claim)', example: 'PI-ALMELO' })
  org: string;
}

@ApiTags('session')
@Controller('api/v1/session')
export class SessionController {
  @Get()
  @ApiOperation({ summary: 'Who the bearer token says the caller is' })
  @ApiOkResponse({ type: SessionDto })
  @ApiErrors(AUTHENTICATED)
  whoAmI(@CurrentPrincipal() principal: Principal): SessionDto {
    return { sub: principal.sub, role: principal.role, org: principal.org };
  }
}
