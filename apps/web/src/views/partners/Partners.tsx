import {
  Heading1,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { api, unwrap } from '../../api/client';
import { useLoad } from '../../app/use-load';
import { ErrorAlert, Loading } from '../../components/common';
import { useT } from '../../i18n/i18n';

/** The administrator's view of the partner registry. */
export function Partners() {
  const { t } = useT();
  const { data, error } = useLoad(() => unwrap(api.GET('/api/v1/partners')), []);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loading />;
  return (
    <>
      <Heading1>{t('partners')}</Heading1>
      <TableContainer tabIndex={0} aria-label={t('partners')}>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Id</TableHeaderCell>
              <TableHeaderCell scope="col">{t('name', 'Naam')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('type')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('municipality')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('delivery', 'Levering')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('status')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.items.map((p) => (
              <TableRow key={p.id}>
                <TableCell>{p.id}</TableCell>
                <TableCell>{p.name}</TableCell>
                <TableCell>{p.types.map((type) => t(`steps.${type}`, type)).join(', ')}</TableCell>
                <TableCell>{p.municipalities.join(', ')}</TableCell>
                <TableCell>{p.delivery}</TableCell>
                <TableCell>{p.active ? t('active', 'actief') : t('inactive', 'inactief')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}
