import { LookupResponse } from '@integrated-ops/plugin-integrated-ops-common';
import { Knex } from 'knex';

const TABLE = 'lookup_outcomes';

export type LookupOutcome = 'no-match' | 'no-owner';

export interface LookupOutcomeDay {
  day: string;
  noMatch: number;
  noOwner: number;
}

/**
 * What a lookup found, for the KPI: nothing; an entity with a discipline no
 * ops team owns (missing, or only the spec.owner fallback); or owners.
 */
export function lookupOutcome(
  response: LookupResponse,
): LookupOutcome | undefined {
  const [best] = response.matches;
  if (!best) return 'no-match';
  const owners = Object.values(best.summary.owners);
  return owners.some(o => o.source === 'missing' || o.source === 'fallback')
    ? 'no-owner'
    : undefined;
}

/**
 * Counts lookup outcomes per UTC day in memory and adds them to the
 * database on `flush` (an incrementing upsert: replicas add, never
 * overwrite). A failed flush keeps the counts for the next one.
 */
export class LookupOutcomes {
  #pending = new Map<string, number>();

  constructor(private readonly db: Knex) {}

  count(outcome: LookupOutcome | undefined, at: Date): void {
    if (!outcome) return;
    const key = `${at.toISOString().slice(0, 10)} ${outcome}`;
    this.#pending.set(key, (this.#pending.get(key) ?? 0) + 1);
  }

  async flush(): Promise<void> {
    const batch = this.#pending;
    if (!batch.size) return;
    this.#pending = new Map();
    try {
      // All or nothing: a failed flush is retried whole, never counted twice.
      await this.db.transaction(async tx => {
        for (const [key, count] of batch) {
          const [day, outcome] = key.split(' ');
          await tx(TABLE)
            .insert({ day, outcome, count })
            .onConflict(['day', 'outcome'])
            .merge({ count: tx.raw('?? + ?', [`${TABLE}.count`, count]) });
        }
      });
    } catch (error) {
      for (const [key, count] of batch) {
        this.#pending.set(key, (this.#pending.get(key) ?? 0) + count);
      }
      throw error;
    }
  }

  /** Per day from `from` to `to` (inclusive, YYYY-MM-DD), days without any omitted. */
  async days(from: string, to: string): Promise<LookupOutcomeDay[]> {
    const rows = await this.db(TABLE)
      .whereBetween('day', [from, to])
      .orderBy('day');
    const byDay = new Map<string, LookupOutcomeDay>();
    for (const row of rows) {
      const day = byDay.get(row.day) ?? {
        day: row.day,
        noMatch: 0,
        noOwner: 0,
      };
      if (row.outcome === 'no-match') day.noMatch += Number(row.count);
      else day.noOwner += Number(row.count);
      byDay.set(row.day, day);
    }
    return [...byDay.values()];
  }
}
