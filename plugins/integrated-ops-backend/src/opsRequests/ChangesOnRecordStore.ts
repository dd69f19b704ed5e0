import {
  ChangeOnRecord,
  OpsRequestsChangedEvent,
} from '@integrated-ops/plugin-integrated-ops-common';
import { Knex } from 'knex';

const REQUESTS = 'ops_requests_on_record';
const TARGETS = 'ops_request_targets';
/** Most changes on record listed for one entity (as ops-requests' own list). */
const LISTED = 200;

type Row = {
  id: string;
  kind: string;
  title: string;
  state: string;
  requested_by: string;
  requested_at: string;
  approvals: string;
  applied_at: string | null;
  revoked_at: string | null;
  read_at: string;
};

const iso = (time: string) => new Date(time).toISOString();
const optionalIso = (time?: string) => (time ? iso(time) : null);

/**
 * The change requests ops-requests announced (OPS_REQUESTS_CHANGED_TOPIC),
 * in the lookup's database: one row per request id and one per entity it
 * named. Recording is idempotent, and a state read earlier than the one
 * recorded is ignored, so events delivered twice, late or out of order (a
 * snapshot crossing a transition) leave the newest state.
 */
export class ChangesOnRecordStore {
  constructor(private readonly db: Knex) {}

  /** Records the event's requests; returns how many were newer than what was on record. */
  async record(event: OpsRequestsChangedEvent): Promise<number> {
    let recorded = 0;
    await this.db.transaction(async tx => {
      const ids = event.requests.map(r => r.id);
      const known = new Map(
        (
          await tx<Row>(REQUESTS).whereIn('id', ids).select('id', 'read_at')
        ).map(r => [r.id, r.read_at]),
      );
      for (const request of event.requests) {
        const readAt = iso(request.readAt);
        const onRecord = known.get(request.id);
        if (onRecord && onRecord > readAt) continue;
        const row: Row = {
          id: request.id,
          kind: request.kind,
          title: request.title,
          state: request.state,
          requested_by: request.requestedBy,
          requested_at: iso(request.requestedAt),
          approvals: JSON.stringify(
            request.approvals.map(a => ({ ...a, at: iso(a.at) })),
          ),
          applied_at: optionalIso(request.appliedAt),
          revoked_at: optionalIso(request.revokedAt),
          read_at: readAt,
        };
        await tx(REQUESTS).insert(row).onConflict('id').merge();
        await tx(TARGETS).where('request_id', request.id).delete();
        if (request.targets.length) {
          await tx(TARGETS).insert(
            request.targets.map(target_ref => ({
              target_ref,
              request_id: request.id,
            })),
          );
        }
        known.set(request.id, readAt);
        recorded++;
      }
    });
    return recorded;
  }

  /** The requests that named `target` (a lower-case full ref), filed at or before `before`, newest first. */
  async list(filter: {
    target: string;
    before: string;
    limit?: number;
  }): Promise<ChangeOnRecord[]> {
    const rows = await this.db<Row>(REQUESTS)
      .join(TARGETS, `${TARGETS}.request_id`, `${REQUESTS}.id`)
      .where(`${TARGETS}.target_ref`, filter.target)
      .where(`${REQUESTS}.requested_at`, '<=', iso(filter.before))
      .orderBy([
        { column: `${REQUESTS}.requested_at`, order: 'desc' },
        { column: `${REQUESTS}.id`, order: 'desc' },
      ])
      .limit(filter.limit ?? LISTED)
      .select(`${REQUESTS}.*`);
    return rows.map(r => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      state: r.state,
      requestedBy: r.requested_by,
      requestedAt: r.requested_at,
      approvals: JSON.parse(r.approvals),
      appliedAt: r.applied_at ?? undefined,
      revokedAt: r.revoked_at ?? undefined,
    }));
  }
}
