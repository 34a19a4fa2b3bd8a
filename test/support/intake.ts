import { addDays, amsterdamDate, onOrBeforeWorkingDay } from '@terugkeer/domain';

/**
 * The body of `POST /api/v1/detentions` most e2e tests register: J. Jansen at PI-ALMELO for Amsterdam, intake on the
 * last working day, release `releaseInDays` later, housing needed. `person` fields may be overridden.
 */
export function intakeBody({
  releaseInDays = 90,
  person = {},
}: { releaseInDays?: number; person?: Partial<{ bsn: string; name: string; dateOfBirth: string }> } = {}) {
  const today = amsterdamDate(Date.now());
  return {
    person: { bsn: '123456782', name: 'J. Jansen', dateOfBirth: '1990-05-01', ...person },
    prison: 'PI-ALMELO',
    municipality: 'GM0363',
    probation: 'RN',
    intakeDate: onOrBeforeWorkingDay(addDays(today, -1)),
    expectedReleaseDate: addDays(today, releaseInDays),
    casemanager: { name: 'C. de Vries', email: 'c@dji.example', phone: '+31 546 000 000' },
    needs: { id: false, housing: true, income: false, debts: false, care: false, bankAccount: false, digid: false },
    idDocumentExpiry: null,
  };
}
