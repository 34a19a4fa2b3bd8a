import { PROBATION_ORGANISATIONS, type ProbationOrganisation } from '../detention/detention-facts';
import { MUNICIPALITIES } from './municipalities';
import { PRISONS, type PrisonLocation } from './prisons';

export { MUNICIPALITIES } from './municipalities';
export { PRISONS, type PrisonLocation } from './prisons';

export const isMunicipalityCode = (code: unknown): code is string =>
  typeof code === 'string' && Object.prototype.hasOwnProperty.call(MUNICIPALITIES, code);
export const isPrisonCode = (code: unknown): code is string => PRISONS.some((p) => p.code === code);
export const isProbationCode = (code: unknown): code is ProbationOrganisation =>
  (PROBATION_ORGANISATIONS as readonly unknown[]).includes(code);

export function findPrison(code: string): PrisonLocation | undefined {
  return PRISONS.find((p) => p.code === code);
}

/** The CBS code of the municipality where a prison stands (its mayor issues ID cards to detainees). */
export function prisonMunicipality(code: string): string {
  const prison = findPrison(code);
  if (!prison) throw new RangeError(`unknown prison code ${code}`);
  return prison.municipality;
}
