import {
  RecertificationStatusEvent,
  RecertificationStatusItem,
} from '@integrated-ops/plugin-integrated-ops-common';
import { Knex } from 'knex';

const STATUS = 'recertification_status';
const REPORTS = 'recertification_reports';
const CURRENT = 'current';
/** Rows per insert: well under SQLite's and PostgreSQL's binding limits. */
const CHUNK = 200;

type Row = {
  declared_on: string;
  discipline: RecertificationStatusItem['discipline'];
  team: string;
  entities: number;
  state: RecertificationStatusItem['state'];
  hand_over_to: string | null;
  generated_at: string;
};

/** The newest complete re-certification report the lookup recorded. */
export interface RecordedRecertifications {
  periodDays?: number;
  items: RecertificationStatusItem[];
  generatedAt: string;
}

/**
 * Where each ownership declaration's re-certification stands, as
 * ops-requests last reported it (RECERTIFICATION_STATUS_TOPIC), in the
 * lookup's database. A report comes in parts; each item is kept per
 * declaration unless a newer report's is recorded, and once every part of a
 * report is in, what no part of it named is dropped and it is the current
 * report. Parts of an older report than the current one are ignored, so
 * duplicates and late deliveries change nothing.
 */
export class RecertificationStatusStore {
  constructor(private readonly db: Knex) {}

  /** Records one part; true when it completed its report. */
  async record(part: RecertificationStatusEvent): Promise<boolean> {
    const generatedAt = new Date(part.generatedAt).toISOString();
    return this.db.transaction(async tx => {
      const current = await tx(REPORTS).where('id', CURRENT).first();
      if (current && current.generated_at >= generatedAt) return false;
      const keys = part.items.map(i => [i.declaredOn, i.discipline]);
      const newer = new Set(
        keys.length
          ? (
              await tx<Row>(STATUS)
                .whereIn(['declared_on', 'discipline'], keys)
                .where('generated_at', '>', generatedAt)
                .select('declared_on', 'discipline')
            ).map(r => `${r.declared_on} ${r.discipline}`)
          : [],
      );
      const rows: Row[] = part.items
        .filter(i => !newer.has(`${i.declaredOn} ${i.discipline}`))
        .map(i => ({
          declared_on: i.declaredOn,
          discipline: i.discipline,
          team: i.team,
          entities: i.entities,
          state: i.state,
          hand_over_to: i.handOverTo ?? null,
          generated_at: generatedAt,
        }));
      for (let i = 0; i < rows.length; i += CHUNK) {
        await tx(STATUS)
          .insert(rows.slice(i, i + CHUNK))
          .onConflict(['declared_on', 'discipline'])
          .merge();
      }
      const [{ count }] = await tx(STATUS)
        .where('generated_at', generatedAt)
        .count({ count: '*' });
      if (Number(count) < part.total) return false;
      await tx(STATUS).where('generated_at', '<', generatedAt).delete();
      await tx(REPORTS)
        .insert({
          id: CURRENT,
          generated_at: generatedAt,
          period_days: part.periodDays ?? null,
        })
        .onConflict('id')
        .merge();
      return true;
    });
  }

  /** The current report, or none before the first complete one arrived. */
  async current(): Promise<RecordedRecertifications | undefined> {
    const report = await this.db(REPORTS).where('id', CURRENT).first();
    if (!report) return undefined;
    const rows = await this.db<Row>(STATUS)
      .where('generated_at', '>=', report.generated_at)
      .orderBy(['declared_on', 'discipline']);
    return {
      generatedAt: report.generated_at,
      ...(report.period_days ? { periodDays: Number(report.period_days) } : {}),
      items: rows.map(r => ({
        declaredOn: r.declared_on,
        discipline: r.discipline,
        team: r.team,
        entities: Number(r.entities),
        state: r.state,
        ...(r.hand_over_to ? { handOverTo: r.hand_over_to } : {}),
      })),
    };
  }
}
