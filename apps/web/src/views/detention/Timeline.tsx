import { FormLabel, Heading2, Select, SelectOption } from '@utrecht/component-library-react';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { useLoad } from '../../app/use-load';
import { ErrorAlert, Loading } from '../../components/common';
import { DataTable } from '../../components/DataTable';
import { formatDay, formatInstant, useT } from '../../i18n/i18n';

const KINDS = ['all', 'task', 'request', 'fact'] as const;
type Kind = (typeof KINDS)[number];

const kindOf = (e: Schemas['TimelineEventDto']): Kind =>
  e.type.startsWith('task-') ? 'task' : e.type.startsWith('request-') ? 'request' : 'fact';

/** The day an event is about (a release date, a response date), where it says so: not when it was processed. */
function businessDay(e: Schemas['TimelineEventDto']): string | null {
  const data = (e.data ?? {}) as Record<string, unknown>;
  for (const key of ['on', 'date', 'releaseDate', 'actualReleaseDate', 'expectedReleaseDate', 'effectiveDate']) {
    const value = data[key];
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  }
  return null;
}

/** Every event with its business date, processing time, who or which rule; filterable by kind. */
export function Timeline({ id }: { id: string }) {
  const { t, lang } = useT();
  const [kind, setKind] = useState<Kind>('all');
  const { data, error } = useLoad(
    () => unwrap(api.GET('/api/v1/detentions/{id}/timeline', { params: { path: { id } } })),
    [id],
  );
  const events = (data?.events ?? []).filter((e) => kind === 'all' || kindOf(e) === kind);
  return (
    <section aria-labelledby="timeline">
      <Heading2 id="timeline">{t('timeline')}</Heading2>
      {error && <ErrorAlert error={error} />}
      {!data && !error && <Loading />}
      {data && (
        <>
          <div className="tk-toolbar">
            <div>
              <FormLabel htmlFor="event-kind">{t('type')}</FormLabel>
              <Select id="event-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
                {KINDS.map((k) => (
                  <SelectOption key={k} value={k}>
                    {t(`eventKinds.${k}`, k)}
                  </SelectOption>
                ))}
              </Select>
            </div>
          </div>
          <DataTable
            label={t('events')}
            testId="timeline-events"
            rows={events}
            rowKey={(e) => e.seq}
            rowTestId={(e) => `event-${e.type}`}
            columns={[
              {
                key: 'day',
                header: t('eventDay', 'Datum'),
                cell: (e) => formatDay(businessDay(e) ?? e.at.slice(0, 10), lang),
              },
              { key: 'at', header: t('processedAt', 'Verwerkt'), cell: (e) => formatInstant(e.at, lang) },
              { key: 'type', header: t('type'), cell: (e) => t(`eventTypes.${e.type}`, e.type) },
              { key: 'by', header: t('by'), cell: (e) => e.by.label },
              { key: 'summary', header: t('summary', 'Omschrijving'), cell: (e) => e.summary },
            ]}
          />
          <Heading2>{t('planned')}</Heading2>
          <DataTable
            label={t('planned')}
            testId="planned-steps"
            rows={data.plannedSteps}
            rowKey={(s) => s.instanceId}
            columns={[
              { key: 'title', header: t('title'), cell: (s) => t(`steps.${s.stepId}`, s.title) },
              { key: 'planned', header: t('planned'), cell: (s) => formatDay(s.plannedDate, lang) },
              { key: 'due', header: t('due'), cell: (s) => formatDay(s.dueDate, lang) },
              {
                key: 'status',
                header: t('status'),
                cell: (s) => (s.late ? t('late') : t(`stepStates.${s.state}`, s.state)),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}
