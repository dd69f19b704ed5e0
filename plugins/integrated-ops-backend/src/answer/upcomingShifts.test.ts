import { OwnershipIndex } from '../index/OwnershipIndex';
import { testCatalog } from '../__testUtils__/testCatalog';
import { upcomingShifts } from './upcomingShifts';

const index = OwnershipIndex.build(testCatalog);

describe('upcomingShifts', () => {
  it('lists the next three shifts after the current one, at the London Monday 09:00 handoff', () => {
    // Wednesday: Ana is on call until Monday 12 Jan 09:00 London (UTC in winter).
    const [primary] = upcomingShifts(
      index,
      'group:default/netops-edge',
      new Date('2026-01-07T12:00:00Z'),
    );
    expect(primary.rotation).toBe('primary');
    expect(primary.shifts.map(s => [s.person.name, s.from, s.until])).toEqual([
      ['Tom Becker', '2026-01-12T09:00:00.000Z', '2026-01-19T09:00:00.000Z'],
      ['Ana Silva', '2026-01-19T09:00:00.000Z', '2026-01-26T09:00:00.000Z'],
      ['Tom Becker', '2026-01-26T09:00:00.000Z', '2026-02-02T09:00:00.000Z'],
    ]);
  });

  it('says nothing for a team without a rotation', () => {
    expect(
      upcomingShifts(index, 'group:default/no-such-team', new Date()),
    ).toEqual([]);
  });
});
