import type { Schemas } from '../../api/client';
import { CONDITIONS, type Condition } from '../../app/facts';
import { Light } from '../../components/common';
import { DataTable } from '../../components/DataTable';
import { formatDay, useT } from '../../i18n/i18n';

/** The five basic conditions of a case: the light, what it rests on, the need and the consent. */
export function Conditions({ detention: d }: { detention: Schemas['DetentionDto'] }) {
  const { t, lang } = useT();
  const yesNo = (c: Condition, v: boolean | null) =>
    v === null ? (d.basicConditions[c].shared ? '—' : t('notShared')) : v ? t('yes') : t('no');
  return (
    <DataTable
      label={t('basicConditions')}
      testId="conditions"
      rows={CONDITIONS}
      rowKey={(c) => c}
      rowTestId={(c) => `condition-${c}`}
      columns={[
        { key: 'condition', header: t('basicConditions'), rowHeader: true, cell: (c) => t(`conditions.${c}`) },
        {
          key: 'light',
          header: t('light'),
          cell: (c) => <Light status={d.basicConditions[c].status} reason={d.basicConditions[c].reason} />,
        },
        {
          key: 'source',
          header: t('source'),
          cell: (c) => {
            const condition = d.basicConditions[c];
            return [
              t(`sources.${condition.source}`),
              condition.requestStatus && t(`requestStatuses.${condition.requestStatus}`),
              condition.partnerId,
              condition.on && formatDay(condition.on, lang),
            ]
              .filter(Boolean)
              .join(' · ');
          },
        },
        { key: 'need', header: t('need'), cell: (c) => yesNo(c, d.basicConditions[c].needsHelp) },
        { key: 'consent', header: t('consent'), cell: (c) => yesNo(c, d.basicConditions[c].consent) },
      ]}
    />
  );
}
