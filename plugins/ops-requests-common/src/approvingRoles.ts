import {
  Discipline,
  DISCIPLINE_TITLES,
} from '@integrated-ops/plugin-integrated-ops-common';

/**
 * Who approves a request: the owning team of a discipline, or the change
 * advisory board the policy names when a change falls in a freeze that
 * allows it.
 *
 * @public
 */
export type ApprovingRole = Discipline | 'change-advisory';

/**
 * The approving role of the change advisory board.
 *
 * @public
 */
export const CHANGE_ADVISORY: ApprovingRole = 'change-advisory';

/**
 * "NetOps", "SecOps", "Change advisory board".
 *
 * @public
 */
export function approvingRoleTitle(role: ApprovingRole): string {
  return role === 'change-advisory'
    ? 'Change advisory board'
    : DISCIPLINE_TITLES[role];
}
