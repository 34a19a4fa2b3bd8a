import {
  Button,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Paragraph,
  Textbox,
} from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { PlanChanges } from '../../components/PlanChanges';
import { useT } from '../../i18n/i18n';

/** What if the release moves: the plan's changes for another expected release date, before anything is applied. */
export function PreviewPanel({ id }: { id: string }) {
  const { t, say } = useT();
  const [date, setDate] = useState('');
  const [preview, setPreview] = useState<Schemas['PreviewDto'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!date) return setError(t('required'));
    try {
      setPreview(
        await unwrap(
          api.GET('/api/v1/detentions/{id}/preview', {
            params: { path: { id }, query: { expectedReleaseDate: date as never } },
          }),
        ),
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.messages.map(say).join(' ') || t('error') : t('error'));
    }
  };
  const changes = preview?.changes;
  return (
    <section aria-labelledby="what-if" className="tk-preview">
      <Heading2 id="what-if">{t('whatIf')}</Heading2>
      <form onSubmit={submit} noValidate>
        <FormField invalid={Boolean(error)}>
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="preview-date">{t('expectedRelease')}</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Textbox
              id="preview-date"
              type="date"
              value={date}
              invalid={Boolean(error)}
              aria-describedby={error ? 'preview-date-error' : undefined}
              onChange={(e) => setDate(e.target.value)}
            />
          </div>
          {error && <FormFieldErrorMessage id="preview-date-error">{error}</FormFieldErrorMessage>}
        </FormField>
        <Paragraph>
          <Button type="submit" appearance="secondary-action-button">
            {t('preview')}
          </Button>
        </Paragraph>
      </form>
      {changes && (
        <div role="status">
          <PlanChanges changes={changes} testId="preview-result" />
        </div>
      )}
    </section>
  );
}
