type T = (key: string, fallback?: string) => string;

/** Labels of task-form fields by path: `outcome`, `data.needs.id`, `data.conditions.housing`, `data.note`. */
export function fieldLabel(t: T, path: string, fallback: string): string {
  const parts = path.split('.');
  const last = parts.at(-1) ?? '';
  const parent = parts.at(-2);
  if (path === 'outcome') return t('outcome');
  if (path === 'data.needs') return t('need');
  if (path === 'data.consent') return t('consent');
  if (path === 'data.conditions') return t('basicConditions');
  if (parent === 'needs') return t(`needs.${last}`, fallback);
  if (parent === 'consent') return `${t('consent')}: ${t(`conditions.${last}`, fallback)}`;
  if (parent === 'conditions') return `${t('light')}: ${t(`conditions.${last}`, fallback)}`;
  return t(`fields.${last}`, fallback || last);
}

/** Labels of the options of a select: outcomes, condition statuses. */
export function optionLabel(t: T, path: string, value: string): string {
  if (path === 'outcome') return t(`outcomesByType.${value}`, value);
  if (path.split('.').at(-2) === 'conditions') return t(`statuses.${value}`, value);
  return t(`options.${value}`, value);
}
