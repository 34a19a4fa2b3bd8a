import type { CalendarDate } from '../calendar';
import { addMonths, amsterdamDate, amsterdamInstant, daysBetween } from '../calendar';
import type { BasicCondition, ConditionStatus, Consent, Needs } from '../detention/detention-facts';
import type { RequestType } from '../playbook/playbook';
import type { RequestStatus } from '../requests/request-status';

/** Traffic light of a basic condition: arranged, in progress, at risk. */
export type Light = 'green' | 'amber' | 'red';

/** Within this many days of release, whatever is not arranged is red. */
export const URGENT_DAYS = 14;

/** What a condition's status rests on (the detention page shows it next to the light). */
export const CONDITION_SOURCES = [
  /** The screening (or, before it, the intake) says no help is needed. */
  'not-needed',
  /** The ID document: valid, or not proven valid, until six months after release (rule 11). */
  'id-document',
  /** The latest request for the condition: its status at its partner. */
  'request',
  /** Help is needed, but the detainee refused consent to ask the chain. */
  'consent-refused',
  /** Help is needed, nothing was asked yet and the screening is still to come. */
  'no-screening',
  /** Help is needed, the screening is done, and no request was made (yet). */
  'no-request',
  /** The release measurement (rule 12), unless something newer is known. */
  'release-measurement',
  /** What the municipality recorded at a check after release (48 hours, 4 weeks, 6 months; insurance resumption). */
  'aftercare-check',
] as const;
export type ConditionSource = (typeof CONDITION_SOURCES)[number];

/** The tasks that record the five conditions after release. */
export const CONDITION_CHECK_TASKS = ['aftercare-check', 'insurance-resumption'] as const;
export type ConditionCheckTask = (typeof CONDITION_CHECK_TASKS)[number];

/** The request that arranges each basic condition through the chain. */
export const CONDITION_REQUEST: Record<BasicCondition, RequestType> = {
  id: 'id-application',
  housing: 'housing-request',
  income: 'benefit-pre-application',
  debts: 'debt-help-referral',
  care: 'care-continuity',
};

/** When a condition counts as arranged by its request's status (an ID is arranged once issued). */
export const ARRANGED: Record<BasicCondition, readonly RequestStatus[]> = {
  id: ['completed'],
  housing: ['accepted', 'completed'],
  income: ['accepted', 'completed'],
  debts: ['accepted', 'completed'],
  care: ['accepted', 'completed'],
};

const FROM_MEASUREMENT: Record<ConditionStatus, Light> = { ok: 'green', attention: 'amber', missing: 'red' };

/**
 * Rule 11: an ID document is enough when it is valid until at least six months after the release (the actual one,
 * else the expected one, else from today). An expiry nobody recorded proves nothing.
 */
export function idDocumentCovers(expiry: CalendarDate | null, release: CalendarDate | null, today: CalendarDate) {
  return expiry !== null && expiry >= addMonths(release ?? today, 6);
}

/** The latest request for a condition, as far as its status goes. */
export interface RequestEvidence {
  status: RequestStatus;
  delivery: string;
  partnerId: string | null;
  /** When its status last changed (epoch ms): an outcome after a check or a measurement is newer than they are. */
  changedAt: number;
}

/** Everything that says something about one basic condition of one detention. */
export interface ConditionEvidence {
  condition: BasicCondition;
  needs: Needs;
  consent: Consent;
  today: CalendarDate;
  screeningCompletedDate: CalendarDate | null;
  expectedReleaseDate: CalendarDate | null;
  actualReleaseDate: CalendarDate | null;
  idDocumentExpiry: CalendarDate | null;
  /** The latest request for the condition (by sending), if any. */
  request: RequestEvidence | null;
  /** The condition's status in the release measurement, once taken. */
  releaseMeasurement: ConditionStatus | null;
  /** The condition's status as recorded by completed checks after release. */
  checks: readonly { status: ConditionStatus; at: number; task: ConditionCheckTask }[];
}

export interface ConditionVerdict {
  status: Light;
  source: ConditionSource;
  /** Why, in a sentence without personal data, e.g. `request completed by gm0363-wonen`. */
  reason: string;
  /** For a verdict from a request: its status and partner. */
  requestStatus: RequestStatus | null;
  partnerId: string | null;
  /** The day the evidence is from (a request's status change, a check, the release), where it has one. */
  on: CalendarDate | null;
}

const verdict = (
  status: Light,
  source: ConditionSource,
  reason: string,
  extra: Partial<Pick<ConditionVerdict, 'requestStatus' | 'partnerId' | 'on'>> = {},
): ConditionVerdict => ({ status, source, reason, requestStatus: null, partnerId: null, on: null, ...extra });

const isBlocked = (r: RequestEvidence) => r.status === 'declined' || ['failed', 'rejected'].includes(r.delivery);

function fromRequest(r: RequestEvidence, status: Light, urgent = false): ConditionVerdict {
  const partner = r.partnerId ?? 'the partner';
  const said = ['failed', 'rejected'].includes(r.delivery)
    ? `request could not be delivered to ${partner}`
    : r.status === 'sent'
      ? `request sent to ${partner}, not answered yet`
      : `request ${r.status} by ${partner}`;
  return verdict(status, 'request', urgent ? `${said}; release within ${URGENT_DAYS} days` : said, {
    requestStatus: r.status,
    partnerId: r.partnerId,
    on: amsterdamDate(r.changedAt),
  });
}

/** The light before any measurement or check: from the needs, the ID document, the request, consent and time. */
function live(e: ConditionEvidence, request: RequestEvidence | null): ConditionVerdict {
  const { condition, needs, consent, today } = e;
  const release = e.actualReleaseDate ?? e.expectedReleaseDate;
  const days = release === null ? null : daysBetween(today, release);
  const urgent = days !== null && days <= URGENT_DAYS;
  const screened = e.screeningCompletedDate !== null;
  const soon = urgent ? `; release within ${URGENT_DAYS} days` : '';
  const nothingAsked = (light: Light, idDocument: boolean): ConditionVerdict => {
    if (consent[condition] === false)
      return verdict('red', 'consent-refused', 'consent refused: no request can be made');
    if (idDocument)
      return verdict(light, 'id-document', `ID document not proven valid until 6 months after release${soon}`);
    return screened
      ? verdict(light, 'no-request', `no request made yet${soon}`)
      : verdict(light, 'no-screening', `no screening yet${soon}`);
  };
  const inTime: Light = urgent ? 'red' : 'amber';

  if (condition === 'id') {
    if (request?.status === 'completed') return fromRequest(request, 'green');
    if (request && isBlocked(request)) return fromRequest(request, 'red');
    if (!needs.id && idDocumentCovers(e.idDocumentExpiry, release, today)) {
      return verdict('green', 'id-document', 'a valid ID document lasts until 6 months after release');
    }
    // A missing application: refused consent, or none made by now (after the screening, or close to release).
    if (request === null) return nothingAsked(screened ? 'red' : inTime, !needs.id);
    return fromRequest(request, inTime, urgent);
  }

  if (!needs[condition]) {
    return verdict('green', 'not-needed', screened ? 'no help needed (screening)' : 'no help needed (at intake)');
  }
  if (request && ARRANGED[condition].includes(request.status)) return fromRequest(request, 'green');
  if (request && isBlocked(request)) return fromRequest(request, 'red');
  if (request === null) return nothingAsked(inTime, false);
  return fromRequest(request, inTime, urgent);
}

/**
 * One truth per basic condition, for every screen (detention page, readiness lists, dashboard): the newest of what
 * is known wins. Before any measurement or check, the light follows the help needed, the ID document (rule 11),
 * the latest request, consent and the days left. Once the release measurement was taken or a check after release
 * recorded the condition, the newest of those counts — unless the request reached an outcome (arranged, declined,
 * undeliverable) after it, which is newer still. A withdrawn request arranges nothing: as if there were none.
 */
export function conditionStatus(e: ConditionEvidence): ConditionVerdict {
  const request = e.request?.status === 'withdrawn' ? null : e.request;
  // `rank` breaks a tie of instants: a request's outcome on the day of release came after the measurement.
  type Candidate = { at: number; rank: number; verdict: () => ConditionVerdict };
  const candidates: Candidate[] = [];
  const measured = e.releaseMeasurement;
  if (measured && e.actualReleaseDate) {
    const on = e.actualReleaseDate;
    const at = amsterdamInstant(on);
    candidates.push({
      at,
      rank: 0,
      verdict: () =>
        verdict(FROM_MEASUREMENT[measured], 'release-measurement', `measured at release: ${measured}`, { on }),
    });
  }
  for (const check of e.checks) {
    const on = amsterdamDate(check.at);
    const what = check.task === 'aftercare-check' ? 'aftercare check' : 'insurance-resumption check';
    candidates.push({
      at: check.at,
      rank: 1,
      verdict: () => verdict(FROM_MEASUREMENT[check.status], 'aftercare-check', `${what}: ${check.status}`, { on }),
    });
  }
  if (!candidates.length) return live(e, request);
  if (request && (ARRANGED[e.condition].includes(request.status) || isBlocked(request))) {
    const light: Light = ARRANGED[e.condition].includes(request.status) ? 'green' : 'red';
    candidates.push({ at: request.changedAt, rank: 2, verdict: () => fromRequest(request, light) });
  }
  // The newest wins; on a tie the later kind, and between two checks at one instant the worse (order-free).
  const severity = { green: 0, amber: 1, red: 2 } as const;
  const newer = (a: Candidate, b: Candidate) =>
    a.at - b.at || a.rank - b.rank || severity[a.verdict().status] - severity[b.verdict().status];
  const newest = candidates.reduce((best, c) => (newer(c, best) > 0 ? c : best));
  return newest.verdict();
}

/** The conditions not arranged (red or amber), in the order of the basic conditions; unknown ones (null) are not. */
export function missingConditions(statuses: Partial<Record<BasicCondition, { status: Light | null } | null>>) {
  return (Object.keys(CONDITION_REQUEST) as BasicCondition[]).filter((c) => {
    const status = statuses[c]?.status;
    return status === 'red' || status === 'amber';
  });
}
