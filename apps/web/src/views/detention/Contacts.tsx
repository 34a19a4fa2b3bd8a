import { DataList, DataListItem, DataListKey, DataListValue, Heading2, Link } from '@utrecht/component-library-react';
import { MUNICIPALITIES } from '../../../../../libs/domain/src/reference/municipalities';
import { PRISONS } from '../../../../../libs/domain/src/reference/prisons';
import type { Schemas } from '../../api/client';
import { fill, useT } from '../../i18n/i18n';

type Contact = Schemas['DetentionDto']['contacts'][number];

/**
 * Whom to call about the case: its casemanager, and the registered contacts of its municipality and probation
 * organisation. An organisation that registered none is said so, so that nobody looks for a number that is not there.
 */
export function Contacts({ detention: d }: { detention: Schemas['DetentionDto'] }) {
  const { t } = useT();
  const prison = PRISONS.find((p) => p.code === d.prison)?.name ?? d.prison;
  const municipality = MUNICIPALITIES[d.municipality]
    ? `${MUNICIPALITIES[d.municipality]} (${d.municipality})`
    : d.municipality;
  const groups = [
    { role: 'casemanager', organisation: d.prison, label: `${t('contactOf.casemanager')} · ${prison}`, name: prison },
    {
      role: 'municipality',
      organisation: d.municipality,
      label: `${t('contactOf.municipality')} ${municipality}`,
      name: municipality,
    },
    {
      role: 'probation',
      organisation: d.probation,
      label: `${t('contactOf.probation')} ${d.probation}`,
      name: d.probation,
    },
  ];
  return (
    <section aria-labelledby="contacts-heading">
      <Heading2 id="contacts-heading">{t('contacts')}</Heading2>
      <DataList data-testid="contacts">
        {groups.map((g) => {
          const own = d.contacts.filter((c) => c.role === g.role && c.organisation === g.organisation);
          return (
            <DataListItem key={g.role} data-testid={`contacts-${g.role}`}>
              <DataListKey>{g.label}</DataListKey>
              <DataListValue>
                {own.length === 0
                  ? fill(t(`noContact.${g.role}`, '—'), { name: g.name })
                  : own.map((c) => <ContactLine key={`${c.email}-${c.name}`} contact={c} />)}
              </DataListValue>
            </DataListItem>
          );
        })}
      </DataList>
    </section>
  );
}

function ContactLine({ contact: c }: { contact: Contact }) {
  const { t } = useT();
  return (
    <div>
      {c.name}
      {c.phone && (
        <>
          {' '}
          · {t('phone')}: <Link href={`tel:${c.phone}`}>{c.phone}</Link>
        </>
      )}{' '}
      · {t('email')}: <Link href={`mailto:${c.email}`}>{c.email}</Link>
    </div>
  );
}
