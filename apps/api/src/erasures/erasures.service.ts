import { Injectable } from '@nestjs/common';
import type { Principal } from '@terugkeer/auth';
import { ErasureEntity } from '@terugkeer/persistence';
import { DataSource } from 'typeorm';
import type { ErasureDto, ErasurePageDto, ListErasuresQuery } from './erasure.dtos';

/** The evidence of erased cases, within a supervisor's scope: all (`*`), their prison's, or their municipality's. */
@Injectable()
export class ErasuresService {
  constructor(private readonly dataSource: DataSource) {}

  async list(principal: Principal, query: ListErasuresQuery): Promise<ErasurePageDto> {
    const qb = this.dataSource.getRepository(ErasureEntity).createQueryBuilder('e');
    if (principal.org !== '*') {
      qb.where(principal.org.startsWith('PI-') ? 'e.prison = :org' : 'e.municipality = :org', { org: principal.org });
    }
    if (query.caseReference) qb.andWhere('e.case_reference = :reference', { reference: query.caseReference });
    const [rows, total] = await qb
      .orderBy('e.erasedAt', 'DESC')
      .addOrderBy('e.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(erasureView), page: query.page, pageSize: query.pageSize, total };
  }
}

export function erasureView(e: ErasureEntity): ErasureDto {
  return {
    id: e.id,
    detentionId: e.detentionId,
    caseReference: e.caseReference,
    prison: e.prison,
    municipality: e.municipality,
    erasedAt: new Date(e.erasedAt).toISOString(),
    rule: e.rule,
    retentionPeriod: e.retentionPeriod,
    countedFrom: e.countedFrom,
    countedFromDate: e.countedFromDate,
    dueDate: e.dueDate,
    removed: e.removed,
    temporal: {
      workflowId: e.workflowId,
      runsDeleted: e.temporalRuns,
      deletedAt: e.temporalErasedAt ? new Date(e.temporalErasedAt).toISOString() : null,
    },
  };
}
