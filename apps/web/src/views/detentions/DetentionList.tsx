import { Heading1, Link, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { href } from '../../app/router';
import { useLoad } from '../../app/use-load';
import { ErrorAlert, Loading } from '../../components/common';
import { DataTable } from '../../components/DataTable';
import { SearchBox } from '../../components/SearchBox';
import { formatDay, useT } from '../../i18n/i18n';

/** The detentions in scope, soonest release first as the API orders them. */
export function DetentionList() {
  const { t, lang } = useT();
  const [q, setQ] = useState('');
  const { data, error } = useLoad(
    () => unwrap(api.GET('/api/v1/detentions', { params: { query: { pageSize: 200, ...(q ? { q } : {}) } } })),
    [q],
  );
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loading />;
  return (
    <>
      <Heading1>{t('detentions')}</Heading1>
      <SearchBox onSearch={setQ} initial={q} />
      {data.items.length === 0 && <Paragraph>{t('noItems')}</Paragraph>}
      <DataTable
        label={t('detentions')}
        rows={data.items}
        rowKey={(d) => d.id}
        columns={[
          {
            key: 'person',
            header: t('person'),
            cell: (d) => <Link href={href('detentions', d.id)}>{d.personName}</Link>,
          },
          { key: 'ref', header: t('caseReference'), cell: (d) => d.caseReference ?? '—' },
          { key: 'prison', header: t('prison'), cell: (d) => d.prison },
          { key: 'municipality', header: t('municipality'), cell: (d) => d.municipality },
          { key: 'phase', header: t('phase'), cell: (d) => t(`phases.${d.phase}`) },
          { key: 'release', header: t('expectedRelease'), cell: (d) => formatDay(d.expectedReleaseDate, lang) },
        ]}
      />
    </>
  );
}
