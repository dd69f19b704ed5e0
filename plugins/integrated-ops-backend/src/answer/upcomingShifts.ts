import { onCallAt } from '@integrated-ops/plugin-integrated-ops-common';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { person } from './person';

/** Shifts listed per rotation after the current one. */
export const UPCOMING_SHIFTS = 3;

/**
 * The next shifts of each of a team's YAML rotations after the one at `at`:
 * who, from when, until when. A rotation a vendor answers (`from`) has none
 * here: the vendor's schedule decides, with overrides the YAML cannot know.
 */
export function upcomingShifts(
  index: OwnershipIndex,
  teamRef: string,
  at: Date,
) {
  const rotations = index.teams.get(teamRef)?.onCall ?? [];
  return rotations
    .filter(rotation => !rotation.from)
    .map(rotation => {
      const shifts = [];
      let next = onCallAt(rotation, at).until;
      for (let i = 0; i < UPCOMING_SHIFTS; i++) {
        const shift = onCallAt(rotation, new Date(next));
        if (!shift.member || !shift.from) break;
        shifts.push({
          person: person(index, shift.member),
          from: shift.from,
          until: shift.until,
        });
        next = shift.until;
      }
      return { rotation: rotation.name, timeZone: rotation.timeZone, shifts };
    });
}
