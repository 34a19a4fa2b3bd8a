import { Alert, Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, type Schemas } from '../../../api/client';
import { ErrorAlert } from '../../../components/common';
import { Dialog } from '../../../components/Dialog';
import { Field, type FieldSpec } from '../../../components/Field';
import { PlanChanges } from '../../../components/PlanChanges';
import { useT } from '../../../i18n/i18n';

export type Values = Record<string, string>;

export interface CaseAction {
  key: string;
  title: string;
  fields: FieldSpec[];
  initial?: Values;
  /** What confirming will do, shown before anything changes (for a new release date: the preview). */
  consequence: (values: Values) => Promise<ReactNode> | ReactNode;
  /** Applies the change; answers with what it did to the plan. */
  apply: (values: Values) => Promise<Schemas['PlanChangesDto']>;
}

type Stage =
  { kind: 'form' } | { kind: 'confirm'; consequence: ReactNode } | { kind: 'done'; changes: Schemas['PlanChangesDto'] };

/** A case action in three steps: the form (checked at once), its consequences to confirm, then what changed. */
export function ActionDialog({ action, onClose }: { action: CaseAction; onClose: (changed: boolean) => void }) {
  const { t, say } = useT();
  const [values, setValues] = useState<Values>(action.initial ?? {});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [stage, setStage] = useState<Stage>({ kind: 'form' });
  const [failure, setFailure] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const check = (event: FormEvent) => {
    event.preventDefault();
    const missing = Object.fromEntries(
      action.fields.filter((f) => f.required && !values[f.name]).map((f) => [f.name, t('required')]),
    );
    setErrors(missing);
    if (Object.keys(missing).length) {
      document.getElementById(`${action.key}-${Object.keys(missing)[0].replace(/\./g, '-')}`)?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    Promise.resolve(action.consequence(values))
      .then((consequence) => setStage({ kind: 'confirm', consequence }))
      .catch((e: Error) => fail(e))
      .finally(() => setBusy(false));
  };

  /** A 400 goes back to the form with each message at its field; anything else is said above the form. */
  const fail = (e: Error) => {
    if (e instanceof ApiError && e.status === 400) {
      const { placed, rest } = e.placeAt(
        action.fields.map((f) => f.name),
        say,
      );
      setErrors(placed);
      setStage({ kind: 'form' });
      if (rest) setFailure(rest);
    } else setFailure(e);
  };

  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setStage({ kind: 'done', changes: await action.apply(values) });
    } catch (e) {
      fail(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={action.title} onClose={() => onClose(stage.kind === 'done')}>
      {failure && <ErrorAlert error={failure} />}
      {stage.kind === 'form' && (
        <form onSubmit={check} noValidate>
          {action.fields.map((spec) => (
            <Field
              key={spec.name}
              spec={spec}
              idPrefix={action.key}
              value={values[spec.name] ?? ''}
              error={errors[spec.name]}
              onChange={(v) => setValues((old) => ({ ...old, [spec.name]: v }))}
            />
          ))}
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" disabled={busy}>
              {t('next', 'Volgende')}
            </Button>
            <Button type="button" appearance="secondary-action-button" onClick={() => onClose(false)}>
              {t('cancel')}
            </Button>
          </ButtonGroup>
        </form>
      )}
      {stage.kind === 'confirm' && (
        <div data-testid="action-confirm">
          <Alert type="warning">
            <Paragraph>{t('confirmLead', 'Dit gebeurt als u bevestigt:')}</Paragraph>
          </Alert>
          {stage.consequence}
          <ButtonGroup>
            <Button appearance="primary-action-button" onClick={confirm} disabled={busy}>
              {t('confirm', 'Bevestigen')}
            </Button>
            <Button appearance="secondary-action-button" onClick={() => setStage({ kind: 'form' })}>
              {t('back')}
            </Button>
          </ButtonGroup>
        </div>
      )}
      {stage.kind === 'done' && (
        <div data-testid="action-result" role="status">
          <Alert type="ok">
            <Paragraph>{t('applied', 'Verwerkt. Dit is er veranderd:')}</Paragraph>
          </Alert>
          <PlanChanges changes={stage.changes} />
          <Button appearance="primary-action-button" onClick={() => onClose(true)}>
            {t('close')}
          </Button>
        </div>
      )}
    </Dialog>
  );
}
