import {
  onCallAt,
  OnCallShift,
  Rotation,
} from '@integrated-ops/plugin-integrated-ops-common';

type Memo = { from: number; until: number; shift: OnCallShift };

const memo = new WeakMap<Rotation, Memo>();

/**
 * onCallAt, remembered per rotation for the length of the shift: who is on
 * call does not change between two handoffs, and the date arithmetic is the
 * most expensive part of an answer. Rotations are the parsed objects an
 * OwnershipIndex holds, so the memo goes away with the index.
 */
export function onCallAtMemoized(rotation: Rotation, at: Date): OnCallShift {
  const t = at.getTime();
  const known = memo.get(rotation);
  if (known && known.from <= t && t < known.until) {
    return known.shift;
  }
  const shift = onCallAt(rotation, at);
  memo.set(rotation, {
    from: shift.from ? Date.parse(shift.from) : Number.NEGATIVE_INFINITY,
    until: Date.parse(shift.until),
    shift,
  });
  return shift;
}
