/**
 * The 11-check (elfproef) of a citizen service number: nine digits d1..d9 with
 * 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11. Leading zeros count; all zeros is not a BSN.
 */
export function isValidBsn(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{9}$/.test(value) || value === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(value[i]) * (9 - i);
  sum -= Number(value[8]);
  return sum % 11 === 0;
}
