import { Paragraph } from '@utrecht/component-library-react';
import { api, unwrap, type Schemas } from '../../../api/client';
import { CONDITIONS } from '../../../app/facts';
import { PlanChanges } from '../../../components/PlanChanges';
import { formatDay, type Lang } from '../../../i18n/i18n';
import type { CaseAction, Values } from './ActionDialog';
import { MUNICIPALITY_OPTIONS, PRISON_OPTIONS } from './reference';

type T = (key: string, fallback?: string) => string;
type Detention = Schemas['DetentionDto'];
const END_REASONS = ['deceased', 'escaped', 'extradited', 're-detained', 'other'] as const;

const say = (text: string) => <Paragraph>{text}</Paragraph>;
const path = (id: string) => ({ params: { path: { id } } });

/** The actions on a case the signed-in role may take, each with its form, consequence and effect. */
export function caseActions(d: Detention, role: string, t: T, lang: Lang): CaseAction[] {
  const yesNo: [string, string] = [t('yes'), t('no')];
  const id = d.id;
  const contact = [
    { name: 'casemanager.name', label: t('name', 'Naam'), kind: 'text' as const, required: true },
    { name: 'casemanager.email', label: t('email'), kind: 'email' as const, required: true },
    { name: 'casemanager.phone', label: t('phone'), kind: 'tel' as const, required: true },
  ];
  const casemanagerOf = (v: Values) => ({
    name: v['casemanager.name'],
    email: v['casemanager.email'],
    phone: v['casemanager.phone'],
  });
  const all: (CaseAction & { roles: string[] })[] = [
    {
      key: 'expected-release',
      roles: ['casemanager'],
      title: t('actions.expectedRelease', 'Verwachte invrijheidstelling wijzigen'),
      fields: [
        { name: 'expectedReleaseDate', label: t('expectedRelease'), kind: 'date' },
        { name: 'reason', label: t('reason'), kind: 'textarea', required: true },
      ],
      initial: { expectedReleaseDate: d.expectedReleaseDate ?? '' },
      consequence: async (v) => {
        const preview = await unwrap(
          api.GET('/api/v1/detentions/{id}/preview', {
            params: {
              path: { id },
              query: v.expectedReleaseDate ? { expectedReleaseDate: v.expectedReleaseDate as never } : {},
            },
          }),
        );
        return <PlanChanges changes={preview.changes} testId="action-preview" />;
      },
      apply: async (v) =>
        unwrap(
          api.PUT('/api/v1/detentions/{id}/expected-release', {
            ...path(id),
            body: { expectedReleaseDate: (v.expectedReleaseDate || null) as never, reason: v.reason },
          }),
        ),
    },
    {
      key: 'release',
      roles: ['casemanager'],
      title: t('actions.release', 'Invrijheidstelling vastleggen'),
      fields: [
        { name: 'releaseDate', label: t('actualRelease'), kind: 'date', required: true },
        {
          name: 'releaseAddressKnown',
          label: t('actions.addressKnown', 'Adres na vrijlating bekend'),
          kind: 'yes-no',
          required: true,
          yesNo,
        },
      ],
      consequence: (v) =>
        say(
          `${t('actions.releaseConsequence', 'De zaak gaat naar nazorg op')} ${formatDay(v.releaseDate, lang)}; ${t('actions.releaseNotice', 'gemeente en reclassering krijgen de melding invrijheidstelling; nog open stappen vóór de vrijlating vervallen.')}`,
        ),
      apply: async (v) =>
        (
          await unwrap(
            api.POST('/api/v1/detentions/{id}/release', {
              ...path(id),
              body: { releaseDate: v.releaseDate, releaseAddressKnown: v.releaseAddressKnown === 'true' },
            }),
          )
        ).changes,
    },
    {
      key: 'transfer',
      roles: ['casemanager'],
      title: t('actions.transfer', 'Overplaatsen'),
      fields: [
        {
          name: 'prison',
          label: t('prison'),
          kind: 'select',
          required: true,
          options: PRISON_OPTIONS.filter(([c]) => c !== d.prison),
        },
        { name: 'date', label: t('actions.date', 'Datum'), kind: 'date', required: true },
        ...contact.map((f) => ({
          ...f,
          label: `${t('actions.newCasemanager', 'Nieuwe casemanager')}: ${f.label}`,
          required: false,
        })),
      ],
      consequence: (v) =>
        say(
          `${t('actions.transferConsequence', 'Open taken van de PI gaan naar')} ${v.prison}; ${t('actions.transferScope', 'de huidige PI ziet de zaak daarna niet meer.')}`,
        ),
      apply: async (v) =>
        (
          await unwrap(
            api.POST('/api/v1/detentions/{id}/transfer', {
              ...path(id),
              body: {
                prison: v.prison,
                date: v.date,
                ...(v['casemanager.name'] ? { casemanager: casemanagerOf(v) } : {}),
              },
            }),
          )
        ).changes,
    },
    {
      key: 'municipality',
      roles: ['casemanager', 'municipality'],
      title: t('actions.municipality', 'Gemeente wijzigen'),
      fields: [
        {
          name: 'municipality',
          label: t('municipality'),
          kind: 'select',
          required: true,
          options: MUNICIPALITY_OPTIONS.filter(([c]) => c !== d.municipality),
        },
        { name: 'reason', label: t('reason'), kind: 'textarea', required: true },
      ],
      consequence: (v) =>
        say(
          `${t('actions.municipalityConsequence', 'Lopende verzoeken aan partners van de huidige gemeente worden ingetrokken en opnieuw gericht aan')} ${v.municipality}.`,
        ),
      apply: async (v) =>
        (
          await unwrap(
            api.POST('/api/v1/detentions/{id}/municipality', {
              ...path(id),
              body: { municipality: v.municipality, reason: v.reason },
            }),
          )
        ).changes,
    },
    {
      key: 'end',
      roles: ['casemanager'],
      title: t('actions.end', 'Zaak beëindigen'),
      fields: [
        {
          name: 'reason',
          label: t('reason'),
          kind: 'select',
          required: true,
          options: END_REASONS.map((r) => [r, t(`endReasons.${r}`, r)]),
        },
        { name: 'date', label: t('actions.date', 'Datum'), kind: 'date', required: true },
        { name: 'note', label: t('fields.note'), kind: 'textarea' },
      ],
      consequence: () =>
        say(
          t(
            'actions.endConsequence',
            'Alle open taken vervallen en lopende verzoeken worden ingetrokken; partners krijgen geen reden te horen.',
          ),
        ),
      apply: async (v) =>
        (
          await unwrap(
            api.POST('/api/v1/detentions/{id}/end', {
              ...path(id),
              body: {
                reason: v.reason as (typeof END_REASONS)[number],
                date: v.date,
                ...(v.note ? { note: v.note } : {}),
              },
            }),
          )
        ).changes,
    },
    {
      key: 'consent',
      roles: ['casemanager'],
      title: t('actions.consent', 'Toestemming per basisvoorwaarde'),
      fields: CONDITIONS.map((c) => ({
        name: c,
        label: t(`conditions.${c}`),
        kind: 'yes-no' as const,
        required: true,
        yesNo,
      })),
      initial: Object.fromEntries(
        CONDITIONS.filter((c) => d.consent[c] !== undefined).map((c) => [c, String(d.consent[c])]),
      ),
      consequence: (v) =>
        say(
          `${t('actions.consentConsequence', 'Zonder toestemming ziet de keten de basisvoorwaarde niet meer en worden verzoeken erover ingetrokken:')} ${
            CONDITIONS.filter((c) => v[c] === 'false')
              .map((c) => t(`conditions.${c}`))
              .join(', ') || '—'
          }`,
        ),
      apply: async (v) =>
        (
          await unwrap(
            api.PUT('/api/v1/detentions/{id}/consent', {
              ...path(id),
              body: Object.fromEntries(CONDITIONS.map((c) => [c, v[c] === 'true'])),
            }),
          )
        ).changes,
    },
    {
      key: 'casemanager',
      roles: ['casemanager'],
      title: t('actions.casemanager', 'Casemanager wijzigen'),
      fields: contact,
      initial: {
        'casemanager.name': d.casemanager.name,
        'casemanager.email': d.casemanager.email,
        'casemanager.phone': d.casemanager.phone,
      },
      consequence: (v) =>
        say(
          `${t('actions.casemanagerConsequence', 'Partners met een lopend verzoek krijgen de nieuwe contactgegevens:')} ${v['casemanager.name']}.`,
        ),
      apply: async (v) =>
        (await unwrap(api.PUT('/api/v1/detentions/{id}/casemanager', { ...path(id), body: casemanagerOf(v) }))).changes,
    },
  ];
  const open = d.phase === 'detained';
  return all.filter((a) => a.roles.includes(role) && (open || a.key === 'municipality'));
}
