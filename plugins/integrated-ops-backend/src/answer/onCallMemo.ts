import {
  onCallAt,
  OnCallShift,
  Rotation,
} from '@integrated-ops/plugin-integrated-ops-common';
import { noteShift } from './answerParts';

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
    noteShift(known.from, known.until);
    return known.shift;
  }
  const shift = onCallAt(rotation, at);
  const from = shift.from ? Date.parse(shift.from) : Number.NEGATIVE_INFINITY;
  const until = Date.parse(shift.until);
  memo.set(rotation, { from, until, shift });
  // An answer made of this shift holds until the handoff (see answerParts).
  noteShift(from, until);
  return shift;
}
