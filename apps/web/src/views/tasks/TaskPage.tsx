import Form from '@rjsf/core';
import type { ErrorSchema } from '@rjsf/utils';
import {
  Alert,
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Link,
  Paragraph,
} from '@utrecht/component-library-react';
import { useRef, useState } from 'react';
import { api, ApiError, unwrap } from '../../api/client';
import { href } from '../../app/router';
import { useSession } from '../../app/session';
import { useLoad } from '../../app/use-load';
import { ErrorAlert, Loading } from '../../components/common';
import { errorSchemaOf, FieldTemplate, ObjectFieldTemplate, taskForm, WIDGETS } from '../../components/form-theme';
import { formatDay, taskTitle, useT } from '../../i18n/i18n';
import { fieldLabel, optionLabel } from './form-labels';

/** One task: who it is about, claim or release it, and complete it through the form its type's schema describes. */
export function TaskPage({ id }: { id: string }) {
  const { t, lang, say } = useT();
  const { session } = useSession();
  const {
    data: task,
    error,
    update,
  } = useLoad(() => unwrap(api.GET('/api/v1/tasks/{id}', { params: { path: { id } } })), [id]);
  const detention = useLoad(
    () =>
      task
        ? unwrap(api.GET('/api/v1/detentions/{id}', { params: { path: { id: task.detentionId } } }))
        : Promise.resolve(null),
    [task?.detentionId],
  );
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [apiErrors, setApiErrors] = useState<{ schema: ErrorSchema; unplaced: string[] } | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  const [saved, setSaved] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  if (error) return <ErrorAlert error={error} />;
  if (!task) return <Loading />;

  // What the workflow answered is the task now; the read model may not have caught up yet.
  const act = async (call: () => Promise<Partial<typeof task>>) => {
    setFailure(null);
    try {
      const answered = await call();
      update((current) => ({ ...current, ...answered }));
    } catch (e) {
      setFailure(e as Error);
    }
  };

  const complete = async (value: Record<string, unknown>) => {
    setApiErrors(null);
    setFailure(null);
    try {
      const done = await unwrap(
        api.POST('/api/v1/tasks/{id}/complete', {
          params: { path: { id } },
          body: { outcome: String(value.outcome), data: (value.data ?? {}) as never, version: task.version },
        }),
      );
      setSaved(true);
      update((current) => ({ ...current, ...done }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        setApiErrors(errorSchemaOf(e, say));
        summary.current?.focus();
      } else setFailure(e as Error);
    }
  };

  const person = detention.data?.person;
  const form = taskForm(task.type);
  const open = task.status === 'open' || task.status === 'claimed';
  return (
    <>
      <Paragraph>
        <Link href={href('tasks')}>← {t('back')}</Link>
      </Paragraph>
      <Heading1>{taskTitle(t, task)}</Heading1>
      <DataList>
        <DataListItem>
          <DataListKey>{t('person')}</DataListKey>
          <DataListValue>
            <Link href={href('detentions', task.detentionId)}>{person?.name ?? t('detention')}</Link>
            {detention.data?.caseReference ? ` · ${detention.data.caseReference}` : ''}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{detention.data?.actualReleaseDate ? t('actualRelease') : t('expectedRelease')}</DataListKey>
          <DataListValue>
            {formatDay(detention.data?.actualReleaseDate ?? detention.data?.expectedReleaseDate, lang)}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('due')}</DataListKey>
          <DataListValue>
            {formatDay(task.dueDate, lang)}
            {task.overdue ? ` · ${t('overdue')}` : ''}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('status')}</DataListKey>
          <DataListValue>
            <span data-testid="task-status">
              {t(task.status)}
              {task.claimedBy ? ` · ${t('claimedBy')} ${task.claimedBy}` : ''}
            </span>
          </DataListValue>
        </DataListItem>
      </DataList>
      {failure && <ErrorAlert error={failure} />}
      {saved && (
        <Alert type="ok" role="status">
          <Paragraph>{t('saved')}</Paragraph>
        </Alert>
      )}
      {open && (
        <ButtonGroup>
          {task.status === 'open' ? (
            <Button
              appearance="secondary-action-button"
              onClick={() => act(() => unwrap(api.POST('/api/v1/tasks/{id}/claim', { params: { path: { id } } })))}
            >
              {t('claim')}
            </Button>
          ) : task.claimedBy === session?.sub ? (
            <Button
              appearance="secondary-action-button"
              onClick={() => act(() => unwrap(api.POST('/api/v1/tasks/{id}/unclaim', { params: { path: { id } } })))}
            >
              {t('unclaim')}
            </Button>
          ) : null}
        </ButtonGroup>
      )}
      {open && form && (
        <section aria-labelledby="complete-heading">
          <Heading2 id="complete-heading">{t('complete')}</Heading2>
          <div ref={summary} tabIndex={-1}>
            {apiErrors && (
              <Alert type="error" role="alert">
                <Paragraph>{t('formErrors')}</Paragraph>
                {apiErrors.unplaced.map((m) => (
                  <Paragraph key={m}>{m}</Paragraph>
                ))}
              </Alert>
            )}
          </div>
          <Form
            schema={form.schema}
            validator={form.validator}
            formData={formData}
            onChange={(e) => setFormData(e.formData as Record<string, unknown>)}
            onSubmit={(e) => complete(e.formData as Record<string, unknown>)}
            extraErrors={apiErrors?.schema}
            showErrorList={false}
            noHtml5Validate
            focusOnFirstError
            onError={() => setApiErrors(null)}
            templates={{ FieldTemplate, ObjectFieldTemplate }}
            widgets={WIDGETS}
            formContext={{
              label: (path: string, fallback: string) => fieldLabel(t, path, fallback),
              option: (path: string, value: string) => optionLabel(t, path, value),
              yesNo: [t('yes'), t('no')],
            }}
            transformErrors={(errors) =>
              errors.map((e) => (e.name === 'required' ? { ...e, message: t('required') } : e))
            }
          >
            <Button type="submit" appearance="primary-action-button">
              {t('submit')}
            </Button>
          </Form>
        </section>
      )}
      {!open && task.outcome && (
        <Paragraph>
          {t('outcome')}: {optionLabel(t, 'outcome', task.outcome)}
        </Paragraph>
      )}
    </>
  );
}
