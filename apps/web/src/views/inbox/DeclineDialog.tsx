import {
  Button,
  ButtonGroup,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Textarea,
} from '@utrecht/component-library-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/i18n';

/**
 * The reason dialog for declining: a modal `<dialog>` (the browser keeps focus inside it), focus back on the button
 * that opened it when it closes; Escape cancels.
 */
export function DeclineDialog({ onCancel, onConfirm }: { onCancel: () => void; onConfirm: (reason: string) => void }) {
  const { t } = useT();
  const ref = useRef<HTMLDialogElement>(null);
  // The dialog leaves the page when it closes, so the browser cannot give focus back itself.
  const opener = useRef(document.activeElement as HTMLElement | null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    const back = opener.current;
    dialog?.showModal();
    return () => {
      dialog?.close();
      back?.focus();
    };
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setError(t('required'));
    onConfirm(reason.trim());
  };
  return (
    <dialog ref={ref} className="tk-dialog" aria-labelledby="decline-title" onCancel={onCancel}>
      <form onSubmit={submit} noValidate>
        <Heading2 id="decline-title">{t('declineTitle')}</Heading2>
        <FormField invalid={Boolean(error)}>
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="decline-reason">
              {t('declineReason')}
              <span aria-hidden="true"> *</span>
            </FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Textarea
              id="decline-reason"
              value={reason}
              rows={3}
              maxLength={2000}
              required
              autoFocus
              invalid={Boolean(error)}
              aria-describedby={error ? 'decline-reason-error' : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          {error && <FormFieldErrorMessage id="decline-reason-error">{error}</FormFieldErrorMessage>}
        </FormField>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button">
            {t('declineConfirm')}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
            {t('cancel')}
          </Button>
        </ButtonGroup>
      </form>
    </dialog>
  );
}
