import { onCallAt } from './onCall';

const weekly = {
  name: 'primary',
  members: ['user:default/ana', 'user:default/tom', 'user:default/kwame'],
  start: '2026-01-05T09:00',
  period: 'P7D',
  timeZone: 'Europe/London',
};

describe('onCallAt', () => {
  it('gives the first member the first week', () => {
    expect(onCallAt(weekly, new Date('2026-01-07T12:00:00Z'))).toEqual({
      rotation: 'primary',
      member: 'user:default/ana',
      next: 'user:default/tom',
      from: '2026-01-05T09:00:00.000Z',
      until: '2026-01-12T09:00:00.000Z',
    });
  });

  it('hands off exactly at the handoff time', () => {
    expect(onCallAt(weekly, new Date('2026-01-12T08:59:59Z')).member).toBe(
      'user:default/ana',
    );
    expect(onCallAt(weekly, new Date('2026-01-12T09:00:00Z')).member).toBe(
      'user:default/tom',
    );
  });

  it('wraps around the members', () => {
    expect(onCallAt(weekly, new Date('2026-01-26T10:00:00Z')).member).toBe(
      'user:default/ana',
    );
  });

  it('keeps the 09:00 local handoff across the spring DST change', () => {
    // Clocks go forward on 2026-03-29 in London: 09:00 BST is 08:00 UTC.
    const shift = onCallAt(weekly, new Date('2026-03-31T12:00:00Z'));
    expect(shift.from).toBe('2026-03-30T08:00:00.000Z');
    expect(shift.until).toBe('2026-04-06T08:00:00.000Z');
    expect(onCallAt(weekly, new Date('2026-03-30T07:59:00Z')).member).not.toBe(
      shift.member,
    );
  });

  it('rotates 12-hour shifts by absolute time', () => {
    const shifts = {
      name: 'shift',
      members: [
        'user:default/a',
        'user:default/b',
        'user:default/c',
        'user:default/d',
      ],
      start: '2026-01-05T07:00',
      period: 'PT12H',
      timeZone: 'UTC',
    };
    expect(onCallAt(shifts, new Date('2026-01-05T18:59:00Z')).member).toBe(
      'user:default/a',
    );
    expect(onCallAt(shifts, new Date('2026-01-05T19:00:00Z')).member).toBe(
      'user:default/b',
    );
    expect(onCallAt(shifts, new Date('2026-01-06T19:00:00Z')).member).toBe(
      'user:default/d',
    );
    expect(onCallAt(shifts, new Date('2026-01-07T07:00:00Z')).member).toBe(
      'user:default/a',
    );
  });

  it('has nobody on call before the rotation starts, and says who starts', () => {
    expect(onCallAt(weekly, new Date('2025-12-31T00:00:00Z'))).toEqual({
      rotation: 'primary',
      next: 'user:default/ana',
      until: '2026-01-05T09:00:00.000Z',
    });
  });
});
