import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Principal } from '@terugkeer/auth';
import { detentionWorkflowId, partnerResponseSignal } from '@terugkeer/contracts';
import {
  DEFAULT_PLAYBOOK_V1,
  judgeResponse,
  type Consent,
  type RequestStatus,
  type RequestType,
} from '@terugkeer/domain';
import {
  DetentionEntity,
  PartnerRequestEntity,
  refreshReadinessSummary,
  RequestResponseEntity,
} from '@terugkeer/persistence';
import { TemporalDeadlines } from '@terugkeer/temporal';
import { randomUUID } from 'node:crypto';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { detentionScope } from '../common/scope';
import { countOf } from '../common/count';
import { searchSql } from '../common/search';
import { SharedConditions, sharedConditionSql } from '../common/shared-conditions';
import { toHttpError } from '../common/workflow-errors';
import { requestView } from '../detentions/detention-view';
import type { ListRequestsQuery, PartnerResponseDto } from './dto/request.dtos';

/**
 * The partner side of the request ledger: a partner's inbox, and its answers. An answer is judged against the
 * ledger row under a lock (409 for an illegal step, 200 without effect for a duplicate or a late one), passed to
 * the workflow as a signal, and written — so partners can answer while workers are down.
 */
@Injectable()
export class RequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly client: Client,
    private readonly deadlines: TemporalDeadlines,
  ) {}

  /**
   * A partner reads its own requests; the scoped roles those of detentions that are theirs now (@Roles keeps out
   * others), and municipality, probation and supervisors on their side only those about conditions shared with
   * them.
   */
  private scoped(principal: Principal): SelectQueryBuilder<PartnerRequestEntity> {
    const qb = this.dataSource.getRepository(PartnerRequestEntity).createQueryBuilder('r');
    // An erased case (retention) is gone for its partners too.
    if (principal.role === 'partner') {
      return qb
        .innerJoin(DetentionEntity, 'd', 'd.id = r.detention_id')
        .where('r.partner_id = :partner AND d.erased_at IS NULL', { partner: principal.org });
    }
    const scope = detentionScope(principal);
    const shared = sharedConditionSql(principal, { requestType: 'r.type' });
    return qb
      .innerJoin(DetentionEntity, 'd', 'd.id = r.detention_id')
      .where(scope.where, scope.params)
      .andWhere(shared.where, shared.params);
  }

  async list(principal: Principal, query: ListRequestsQuery) {
    const qb = this.scoped(principal);
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.type) qb.andWhere('r.type = :type', { type: query.type });
    if (query.q) {
      // A partner finds a request by the case reference or by the name it was sent, never by what it was not sent.
      const search = searchSql(query.q);
      const where =
        principal.role === 'partner'
          ? `(d.case_reference ILIKE :searchPattern ESCAPE '\\' OR (r.data -> 'person' ->> 'name') ILIKE :searchPattern ESCAPE '\\')`
          : search.where;
      qb.andWhere(where, search.params);
    }
    if (principal.role !== 'partner') qb.addSelect('d.consent');
    // Newest first along requests_partner (migration ListIndexes) for a partner.
    const [{ entities, raw }, count] = await Promise.all([
      qb
        .clone()
        .orderBy('r.sentAt', 'DESC')
        .offset((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .getRawAndEntities<{ r_id: string; d_consent?: Consent }>(),
      countOf(qb),
    ]);
    const consentOf = new Map(raw.map((row) => [row.r_id, row.d_consent ?? {}]));
    const items = entities.map((r) => {
      const item = this.inboxItem(r);
      if (principal.role === 'partner') return item;
      // The chain reads what was sent to a partner: no BSN for those who may not see it, only shared conditions.
      return {
        ...item,
        data: SharedConditions.for(principal, { consent: consentOf.get(r.id)! }).requestData(principal, r.data),
      };
    });
    return { items, page: query.page, pageSize: query.pageSize, ...count };
  }

  /** What a partner sees of a request: its minimal payload, due date, status and where to answer. */
  private inboxItem(request: PartnerRequestEntity) {
    return {
      ...requestView(request),
      requestId: request.id,
      data: request.data,
      respondUrl: `/api/v1/requests/${request.id}/responses`,
    };
  }

  async respond(principal: Principal, id: string, body: PartnerResponseDto) {
    const answer = await this.record(principal, id, body);
    // The dashboard ranks by the new light at once, not only once the workflow's projection follows. After the
    // commit, in a transaction of its own: the projector locks the case before its requests, this the other way.
    if (answer.response.effect === 'applied') {
      await this.dataSource.transaction((tx) => refreshReadinessSummary(tx, answer.detentionId));
    }
    return answer;
  }

  private record(principal: Principal, id: string, body: PartnerResponseDto) {
    return this.dataSource.transaction(async (tx) => {
      const request = await tx
        .getRepository(PartnerRequestEntity)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.id = :id AND r.partner_id = :partner', { id, partner: principal.org })
        // No answer is written about an erased case: nothing of it may come back after the erasure.
        .andWhere('NOT EXISTS (SELECT 1 FROM detentions e WHERE e.id = r.detention_id AND e.erased_at IS NOT NULL)')
        .getOne();
      if (!request) throw new NotFoundException(`Request ${id} not found`);
      const notice = DEFAULT_PLAYBOOK_V1.requestTypes[request.type as RequestType]?.notice ?? false;
      const verdict = judgeResponse(request.status as RequestStatus, body.status, notice);
      if (verdict.kind === 'illegal') throw new ConflictException(`Illegal transition: ${verdict.message}`);

      const responseId = randomUUID();
      const receivedAt = new Date();
      if (verdict.kind === 'apply' || verdict.kind === 'withdrawn') {
        // The workflow learns first; if it cannot be told, nothing is written and the partner may retry (the
        // workflow judges a response by the request's state: one that arrived all the same has no second effect).
        const handle = this.client.workflow.getHandle(detentionWorkflowId(request.detentionId));
        try {
          await this.deadlines.within('rpc', () =>
            handle.signal(partnerResponseSignal, {
              responseId,
              requestId: id,
              partnerId: principal.org,
              status: body.status,
              reference: body.reference,
              reason: body.reason,
              note: body.note,
              receivedAt: receivedAt.toISOString(),
            }),
          );
        } catch (error) {
          // A response to a withdrawn request of a closed case is recorded all the same.
          if (!(verdict.kind === 'withdrawn' && error instanceof WorkflowNotFoundError)) {
            throw toHttpError(error, {
              what: 'the recording of the response',
              waitedMs: this.deadlines.timeoutMs('rpc'),
            });
          }
        }
      }
      if (verdict.kind === 'apply') {
        request.status = body.status;
        request.reference = body.reference ?? request.reference;
        request.reason = body.reason ?? request.reason;
        request.note = body.note ?? request.note;
        if (body.status !== 'received' && !request.acknowledgedAt) request.acknowledgedAt = receivedAt;
        if (['declined', 'completed'].includes(body.status)) request.closedAt = receivedAt;
        request.updatedAt = receivedAt;
        await tx.getRepository(PartnerRequestEntity).save(request);
      }
      await tx.getRepository(RequestResponseEntity).insert({
        id: responseId,
        requestId: id,
        partnerId: principal.org,
        status: body.status,
        verdict: verdict.kind === 'apply' ? 'applied' : verdict.kind,
        reference: body.reference ?? null,
        reason: body.reason ?? null,
        note: body.note ?? null,
        receivedAt,
      });
      return {
        ...this.inboxItem(request),
        response: { status: body.status, effect: verdict.kind === 'apply' ? 'applied' : verdict.kind },
      };
    });
  }
}
