import {
  amsterdamDate,
  isCalendarDate,
  isMunicipalityCode,
  isPrisonCode,
  isProbationCode,
  isValidBsn,
  PROBATION_ORGANISATIONS,
} from '@terugkeer/domain';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** A property decorator from a test and a message (class-validator's `registerDecorator`). */
export function define(
  name: string,
  test: (value: unknown, args: ValidationArguments) => boolean,
  message: (args: ValidationArguments) => string,
) {
  return (options?: ValidationOptions) => (object: object, propertyName: string) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options: { message, ...options },
      validator: { validate: test },
    });
}

/** A real calendar date `YYYY-MM-DD`. */
export const IsCalendarDate = define(
  'isCalendarDate',
  (v) => isCalendarDate(v),
  (a) => `${a.property} must be a date (YYYY-MM-DD)`,
);

/** Not after today in Europe/Amsterdam. */
export const NotInFuture = define(
  'notInFuture',
  (v) => !isCalendarDate(v) || v <= amsterdamDate(Date.now()),
  (a) => `${a.property} must not be in the future`,
);

/** Today or later (Amsterdam): an expected release date in the past is refused while detained (rule 10). */
export const NotInPast = define(
  'notInPast',
  (v) => !isCalendarDate(v) || v >= amsterdamDate(Date.now()),
  (a) => `${a.property} must not be in the past while the person is detained (record the release instead)`,
);

/** Not before the sibling date property `other` (when both are dates). */
export const NotBefore = (other: string, options?: ValidationOptions) =>
  define(
    'notBefore',
    (v, a) => {
      const base = (a.object as Record<string, unknown>)[other];
      return !isCalendarDate(v) || !isCalendarDate(base) || v >= base;
    },
    (a) => `${a.property} must not be before ${other}`,
  )(options);

export const IsBsn = define(
  'isBsn',
  (v) => isValidBsn(v),
  (a) => `${a.property} must be a citizen service number of 9 digits that passes the 11-check`,
);

export const IsPrisonCode = define(
  'isPrisonCode',
  (v) => isPrisonCode(v),
  (a) => `${a.property} must be a known prison code, e.g. PI-ALMELO`,
);

export const IsMunicipalityCode = define(
  'isMunicipalityCode',
  (v) => isMunicipalityCode(v),
  (a) => `${a.property} must be a known CBS municipality code, e.g. GM0363`,
);

export const IsProbationCode = define(
  'isProbationCode',
  (v) => isProbationCode(v),
  (a) => `${a.property} must be one of ${PROBATION_ORGANISATIONS.join(', ')}`,
);
