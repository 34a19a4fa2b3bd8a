import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@terugkeer/auth';
import { ApiErrors, AUTHENTICATED, WITH_BODY } from '../common/api-errors';
import { CreatePartnerDto, UpdatePartnerDto } from './dto/partner.dto';
import { PartnerDto, PartnerListDto, PartnerWithSecretDto } from './dto/partner.responses';
import { partnerView, PartnersService } from './partners.service';

@ApiTags('partners')
@ApiErrors([...AUTHENTICATED, 403])
@Controller('api/v1/partners')
@Roles('admin')
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @Get()
  @ApiOperation({ summary: 'The partner registry (secrets are never shown again)' })
  @ApiOkResponse({ type: PartnerListDto })
  list() {
    return this.partners.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One partner' })
  @ApiOkResponse({ type: PartnerDto })
  @ApiErrors([400, 404])
  async get(@Param('id') id: string) {
    return partnerView(await this.partners.find(id));
  }

  @Post()
  @ApiOperation({ summary: 'Register a partner; the answer holds its secret, shown this once' })
  @ApiCreatedResponse({ type: PartnerWithSecretDto, description: 'the partner, with `secret`' })
  @ApiErrors([...WITH_BODY, 409], { 409: 'a partner with this id exists' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreatePartnerDto) {
    return this.partners.create(principal, body);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Change a partner (types, municipalities, webhook, government, active)' })
  @ApiOkResponse({ type: PartnerDto })
  @ApiErrors([...WITH_BODY, 404])
  update(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: UpdatePartnerDto) {
    return this.partners.update(principal, id, body);
  }

  @Post(':id/secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the secret: the new one is shown once; the old one works during the overlap' })
  @ApiOkResponse({ type: PartnerWithSecretDto })
  @ApiErrors([400, 404])
  rotate(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.partners.rotateSecret(principal, id);
  }
}
