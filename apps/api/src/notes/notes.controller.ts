import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@terugkeer/auth';
import { ApiErrors, AUTHENTICATED, WITH_BODY } from '../common/api-errors';
import { Audited, resultDetention } from '../common/audited';
import { ApiId, Id } from '../common/id.param';
import { CreateNoteDto } from './dto/note.dto';
import { NoteDto, NoteListDto } from './dto/note.responses';
import { NotesService } from './notes.service';

/** CONTRACT.md v1.1: the scoped roles, not partners, not admins. */
const NOTE_ROLES = ['casemanager', 'municipality', 'probation', 'supervisor'] as const;

@ApiTags('detentions')
@ApiErrors([...AUTHENTICATED, 403])
@Controller('api/v1/detentions/:id/notes')
@Roles(...NOTE_ROLES)
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Get()
  @Audited({ action: 'read:notes', fields: ['notes'], detentions: resultDetention })
  @ApiOperation({ summary: 'The case notes of a detention, oldest first (never sent to partners)' })
  @ApiOkResponse({ type: NoteListDto })
  @ApiErrors([400, 404, 503])
  @ApiId('the detention')
  list(@CurrentPrincipal() principal: Principal, @Id() id: string) {
    return this.notes.list(principal, id);
  }

  @Post()
  @ApiOperation({ summary: 'Add a case note (append-only: notes are never changed or removed by hand)' })
  @ApiCreatedResponse({ type: NoteDto, description: 'the note' })
  @ApiErrors([...WITH_BODY, 404, 503])
  @ApiId('the detention')
  create(@CurrentPrincipal() principal: Principal, @Id() id: string, @Body() body: CreateNoteDto) {
    return this.notes.create(principal, id, body);
  }
}
