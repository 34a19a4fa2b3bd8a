import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Link,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { api, unwrap } from '../../api/client';
import { href } from '../../app/router';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/use-load';
import { ErrorAlert, Loading } from '../../components/common';
import { formatDay, taskTitle, useT } from '../../i18n/i18n';
import { CaseActions } from './actions/CaseActions';
import { Conditions } from './Conditions';
import { Contacts } from './Contacts';
import { Notes } from './Notes';
import { PreviewPanel } from './PreviewPanel';
import { Timeline } from './Timeline';

/** The roles the API lets preview another release date (`GET /detentions/{id}/preview`). */
const PREVIEW_ROLES = ['casemanager', 'supervisor'];

/** A case: the person, the contacts, the five conditions with their source, open work, and what happened when. */
export function DetentionPage({ id }: { id: string }) {
  const { t, lang } = useT();
  const { session } = useSession();
  const {
    data: d,
    error,
    reload,
  } = useLoad(() => unwrap(api.GET('/api/v1/detentions/{id}', { params: { path: { id } } })), [id]);
  if (error) return <ErrorAlert error={error} />;
  if (!d) return <Loading />;
  return (
    <>
      <Heading1>{d.person.name}</Heading1>
      <DataList className="tk-facts">
        <DataListItem>
          <DataListKey>{t('caseReference')}</DataListKey>
          <DataListValue>{d.caseReference ?? '—'}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('dateOfBirth')}</DataListKey>
          <DataListValue>{formatDay(d.person.dateOfBirth, lang)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('phase')}</DataListKey>
          <DataListValue>{t(`phases.${d.phase}`)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('prison')}</DataListKey>
          <DataListValue>{d.prison}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('municipality')}</DataListKey>
          <DataListValue>{d.municipality}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('probation')}</DataListKey>
          <DataListValue>{d.probation}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('intake')}</DataListKey>
          <DataListValue>{formatDay(d.intakeDate, lang)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('expectedRelease')}</DataListKey>
          <DataListValue>
            <span data-testid="expected-release">{formatDay(d.expectedReleaseDate, lang)}</span>
          </DataListValue>
        </DataListItem>
        {d.actualReleaseDate && (
          <DataListItem>
            <DataListKey>{t('actualRelease')}</DataListKey>
            <DataListValue>{formatDay(d.actualReleaseDate, lang)}</DataListValue>
          </DataListItem>
        )}
      </DataList>

      <Contacts detention={d} />

      <Heading2>{t('basicConditions')}</Heading2>
      <Conditions detention={d} />

      <Heading2>{t('openTasks')}</Heading2>
      {d.openTasks.length === 0 ? (
        <Paragraph>{t('noTasks')}</Paragraph>
      ) : (
        <UnorderedList>
          {d.openTasks.map((task) => (
            <UnorderedListItem key={task.id}>
              <Link href={href('tasks', task.id)}>{taskTitle(t, task)}</Link> · {task.org} · {t('due')}{' '}
              {formatDay(task.dueDate, lang)}
              {task.overdue ? ` · ${t('overdue')}` : ''}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}

      <Heading2>{t('openRequests')}</Heading2>
      {d.openRequests.length === 0 ? (
        <Paragraph>{t('noItems')}</Paragraph>
      ) : (
        <UnorderedList>
          {d.openRequests.map((r) => (
            <UnorderedListItem key={r.id}>
              {t(`steps.${r.type}`)} · {t('partner')}: {r.partnerId} · {t(`requestStatuses.${r.status}`, r.status)} ·{' '}
              {t('due')} {formatDay(r.dueDate, lang)}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}

      <CaseActions detention={d} onChanged={reload} />
      {d.phase === 'detained' && PREVIEW_ROLES.includes(session?.role ?? '') && <PreviewPanel id={id} />}
      <Notes id={id} />
      <Timeline key={d.updatedAt} id={id} detention={d} />
    </>
  );
}
