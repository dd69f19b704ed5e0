import { formatInstant, formatShiftTime } from './formatTime';

describe('formatShiftTime', () => {
  it('marks a handover with the rotation zone and adds the viewer’s time when it reads differently', () => {
    expect(
      formatShiftTime(
        '2026-12-07T08:00:00Z',
        'Europe/Warsaw',
        'America/New_York',
      ),
    ).toMatch(/^Mon, Dec 7, 09:00 AM GMT\+1 \(03:00 AM EST your time\)$/);
  });

  it('says it once when the viewer’s clock reads the same', () => {
    expect(
      formatShiftTime('2026-07-06T08:00:00Z', 'Europe/London', 'Europe/London'),
    ).toBe('Mon, Jul 6, 09:00 AM GMT+1');
    expect(
      formatShiftTime('2026-12-07T07:00:00Z', 'Europe/London', 'UTC'),
    ).toBe('Mon, Dec 7, 07:00 AM GMT');
  });

  it('gives instants in the viewer’s zone, marked', () => {
    expect(formatInstant('2026-12-01T02:13:00Z', 'UTC')).toBe(
      'Tue, Dec 1, 02:13 AM UTC',
    );
  });
});
