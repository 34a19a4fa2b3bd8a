import type { Actor, DetentionState, HumanTask, TimelineEvent } from '@terugkeer/contracts';
import {
  isOpenTask,
  nextTaskFollowUp,
  type CalendarDate,
  type PlannedStep,
  type Playbook,
  type TaskRole,
  type TaskType,
} from '@terugkeer/domain';
import { uuid4 } from '@temporalio/workflow';
import { ruleActor, systemActor, userActor } from './actors';
import type { Outbox } from './outbox';

/** What creating a human task takes: the rest (id, organisation, status, version) is filled in here. */
export interface TaskSpec {
  type: TaskType;
  role: TaskRole;
  title: string;
  dueDate: CalendarDate | null;
  stepInstanceId: string | null;
  context?: HumanTask['context'];
  actor: TimelineEvent['actor'];
}

/**
 * The human tasks of one detention and their lifecycle: created for a role's organisation, claimed, released,
 * completed, moved with a transfer, cancelled, kept on their step's due date, reminded and escalated when overdue.
 */
export class CaseTasks {
  constructor(
    private readonly state: DetentionState,
    private readonly outbox: Outbox,
    private readonly playbook: Playbook,
  ) {}

  private orgFor(role: TaskRole): string {
    const { facts } = this.state;
    return role === 'casemanager' ? facts.prison : role === 'municipality' ? facts.municipality : facts.probation;
  }

  private changed(task: HumanTask, event: Omit<TimelineEvent, 'seq' | 'at' | 'taskId'>): void {
    task.version++;
    this.outbox.task(task);
    this.outbox.event({ ...event, taskId: task.id });
  }

  get all(): HumanTask[] {
    return Object.values(this.state.tasks);
  }

  create(spec: TaskSpec): HumanTask {
    const task: HumanTask = {
      id: uuid4(),
      detentionId: this.state.detentionId,
      stepInstanceId: spec.stepInstanceId,
      type: spec.type,
      role: spec.role,
      org: this.orgFor(spec.role),
      title: spec.title,
      dueDate: spec.dueDate,
      status: 'open',
      claimedBy: null,
      outcome: null,
      data: null,
      context: spec.context ?? null,
      version: 1,
      createdAt: new Date(Date.now()).toISOString(),
      completedAt: null,
      completedBy: null,
      remindedAt: null,
      escalatedAt: null,
    };
    this.state.tasks[task.id] = task;
    this.outbox.task(task);
    this.outbox.event({
      type: 'task-created',
      summary: `Task: ${task.title} (${task.role} ${task.org})`,
      actor: spec.actor,
      taskId: task.id,
      stepInstanceId: spec.stepInstanceId ?? undefined,
    });
    return task;
  }

  cancel(task: HumanTask, reason: string): void {
    if (task.status === 'done' || task.status === 'cancelled') return;
    task.status = 'cancelled';
    task.context = { ...task.context, reason };
    this.changed(task, {
      type: 'task-cancelled',
      summary: `Task cancelled: ${task.title} (${reason})`,
      actor: systemActor('re-planning'),
    });
  }

  /** Open tasks of a role follow a change of prison or municipality (unclaimed: new people pick them up). */
  moveOpen(role: TaskRole, from: string, to: string): void {
    for (const task of this.all) {
      if (task.role !== role || task.org !== from || !isOpenTask(task.status)) continue;
      task.org = to;
      task.status = 'open';
      task.claimedBy = null;
      this.changed(task, {
        type: 'task-moved',
        summary: `Task moved to ${role} ${to}: ${task.title}`,
        actor: systemActor('re-planning'),
      });
    }
  }

  /**
   * At release the prison's open task becomes the municipality coordinator's: never cancelled silently (rule 1).
   * Due no earlier than the release: the coordinator was not late before it was theirs (the prison's lateness stays
   * on the timeline).
   */
  handOver(task: HumanTask, releaseDate: CalendarDate): void {
    const from = task.org;
    task.role = 'municipality';
    task.org = this.orgFor('municipality');
    task.status = 'open';
    task.claimedBy = null;
    task.context = { ...task.context, handedOver: true };
    if (task.dueDate === null || task.dueDate < releaseDate) task.dueDate = releaseDate;
    task.remindedAt = null;
    task.escalatedAt = null;
    this.changed(task, {
      type: 'task-handed-over',
      summary: `Handed over at release from casemanager ${from} to municipality ${task.org}: ${task.title}`,
      actor: systemActor('release'),
    });
  }

  /** A meeting's participants each get an invitation with the meeting's planned date (rule 6). */
  invite(meeting: HumanTask, roles: readonly TaskRole[], actor: TimelineEvent['actor']): void {
    for (const role of roles) {
      this.create({
        type: 'meeting-invitation',
        role,
        title: `Invitation: ${meeting.title}${meeting.dueDate ? `, planned by ${meeting.dueDate}` : ''}`,
        dueDate: meeting.dueDate,
        stepInstanceId: meeting.stepInstanceId,
        context: { meetingTaskId: meeting.id, plannedDate: meeting.dueDate ?? undefined },
        actor,
      });
    }
  }

  /** The open invitations to a meeting. */
  invitationsTo(meeting: HumanTask): HumanTask[] {
    return this.all.filter((t) => t.context?.meetingTaskId === meeting.id && isOpenTask(t.status));
  }

  claim(taskId: string, actor: Actor): boolean {
    const task = this.state.tasks[taskId];
    if (task.status === 'claimed') return false;
    task.status = 'claimed';
    task.claimedBy = actor.sub;
    this.changed(task, { type: 'task-claimed', summary: `Task claimed: ${task.title}`, actor: userActor(actor) });
    return true;
  }

  unclaim(taskId: string, actor: Actor): boolean {
    const task = this.state.tasks[taskId];
    if (task.status !== 'claimed') return false;
    task.status = 'open';
    task.claimedBy = null;
    this.changed(task, { type: 'task-unclaimed', summary: `Task released: ${task.title}`, actor: userActor(actor) });
    return true;
  }

  complete(taskId: string, outcome: string, data: Record<string, unknown>, actor: Actor): HumanTask {
    const task = this.state.tasks[taskId];
    task.status = 'done';
    task.outcome = outcome;
    task.data = data;
    task.completedAt = new Date(Date.now()).toISOString();
    task.completedBy = actor.sub;
    task.claimedBy = task.claimedBy ?? actor.sub;
    this.changed(task, {
      type: 'task-completed',
      summary: `Task done: ${task.title}: ${outcome}`,
      actor: userActor(actor),
      stepInstanceId: task.stepInstanceId ?? undefined,
      data: { outcome },
    });
    return task;
  }

  /** Open tasks keep the due date their step has now (e.g. an exit meeting due R−2w when R moves). */
  syncDueDates(steps: PlannedStep[]): void {
    for (const task of this.all) {
      // A task handed over at release keeps the due date it was given then.
      if (!isOpenTask(task.status) || !task.stepInstanceId || task.context?.handedOver) continue;
      const step = steps.find((s) => s.instanceId === task.stepInstanceId);
      // Only the task a step created follows it (not, say, a follow-up of the step's request).
      const action = step && this.playbook.steps.find((s) => s.id === step.stepId)!.action;
      if (!step || action?.type !== 'task' || action.task !== task.type) continue;
      const due = step.dueDate;
      if (due === task.dueDate) continue;
      if (due !== null && task.dueDate !== null && due > task.dueDate && task.escalatedAt === null)
        task.remindedAt = null;
      this.moveDue(task, due);
      // The invitations to a meeting keep its planned date.
      for (const invitation of this.invitationsTo(task)) {
        invitation.context = { ...invitation.context, plannedDate: due ?? undefined };
        this.moveDue(invitation, due);
      }
    }
  }

  private moveDue(task: HumanTask, due: CalendarDate | null): void {
    task.dueDate = due;
    this.changed(task, {
      type: 'task-due-changed',
      summary: `${task.title}: now due ${due ?? 'when its date is known'}`,
      actor: systemActor('re-planning'),
    });
  }

  private followUps() {
    return this.all.flatMap((task) => {
      const next = nextTaskFollowUp(this.playbook, {
        status: task.status,
        dueDate: task.dueDate,
        remindedAt: task.remindedAt ? Date.parse(task.remindedAt) : null,
        escalatedAt: task.escalatedAt ? Date.parse(task.escalatedAt) : null,
      });
      return next ? [{ task, next }] : [];
    });
  }

  /** The moments overdue tasks wait for (a reminder, an escalation). */
  followUpTimes(): number[] {
    return this.followUps().map((f) => f.next.at);
  }

  /** Overdue tasks: a reminder to whoever holds the task, then a flag for the supervisor. */
  runFollowUps(steps: PlannedStep[]): void {
    this.syncDueDates(steps);
    for (let guard = 0; guard < 5; guard++) {
      const due = this.followUps().filter((f) => f.next.at <= Date.now());
      if (!due.length) return;
      for (const { task, next } of due) {
        if (next.action === 'remind') this.remind(task);
        else this.escalate(task);
      }
    }
  }

  private remind(task: HumanTask): void {
    const to = task.claimedBy ?? `${task.role} ${task.org}`;
    task.remindedAt = new Date(Date.now()).toISOString();
    this.outbox.event({
      type: 'task-overdue',
      summary: `Overdue since ${task.dueDate}: ${task.title}; reminder to ${to}`,
      actor: ruleActor('SLA', 'overdue task'),
      taskId: task.id,
      data: { dueDate: task.dueDate, to },
    });
    task.version++;
    this.outbox.task(task);
  }

  private escalate(task: HumanTask): void {
    task.escalatedAt = new Date(Date.now()).toISOString();
    this.outbox.event({
      type: 'task-escalated',
      summary: `Still open after the reminder: ${task.title}; flagged for the supervisor`,
      actor: ruleActor('SLA', 'task escalation'),
      taskId: task.id,
      data: { dueDate: task.dueDate },
    });
    task.version++;
    this.outbox.task(task);
  }
}
