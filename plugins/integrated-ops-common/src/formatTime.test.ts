import { formatInstant, formatShiftTime, formatTimeLeft } from './formatTime';

describe('formatShiftTime', () => {
  it('says a handover in the viewer’s zone and adds the rotation’s time when it reads differently', () => {
    expect(
      formatShiftTime(
        '2026-12-07T08:00:00Z',
        'Europe/Warsaw',
        'America/New_York',
      ),
    ).toMatch(/^Mon, Dec 7, 03:00 AM EST \(09:00 AM GMT\+1 rotation time\)$/);
  });

  it('says how long is left, in words, until it has passed', () => {
    const now = new Date('2026-12-06T21:20:00Z');
    expect(formatTimeLeft('2026-12-06T22:05:00Z', now)).toBe('45 min');
    expect(formatTimeLeft('2026-12-07T07:00:00Z', now)).toBe('10 h');
    expect(formatTimeLeft('2026-12-10T07:00:00Z', now)).toBe('3 days');
    expect(formatTimeLeft('2026-12-06T21:00:00Z', now)).toBeUndefined();
  });

  it('says it once when the viewer’s clock reads the same', () => {
    expect(
      formatShiftTime('2026-07-06T08:00:00Z', 'Europe/London', 'Europe/London'),
    ).toBe('Mon, Jul 6, 09:00 AM GMT+1');
    expect(
      formatShiftTime('2026-12-07T07:00:00Z', 'Europe/London', 'UTC'),
    ).toBe('Mon, Dec 7, 07:00 AM UTC');
  });

  it('gives instants in the viewer’s zone, marked', () => {
    expect(formatInstant('2026-12-01T02:13:00Z', 'UTC')).toBe(
      'Tue, Dec 1, 02:13 AM UTC',
    );
  });
});
