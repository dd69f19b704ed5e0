import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

export const MIGRATIONS_DIR = resolvePackagePath(
  '@integrated-ops/plugin-scorecards-backend',
  'migrations',
);

const DAYS = 'campaign_entity_days';
const RUNS = 'campaign_runs';

/** One entity's standing in a campaign on a day. */
export interface CampaignEntityRow {
  entityRef: string;
  title: string;
  team: string | null;
  level: string;
  atTarget: boolean;
}

/** Which entities to count: all, or only these (lower-case refs). */
export type Readable = { all: true } | { only: string[] };

function scoped(query: Knex.QueryBuilder, readable: Readable) {
  return 'only' in readable
    ? query.whereIn('entity_ref', readable.only)
    : query;
}

/** Campaign standings per day, in the plugin's database. */
export class CampaignStore {
  constructor(private readonly db: Knex) {}

  /** Replaces the day's standings of a campaign and notes the run, in one transaction. */
  async recordDay(
    campaignId: string,
    day: string,
    rows: CampaignEntityRow[],
    run: { checkedAt: string; truncated: boolean },
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(DAYS).where({ campaign_id: campaignId, day }).delete();
      for (let i = 0; i < rows.length; i += 200) {
        await tx(DAYS).insert(
          rows.slice(i, i + 200).map(r => ({
            campaign_id: campaignId,
            day,
            entity_ref: r.entityRef,
            // Catalog titles have no bound; the column has.
            title: r.title.slice(0, 255),
            team_ref: r.team,
            level: r.level,
            at_target: r.atTarget,
          })),
        );
      }
      await tx(RUNS)
        .insert({
          campaign_id: campaignId,
          checked_at: run.checkedAt,
          truncated: run.truncated,
        })
        .onConflict('campaign_id')
        .merge();
    });
  }

  async run(
    campaignId: string,
  ): Promise<{ checkedAt: string; truncated: boolean } | undefined> {
    const row = await this.db(RUNS).where({ campaign_id: campaignId }).first();
    return row
      ? { checkedAt: row.checked_at, truncated: Boolean(row.truncated) }
      : undefined;
  }

  /** The entities a campaign has counted on any day, at most `limit`. */
  async refs(campaignId: string, limit: number): Promise<string[]> {
    return this.db(DAYS)
      .where({ campaign_id: campaignId })
      .distinct('entity_ref')
      .orderBy('entity_ref')
      .limit(limit)
      .pluck('entity_ref');
  }

  /** Per day, oldest first: entities counted and how many were below the target. */
  async days(
    campaignId: string,
    readable: Readable,
  ): Promise<{ day: string; total: number; below: number }[]> {
    const rows = await scoped(
      this.db(DAYS).where({ campaign_id: campaignId }),
      readable,
    )
      .groupBy('day')
      .orderBy('day')
      .select('day')
      .count({ total: '*' })
      .sum({
        below: this.db.raw('case when at_target then 0 else 1 end'),
      });
    return rows.map((r: any) => ({
      day: r.day,
      total: Number(r.total),
      below: Number(r.below ?? 0),
    }));
  }

  /** The entities of one day (its refs, for the readability check). */
  async refsOf(campaignId: string, day: string): Promise<string[]> {
    return this.db(DAYS)
      .where({ campaign_id: campaignId, day })
      .pluck('entity_ref');
  }

  /** The standings of one day. */
  async standings(
    campaignId: string,
    day: string,
    readable: Readable,
  ): Promise<CampaignEntityRow[]> {
    const rows = await scoped(
      this.db(DAYS).where({ campaign_id: campaignId, day }),
      readable,
    ).orderBy('entity_ref');
    return rows.map((r: any) => ({
      entityRef: r.entity_ref,
      title: r.title,
      team: r.team_ref ?? null,
      level: r.level,
      atTarget: Boolean(r.at_target),
    }));
  }

  /** Forgets days before `day`. */
  async prune(day: string): Promise<void> {
    await this.db(DAYS).where('day', '<', day).delete();
  }
}
