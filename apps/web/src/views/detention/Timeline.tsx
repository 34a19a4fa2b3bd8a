import {
  FormLabel,
  Heading2,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { useLoad } from '../../app/use-load';
import { ErrorAlert, Loading } from '../../components/common';
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
          <TableContainer tabIndex={0} aria-label={t('events')}>
            <Table data-testid="timeline-events">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('eventDay', 'Datum')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('processedAt', 'Verwerkt')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('type')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('by')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('summary', 'Omschrijving')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {events.map((e) => (
                  <TableRow key={e.seq} data-testid={`event-${e.type}`}>
                    <TableCell>{formatDay(businessDay(e) ?? e.at.slice(0, 10), lang)}</TableCell>
                    <TableCell>{formatInstant(e.at, lang)}</TableCell>
                    <TableCell>{t(`eventTypes.${e.type}`, e.type)}</TableCell>
                    <TableCell>{e.by.label}</TableCell>
                    <TableCell>{e.summary}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <Heading2>{t('planned')}</Heading2>
          <TableContainer tabIndex={0} aria-label={t('planned')}>
            <Table data-testid="planned-steps">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('title')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('planned')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('due')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('status')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.plannedSteps.map((s) => (
                  <TableRow key={s.instanceId}>
                    <TableCell>{t(`steps.${s.stepId}`, s.title)}</TableCell>
                    <TableCell>{formatDay(s.plannedDate, lang)}</TableCell>
                    <TableCell>{formatDay(s.dueDate, lang)}</TableCell>
                    <TableCell>{s.late ? t('late') : t(`stepStates.${s.state}`, s.state)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </>
      )}
    </section>
  );
}
