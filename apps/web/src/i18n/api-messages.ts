type T = (key: string, fallback?: string) => string;

/**
 * The API's 400 messages (English, each starting with the field it is about) said in Dutch: the field by its
 * label, the rule by a known phrase. A message no rule knows is shown as the API wrote it.
 */
const RULES: [RegExp, string][] = [
  [
    /^must be a citizen service number of 9 digits that passes the 11-check$/,
    'moet een burgerservicenummer van 9 cijfers zijn dat de elfproef doorstaat',
  ],
  [/^must be a date \(YYYY-MM-DD\)$/, 'moet een datum zijn'],
  [/^must be a valid ISO 8601 date string$/, 'moet een datum zijn'],
  [/^must be a known CBS municipality code, e\.g\. (\S+)$/, 'moet een bekende gemeentecode zijn, bijvoorbeeld $1'],
  [
    /^must be a known prison code, e\.g\. (\S+)$/,
    'moet een bekende code van een penitentiaire inrichting zijn, bijvoorbeeld $1',
  ],
  [/^must be one of (the following values: )?(.+)$/, 'moet een van deze waarden zijn: $2'],
  [/^must not be before (\S+)$/, 'mag niet vóór {field:$1} liggen'],
  [/^must not be in the future$/, 'mag niet in de toekomst liggen'],
  [
    /^must not be in the past while the person is detained \(record the release instead\)$/,
    'mag niet in het verleden liggen zolang de persoon gedetineerd is (registreer dan de invrijheidstelling)',
  ],
  [
    /^must make the person 18 or older on the intakeDate$/,
    'moet betekenen dat de persoon op de insluitingsdatum 18 jaar of ouder is',
  ],
  [/^must be an e-mail address$|^must be an email$/, 'moet een e-mailadres zijn'],
  [/^must be a (tele)?phone number.*$/, 'moet een telefoonnummer zijn (cijfers, spaties, + ( ) -)'],
  [/^must be given: a date, or null while unknown$/, 'moet worden ingevuld: een datum, of leeg zolang die onbekend is'],
  [/^(must not|should not) be empty$/, 'mag niet leeg zijn'],
  [/^must be one line$/, 'moet op één regel passen'],
  [/^must be a boolean value$/, 'moet ja of nee zijn'],
  [/^must be a string$/, 'moet tekst zijn'],
  [/^must be a UUID$/, 'moet een geldige sleutel (UUID) zijn'],
  [/^must be longer than or equal to (\d+) characters$/, 'moet minstens $1 tekens lang zijn'],
  [/^must be shorter than or equal to (\d+) characters$/, 'mag hoogstens $1 tekens lang zijn'],
  [/^is required when the outcome is (\S+)$/, 'is verplicht bij deze uitkomst'],
  [/^is required when declining$/, 'is verplicht als u afwijst'],
  [/^must be an http\(s\) URL$|^must be an https URL$/, 'moet een https-adres zijn'],
];

/** The label of a field path (`person.bsn`, `data.needs.id`, `casemanager.phone`) in the UI language. */
function fieldLabel(t: T, path: string): string {
  const parts = path.replace(/^data\./, '').split('.');
  const last = parts[parts.length - 1];
  const parent = parts[parts.length - 2];
  if (last === 'bsn') return 'BSN';
  if (parent === 'needs') return t(`needs.${last}`, last);
  if (parent === 'consent' || parent === 'conditions') return t(`conditions.${last}`, last);
  const plain: Record<string, string> = {
    name: 'name',
    dateOfBirth: 'dateOfBirth',
    intakeDate: 'intake',
    expectedReleaseDate: 'expectedRelease',
    releaseDate: 'actualRelease',
    email: 'email',
    phone: 'phone',
    prison: 'prison',
    municipality: 'municipality',
    probation: 'probation',
  };
  const label = plain[last] ? t(plain[last]) : t(`fields.${last}`, '');
  return label || last;
}

export function dutchApiMessage(t: T, message: string): string {
  const unknown = /^property (\S+) should not exist$/.exec(message);
  if (unknown) return `${fieldLabel(t, unknown[1])}: onbekend veld`;
  const [path, ...words] = message.split(' ');
  const rest = words.join(' ');
  for (const [pattern, dutch] of RULES) {
    const match = pattern.exec(rest);
    if (!match) continue;
    const said = dutch
      .replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? '')
      .replace(/\{field:([^}]+)\}/g, (_, other: string) => fieldLabel(t, other).toLowerCase());
    return `${fieldLabel(t, path)}: ${said}`;
  }
  return message;
}
