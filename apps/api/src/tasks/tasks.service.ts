import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Principal } from '@terugkeer/auth';
import {
  claimTaskUpdate,
  completeTaskUpdate,
  detentionWorkflowId,
  unclaimTaskUpdate,
  type Actor,
  type HumanTask,
} from '@terugkeer/contracts';
import { amsterdamDate, isOpenTask, TASK_OUTCOMES, TASK_STATUSES, type TaskType } from '@terugkeer/domain';
import { DetentionEntity, TaskEntity } from '@terugkeer/persistence';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { actorOf } from '../common/actor';
import { detentionScope } from '../common/scope';
import { orHttpError } from '../common/workflow-errors';
import { taskView } from '../detentions/detention-view';
import type { CompleteTaskDto, ListTasksQuery } from './dto/task.dtos';
import { formSchema, OUTCOME_REQUIRES, TASK_DATA } from './task-forms';

const TASK_ROLES = ['casemanager', 'municipality', 'probation'];
const OPEN_TASK_STATUSES = TASK_STATUSES.filter(isOpenTask);

/** The detention columns the inbox shows with each task, as the joined select names them. */
interface InboxDetentionColumns {
  t_id: string;
  d_person_name: string;
  d_case_reference: string | null;
  d_prison: string;
  d_expected_release_date: string | null;
}

/** Human tasks: read from the read model, claimed and completed through the detention workflow. */
@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly client: Client,
  ) {}

  /** Tasks a caller may see: their role's tasks for their organisation; supervisors read those in scope. */
  private scoped(principal: Principal): SelectQueryBuilder<TaskEntity> {
    const qb = this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .innerJoin(DetentionEntity, 'd', 'd.id = t.detention_id');
    if (TASK_ROLES.includes(principal.role)) {
      return qb.where('t.role = :role AND t.org = :org', { role: principal.role, org: principal.org });
    }
    if (principal.role === 'supervisor') {
      const scope = detentionScope(principal);
      return qb.where(scope.where, scope.params);
    }
    throw new ForbiddenException(`Role '${principal.role}' has no tasks`);
  }

  async list(principal: Principal, query: ListTasksQuery) {
    const qb = this.scoped(principal);
    const today = amsterdamDate(Date.now());
    if (query.status === 'overdue') {
      qb.andWhere('t.status IN (:...open) AND t.due_date < :today', { open: OPEN_TASK_STATUSES, today });
    } else if (query.status) {
      qb.andWhere('t.status = :status', { status: query.status });
    }
    if (query.type) qb.andWhere('t.type = :type', { type: query.type });
    if (query.assignee)
      qb.andWhere('t.claimed_by = :assignee', { assignee: query.assignee === 'me' ? principal.sub : query.assignee });
    if (query.detentionId) qb.andWhere('t.detention_id = :detentionId', { detentionId: query.detentionId });
    if (query.sort === 'risk') {
      qb.orderBy('CASE WHEN t.status IN (:...open) AND t.due_date < :today THEN 0 ELSE 1 END')
        .setParameters({ open: OPEN_TASK_STATUSES, today })
        .addOrderBy('d.expected_release_date', 'ASC', 'NULLS LAST');
    }
    qb.addOrderBy('t.due_date', 'ASC', 'NULLS LAST').addOrderBy('t.created_at', 'ASC');
    // Who the task is about, for the inbox, from the joined detention (the caller may read it: the task is theirs).
    qb.addSelect(['d.personName', 'd.caseReference', 'd.prison', 'd.expectedReleaseDate']);
    // limit/offset (not skip/take): the join is one detention per task, and raw ORDER BY stays raw.
    const { entities, raw } = await qb
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawAndEntities<InboxDetentionColumns>();
    const total = await qb.getCount();
    const about = new Map(raw.map((r) => [r.t_id, r]));
    const items = entities.map((task) => {
      const d = about.get(task.id)!;
      return {
        ...taskView(task),
        detention: {
          personName: d.d_person_name,
          caseReference: d.d_case_reference,
          prison: d.d_prison,
          expectedReleaseDate: d.d_expected_release_date,
        },
      };
    });
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  async find(principal: Principal, id: string): Promise<TaskEntity> {
    const task = await this.scoped(principal).andWhere('t.id = :id', { id }).getOne();
    if (!task) throw new NotFoundException(`Task ${id} not found`);
    return task;
  }

  async get(principal: Principal, id: string) {
    const task = await this.find(principal, id);
    return {
      ...taskView(task),
      outcomes: TASK_OUTCOMES[task.type as TaskType],
      formSchema: formSchema(task.type as TaskType),
    };
  }

  async claim(principal: Principal, id: string) {
    return this.update(principal, await this.find(principal, id), claimTaskUpdate, {});
  }

  async unclaim(principal: Principal, id: string) {
    return this.update(principal, await this.find(principal, id), unclaimTaskUpdate, {});
  }

  async complete(principal: Principal, id: string, body: CompleteTaskDto) {
    const task = await this.find(principal, id);
    await this.validateCompletion(task.type as TaskType, body);
    return this.update(principal, task, completeTaskUpdate, {
      outcome: body.outcome,
      data: body.data,
      expectedVersion: body.version,
    });
  }

  /** Sends a task update, as the caller, to the workflow of the task's detention; answers with the task after it. */
  private async update<Arg extends { taskId: string; actor: Actor }>(
    principal: Principal,
    task: TaskEntity,
    update: UpdateDefinition<HumanTask, [Arg]>,
    arg: Omit<Arg, 'taskId' | 'actor'>,
  ) {
    const handle = this.client.workflow.getHandle(detentionWorkflowId(task.detentionId));
    return taskView(
      await orHttpError(
        handle.executeUpdate(update, { args: [{ ...arg, taskId: task.id, actor: actorOf(principal) } as Arg] }),
      ),
    );
  }

  /** Per-type validation of the completion, every problem named (`data.needs.housing must be a boolean value`). */
  private async validateCompletion(type: TaskType, body: CompleteTaskDto) {
    const problems: string[] = [];
    if (!TASK_OUTCOMES[type].includes(body.outcome)) {
      problems.push(`outcome must be one of ${TASK_OUTCOMES[type].join(', ')}`);
    }
    const data = plainToInstance(TASK_DATA[type], body.data ?? {});
    const errors = await validate(data, { whitelist: true, forbidNonWhitelisted: true });
    problems.push(...flatten(errors, 'data'));
    const required = OUTCOME_REQUIRES[type]?.[body.outcome];
    if (required && (body.data ?? {})[required] === undefined) {
      problems.push(`data.${required} is required when the outcome is ${body.outcome}`);
    }
    if (problems.length) throw new BadRequestException(problems);
    body.data = { ...data } as Record<string, unknown>;
  }
}

function flatten(errors: ValidationError[], path: string): string[] {
  return errors.flatMap((e) => {
    const here = `${path}.${e.property}`;
    const own = Object.values(e.constraints ?? {}).map((m) =>
      m.startsWith('property ') ? `${here} should not exist` : `${path}.${m}`,
    );
    return [...own, ...flatten(e.children ?? [], here)];
  });
}
