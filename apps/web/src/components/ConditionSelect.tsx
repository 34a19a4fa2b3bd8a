import { FormLabel, Select, SelectOption } from '@utrecht/component-library-react';
import { CONDITIONS } from '../app/facts';
import { useT } from '../i18n/i18n';

/** A labelled choice of one of the five basic conditions, or (with `all`) of all of them. */
export function ConditionSelect({
  id,
  value,
  onChange,
  all = false,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  all?: boolean;
}) {
  const { t } = useT();
  return (
    <div>
      <FormLabel htmlFor={id}>{t('eventCondition')}</FormLabel>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {all && <SelectOption value="all">{t('allConditions')}</SelectOption>}
        {CONDITIONS.map((c) => (
          <SelectOption key={c} value={c}>
            {t(`conditions.${c}`)}
          </SelectOption>
        ))}
      </Select>
    </div>
  );
}
