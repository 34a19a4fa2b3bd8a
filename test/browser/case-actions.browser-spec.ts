/// <reference lib="dom" />
import { addDays, amsterdamDate, onOrBeforeWorkingDay } from '@terugkeer/domain';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchChromium, step as journeyStep } from '../support/browser';
import { eventually, seedPartners, startStack, type Stack } from '../support/stack';

/**
 * The casemanager's case actions in the web UI, in headless Chromium on the real stack: register an intake (errors
 * at their fields, a confirmation, registered once), move the expected release date (the preview first, then
 * apply, then what moved), record consent, and write a case note. Dialogs are checked with axe-core.
 */
describe('case actions in the web UI (headless Chromium)', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let detentionId: string;
  const today = amsterdamDate(Date.now());

  beforeAll(async () => {
    stack = await startStack({ env: { DEV_LOGIN: 'true' } });
    await seedPartners(stack.pg);
    baseUrl = `http://127.0.0.1:${(stack.api.getHttpServer().address() as { port: number }).port}`;
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' })).newPage();
    await page.goto(`${baseUrl}/ui/`);
    await page.click('[data-testid=identity-cm-almelo]');
    await page.waitForSelector('main[data-ready=home]');
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const step = (name: string, body: () => Promise<void>) => journeyStep(page, name, body);
  const field = (prefix: string, name: string) => page.locator(`#${prefix}-${name.replace(/\./g, '-')}`);

  it('registers an intake: errors at their fields, then a confirmation, then the case page', async () => {
    await step('register-intake', async () => {
      await page.getByRole('link', { name: 'Nieuwe insluiting' }).click();
      await page.waitForSelector('main[data-ready=register]');
      await page.getByRole('button', { name: 'Volgende' }).click();
      // Nothing filled in: every required field says so, and the first one has the focus.
      await expect(field('intake', 'person.name').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('intake-person-name');
      await expectAccessible(page, 'register-errors');
      await field('intake', 'person.name').fill('Karel Actie');
      await field('intake', 'person.bsn').fill('12345678'); // not a BSN: the API says so at the field
      await field('intake', 'person.dateOfBirth').fill('1985-03-04');
      await field('intake', 'municipality').selectOption('GM0363');
      await field('intake', 'intakeDate').fill(onOrBeforeWorkingDay(addDays(today, -1)));
      await field('intake', 'expectedReleaseDate').fill(addDays(today, 100));
      await field('intake', 'casemanager.name').fill('C. de Vries');
      await field('intake', 'casemanager.email').fill('c@dji.example');
      await field('intake', 'casemanager.phone').fill('+31 546 000 000');
      for (const need of ['id', 'housing', 'income', 'debts', 'care', 'bankAccount', 'digid']) {
        await field('intake', `needs.${need}`).selectOption(need === 'housing' ? 'true' : 'false');
      }
      await page.getByRole('button', { name: 'Volgende' }).click();
      await page.locator('[data-testid=intake-confirm]').waitFor();
      await page.getByRole('button', { name: 'Bevestigen' }).click();
      const bsnError = page.locator('[data-field="person.bsn"] .utrecht-form-field-error-message');
      await expect(bsnError.textContent()).resolves.toMatch(/^BSN: moet een burgerservicenummer/);
      await field('intake', 'person.bsn').fill('111222333');
      await page.getByRole('button', { name: 'Volgende' }).click();
      await page.getByRole('button', { name: 'Bevestigen' }).click();
      await page.waitForSelector('main[data-ready=detentions-item]');
      detentionId = page.url().split('/').at(-1) ?? '';
      await expect(page.locator('h1').textContent()).resolves.toBe('Karel Actie');
      // Amsterdam registered no contact in this stack: the case says so instead of showing an empty line.
      await expect(page.locator('[data-testid=contacts-municipality]').textContent()).resolves.toContain(
        'Geen contact geregistreerd voor gemeente Amsterdam (GM0363)',
      );
      const { rows } = await stack.pg.query(`SELECT count(*)::int AS n FROM detentions WHERE person_name = $1`, [
        'Karel Actie',
      ]);
      expect(rows[0].n).toBe(1);
    });
  });

  it('moves the expected release date: the preview first, then apply, then what moved', async () => {
    await step('expected-release', async () => {
      await page.locator('[data-action=expected-release]').click();
      const dialog = page.getByRole('dialog', { name: 'Verwachte invrijheidstelling wijzigen' });
      await dialog.waitFor();
      await expectAccessible(page, 'expected-release-dialog');
      const moved = addDays(today, 60);
      await field('expected-release', 'expectedReleaseDate').fill(moved);
      await dialog.getByRole('button', { name: 'Volgende' }).click();
      // The reason is required: the dialog stays on the form.
      await expect(field('expected-release', 'reason').getAttribute('aria-invalid')).resolves.toBe('true');
      await field('expected-release', 'reason').fill('Vonnis in hoger beroep');
      await dialog.getByRole('button', { name: 'Volgende' }).click();
      await dialog.locator('[data-testid=action-preview]').waitFor();
      await expect(dialog.locator('[data-testid=action-preview]').textContent()).resolves.toMatch(/Verschoven/);
      // Nothing has changed yet.
      const before = await stack.pg.query('SELECT expected_release_date::text AS d FROM detentions WHERE id = $1', [
        detentionId,
      ]);
      expect(before.rows[0].d).toBe(addDays(today, 100));
      await dialog.getByRole('button', { name: 'Bevestigen' }).click();
      await dialog.locator('[data-testid=action-result]').waitFor();
      await expect(dialog.locator('[data-testid=action-result]').textContent()).resolves.toMatch(/Verschoven/);
      await dialog.getByRole('button', { name: 'Sluiten' }).click();
      await eventually(async () => {
        await expect(page.locator('[data-testid=expected-release]').textContent()).resolves.toBe(
          new Date(`${moved}T12:00:00Z`).toLocaleDateString('nl-NL', {
            day: 'numeric',
            month: 'long',
            year: 'numeric',
          }),
        );
      });
      // Focus is back on the button that opened the dialog.
      await expect(page.evaluate(() => document.activeElement?.getAttribute('data-action'))).resolves.toBe(
        'expected-release',
      );
    });
  });

  it('records consent per condition', async () => {
    await step('consent', async () => {
      await page.locator('[data-action=consent]').click();
      for (const c of ['id', 'housing', 'income', 'debts', 'care']) {
        await field('consent', c).selectOption(c === 'care' ? 'false' : 'true');
      }
      await page.getByRole('dialog').getByRole('button', { name: 'Volgende' }).click();
      await expect(page.locator('[data-testid=action-confirm]').textContent()).resolves.toContain('Zorg');
      await page.getByRole('dialog').getByRole('button', { name: 'Bevestigen' }).click();
      await page.locator('[data-testid=action-result]').waitFor();
      await page.getByRole('dialog').getByRole('button', { name: 'Sluiten' }).click();
      await eventually(async () => {
        const { rows } = await stack.pg.query('SELECT consent FROM detentions WHERE id = $1', [detentionId]);
        expect(rows[0].consent).toEqual({ id: true, housing: true, income: true, debts: true, care: false });
      });
    });
  });

  it('writes a case note, shown on the case and nowhere for partners', async () => {
    await step('note', async () => {
      await page.getByRole('button', { name: 'Notitie toevoegen' }).click();
      await expect(field('note', 'text').getAttribute('aria-invalid')).resolves.toBe('true');
      await field('note', 'text').fill('Belde met moeder over onderdak');
      await page.getByRole('button', { name: 'Notitie toevoegen' }).click();
      await expect(page.locator('[data-testid=notes]').textContent()).resolves.toContain('Belde met moeder');
      await expectAccessible(page, 'detention-with-actions');
      const { rows } = await stack.pg.query(`SELECT count(*)::int AS n FROM requests WHERE data::text LIKE '%moeder%'`);
      expect(rows[0].n).toBe(0);
    });
  });
});
