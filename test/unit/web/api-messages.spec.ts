import { dutchApiMessage } from '../../../apps/web/src/i18n/api-messages';
import * as nl from '../../../apps/web/src/i18n/nl';

type Tree = { [key: string]: string | Tree };
const labels = { ...nl.BASE, ...nl.CASE, ...nl.EVENTS } as unknown as Tree;
const t = (key: string, fallback?: string) => {
  const value = key
    .split('.')
    .reduce<Tree | string | undefined>((n, k) => (typeof n === 'object' ? n[k] : undefined), labels);
  return typeof value === 'string' ? value : (fallback ?? key);
};

/** The API's 400 messages reach a Dutch reader in Dutch, the field by its label; unknown ones as written. */
describe('API messages in Dutch', () => {
  it.each([
    [
      'person.bsn must be a citizen service number of 9 digits that passes the 11-check',
      'BSN: moet een burgerservicenummer van 9 cijfers zijn dat de elfproef doorstaat',
    ],
    [
      'expectedReleaseDate must not be before intakeDate',
      'Verwachte invrijheidstelling: mag niet vóór insluiting liggen',
    ],
    [
      'municipality must be a known CBS municipality code, e.g. GM0363',
      'Gemeente: moet een bekende gemeentecode zijn, bijvoorbeeld GM0363',
    ],
    [
      'casemanager.phone must be a telephone number (digits, spaces, + ( ) -)',
      'Telefoon: moet een telefoonnummer zijn (cijfers, spaties, + ( ) -)',
    ],
    ['data.needs.housing must be a boolean value', 'Onderdak: moet ja of nee zijn'],
    ['property hacker should not exist', 'hacker: onbekend veld'],
  ])('%s', (message, dutch) => {
    expect(dutchApiMessage(t, message)).toBe(dutch);
  });

  it('leaves a message it does not know as the API wrote it', () => {
    expect(dutchApiMessage(t, 'a received request cannot become accepted')).toBe(
      'a received request cannot become accepted',
    );
  });
});
