import { csvText } from '@integrated-ops/plugin-integrated-ops-common';
import type { Campaign } from '@integrated-ops/plugin-scorecards-common';

/** One row per entity of the campaign, as last computed. */
export function campaignCsv({ campaign, entities }: Campaign): string {
  return csvText([
    ['entity', 'title', 'team', 'level', 'target', 'at_target', 'as_of'],
    ...entities.map(e => [
      e.entityRef,
      e.title,
      e.team ?? '',
      e.level,
      `${campaign.target.discipline} ${campaign.target.level}`,
      e.atTarget ? 'yes' : 'no',
      campaign.asOf ?? '',
    ]),
  ]);
}
