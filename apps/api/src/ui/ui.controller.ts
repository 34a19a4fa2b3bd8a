import { Body, Controller, Get, NotFoundException, Post, Redirect } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { Public, ROLES, type Role } from '@terugkeer/auth';
import { AppConfig } from '@terugkeer/config';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { SignJWT } from 'jose';
import { ApiErrors, WITH_BODY } from '../common/api-errors';

/** The identities the development sign-in offers: one per role, on the codes of the demo data. */
const DEMO_IDENTITIES: { label: string; sub: string; role: Role; org: string }[] = [
  { label: 'Casemanager PI Almelo', sub: 'cm-almelo', role: 'casemanager', org: 'PI-ALMELO' },
  { label: 'Casemanager PI Rotterdam', sub: 'cm-rotterdam', role: 'casemanager', org: 'PI-ROTTERDAM' },
  { label: 'Nazorgcoördinator Amsterdam', sub: 'mun-amsterdam', role: 'municipality', org: 'GM0363' },
  { label: 'Nazorgcoördinator Rotterdam', sub: 'mun-rotterdam', role: 'municipality', org: 'GM0599' },
  { label: 'Reclassering Nederland', sub: 'rn-1', role: 'probation', org: 'RN' },
  { label: 'Supervisor (landelijk)', sub: 'inspector', role: 'supervisor', org: '*' },
  { label: 'Teamleider PI Almelo', sub: 'tl-almelo', role: 'supervisor', org: 'PI-ALMELO' },
  { label: 'Partner: Amsterdam nazorg', sub: 'gm0363-nazorg', role: 'partner', org: 'gm0363-nazorg' },
  { label: 'Partner: Rotterdam nazorg (inbox)', sub: 'gm0599-nazorg', role: 'partner', org: 'gm0599-nazorg' },
  { label: 'Beheerder', sub: 'admin', role: 'admin', org: '*' },
];

class DevTokenDto {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiProperty({ pattern: '^[A-Za-z0-9*_.-]{1,64}$' })
  @IsString()
  @Matches(/^[A-Za-z0-9*_.-]{1,64}$/, { message: 'org must be a code' })
  org: string;
  @ApiProperty({ maxLength: 64 }) @IsString() @MaxLength(64) sub: string;
}

class UiConfigDto {
  @ApiProperty({ description: 'whether the development sign-in is on (DEV_LOGIN)' }) devLogin: boolean;
  @ApiProperty({ example: 'production' }) environment: string;
}

class IdentityDto {
  @ApiProperty() label: string;
  @ApiProperty() sub: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty() org: string;
}

class IdentitiesDto {
  @ApiProperty({ type: [IdentityDto] }) items: IdentityDto[];
}

class DevTokenResultDto {
  @ApiProperty({ description: 'a bearer token (HS256, 8 h)' }) token: string;
}

const DEV_ONLY = 'development sign-in is off (absent rather than forbidden)';

@ApiTags('ui')
@Controller()
export class UiController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @Public()
  @ApiExcludeEndpoint()
  @Redirect('/ui/', 302)
  root() {}

  @Get('api/ui-config')
  @Public()
  @ApiOperation({ summary: 'What the web UI needs to know before sign-in' })
  @ApiOkResponse({ type: UiConfigDto })
  @ApiErrors([429])
  uiConfig() {
    return { devLogin: this.config.devLogin, environment: this.config.NODE_ENV };
  }

  @Get('api/dev/identities')
  @Public()
  @ApiOperation({ summary: 'Development only: the demo identities of the sign-in picker' })
  @ApiOkResponse({ type: IdentitiesDto })
  @ApiErrors([404, 429], { 404: DEV_ONLY })
  identities() {
    this.requireDevLogin();
    return { items: DEMO_IDENTITIES };
  }

  @Post('api/dev/token')
  @Public()
  @ApiOperation({ summary: 'Development only: a token for a demo identity (8 h)' })
  @ApiCreatedResponse({ type: DevTokenResultDto })
  @ApiErrors([...WITH_BODY, 404, 429], { 404: DEV_ONLY })
  async token(@Body() body: DevTokenDto) {
    this.requireDevLogin();
    const token = await new SignJWT({ role: body.role, org: body.org })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(body.sub)
      .setIssuedAt()
      .setExpirationTime('8h')
      .sign(new TextEncoder().encode(this.config.AUTH_JWT_SECRET));
    return { token };
  }

  private requireDevLogin() {
    // Absent rather than forbidden: production does not reveal that it exists.
    if (!this.config.devLogin || !this.config.AUTH_JWT_SECRET) throw new NotFoundException('Not Found');
  }
}
