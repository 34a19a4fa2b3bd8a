import { FormLabel, Heading2, Select, SelectOption } from '@utrecht/component-library-react';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { useLoad } from '../../app/use-load';
import { ErrorAlert, Loading } from '../../components/common';
import { ConditionSelect } from '../../components/ConditionSelect';
import { DataTable } from '../../components/DataTable';
import { formatDay, formatInstant, useT } from '../../i18n/i18n';
import { actorLabel, describeEvent, type TimelineEvent } from './describe-event';
import { PlanLine } from './PlanLine';
import { WhyChain } from './WhyChain';

const KINDS = ['all', 'task', 'request', 'fact', 'note'] as const;
type Kind = (typeof KINDS)[number];

const kindOf = (e: TimelineEvent): Kind =>
  e.type === 'note' ? 'note' : e.type.startsWith('task-') ? 'task' : e.type.startsWith('request-') ? 'request' : 'fact';

/** In the order things happened: by the day they are about, then as Terugkeer processed them. */
const byDay = (events: readonly TimelineEvent[]) =>
  events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.on.localeCompare(b.e.on) || a.i - b.i)
    .map(({ e }) => e);

/**
 * What happened when, for the people on the case and the inspector alike: the plan line, the chain per condition,
 * and every event with the day it is about, when it was processed and who or which rule did it, filterable by kind
 * and condition; then the steps still planned.
 */
export function Timeline({ id, detention }: { id: string; detention: Schemas['DetentionDto'] }) {
  const { t, lang } = useT();
  const [kind, setKind] = useState<Kind>('all');
  const [condition, setCondition] = useState<string>('all');
  const { data, error } = useLoad(
    () => unwrap(api.GET('/api/v1/detentions/{id}/timeline', { params: { path: { id } } })),
    [id],
  );
  const all = byDay(data?.events ?? []);
  const events = all.filter(
    (e) => (kind === 'all' || kindOf(e) === kind) && (condition === 'all' || e.conditions.includes(condition as never)),
  );
  return (
    <section aria-labelledby="timeline">
      <Heading2 id="timeline">{t('timeline')}</Heading2>
      {error && <ErrorAlert error={error} />}
      {!data && !error && <Loading />}
      {data && (
        <>
          <PlanLine detention={detention} events={all} planned={data.plannedSteps} />
          <WhyChain detention={detention} events={all} />
          <Heading2>{t('events')}</Heading2>
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
            <ConditionSelect id="event-condition" value={condition} onChange={setCondition} all />
          </div>
          <DataTable
            label={t('events')}
            testId="timeline-events"
            rows={events}
            rowKey={(e) => `${e.seq}-${e.type}-${e.at}`}
            rowTestId={(e) => `event-${e.type}`}
            columns={[
              { key: 'day', header: t('eventDay'), cell: (e) => formatDay(e.on, lang) },
              { key: 'at', header: t('processedAt'), cell: (e) => formatInstant(e.at, lang) },
              { key: 'type', header: t('type'), cell: (e) => t(`eventTypes.${e.type}`, e.type) },
              { key: 'by', header: t('by'), cell: (e) => actorLabel(t, e) },
              { key: 'summary', header: t('summary'), cell: (e) => describeEvent(t, lang, e) },
              { key: 'reason', header: t('writtenReason'), cell: (e) => e.reason ?? '' },
              {
                key: 'about',
                header: t('about'),
                cell: (e) => e.conditions.map((c) => t(`conditions.${c}`)).join(', '),
              },
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
