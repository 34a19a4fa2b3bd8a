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

/** The case notes among the workflow's events, each after the last event before it (by processing time). */
export function withNotes<E extends { seq: number; at: string }>(events: E[], notes: CaseNoteEntity[]) {
  const entries: (E | ReturnType<typeof noteTimelineEntry>)[] = [];
  let i = 0;
  for (const note of notes) {
    while (i < events.length && events[i].at <= new Date(note.createdAt).toISOString()) entries.push(events[i++]);
    entries.push(noteTimelineEntry(note, entries.length ? entries[entries.length - 1].seq : 0));
  }
  return [...entries, ...events.slice(i)];
}
