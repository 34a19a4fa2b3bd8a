import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@terugkeer/auth';
import { AuditLog, DisclosureEntity, TimelineEventEntity } from '@terugkeer/persistence';
import { IsUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { ApiErrors, AUTHENTICATED } from '../common/api-errors';
import { Audited, resultDetention } from '../common/audited';
import { timelineEventView } from '../detentions/timeline-event-view';
import { DetentionsService } from '../detentions/detentions.service';
import { AuditDto } from './audit.responses';

class AuditQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsUUID(undefined, { message: 'detentionId must be a UUID' })
  detentionId: string;
}

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly detentions: DetentionsService,
    private readonly log: AuditLog,
  ) {}

  @Get()
  @Roles('supervisor')
  @Audited({ action: 'read:audit', fields: ['audit'], detentions: resultDetention })
  @ApiOperation({
    summary:
      'Who read what (reads, codec decodes), what was disclosed or offered to whom (fields, basis, when, outcome), ' +
      'and who changed what, for one detention in scope',
  })
  @ApiOkResponse({ type: AuditDto })
  @ApiErrors([...AUTHENTICATED, 400, 403, 404, 503])
  async audit(@CurrentPrincipal() principal: Principal, @Query() query: AuditQuery) {
    const detention = await this.detentions.find(principal, query.detentionId);
    const [disclosures, changes, logged] = await Promise.all([
      this.dataSource
        .getRepository(DisclosureEntity)
        .find({ where: { detentionId: detention.id }, order: { disclosedAt: 'ASC' } }),
      this.dataSource
        .getRepository(TimelineEventEntity)
        .createQueryBuilder('e')
        .where('e.detention_id = :id', { id: detention.id })
        .andWhere(`e.actor_kind IN ('user', 'partner')`)
        .orderBy('e.seq', 'ASC')
        .getMany(),
      this.log.forDetention(detention.id),
    ]);
    const entry = ({ seq: _seq, detentionIds: _ids, ...rest }: (typeof logged)[number]) => rest;
    return {
      detentionId: detention.id,
      disclosures: disclosures.map((d) => ({
        partnerId: d.partnerId,
        requestId: d.requestId,
        event: d.event,
        fields: d.fields,
        basis: d.basis,
        by: 'Terugkeer (playbook rule)',
        at: new Date(d.disclosedAt).toISOString(),
      })),
      reads: logged.filter((e) => !e.action.startsWith('disclose:')).map(entry),
      disclosureAttempts: logged.filter((e) => e.action.startsWith('disclose:')).map(entry),
      // As on the timeline; `what` is kept as the name this list has always used for the event type.
      changes: changes.map((e) => ({ ...timelineEventView(e), what: e.type })),
    };
  }
}
