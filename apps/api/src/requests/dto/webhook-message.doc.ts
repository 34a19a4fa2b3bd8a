import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_EVENTS } from '@terugkeer/contracts';
import { REQUEST_TYPES, WITHDRAWAL_REASONS } from '@terugkeer/domain';

class WebhookDeadlineDoc {
  @ApiProperty({ example: 'advance' }) name: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
}

/**
 * What Terugkeer POSTs to a partner's webhook (documented here for partners; it is not an endpoint of this API).
 * Signed: `X-Terugkeer-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, `X-Terugkeer-Timestamp`,
 * `Idempotency-Key`.
 */
export class WebhookMessageDoc {
  @ApiProperty({
    enum: MESSAGE_EVENTS,
    description:
      '`request`: new; `update`: what you hold changed (rebuilt data and due date); `reminder`: not acknowledged ' +
      'in time (once); `withdrawal`: stop working on it; `closed`: aftercare ended, your service goes on',
  })
  event: string;

  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ enum: REQUEST_TYPES }) type: string;
  @ApiProperty({ example: 'TK-1A2B3C4D', description: 'pseudonymous case reference' }) caseReference: string;
  @ApiProperty({ format: 'date', nullable: true }) dueDate: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the declared fields of the request type (request, update); `{}` for the other events',
  })
  data: Record<string, unknown>;

  @ApiPropertyOptional({ type: [WebhookDeadlineDoc] }) deadlines?: WebhookDeadlineDoc[];

  @ApiPropertyOptional({
    enum: [...WITHDRAWAL_REASONS, 'coordination-ended'],
    description: 'withdrawal: why (nothing about the person); closed: `coordination-ended`',
  })
  reason?: string;

  @ApiProperty({ description: 'where to answer: POST a response here' }) respondUrl: string;
}
