/// <reference lib="dom" />
import { addDays, amsterdamDate, BASIC_CONDITIONS, onOrBeforeWorkingDay } from '@terugkeer/domain';
import type { Browser, Page } from 'playwright-core';
import { stepsOfTodayFireNow } from '../support/clock';
import { intakeBody } from '../support/intake';
import { uniquePerson } from '../support/people';
import { expectAccessible, launchChromium, step as journeyStep } from '../support/browser';
import { eventually, seedPartners, startStack, type Stack } from '../support/stack';

/**
 * The inspector's question, "why was he released without ID?", answered from the case view in headless Chromium on
 * the real stack. The case got there the real way: the screening said an ID was needed, the ID application went to
 * Almelo's civil affairs, which declined it with a reason, and the release (recorded a day late) measured the ID as
 * missing. The supervisor reads the chain for ID, in Dutch, each step on the day it happened, and filters the
 * timeline by condition.
 *
 * The ID application fires at the screening (`S`, today): screened on a weekend or holiday, or before six, it goes
 * out at six on the next working day (rule 10), after this test. Then the answer to "why no ID" is that he was
 * released before it went out: the chain shows the screening and the release with its measurement, and the plan
 * the application no longer sent after so short a stay. The partner's refusal with its reason, and the filter by
 * condition and kind, are then read on the care-continuity request, declined by the care network: due at R−6w,
 * past for a release in 30 days, it goes out at the screening whatever the day and hour.
 */
describe('the supervisor answers "why no ID" from the case view (headless Chromium)', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let id: string;
  const today = amsterdamDate(Date.now());
  const releasedOn = addDays(today, -1);
  const person = uniquePerson();
  const idGoesOut = stepsOfTodayFireNow();
  // Where the refusal is read: the ID application when it can go out today, else the care-continuity request.
  const refused = idGoesOut
    ? { condition: 'id', title: /Aanvraag ID-kaart/, reason: 'geen pasfoto aangeleverd' }
    : { condition: 'care', title: /Continuïteit van zorg/, reason: 'geen zorgaanbieder in de regio' };

  beforeAll(async () => {
    stack = await startStack({ env: { DEV_LOGIN: 'true' } });
    await seedPartners(stack.pg);
    baseUrl = `http://127.0.0.1:${(stack.api.getHttpServer().address() as { port: number }).port}`;
    const casemanager = await stack.as('casemanager', 'PI-ALMELO');
    const { surname: _surname, ...who } = person;
    const body = intakeBody({ releaseInDays: 30, person: who });
    // Care is needed only where its request stands in for the ID application's: a working day runs as it always did.
    const needs = { ...body.needs, id: true, care: !idGoesOut };
    const registered = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', casemanager)
      .send({ ...body, intakeDate: onOrBeforeWorkingDay(addDays(today, -7)), needs })
      .expect(201);
    id = registered.body.id;
    const screening = await eventually(async () => {
      const res = await stack
        .http()
        .get(`/api/v1/tasks?detentionId=${id}&type=screening`)
        .set('Authorization', casemanager)
        .expect(200);
      expect(res.body.items).toHaveLength(1);
      return res.body.items[0];
    });
    await stack
      .http()
      .post(`/api/v1/tasks/${screening.id}/complete`)
      .set('Authorization', casemanager)
      .send({
        outcome: 'completed',
        data: {
          needs,
          consent: Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, true])),
          conditions: Object.fromEntries(BASIC_CONDITIONS.map((c) => [c, 'attention'])),
          idDocumentExpiry: null,
        },
      })
      .expect(200);
    const [partner, type] = idGoesOut ? ['gm0141-burgerzaken', 'id-application'] : ['zorg-nl', 'care-continuity'];
    const token = await stack.as('partner', partner);
    const request = await eventually(async () => {
      const res = await stack.http().get(`/api/v1/requests?type=${type}`).set('Authorization', token).expect(200);
      const found = res.body.items.find((r: { detentionId: string }) => r.detentionId === id);
      expect(found).toBeDefined();
      return found;
    });
    await stack
      .http()
      .post(`/api/v1/requests/${request.id}/responses`)
      .set('Authorization', token)
      .send({ status: 'declined', reason: refused.reason })
      .expect(200);
    await stack
      .http()
      .post(`/api/v1/detentions/${id}/release`)
      .set('Authorization', casemanager)
      .send({ releaseDate: releasedOn, releaseAddressKnown: true })
      .expect(200);
    await eventually(async () => {
      const res = await stack.http().get(`/api/v1/detentions/${id}/timeline`).set('Authorization', casemanager);
      expect(res.body.events.map((e: { type: string }) => e.type)).toContain('measurement-taken');
    });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const step = (name: string, body: () => Promise<void>) => journeyStep(page, name, body);

  it('finds the case and reads the chain for ID: screening, request, the refusal with its reason, the release', async () => {
    await step('inspector-why-no-id', async () => {
      await page.goto(`${baseUrl}/ui/`);
      await page.click('[data-testid=identity-inspector]');
      await page.waitForSelector('main[data-ready]');
      await page.goto(`${baseUrl}/ui/#/detentions`);
      await page.waitForSelector('main[data-ready=detentions]');
      await page.getByRole('link', { name: person.name }).click();
      await page.waitForSelector('main[data-ready=detentions-item]');
      await page.locator('[data-testid=why-chain]').scrollIntoViewIfNeeded();
      await page.locator('#why-condition').selectOption('id');
      await expect(page.locator('[data-testid=why-now]').textContent()).resolves.toMatch(/Nu: ontbreekt/);
      const chain = await page.locator('[data-testid=why-events] li').allTextContents();
      const stages = await page
        .locator('[data-testid=why-events] li')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-stage')));
      // The chain in the order it happened, each stage present.
      const sent = idGoesOut ? ['request', 'answer'] : [];
      for (const stage of ['intake', 'screening', ...sent, 'release']) expect(stages).toContain(stage);
      expect(stages.indexOf('screening')).toBeLessThan(stages.lastIndexOf('release'));
      if (idGoesOut) {
        expect(stages.indexOf('screening')).toBeLessThan(stages.indexOf('answer'));
        expect(stages.indexOf('answer')).toBeLessThan(stages.lastIndexOf('release'));
      }
      expect(stages[0]).toBe('intake');
      const text = chain.join('\n');
      if (idGoesOut) {
        expect(text).toMatch(/Aanvraag ID-kaart verstuurd naar gm0141-burgerzaken/);
        expect(text).toMatch(
          /Aanvraag ID-kaart: afgewezen — “geen pasfoto aangeleverd” \(Partner gm0141-burgerzaken\)/,
        );
      } else {
        // Released before the application went out, after a stay of at most ten days: it is not sent any more
        // (a short stay has no re-integration plan) — had it gone out, it would stand (rule 2).
        const view = await stack
          .http()
          .get(`/api/v1/detentions/${id}`)
          .set('Authorization', await stack.as('supervisor', '*'));
        const skipped = view.body.skippedSteps.find((s: { stepId: string }) => s.stepId === 'id-application');
        expect(skipped).toMatchObject({ state: 'skipped', reason: expect.stringMatching(/^short stay/) });
        // The care network's refusal, in Dutch with its reason, in the chain for care.
        await page.locator('#why-condition').selectOption('care');
        const care = (await page.locator('[data-testid=why-events] li').allTextContents()).join('\n');
        expect(care).toMatch(/Continuïteit van zorg: afgewezen — “geen zorgaanbieder in de regio” \(Partner zorg-nl\)/);
        await page.locator('#why-condition').selectOption('id');
      }
      // The release on its own day, though recorded a day later; the measurement says the ID was missing.
      const day = new Date(`${releasedOn}T00:00:00Z`).toLocaleDateString('nl-NL', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
      expect(text).toContain(`${day} · Vrijlating: In vrijheid gesteld op ${day}`);
      expect(text).toMatch(/Bij vrijlating: ID ontbreekt/);
      // Nothing about housing in the ID chain; no English summary anywhere on the page.
      expect(text).not.toMatch(/Verzoek onderdak/);
      await expect(page.locator('main').textContent()).resolves.not.toMatch(/Released on|sent to|Task done/);
      await page.locator('[data-testid=why-chain]').screenshot({ path: 'test-results/inspector-why-chain.png' });
      await expectAccessible(page, 'inspector-why');
    });
  });

  it('filters the timeline by condition and kind; the plan line puts the release dot on its day', async () => {
    await step('inspector-filter', async () => {
      await page.locator('#event-condition').selectOption(refused.condition);
      await page.locator('#event-kind').selectOption('request');
      const rows = await page.locator('[data-testid=timeline-events] tbody tr').allTextContents();
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row).toMatch(refused.title);
      expect(rows.join('\n')).toContain(refused.reason);
      await expect(page.locator(`[data-testid=plan-line] circle[data-day="${releasedOn}"]`).count()).resolves.toBe(1);
      await expect(page.locator('[data-testid=plan-line] figcaption').textContent()).resolves.toMatch(/gebeurtenissen/);
      await page.locator('[data-testid=plan-line]').screenshot({ path: 'test-results/inspector-plan-line.png' });
      await expectAccessible(page, 'inspector-filter');
    });
  });
});
