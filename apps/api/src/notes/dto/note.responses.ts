import { Instant, Nested, Text, TextOrNull, Uuid } from '../../common/api-schema';

class NoteAuthorDto {
  @Text({ description: 'the `sub` of the token that wrote it' }) sub: string;
  @Text({ enum: ['casemanager', 'municipality', 'probation', 'supervisor'] }) role: string;
  @Text({ example: 'PI-ALMELO' }) org: string;
  @TextOrNull({ description: "the token's `name` claim, when it carried one" }) name: string | null;
}

/** One case note (notes.service.ts `noteView`). */
export class NoteDto {
  @Uuid() id: string;
  @Uuid() detentionId: string;
  @Text() text: string;
  @Nested(NoteAuthorDto) author: NoteAuthorDto;
  @Instant() createdAt: string;
}

export class NoteListDto {
  @Uuid() detentionId: string;
  @Nested([NoteDto], { description: 'oldest first' }) items: NoteDto[];
}
