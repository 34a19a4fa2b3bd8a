import { Button, ButtonGroup, Heading2 } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { Schemas } from '../../../api/client';
import { useSession } from '../../../app/session';
import { useT } from '../../../i18n/i18n';
import { ActionDialog } from './ActionDialog';
import { caseActions } from './case-actions';

/** The buttons of the case actions the role may take; each opens its dialog. */
export function CaseActions({ detention, onChanged }: { detention: Schemas['DetentionDto']; onChanged: () => void }) {
  const { t, lang } = useT();
  const { session } = useSession();
  const [openKey, setOpenKey] = useState<string | null>(null);
  const actions = caseActions(detention, session?.role ?? '', t, lang);
  if (actions.length === 0) return null;
  const current = actions.find((a) => a.key === openKey);
  return (
    <section aria-labelledby="case-actions">
      <Heading2 id="case-actions">{t('caseActions', 'Acties')}</Heading2>
      <ButtonGroup>
        {actions.map((a) => (
          <Button
            key={a.key}
            appearance="secondary-action-button"
            data-action={a.key}
            onClick={() => setOpenKey(a.key)}
          >
            {a.title}
          </Button>
        ))}
      </ButtonGroup>
      {current && (
        <ActionDialog
          action={current}
          onClose={(changed) => {
            setOpenKey(null);
            if (changed) onChanged();
          }}
        />
      )}
    </section>
  );
}
