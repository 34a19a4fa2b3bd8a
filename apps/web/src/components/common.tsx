import { Alert, Paragraph, StatusBadge, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { ApiError } from '../api/client';
import { useT } from '../i18n/i18n';

/** An error the API (or the network) gave, said in the UI language; every message of a 400 listed. */
export function ErrorAlert({ error }: { error: Error }) {
  const { t, say } = useT();
  const status = error instanceof ApiError ? error.status : 0;
  const lead =
    status === 401
      ? t('signInAgain')
      : status === 403
        ? t('noAccess')
        : status === 404
          ? t('notFound')
          : status === 409
            ? t('stale')
            : status === 503
              ? t('unavailable')
              : status === 504
                ? t('noAnswerInTime')
                : t('error');
  const messages = error instanceof ApiError && status === 400 ? error.messages : [];
  return (
    <Alert type="error" role="alert">
      <Paragraph>{lead}</Paragraph>
      {messages.length > 0 && (
        <UnorderedList>
          {messages.map((m) => (
            <UnorderedListItem key={m}>{say(m)}</UnorderedListItem>
          ))}
        </UnorderedList>
      )}
    </Alert>
  );
}

export function Loading() {
  const { t } = useT();
  return (
    <Paragraph role="status" aria-live="polite">
      {t('loading')}
    </Paragraph>
  );
}

/** A condition's traffic light with its meaning in words (never colour alone). */
export function Light({ status, reason }: { status: string | null | undefined; reason?: string }) {
  const { t } = useT();
  const key = status ?? 'null';
  return (
    <StatusBadge className={`tk-light tk-light--${key}`} title={reason} data-light={key}>
      {t(`lights.${key}`)}
    </StatusBadge>
  );
}
