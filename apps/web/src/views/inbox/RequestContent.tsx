import { DataList, DataListItem, DataListKey, DataListValue, Heading3 } from '@utrecht/component-library-react';
import { useT } from '../../i18n/i18n';

/** Flattens the data a request was sent with into labelled lines (`person.name`, `casemanager.phone`, `needs`). */
function lines(value: unknown, prefix = ''): [string, string][] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return [[prefix, value.join(', ')]];
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      lines(v, prefix ? `${prefix}.${k}` : k),
    );
  }
  return [[prefix, typeof value === 'boolean' ? String(value) : String(value)]];
}

/** What the partner was sent: the minimal data of the request, including who to contact. */
export function RequestContent({ data }: { data: Record<string, unknown> }) {
  const { t } = useT();
  const entries = lines(data);
  return (
    <section>
      <Heading3>{t('content')}</Heading3>
      <DataList>
        {entries.map(([key, value]) => (
          <DataListItem key={key}>
            <DataListKey>{t(`payload.${key}`, key)}</DataListKey>
            <DataListValue>{value === 'true' ? t('yes') : value === 'false' ? t('no') : value}</DataListValue>
          </DataListItem>
        ))}
      </DataList>
    </section>
  );
}
