import {
  AuditEntry,
  ChangeRequest,
} from '@integrated-ops/plugin-ops-requests-common';
import { Knex } from 'knex';
import { DatabaseRequestStore } from '../requests/DatabaseRequestStore';
import { PolicyRefusal } from '../requests/RequestStore';

const CHUNK = 500;

/** Reads what the governance KPIs are computed from (the request store's tables). */
export class KpiStore {
  constructor(
    private readonly db: Knex,
    private readonly requests: DatabaseRequestStore,
  ) {}

  /** Requests filed in [from, to), and every request pending now. */
  async filedOrPending(from: string, to: string): Promise<ChangeRequest[]> {
    const rows = await this.db('change_requests')
      .select('id')
      .where(q =>
        q
          .where(p =>
            p.where('requested_at', '>=', from).where('requested_at', '<', to),
          )
          .orWhere('state', 'pending'),
      );
    const ids = rows.map(r => r.id as string);
    const found: ChangeRequest[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      found.push(...(await this.requests.getMany(ids.slice(i, i + CHUNK))));
    }
    return found;
  }

  async audit(ids: string[]): Promise<(AuditEntry & { requestId: string })[]> {
    const entries: (AuditEntry & { requestId: string })[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await this.db('change_request_audit')
        .whereIn('request_id', ids.slice(i, i + CHUNK))
        .orderBy('id');
      entries.push(
        ...rows.map(r => ({
          id: Number(r.id),
          requestId: r.request_id,
          at: r.at,
          actor: r.actor,
          action: r.action,
          fromState: r.from_state ?? undefined,
          toState: r.to_state ?? undefined,
          reason: r.reason ?? undefined,
        })),
      );
    }
    return entries;
  }

  async refusals(from: string, to: string): Promise<PolicyRefusal[]> {
    const rows = await this.db('policy_refusals')
      .where('at', '>=', from)
      .where('at', '<', to);
    return rows.map(r => ({
      at: r.at,
      requestedBy: r.requested_by,
      kind: r.kind,
      targets: JSON.parse(r.targets),
      approvers: JSON.parse(r.approvers),
      rules: JSON.parse(r.rules),
      policyVersion: r.policy_version,
    }));
  }
}
