import { TASK_STATUSES } from '@terugkeer/domain';
import {
  Bool,
  DayOrNull,
  FreeObject,
  FreeObjectOrNull,
  Instant,
  InstantOrNull,
  Int,
  Nested,
  Text,
  TextOrNull,
  Texts,
  Uuid,
} from '../../common/api-schema';

/** A human task (detention-view.ts `taskView`). */
export class TaskDto {
  @Uuid() id: string;
  @Uuid() detentionId: string;
  @Text({ description: 'the task type (see GET /api/v1/tasks `type`)' }) type: string;
  @Text() title: string;
  @Text({ description: 'casemanager, municipality or probation' }) role: string;
  @Text({ description: 'prison code, CBS code or probation organisation the task belongs to' }) org: string;
  @Text({ enum: TASK_STATUSES }) status: string;
  @DayOrNull() dueDate: string | null;
  @Bool({ description: 'open or claimed past its due date' }) overdue: boolean;
  @TextOrNull({ description: 'the `sub` of who claimed it' }) claimedBy: string | null;
  @TextOrNull() outcome: string | null;
  @FreeObjectOrNull({ description: 'the completion data, per task type' }) data: object | null;
  @FreeObjectOrNull({ description: 'why the task exists beyond its step (a request, a meeting)' })
  context: object | null;
  @Int({ description: 'increases with every change; pass it on completion to detect a stale form' })
  version: number;
  @TextOrNull() stepInstanceId: string | null;
  @Instant() createdAt: string;
  @InstantOrNull() completedAt: string | null;
  @TextOrNull() completedBy: string | null;
  @InstantOrNull() remindedAt: string | null;
  @InstantOrNull() escalatedAt: string | null;
}

class TaskDetentionDto {
  @Text() personName: string;
  @TextOrNull() caseReference: string | null;
  @Text() prison: string;
  @DayOrNull() expectedReleaseDate: string | null;
  @DayOrNull({ description: 'once released: the day it happened' }) actualReleaseDate: string | null;
}

export class TaskInboxItemDto extends TaskDto {
  @Nested(TaskDetentionDto, { description: 'who the task is about' }) detention: TaskDetentionDto;
}

export class TaskPageDto {
  @Nested([TaskInboxItemDto]) items: TaskInboxItemDto[];
  @Int() page: number;
  @Int() pageSize: number;
  @Int({ description: 'the matches, counted up to 1,000 (see totalCapped)' }) total: number;
  @Bool({ description: 'true when there are more than 1,000 matches: total is then 1,000' }) totalCapped: boolean;
}

export class TaskDetailDto extends TaskDto {
  @Texts({ description: 'the outcomes this task type may be completed with' }) outcomes: string[];
  @FreeObject({ description: 'JSON schema of the completion form (`data`)' }) formSchema: object;
}
