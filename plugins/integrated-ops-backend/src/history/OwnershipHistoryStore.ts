import { Knex } from 'knex';
import { HistoryKind, OwnersSnapshot, TeamSnapshot } from './ownershipSnapshot';

const TABLE = 'ownership_history';
/** Refs per IN (...) list: well under SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

type Row = {
  ref: string;
  seq: number;
  kind: HistoryKind;
  recorded_at: string;
  fingerprint: string;
  snapshot: string | null;
};

export interface HistoryEntry {
  ref: string;
  seq: number;
  kind: HistoryKind;
  recordedAt: string;
  fingerprint: string;
  /** Undefined: the entity had left the catalog. */
  snapshot?: OwnersSnapshot | TeamSnapshot;
}

/** The newest entry of each ref: what the next change of it must follow. */
export interface Head {
  seq: number;
  kind: HistoryKind;
  fingerprint: string;
}

function entry(row: Row): HistoryEntry {
  return {
    ref: row.ref,
    seq: Number(row.seq),
    kind: row.kind,
    recordedAt: row.recorded_at,
    fingerprint: row.fingerprint,
    snapshot: row.snapshot ? JSON.parse(row.snapshot) : undefined,
  };
}

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    result.push(items.slice(i, i + CHUNK));
  }
  return result;
}

/**
 * The ownership history in the plugin's database, shared by replicas. Rows
 * are only appended (and pruned past the retention); `(ref, seq)` is the
 * primary key, so a change two replicas both record is stored once.
 */
export class OwnershipHistoryStore {
  constructor(private readonly db: Knex) {}

  /** The newest entry per ref: of the given refs, or of every ref. */
  async heads(refs?: string[]): Promise<Map<string, Head>> {
    const result = new Map<string, Head>();
    const read = async (only?: string[]) => {
      const newest = this.db(TABLE)
        .select('ref')
        .max({ seq: 'seq' })
        .groupBy('ref');
      if (only) newest.whereIn('ref', only);
      const rows = await this.db<Row>(`${TABLE} as h`)
        .join(newest.as('n'), function on() {
          this.on('h.ref', '=', 'n.ref').andOn('h.seq', '=', 'n.seq');
        })
        .select('h.ref', 'h.seq', 'h.kind', 'h.fingerprint');
      for (const r of rows) {
        result.set(r.ref, {
          seq: Number(r.seq),
          kind: r.kind,
          fingerprint: r.fingerprint,
        });
      }
    };
    if (!refs) await read();
    else for (const chunk of chunks(refs)) await read(chunk);
    return result;
  }

  /** Appends entries; one that another replica appended first is ignored. */
  async append(entries: HistoryEntry[]): Promise<void> {
    for (const chunk of chunks(entries)) {
      await this.db<Row>(TABLE)
        .insert(
          chunk.map(e => ({
            ref: e.ref,
            seq: e.seq,
            kind: e.kind,
            recorded_at: e.recordedAt,
            fingerprint: e.fingerprint,
            snapshot: e.snapshot ? JSON.stringify(e.snapshot) : null,
          })),
        )
        .onConflict(['ref', 'seq'])
        .ignore();
    }
  }

  /**
   * What was in force at `at`: per ref, its newest entry recorded at or
   * before then. `refs` undefined: every ref of the kind.
   */
  async asOf(
    at: string,
    options: { kind?: HistoryKind; refs?: string[] },
  ): Promise<Map<string, HistoryEntry>> {
    const result = new Map<string, HistoryEntry>();
    const read = async (only?: string[]) => {
      const newest = this.db(TABLE)
        .select('ref')
        .max({ seq: 'seq' })
        .where('recorded_at', '<=', at)
        .groupBy('ref');
      if (options.kind) newest.where('kind', options.kind);
      if (only) newest.whereIn('ref', only);
      const rows = await this.db<Row>(`${TABLE} as h`)
        .join(newest.as('n'), function on() {
          this.on('h.ref', '=', 'n.ref').andOn('h.seq', '=', 'n.seq');
        })
        .select('h.*');
      for (const row of rows) result.set(row.ref, entry(row));
    };
    if (!options.refs) await read();
    else for (const chunk of chunks(options.refs)) await read(chunk);
    return result;
  }

  /** One ref's entries, newest first. */
  async of(ref: string, limit: number): Promise<HistoryEntry[]> {
    const rows = await this.db<Row>(TABLE)
      .where('ref', ref)
      .orderBy('seq', 'desc')
      .limit(limit);
    return rows.map(entry);
  }

  /** When the history starts: its oldest entry still kept. */
  async startsAt(): Promise<string | undefined> {
    const [row] = await this.db(TABLE).min({ at: 'recorded_at' });
    return row?.at ?? undefined;
  }

  /**
   * Deletes entries recorded before `before` that a later entry, also
   * before it, replaced: what was in force at `before` and since stays
   * answerable. Returns how many were deleted.
   */
  async prune(before: string): Promise<number> {
    return this.db(`${TABLE}`)
      .where('recorded_at', '<', before)
      .whereExists(function later() {
        this.select('*')
          .from(`${TABLE} as later`)
          .whereRaw('later.ref = ownership_history.ref')
          .whereRaw('later.seq > ownership_history.seq')
          .where('later.recorded_at', '<=', before);
      })
      .delete();
  }
}
