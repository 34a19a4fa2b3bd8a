import { isValidBsn } from '@terugkeer/domain';

describe('BSN 11-check', () => {
  it.each(['123456782', '111222333', '999999990', '010000008'])('accepts %s', (bsn) =>
    expect(isValidBsn(bsn)).toBe(true),
  );
  it.each(['123456789', '12345678', '1234567890', '12345678a', '000000000', 123456782, null])('rejects %s', (bsn) =>
    expect(isValidBsn(bsn)).toBe(false),
  );
});
