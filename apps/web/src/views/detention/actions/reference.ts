// The codes of prisons and municipalities, from the domain's reference data (plain data, no code of the API).
import { MUNICIPALITIES } from '../../../../../../libs/domain/src/reference/municipalities';
import { PRISONS } from '../../../../../../libs/domain/src/reference/prisons';

const byName = (a: [string, string], b: [string, string]) => a[1].localeCompare(b[1], 'nl');

export const PRISON_OPTIONS: [string, string][] = PRISONS.map((p): [string, string] => [p.code, p.name]).sort(byName);
export const MUNICIPALITY_OPTIONS: [string, string][] = Object.entries(MUNICIPALITIES)
  .map(([code, name]): [string, string] => [code, `${name} (${code})`])
  .sort(byName);
