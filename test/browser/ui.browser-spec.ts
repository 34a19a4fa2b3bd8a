/// <reference lib="dom" />
import { addDays, amsterdamDate, onOrBeforeWorkingDay } from '@terugkeer/domain';
import { nextFiringDay, stepsOfTodayFireNow } from '../support/clock';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, step as journeyStep } from '../support/browser';
import { eventually, seedPartners, startStack, type Stack } from '../support/stack';

/**
 * The web UI in headless Chromium against the real API, worker, Temporal and PostgreSQL: sign in, complete a
 * task, see the timeline move, open the dashboard and the partner inbox. A failing step leaves a screenshot in
 * test-results/.
 */
describe('web UI (headless Chromium)', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let detentionId: string;

  beforeAll(async () => {
    stack = await startStack({ env: { DEV_LOGIN: 'true' } });
    await seedPartners(stack.pg);
    baseUrl = `http://127.0.0.1:${(stack.api.getHttpServer().address() as { port: number }).port}`;
    const intake = onOrBeforeWorkingDay(addDays(amsterdamDate(Date.now()), -1));
    const res = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', await stack.as('casemanager', 'PI-ALMELO', 'cm-almelo'))
      .send({
        person: { bsn: '123456782', name: 'Jan Browser', dateOfBirth: '1990-05-01' },
        prison: 'PI-ALMELO',
        municipality: 'GM0363',
        probation: 'RN',
        intakeDate: intake,
        expectedReleaseDate: addDays(intake, 90),
        casemanager: { name: 'C. de Vries', email: 'c@dji.example', phone: '+31 546 000 000' },
        needs: { id: true, housing: true, income: true, debts: false, care: false, bankAccount: false, digid: false },
        idDocumentExpiry: null,
      })
      .expect(201);
    detentionId = res.body.id;
    await eventually(async () => {
      const tasks = await stack.pg.query('SELECT count(*)::int AS n FROM tasks WHERE detention_id = $1', [detentionId]);
      expect(tasks.rows[0].n).toBe(2);
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const step = (name: string, body: () => Promise<void>) => journeyStep(page, name, body);

  async function signInAs(identity: string, ready: string) {
    await page.goto(`${baseUrl}/`);
    const signOut = page.locator('nav button', { hasText: /Sign out|Uitloggen/ });
    if (await signOut.count()) await signOut.click();
    await page.click(`[data-testid=identity-${identity}]`);
    await page.waitForSelector(`main[data-ready=${ready}]`);
  }

  it('signs a casemanager in with a demo identity and shows the task inbox', async () => {
    await step('sign-in', async () => {
      await signInAs('cm-almelo', 'tasks');
      await expect(page.locator('[data-testid=who]').textContent()).resolves.toContain('casemanager PI-ALMELO');
      await expect(page.locator('[data-testid=task-screening]').count()).resolves.toBe(1);
      await expect(page.locator('[data-testid=task-insurance-suspension]').textContent()).resolves.toContain(
        'Jan Browser',
      );
    });
  });

  it('completes a task through its form; the detention timeline shows it', async () => {
    await step('complete-task', async () => {
      await page.locator('[data-testid=task-insurance-suspension] a', { hasText: /Complete|Afronden/ }).click();
      await page.waitForSelector('[data-testid=task-form]');
      await page.selectOption('[data-path=outcome]', 'suspended');
      await page.fill('[data-path="data.note"]', 'detentieverklaring sent to the insurer');
      await page.click('[data-testid=task-form] button[type=submit]');
      await page.waitForSelector('main[data-ready=detentions] [data-testid=timeline-svg]');
      expect(page.url()).toContain(`#/detentions/${detentionId}`);
      await expect(page.locator('[data-testid=events] li[data-type=task-completed]').count()).resolves.toBe(1);
      await expect(page.locator('[data-testid=timeline-svg] .mark').count()).resolves.toBeGreaterThan(5);
    });
  });

  it('refuses a completion the form lets through but the API does not (errors shown, nothing lost)', async () => {
    await step('form-errors', async () => {
      await page.goto(`${baseUrl}/#/tasks?status=open`);
      await page.waitForSelector('main[data-ready=tasks]');
      await page.locator('[data-testid=task-screening] a', { hasText: /Complete|Afronden/ }).click();
      await page.waitForSelector('[data-testid=task-form]');
      await page.selectOption('[data-path=outcome]', 'completed');
      await page.click('[data-testid=task-form] button[type=submit]');
      await page.waitForSelector('[data-testid=task-form] .error');
      const errors = await page.locator('[data-testid=task-form] .error').textContent();
      // Nothing chosen is nothing decided: every unanswered question is named, and the task stays open.
      expect(errors).toMatch(/data\.needs should not be null/);
      expect(errors).toMatch(/data\.conditions/);
      const { rows } = await stack.pg.query(`SELECT status FROM tasks WHERE detention_id = $1 AND type = 'screening'`, [
        detentionId,
      ]);
      expect(rows).toEqual([{ status: 'open' }]);
    });
  });

  it('completes the screening in the form; the plan moves on and the timeline shows it', async () => {
    await step('screening', async () => {
      const doneMarks = async () => {
        await page.goto(`${baseUrl}/#/detentions/${detentionId}`);
        await page.waitForSelector('[data-testid=timeline-svg]');
        return page.locator('[data-testid=timeline-svg] .mark.done, [data-testid=timeline-svg] .mark.late').count();
      };
      const before = await doneMarks();
      await page.goto(`${baseUrl}/#/tasks?status=open`);
      await page.locator('[data-testid=task-screening] a', { hasText: /Complete|Afronden/ }).click();
      await page.waitForSelector('[data-testid=task-form]');
      await page.selectOption('[data-path=outcome]', 'completed');
      const yes = ['id', 'housing', 'income'];
      for (const need of ['id', 'housing', 'income', 'debts', 'care', 'bankAccount', 'digid']) {
        await page.selectOption(`[data-path="data.needs.${need}"]`, yes.includes(need) ? 'true' : 'false');
      }
      for (const condition of ['id', 'housing', 'income', 'debts', 'care']) {
        await page.selectOption(`[data-path="data.consent.${condition}"]`, 'true');
        await page.selectOption(
          `[data-path="data.conditions.${condition}"]`,
          yes.includes(condition) ? 'missing' : 'ok',
        );
      }
      await page.click('[data-testid=task-form] button[type=submit]');
      await page.waitForSelector('main[data-ready=detentions] [data-testid=timeline-svg]');
      // S is today: the ID application and the first trajectory meeting fire now — or, screened on a weekend, a
      // holiday or before six, at six on the next working day (rule 10), when the plan shows them planned for it.
      const firesNow = stepsOfTodayFireNow();
      await eventually(async () => {
        if (!firesNow) {
          const detention = await stack
            .http()
            .get(`/api/v1/detentions/${detentionId}`)
            .set('Authorization', await stack.as('casemanager', 'PI-ALMELO'))
            .expect(200);
          const planned = detention.body.plannedSteps.find(
            (s: { instanceId: string }) => s.instanceId === 'id-application',
          );
          expect(planned?.plannedDate).toBe(nextFiringDay());
          return;
        }
        await expect(doneMarks()).resolves.toBeGreaterThan(before);
        await expect(
          page
            .locator('[data-testid=events] li[data-type=step-fired]', { hasText: /ID application|Aanvraag ID/ })
            .count(),
        ).resolves.toBe(1);
      });
      // The conditions table shows the API's one truth per condition (not the screening's snapshot): the ID's light,
      // with what it rests on as its label.
      const label = { green: /in order|op orde/, amber: /attention|aandacht/, red: /missing|ontbreekt/ };
      await eventually(async () => {
        const { body } = await stack
          .http()
          .get(`/api/v1/detentions/${detentionId}`)
          .set('Authorization', await stack.as('casemanager', 'PI-ALMELO'))
          .expect(200);
        const id = body.basicConditions.id as { status: keyof typeof label; reason: string };
        await page.goto(`${baseUrl}/#/detentions/${detentionId}`);
        const row = page.locator('table.conditions tbody tr').first();
        await row.waitFor();
        await expect(row.textContent()).resolves.toMatch(label[id.status]);
        await expect(row.locator('.light').getAttribute('title')).resolves.toBe(id.reason);
      });
    });
  });

  it('opens the supervisor dashboard with the readiness board and charts', async () => {
    await step('dashboard', async () => {
      await signInAs('inspector', 'dashboard');
      await expect(page.locator('[data-testid=readiness] tbody tr').count()).resolves.toBe(1);
      await expect(page.locator('[data-testid=readiness]').textContent()).resolves.toContain('Jan Browser');
      await expect(page.locator('svg.chart').count()).resolves.toBeGreaterThanOrEqual(4);
      await expect(page.locator('[data-testid=kpi-detentions]').textContent()).resolves.toContain('1 / 1');
    });
  });

  it('shows a partner its inbox and takes its answer', async () => {
    await step('partner-inbox', async () => {
      await signInAs('gm0363-nazorg', 'inbox');
      const notice = page.locator('[data-testid=request-detention-start-notice]');
      await expect(notice.count()).resolves.toBe(1);
      await notice.locator('button', { hasText: /^(received|ontvangen)$/ }).click();
      // The row shows the new status and no longer offers it; the ledger holds the answer.
      await page.waitForFunction(
        () =>
          !/^(received|ontvangen)$/.test(
            document.querySelector('[data-testid=request-detention-start-notice] button')?.textContent ?? '',
          ),
      );
      await expect(notice.locator('td').nth(3).textContent()).resolves.toMatch(/^(received|ontvangen)$/);
      const { rows } = await stack.pg.query(
        `SELECT status FROM requests WHERE partner_id = 'gm0363-nazorg' AND detention_id = $1`,
        [detentionId],
      );
      expect(rows).toEqual([{ status: 'received' }]);
    });
  });

  it('speaks Dutch and English', async () => {
    await step('language', async () => {
      const before = await page.evaluate(() => document.documentElement.lang);
      const nav = await page.locator('nav').textContent();
      await page.locator('nav button', { hasText: /^(Nederlands|English)$/ }).click();
      await page.waitForFunction((old) => document.documentElement.lang !== old, before);
      expect(await page.locator('nav').textContent()).not.toBe(nav);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(before === 'nl' ? 'en' : 'nl');
    });
  });
});
