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
import {
  amsterdamDate,
  isOpenTask,
  TASK_OUTCOMES,
  TASK_STATUSES,
  type Consent,
  type TaskType,
} from '@terugkeer/domain';
import { DetentionEntity, TaskEntity } from '@terugkeer/persistence';
import { TemporalDeadlines } from '@terugkeer/temporal';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { actorOf } from '../common/actor';
import { detentionScope } from '../common/scope';
import { countOf } from '../common/count';
import { searchSql } from '../common/search';
import { SharedConditions, sharedConditionSql } from '../common/shared-conditions';
import { orHttpError } from '../common/workflow-errors';
import { taskView } from '../detentions/detention-view';
import type { CompleteTaskDto, ListTasksQuery } from './dto/task.dtos';
import { formSchema, OUTCOME_REQUIRES, TASK_DATA } from './task-forms';

const TASK_ROLES = ['casemanager', 'municipality', 'probation'];
const OPEN_TASK_STATUSES = TASK_STATUSES.filter(isOpenTask);
/** Each task update, as the answer names it when Temporal does not answer. */
const ASKED: Record<string, string> = {
  [claimTaskUpdate.name]: 'the claim of the task',
  [unclaimTaskUpdate.name]: 'giving back the task',
  [completeTaskUpdate.name]: 'the completion of the task',
};

/** The detention columns the inbox shows with each task, as the joined select names them. */
interface InboxDetentionColumns {
  t_id: string;
  d_person_name: string;
  d_case_reference: string | null;
  d_prison: string;
  d_expected_release_date: string | null;
  d_actual_release_date: string | null;
  d_consent: Consent;
}

/** What a task reader sees of its data: the task's own role all of it (they do it); a supervisor what is shared. */
const sharedFor = (principal: Principal, consent: Consent) =>
  TASK_ROLES.includes(principal.role)
    ? new SharedConditions(true, consent)
    : SharedConditions.for(principal, { consent });

/** Human tasks: read from the read model, claimed and completed through the detention workflow. */
@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly client: Client,
    private readonly deadlines: TemporalDeadlines,
  ) {}

  /**
   * Tasks a caller may see: their role's tasks for their organisation, of detentions that are theirs now (a case
   * that moved to another prison or municipality takes its tasks along); supervisors read those in scope, and on
   * the chain's side only those about conditions the detainee shares with them.
   */
  private scoped(principal: Principal): SelectQueryBuilder<TaskEntity> {
    const qb = this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .innerJoin(DetentionEntity, 'd', 'd.id = t.detention_id');
    if (!TASK_ROLES.includes(principal.role) && principal.role !== 'supervisor') {
      throw new ForbiddenException(`Role '${principal.role}' has no tasks`);
    }
    const scope = detentionScope(principal);
    qb.where(scope.where, scope.params);
    if (TASK_ROLES.includes(principal.role)) {
      return qb.andWhere('t.role = :role AND t.org = :org', { role: principal.role, org: principal.org });
    }
    const byRequest = sharedConditionSql(principal, { requestType: 'hr.type' });
    const byStep = sharedConditionSql(principal, { stepId: 'hs.step_id' });
    return qb
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM requests hr WHERE hr.id::text = t.context ->> 'requestId' AND NOT (${byRequest.where}))`,
        byRequest.params,
      )
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM detention_steps hs WHERE hs.detention_id = t.detention_id
           AND hs.instance_id = t.step_instance_id AND NOT (${byStep.where}))`,
        byStep.params,
      );
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
    // Mine: what I claimed (it stays mine while claimed) or completed.
    if (query.mine) qb.andWhere('(t.claimed_by = :me OR t.completed_by = :me)', { me: principal.sub });
    if (query.q) {
      const search = searchSql(query.q);
      qb.andWhere(search.where, search.params);
    }
    if (query.sort === 'risk') {
      qb.orderBy('CASE WHEN t.status IN (:...open) AND t.due_date < :today THEN 0 ELSE 1 END')
        .setParameters({ open: OPEN_TASK_STATUSES, today })
        .addOrderBy('d.expected_release_date', 'ASC', 'NULLS LAST');
    }
    qb.addOrderBy('t.due_date', 'ASC', 'NULLS LAST').addOrderBy('t.created_at', 'ASC');
    // Who the task is about, for the inbox, from the joined detention (the caller may read it: the task is theirs).
    qb.addSelect([
      'd.personName',
      'd.caseReference',
      'd.prison',
      'd.expectedReleaseDate',
      'd.actualReleaseDate',
      'd.consent',
    ]);
    // limit/offset (not skip/take): the join is one detention per task, and raw ORDER BY stays raw.
    const [{ entities, raw }, count] = await Promise.all([
      qb
        .clone()
        .offset((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .getRawAndEntities<InboxDetentionColumns>(),
      countOf(qb),
    ]);
    const about = new Map(raw.map((r) => [r.t_id, r]));
    const items = entities.map((task) => {
      const d = about.get(task.id)!;
      const shared = sharedFor(principal, d.d_consent);
      return {
        ...taskView(task),
        data: shared.taskData(task.data),
        detention: {
          personName: d.d_person_name,
          caseReference: d.d_case_reference,
          prison: d.d_prison,
          expectedReleaseDate: d.d_expected_release_date,
          actualReleaseDate: d.d_actual_release_date,
        },
      };
    });
    return { items, page: query.page, pageSize: query.pageSize, ...count };
  }

  /** Per detention, the caller's open and overdue tasks (as their task list has them), for a page of detentions. */
  async countsFor(principal: Principal, detentionIds: string[], today: string) {
    const counts = new Map<string, { open: number; overdue: number }>();
    if (!detentionIds.length) return counts;
    const rows = await this.scoped(principal)
      .andWhere('t.detention_id IN (:...detentionIds)', { detentionIds })
      .andWhere('t.status IN (:...open)', { open: OPEN_TASK_STATUSES })
      .select('t.detention_id', 'detentionId')
      .addSelect('count(*)::int', 'open')
      .addSelect('(count(*) FILTER (WHERE t.due_date < :today))::int', 'overdue')
      .setParameter('today', today)
      .groupBy('t.detention_id')
      .getRawMany<{ detentionId: string; open: number; overdue: number }>();
    for (const r of rows) counts.set(r.detentionId, { open: r.open, overdue: r.overdue });
    return counts;
  }

  async find(principal: Principal, id: string): Promise<TaskEntity> {
    const task = await this.scoped(principal).andWhere('t.id = :id', { id }).getOne();
    if (!task) throw new NotFoundException(`Task ${id} not found`);
    return task;
  }

  async get(principal: Principal, id: string) {
    const task = await this.find(principal, id);
    const detention = await this.dataSource
      .getRepository(DetentionEntity)
      .findOneOrFail({ where: { id: task.detentionId }, select: { id: true, consent: true } });
    return {
      ...taskView(task),
      data: sharedFor(principal, detention.consent).taskData(task.data),
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
        this.deadlines.within('update', () =>
          handle.executeUpdate(update, { args: [{ ...arg, taskId: task.id, actor: actorOf(principal) } as Arg] }),
        ),
        { what: ASKED[update.name], waitedMs: this.deadlines.timeoutMs('update'), checkFirst: 'the task' },
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
