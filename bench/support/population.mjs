// A realistic detainee population for registrations: people (valid, distinct BSNs) spread over the prisons and
// municipalities of the reference lists, with stays as the prisons have them — most three months or shorter, some
// up to two years, some on remand without a release date — and already part-way through their stay, so that the
// steps of the days before registration fire at once, marked late, as when a prison goes live with a population.
// Deterministic: the same seed gives the same population.
import { createRequire } from 'node:module';
import { dist } from './paths.mjs';

const require = createRequire(import.meta.url);
const { addDays, amsterdamDate, MUNICIPALITIES, PRISONS } = require(dist('libs/domain/src/index.js'));

/** mulberry32: a small seeded PRNG, so that runs register the same population. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid BSN (11-check) from an 8-digit stem: the ninth digit makes 9·d1 + … + 2·d8 − d9 divisible by 11. */
export function bsnFrom(stem) {
  for (let s = stem; ; s++) {
    const digits = String(s).padStart(8, '0').split('').map(Number);
    const check = digits.reduce((sum, d, i) => sum + d * (9 - i), 0) % 11;
    if (check <= 9) return `${digits.join('')}${check}`;
  }
}

/**
 * Person `i` of population `seed` (1 … 17, up to 500,000 people each): stems 10 apart, as bsnFrom moves at most a
 * step or two up, so that no two people share a BSN.
 */
export function bsnOf(seed, i) {
  if (!Number.isInteger(seed) || seed < 1 || seed > 17 || i >= 500_000) throw new RangeError(`no BSN for ${seed}/${i}`);
  return bsnFrom(10_000_000 + seed * 5_000_000 + i * 10);
}

/** The big cities take most of the people; every municipality of the list has some. */
const CITIES = ['GM0363', 'GM0599', 'GM0518', 'GM0344', 'GM0772', 'GM0014', 'GM0153', 'GM0034', 'GM0758', 'GM0268'];
export const ALL_MUNICIPALITIES = Object.keys(MUNICIPALITIES).sort();
export const PRISON_CODES = PRISONS.map((p) => p.code);

const pick = (rand, list) => list[Math.floor(rand() * list.length)];

/**
 * The stay: 15 % remand (no release date yet, 0–60 days in), 60 % short (2 weeks to 3 months), 25 % long (3 months
 * to 2 years); a person is somewhere between intake and release, at most 90 days in.
 */
function stay(rand, today) {
  const kind = rand();
  if (kind < 0.15) return { intakeDate: addDays(today, -Math.floor(rand() * 61)), expectedReleaseDate: null };
  const days = kind < 0.75 ? 14 + Math.floor(rand() * 78) : 92 + Math.floor(rand() * 639);
  const elapsed = Math.floor(rand() * Math.min(days, 91));
  const intakeDate = addDays(today, -elapsed);
  return { intakeDate, expectedReleaseDate: addDays(intakeDate, days) };
}

/**
 * The body of `POST /api/v1/detentions` for person `i` of a population (`seed` tells populations apart: their
 * BSNs never collide). `overrides` replaces fields (the timer storm fixes the dates).
 */
export function intakeBody(i, { seed = 1, overrides = {} } = {}) {
  const rand = random(seed * 1_000_003 + i);
  const today = amsterdamDate(Date.now());
  const prison = pick(rand, PRISON_CODES);
  const municipality = rand() < 0.6 ? pick(rand, CITIES) : pick(rand, ALL_MUNICIPALITIES);
  const p = rand();
  const probation = p < 0.7 ? 'RN' : p < 0.9 ? 'SVG' : 'LJR';
  const year = 1960 + Math.floor(rand() * 45);
  const dateOfBirth = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const chance = (q) => rand() < q;
  return {
    person: { bsn: bsnOf(seed, i), name: `Bench Person ${seed}-${i}`, dateOfBirth },
    prison,
    municipality,
    probation,
    ...stay(rand, today),
    casemanager: {
      name: `Casemanager ${prison}`,
      email: `cm@${prison.toLowerCase()}.example`,
      phone: '+31 88 000 0000',
    },
    needs: {
      id: chance(0.3),
      housing: chance(0.4),
      income: chance(0.5),
      debts: chance(0.45),
      care: chance(0.2),
      bankAccount: chance(0.2),
      digid: chance(0.3),
    },
    idDocumentExpiry: chance(0.5) ? addDays(today, Math.floor(rand() * 2000) - 200) : null,
    ...overrides,
  };
}
