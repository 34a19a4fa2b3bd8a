import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { Principal } from '@terugkeer/auth';
import { claimTaskUpdate, completeTaskUpdate, unclaimTaskUpdate } from '@terugkeer/contracts';
import { amsterdamDate, TASK_OUTCOMES, type TaskType } from '@terugkeer/domain';
import { DetentionEntity, TaskEntity } from '@terugkeer/persistence';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { detentionScope } from '../common/scope';
import { orHttpError } from '../common/workflow-errors';
import { taskView } from '../detentions/detention-view';
import type { CompleteTaskDto, ListTasksQuery } from './dto/task.dtos';
import { formSchema, OUTCOME_REQUIRES, TASK_DATA } from './task-forms';

const TASK_ROLES = ['casemanager', 'municipality', 'probation'];

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
      qb.andWhere(`t.status IN ('open', 'claimed') AND t.due_date < :today`, { today });
    } else if (query.status) {
      qb.andWhere('t.status = :status', { status: query.status });
    }
    if (query.type) qb.andWhere('t.type = :type', { type: query.type });
    if (query.assignee)
      qb.andWhere('t.claimed_by = :assignee', { assignee: query.assignee === 'me' ? principal.sub : query.assignee });
    if (query.detentionId) qb.andWhere('t.detention_id = :detentionId', { detentionId: query.detentionId });
    if (query.sort === 'risk') {
      qb.orderBy(`CASE WHEN t.status IN ('open', 'claimed') AND t.due_date < :today THEN 0 ELSE 1 END`)
        .setParameter('today', today)
        .addOrderBy('d.expected_release_date', 'ASC', 'NULLS LAST');
    }
    qb.addOrderBy('t.due_date', 'ASC', 'NULLS LAST').addOrderBy('t.created_at', 'ASC');
    // limit/offset (not skip/take): the join selects no rows of its own, and raw ORDER BY stays raw.
    const [rows, total] = await qb
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getManyAndCount();
    // Who the task is about, for the inbox (the caller may read these detentions: the tasks are theirs).
    const detentions = rows.length
      ? await this.dataSource
          .getRepository(DetentionEntity)
          .findBy({ id: In([...new Set(rows.map((t) => t.detentionId))]) })
      : [];
    const about = new Map(detentions.map((d) => [d.id, d]));
    const items = rows.map((task) => {
      const d = about.get(task.detentionId)!;
      return {
        ...taskView(task),
        detention: {
          personName: d.personName,
          caseReference: d.caseReference,
          prison: d.prison,
          expectedReleaseDate: d.expectedReleaseDate,
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

  private async handleFor(task: TaskEntity) {
    const detention = await this.dataSource.getRepository(DetentionEntity).findOneByOrFail({ id: task.detentionId });
    return this.client.workflow.getHandle(detention.workflowId);
  }

  private actor(principal: Principal) {
    return { sub: principal.sub, role: principal.role, org: principal.org };
  }

  async claim(principal: Principal, id: string) {
    const task = await this.find(principal, id);
    const handle = await this.handleFor(task);
    return taskView(
      await orHttpError(
        handle.executeUpdate(claimTaskUpdate, { args: [{ taskId: id, actor: this.actor(principal) }] }),
      ),
    );
  }

  async unclaim(principal: Principal, id: string) {
    const task = await this.find(principal, id);
    const handle = await this.handleFor(task);
    return taskView(
      await orHttpError(
        handle.executeUpdate(unclaimTaskUpdate, { args: [{ taskId: id, actor: this.actor(principal) }] }),
      ),
    );
  }

  async complete(principal: Principal, id: string, body: CompleteTaskDto) {
    const task = await this.find(principal, id);
    const type = task.type as TaskType;
    await this.validateCompletion(type, body);
    const handle = await this.handleFor(task);
    return taskView(
      await orHttpError(
        handle.executeUpdate(completeTaskUpdate, {
          args: [
            {
              taskId: id,
              outcome: body.outcome,
              data: body.data,
              expectedVersion: body.version,
              actor: this.actor(principal),
            },
          ],
        }),
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
