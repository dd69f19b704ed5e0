import { accessEndsAt } from './accessEnd';

describe('accessEndsAt', () => {
  it('ends a day at its close, an instant at itself, never never', () => {
    expect(accessEndsAt('2026-12-07')).toBe(Date.parse('2026-12-08T00:00:00Z'));
    expect(accessEndsAt('2026-12-07T05:00:00Z')).toBe(
      Date.parse('2026-12-07T05:00:00Z'),
    );
    expect(accessEndsAt('never')).toBeUndefined();
    expect(accessEndsAt('soon')).toBeUndefined();
    expect(accessEndsAt(undefined)).toBeUndefined();
  });
});
