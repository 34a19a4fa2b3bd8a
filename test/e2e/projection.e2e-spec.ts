import type { HumanTask, PartnerRequest, ProjectionBatch } from '@terugkeer/contracts';
import { DEFAULT_PLAYBOOK_V1, plan, type DetentionFacts } from '@terugkeer/domain';
import { DetentionProjector } from '@terugkeer/persistence';
import { dataSourceOptions } from '@terugkeer/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '../support/database';

const facts: DetentionFacts = {
  prison: 'PI-ALMELO',
  municipality: 'GM0363',
  probation: 'RN',
  intakeDate: '2026-11-20',
  expectedReleaseDate: '2027-03-01',
  actualReleaseDate: null,
  screeningCompletedDate: null,
  needs: { id: true, housing: true, income: true, debts: false, care: false, bankAccount: false, digid: true },
  consent: {},
  idDocumentExpiry: null,
  ending: null,
};

describe('DetentionProjector on real PostgreSQL: idempotent, ordered projections', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let projector: DetentionProjector;
  const detentionId = randomUUID();
  const taskId = randomUUID();
  const requestId = randomUUID();

  const task = (version: number, status: HumanTask['status']): HumanTask => ({
    id: taskId,
    detentionId,
    stepInstanceId: 'screening',
    type: 'screening',
    role: 'casemanager',
    org: 'PI-ALMELO',
    title: 'Screening',
    dueDate: '2026-12-04',
    status,
    claimedBy: null,
    outcome: status === 'done' ? 'completed' : null,
    data: null,
    context: null,
    version,
    createdAt: '2026-11-20T08:00:00.000Z',
    completedAt: status === 'done' ? '2026-11-21T08:00:00.000Z' : null,
    completedBy: status === 'done' ? 'cm-1' : null,
    remindedAt: null,
    escalatedAt: null,
  });
  const request = (version: number, patch: Partial<PartnerRequest> = {}): PartnerRequest => ({
    id: requestId,
    detentionId,
    stepInstanceId: 'detention-start-notice',
    type: 'detention-start-notice',
    recipient: 'residenceMunicipality',
    routedTo: 'GM0363',
    partnerId: 'gm0363-nazorg',
    government: true,
    status: 'sent',
    dueDate: null,
    data: { caseReference: 'TK-12345678' },
    sentAt: '2026-11-20T08:00:00.000Z',
    acknowledgedAt: null,
    chasedAt: null,
    escalatedAt: null,
    withdrawnAt: null,
    withdrawReason: null,
    closedAt: null,
    reference: null,
    reason: null,
    delivery: 'inbox',
    deliveredAt: '2026-11-20T08:00:00.000Z',
    deliveryError: null,
    deadlines: [],
    disclosure: { fields: ['caseReference'], basis: 'test' },
    updates: 0,
    version,
    ...patch,
  });
  const batch = (
    seq: number,
    patch: Partial<ProjectionBatch> = {},
    phase: 'detained' | 'aftercare' = 'detained',
  ): ProjectionBatch => ({
    detentionId,
    seq,
    detention: {
      facts,
      phase,
      measurements: {},
      playbook: { id: 'default', version: 1 },
      caseReference: 'TK-12345678',
      closed: null,
    },
    steps: plan({ playbook: DEFAULT_PLAYBOOK_V1, facts, progress: {}, now: Date.parse('2026-11-20T12:00:00Z') }).steps,
    tasks: [],
    requests: [],
    disclosures: [],
    events: Array.from({ length: seq }, (_, i) => ({
      seq: i + 1,
      at: '2026-11-20T08:00:00.000Z',
      type: 'step-fired',
      summary: `event ${i + 1}`,
      actor: { kind: 'rule' as const, label: 'I' },
    })),
    ...patch,
  });

  const state = async () => ({
    events: (
      await dataSource.query('SELECT count(*)::int AS n FROM timeline_events WHERE detention_id = $1', [detentionId])
    )[0].n,
    task: (await dataSource.query('SELECT status, version FROM tasks WHERE id = $1', [taskId]))[0],
    request: (await dataSource.query('SELECT status, chased_at, version FROM requests WHERE id = $1', [requestId]))[0],
    detention: (await dataSource.query('SELECT phase, projected_seq FROM detentions WHERE id = $1', [detentionId]))[0],
    steps: (
      await dataSource.query('SELECT count(*)::int AS n FROM detention_steps WHERE detention_id = $1', [detentionId])
    )[0].n,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
    projector = new DetentionProjector(dataSource);
    await dataSource.query(
      `INSERT INTO detentions (id, workflow_id, prison, municipality, probation, person_name, person_bsn, person_key,
         person_date_of_birth, casemanager, intake_date, needs, playbook_id, playbook_version, registered_by, registered_at)
       VALUES ($1, $2, 'PI-ALMELO', 'GM0363', 'RN', 'J. Jansen', '123456782', 'k', '1990-05-01', '{}', '2026-11-20', '{}',
         'default', 1, 'cm-1', now())`,
      [detentionId, `detention-${detentionId}`],
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('applies a batch once, however often it arrives, and never goes back to an older one', async () => {
    const first = batch(3, { tasks: [task(1, 'open')], requests: [request(1)] });
    await projector.apply(first);
    const once = await state();
    expect(once).toMatchObject({
      events: 3,
      task: { status: 'open', version: 1 },
      request: { status: 'sent' },
      detention: { projected_seq: 3 },
    });
    expect(once.steps).toBeGreaterThan(10);

    await projector.apply(first);
    expect(await state()).toEqual(once);

    await projector.apply(batch(5, { tasks: [task(2, 'done')] }, 'aftercare'));
    const newer = await state();
    expect(newer).toMatchObject({
      events: 5,
      task: { status: 'done', version: 2 },
      detention: { phase: 'aftercare', projected_seq: 5 },
    });

    await projector.apply(first); // a retry of the old batch arriving late
    expect(await state()).toEqual(newer);
  });

  it("keeps the partner's answer: the workflow's chase does not reset it; a withdrawal does end it", async () => {
    await dataSource.query(`UPDATE requests SET status = 'accepted' WHERE id = $1`, [requestId]);
    await projector.apply(batch(6, { requests: [request(3, { chasedAt: '2026-11-25T05:00:00.000Z' })] }));
    expect((await state()).request).toMatchObject({ status: 'accepted', version: 3 });
    await projector.apply(
      batch(7, {
        requests: [
          request(4, { status: 'withdrawn', withdrawnAt: '2026-11-26T05:00:00.000Z', withdrawReason: 'case-closed' }),
        ],
      }),
    );
    expect((await state()).request).toMatchObject({ status: 'withdrawn', version: 4 });
  });

  it('stores a NUL byte or a lone surrogate as U+FFFD instead of failing for good', async () => {
    const hostile = batch(20, {
      events: [
        {
          seq: 20,
          at: '2026-11-20T09:00:00.000Z',
          type: 'request-response',
          summary: 'declined (no\u0000room \uD800)',
          actor: { kind: 'partner' as const, label: 'partner x\u0000' },
          data: { reason: 'a\u0000b' },
        },
      ],
    });
    await projector.apply(hostile);
    const [row] = await dataSource.query(
      'SELECT summary, actor_label, data FROM timeline_events WHERE detention_id = $1 AND seq = 20',
      [detentionId],
    );
    expect(row).toEqual({
      summary: 'declined (no\uFFFDroom \uFFFD)',
      actor_label: 'partner x\uFFFD',
      data: { reason: 'a\uFFFDb' },
    });
  });

  it('refuses a batch for a detention that has no read model yet (the activity retries)', async () => {
    await expect(projector.apply({ ...batch(1), detentionId: randomUUID() })).rejects.toThrow(
      /has no read model row yet/,
    );
  });
});
