import {
  BASIC_CONDITIONS,
  buildRequestData,
  REQUEST_PAYLOAD_FIELDS,
  REQUEST_TYPES,
  type Consent,
  type DetentionFacts,
} from '@terugkeer/domain';
import fc from 'fast-check';

const person = { bsn: '123456782', name: 'J. Jansen', dateOfBirth: '1990-05-01' };
const casemanager = { name: 'C. de Vries', email: 'c@dji.example', phone: '+31 546 000 000' };

const factsArb = fc
  .record({
    needs: fc.record({
      id: fc.boolean(),
      housing: fc.boolean(),
      income: fc.boolean(),
      debts: fc.boolean(),
      care: fc.boolean(),
      bankAccount: fc.boolean(),
      digid: fc.boolean(),
      debtsThreatening: fc.boolean(),
    }),
    consent: fc.dictionary(fc.constantFrom(...BASIC_CONDITIONS), fc.boolean()) as fc.Arbitrary<Consent>,
  })
  .map(({ needs, consent }): DetentionFacts => ({
    prison: 'PI-ALMELO',
    municipality: 'GM0363',
    probation: 'RN',
    intakeDate: '2026-11-20',
    expectedReleaseDate: '2027-03-01',
    actualReleaseDate: null,
    screeningCompletedDate: '2026-11-25',
    needs,
    consent,
    idDocumentExpiry: '2027-01-01',
    ending: null,
  }));

describe('minimal, purpose-bound request payloads', () => {
  it('holds only the declared fields of its type, names them, and gives the BSN only to government bodies', () => {
    fc.assert(
      fc.property(factsArb, fc.constantFrom(...REQUEST_TYPES), fc.boolean(), (facts, type, government) => {
        const payload = buildRequestData(type, { facts, person, casemanager, caseReference: 'TK-1', government });
        const declared = REQUEST_PAYLOAD_FIELDS[type].map((f) => f.name);
        expect(Object.keys(payload.data).every((k) => declared.includes(k))).toBe(true);
        expect(payload.fields).toEqual(Object.keys(payload.data));
        const text = JSON.stringify(payload.data);
        if (!government) {
          expect(text).not.toContain(person.bsn);
          expect(text).not.toContain(person.name);
        } else {
          expect(payload.data.person).toEqual(person);
          expect(payload.basis).toContain('BSN to a government body');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('shares a condition only with consent, and nothing about other conditions', () => {
    fc.assert(
      fc.property(factsArb, fc.boolean(), (facts, government) => {
        const housing = buildRequestData('housing-request', {
          facts,
          person,
          casemanager,
          caseReference: 'TK-1',
          government,
        });
        if (facts.consent.housing === true) {
          expect(housing.data.helpNeeded).toEqual({ housing: facts.needs.housing });
          expect(housing.basis).toContain('consent of the detainee (housing)');
        } else {
          expect(housing.data.helpNeeded).toBeUndefined();
        }
        const notice = buildRequestData('detention-start-notice', {
          facts,
          person,
          casemanager,
          caseReference: 'TK-1',
          government,
        });
        const shared = Object.keys((notice.data.helpNeeded as object | undefined) ?? {});
        expect(shared.sort()).toEqual(BASIC_CONDITIONS.filter((c) => facts.consent[c] === true).sort());
        expect(notice.basis).toContain('Pbw art. 18a');
      }),
      { numRuns: 300 },
    );
  });
});
