import { BadRequestException, Body, Controller, Get, Headers, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@terugkeer/auth';
import type { Response } from 'express';
import { ApiErrors, AUTHENTICATED, WITH_BODY } from '../common/api-errors';
import { Audited, itemDetentions, resultDetention, resultId } from '../common/audited';
import { ApiId, Id } from '../common/id.param';
import {
  CasemanagerDto,
  ConsentDto,
  EndDto,
  ExpectedReleaseDto,
  MunicipalityDto,
  ReleaseDto,
  TransferDto,
} from './dto/change-dtos';
import {
  DetentionDto,
  DetentionPageDto,
  ExpectedReleaseResultDto,
  FactsChangeResultDto,
  PreviewDto,
  TimelineDto,
} from './dto/detention.responses';
import { ListDetentionsQuery, PreviewQuery } from './dto/list-detentions.query';
import { RegisterIntakeDto } from './dto/register-intake.dto';
import { DetentionsService } from './detentions.service';
import { RegisterIntakeService } from './register-intake.service';

const READERS = ['casemanager', 'municipality', 'probation', 'supervisor'] as const;

/** A read of one detention: a bad id, outside your scope, or the audit log not written. */
const ReadsOne = () => ApiErrors([400, 404, 503]);
/** A change sent to the detention's workflow: bad input, outside scope, illegal now, Temporal not answering. */
const Changes = () =>
  ApiErrors([...WITH_BODY, 404, 409, 503, 504], { 409: 'not possible in this state (illegal transition)' });
/** Answers the detention after the change and what it did to the plan. */
const ChangedFacts = () => ApiOkResponse({ type: FactsChangeResultDto });

@ApiTags('detentions')
@ApiErrors([...AUTHENTICATED, 403])
@Controller('api/v1/detentions')
export class DetentionsController {
  constructor(
    private readonly detentions: DetentionsService,
    private readonly registerIntake: RegisterIntakeService,
  ) {}

  @Post()
  @Roles('casemanager')
  @ApiOperation({ summary: 'Register an intake: starts the detention workflow' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'same key + same body → same detention (200); 1 to 200 printable ASCII characters',
  })
  @ApiCreatedResponse({ type: DetentionDto, description: 'the detention' })
  @ApiOkResponse({ type: DetentionDto, description: 'the detention registered earlier with this Idempotency-Key' })
  @ApiErrors([...WITH_BODY, 403, 409, 503], {
    403: 'not a casemanager of the prison in the body',
    409: 'key reused with another body, or the person is already detained',
  })
  async register(
    @CurrentPrincipal() principal: Principal,
    @Body() body: RegisterIntakeDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const key = idempotencyKey?.trim() || undefined;
    if (key !== undefined && !/^[\x21-\x7E]{1,200}$/.test(key)) {
      throw new BadRequestException(['Idempotency-Key must be 1 to 200 printable ASCII characters (a UUID, say)']);
    }
    const { id, created } = await this.registerIntake.execute({ body, principal, idempotencyKey: key });
    res.status(created ? 201 : 200);
    res.setHeader('Location', `/api/v1/detentions/${id}`);
    return this.detentions.view(principal, id);
  }

  @Get()
  @Roles(...READERS)
  @Audited({ action: 'read:detentions', fields: ['name', 'case-reference', 'dates'], detentions: itemDetentions('id') })
  @ApiOperation({
    summary: 'Detentions within your scope, by expected release date; `q` searches the name and the case reference',
  })
  @ApiOkResponse({ type: DetentionPageDto })
  @ApiErrors([400, 503])
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListDetentionsQuery) {
    return this.detentions.list(principal, query);
  }

  @Get(':id')
  @Roles(...READERS)
  @Audited({
    action: 'read:detention',
    fields: [
      'identity',
      'casemanager-contact',
      'organisation-contacts',
      'basic-conditions',
      'steps',
      'tasks',
      'requests',
    ],
    detentions: resultId,
  })
  @ApiOperation({ summary: 'Facts, phase, basic conditions, planned and done steps, open tasks and requests' })
  @ApiOkResponse({ type: DetentionDto })
  @ReadsOne()
  @ApiId('the detention')
  get(@CurrentPrincipal() principal: Principal, @Id() id: string) {
    return this.detentions.view(principal, id);
  }

  @Get(':id/timeline')
  @Roles(...READERS)
  @Audited({ action: 'read:timeline', fields: ['events', 'planned-steps'], detentions: resultDetention })
  @ApiOperation({ summary: 'Business events in order (what, when, by whom or which rule), plus the planned steps' })
  @ApiOkResponse({ type: TimelineDto })
  @ReadsOne()
  @ApiId('the detention')
  timeline(@CurrentPrincipal() principal: Principal, @Id() id: string) {
    return this.detentions.timeline(principal, id);
  }

  @Get(':id/preview')
  @Roles('casemanager', 'supervisor')
  @ApiOperation({ summary: 'What-if: the plan another expected release date would produce; changes nothing' })
  @ApiOkResponse({ type: PreviewDto })
  @ApiErrors([400, 404])
  @ApiId('the detention')
  preview(@CurrentPrincipal() principal: Principal, @Id() id: string, @Query() query: PreviewQuery) {
    return this.detentions.preview(principal, id, query.expectedReleaseDate ?? null);
  }

  @Put(':id/expected-release')
  @Roles('casemanager')
  @ApiOperation({
    summary: 'Change the expected release date: re-plans; answers what moved, became late or was withdrawn',
  })
  @ApiOkResponse({ type: ExpectedReleaseResultDto })
  @Changes()
  @ApiId('the detention')
  changeExpectedRelease(@CurrentPrincipal() principal: Principal, @Id() id: string, @Body() body: ExpectedReleaseDto) {
    return this.detentions.changeExpectedRelease(principal, id, body);
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles('casemanager')
  @ApiOperation({ summary: 'Record the actual release: aftercare starts' })
  @ChangedFacts()
  @Changes()
  @ApiId('the detention')
  release(@CurrentPrincipal() principal: Principal, @Id() id: string, @Body() body: ReleaseDto) {
    return this.detentions.release(principal, id, body);
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @Roles('casemanager')
  @ApiOperation({
    summary: 'Transfer to another prison: open prison tasks move along; may name the casemanager there',
  })
  @ChangedFacts()
  @Changes()
  @ApiId('the detention')
  transfer(@CurrentPrincipal() principal: Principal, @Id() id: string, @Body() body: TransferDto) {
    return this.detentions.transfer(principal, id, body);
  }

  @Put(':id/casemanager')
  @Roles('casemanager')
  @ApiOperation({
    summary: 'The casemanager to contact now (casemanagers of the current prison): partners holding requests hear',
  })
  @ChangedFacts()
  @Changes()
  @ApiId('the detention')
  changeCasemanager(@CurrentPrincipal() principal: Principal, @Id() id: string, @Body() body: CasemanagerDto) {
    return this.detentions.changeCasemanager(principal, id, body);
  }

  @Post(':id/municipality')
  @HttpCode(200)
  @Roles('casemanager', 'municipality')
  @ApiOperation({ summary: 'Change the responsible municipality: pending requests are re-routed' })
  @ChangedFacts()
  @Changes()
  @ApiId('the detention')
  changeMunicipality(@CurrentPrincipal() principal: Principal, @Id() id: string, @Body() body: MunicipalityDto) {
    return this.detentions.changeMunicipality(principal, id, body);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles('casemanager', 'municipality')
  @ApiOperation({
    summary:
      'End the detention otherwise than by release: open requests are withdrawn (the casemanager; after release ' +
      'also the responsible municipality)',
  })
  @ChangedFacts()
  @Changes()
  @ApiId('the detention')
  end(@CurrentPrincipal() principal: Principal, @Id() id: string, @Body() body: EndDto) {
    return this.detentions.end(principal, id, body);
  }

  @Put(':id/consent')
  @Roles('casemanager', 'municipality')
  @ApiOperation({
    summary:
      'Consent per basic condition; a revocation withdraws what was shared, given again it is sent again (the ' +
      'casemanager; after release also the responsible municipality)',
  })
  @ChangedFacts()
  @Changes()
  @ApiBody({ type: ConsentDto })
  @ApiId('the detention')
  setConsent(@CurrentPrincipal() principal: Principal, @Id() id: string, @Body() body: ConsentDto) {
    return this.detentions.setConsent(principal, id, body);
  }
}
