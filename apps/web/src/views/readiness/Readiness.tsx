import { FormLabel, Heading1, Link, Paragraph, Select, SelectOption } from '@utrecht/component-library-react';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { CONDITIONS } from '../../app/facts';
import { href } from '../../app/router';
import { useLoad } from '../../app/use-load';
import { ErrorAlert, Light, Loading } from '../../components/common';
import { DataTable } from '../../components/DataTable';
import { SearchBox } from '../../components/SearchBox';
import { formatDay, useT } from '../../i18n/i18n';

type Row = Schemas['ReadinessItemDto'];

/** The home screen of casemanagers, municipalities and probation: released soon and what is missing. */
export function Readiness() {
  const { t, lang } = useT();
  const [days, setDays] = useState(30);
  const [q, setQ] = useState('');
  const { data, error } = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/readiness', {
          params: { query: { releaseWithinDays: days, pageSize: 100, ...(q ? { q } : {}) } },
        }),
      ),
    [days, q],
  );
  return (
    <>
      <Heading1>{t('readinessHome')}</Heading1>
      <div className="tk-toolbar">
        <div>
          <FormLabel htmlFor="within">{t('releaseWithin')}</FormLabel>
          <Select id="within" value={String(days)} onChange={(e) => setDays(Number(e.target.value))}>
            {[7, 14, 30, 60, 90].map((n) => (
              <SelectOption key={n} value={String(n)}>
                {n}
              </SelectOption>
            ))}
          </Select>
        </div>
        <SearchBox onSearch={setQ} />
      </div>
      {error && <ErrorAlert error={error} />}
      {!data && !error && <Loading />}
      {data && data.items.length === 0 && <Paragraph>{t('noItems')}</Paragraph>}
      {data && data.items.length > 0 && (
        <DataTable
          label={t('readinessHome')}
          testId="readiness"
          rows={data.items}
          rowKey={(row) => row.detentionId}
          rowTestId={(row) => `readiness-${row.detentionId}`}
          columns={[
            {
              key: 'person',
              header: t('person'),
              cell: (row) => <Link href={href('detentions', row.detentionId)}>{row.personName}</Link>,
            },
            { key: 'ref', header: t('caseReference'), cell: (row) => row.caseReference ?? '—' },
            { key: 'release', header: t('expectedRelease'), cell: (row) => formatDay(row.expectedReleaseDate, lang) },
            {
              key: 'days',
              header: t('daysLeft'),
              cell: (row) => row.daysLeft,
              className: (row) => (row.daysLeft <= 14 ? 'tk-urgent' : undefined),
            },
            ...CONDITIONS.map((c) => ({
              key: c,
              header: t(`conditions.${c}`),
              cell: (row: Row) => (
                <Light status={row.conditions[c].status} reason={t(`sources.${row.conditions[c].source}`)} />
              ),
            })),
            {
              key: 'missing',
              header: t('missing'),
              cell: (row) =>
                row.missing.length ? row.missing.map((c) => t(`conditions.${c}`)).join(', ') : t('nothingMissing'),
            },
            {
              key: 'tasks',
              header: t('openTasks'),
              cell: (row) =>
                `${row.tasks.open}${row.tasks.overdue > 0 ? ` (${row.tasks.overdue} ${t('overdue').toLowerCase()})` : ''}`,
            },
          ]}
        />
      )}
    </>
  );
}
