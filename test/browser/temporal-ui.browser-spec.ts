/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import path from 'node:path';
import { launchChromium, RESULTS, step } from '../support/browser';
import { intakeBody } from '../support/intake';
import { freePort } from '../support/ports';
import { eventually, startStack, type Stack } from '../support/stack';

const NAME = 'Karel Codec';

/**
 * Issue 9, deliverable 3, as a supervisor walks it: the Temporal UI of a dev server shows a detention's history
 * decrypted through the API's codec server with the supervisor's HttpOnly cookie — and encrypted to anyone else.
 * The UI setting the README describes (browser endpoint, "Include cross-origin credentials") is made in the UI's
 * own dialog.
 */
describe('Temporal UI with the codec server (headless Chromium)', () => {
  let stack: Stack;
  let browser: Browser;
  let apiUrl: string;
  let uiUrl: string;
  let workflowId: string;

  beforeAll(async () => {
    const uiPort = await freePort();
    uiUrl = `http://127.0.0.1:${uiPort}`;
    stack = await startStack({ temporalUiPort: uiPort, env: { CODEC_CORS_ORIGINS: uiUrl } });
    apiUrl = `http://127.0.0.1:${(stack.api.getHttpServer().address() as { port: number }).port}`;
    const res = await stack
      .http()
      .post('/api/v1/detentions')
      .set('Authorization', await stack.as('casemanager', 'PI-ALMELO'))
      .send(intakeBody({ person: { name: NAME, bsn: '111222333' } }))
      .expect(201);
    workflowId = `detention-${res.body.id}`;
    await eventually(async () => {
      const { rows } = await stack.pg.query('SELECT count(*)::int AS n FROM tasks WHERE detention_id = $1', [
        res.body.id,
      ]);
      expect(rows[0].n).toBeGreaterThan(0);
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /**
   * A browser of one person: the codec session the Terugkeer UI opens at sign-in (refused to roles without codec
   * access), then the Temporal UI set up as README says.
   */
  async function personWith(
    role: string,
    org: string,
    sessionStatus: number,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${apiUrl}/health`);
    const authorization = await stack.as(role, org);
    const status = await page.evaluate(
      async (auth) => (await fetch('/codec/session', { method: 'POST', headers: { authorization: auth } })).status,
      authorization,
    );
    expect(status).toBe(sessionStatus);
    await page.goto(`${uiUrl}/namespaces/default/workflows`);
    await page
      .getByRole('button', { name: /codec server/i })
      .first()
      .click();
    await page.getByText('Use my browser setting', { exact: false }).click();
    await page.getByPlaceholder('Paste your endpoint here').fill(`${apiUrl}/codec`);
    await page.getByText(/include cross-origin credentials/i).click();
    await page.getByRole('button', { name: 'Apply' }).click();
    return { context, page };
  }

  const historyPage = () => `${uiUrl}/namespaces/default/workflows/${workflowId}`;

  it('shows a supervisor the decrypted history, and audits the decode', async () => {
    const { context, page } = await personWith('supervisor', '*', 204);
    await step(page, 'temporal-ui-supervisor', async () => {
      const decoded = page.waitForResponse((r) => r.url().startsWith(`${apiUrl}/codec/decode`));
      await page.goto(historyPage());
      expect((await decoded).status()).toBe(200);
      await page.getByText(NAME).first().waitFor({ timeout: 30_000 });
      await page.screenshot({ path: path.join(RESULTS, 'temporal-ui-supervisor.png') });
    });
    await context.close();
    const { rows } = await stack.pg.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'decode:codec'");
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it('shows a casemanager only ciphertext: no codec session for that role, so no decode', async () => {
    const { context, page } = await personWith('casemanager', 'PI-ALMELO', 403);
    await step(page, 'temporal-ui-casemanager', async () => {
      const refused = page.waitForResponse((r) => r.url().startsWith(`${apiUrl}/codec/decode`));
      await page.goto(historyPage());
      expect((await refused).status()).toBe(401);
      await page.locator('#content').getByText('Codec Server could not connect').waitFor({ timeout: 30_000 });
      expect(await page.getByText(NAME).count()).toBe(0);
      await page.screenshot({ path: path.join(RESULTS, 'temporal-ui-casemanager.png') });
    });
    await context.close();
  });
});
