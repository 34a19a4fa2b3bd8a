import { Button, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { api, ApiError, unwrap } from '../../api/client';
import { useLoad } from '../../app/use-load';
import { ErrorAlert, Loading } from '../../components/common';
import { Field } from '../../components/Field';
import { formatInstant, useT } from '../../i18n/i18n';

/** Case notes: for the people on the case only, never sent to partners. */
export function Notes({ id }: { id: string }) {
  const { t, lang, say } = useT();
  const { data, error, reload } = useLoad(
    () => unwrap(api.GET('/api/v1/detentions/{id}/notes', { params: { path: { id } } })),
    [id],
  );
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [failure, setFailure] = useState<Error | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (!text.trim()) return setFieldError(t('required'));
    setFieldError(undefined);
    try {
      await unwrap(api.POST('/api/v1/detentions/{id}/notes', { params: { path: { id } }, body: { text } }));
      setText('');
      reload();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) setFieldError(e.forField('text').map(say).join(' ') || e.message);
      else setFailure(e as Error);
    }
  };
  return (
    <section aria-labelledby="notes">
      <Heading2 id="notes">{t('notes', 'Notities')}</Heading2>
      <Paragraph>{t('notesLead', 'Alleen voor wie aan de zaak werkt; nooit naar ketenpartners.')}</Paragraph>
      {error && <ErrorAlert error={error} />}
      {!data && !error && <Loading />}
      {data && data.items.length === 0 && <Paragraph>{t('noItems')}</Paragraph>}
      {data && data.items.length > 0 && (
        <UnorderedList data-testid="notes">
          {data.items.map((n) => (
            <UnorderedListItem key={n.id}>
              <strong>
                {formatInstant(n.createdAt, lang)} · {n.author.name ?? n.author.sub} ({n.author.role} {n.author.org})
              </strong>
              : {n.text}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
      {failure && <ErrorAlert error={failure} />}
      <form onSubmit={submit} noValidate>
        <Field
          spec={{ name: 'text', label: t('newNote', 'Nieuwe notitie'), kind: 'textarea', required: true }}
          idPrefix="note"
          value={text}
          error={fieldError}
          onChange={setText}
        />
        <Button type="submit" appearance="secondary-action-button">
          {t('addNote', 'Notitie toevoegen')}
        </Button>
      </form>
    </section>
  );
}
