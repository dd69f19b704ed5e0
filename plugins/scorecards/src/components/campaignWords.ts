import {
  DISCIPLINE_TITLES,
  formatInstant,
} from '@integrated-ops/plugin-integrated-ops-common';
import type { CampaignSummary } from '@integrated-ops/plugin-scorecards-common';
import { LEVEL_WORDS } from './levelWords';

/** Whole days from today (UTC) to the deadline day: 0 on the day itself. */
export function daysLeft(deadline: string, today = new Date()): number {
  const start = Date.UTC(
    today.getUTCFullYear(),
    today.getUTCMonth(),
    today.getUTCDate(),
  );
  return Math.round((Date.parse(deadline) - start) / 86_400_000);
}

/** "SecOps Silver by 2027-01-31 (55 days left)". */
export function targetWords(c: CampaignSummary, today = new Date()): string {
  const days = daysLeft(c.deadline, today);
  let left = `${days} ${days === 1 ? 'day' : 'days'} left`;
  if (days < 0) {
    left = `${-days} ${days === -1 ? 'day' : 'days'} past the deadline`;
  } else if (days === 0) left = 'the deadline is today';
  return `${DISCIPLINE_TITLES[c.target.discipline]} ${
    LEVEL_WORDS[c.target.level]
  } by ${c.deadline} (${left})`;
}

/** "2 of 5 at the target", or why there is no figure yet. */
export function progressWords(c: CampaignSummary): string {
  if (!c.asOf)
    return 'Not computed yet: the first run is 90 seconds after the backend starts.';
  return `${c.atTarget} of ${c.total} at the target, as of ${formatInstant(
    c.asOf,
  )}${c.truncated ? ' (more entities match than are counted)' : ''}.`;
}
