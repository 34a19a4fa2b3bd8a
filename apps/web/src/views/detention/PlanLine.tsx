import type { Schemas } from '../../api/client';
import { todayInAmsterdam } from '../../app/facts';
import { fill, formatDay, useT } from '../../i18n/i18n';
import { describeEvent, type TimelineEvent } from './describe-event';

const DAY = 86_400_000;
const WIDTH = 1000;
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);

/**
 * The case on one line from intake on: a filled dot on each day something happened (its business date, not when it
 * was processed), an open dot for each step still planned, and the intake, the expected and the actual release and
 * today marked. A figure with its text alternative; the tables after it hold the same in text.
 */
export function PlanLine({
  detention: d,
  events,
  planned,
}: {
  detention: Schemas['DetentionDto'];
  events: readonly TimelineEvent[];
  planned: readonly Schemas['StepDto'][];
}) {
  const { t, lang } = useT();
  const today = todayInAmsterdam();
  const days = [
    d.intakeDate,
    d.expectedReleaseDate,
    d.actualReleaseDate,
    today,
    ...events.map((e) => e.on),
    ...planned.map((s) => s.plannedDate),
  ].filter((x): x is string => Boolean(x));
  const start = Math.min(...days.map(ms));
  const span = Math.max(Math.max(...days.map(ms)) - start, DAY);
  const x = (day: string) => 20 + ((ms(day) - start) / span) * (WIDTH - 40);
  const happened = new Map<string, TimelineEvent[]>();
  for (const e of events) happened.set(e.on, [...(happened.get(e.on) ?? []), e]);
  // Intake and releases labelled below the line, today above: close dates stay readable.
  const marks = [
    { day: d.intakeDate, label: 'I', y: 88 },
    { day: d.expectedReleaseDate, label: 'R', y: 88 },
    { day: d.actualReleaseDate, label: 'X', y: 88 },
    { day: today, label: t('today'), y: 14 },
  ].filter((m): m is { day: string; label: string; y: number } => Boolean(m.day));
  const end = d.actualReleaseDate ?? d.expectedReleaseDate;
  return (
    <figure className="tk-plan-line" data-testid="plan-line">
      {/* On a phone the line keeps a readable size and scrolls sideways in its own region. */}
      <div className="tk-plan-line__scroll" tabIndex={0} role="region" aria-label={t('planLine')}>
        <svg viewBox={`0 0 ${WIDTH} 96`} role="img" aria-labelledby="plan-line-caption">
          <line x1={20} x2={WIDTH - 20} y1={45} y2={45} className="tk-plan-line__axis" />
          {marks.map((m) => (
            <g key={m.label} transform={`translate(${x(m.day)},0)`}>
              <line y1={20} y2={70} className="tk-plan-line__mark" />
              <text y={m.y} textAnchor="middle" className="tk-plan-line__label">
                {m.label}
              </text>
            </g>
          ))}
          {planned
            .filter((s) => s.plannedDate)
            .map((s) => (
              <circle key={s.instanceId} cx={x(s.plannedDate!)} cy={45} r={5} className="tk-plan-line__planned">
                <title>{`${formatDay(s.plannedDate, lang)}: ${t(`steps.${s.stepId}`, s.title)} (${t('legendPlanned')})`}</title>
              </circle>
            ))}
          {[...happened].map(([day, list]) => (
            <circle key={day} cx={x(day)} cy={45} r={6} className="tk-plan-line__done" data-day={day}>
              <title>{`${formatDay(day, lang)}: ${list.map((e) => describeEvent(t, lang, e)).join('; ')}`}</title>
            </circle>
          ))}
        </svg>
      </div>
      <figcaption id="plan-line-caption">
        {fill(t('planLineAlt'), {
          intake: formatDay(d.intakeDate, lang),
          end: end ? formatDay(end, lang) : t('unknownDate'),
          done: events.length,
          planned: planned.length,
        })}
      </figcaption>
    </figure>
  );
}
