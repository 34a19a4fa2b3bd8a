import { Button, ButtonGroup } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useT } from '../../i18n/i18n';

/** The reason dialog for declining a request: a reason is required; Escape or Cancel leaves it. */
export function DeclineDialog({ onCancel, onConfirm }: { onCancel: () => void; onConfirm: (reason: string) => void }) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setError(t('required'));
    onConfirm(reason.trim());
  };
  return (
    <Dialog title={t('declineTitle')} onClose={onCancel}>
      <form onSubmit={submit} noValidate>
        <Field
          spec={{ name: 'reason', label: t('declineReason'), kind: 'textarea', required: true }}
          idPrefix="decline"
          value={reason}
          error={error}
          onChange={setReason}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button">
            {t('declineConfirm')}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
            {t('cancel')}
          </Button>
        </ButtonGroup>
      </form>
    </Dialog>
  );
}
