import { applyReport, FindingRecord } from './lifecycle';

const T1 = '2025-01-10T09:00:00Z';
const T2 = '2025-01-11T09:00:00Z';
const T3 = '2025-01-12T09:00:00Z';
const T4 = '2025-01-13T09:00:00Z';

const full = (reportedAt: string, ...fingerprints: string[]) => ({
  fingerprints,
  reportedAt,
  complete: true,
});

const byFp = (records: FindingRecord[]) =>
  Object.fromEntries(records.map(r => [r.fingerprint, r]));

describe('applyReport', () => {
  it('opens what it has never seen', () => {
    const change = applyReport([], full(T1, 'a', 'b'));
    expect(change.opened.map(r => r.fingerprint)).toEqual(['a', 'b']);
    expect(change.records).toEqual([
      {
        fingerprint: 'a',
        status: 'open',
        firstSeen: '2025-01-10T09:00:00.000Z',
        lastSeen: '2025-01-10T09:00:00.000Z',
        reopenCount: 0,
      },
      {
        fingerprint: 'b',
        status: 'open',
        firstSeen: '2025-01-10T09:00:00.000Z',
        lastSeen: '2025-01-10T09:00:00.000Z',
        reopenCount: 0,
      },
    ]);
  });

  it('keeps first seen on re-runs, fixes what a later full report lacks, reopens what comes back', () => {
    const r1 = applyReport([], full(T1, 'a', 'b')).records;
    const c2 = applyReport(r1, full(T2, 'a'));
    expect(c2.stillOpen.map(r => r.fingerprint)).toEqual(['a']);
    expect(c2.fixed.map(r => r.fingerprint)).toEqual(['b']);
    expect(byFp(c2.records).a).toMatchObject({
      firstSeen: '2025-01-10T09:00:00.000Z',
      lastSeen: '2025-01-11T09:00:00.000Z',
    });
    expect(byFp(c2.records).b).toMatchObject({
      status: 'fixed',
      fixedAt: '2025-01-11T09:00:00.000Z',
    });

    const c3 = applyReport(c2.records, full(T3, 'a', 'b'));
    expect(c3.reopened.map(r => r.fingerprint)).toEqual(['b']);
    const b = byFp(c3.records).b;
    expect(b).toEqual({
      fingerprint: 'b',
      status: 'open',
      firstSeen: '2025-01-10T09:00:00.000Z',
      lastSeen: '2025-01-12T09:00:00.000Z',
      reopenCount: 1,
    });

    const c4 = applyReport(c3.records, full(T4, 'a', 'b'));
    expect(c4.stillOpen.map(r => r.fingerprint)).toEqual(['a', 'b']);
    expect(c4.opened).toEqual([]);
    expect(c4.records).toHaveLength(2);
  });

  it('fixes nothing on a partial report', () => {
    const r1 = applyReport([], full(T1, 'a', 'b')).records;
    const change = applyReport(r1, {
      fingerprints: ['a'],
      reportedAt: T2,
      complete: false,
    });
    expect(change.fixed).toEqual([]);
    expect(change.unchanged.map(r => r.fingerprint)).toEqual(['b']);
    expect(byFp(change.records).b.status).toBe('open');
  });

  it('lets no older report fix or reopen anything (out-of-order arrival)', () => {
    const r2 = applyReport([], full(T2, 'a', 'b')).records;
    const late = applyReport(r2, full(T1, 'a'));
    expect(late.fixed).toEqual([]);
    expect(byFp(late.records).a.lastSeen).toBe('2025-01-11T09:00:00.000Z');

    const fixedAtT3 = applyReport(r2, full(T3, 'a')).records;
    const stale = applyReport(fixedAtT3, full(T2, 'a', 'b'));
    expect(stale.reopened).toEqual([]);
    expect(byFp(stale.records).b.status).toBe('fixed');
  });

  it('reads instants with offsets the same as in UTC', () => {
    const a = applyReport([], full('2025-03-30T03:30:00+02:00', 'x')).records;
    expect(a[0].firstSeen).toBe('2025-03-30T01:30:00.000Z');
  });

  it("takes the scanner's first detection as first seen only when it is earlier than the report", () => {
    const change = applyReport([], {
      ...full(T2, 'a', 'b', 'c'),
      firstDetected: new Map([
        ['a', T1],
        ['b', T3],
      ]),
    });
    expect(byFp(change.opened).a.firstSeen).toBe('2025-01-10T09:00:00.000Z');
    expect(byFp(change.opened).b.firstSeen).toBe('2025-01-11T09:00:00.000Z');
    expect(byFp(change.opened).c.firstSeen).toBe('2025-01-11T09:00:00.000Z');
    // A finding already on file keeps its first seen, whatever the scanner says.
    const again = applyReport(change.records, {
      ...full(T3, 'c'),
      firstDetected: new Map([['c', T1]]),
    });
    expect(byFp(again.records).c.firstSeen).toBe('2025-01-11T09:00:00.000Z');
  });

  it("ignores a first detection older than any clock (a scanner's zero time) and a date without a time", () => {
    const change = applyReport([], {
      ...full(T2, 'a'),
      firstDetected: new Map([['a', '0001-01-01T00:00:00Z']]),
    });
    expect(change.opened[0].firstSeen).toBe('2025-01-11T09:00:00.000Z');
    expect(() => applyReport([], full('2025-01-10', 'a'))).toThrow(RangeError);
  });

  it('refuses a timestamp without a zone', () => {
    expect(() => applyReport([], full('2025-01-10T09:00:00', 'a'))).toThrow(
      RangeError,
    );
  });

  it('keeps a record fixed and absent as it is', () => {
    const r2 = applyReport(
      applyReport([], full(T1, 'a')).records,
      full(T2),
    ).records;
    const r3 = applyReport(r2, full(T3));
    expect(r3.unchanged).toEqual(r2);
  });
});
