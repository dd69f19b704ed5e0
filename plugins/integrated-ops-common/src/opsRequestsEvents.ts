import { Discipline, isDiscipline } from './disciplines';
import type { ChangeOnRecord } from './historyTypes';

/*
 * What the change-requests plugin (the upper layer) tells the lookup (the
 * lower layer) on the events service. The lookup never calls ops-requests:
 * it records these events in its own database and answers from there.
 * Payloads are read defensively: events can come from other replicas, or
 * other versions of either plugin.
 */

/**
 * The events-service topic on which ops-requests announces change requests
 * that were filed, decided, applied, expired or revoked (and, on a schedule,
 * a snapshot of them all), for the ownership history's changes on record.
 *
 * @public
 */
export const OPS_REQUESTS_CHANGED_TOPIC = 'integrated-ops.ops-requests-changed';

/**
 * Most requests carried by one event; more go out as several.
 *
 * @public
 */
export const OPS_REQUESTS_CHANGED_MAX = 50;

/**
 * A change request as the lookup records it: what the history shows, and the entities it named.
 *
 * @public
 */
export interface RequestOnRecord extends ChangeOnRecord {
  /** Lower-case full refs of the entities the request named as targets. */
  targets: string[];
  /**
   * When this state was read from ops-requests' store (ISO 8601): it is
   * recorded unless a state read later is recorded already.
   */
  readAt: string;
}

/**
 * The payload of an {@link OPS_REQUESTS_CHANGED_TOPIC} event.
 *
 * @public
 */
export interface OpsRequestsChangedEvent {
  /** The requests whose state changed, at most {@link OPS_REQUESTS_CHANGED_MAX}. */
  requests: RequestOnRecord[];
}

/**
 * The events-service topic on which ops-requests announces where each
 * ownership declaration's re-certification stands, for the coverage
 * report's drift: the whole report, split into parts of at most
 * {@link RECERTIFICATION_STATUS_MAX_ITEMS} items.
 *
 * @public
 */
export const RECERTIFICATION_STATUS_TOPIC =
  'integrated-ops.recertification-status';

/**
 * Most items carried by one part of a re-certification report.
 *
 * @public
 */
export const RECERTIFICATION_STATUS_MAX_ITEMS = 500;

/**
 * The re-certification states of a declaration.
 *
 * @public
 */
export const RECERTIFICATION_STATES = [
  'confirmed',
  'pending',
  'handover-offered',
  'handover-accepted',
  'due',
] as const;

/**
 * Where one ownership declaration's re-certification stands.
 *
 * @public
 */
export interface RecertificationStatusItem {
  /** The entity (or System / Domain) that declares the owner. */
  declaredOn: string;
  /** The discipline the declaration names an owner for. */
  discipline: Discipline;
  /** The team the catalog names. */
  team: string;
  /** How many entities own through this declaration. */
  entities: number;
  /** Where its re-certification stands; `due`: not confirmed within the period and no request open. */
  state: (typeof RECERTIFICATION_STATES)[number];
  /** The team a hand-over was offered to or accepted by. */
  handOverTo?: string;
}

/**
 * The payload of a {@link RECERTIFICATION_STATUS_TOPIC} event: one part of a report.
 *
 * @public
 */
export interface RecertificationStatusEvent {
  /** When the report was made (ISO 8601); the same in every part of it. */
  generatedAt: string;
  /** How long a confirmation holds; absent when the policy asks for none. */
  periodDays?: number;
  /** Items in the whole report (all its parts). */
  total: number;
  /** This part's items, at most {@link RECERTIFICATION_STATUS_MAX_ITEMS}. */
  items: RecertificationStatusItem[];
}

const MAX_TEXT = 1000;
const REF = /^[^:]+:[^/]+\/.+$/;

const text = (value: unknown, max = MAX_TEXT): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;
const isRef = (value: unknown): value is string =>
  text(value, 500) && REF.test(value);
const isTime = (value: unknown): value is string =>
  text(value, 40) && !Number.isNaN(Date.parse(value));
const optionalTime = (value: unknown) => (isTime(value) ? value : undefined);

function readRequest(value: unknown): RequestOnRecord | undefined {
  const r = value as Partial<Record<keyof RequestOnRecord, unknown>> | null;
  if (
    !r ||
    !text(r.id, 200) ||
    !text(r.kind, 100) ||
    !text(r.title) ||
    !text(r.state, 100) ||
    !text(r.requestedBy, 500) ||
    !isTime(r.requestedAt) ||
    !isTime(r.readAt) ||
    !Array.isArray(r.targets) ||
    !Array.isArray(r.approvals)
  ) {
    return undefined;
  }
  const approvals = r.approvals
    .slice(0, 20)
    .filter(
      (a): a is ChangeOnRecord['approvals'][number] =>
        text(a?.role, 100) && text(a?.by, 500) && isTime(a?.at),
    )
    .map(a => ({ role: a.role, by: a.by, at: a.at }));
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    state: r.state,
    targets: [
      ...new Set(
        r.targets
          .slice(0, 200)
          .filter(isRef)
          .map(t => t.toLocaleLowerCase('en-US')),
      ),
    ],
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt,
    approvals,
    appliedAt: optionalTime(r.appliedAt),
    revokedAt: optionalTime(r.revokedAt),
    readAt: r.readAt,
  };
}

/**
 * Reads an {@link OPS_REQUESTS_CHANGED_TOPIC} payload: the well-formed
 * requests, at most {@link OPS_REQUESTS_CHANGED_MAX}, or nothing.
 *
 * @public
 */
export function readOpsRequestsChanged(
  payload: unknown,
): OpsRequestsChangedEvent | undefined {
  const p = payload as Partial<Record<keyof OpsRequestsChangedEvent, unknown>>;
  if (!p || !Array.isArray(p.requests)) return undefined;
  const requests = p.requests
    .slice(0, OPS_REQUESTS_CHANGED_MAX)
    .map(readRequest)
    .filter((r): r is RequestOnRecord => !!r);
  return { requests };
}

function readStatusItem(value: unknown): RecertificationStatusItem | undefined {
  const i = value as Partial<
    Record<keyof RecertificationStatusItem, unknown>
  > | null;
  if (
    !i ||
    !isRef(i.declaredOn) ||
    !isDiscipline(i.discipline) ||
    !isRef(i.team) ||
    typeof i.entities !== 'number' ||
    !Number.isInteger(i.entities) ||
    i.entities < 0 ||
    !RECERTIFICATION_STATES.includes(i.state as any)
  ) {
    return undefined;
  }
  return {
    declaredOn: i.declaredOn,
    discipline: i.discipline,
    team: i.team,
    entities: i.entities,
    state: i.state as RecertificationStatusItem['state'],
    ...(isRef(i.handOverTo) ? { handOverTo: i.handOverTo } : {}),
  };
}

/**
 * Reads a {@link RECERTIFICATION_STATUS_TOPIC} payload: the part with its
 * well-formed items (at most {@link RECERTIFICATION_STATUS_MAX_ITEMS}), or
 * nothing when it is not a part of a report.
 *
 * @public
 */
export function readRecertificationStatus(
  payload: unknown,
): RecertificationStatusEvent | undefined {
  const p = payload as Partial<
    Record<keyof RecertificationStatusEvent, unknown>
  >;
  if (
    !p ||
    !isTime(p.generatedAt) ||
    typeof p.total !== 'number' ||
    !Number.isInteger(p.total) ||
    p.total < 0 ||
    !Array.isArray(p.items)
  ) {
    return undefined;
  }
  const periodDays =
    typeof p.periodDays === 'number' && p.periodDays > 0
      ? p.periodDays
      : undefined;
  return {
    generatedAt: p.generatedAt,
    ...(periodDays ? { periodDays } : {}),
    total: p.total,
    items: p.items
      .slice(0, RECERTIFICATION_STATUS_MAX_ITEMS)
      .map(readStatusItem)
      .filter((i): i is RecertificationStatusItem => !!i),
  };
}
