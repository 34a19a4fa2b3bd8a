import { addDays, amsterdamDate } from '@terugkeer/domain';
import { intakeBody } from './intake';
import { eventually, type Stack } from './stack';

/** Real resources of every kind, in scope of PI-ALMELO, GM0363, RN and the partner gm0363-nazorg. */
export interface Fixtures {
  detentionId: string;
  /** One open task per task role, of the fixture detention. */
  tasks: Record<'casemanager' | 'municipality' | 'probation', string>;
  /** A request addressed to gm0363-nazorg. */
  requestId: string;
  /** A partner of {@link seedPartners}. */
  partnerId: string;
}

/**
 * A detention at PI-ALMELO for Amsterdam and RN, 60 days in, released in 10: its exit meeting (R−4w) is due, with
 * invitation tasks for the municipality and probation, and the start notices went to gm0363-nazorg and RN.
 */
export async function registerFixtures(stack: Stack): Promise<Fixtures> {
  const today = amsterdamDate(Date.now());
  const body = { ...intakeBody({ releaseInDays: 10 }), intakeDate: addDays(today, -60) };
  const registered = await stack
    .http()
    .post('/api/v1/detentions')
    .set('Authorization', await stack.as('casemanager', 'PI-ALMELO'))
    .send(body)
    .expect(201);
  const detentionId = registered.body.id as string;
  return eventually(async () => {
    const { rows: tasks } = await stack.pg.query<{ id: string; role: string; org: string }>(
      `SELECT id, role, org FROM tasks WHERE detention_id = $1 AND status = 'open' ORDER BY created_at`,
      [detentionId],
    );
    const taskOf = (role: string, org: string) => {
      const task = tasks.find((t) => t.role === role && t.org === org);
      if (!task) throw new Error(`no open ${role} task of ${org} yet`);
      return task.id;
    };
    const { rows: requests } = await stack.pg.query<{ id: string }>(
      `SELECT id FROM requests WHERE detention_id = $1 AND partner_id = 'gm0363-nazorg'`,
      [detentionId],
    );
    if (!requests[0]) throw new Error('no request for gm0363-nazorg yet');
    return {
      detentionId,
      tasks: {
        casemanager: taskOf('casemanager', 'PI-ALMELO'),
        municipality: taskOf('municipality', 'GM0363'),
        probation: taskOf('probation', 'RN'),
      },
      requestId: requests[0].id,
      partnerId: 'zorg-nl',
    };
  }, 60_000);
}
