import {
  FormLabel,
  Heading1,
  Link,
  Paragraph,
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
import { api, unwrap } from '../../api/client';
import { href } from '../../app/router';
import { useLoad } from '../../app/use-load';
import { ErrorAlert, Light, Loading } from '../../components/common';
import { SearchBox } from '../../components/SearchBox';
import { formatDay, useT } from '../../i18n/i18n';

const CONDITIONS = ['id', 'housing', 'income', 'debts', 'care'] as const;

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
        <TableContainer tabIndex={0} aria-label={t('readinessHome')}>
          <Table data-testid="readiness">
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('person')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('caseReference')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('expectedRelease')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('daysLeft')}</TableHeaderCell>
                {CONDITIONS.map((c) => (
                  <TableHeaderCell scope="col" key={c}>
                    {t(`conditions.${c}`)}
                  </TableHeaderCell>
                ))}
                <TableHeaderCell scope="col">{t('missing')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('openTasks')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.items.map((row) => (
                <TableRow key={row.detentionId} data-testid={`readiness-${row.detentionId}`}>
                  <TableCell>
                    <Link href={href('detentions', row.detentionId)}>{row.personName}</Link>
                  </TableCell>
                  <TableCell>{row.caseReference ?? '—'}</TableCell>
                  <TableCell>{formatDay(row.expectedReleaseDate, lang)}</TableCell>
                  <TableCell className={row.daysLeft <= 14 ? 'tk-urgent' : undefined}>{row.daysLeft}</TableCell>
                  {CONDITIONS.map((c) => (
                    <TableCell key={c}>
                      <Light status={row.conditions[c].status} reason={t(`sources.${row.conditions[c].source}`)} />
                    </TableCell>
                  ))}
                  <TableCell>
                    {row.missing.length ? row.missing.map((c) => t(`conditions.${c}`)).join(', ') : t('nothingMissing')}
                  </TableCell>
                  <TableCell>
                    {row.tasks.open}
                    {row.tasks.overdue > 0 ? ` (${row.tasks.overdue} ${t('overdue').toLowerCase()})` : ''}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </>
  );
}
