import { judgeResponse } from '@terugkeer/domain';

describe('partner request state machine', () => {
  it.each([
    ['sent', 'received'],
    ['sent', 'acknowledged'],
    ['received', 'acknowledged'],
    ['acknowledged', 'accepted'],
    ['acknowledged', 'waitlisted'],
    ['waitlisted', 'accepted'],
    ['acknowledged', 'declined'],
    ['accepted', 'completed'],
  ] as const)('%s → %s applies', (from, to) => expect(judgeResponse(from, to)).toEqual({ kind: 'apply' }));

  it.each([
    ['acknowledged', 'received'],
    ['accepted', 'acknowledged'],
    ['declined', 'received'],
    ['completed', 'accepted'],
    ['accepted', 'waitlisted'],
  ] as const)('%s then a late %s is stale: no effect', (from, to) =>
    expect(judgeResponse(from, to)).toEqual({ kind: 'stale' }),
  );

  it.each([
    ['declined', 'accepted'],
    ['declined', 'completed'],
    ['completed', 'declined'],
    ['sent', 'completed'],
    ['accepted', 'declined'],
  ] as const)('%s → %s is illegal', (from, to) => expect(judgeResponse(from, to).kind).toBe('illegal'));

  it('treats the same status twice as a duplicate', () =>
    expect(judgeResponse('accepted', 'accepted')).toEqual({ kind: 'duplicate' }));

  it('records but never revives a withdrawn request', () =>
    expect(judgeResponse('withdrawn', 'accepted')).toEqual({ kind: 'withdrawn' }));

  it('lets a notice be completed without acceptance', () => {
    expect(judgeResponse('sent', 'completed', true)).toEqual({ kind: 'apply' });
    expect(judgeResponse('sent', 'completed', false).kind).toBe('illegal');
  });
});
