import { Button, ButtonGroup, Heading1, Link, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { todayInAmsterdam } from '../../app/facts';
import { href } from '../../app/router';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/use-load';
import { ErrorAlert, Loading } from '../../components/common';
import { DataTable } from '../../components/DataTable';
import { SearchBox } from '../../components/SearchBox';
import { formatDay, taskTitle, useT } from '../../i18n/i18n';

type Filter = 'open' | 'mine' | 'overdue' | 'done';
const FILTERS: Filter[] = ['open', 'mine', 'overdue', 'done'];

/** The task inbox: open, mine (claimed tasks stay visible), overdue or done; with the person and release date. */
export function TaskList() {
  const { t, lang } = useT();
  const { session } = useSession();
  const [filter, setFilter] = useState<Filter>('open');
  const [q, setQ] = useState('');
  const { data, error } = useLoad(() => {
    const query =
      filter === 'mine' ? { mine: true } : filter === 'open' ? { status: 'open' as const } : { status: filter };
    return unwrap(api.GET('/api/v1/tasks', { params: { query: { ...query, pageSize: 100, ...(q ? { q } : {}) } } }));
  }, [filter, q]);
  const today = todayInAmsterdam();
  return (
    <>
      <Heading1>{t('tasks')}</Heading1>
      <div className="tk-toolbar">
        <ButtonGroup aria-label={t('status')}>
          {FILTERS.map((f) => (
            <Button
              key={f}
              appearance={filter === f ? 'primary-action-button' : 'secondary-action-button'}
              aria-pressed={filter === f}
              onClick={() => setFilter(f)}
            >
              {t(f)}
            </Button>
          ))}
        </ButtonGroup>
        <SearchBox onSearch={setQ} />
      </div>
      {error && <ErrorAlert error={error} />}
      {!data && !error && <Loading />}
      {data && data.items.length === 0 && <Paragraph>{t('noTasks')}</Paragraph>}
      {data && data.items.length > 0 && (
        <DataTable
          label={t('tasks')}
          rows={data.items}
          rowKey={(task) => task.id}
          rowTestId={(task) => `task-${task.type}`}
          columns={[
            {
              key: 'title',
              header: t('title'),
              cell: (task) => <Link href={href('tasks', task.id)}>{taskTitle(t, task)}</Link>,
            },
            { key: 'person', header: t('person'), cell: (task) => task.detention.personName },
            { key: 'ref', header: t('caseReference'), cell: (task) => task.detention.caseReference ?? '—' },
            {
              key: 'release',
              header: t('actualRelease'),
              cell: (task) =>
                task.detention.actualReleaseDate
                  ? formatDay(task.detention.actualReleaseDate, lang)
                  : `${formatDay(task.detention.expectedReleaseDate, lang)} (${t('expectedShort')})`,
            },
            {
              key: 'due',
              header: t('due'),
              cell: (task) => (
                <>
                  {task.dueDate === today ? t('dueToday') : formatDay(task.dueDate, lang)}
                  {task.overdue && <strong className="tk-overdue"> · {t('overdue')}</strong>}
                </>
              ),
            },
            {
              key: 'status',
              header: t('status'),
              cell: (task) =>
                `${t(task.status)}${task.claimedBy && task.claimedBy === session?.sub ? ` (${t('claimedByYou')})` : ''}`,
            },
          ]}
        />
      )}
    </>
  );
}
