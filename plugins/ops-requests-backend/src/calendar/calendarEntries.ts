import { lowerRef } from '@integrated-ops/plugin-integrated-ops-common';
import {
  CalendarEntry,
  ChangePolicy,
  ChangeRequest,
  freezeOccurrences,
  maintenanceOccurrences,
} from '@integrated-ops/plugin-ops-requests-common';

export interface CalendarFilter {
  /** Only what concerns this team (its requests; freezes concern everyone). */
  team?: string;
  /** Only what concerns this system: requests whose targets are in it, freezes scoped to it or to all. */
  system?: string;
  /** Target ref -> its system ref, read from the catalog. */
  systemOf?: (targetRef: string) => string | undefined;
}

const DAY_MS = 86_400_000;

const inRange = (iso: string | undefined, from: Date, to: Date) =>
  !!iso && Date.parse(iso) >= from.getTime() && Date.parse(iso) <= to.getTime();

/** The dated steps of one request: planned apply, expiry, review due, re-certification. */
function requestEntries(
  request: ChangeRequest,
  recertifyAfterDays: number,
): CalendarEntry[] {
  const base = {
    requestId: request.id,
    teams: [
      ...new Set(Object.values(request.approvers).map(t => lowerRef(t!))),
    ],
    targets: request.targets,
  };
  const out: CalendarEntry[] = [];
  if (
    (request.state === 'approved' || request.state === 'pending') &&
    request.applyAt
  ) {
    out.push({
      ...base,
      kind: 'planned-apply',
      title: `Apply ${request.id}${
        request.state === 'pending' ? ' (awaiting approval)' : ''
      }: ${request.title}`,
      start: request.applyAt,
    });
  }
  if (
    request.expiresAt &&
    !['rejected', 'expired', 'revoked'].includes(request.state)
  ) {
    out.push({
      ...base,
      kind: 'expiry',
      title: `${
        request.state === 'applied' || request.state === 'post-review'
          ? 'Revoke'
          : 'Expire'
      } ${request.id}: ${request.title}`,
      start: request.expiresAt,
    });
  }
  if (request.state === 'post-review' && request.breakGlass) {
    out.push({
      ...base,
      kind: 'review-due',
      title: `Review break-glass ${request.id}: ${request.title}`,
      start: request.breakGlass.reviewDueAt,
    });
  }
  if (request.state === 'applied' && request.appliedAt) {
    out.push({
      ...base,
      kind: 'recertification',
      title: `Re-certify ${request.id}: ${request.title}`,
      start: new Date(
        Date.parse(request.appliedAt) + recertifyAfterDays * DAY_MS,
      ).toISOString(),
    });
  }
  return out;
}

/**
 * The change calendar between `from` and `to`: the policy's freeze windows,
 * planned applies, expiries and revocations, break-glass reviews due and
 * re-certifications, in time order, filtered by team and system.
 */
export function calendarEntries(options: {
  policy: ChangePolicy;
  requests: ChangeRequest[];
  from: Date;
  to: Date;
  recertifyAfterDays: number;
  filter?: CalendarFilter;
}): CalendarEntry[] {
  const { policy, requests, from, to, filter = {} } = options;
  const team = filter.team && lowerRef(filter.team);
  const system = filter.system && lowerRef(filter.system);
  const freezes: CalendarEntry[] = (policy.spec.changeCalendar?.freezes ?? [])
    .filter(
      f =>
        !system ||
        f.scope.all ||
        !!f.scope.systems?.some(s => lowerRef(s) === system),
    )
    .flatMap(f =>
      freezeOccurrences(f, from, to).map(o => ({
        kind: 'freeze' as const,
        title: `Freeze: ${f.name}`,
        start: o.start,
        end: o.end,
        teams: [],
        targets: [
          ...(f.scope.all ? ['everything'] : []),
          ...(f.scope.domains ?? []),
          ...(f.scope.systems ?? []),
          ...(f.scope.zones ?? []).map(z => `zone ${z}`),
        ],
      })),
    );
  const maintenance: CalendarEntry[] = (
    policy.spec.changeCalendar?.maintenanceWindows ?? []
  )
    .filter(
      w =>
        !system ||
        w.scope.all ||
        !!w.scope.systems?.some(s => lowerRef(s) === system),
    )
    .flatMap(w =>
      maintenanceOccurrences(w, from, to).map(o => ({
        kind: 'maintenance' as const,
        title: `Maintenance: ${w.name}`,
        start: o.start,
        end: o.end,
        teams: [],
        targets: [...(w.scope.systems ?? []), ...(w.scope.domains ?? [])],
      })),
    );
  const steps = requests
    .filter(
      r => !team || Object.values(r.approvers).some(t => lowerRef(t!) === team),
    )
    .filter(
      r => !system || r.targets.some(t => filter.systemOf?.(t) === system),
    )
    .flatMap(r => requestEntries(r, options.recertifyAfterDays))
    .filter(e => inRange(e.start, from, to));
  return [...freezes, ...maintenance, ...steps].sort(
    (a, b) => Date.parse(a.start) - Date.parse(b.start),
  );
}
