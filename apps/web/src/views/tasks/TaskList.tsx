import {
  Button,
  ButtonGroup,
  Heading1,
  Link,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { href } from '../../app/router';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/use-load';
import { ErrorAlert, Loading } from '../../components/common';
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
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
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
        <TableContainer tabIndex={0} aria-label={t('tasks')}>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('title')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('person')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('caseReference')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('expectedRelease')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('due')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('status')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.items.map((task) => (
                <TableRow key={task.id} data-testid={`task-${task.type}`}>
                  <TableCell>
                    <Link href={href('tasks', task.id)}>{taskTitle(t, task)}</Link>
                  </TableCell>
                  <TableCell>{task.detention.personName}</TableCell>
                  <TableCell>{task.detention.caseReference ?? '—'}</TableCell>
                  <TableCell>{formatDay(task.detention.expectedReleaseDate, lang)}</TableCell>
                  <TableCell>
                    {task.dueDate === today ? t('dueToday') : formatDay(task.dueDate, lang)}
                    {task.overdue && <strong className="tk-overdue"> · {t('overdue')}</strong>}
                  </TableCell>
                  <TableCell>
                    {t(task.status)}
                    {task.claimedBy && task.claimedBy === session?.sub ? ` (${t('claimedByYou')})` : ''}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </>
  );
}
