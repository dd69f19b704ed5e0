import { DateTime } from 'luxon';

/**
 * What the portal keeps of one finding of one (tool, component) between reports.
 *
 * @public
 */
export interface FindingRecord {
  /** The finding's identity (see NormalizedFinding.fingerprint). */
  fingerprint: string;
  /** Open, or fixed by a later full report. */
  status: 'open' | 'fixed';
  /** ISO 8601 instant the finding was first reported; never changes, reopening included. */
  firstSeen: string;
  /** ISO 8601 instant of the last report that had it. */
  lastSeen: string;
  /** ISO 8601 instant of the full report that no longer had it, while fixed. */
  fixedAt?: string;
  /** How many times it came back after being fixed. */
  reopenCount: number;
}

/**
 * One report as the life cycle sees it: the fingerprints it holds, when it
 * was made, and whether it is full (every finding the tool has for the
 * component) or partial (a subset: nothing absent from it is fixed).
 *
 * @public
 */
export interface LifecycleReport {
  /** The fingerprints of the findings in the report. */
  fingerprints: Iterable<string>;
  /** ISO 8601 instant with a zone designator (Z or an offset). */
  reportedAt: string;
  /** True for a full report: what it lacks is fixed. */
  complete: boolean;
  /**
   * When the scanner first detected a finding, by fingerprint (ISO 8601
   * with zone): a new finding's first seen is this instant when it is
   * earlier than the report (by at most ten years), the report's otherwise.
   */
  firstDetected?: ReadonlyMap<string, string>;
}

/**
 * The transitions one report causes, each list in the order of the report
 * (fixed and unchanged in the order of the records), and the records after it.
 *
 * @public
 */
export interface LifecycleChange {
  /** Never seen before: open, first seen now. */
  opened: FindingRecord[];
  /** Open before and in the report: still open, last seen now. */
  stillOpen: FindingRecord[];
  /** Open before, absent from this full report: fixed now. */
  fixed: FindingRecord[];
  /** Fixed before and in the report again: open, first seen kept, reopenCount + 1. */
  reopened: FindingRecord[];
  /** Records the report did not change (fixed and still absent; absent from a partial or older report). */
  unchanged: FindingRecord[];
  /** Every record after the report: the union of the five lists. */
  records: FindingRecord[];
}

/** The furthest back a scanner's first detection is believed: ten years. */
const MAX_BACKDATE_MS = 10 * 366 * 24 * 3600 * 1000;

function instant(value: string, what: string): number {
  // A time and its zone: in `2026-10-01` the `-01` is no offset.
  if (!/T[\d:.,]+(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/.test(value)) {
    throw new RangeError(
      `${what} "${value}" must name its zone (Z or an offset)`,
    );
  }
  const parsed = DateTime.fromISO(value, { setZone: true });
  if (!parsed.isValid) {
    throw new RangeError(`${what} "${value}" is not an ISO 8601 instant`);
  }
  return parsed.toMillis();
}

/**
 * The life cycle of the findings of one tool on one component, as a pure
 * function: given the records on file and a new report, which findings are
 * new, still open, fixed (absent from a later full report) and reopened.
 * First-seen is kept across re-runs and reopening. A report older than a
 * record's last sighting cannot fix it (reports may arrive out of order).
 * Throws RangeError only for a timestamp without a zone or not ISO 8601.
 *
 * @public
 */
export function applyReport(
  records: readonly FindingRecord[],
  report: LifecycleReport,
): LifecycleChange {
  const at = instant(report.reportedAt, 'reportedAt');
  const now = DateTime.fromMillis(at, { zone: 'utc' }).toISO()!;
  const present = new Set(report.fingerprints);
  const byFingerprint = new Map(records.map(r => [r.fingerprint, r]));
  const change: LifecycleChange = {
    opened: [],
    stillOpen: [],
    fixed: [],
    reopened: [],
    unchanged: [],
    records: [],
  };

  for (const fingerprint of present) {
    const record = byFingerprint.get(fingerprint);
    if (!record) {
      const detected = report.firstDetected?.get(fingerprint);
      const detectedAt = detected
        ? instant(detected, 'firstDetected')
        : Infinity;
      // Older than any clock could run (a scanner's zero time, 0001-01-01):
      // not a first detection, the report's time is taken.
      change.opened.push({
        fingerprint,
        status: 'open',
        firstSeen:
          detectedAt < at && at - detectedAt <= MAX_BACKDATE_MS
            ? DateTime.fromMillis(detectedAt, { zone: 'utc' }).toISO()!
            : now,
        lastSeen: now,
        reopenCount: 0,
      });
    } else if (record.status === 'open') {
      const later = at > instant(record.lastSeen, 'lastSeen');
      change.stillOpen.push(later ? { ...record, lastSeen: now } : record);
    } else {
      const fixedAt = record.fixedAt
        ? instant(record.fixedAt, 'fixedAt')
        : -Infinity;
      if (at <= fixedAt) {
        // An older report than the one that fixed it: it changes nothing.
        change.unchanged.push(record);
      } else {
        const { fixedAt: _gone, ...rest } = record;
        change.reopened.push({
          ...rest,
          status: 'open',
          lastSeen: now,
          reopenCount: record.reopenCount + 1,
        });
      }
    }
  }
  for (const record of records) {
    if (present.has(record.fingerprint)) continue;
    if (
      record.status === 'open' &&
      report.complete &&
      at > instant(record.lastSeen, 'lastSeen')
    ) {
      change.fixed.push({ ...record, status: 'fixed', fixedAt: now });
    } else {
      change.unchanged.push(record);
    }
  }
  change.records = [
    ...change.opened,
    ...change.stillOpen,
    ...change.reopened,
    ...change.fixed,
    ...change.unchanged,
  ];
  return change;
}
