import {
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Paragraph,
  Alert,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { todayInAmsterdam } from '../../app/facts';
import { useLoad } from '../../app/use-load';
import { ErrorAlert, Loading } from '../../components/common';
import { SearchBox } from '../../components/SearchBox';
import { formatDay, formatInstant, useT } from '../../i18n/i18n';
import { DeclineDialog } from './DeclineDialog';
import { RequestContent } from './RequestContent';

type Answer = Schemas['PartnerResponseDto']['status'];
type Request = Schemas['RequestInboxItemDto'];

/** The answers a partner can give from each status, named as actions. */
const ACTIONS: Record<string, { status: Answer; label: string }[]> = {
  sent: [{ status: 'acknowledged', label: 'acknowledge' }],
  received: [{ status: 'acknowledged', label: 'acknowledge' }],
  acknowledged: [
    { status: 'accepted', label: 'accept' },
    { status: 'declined', label: 'decline' },
  ],
  waitlisted: [
    { status: 'accepted', label: 'accept' },
    { status: 'declined', label: 'decline' },
  ],
  accepted: [{ status: 'completed', label: 'complete' }],
};

/** A partner's inbox: each request with what is asked, its due date and contact; overdue ones flagged. */
export function Inbox() {
  const { t, lang } = useT();
  const [q, setQ] = useState('');
  const { data, error, reload } = useLoad(
    () => unwrap(api.GET('/api/v1/requests', { params: { query: { pageSize: 200, ...(q ? { q } : {}) } } })),
    [q],
  );
  const [declining, setDeclining] = useState<Request | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  const [done, setDone] = useState(false);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loading />;
  const today = todayInAmsterdam();

  const answer = async (request: Request, status: Answer, reason?: string) => {
    setFailure(null);
    setDone(false);
    try {
      await unwrap(
        api.POST('/api/v1/requests/{id}/responses', {
          params: { path: { id: request.id } },
          body: { status, ...(reason ? { reason } : {}) },
        }),
      );
      setDone(true);
      reload();
    } catch (e) {
      setFailure(e as Error);
    }
  };

  return (
    <>
      <Heading1>
        {t('inbox')} ({data.items.length})
      </Heading1>
      <div className="tk-toolbar">
        <SearchBox onSearch={setQ} initial={q} />
      </div>
      {failure && <ErrorAlert error={failure} />}
      {done && (
        <Alert type="ok" role="status">
          <Paragraph>{t('answered')}</Paragraph>
        </Alert>
      )}
      {data.items.length === 0 && <Paragraph>{t('noItems')}</Paragraph>}
      {data.items.map((r) => {
        const overdue = r.dueDate !== null && r.dueDate < today && (ACTIONS[r.status] ?? []).length > 0;
        const caseReference = (r.data as { caseReference?: string }).caseReference;
        return (
          <article key={r.id} className="tk-card" data-testid={`request-${r.type}`} aria-labelledby={`req-${r.id}`}>
            <Heading2 id={`req-${r.id}`}>
              {t(`steps.${r.type}`, r.type)}
              {caseReference ? ` · ${caseReference}` : ''}
            </Heading2>
            <DataList>
              <DataListItem>
                <DataListKey>{t('status')}</DataListKey>
                <DataListValue>{t(`requestStatuses.${r.status}`, r.status)}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('due')}</DataListKey>
                <DataListValue>
                  {formatDay(r.dueDate, lang)}
                  {overdue && <strong className="tk-overdue"> · {t('overdue')}</strong>}
                </DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('sent')}</DataListKey>
                <DataListValue>{formatInstant(r.sentAt, lang)}</DataListValue>
              </DataListItem>
            </DataList>
            <RequestContent data={r.data} />
            <ButtonGroup>
              {(ACTIONS[r.status] ?? []).map((a) => (
                <Button
                  key={a.status}
                  appearance={a.status === 'declined' ? 'secondary-action-button' : 'primary-action-button'}
                  onClick={() => (a.status === 'declined' ? setDeclining(r) : answer(r, a.status))}
                >
                  {t(a.label)}
                </Button>
              ))}
            </ButtonGroup>
          </article>
        );
      })}
      {declining && (
        <DeclineDialog
          onCancel={() => setDeclining(null)}
          onConfirm={async (reason) => {
            const request = declining;
            setDeclining(null);
            await answer(request, 'declined', reason);
          }}
        />
      )}
    </>
  );
}
