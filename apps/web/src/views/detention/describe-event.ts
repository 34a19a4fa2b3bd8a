import type { Schemas } from '../../api/client';
import { CONDITIONS } from '../../app/facts';
import { fill, formatDay, type Lang } from '../../i18n/i18n';

type T = (key: string, fallback?: string) => string;
export type TimelineEvent = Schemas['TimelineEventDto'];

/** What an event is about, in the UI language: its step (a task's step names it best), else its request or task. */
export function subjectLabel(t: T, e: TimelineEvent): string {
  const step = e.stepInstanceId?.split('#')[0];
  const byStep = step ? t(`steps.${step}`, '') : '';
  if (byStep) return byStep;
  if (!e.subject) return '';
  return e.subject.kind === 'task'
    ? t(`taskTypes.${e.subject.type}`, e.subject.type)
    : t(`steps.${e.subject.type}`, e.subject.type);
}

/** The event in a sentence of the UI language, from its type and facts (never the API's English summary). */
export function describeEvent(t: T, lang: Lang, e: TimelineEvent): string {
  const data = (e.data ?? {}) as Record<string, unknown>;
  const day = (value: unknown) => (typeof value === 'string' ? formatDay(value, lang) : t('unknownDate'));
  const list = (perCondition: unknown, say: (value: unknown) => string) =>
    CONDITIONS.filter((c) => perCondition && typeof perCondition === 'object' && c in perCondition)
      .map((c) => `${t(`conditions.${c}`)} ${say((perCondition as Record<string, unknown>)[c])}`)
      .join(', ');
  const values: Record<string, string> = {
    subject: subjectLabel(t, e),
    planned: day(data.plannedDate),
    due: day(data.dueDate),
    partner: String(data.partnerId ?? ''),
    status: t(`requestStatuses.${String(data.status)}`, String(data.status ?? '')),
    outcome: t(`outcomesByType.${String(data.outcome)}`, String(data.outcome ?? '')),
    deadline: String(data.deadline ?? ''),
    from: String(data.from ?? ''),
    to: String(data.to ?? ''),
    date: day(data.releaseDate ?? data.date),
    reason: t(`endReasons.${String(data.reason)}`, String(data.reason ?? '')),
    moment: t(`moments.${String(data.moment)}`, String(data.moment ?? '')),
    list: '',
    text: e.summary,
  };
  let key = e.type;
  if (e.type === 'step-fired' && data.late) key = 'step-fired-late';
  if (e.type === 'released' && data.releaseAddressKnown === false) key = 'released-no-address';
  if (e.type === 'expected-release-changed') Object.assign(values, { from: day(data.from), to: day(data.to) });
  if (e.type === 'consent-changed') values.list = list(data.consent, (v) => (v ? t('given') : t('refused')));
  if (e.type === 'measurement-taken') values.list = list(data.conditions, (v) => t(`statuses.${String(v)}`));
  const template = t(`eventText.${key}`, '');
  return template ? fill(template, values) : t(`eventTypes.${e.type}`, e.type);
}

/** Who or which rule did it, in the UI language: a rule by its moment and the step it fired for. */
export function actorLabel(t: T, e: TimelineEvent): string {
  const { by } = e;
  if (by.kind === 'rule') {
    const rule = by.label.split(' ')[0];
    const step = e.stepInstanceId ? subjectLabel(t, e) : '';
    return fill(t('actors.rule'), { label: step ? `${rule}: ${step}` : rule });
  }
  if (by.kind === 'partner') return fill(t('actors.partner'), { id: by.id ?? by.label });
  if (by.kind === 'system') {
    const partner = /^partner (.+)$/.exec(by.label);
    const part = partner ? fill(t('systemParts.partner'), { id: partner[1] }) : t(`systemParts.${by.label}`, by.label);
    return by.label === 'Terugkeer' ? part : fill(t('actors.system'), { label: part });
  }
  const [role, ...org] = by.label.split(' ');
  return fill(t('actors.user'), { role: t(`roleNames.${role}`, role), org: org.join(' ') });
}
