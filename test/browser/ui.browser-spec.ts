/// <reference lib="dom" />
import { addDays, amsterdamDate, onOrBeforeWorkingDay } from '@terugkeer/domain';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchChromium, step as journeyStep } from '../support/browser';
import { eventually, seedPartners, startStack, type Stack } from '../support/stack';

/**
 * The web UI (apps/web) in headless Chromium against the real API, worker, Temporal and PostgreSQL: sign in, see
 * who is released soon, complete tasks through their forms (errors at their fields), read the case, the
 * supervisor's board and a partner's inbox, decline with a reason. Every page and dialog is checked with axe-core
 * (0 critical, 0 serious). A failing step leaves a screenshot in test-results/.
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
    // The municipality registered a contact; probation (RN) did not.
    await stack
      .http()
      .put('/api/v1/organisations/GM0363/contacts')
      .set('Authorization', await stack.as('admin', '*'))
      .send({
        contacts: [
          { role: 'municipality', name: 'Team Nazorg', email: 'nazorg@amsterdam.example', phone: '+31 20 000 0000' },
        ],
      })
      .expect(200);
    await eventually(async () => {
      const tasks = await stack.pg.query('SELECT count(*)::int AS n FROM tasks WHERE detention_id = $1', [detentionId]);
      expect(tasks.rows[0].n).toBe(2);
    });
    browser = await launchChromium();
    // axe-core needs a page of an explicit context.
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const step = (name: string, body: () => Promise<void>) => journeyStep(page, name, body);

  async function signInAs(identity: string, ready: string) {
    await page.goto(`${baseUrl}/ui/`);
    await page.waitForSelector('main[data-ready]');
    const signOut = page.getByRole('button', { name: /^(Uitloggen|Sign out)$/ });
    if (await signOut.count()) {
      await signOut.click();
      await page.waitForSelector('main[data-ready=sign-in]');
    }
    await page.click(`[data-testid=identity-${identity}]`);
    await page.waitForSelector(`main[data-ready=${ready}]`);
  }

  async function open(hash: string, ready: string) {
    await page.goto(`${baseUrl}/ui/#/${hash}`);
    await page.waitForSelector(`main[data-ready=${ready}]`);
  }

  it('signs a casemanager in; the home screen shows who is released soon and what is missing', async () => {
    await step('sign-in', async () => {
      await page.goto(`${baseUrl}/ui/`);
      await page.waitForSelector('main[data-ready=sign-in]');
      await expectAccessible(page, 'sign-in');
      await signInAs('cm-almelo', 'home');
      await expect(page.locator('[data-testid=who]').textContent()).resolves.toContain('casemanager PI-ALMELO');
      await expect(page.locator('h1').textContent()).resolves.toBe('Binnenkort vrij en wat er ontbreekt');
      await page.selectOption('#within', '90');
      const row = page.locator(`[data-testid=readiness-${detentionId}]`);
      await row.waitFor();
      await expect(row.textContent()).resolves.toContain('Jan Browser');
      await expectAccessible(page, 'home');
    });
  });

  it('lists tasks with the person and release date; completes one through its form', async () => {
    await step('complete-task', async () => {
      await open('tasks', 'tasks');
      const row = page.locator('[data-testid=task-insurance-suspension]');
      await expect(row.textContent()).resolves.toContain('Jan Browser');
      await expectAccessible(page, 'tasks');
      await row.getByRole('link').click();
      await page.waitForSelector('main[data-ready=tasks-item] form');
      await expectAccessible(page, 'task');
      await page.getByLabel('Uitkomst').selectOption('suspended');
      await page.getByLabel('Toelichting').fill('detentieverklaring naar de verzekeraar');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByRole('status').filter({ hasText: 'Opgeslagen' }).waitFor();
      await eventually(async () => {
        const { rows } = await stack.pg.query(
          `SELECT status, outcome FROM tasks WHERE detention_id = $1 AND type = 'insurance-suspension'`,
          [detentionId],
        );
        expect(rows).toEqual([{ status: 'done', outcome: 'suspended' }]);
      });
    });
  });

  it('shows form errors at their fields and keeps the task open', async () => {
    await step('form-errors', async () => {
      await open('tasks', 'tasks');
      await page.locator('[data-testid=task-screening]').getByRole('link').click();
      await page.waitForSelector('main[data-ready=tasks-item] form');
      await page.getByLabel('Uitkomst').selectOption('completed');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      const field = page.locator('[data-field="data.conditions.housing"]');
      await expect(field.locator('.utrecht-form-field-error-message').textContent()).resolves.toBe('Verplicht veld');
      await expect(page.getByLabel('Stand: Onderdak').getAttribute('aria-invalid')).resolves.toBe('true');
      await expectAccessible(page, 'task-errors');
      const { rows } = await stack.pg.query(`SELECT status FROM tasks WHERE detention_id = $1 AND type = 'screening'`, [
        detentionId,
      ]);
      expect(rows).toEqual([{ status: 'open' }]);
    });
  });

  it('completes the screening; the case shows the one truth per condition and the events in Dutch', async () => {
    await step('screening', async () => {
      const yes = ['id', 'housing', 'income'];
      const field = (path: string) => page.locator(`[data-field="${path}"] select`);
      for (const need of ['id', 'housing', 'income', 'debts', 'care', 'bankAccount', 'digid']) {
        await field(`data.needs.${need}`).selectOption(yes.includes(need) ? 'true' : 'false');
      }
      const conditions = ['id', 'housing', 'income', 'debts', 'care'];
      for (const code of conditions) {
        await field(`data.consent.${code}`).selectOption('true');
        await field(`data.conditions.${code}`).selectOption(yes.includes(code) ? 'missing' : 'ok');
      }
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByRole('status').filter({ hasText: 'Opgeslagen' }).waitFor();
      const lights = { green: 'geregeld', amber: 'loopt', red: 'ontbreekt' };
      await eventually(async () => {
        const { body } = await stack
          .http()
          .get(`/api/v1/detentions/${detentionId}`)
          .set('Authorization', await stack.as('casemanager', 'PI-ALMELO'))
          .expect(200);
        expect(body.screeningCompletedDate).not.toBeNull();
        await open(`detentions/${detentionId}`, 'detentions-item');
        for (const code of conditions) {
          const status = body.basicConditions[code].status as keyof typeof lights;
          await expect(page.locator(`[data-testid=condition-${code}] [data-light]`).textContent()).resolves.toBe(
            lights[status],
          );
        }
      });
      // The timeline loads after the case: wait for it, then both completions are there, said in Dutch.
      await page.locator('[data-testid=timeline-events]').waitFor();
      await expect(page.locator('[data-testid=event-task-completed]').count()).resolves.toBe(2);
      await expect(page.locator('[data-testid=timeline-events]').textContent()).resolves.toMatch(
        /Taak afgerond: Screening basisvoorwaarden/,
      );
      await expect(page.locator('[data-testid=contacts]').textContent()).resolves.toContain('+31 546 000 000');
      // The municipality's registered contact, to call or mail from the case; probation has none and says so.
      const municipality = page.locator('[data-testid=contacts-municipality]');
      await expect(municipality.textContent()).resolves.toMatch(/^Gemeente Amsterdam \(GM0363\)Team Nazorg/);
      await expect(municipality.getByRole('link', { name: '+31 20 000 0000' }).getAttribute('href')).resolves.toBe(
        'tel:+31 20 000 0000',
      );
      await expect(
        municipality.getByRole('link', { name: 'nazorg@amsterdam.example' }).getAttribute('href'),
      ).resolves.toBe('mailto:nazorg@amsterdam.example');
      const probation = page.locator('[data-testid=contacts-probation]');
      await expect(probation.textContent()).resolves.toContain('Geen contact geregistreerd voor reclassering RN');
      await page.getByRole('button', { name: 'English' }).click();
      await expect(probation.textContent()).resolves.toContain('No contact registered for probation organisation RN');
      await expect(municipality.textContent()).resolves.toMatch(/^Municipality Amsterdam \(GM0363\)Team Nazorg/);
      await page.getByRole('button', { name: 'Nederlands' }).click();
      await page.waitForFunction(() => document.documentElement.lang === 'nl');
      await expectAccessible(page, 'detention');
    });
  });

  it('previews a new release date and lists what would move', async () => {
    await step('preview', async () => {
      await page.getByLabel('Verwachte invrijheidstelling').fill(addDays(amsterdamDate(Date.now()), 40));
      await page.getByRole('button', { name: 'Bekijk' }).click();
      const result = page.locator('[data-testid=preview-result]');
      await result.waitFor();
      await expect(result.textContent()).resolves.toMatch(/Verschoven|Wordt te laat|Vervalt|Nieuw/);
      await expectAccessible(page, 'preview');
    });
  });

  it('opens the supervisor dashboard with the readiness board and figures as tables', async () => {
    await step('dashboard', async () => {
      await signInAs('inspector', 'dashboard');
      await expect(page.locator('[data-testid=dashboard-readiness]').textContent()).resolves.toContain('Jan Browser');
      await expect(page.locator('[data-testid=release-figures]').count()).resolves.toBe(1);
      await expectAccessible(page, 'dashboard');
      // Search asks the API for the board's rows by name or case reference (the board is paged there).
      const board = page.locator('[data-testid=dashboard-readiness] tbody');
      await page.getByLabel('Zoek op naam of zaaknummer').fill('nobody-like-this');
      await page.getByRole('button', { name: 'Zoeken' }).click();
      await page.getByText('Niets gevonden.').waitFor();
      await expect(board.locator('tr').count()).resolves.toBe(0);
      await page.getByLabel('Zoek op naam of zaaknummer').fill('jan brow');
      await page.getByRole('button', { name: 'Zoeken' }).click();
      await board.getByText('Jan Browser').waitFor();
    });
  });

  it('shows a partner what is asked; acknowledges, then declines with a reason in a dialog', async () => {
    await step('partner-inbox', async () => {
      await signInAs('gm0363-nazorg', 'inbox');
      const notice = page.locator('[data-testid=request-detention-start-notice]');
      await expect(notice.textContent()).resolves.toMatch(/Gevraagde hulp en gegevens/);
      await expectAccessible(page, 'inbox');
      await notice.getByRole('button', { name: 'Bevestig ontvangst' }).click();
      await notice.getByRole('button', { name: 'Wijs af…' }).waitFor();
      const decline = notice.getByRole('button', { name: 'Wijs af…' });
      await decline.click();
      const dialog = page.getByRole('dialog', { name: 'Verzoek afwijzen' });
      await dialog.waitFor();
      await expectAccessible(page, 'decline-dialog');
      await dialog.getByRole('button', { name: 'Afwijzen' }).click();
      await expect(dialog.locator('.utrecht-form-field-error-message').textContent()).resolves.toBe('Verplicht veld');
      // Escape cancels and gives the focus back to the button that opened the dialog.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await expect(decline.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      await decline.click();
      await page.getByLabel('Reden van afwijzing').fill('Geen capaciteit deze maand');
      await page.getByRole('dialog').getByRole('button', { name: 'Afwijzen' }).click();
      await page.getByRole('status').filter({ hasText: 'Uw antwoord is verwerkt' }).waitFor();
      await eventually(async () => {
        const { rows } = await stack.pg.query(
          `SELECT status, reason FROM requests WHERE partner_id = 'gm0363-nazorg' AND detention_id = $1`,
          [detentionId],
        );
        expect(rows).toEqual([{ status: 'declined', reason: 'Geen capaciteit deze maand' }]);
      });
    });
  });

  it('speaks Dutch by default and English on request', async () => {
    await step('language', async () => {
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
      await page.getByRole('button', { name: 'English' }).click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      await expect(page.locator('h1').textContent()).resolves.toMatch(/^Inbox/);
      await expect(page.getByRole('button', { name: 'Acknowledge receipt' }).count()).resolves.toBe(0);
      await page.getByRole('button', { name: 'Nederlands' }).click();
      await page.waitForFunction(() => document.documentElement.lang === 'nl');
    });
  });

  it('is usable 390 px wide: no page-wide horizontal scrolling, tables scroll in their own region', async () => {
    await step('phone', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      const noOverflow = async (name: string) => {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect({ page: name, overflow }).toEqual({ page: name, overflow: 0 });
      };
      await open('inbox', 'inbox');
      await noOverflow('inbox');
      await signInAs('cm-almelo', 'home');
      await noOverflow('home');
      await open(`detentions/${detentionId}`, 'detentions-item');
      await page.locator('[data-testid=conditions]').waitFor();
      await noOverflow('detention');
      await expectAccessible(page, 'phone-detention');
      await page.setViewportSize({ width: 1280, height: 900 });
    });
  });
});
