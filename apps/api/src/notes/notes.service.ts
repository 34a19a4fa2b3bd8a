import { Injectable } from '@nestjs/common';
import type { Principal } from '@terugkeer/auth';
import { AuditLog, CaseNoteEntity } from '@terugkeer/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { READ_BASIS } from '../common/audited';
import { DetentionsService } from '../detentions/detentions.service';
import type { CreateNoteDto } from './dto/note.dto';
import { noteView } from './note-view';

/**
 * Case notes: free text the people working on a case write for each other. Within the caller's current scope of
 * the detention (404 outside it, erased cases included); never part of anything sent to partners.
 */
@Injectable()
export class NotesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly detentions: DetentionsService,
    private readonly audit: AuditLog,
  ) {}

  async list(principal: Principal, detentionId: string) {
    const detention = await this.detentions.find(principal, detentionId);
    const notes = await this.dataSource
      .getRepository(CaseNoteEntity)
      .find({ where: { detentionId: detention.id }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { detentionId: detention.id, items: notes.map(noteView) };
  }

  /** Writes the note and its audit entry in one transaction: a note nobody can account for is not written. */
  async create(principal: Principal, detentionId: string, body: CreateNoteDto) {
    const detention = await this.detentions.find(principal, detentionId);
    const note: CaseNoteEntity = {
      id: randomUUID(),
      detentionId: detention.id,
      text: body.text,
      authorSub: principal.sub,
      authorRole: principal.role,
      authorOrg: principal.org,
      authorName: principal.name ?? null,
      createdAt: new Date(),
      erasedAt: null,
    };
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(CaseNoteEntity).insert(note);
      // The text is personal data and the audit log is never erased: the entry names the note, not its words.
      await this.audit.append(
        {
          actor: principal.sub,
          role: principal.role,
          org: principal.org,
          action: 'change:note:create',
          detentionIds: [detention.id],
          fields: ['note'],
          basis: READ_BASIS[principal.role],
          target: `note ${note.id}: from (none) to a note of ${body.text.length} characters`,
        },
        note.createdAt,
        tx,
      );
    });
    return noteView(note);
  }
}
