import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { Day, Instant, InstantOrNull, Int, Nested, Text, Texts, TextOrNull, Uuid } from '../common/api-schema';
import { PageQuery } from '../detentions/dto/list-detentions.query';

export class ListErasuresQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only the erasure of the case with this reference', example: 'TK-2026-0001' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'caseReference must be a case reference (letters, digits, dashes)' })
  caseReference?: string;
}

export class ErasedTableDto {
  @Text({ example: 'requests' }) table: string;
  @Texts({ example: ['data', 'reference', 'reason', 'note'], description: 'the fields emptied, or `all`' })
  fields: string[];
  @Text({
    enum: ['pseudonymised', 'deleted'],
    description: 'fields emptied (rows kept for the figures) or rows deleted',
  })
  action: string;
  @Int({ description: 'rows touched' }) rows: number;
}

export class ErasedRunDto {
  @Text() runId: string;
  @Text({ example: 'COMPLETED', description: 'how the run had ended' }) status: string;
}

export class ErasedHistoryDto {
  @Text({ example: 'detention-6f1c…' }) workflowId: string;
  @Nested([ErasedRunDto], { description: 'the runs of the workflow deleted with their histories' })
  runsDeleted: ErasedRunDto[];
  @InstantOrNull({ description: 'when the last run was deleted; null while a run is still to be deleted' })
  deletedAt: string | null;
}

/** The evidence of one erasure: which case, when, on which rule, what was removed. */
export class ErasureDto {
  @Uuid() id: string;
  @Uuid() detentionId: string;
  @TextOrNull({ description: 'the pseudonymous case reference partners knew the case by' })
  caseReference: string | null;
  @Text({ example: 'PI-ALMELO' }) prison: string;
  @Text({ example: 'GM0363' }) municipality: string;
  @Instant() erasedAt: string;
  @Text({ example: '6 months after release (RETENTION_PERIOD=P6M)' }) rule: string;
  @Text({ example: 'P6M' }) retentionPeriod: string;
  @Text({ enum: ['release', 'ending', 'closing'], description: 'the date the period ran from' }) countedFrom: string;
  @Day() countedFromDate: string;
  @Day({ description: 'the day the case became due for erasure' }) dueDate: string;
  @Nested([ErasedTableDto], { description: 'what was removed from PostgreSQL, per table' }) removed: ErasedTableDto[];
  @Nested(ErasedHistoryDto, { description: 'the Temporal history of the case, deleted' }) temporal: ErasedHistoryDto;
}

export class ErasurePageDto {
  @Nested([ErasureDto]) items: ErasureDto[];
  @Int() page: number;
  @Int() pageSize: number;
  @Int() total: number;
}
