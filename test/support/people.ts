import { isValidBsn } from '@terugkeer/domain';
import { randomInt } from 'node:crypto';

/** A random BSN that passes the 11-check. */
export function uniqueBsn(): string {
  for (;;) {
    const bsn = String(randomInt(100_000_000, 999_999_999));
    if (isValidBsn(bsn)) return bsn;
  }
}

const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');

/**
 * A person no other test registers: a random valid BSN, a surname of random letters, a date of birth in the last
 * century — so that finding any of them somewhere means it came from this person.
 */
export function uniquePerson() {
  const surname = `Q${letters(9)}`;
  const dateOfBirth = `19${randomInt(50, 99)}-${String(randomInt(1, 13)).padStart(2, '0')}-${String(randomInt(1, 29)).padStart(2, '0')}`;
  return { bsn: uniqueBsn(), name: `R. ${surname}`, surname, dateOfBirth };
}
