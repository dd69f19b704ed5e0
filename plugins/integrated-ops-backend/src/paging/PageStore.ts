import { Page } from '@integrated-ops/plugin-integrated-ops-common';
import { isUniqueViolation } from '@integrated-ops/plugin-integrated-ops-node';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';

const PAGES = 'pages';
const QUOTA = 'paging_quota';

/** A page as stored: the answer's fields without the caller's view of it. */
export type StoredPage = Omit<Page, 'repeated' | 'canAcknowledge'> & {
  vendorKey?: string;
  checkedAt?: string;
};

/**
 * What the backend decided for a new page, before anything is sent; for an
 * escalation page, `subject`: what the query names, normalised (one open
 * page per subject).
 */
export type NewPage = { subject?: string } & Pick<
  StoredPage,
  | 'id'
  | 'entityRef'
  | 'entityTitle'
  | 'discipline'
  | 'escalation'
  | 'team'
  | 'teamTitle'
  | 'query'
  | 'note'
  | 'pagedBy'
  | 'pagedAt'
  | 'route'
>;

/** The limits `open` holds, from `integratedOps.paging`. */
export interface PagingLimits {
  /** Pages one person may send per UTC hour. */
  maxPerUserPerHour: number;
  /** An unacknowledged page younger than this is answered instead of a new one. */
  repageAfterMs: number;
}

/** The person sent their hourly pages already. */
export class PagingQuotaError extends Error {
  name = 'PagingQuotaError';
}

type Row = Record<string, any>;

function toPage(row: Row): StoredPage {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    entityTitle: row.entity_title,
    // No discipline: the escalation team paged for a query matching nothing.
    ...(row.discipline ? { discipline: row.discipline } : { escalation: true }),
    team: row.team_ref,
    teamTitle: row.team_title,
    query: row.query,
    ...(row.note ? { note: row.note } : {}),
    pagedBy: row.paged_by,
    pagedAt: row.paged_at,
    route: row.route,
    delivery: row.delivery,
    notified: JSON.parse(row.notified),
    state: row.state,
    ...(row.acknowledged_by ? { acknowledgedBy: row.acknowledged_by } : {}),
    ...(row.acknowledged_by_name
      ? { acknowledgedByName: row.acknowledged_by_name }
      : {}),
    ...(row.acknowledged_at ? { acknowledgedAt: row.acknowledged_at } : {}),
    ...(row.vendor_key ? { vendorKey: row.vendor_key } : {}),
    ...(row.checked_at ? { checkedAt: row.checked_at } : {}),
  };
}

/**
 * One open page per entity and discipline, or per escalation team and
 * subject (hashed to fit the column).
 */
const openKey = (page: NewPage) =>
  page.discipline
    ? `${page.entityRef}|${page.discipline}`
    : `${page.team}|subject:${createHash('sha256')
        .update(page.subject ?? page.query)
        .digest('hex')}`;

/**
 * Pages and the hourly quota. Every rule that counts is decided by the
 * database in the transaction that records the page: the open page of an
 * entity and discipline is unique (an index), the quota is taken by a
 * conditional UPDATE.
 */
export class PageStore {
  constructor(private readonly db: Knex) {}

  async get(id: string): Promise<StoredPage | undefined> {
    const row = await this.db(PAGES).where({ id }).first();
    return row ? toPage(row) : undefined;
  }

  /**
   * Records a new page as the open one of its entity and discipline and takes
   * one of the person's pages this hour - or, when an unacknowledged page of
   * both is younger than `repageAfterMs`, answers that one (nothing taken).
   * Two people paging at once end with one page.
   */
  async open(
    page: NewPage,
    limits: PagingLimits,
  ): Promise<{ page: StoredPage; repeated: boolean }> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction(tx => this.#open(tx, page, limits));
      } catch (error) {
        // Another page of both was recorded at the same moment: answer it.
        if (!isUniqueViolation(error) || attempt > 0) throw error;
      }
    }
  }

  async #open(tx: Knex.Transaction, page: NewPage, limits: PagingLimits) {
    const key = openKey(page);
    const open = await tx(PAGES).where({ open_key: key }).first();
    const cutoff = new Date(
      Date.parse(page.pagedAt) - limits.repageAfterMs,
    ).toISOString();
    const waiting = open?.state === 'sending' || open?.state === 'triggered';
    if (open && waiting && open.paged_at > cutoff) {
      return { page: toPage(open), repeated: true };
    }
    if (open) {
      await tx(PAGES).where({ id: open.id }).update({ open_key: null });
    }
    const hour = page.pagedAt.slice(0, 13);
    await tx(QUOTA)
      .insert({ user_ref: page.pagedBy, hour, count: 0 })
      .onConflict(['user_ref', 'hour'])
      .ignore();
    const taken = await tx(QUOTA)
      .where({ user_ref: page.pagedBy, hour })
      .andWhere('count', '<', limits.maxPerUserPerHour)
      .increment('count', 1);
    if (!taken) {
      throw new PagingQuotaError(
        `You sent ${limits.maxPerUserPerHour} pages this hour (integratedOps.paging.maxPerUserPerHour); call the on-call person or the incident line instead`,
      );
    }
    const row = {
      id: page.id,
      entity_ref: page.entityRef,
      entity_title: page.entityTitle.slice(0, 255),
      discipline: page.discipline ?? null,
      team_ref: page.team,
      team_title: page.teamTitle.slice(0, 255),
      query: page.query,
      note: page.note ?? null,
      paged_by: page.pagedBy,
      paged_at: page.pagedAt,
      route: page.route,
      delivery: 'sending',
      notified: '[]',
      state: 'sending',
      open_key: key,
    };
    await tx(PAGES).insert(row);
    return { page: toPage(row), repeated: false };
  }

  /**
   * What was sent, once it was: triggered when it reached someone; failed
   * (and no longer the open page, so the next one is sent) when nobody.
   */
  async delivered(
    id: string,
    sent: {
      delivery: string;
      notified: string[];
      reached: boolean;
      vendorKey?: string;
      route?: string;
    },
  ): Promise<StoredPage> {
    await this.db(PAGES)
      .where({ id, state: 'sending' })
      .update({
        delivery: sent.delivery.slice(0, 2000),
        notified: JSON.stringify(sent.notified),
        vendor_key: sent.vendorKey ?? null,
        ...(sent.route ? { route: sent.route } : {}),
        state: sent.reached ? 'triggered' : 'failed',
        ...(sent.reached ? {} : { open_key: null }),
      });
    return (await this.get(id))!;
  }

  /**
   * Records an acknowledgement (or a vendor's resolution) once: the first
   * wins, and the page stops being the open one of its entity and
   * discipline. Answers the page as stored after.
   */
  async settle(
    id: string,
    state: 'acknowledged' | 'resolved',
    by: { ref?: string; name?: string },
    at: string,
  ): Promise<StoredPage> {
    const named = by.ref || by.name;
    await this.db(PAGES)
      .where({ id, state: 'triggered' })
      .update({
        state,
        acknowledged_by: by.ref?.slice(0, 255) ?? null,
        acknowledged_by_name: by.ref ? null : by.name?.slice(0, 255) ?? null,
        acknowledged_at: named ? at : null,
        open_key: null,
        checked_at: at,
      });
    return (await this.get(id))!;
  }

  /**
   * Claims the next vendor check of a waiting page: true for one caller
   * when the last check is older than `before` (concurrent readers do not
   * all ask the vendor).
   */
  async claimCheck(id: string, at: string, before: string): Promise<boolean> {
    const claimed = await this.db(PAGES)
      .where({ id, state: 'triggered' })
      .andWhere(q =>
        q.whereNull('checked_at').orWhere('checked_at', '<', before),
      )
      .update({ checked_at: at });
    return claimed > 0;
  }

  /** A vendor has no incident for the page: acknowledged in the portal from now on. */
  async toPortal(id: string, why: string): Promise<StoredPage> {
    const page = await this.get(id);
    await this.db(PAGES)
      .where({ id, state: 'triggered' })
      .update({
        route: 'notification',
        delivery: `${page?.delivery ?? ''}; ${why}`.slice(0, 2000),
      });
    return (await this.get(id))!;
  }
}
