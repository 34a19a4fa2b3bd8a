import { BadRequestException, Body, Controller, Get, Param, Put, type PipeTransform } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@terugkeer/auth';
import { ApiErrors, AUTHENTICATED, WITH_BODY } from '../common/api-errors';
import { ContactsService } from './contacts.service';
import { ContactsDto } from './dto/contacts.dto';
import { OrganisationContactsDto } from './dto/contacts.responses';

/** Prison, CBS, probation codes and partner ids: letters, digits, `&`, dot, dash, underscore. */
const CODE = /^[A-Za-z0-9][A-Za-z0-9&._-]{0,62}$/;
const codePipe: PipeTransform<string, string> = {
  transform: (value) => {
    if (!CODE.test(value))
      throw new BadRequestException(['code must be an organisation code, e.g. GM0141 or PI-ALMELO']);
    return value;
  },
};
const Code = () => Param('code', codePipe);
const ApiCode = () =>
  ApiParam({
    name: 'code',
    type: 'string',
    example: 'GM0141',
    description: 'a prison (PI-…), a municipality (CBS code), a probation organisation (RN, SVG, LJR) or a partner id',
  });

@ApiTags('organisations')
@ApiErrors([...AUTHENTICATED, 403])
@Controller('api/v1/organisations/:code/contacts')
export class OrganisationsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @Roles('casemanager', 'municipality', 'probation', 'supervisor', 'admin')
  @ApiOperation({
    summary:
      "An organisation's functional mailboxes per role, for e-mail notifications (admins every organisation; " +
      'others their own; a supervisor of * every one)',
  })
  @ApiOkResponse({ type: OrganisationContactsDto })
  @ApiErrors([400, 404], { 404: 'no such organisation, or not yours' })
  @ApiCode()
  get(@CurrentPrincipal() principal: Principal, @Code() code: string) {
    return this.contacts.get(principal, code);
  }

  @Put()
  @Roles('admin')
  @ApiOperation({ summary: "Replace an organisation's contacts (audited with the old and the new list)" })
  @ApiOkResponse({ type: OrganisationContactsDto })
  @ApiErrors([...WITH_BODY, 404], { 404: 'no such organisation' })
  @ApiCode()
  put(@CurrentPrincipal() principal: Principal, @Code() code: string, @Body() body: ContactsDto) {
    return this.contacts.put(principal, code, body);
  }
}
