import type { Level } from '@integrated-ops/plugin-scorecards-common';

/** A level in words, as the cards and campaigns show it. */
export const LEVEL_WORDS: Record<Level, string> = {
  none: 'No level',
  bronze: 'Bronze',
  silver: 'Silver',
  gold: 'Gold',
};
