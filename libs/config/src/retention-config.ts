import { Matches, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';

/** An ISO 8601 period of whole years, months, weeks and days: `P6M`, `P1Y6M`, `P26W`, `P180D`. */
const PERIOD = /^P(?=\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** A retention period in calendar units: months (years included) first, then days, as PostgreSQL adds them. */
export interface RetentionPeriod {
  months: number;
  days: number;
}

/** `P6M` → `{ months: 6, days: 0 }`; `P1Y2W` → `{ months: 12, days: 14 }`. Throws on anything else. */
export function parseRetentionPeriod(value: string): RetentionPeriod {
  const match = PERIOD.exec(value.trim());
  if (!match) throw new RangeError('not an ISO 8601 period of years, months, weeks and days');
  const [years, months, weeks, days] = match.slice(1).map((part) => Number(part ?? 0));
  return { months: years * 12 + months, days: weeks * 7 + days };
}

/** `P6M` → `6 months`, `P1Y2W` → `12 months and 14 days`: for the rule written with each erasure. */
export function describeRetentionPeriod(value: string): string {
  const { months, days } = parseRetentionPeriod(value);
  const unit = (n: number, one: string) => (n === 0 ? [] : [`${n} ${one}${n === 1 ? '' : 's'}`]);
  return [...unit(months, 'month'), ...unit(days, 'day')].join(' and ');
}

@ValidatorConstraint({ name: 'retentionPeriod' })
class IsRetentionPeriod implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || !PERIOD.test(value.trim())) return false;
    const { months, days } = parseRetentionPeriod(value);
    return months + days > 0 && months <= 1200 && days <= 36_500;
  }

  defaultMessage(): string {
    return 'RETENTION_PERIOD must be an ISO 8601 period of at least a day, like P6M (6 months), P1Y or P90D';
  }
}

/**
 * Retention (DOMAIN.md, privacy: detention data is deleted 6 months after release unless a longer legal basis
 * applies). A closed case is erased this long after its actual release or, without one, after its ending or
 * closing; the worker's retention sweep looks for such cases every interval. Part of {@link AppConfig}.
 */
export class RetentionSettings {
  @Validate(IsRetentionPeriod)
  RETENTION_PERIOD = 'P6M';

  @Matches(/^[1-9]\d*\s*(s|m|h)$/, { message: "RETENTION_SWEEP_INTERVAL must be a duration like '1h' or '15m'" })
  RETENTION_SWEEP_INTERVAL = '1h';
}

export const RETENTION_CONFIG_KEYS = ['RETENTION_PERIOD', 'RETENTION_SWEEP_INTERVAL'] as const;
