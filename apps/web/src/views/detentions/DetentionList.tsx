import {
  Heading1,
  Link,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { api, unwrap } from '../../api/client';
import { href } from '../../app/router';
import { useLoad } from '../../app/use-load';
import { ErrorAlert, Loading } from '../../components/common';
import { formatDay, useT } from '../../i18n/i18n';

/** The detentions in scope, soonest release first as the API orders them. */
export function DetentionList() {
  const { t, lang } = useT();
  const { data, error } = useLoad(
    () => unwrap(api.GET('/api/v1/detentions', { params: { query: { pageSize: 200 } } })),
    [],
  );
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loading />;
  return (
    <>
      <Heading1>{t('detentions')}</Heading1>
      {data.items.length === 0 && <Paragraph>{t('noItems')}</Paragraph>}
      <TableContainer tabIndex={0} aria-label={t('detentions')}>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('person')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('caseReference')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('prison')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('municipality')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('phase')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('expectedRelease')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.items.map((d) => (
              <TableRow key={d.id}>
                <TableCell>
                  <Link href={href('detentions', d.id)}>{d.personName}</Link>
                </TableCell>
                <TableCell>{d.caseReference ?? '—'}</TableCell>
                <TableCell>{d.prison}</TableCell>
                <TableCell>{d.municipality}</TableCell>
                <TableCell>{t(`phases.${d.phase}`)}</TableCell>
                <TableCell>{formatDay(d.expectedReleaseDate, lang)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}
