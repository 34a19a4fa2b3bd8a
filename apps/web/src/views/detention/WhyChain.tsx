import { Heading2, OrderedList, OrderedListItem, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { Schemas } from '../../api/client';
import { CONDITIONS, type Condition } from '../../app/facts';
import { Light } from '../../components/common';
import { ConditionSelect } from '../../components/ConditionSelect';
import { fill, formatDay, useT } from '../../i18n/i18n';
import { actorLabel, describeEvent, type TimelineEvent } from './describe-event';

const CHECK_TASKS = ['aftercare-check', 'insurance-resumption'];

/** Where an event stands in a condition's chain: screening → request → answer → task → release → check. */
function stage(e: TimelineEvent): string {
  if (e.type === 'registered') return 'intake';
  if (e.type === 'released' || e.type === 'measurement-taken') return 'release';
  if (e.type === 'request-response') return 'answer';
  if (e.subject?.kind === 'task' && e.subject.type === 'screening') return 'screening';
  if (e.subject?.kind === 'task' && CHECK_TASKS.includes(e.subject.type)) return 'check';
  if (e.type.startsWith('request-') || (e.type === 'step-fired' && e.subject?.kind !== 'task')) return 'request';
  if (e.type.startsWith('task-')) return 'task';
  return 'fact';
}

/**
 * "Why was he released without ID?": for one condition its status now and what it rests on, then everything that
 * happened about it on the day it happened — the screening, the request, the partner's answers, the tasks, the
 * release and its measurement — with who or which rule did it.
 */
export function WhyChain({
  detention: d,
  events,
}: {
  detention: Schemas['DetentionDto'];
  events: readonly TimelineEvent[];
}) {
  const { t, lang } = useT();
  const firstRed = CONDITIONS.find((c) => d.basicConditions[c].status === 'red');
  const [condition, setCondition] = useState<Condition>(firstRed ?? 'id');
  const now = d.basicConditions[condition];
  const chain = events.filter((e) => e.conditions.includes(condition));
  const need = now.needsHelp === null ? t('notShared') : now.needsHelp ? t('yes') : t('no');
  return (
    <section aria-labelledby="why" data-testid="why-chain">
      <Heading2 id="why">{t('whyTitle')}</Heading2>
      <Paragraph>{t('whyLead')}</Paragraph>
      <div className="tk-toolbar">
        <ConditionSelect id="why-condition" value={condition} onChange={(c) => setCondition(c as Condition)} />
      </div>
      <Paragraph data-testid="why-now">
        <Light status={now.status} reason={now.reason} />{' '}
        {fill(t('whyNow'), { light: t(`lights.${now.status ?? 'null'}`), source: t(`sources.${now.source}`) })}
        {now.on ? ` (${formatDay(now.on, lang)})` : ''}. {fill(t('whyNeed'), { need })}.
      </Paragraph>
      {chain.length === 0 ? (
        <Paragraph>{t('whyEmpty')}</Paragraph>
      ) : (
        <OrderedList className="tk-chain" data-testid="why-events">
          {chain.map((e) => (
            <OrderedListItem key={`${e.seq}-${e.type}-${e.at}`} data-stage={stage(e)}>
              <strong>{formatDay(e.on, lang)}</strong> · {t(`stages.${stage(e)}`)}: {describeEvent(t, lang, e)}
              {e.reason ? ` — “${e.reason}”` : ''} ({actorLabel(t, e)})
            </OrderedListItem>
          ))}
        </OrderedList>
      )}
    </section>
  );
}
