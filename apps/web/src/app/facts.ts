/** The five basic conditions of DOMAIN.md, in the order every screen shows them. */
export const CONDITIONS = ['id', 'housing', 'income', 'debts', 'care'] as const;
export type Condition = (typeof CONDITIONS)[number];

/** Today's calendar date in the Netherlands (`YYYY-MM-DD`), the day due dates and releases are counted in. */
export const todayInAmsterdam = (): string => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
