import { amsterdamDate } from '@terugkeer/domain';
import type { CaseNoteEntity } from '@terugkeer/persistence';

export function noteView(note: CaseNoteEntity) {
  return {
    id: note.id,
    detentionId: note.detentionId,
    text: note.text ?? '',
    author: { sub: note.authorSub, role: note.authorRole, org: note.authorOrg, name: note.authorName },
    createdAt: new Date(note.createdAt).toISOString(),
  };
}

/**
 * A note as an entry of the detention's timeline (kind `note`), placed after the last workflow event before it:
 * it carries that event's `seq` (notes are not workflow events and have no sequence number of their own).
 */
export function noteTimelineEntry(note: CaseNoteEntity, seq: number) {
  return {
    seq,
    at: new Date(note.createdAt).toISOString(),
    on: amsterdamDate(new Date(note.createdAt).getTime()),
    type: 'note',
    summary: note.text ?? '',
    by: { kind: 'user', id: note.authorSub, label: note.authorName ?? `${note.authorRole} ${note.authorOrg}` },
    stepInstanceId: null,
    taskId: null,
    requestId: null,
    data: { noteId: note.id },
    reason: null,
    conditions: [],
    subject: null,
  };
}
