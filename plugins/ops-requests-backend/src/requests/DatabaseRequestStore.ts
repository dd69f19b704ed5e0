import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  AuditEntry,
  ChangeRequest,
  RequestState,
  ApprovingRole,
} from '@integrated-ops/plugin-ops-requests-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { isUniqueViolation } from '@integrated-ops/plugin-integrated-ops-node';
import { OpsRequestQuery } from '@integrated-ops/plugin-ops-requests-node';
import { Knex } from 'knex';
import { matchesCriteria } from './matchesCriteria';
import { LimitReachedError, RequestLimit } from './requestLimits';
import {
  PolicyRefusal,
  RequestStore,
  StoredRequestInput,
  TransitionInput,
} from './RequestStore';

export const MIGRATIONS_DIR = resolvePackagePath(
  '@integrated-ops/plugin-ops-requests-backend',
  'migrations',
);

type Row = {
  id: string;
  kind: string;
  title: string;
  description: string;
  requested_by: string;
  requested_at: string;
  state: RequestState;
  targets: string;
  change: string;
  policy: string;
  required_approvals: string;
  approvers: string;
  intent: string | null;
  break_glass?: string | null;
  apply_at?: string | null;
  recertification?: string | null;
  connectivity?: string | null;
  expires_at: string | null;
  decided_at: string | null;
  applied_at: string | null;
  revoked_at: string | null;
  version: number;
};

type ApprovalRow = {
  request_id: string;
  discipline: ApprovingRole;
  decided_by: string;
  decided_at: string;
  comment: string | null;
};

const opt = <T>(v: T | null) => (v === null ? undefined : v);

function toRequest(row: Row, approvals: ApprovalRow[]): ChangeRequest {
  return {
    id: row.id,
    kind: row.kind as ChangeRequest['kind'],
    title: row.title,
    description: row.description,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    state: row.state,
    targets: JSON.parse(row.targets),
    change: JSON.parse(row.change),
    policy: JSON.parse(row.policy),
    requiredApprovals: JSON.parse(row.required_approvals),
    approvers: JSON.parse(row.approvers),
    intent: row.intent ? JSON.parse(row.intent) : undefined,
    approvals: approvals
      .filter(a => a.request_id === row.id)
      .map(a => ({
        discipline: a.discipline,
        decidedBy: a.decided_by,
        decidedAt: a.decided_at,
        comment: opt(a.comment),
      })),
    expiresAt: opt(row.expires_at),
    decidedAt: opt(row.decided_at),
    appliedAt: opt(row.applied_at),
    revokedAt: opt(row.revoked_at),
    breakGlass: row.break_glass ? JSON.parse(row.break_glass) : undefined,
    applyAt: opt(row.apply_at ?? null),
    recertification: row.recertification
      ? JSON.parse(row.recertification)
      : undefined,
    connectivity: row.connectivity ? JSON.parse(row.connectivity) : undefined,
  };
}

/** Ownership re-certifications grant nothing: they are never revoked or re-certified as grants. */
const RECERTIFICATION = 'ownership-recertification';

/** Whether a unique violation is on a limit's slot (another filing took it at the same moment). */
const isSlotTaken = (e: any) =>
  isUniqueViolation(e) &&
  (e?.constraint === 'change_request_limits_pkey' ||
    /UNIQUE constraint failed: change_request_limits\./.test(
      String(e?.message),
    ));

/** Not past its expiry at `now` (ISO strings order as text). */
const beforeExpiry = (now: string) => (q: Knex.QueryBuilder) =>
  q.whereNull('expires_at').orWhere('expires_at', '>', now);

/** Two filings racing for the last slot: the loser looks again this often before it is told. */
const SLOT_ATTEMPTS = 3;

/** The knex implementation of RequestStore, on SQLite or PostgreSQL. */
export class DatabaseRequestStore implements RequestStore {
  static async create(
    database: DatabaseService,
  ): Promise<DatabaseRequestStore> {
    const db = await database.getClient();
    if (!database.migrations?.skip) {
      await db.migrate.latest({ directory: MIGRATIONS_DIR });
    }
    return new DatabaseRequestStore(db);
  }

  readonly #listeners: ((request: ChangeRequest, readAt: string) => void)[] =
    [];

  constructor(private readonly db: Knex) {}

  /**
   * Calls `listener` with each request once it was filed or changed state
   * (decided, applied, expired, revoked...), and when it was read after the
   * change: how the lookup hears of it (LookupEventsPublisher).
   */
  onChanged(listener: (request: ChangeRequest, readAt: string) => void) {
    this.#listeners.push(listener);
  }

  /** The request as it is now, told to the listeners. */
  async #changed(id: string): Promise<ChangeRequest> {
    // Read after the change was committed, stamped before the read: a
    // state stamped later is never an older one.
    const readAt = new Date().toISOString();
    const request = (await this.get(id))!;
    for (const listener of this.#listeners) listener(request, readAt);
    return request;
  }

  async create(
    request: StoredRequestInput,
    limits: RequestLimit[] = [],
  ): Promise<ChangeRequest> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.transaction(async tx => {
          await this.insert(tx, request);
          for (const limit of limits) {
            await this.takeSlot(tx, limit, request.id, request.requestedAt);
          }
        });
        return await this.#changed(request.id);
      } catch (e) {
        // Another filing took the same slot at the same moment: look again
        // (a free slot, or the limit is reached and says by whom).
        if (isSlotTaken(e) && attempt < SLOT_ATTEMPTS) continue;
        if (isSlotTaken(e)) {
          throw new ConflictError(
            `${limits
              .map(l => l.scope)
              .join(', ')}: other filings took the limit at the same moment`,
          );
        }
        if (isUniqueViolation(e)) {
          throw new ConflictError(
            `change request ${request.id} already exists`,
          );
        }
        throw e;
      }
    }
  }

  private async insert(tx: Knex.Transaction, request: StoredRequestInput) {
    await tx<Row>('change_requests').insert({
      id: request.id,
      kind: request.kind,
      title: request.title,
      description: request.description,
      requested_by: request.requestedBy,
      requested_at: request.requestedAt,
      state: 'pending',
      targets: JSON.stringify(request.targets),
      change: JSON.stringify(request.change),
      policy: JSON.stringify(request.policy),
      required_approvals: JSON.stringify(request.requiredApprovals),
      approvers: JSON.stringify(request.approvers),
      intent: request.intent ? JSON.stringify(request.intent) : null,
      break_glass: request.breakGlass
        ? JSON.stringify(request.breakGlass)
        : null,
      apply_at: request.applyAt ?? null,
      recertification: request.recertification
        ? JSON.stringify(request.recertification)
        : null,
      connectivity: request.connectivity
        ? JSON.stringify(request.connectivity)
        : null,
      expires_at: request.expiresAt ?? null,
      version: 0,
    });
    await this.appendAudit(tx, {
      id: request.id,
      at: request.requestedAt,
      actor: request.requestedBy,
      action: 'created',
      to: 'pending',
      reason: request.description,
    });
  }

  /** The open requests that hold slots of the limit at `now`, and the slots of those that no longer count. */
  private async holders(
    db: Knex | Knex.Transaction,
    limit: RequestLimit,
    now: string,
  ) {
    const held: {
      slot: number;
      id: string;
      state: RequestState;
      expires_at: string | null;
      apply_at: string | null;
    }[] = await db('change_request_limits as l')
      .join('change_requests as r', 'r.id', 'l.request_id')
      .where('l.scope', limit.scope)
      .orderBy('l.slot')
      .select('l.slot', 'r.id', 'r.state', 'r.expires_at', 'r.apply_at');
    // An approved request whose apply was given up (merge refused or
    // failed: nothing is due) holds nothing any more.
    const counts = (h: (typeof held)[number]) =>
      limit.openStates.includes(h.state) &&
      (!h.expires_at || h.expires_at > now) &&
      !(h.state === 'approved' && !h.apply_at);
    return {
      open: held.filter(counts),
      closed: held.filter(h => !counts(h)),
    };
  }

  /**
   * Takes the lowest free slot of the limit for the request, in the filing's
   * transaction: slots of requests that no longer count are freed first;
   * none free means the limit is reached. The primary key (scope, slot) lets
   * only one of two concurrent filings hold a slot.
   */
  private async takeSlot(
    tx: Knex.Transaction,
    limit: RequestLimit,
    requestId: string,
    now: string,
  ) {
    const { open, closed } = await this.holders(tx, limit, now);
    if (closed.length) {
      await tx('change_request_limits')
        .where('scope', limit.scope)
        .whereIn(
          'request_id',
          closed.map(h => h.id),
        )
        .delete();
    }
    if (open.length >= limit.max) {
      throw new LimitReachedError(
        limit,
        open.map(h => h.id),
      );
    }
    const taken = new Set(open.map(h => Number(h.slot)));
    let slot = 1;
    while (taken.has(slot)) slot++;
    await tx('change_request_limits').insert({
      scope: limit.scope,
      slot,
      request_id: requestId,
    });
  }

  async openUnder(limit: RequestLimit, now: string): Promise<string[]> {
    return (await this.holders(this.db, limit, now)).open.map(h => h.id);
  }

  async recordRefusal(refusal: PolicyRefusal): Promise<void> {
    await this.db('policy_refusals').insert({
      at: refusal.at,
      requested_by: refusal.requestedBy,
      kind: refusal.kind,
      targets: JSON.stringify(refusal.targets),
      approvers: JSON.stringify(refusal.approvers),
      rules: JSON.stringify(refusal.rules),
      policy_version: refusal.policyVersion,
    });
  }

  async get(id: string): Promise<ChangeRequest | undefined> {
    return (await this.getMany([id]))[0];
  }

  async getMany(ids: string[]): Promise<ChangeRequest[]> {
    if (!ids.length) return [];
    const rows = await this.db<Row>('change_requests').whereIn('id', ids);
    return this.withApprovals(rows);
  }

  async audit(id: string): Promise<AuditEntry[]> {
    const rows = await this.db('change_request_audit')
      .where({ request_id: id })
      .orderBy('id');
    return rows.map(r => ({
      id: Number(r.id),
      at: r.at,
      actor: r.actor,
      action: r.action,
      fromState: opt(r.from_state),
      toState: opt(r.to_state),
      reason: opt(r.reason),
    }));
  }

  async list(filter: {
    requestedBy?: string;
    target?: string;
    requestedBefore?: string;
    criteria?: PermissionCriteria<OpsRequestQuery>;
    limit?: number;
  }): Promise<ChangeRequest[]> {
    let query = this.db<Row>('change_requests')
      .orderBy('requested_at', 'desc')
      .limit(filter.limit ?? 200);
    if (filter.requestedBy)
      query = query.where('requested_by', filter.requestedBy);
    if (filter.requestedBefore)
      query = query.where('requested_at', '<=', filter.requestedBefore);
    // Targets are a JSON array of refs: the quoted ref is a whole element.
    if (filter.target)
      query = query.where(
        'targets',
        'like',
        `%${JSON.stringify(filter.target)}%`,
      );
    // LIKE's own wildcards (`_`) may match more: keep exact targets only.
    const requests = (await this.withApprovals(await query)).filter(
      r => !filter.target || r.targets.includes(filter.target),
    );
    // Approvers are a small JSON map per request: the conditions are
    // matched here, portably between SQLite and PostgreSQL.
    const { criteria } = filter;
    return criteria
      ? requests.filter(r => matchesCriteria(r, criteria))
      : requests;
  }

  async approve(input: {
    id: string;
    disciplines: ApprovingRole[];
    actor: string;
    at: string;
    comment?: string;
  }): Promise<{ request: ChangeRequest; completed: boolean }> {
    let completed = false;
    try {
      await this.db.transaction(async tx => {
        const row = await this.lock(tx, input.id);
        if (row.state !== 'pending') {
          throw new ConflictError(
            `change request ${input.id} is already ${row.state}`,
          );
        }
        if (row.expires_at && row.expires_at <= input.at) {
          throw new ConflictError(
            `change request ${input.id} expired at ${row.expires_at}: it can no longer be approved`,
          );
        }
        const required: ApprovingRole[] = JSON.parse(row.required_approvals);
        const done = (
          await tx<ApprovalRow>('change_request_approvals').where({
            request_id: input.id,
          })
        ).map(a => a.discipline);
        const recording = input.disciplines.filter(
          d => required.includes(d) && !done.includes(d),
        );
        if (!recording.length) {
          throw new ConflictError(
            `change request ${input.id} has no pending ${input.disciplines.join(
              '/',
            )} approval`,
          );
        }
        for (const discipline of recording) {
          await tx<ApprovalRow>('change_request_approvals').insert({
            request_id: input.id,
            discipline,
            decided_by: input.actor,
            decided_at: input.at,
            comment: input.comment ?? null,
          });
          await this.appendAudit(tx, {
            id: input.id,
            at: input.at,
            actor: input.actor,
            action: `approved:${discipline}`,
            reason: input.comment,
          });
        }
        if (required.every(d => done.includes(d) || recording.includes(d))) {
          const updated = await tx<Row>('change_requests')
            .where({ id: input.id, state: 'pending', version: row.version })
            .update({
              state: 'approved',
              decided_at: input.at,
              // Due now unless planned later: the planned-apply task finishes
              // it if this replica dies before merging.
              apply_at: row.apply_at ?? input.at,
              version: row.version + 1,
            });
          if (updated !== 1) {
            throw new ConflictError(
              `change request ${input.id} changed meanwhile`,
            );
          }
          await this.appendAudit(tx, {
            id: input.id,
            at: input.at,
            actor: input.actor,
            action: 'approved',
            from: 'pending',
            to: 'approved',
          });
          completed = true;
        }
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new ConflictError(
          `change request ${input.id} was decided meanwhile`,
        );
      }
      throw e;
    }
    return { request: await this.#changed(input.id), completed };
  }

  async transition(input: TransitionInput): Promise<ChangeRequest> {
    await this.db.transaction(async tx => {
      const row = await this.lock(tx, input.id);
      if (!input.from.includes(row.state)) {
        throw new ConflictError(
          `change request ${input.id} is ${row.state}, not ${input.from.join(
            ' or ',
          )}`,
        );
      }
      if (input.beforeExpiry && row.expires_at && row.expires_at <= input.at) {
        throw new ConflictError(
          `change request ${input.id} expired at ${row.expires_at}: it can no longer be ${input.to}`,
        );
      }
      const stamp: Partial<Row> = {};
      if (input.to === 'rejected' || input.to === 'approved')
        stamp.decided_at = input.at;
      if (input.to === 'approved') stamp.apply_at = row.apply_at ?? input.at;
      if (input.to === 'applied') stamp.applied_at = input.at;
      if (input.to === 'revoked') stamp.revoked_at = input.at;
      const updated = await tx<Row>('change_requests')
        .where({ id: input.id, state: row.state, version: row.version })
        .update({ ...stamp, state: input.to, version: row.version + 1 });
      if (updated !== 1) {
        throw new ConflictError(`change request ${input.id} changed meanwhile`);
      }
      await this.appendAudit(tx, {
        id: input.id,
        at: input.at,
        actor: input.actor,
        action: input.action,
        from: row.state,
        to: input.to,
        reason: input.reason,
      });
    });
    return this.#changed(input.id);
  }

  async recertifications(): Promise<ChangeRequest[]> {
    const rows = await this.db<Row>('change_requests')
      .where({ kind: RECERTIFICATION })
      .orderBy('requested_at', 'desc');
    return this.withApprovals(rows);
  }

  async dueForExpiry(now: string): Promise<ChangeRequest[]> {
    const rows = await this.db<Row>('change_requests')
      .where(q =>
        q
          .where('state', 'pending')
          // Approved, unless a replica holds its apply right now (the
          // apply's own claim refuses an expired one; one in flight is
          // looked at once its claim has run out).
          .orWhere(approved =>
            approved
              .where('state', 'approved')
              .where(a =>
                a.whereNull('apply_at').orWhere('apply_at', '<=', now),
              ),
          )
          .orWhere(granted =>
            granted
              .whereIn('state', ['applied', 'post-review'])
              .whereNot('kind', RECERTIFICATION),
          ),
      )
      .whereNotNull('expires_at')
      .where('expires_at', '<=', now);
    return this.withApprovals(rows);
  }

  async dueForApply(now: string): Promise<ChangeRequest[]> {
    const rows = await this.db<Row>('change_requests')
      .where({ state: 'approved' })
      .whereNot('kind', RECERTIFICATION)
      .whereNotNull('apply_at')
      .where('apply_at', '<=', now)
      .where(beforeExpiry(now));
    return this.withApprovals(rows);
  }

  async claimApply(id: string, now: string, until: string): Promise<boolean> {
    const claimed = await this.db('change_requests')
      .where({ id, state: 'approved' })
      .whereNot('kind', RECERTIFICATION)
      .whereNotNull('apply_at')
      .where('apply_at', '<=', now)
      // An expired request is never applied, whatever the schedule.
      .where(beforeExpiry(now))
      .update({ apply_at: until });
    return claimed === 1;
  }

  async releaseApply(id: string): Promise<void> {
    await this.db('change_requests')
      .where({ id, state: 'approved' })
      .update({ apply_at: null });
  }

  async dueForReview(now: string): Promise<ChangeRequest[]> {
    // Few rows are ever in post-review; the due date is read from their JSON.
    const rows = await this.db<Row>('change_requests').where({
      state: 'post-review',
    });
    return (await this.withApprovals(rows)).filter(
      r => r.breakGlass && r.breakGlass.reviewDueAt <= now,
    );
  }

  async dueForRecertification(appliedBefore: string): Promise<ChangeRequest[]> {
    const rows = await this.db<Row>('change_requests')
      .where({ state: 'applied' })
      .whereNot('kind', RECERTIFICATION)
      .where('applied_at', '<=', appliedBefore)
      .where(q =>
        q
          .whereNull('recertify_requested_at')
          .orWhere('recertify_requested_at', '<=', appliedBefore),
      );
    return this.withApprovals(rows);
  }

  async markRecertificationRequested(id: string, actor: string, at: string) {
    await this.db.transaction(async tx => {
      await tx('change_requests')
        .where({ id })
        .update({ recertify_requested_at: at });
      await this.appendAudit(tx, {
        id,
        at,
        actor,
        action: 'recertification-requested',
      });
    });
  }

  async note(entry: {
    id: string;
    actor: string;
    action: string;
    at: string;
    reason?: string;
  }) {
    await this.db.transaction(tx => this.appendAudit(tx, entry));
  }

  /**
   * Reads a request inside a transaction, locking its row (PostgreSQL) so
   * that deciders on other replicas wait; SQLite serialises writers anyway.
   */
  private async lock(tx: Knex.Transaction, id: string): Promise<Row> {
    const row = await tx<Row>('change_requests')
      .where({ id })
      .forUpdate()
      .first();
    if (!row) throw new NotFoundError(`no change request ${id}`);
    return row;
  }

  private async withApprovals(rows: Row[]): Promise<ChangeRequest[]> {
    if (!rows.length) return [];
    const approvals = await this.db<ApprovalRow>(
      'change_request_approvals',
    ).whereIn(
      'request_id',
      rows.map(r => r.id),
    );
    return rows.map(r => toRequest(r, approvals));
  }

  private async appendAudit(
    tx: Knex.Transaction,
    entry: {
      id: string;
      at: string;
      actor: string;
      action: string;
      from?: RequestState;
      to?: RequestState;
      reason?: string;
    },
  ) {
    await tx('change_request_audit').insert({
      request_id: entry.id,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      from_state: entry.from ?? null,
      to_state: entry.to ?? null,
      reason: entry.reason ?? null,
    });
  }
}
