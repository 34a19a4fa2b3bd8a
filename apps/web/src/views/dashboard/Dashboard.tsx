import {
  Heading1,
  Heading2,
  Link,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { CONDITIONS } from '../../app/facts';
import { href } from '../../app/router';
import { useLoad } from '../../app/use-load';
import { ErrorAlert, Light, Loading } from '../../components/common';
import { DataTable } from '../../components/DataTable';
import { SearchBox } from '../../components/SearchBox';
import { fill, formatDay, useT } from '../../i18n/i18n';

type Row = Schemas['ReadinessRowDto'];
const BOARD_SIZE = 100;
const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)}%`);

/** The supervisor's board: readiness of everyone in prison, riskiest first, and the outcome figures as tables. */
export function Dashboard() {
  const { t, lang } = useT();
  const [q, setQ] = useState('');
  // One page of the board, riskiest first; the search asks the API (the board holds everyone in prison in scope).
  const { data, error } = useLoad(
    () => unwrap(api.GET('/api/v1/dashboard', { params: { query: { pageSize: BOARD_SIZE, ...(q ? { q } : {}) } } })),
    [q],
  );
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loading />;
  const f = data.figures;
  const rows = data.readiness;
  const total = data.totalCapped ? `${data.total.toLocaleString(lang)}+` : data.total.toLocaleString(lang);
  return (
    <>
      <Heading1>{t('dashboard')}</Heading1>
      <Heading2>{t('readiness')}</Heading2>
      <div className="tk-toolbar">
        <SearchBox onSearch={setQ} initial={q} />
      </div>
      {rows.length === 0 && <Paragraph>{t('noItems')}</Paragraph>}
      {(data.totalCapped || data.total > rows.length) && (
        <Paragraph data-testid="board-shown">{fill(t('boardShown'), { shown: rows.length, total })}</Paragraph>
      )}
      <DataTable
        label={t('readiness')}
        testId="dashboard-readiness"
        rows={rows}
        rowKey={(row) => row.detentionId}
        columns={[
          {
            key: 'person',
            header: t('person'),
            cell: (row) => <Link href={href('detentions', row.detentionId)}>{row.personName}</Link>,
          },
          { key: 'ref', header: t('caseReference'), cell: (row) => row.caseReference ?? '—' },
          { key: 'prison', header: t('prison'), cell: (row) => row.prison },
          { key: 'release', header: t('expectedRelease'), cell: (row) => formatDay(row.expectedReleaseDate, lang) },
          { key: 'days', header: t('daysToRelease'), cell: (row) => row.daysToRelease ?? '—' },
          ...CONDITIONS.map((c) => ({
            key: c,
            header: t(`conditions.${c}`),
            cell: (row: Row) => <Light status={row.conditions[c] ?? null} />,
          })),
          { key: 'risk', header: t('risk'), cell: (row) => row.risk },
          { key: 'overdue', header: t('overdueTasks'), cell: (row) => row.overdueTasks },
        ]}
      />
      <Heading2>{t('releases')}</Heading2>
      <Table data-testid="release-figures">
        <TableCaption>
          {t('releases')}: {f.releases.releases}
        </TableCaption>
        <TableBody>
          <TableRow>
            <TableHeaderCell scope="row">{t('validId')}</TableHeaderCell>
            <TableCell>{pct(f.releases.validId)}</TableCell>
          </TableRow>
          <TableRow>
            <TableHeaderCell scope="row">{t('housing')}</TableHeaderCell>
            <TableCell>{pct(f.releases.housing)}</TableCell>
          </TableRow>
          <TableRow>
            <TableHeaderCell scope="row">{t('incomeDecided')}</TableHeaderCell>
            <TableCell>{pct(f.releases.incomeApplicationDecided)}</TableCell>
          </TableRow>
          <TableRow>
            <TableHeaderCell scope="row">{t('insuranceResumed')}</TableHeaderCell>
            <TableCell>{pct(f.releases.insuranceResumed)}</TableCell>
          </TableRow>
          <TableRow>
            <TableHeaderCell scope="row">{t('overdueTasks')}</TableHeaderCell>
            <TableCell>{f.tasks.overdue}</TableCell>
          </TableRow>
          <TableRow>
            <TableHeaderCell scope="row">{t('escalated')}</TableHeaderCell>
            <TableCell>{f.tasks.escalated}</TableCell>
          </TableRow>
        </TableBody>
      </Table>
      <Heading2>{t('partnerLoop')}</Heading2>
      <DataTable
        label={t('partnerLoop')}
        rows={f.partners}
        rowKey={(p) => p.partnerId}
        columns={[
          { key: 'partner', header: t('partner'), cell: (p) => p.partnerId },
          { key: 'loop', header: t('loopClosure'), cell: (p) => pct(p.loopClosureRate) },
          { key: 'ack', header: t('medianAck'), cell: (p) => p.medianHoursToAcknowledge ?? '—' },
        ]}
      />
    </>
  );
}
