import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const RESULTS = path.resolve(__dirname, '../../test-results');

/**
 * Headless Chromium as this machine runs it: Debian's package, and no background networking (the closed network
 * refuses those connections, many at a time).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** Runs a step of a journey; on failure keeps a screenshot of what the browser showed in test-results/. */
export async function step(page: Page, name: string, body: () => Promise<void>) {
  try {
    await body();
  } catch (error) {
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * WCAG 2.1 AA by axe-core on what the page shows now: no critical and no serious violation. The report names each
 * violation with its nodes, so a failure says what to mend.
 */
export async function expectAccessible(page: Page, name: string) {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect({ page: name, violations: bad }).toEqual({ page: name, violations: [] });
}
