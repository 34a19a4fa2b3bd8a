import { BadRequestException, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Principal } from '@terugkeer/auth';
import {
  changeCasemanagerUpdate,
  changeExpectedReleaseUpdate,
  changeMunicipalityUpdate,
  endDetentionUpdate,
  recordReleaseUpdate,
  setConsentUpdate,
  transferUpdate,
  type Actor,
  type FactsChangeResult,
} from '@terugkeer/contracts';
import { diffPlans, isPendingStep, plan, type Consent, type PlanChanges, type StepChange } from '@terugkeer/domain';
import {
  CaseNoteEntity,
  DetentionEntity,
  DetentionStepEntity,
  OrganisationContactsEntity,
  PartnerRequestEntity,
  TaskEntity,
  TimelineEventEntity,
} from '@terugkeer/persistence';
import { TemporalDeadlines } from '@terugkeer/temporal';
import { DataSource, In } from 'typeorm';
import { actorOf } from '../common/actor';
import { detentionScope, seesAllConditions } from '../common/scope';
import { countOf } from '../common/count';
import { searchSql } from '../common/search';
import { SharedConditions, type CaseItems } from '../common/shared-conditions';
import { toHttpError } from '../common/workflow-errors';
import { contactOrganisations } from './case-contacts';
import { detentionSummary, detentionView, factsOf, playbookOf, progressOf, stepView } from './detention-view';
import { timelineEventView } from './timeline-event-view';
import type {
  CasemanagerDto,
  ConsentDto,
  EndDto,
  ExpectedReleaseDto,
  MunicipalityDto,
  ReleaseDto,
  TransferDto,
} from './dto/change-dtos';
import type { ListDetentionsQuery } from './dto/list-detentions.query';
import { withNotes } from '../notes/note-view';

/** Each change, as the answer names it when Temporal does not answer. */
const ASKED: Record<string, string> = {
  [changeExpectedReleaseUpdate.name]: 'the change of the expected release date',
  [recordReleaseUpdate.name]: 'the release',
  [transferUpdate.name]: 'the transfer',
  [changeCasemanagerUpdate.name]: 'the change of casemanager',
  [changeMunicipalityUpdate.name]: 'the change of municipality',
  [setConsentUpdate.name]: 'the change of consent',
  [endDetentionUpdate.name]: 'the ending of the detention',
};

/** Reads detentions from the read models (never from workflow queries) and sends changes to their workflows. */
@Injectable()
export class DetentionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly client: Client,
    private readonly deadlines: TemporalDeadlines,
  ) {}

  /** One detention within the caller's scope; outside it, 404 (its existence is not revealed). */
  async find(principal: Principal, id: string): Promise<DetentionEntity> {
    const scope = detentionScope(principal);
    const row = await this.dataSource
      .getRepository(DetentionEntity)
      .createQueryBuilder('d')
      .where('d.id = :id', { id })
      .andWhere(scope.where, scope.params)
      .getOne();
    if (!row) throw new NotFoundException(`Detention ${id} not found`);
    return row;
  }

  async list(principal: Principal, query: ListDetentionsQuery) {
    const scope = detentionScope(principal);
    const qb = this.dataSource.getRepository(DetentionEntity).createQueryBuilder('d').where(scope.where, scope.params);
    if (query.status) qb.andWhere('d.phase = :status', { status: query.status });
    if (query.prison) qb.andWhere('d.prison = :prison', { prison: query.prison });
    if (query.municipality) qb.andWhere('d.municipality = :municipality', { municipality: query.municipality });
    if (query.releaseBefore) qb.andWhere('d.expected_release_date < :before', { before: query.releaseBefore });
    if (query.releaseAfter) qb.andWhere('d.expected_release_date >= :after', { after: query.releaseAfter });
    if (query.q) {
      const search = searchSql(query.q);
      qb.andWhere(search.where, search.params);
    }
    // In the order of the detentions_list indexes (migration ListIndexes): the page is the first rows of a scan.
    const [rows, count] = await Promise.all([
      qb
        .clone()
        .orderBy('d.expectedReleaseDate', 'ASC', 'NULLS LAST')
        .addOrderBy('d.registeredAt', 'DESC')
        .skip((query.page - 1) * query.pageSize)
        .take(query.pageSize)
        .getMany(),
      countOf(qb),
    ]);
    return { items: rows.map(detentionSummary), page: query.page, pageSize: query.pageSize, ...count };
  }

  async view(principal: Principal, id: string) {
    const row = await this.find(principal, id);
    return this.viewOf(principal, row);
  }

  async viewOf(principal: Principal, row: DetentionEntity) {
    const [steps, tasks, requests, contacts] = await Promise.all([
      this.dataSource.getRepository(DetentionStepEntity).findBy({ detentionId: row.id }),
      this.dataSource.getRepository(TaskEntity).find({ where: { detentionId: row.id }, order: { dueDate: 'ASC' } }),
      this.dataSource
        .getRepository(PartnerRequestEntity)
        .find({ where: { detentionId: row.id }, order: { sentAt: 'ASC' } }),
      this.dataSource.getRepository(OrganisationContactsEntity).findBy({ code: In(contactOrganisations(row)) }),
    ]);
    return detentionView(row, principal, { steps, tasks, requests, contacts });
  }

  async timeline(principal: Principal, id: string) {
    const row = await this.find(principal, id);
    const [events, steps, items, notes] = await Promise.all([
      this.dataSource.getRepository(TimelineEventEntity).find({ where: { detentionId: id }, order: { seq: 'ASC' } }),
      this.dataSource
        .getRepository(DetentionStepEntity)
        .find({ where: { detentionId: id }, order: { position: 'ASC' } }),
      this.caseItems(id),
      this.dataSource.getRepository(CaseNoteEntity).find({ where: { detentionId: id }, order: { createdAt: 'ASC' } }),
    ]);
    const shared = SharedConditions.for(principal, row, { ...items, steps });
    const shown = events.filter((e) => shared.showsItem(e)).map((e) => timelineEventView(e, shared, row.intakeDate));
    return {
      detentionId: row.id,
      events: withNotes(shown, notes),
      plannedSteps: steps.filter((s) => isPendingStep(s.state) && shared.showsStep(s)).map(stepView),
    };
  }

  /** The tasks and requests of a case, as far as needed to tell which condition an item is about. */
  private async caseItems(detentionId: string): Promise<Omit<CaseItems, 'steps'>> {
    const [tasks, requests] = await Promise.all([
      this.dataSource
        .getRepository(TaskEntity)
        .find({ where: { detentionId }, select: { id: true, stepInstanceId: true, context: true, type: true } }),
      this.dataSource
        .getRepository(PartnerRequestEntity)
        .find({ where: { detentionId }, select: { id: true, type: true } }),
    ]);
    return { tasks, requests };
  }

  /** What-if: the plan another expected release date would produce, with what would change. Changes nothing. */
  async preview(principal: Principal, id: string, expectedReleaseDate: string | null) {
    const row = await this.find(principal, id);
    if (expectedReleaseDate !== null && expectedReleaseDate < row.intakeDate) {
      throw new BadRequestException(['expectedReleaseDate must not be before the intake date']);
    }
    const [steps, requests] = await Promise.all([
      this.dataSource.getRepository(DetentionStepEntity).findBy({ detentionId: id }),
      this.dataSource.getRepository(PartnerRequestEntity).findBy({ detentionId: id }),
    ]);
    // The rules this detention's workflow follows: one registered before the rules at the edges plans without.
    const input = {
      playbook: playbookOf(row),
      progress: progressOf(steps, requests),
      now: Date.now(),
      edgeRules: row.edgeRules,
    };
    // A supervisor on the chain's side sees the steps of the conditions shared with it, as in the detention view.
    const shared = SharedConditions.for(principal, row);
    const current = plan({ ...input, facts: factsOf(row) }).steps.filter((s) => shared.showsStep(s));
    const preview = plan({ ...input, facts: { ...factsOf(row), expectedReleaseDate } }).steps.filter((s) =>
      shared.showsStep(s),
    );
    return { detentionId: id, expectedReleaseDate, steps: preview.map(stepView), changes: diffPlans(current, preview) };
  }

  async changeExpectedRelease(principal: Principal, id: string, body: ExpectedReleaseDto) {
    const expectedReleaseDate = body.expectedReleaseDate ?? null;
    const { changes } = await this.update(principal, id, changeExpectedReleaseUpdate, {
      expectedReleaseDate,
      reason: body.reason,
    });
    return { detentionId: id, expectedReleaseDate, ...changes };
  }

  release(principal: Principal, id: string, body: ReleaseDto) {
    return this.changeFacts(principal, id, recordReleaseUpdate, body);
  }

  transfer(principal: Principal, id: string, body: TransferDto) {
    const { prison, date, casemanager } = body;
    const arg = { prison, date, ...(casemanager ? { casemanager: { ...casemanager } } : {}) };
    return this.changeFacts(principal, id, transferUpdate, arg, { mayLeaveScope: true });
  }

  changeCasemanager(principal: Principal, id: string, body: CasemanagerDto) {
    const { name, email, phone } = body;
    return this.changeFacts(principal, id, changeCasemanagerUpdate, { casemanager: { name, email, phone } });
  }

  changeMunicipality(principal: Principal, id: string, body: MunicipalityDto) {
    return this.changeFacts(principal, id, changeMunicipalityUpdate, body, { mayLeaveScope: true });
  }

  end(principal: Principal, id: string, body: EndDto) {
    return this.changeFacts(principal, id, endDetentionUpdate, body);
  }

  async setConsent(principal: Principal, id: string, body: ConsentDto) {
    const consent = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Consent;
    if (!Object.keys(consent).length) {
      throw new BadRequestException(['name at least one of id, housing, income, debts, care']);
    }
    return this.changeFacts(principal, id, setConsentUpdate, { consent });
  }

  /**
   * Sends a change, as the caller, to the workflow of a detention in their scope and answers with its result.
   * A detention whose workflow the intake relay has not started yet answers 503: it will be there shortly — unless
   * Temporal refused to start it, which waits for operations (see /health).
   */
  private async update<Ret, Arg extends { actor: Actor }>(
    principal: Principal,
    id: string,
    update: UpdateDefinition<Ret, [Arg]>,
    arg: Omit<Arg, 'actor'>,
  ): Promise<Ret> {
    const row = await this.find(principal, id);
    if (row.workflowStartRefusedAt && !row.workflowStartedAt) {
      // Not even sent: the workflow id may be held by a workflow that is not this detention's.
      throw new ServiceUnavailableException(
        'Temporal (the workflow engine) refused to start the workflow of this detention: changes wait until ' +
          'operations have removed the cause (the detention is listed on /health)',
      );
    }
    try {
      return await this.deadlines.within('update', () =>
        this.client.workflow
          .getHandle(row.workflowId)
          .executeUpdate(update, { args: [{ ...arg, actor: actorOf(principal) } as Arg] }),
      );
    } catch (error) {
      if (error instanceof WorkflowNotFoundError && row.workflowStartedAt === null) {
        throw new ServiceUnavailableException('This detention is still being set up; try again in a moment');
      }
      throw toHttpError(error, {
        what: ASKED[update.name],
        waitedMs: this.deadlines.timeoutMs('update'),
        checkFirst: 'the detention',
      });
    }
  }

  /**
   * A change of facts, answered with the detention after it and what it did to the plan. A change that moves the
   * detention out of the caller's scope (transfer, another municipality) answers with the changes only.
   */
  private async changeFacts<Arg extends { actor: Actor }>(
    principal: Principal,
    id: string,
    update: UpdateDefinition<FactsChangeResult, [Arg]>,
    arg: Omit<Arg, 'actor'>,
    { mayLeaveScope = false } = {},
  ) {
    const { changes } = await this.update(principal, id, update, arg);
    const detention = await this.view(principal, id).catch((error: unknown) => {
      if (mayLeaveScope && error instanceof NotFoundException) return null;
      throw error;
    });
    return { changes: await this.sharedChanges(principal, id, changes), detention };
  }

  /** What a change did to the plan, as far as the caller may see the steps (the conditions shared with them). */
  private async sharedChanges(principal: Principal, id: string, changes: PlanChanges): Promise<PlanChanges> {
    if (seesAllConditions(principal)) return changes;
    const [row, steps] = await Promise.all([
      this.dataSource.getRepository(DetentionEntity).findOneByOrFail({ id }),
      this.dataSource.getRepository(DetentionStepEntity).findBy({ detentionId: id }),
    ]);
    const shared = SharedConditions.for(principal, row, { steps, tasks: [], requests: [] });
    const shown = (list: StepChange[]) => list.filter((c) => shared.showsItem({ stepInstanceId: c.instanceId }));
    return Object.fromEntries(
      Object.entries(changes).map(([kind, list]) => [kind, shown(list)]),
    ) as unknown as PlanChanges;
  }
}
