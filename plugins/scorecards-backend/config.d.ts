export interface Config {
  scorecards?: {
    /** Minutes between computations of the campaigns' standings. Default 60. */
    campaignMinutes?: number;
    /**
     * Campaigns: a level in one discipline, for a set of entities, by a day.
     * A campaign that cannot be judged stops startup naming its key.
     */
    campaigns?: Array<{
      /** Lower-case letters, digits and dashes; in the campaign's URL. */
      id: string;
      title: string;
      description?: string;
      target: {
        /** netops, devops or secops. */
        discipline: string;
        /** bronze, silver or gold. */
        level: string;
      };
      /** The day (YYYY-MM-DD, UTC) by which every entity should reach the target. */
      deadline: string;
      /** Which entities: catalog kind and, optionally, system, type, lifecycle, tag. */
      entities: {
        kind: string;
        system?: string | string[];
        type?: string | string[];
        lifecycle?: string | string[];
        tag?: string | string[];
      };
    }>;
  };
}
