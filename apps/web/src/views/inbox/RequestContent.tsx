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

/** Labels of the payload's fields, from the labels the rest of the UI uses (`helpNeeded.id` → "Hulpvraag: ID"). */
function labelOf(t: (key: string, fallback?: string) => string, key: string): string {
  const [head, tail] = key.split('.', 2);
  const own: Record<string, string> = {
    'person.bsn': 'BSN',
    'person.name': t('name'),
    'person.dateOfBirth': t('dateOfBirth'),
    'casemanager.name': t('casemanager'),
    'casemanager.email': `${t('casemanager')}: ${t('email')}`,
    'casemanager.phone': `${t('casemanager')}: ${t('phone')}`,
    prison: t('prison'),
    municipality: t('municipality'),
    probation: t('probation'),
    intakeDate: t('intake'),
    expectedReleaseDate: t('expectedRelease'),
    releaseDate: t('actualRelease'),
    caseReference: t('caseReference'),
  };
  if (own[key]) return own[key];
  if (head === 'helpNeeded' && tail) return `${t('need')}: ${t(`needs.${tail}`, tail)}`;
  return t(`payload.${key}`, key);
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
            <DataListKey>{labelOf(t, key)}</DataListKey>
            <DataListValue>{value === 'true' ? t('yes') : value === 'false' ? t('no') : value}</DataListValue>
          </DataListItem>
        ))}
      </DataList>
    </section>
  );
}
