import { onCallAt } from '@integrated-ops/plugin-integrated-ops-common';
import { onCallAtMemoized } from './onCallMemo';

const rotation = {
  name: 'primary',
  members: ['user:default/ana', 'user:default/tom'],
  start: '2026-01-05T09:00',
  period: 'P7D',
  timeZone: 'Europe/London',
};

describe('onCallAtMemoized', () => {
  it.each([
    '2025-12-31T00:00:00Z', // before the start
    '2026-01-05T09:00:00Z',
    '2026-01-12T08:59:59.999Z',
    '2026-01-12T09:00:00Z', // handoff
    '2026-01-08T00:00:00Z', // back in an earlier shift
    '2026-03-30T07:59:00Z', // around DST
    '2026-03-30T08:00:00Z',
  ])('agrees with onCallAt at %s, asked in sequence', at => {
    expect(onCallAtMemoized(rotation, new Date(at))).toEqual(
      onCallAt(rotation, new Date(at)),
    );
  });
});
