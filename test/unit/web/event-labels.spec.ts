import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CASE as CASE_EN } from '../../../apps/web/src/i18n/en/case';
import { EVENTS as EVENTS_EN } from '../../../apps/web/src/i18n/en/events';
import { CASE as CASE_NL } from '../../../apps/web/src/i18n/nl/case';
import { EVENTS as EVENTS_NL } from '../../../apps/web/src/i18n/nl/events';

/**
 * Every kind of event the workflow writes on a timeline is said in words in both languages of the UI (never the
 * API's English summary): a name for its type and a sentence for what happened.
 */
const DIR = path.join(__dirname, '../../../workflows/src');
const eventTypes = [
  ...new Set(
    readdirSync(DIR)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(path.join(DIR, f), 'utf8').matchAll(/type: '([a-z-]+)',[^{}]*?summary:/g)])
      .map((m) => m[1]),
  ),
].sort();

describe('timeline event labels', () => {
  it('finds the event types of the workflow', () => {
    expect(eventTypes).toEqual(
      expect.arrayContaining(['registered', 'released', 'request-response', 'task-completed']),
    );
    expect(eventTypes.length).toBeGreaterThan(30);
  });

  it.each(eventTypes)('%s has a name and a sentence in Dutch and English', (type) => {
    for (const [cases, events] of [
      [CASE_NL, EVENTS_NL],
      [CASE_EN, EVENTS_EN],
    ] as const) {
      expect((cases.eventTypes as Record<string, string>)[type]).toEqual(expect.any(String));
      expect((events.eventText as Record<string, string>)[type]).toEqual(expect.any(String));
    }
  });
});
