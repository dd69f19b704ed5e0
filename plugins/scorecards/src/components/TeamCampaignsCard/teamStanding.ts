import type {
  Campaign,
  CampaignTeam,
} from '@integrated-ops/plugin-scorecards-common';

/** A team's place in a campaign: its entities, how many are below, its rank. */
export interface TeamStanding {
  total: number;
  below: number;
  /** 1 is the team with the largest share at the target (ties share a rank). */
  rank: number;
  /** Teams ranked (those with entities in the campaign). */
  of: number;
}

const share = (t: CampaignTeam) => (t.total - t.below) / t.total;

/** Where `team` stands among the campaign's owning teams; undefined when it has no entity there. */
export function teamStanding(
  campaign: Pick<Campaign, 'teams'>,
  team: string,
): TeamStanding | undefined {
  const teams = campaign.teams.filter(t => t.team && t.total > 0);
  const mine = teams.find(t => t.team === team.toLocaleLowerCase('en-US'));
  if (!mine) return undefined;
  return {
    total: mine.total,
    below: mine.below,
    rank: 1 + teams.filter(t => share(t) > share(mine)).length,
    of: teams.length,
  };
}
