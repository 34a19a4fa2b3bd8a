import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@terugkeer/auth';
import { ApiErrors, AUTHENTICATED, WITH_BODY } from '../common/api-errors';
import { Audited } from '../common/audited';
import {
  ApiPlaybookId,
  ApiVersionParam,
  ApiVersionQuery,
  PlaybookId,
  VersionParam,
  VersionQuery,
} from './dto/playbook.params';
import { PlaybookDiffDto, PlaybookListDto, PlaybookVersionDto } from './dto/playbook.responses';
import { PlaybooksService } from './playbooks.service';

const none = () => [];
type WithParams = { params: Record<string, string>; query: Record<string, unknown> };

/** Managed playbooks (CONTRACT.md v1.1): admins add versions; supervisors may read; every call is audited. */
@ApiTags('playbooks')
@ApiErrors([...AUTHENTICATED, 403])
@Controller('api/v1/playbooks')
@Roles('admin', 'supervisor')
export class PlaybooksController {
  constructor(private readonly playbooks: PlaybooksService) {}

  @Get()
  @ApiOperation({ summary: 'Every playbook with its versions: created when and by whom, used or not' })
  @ApiOkResponse({ type: PlaybookListDto })
  @Audited({ action: 'read:playbooks', fields: ['playbook'], detentions: none })
  list() {
    return this.playbooks.list();
  }

  @Get(':id/versions/:version')
  @ApiOperation({ summary: 'One version of a playbook with its whole definition' })
  @ApiOkResponse({ type: PlaybookVersionDto })
  @ApiErrors([400, 404], { 404: 'no such playbook or version' })
  @ApiPlaybookId()
  @ApiVersionParam()
  @Audited({
    action: 'read:playbook',
    fields: ['playbook', 'definition'],
    detentions: none,
    target: (_r, req) => `playbook ${(req as WithParams).params.id} version ${(req as WithParams).params.version}`,
  })
  get(@PlaybookId() id: string, @VersionParam() version: number) {
    return this.playbooks.get(id, version);
  }

  @Get(':id/diff')
  @ApiOperation({ summary: 'What changes from one version to another: steps added, removed, changed (which fields)' })
  @ApiOkResponse({ type: PlaybookDiffDto })
  @ApiErrors([400, 404], { 404: 'no such playbook or version' })
  @ApiPlaybookId()
  @ApiVersionQuery('from')
  @ApiVersionQuery('to')
  @Audited({
    action: 'read:playbook-diff',
    fields: ['playbook'],
    detentions: none,
    target: (_r, req) => {
      const { params, query } = req as WithParams;
      return `playbook ${params.id} versions ${String(query.from)} → ${String(query.to)}`;
    },
  })
  diff(@PlaybookId() id: string, @VersionQuery('from') from: number, @VersionQuery('to') to: number) {
    return this.playbooks.diff(id, from, to);
  }

  @Post(':id/versions')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Add a version (the next number; a new id creates the playbook). Checked against the JSON Schema and the ' +
      'rules: no offset that can never fire, known task and request types, positive SLAs, legal minimums kept',
  })
  @ApiBody({ schema: { type: 'object', additionalProperties: true }, description: 'a playbook definition' })
  @ApiCreatedResponse({ type: PlaybookVersionDto, description: 'the stored version' })
  @ApiErrors([...WITH_BODY, 409], {
    400: 'the definition breaks the schema or a rule: each problem names the step (index and id) and the field',
    409: '`version` in the body is not the next number: stored versions are never replaced',
  })
  @ApiPlaybookId()
  addVersion(@CurrentPrincipal() principal: Principal, @PlaybookId() id: string, @Body() body: unknown) {
    return this.playbooks.addVersion(principal, id, body);
  }
}
