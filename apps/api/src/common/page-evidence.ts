import { CONDITION_CHECK_TASKS, CONDITION_REQUEST } from '@terugkeer/domain';
import { PartnerRequestEntity, TaskEntity } from '@terugkeer/persistence';
import { In, type DataSource } from 'typeorm';

/** Rows by the detention they belong to. */
export function byDetention<T extends { detentionId: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(r.detentionId);
    if (list) list.push(r);
    else map.set(r.detentionId, [r]);
  }
  return map;
}

/**
 * What `caseConditions` needs of one page of cases, read for that page only: the latest request of each
 * condition's type per detention (requests_detention index) and the completed checks after release. The readiness
 * list and the dashboard's board read it the same way.
 */
export async function conditionEvidence(dataSource: DataSource, ids: readonly string[]) {
  if (!ids.length)
    return { requestsOf: new Map<string, PartnerRequestEntity[]>(), checksOf: new Map<string, TaskEntity[]>() };
  const [requests, checks] = await Promise.all([
    dataSource
      .getRepository(PartnerRequestEntity)
      .createQueryBuilder('r')
      .distinctOn(['r.detention_id', 'r.type'])
      .where('r.detention_id IN (:...ids)', { ids })
      .andWhere('r.type IN (:...types)', { types: Object.values(CONDITION_REQUEST) })
      .orderBy('r.detention_id')
      .addOrderBy('r.type')
      .addOrderBy('r.sent_at', 'DESC')
      .getMany(),
    dataSource.getRepository(TaskEntity).find({
      where: { detentionId: In([...ids]), type: In([...CONDITION_CHECK_TASKS]), status: 'done' },
      select: { detentionId: true, type: true, status: true, data: true, completedAt: true },
    }),
  ]);
  return { requestsOf: byDetention(requests), checksOf: byDetention(checks) };
}
