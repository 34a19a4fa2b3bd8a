import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TASK_STATUSES, TASK_TYPES } from '@terugkeer/domain';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Min } from 'class-validator';
import { SearchText } from '../../common/search';
import { PageQuery } from '../../detentions/dto/list-detentions.query';

const TASK_FILTER_STATUSES = [...TASK_STATUSES, 'overdue'] as const;

export class ListTasksQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TASK_FILTER_STATUSES, description: 'overdue = open or claimed past its due date' })
  @IsOptional()
  @IsIn(TASK_FILTER_STATUSES)
  status?: (typeof TASK_FILTER_STATUSES)[number];

  @ApiPropertyOptional({ enum: TASK_TYPES })
  @IsOptional()
  @IsIn(TASK_TYPES)
  type?: string;

  @ApiPropertyOptional({ description: 'who claimed it (the `sub` of their token); `me` for yourself' })
  @IsOptional()
  @IsString()
  assignee?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  detentionId?: string;

  @ApiPropertyOptional({
    type: 'boolean',
    description: 'true: only the tasks you claimed (and still hold) or completed',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  mine?: boolean;

  @SearchText() q?: string;

  @ApiPropertyOptional({
    enum: ['dueDate', 'risk'],
    default: 'dueDate',
    description: 'risk: overdue first, then by how soon the person is released',
  })
  @IsOptional()
  @IsIn(['dueDate', 'risk'])
  sort: 'dueDate' | 'risk' = 'dueDate';
}

export class CompleteTaskDto {
  @ApiProperty({ description: 'one of the outcomes of the task type (see the form schema of the task)' })
  @IsString()
  outcome: string;

  @ApiPropertyOptional({ description: 'per task type, see the form schema of the task', default: {} })
  @IsOptional()
  @IsObject()
  data: Record<string, unknown> = {};

  @ApiPropertyOptional({ description: 'the version of the task you saw; a stale completion gets 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
