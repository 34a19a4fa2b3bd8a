import { Injectable } from '@nestjs/common';
import type { DetentionActivities, PartnerRef } from '@terugkeer/contracts';
import { PROBATION_ORGANISATIONS, type RecipientKind, type RequestType } from '@terugkeer/domain';
import { DataSource } from 'typeorm';

const DELIVERY = `CASE WHEN webhook_url IS NULL THEN 'inbox' ELSE 'webhook' END AS delivery`;

@Injectable()
export class PartnerRegistryActivities implements Pick<DetentionActivities, 'resolvePartner'> {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The active partner handling this request type: for probation the organisation itself (partner id = RN,
   * SVG or LJR); otherwise one serving the municipality, a specific registration before a nationwide (`*`) one —
   * never a probation organisation, even one registered for all municipalities.
   */
  async resolvePartner(query: {
    type: RequestType;
    recipient: RecipientKind;
    routedTo: string;
  }): Promise<PartnerRef | null> {
    const rows: PartnerRef[] =
      query.recipient === 'probation'
        ? await this.dataSource.query(
            `SELECT id, name, government, ${DELIVERY} FROM partners WHERE active AND id = $1 AND $2 = ANY (types)`,
            [query.routedTo, query.type],
          )
        : await this.dataSource.query(
            `SELECT id, name, government, ${DELIVERY} FROM partners
              WHERE active AND $1 = ANY (types) AND ($2 = ANY (municipalities) OR '*' = ANY (municipalities))
                AND NOT (id = ANY ($3))
              ORDER BY ($2 = ANY (municipalities)) DESC, id
              LIMIT 1`,
            [query.type, query.routedTo, PROBATION_ORGANISATIONS],
          );
    return rows[0] ?? null;
  }
}
