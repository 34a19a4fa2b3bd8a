import { Heading3, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import type { Schemas } from '../api/client';
import { formatDay, useT } from '../i18n/i18n';

const KINDS = ['moved', 'late', 'withdrawn', 'skipped', 'added'] as const;
const LABEL: Record<(typeof KINDS)[number], string> = {
  moved: 'moved',
  late: 'becameLate',
  withdrawn: 'withdrawn',
  skipped: 'skipped',
  added: 'added',
};

/** What a change does to the plan: steps moved, become late, withdrawn (partners told), skipped, added. */
export function PlanChanges({ changes, testId }: { changes: Schemas['PlanChangesDto']; testId?: string }) {
  const { t, lang } = useT();
  const kinds = KINDS.filter((k) => changes[k].length > 0);
  return (
    <div data-testid={testId}>
      {kinds.length === 0 && <Paragraph>{t('nothingChanges')}</Paragraph>}
      {kinds.map((k) => (
        <div key={k}>
          <Heading3>{t(LABEL[k])}</Heading3>
          <UnorderedList>
            {changes[k].map((c) => (
              <UnorderedListItem key={`${k}-${c.instanceId}`}>
                {t(`steps.${c.instanceId.split('#')[0]}`, c.title)}: {formatDay(c.from, lang)} → {formatDay(c.to, lang)}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </div>
      ))}
    </div>
  );
}
