// Screenshots of the three main pages for the README, from a running `npm start -- --demo`:
//   node scripts/screenshots.mjs   (UI_URL, default http://localhost:3000; CHROMIUM_PATH, default /usr/bin/chromium)
import path from 'node:path';
import { ROOT } from './lib/util.mjs';

const { chromium } = await import('playwright-core');
const base = process.env.UI_URL ?? 'http://localhost:3000';
const out = path.join(ROOT, 'docs/screenshots');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'nl-NL' });
await page.addInitScript(() => localStorage.setItem('terugkeer.lang', 'nl'));

async function signIn(identity, ready) {
  await page.goto(`${base}/#/login`);
  await page.click(`[data-testid=identity-${identity}]`);
  await page.waitForSelector(`main[data-ready=${ready}]`);
}

await signIn('cm-almelo', 'tasks');
await page.goto(`${base}/#/tasks?status=open&sort=risk`);
await page.waitForSelector('main[data-ready=tasks] table');
await page.screenshot({ path: path.join(out, 'task-inbox.png') });

await page.goto(`${base}/#/detentions`);
await page.waitForSelector('main[data-ready=detentions] table');
await page.locator('a', { hasText: 'A. de Vries' }).click();
await page.waitForSelector('[data-testid=timeline-svg]');
await page.screenshot({ path: path.join(out, 'detention-timeline.png'), fullPage: false });

await page.click('nav button:text-matches("Uitloggen|Sign out")');
await signIn('inspector', 'dashboard');
await page.screenshot({ path: path.join(out, 'dashboard.png') });
await browser.close();
console.log(`screenshots written to ${path.relative(ROOT, out)}/`);
