import {
  Heading1,
  Heading2,
  Link,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableContainer,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { api, unwrap } from '../../api/client';
import { href } from '../../app/router';
import { useLoad } from '../../app/use-load';
import { ErrorAlert, Light, Loading } from '../../components/common';
import { formatDay, useT } from '../../i18n/i18n';

const CONDITIONS = ['id', 'housing', 'income', 'debts', 'care'] as const;
const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)}%`);

/** The supervisor's board: readiness of everyone in prison, riskiest first, and the outcome figures as tables. */
export function Dashboard() {
  const { t, lang } = useT();
  const { data, error } = useLoad(() => unwrap(api.GET('/api/v1/dashboard')), []);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loading />;
  const f = data.figures;
  return (
    <>
      <Heading1>{t('dashboard')}</Heading1>
      <Heading2>{t('readiness')}</Heading2>
      <TableContainer tabIndex={0} aria-label={t('readiness')}>
        <Table data-testid="dashboard-readiness">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('person')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('prison')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('expectedRelease')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('daysToRelease')}</TableHeaderCell>
              {CONDITIONS.map((c) => (
                <TableHeaderCell scope="col" key={c}>
                  {t(`conditions.${c}`)}
                </TableHeaderCell>
              ))}
              <TableHeaderCell scope="col">{t('risk')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('overdueTasks')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.readiness.map((row) => (
              <TableRow key={row.detentionId}>
                <TableCell>
                  <Link href={href('detentions', row.detentionId)}>{row.personName}</Link>
                </TableCell>
                <TableCell>{row.prison}</TableCell>
                <TableCell>{formatDay(row.expectedReleaseDate, lang)}</TableCell>
                <TableCell>{row.daysToRelease ?? '—'}</TableCell>
                {CONDITIONS.map((c) => (
                  <TableCell key={c}>
                    <Light status={row.conditions[c] ?? null} />
                  </TableCell>
                ))}
                <TableCell>{row.risk}</TableCell>
                <TableCell>{row.overdueTasks}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
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
      <TableContainer tabIndex={0} aria-label={t('partnerLoop')}>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('partner')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('loopClosure')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('medianAck')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {f.partners.map((p) => (
              <TableRow key={p.partnerId}>
                <TableCell>{p.partnerId}</TableCell>
                <TableCell>{pct(p.loopClosureRate)}</TableCell>
                <TableCell>{p.medianHoursToAcknowledge ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}
