// Screenshots of the web UI for the README, desktop (1280 px) and phone (390 px), from a running
// `npm start -- --demo`:
//   node scripts/screenshots.mjs   (UI_URL, default http://localhost:3000; CHROMIUM_PATH, default /usr/bin/chromium)
import path from 'node:path';
import { ROOT } from './lib/util.mjs';

const { chromium } = await import('playwright-core');
const base = `${process.env.UI_URL ?? 'http://localhost:3000'}/ui/`;
const out = path.join(ROOT, 'docs/screenshots');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});

async function shoot(width, height, suffix) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'nl-NL' });
  const page = await context.newPage();
  const signIn = async (identity, ready) => {
    await page.goto(base);
    await page.waitForSelector('main[data-ready]');
    const signOut = page.getByRole('button', { name: 'Uitloggen' });
    if (await signOut.count()) await signOut.click();
    await page.click(`[data-testid=identity-${identity}]`);
    await page.waitForSelector(`main[data-ready=${ready}]`);
  };
  const snap = async (name) => page.screenshot({ path: path.join(out, `${name}${suffix}.png`) });

  await signIn('cm-almelo', 'home');
  await page.waitForSelector('[data-testid=readiness], main p:not([role=status])');
  await snap('home-readiness');
  await page.goto(`${base}#/tasks`);
  await page.waitForSelector('main[data-ready=tasks] table');
  await snap('task-inbox');
  await page.goto(`${base}#/detentions`);
  await page.waitForSelector('main[data-ready=detentions] table');
  await page.locator('main a').first().click();
  await page.waitForSelector('[data-testid=conditions]');
  await snap('detention');
  await signIn('inspector', 'dashboard');
  await page.waitForSelector('[data-testid=dashboard-readiness]');
  await snap('dashboard');
  // The inspector's case view: a released case, the chain per condition ("why no ID?").
  await page.goto(`${base}#/detentions`);
  await page.waitForSelector('main[data-ready=detentions] table');
  const released = page
    .locator('main tr', { hasText: /nazorg|aftercare/ })
    .locator('a')
    .first();
  await ((await released.count()) ? released : page.locator('main a').first()).click();
  await page.waitForSelector('[data-testid=why-chain]');
  await page.locator('[data-testid=why-chain]').scrollIntoViewIfNeeded();
  await page.locator('[data-testid=plan-line]').evaluate((figure) => figure.scrollIntoView());
  await snap('inspector-why');
  await signIn('gm0599-nazorg', 'inbox');
  await page.waitForSelector('main article, main p:not([role=status])');
  await snap('partner-inbox');
  await context.close();
}

await shoot(1280, 860, '');
await shoot(390, 844, '-phone');
await browser.close();
console.log(`screenshots written to ${path.relative(ROOT, out)}/`);
