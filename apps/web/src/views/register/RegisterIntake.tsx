import {
  Alert,
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Heading1,
  Paragraph,
} from '@utrecht/component-library-react';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, unwrap } from '../../api/client';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/common';
import { Field, type FieldSpec } from '../../components/Field';
import { useT } from '../../i18n/i18n';
import { MUNICIPALITY_OPTIONS, PRISON_OPTIONS } from '../detention/actions/reference';

const NEEDS = ['id', 'housing', 'income', 'debts', 'care', 'bankAccount', 'digid'] as const;
const CONDITIONS = ['id', 'housing', 'income', 'debts', 'care'] as const;

/** Registering an intake: the person, the organisations, the dates and the first answers; checked, confirmed, sent once. */
export function RegisterIntake() {
  const { t, say } = useT();
  const { session } = useSession();
  const yesNo: [string, string] = [t('yes'), t('no')];
  // One key per filled-in form: a retried or double-clicked submit registers the detention once.
  const idempotencyKey = useRef(crypto.randomUUID());
  const [values, setValues] = useState<Record<string, string>>({ prison: session?.org ?? '', probation: 'RN' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);

  const groups = useMemo<[string, FieldSpec[]][]>(
    () => [
      [
        t('person'),
        [
          { name: 'person.name', label: t('name'), kind: 'text', required: true },
          { name: 'person.bsn', label: 'BSN', kind: 'text', required: true },
          { name: 'person.dateOfBirth', label: t('dateOfBirth'), kind: 'date', required: true },
        ],
      ],
      [
        t('organisations', 'Organisaties'),
        [
          { name: 'prison', label: t('prison'), kind: 'select', required: true, options: PRISON_OPTIONS },
          {
            name: 'municipality',
            label: t('municipality'),
            kind: 'select',
            required: true,
            options: MUNICIPALITY_OPTIONS,
          },
          {
            name: 'probation',
            label: t('probation'),
            kind: 'select',
            required: true,
            options: [
              ['RN', 'Reclassering Nederland'],
              ['SVG', 'Verslavingsreclassering (SVG)'],
              ['LJR', 'Leger des Heils Jeugdbescherming & Reclassering'],
            ],
          },
        ],
      ],
      [
        t('dates', 'Data'),
        [
          { name: 'intakeDate', label: t('intake'), kind: 'date', required: true },
          { name: 'expectedReleaseDate', label: t('expectedRelease'), kind: 'date' },
          { name: 'idDocumentExpiry', label: t('fields.idDocumentExpiry'), kind: 'date' },
        ],
      ],
      [
        t('casemanager'),
        [
          { name: 'casemanager.name', label: t('name'), kind: 'text', required: true },
          { name: 'casemanager.email', label: t('email'), kind: 'email', required: true },
          { name: 'casemanager.phone', label: t('phone'), kind: 'tel', required: true },
        ],
      ],
      [
        t('need'),
        NEEDS.map((n) => ({ name: `needs.${n}`, label: t(`needs.${n}`), kind: 'yes-no', required: true, yesNo })),
      ],
      [
        t('consent'),
        CONDITIONS.map((c) => ({ name: `consent.${c}`, label: t(`conditions.${c}`), kind: 'yes-no', yesNo })),
      ],
    ],
    [t],
  );
  const fields = groups.flatMap(([, f]) => f);

  const body = () => {
    const v = values;
    const bool = (key: string) => v[key] === 'true';
    const consent = Object.fromEntries(
      CONDITIONS.filter((c) => v[`consent.${c}`]).map((c) => [c, bool(`consent.${c}`)]),
    );
    return {
      person: { bsn: v['person.bsn'], name: v['person.name'], dateOfBirth: v['person.dateOfBirth'] },
      prison: v.prison,
      municipality: v.municipality,
      probation: v.probation as 'RN',
      intakeDate: v.intakeDate,
      expectedReleaseDate: (v.expectedReleaseDate || null) as never,
      idDocumentExpiry: (v.idDocumentExpiry || null) as never,
      casemanager: { name: v['casemanager.name'], email: v['casemanager.email'], phone: v['casemanager.phone'] },
      needs: Object.fromEntries(NEEDS.map((n) => [n, bool(`needs.${n}`)])) as never,
      ...(Object.keys(consent).length ? { consent } : {}),
    };
  };

  const check = (event: FormEvent) => {
    event.preventDefault();
    const missing = Object.fromEntries(
      fields.filter((f) => f.required && !values[f.name]).map((f) => [f.name, t('required')]),
    );
    setErrors(missing);
    const first = Object.keys(missing)[0];
    if (first) return document.getElementById(`intake-${first.replace(/\./g, '-')}`)?.focus();
    setConfirming(true);
  };

  const register = async () => {
    setFailure(null);
    try {
      const detention = await unwrap(
        api.POST('/api/v1/detentions', { body: body(), headers: { 'Idempotency-Key': idempotencyKey.current } }),
      );
      navigate('detentions', detention.id);
    } catch (e) {
      setConfirming(false);
      if (e instanceof ApiError && e.status === 400) {
        const { placed, rest } = e.placeAt(
          fields.map((f) => f.name),
          say,
        );
        setErrors(placed);
        if (rest) setFailure(rest);
        const first = Object.keys(placed)[0];
        if (first) document.getElementById(`intake-${first.replace(/\./g, '-')}`)?.focus();
      } else setFailure(e as Error);
    }
  };

  return (
    <>
      <Heading1>{t('registerIntake')}</Heading1>
      {failure && <ErrorAlert error={failure} />}
      <form onSubmit={check} noValidate hidden={confirming}>
        {groups.map(([legend, specs]) => (
          <Fieldset key={legend} className="tk-fieldset">
            <FieldsetLegend>{legend}</FieldsetLegend>
            {specs.map((spec) => (
              <Field
                key={spec.name}
                spec={spec}
                idPrefix="intake"
                value={values[spec.name] ?? ''}
                error={errors[spec.name]}
                onChange={(v) => setValues((old) => ({ ...old, [spec.name]: v }))}
              />
            ))}
          </Fieldset>
        ))}
        <Button type="submit" appearance="primary-action-button">
          {t('next')}
        </Button>
      </form>
      {confirming && (
        <div data-testid="intake-confirm">
          <Alert type="warning">
            <Paragraph>
              {t(
                'intakeConsequence',
                'Er wordt een zaak geopend voor {name}. De melding start detentie gaat direct naar gemeente en reclassering; de taken van het draaiboek worden gepland.',
              ).replace('{name}', values['person.name'] ?? '')}
            </Paragraph>
          </Alert>
          <ButtonGroup>
            <Button appearance="primary-action-button" onClick={register}>
              {t('confirm')}
            </Button>
            <Button appearance="secondary-action-button" onClick={() => setConfirming(false)}>
              {t('back')}
            </Button>
          </ButtonGroup>
        </div>
      )}
    </>
  );
}
