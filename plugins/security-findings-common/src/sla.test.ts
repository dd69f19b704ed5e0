import {
  computeDueDate,
  DEFAULT_SLA_POLICY,
  dueDateInZone,
  slaPolicySchema,
  slaStateAt,
} from './sla';

describe('computeDueDate', () => {
  it.each([
    ['critical', '2025-01-08T00:00:00.000Z'],
    ['high', '2025-01-31T00:00:00.000Z'],
    ['medium', '2025-04-01T00:00:00.000Z'],
    ['low', '2025-06-30T00:00:00.000Z'],
  ] as const)(
    'gives %s its default days from first seen',
    (severity, dueAt) => {
      expect(computeDueDate('2025-01-01T00:00:00Z', severity).dueAt).toBe(
        dueAt,
      );
    },
  );

  it('gives info no clock', () => {
    expect(computeDueDate('2025-01-01T00:00:00Z', 'info')).toEqual({
      dueAt: null,
      allowedMinutes: null,
      factor: 1,
    });
  });

  it('halves for PCI (3.5 days for a critical), the smallest factor of several applying once', () => {
    expect(computeDueDate('2025-01-01T00:00:00Z', 'critical', ['PCI'])).toEqual(
      {
        dueAt: '2025-01-04T12:00:00.000Z',
        allowedMinutes: 7 * 12 * 60,
        factor: 0.5,
        dataClass: 'pci',
      },
    );
    const policy = slaPolicySchema.parse({
      dataClassFactors: { pci: 0.5, pii: 0.75 },
    });
    const due = computeDueDate(
      '2025-01-01T00:00:00Z',
      'high',
      ['pii', 'pci', 'public'],
      policy,
    );
    expect(due).toMatchObject({
      factor: 0.5,
      dataClass: 'pci',
      dueAt: '2025-01-16T00:00:00.000Z',
    });
    expect(
      computeDueDate('2025-01-01T00:00:00Z', 'high', ['public']).factor,
    ).toBe(1);
  });

  it('counts 24-hour days on the UTC line across a DST change (Europe/Berlin, spring forward)', () => {
    // First seen 12:00 in Berlin (UTC+1) the day before clocks go forward.
    const due = computeDueDate('2025-03-29T12:00:00+01:00', 'critical');
    expect(due.dueAt).toBe('2025-04-05T11:00:00.000Z');
    // Exactly 168 hours later, which Berlin's wall clock (now UTC+2) shows as 13:00.
    expect(dueDateInZone(due.dueAt!, 'Europe/Berlin')).toBe(
      '2025-04-05T13:00:00.000+02:00',
    );
  });

  it('gives the same instant whatever zone the first-seen was written in', () => {
    const instants = [
      '2025-11-01T22:30:00-04:00', // New York, before falling back
      '2025-11-02T02:30:00Z',
      '2025-11-02T11:30:00+09:00', // Tokyo
      '2025-11-02T08:00:00+05:30', // Kolkata
    ].map(firstSeen => computeDueDate(firstSeen, 'high', ['pci']).dueAt);
    expect(new Set(instants)).toEqual(new Set(['2025-11-17T02:30:00.000Z']));
    expect(dueDateInZone('2025-11-17T02:30:00.000Z', 'America/New_York')).toBe(
      '2025-11-16T21:30:00.000-05:00',
    );
  });

  it('takes a Date and refuses a timestamp without a zone or an unknown zone', () => {
    expect(
      computeDueDate(new Date(Date.UTC(2025, 0, 1)), 'critical').dueAt,
    ).toBe('2025-01-08T00:00:00.000Z');
    expect(() => computeDueDate('2025-01-01T00:00:00', 'critical')).toThrow(
      RangeError,
    );
    expect(() => computeDueDate('not a date Z', 'critical')).toThrow(
      RangeError,
    );
    expect(() => dueDateInZone('2025-01-01T00:00:00Z', 'Mars/Olympus')).toThrow(
      RangeError,
    );
  });

  it('rounds a fractional allowance down to the minute (stricter, never later)', () => {
    const policy = slaPolicySchema.parse({ dataClassFactors: { pci: 0.3 } });
    const due = computeDueDate(
      '2025-01-01T00:00:00Z',
      'critical',
      ['pci'],
      policy,
    );
    expect(due.allowedMinutes).toBe(3024); // 2.1 days
    expect(due.dueAt).toBe('2025-01-03T02:24:00.000Z');
  });
});

describe('slaStateAt', () => {
  const due = computeDueDate('2025-01-01T00:00:00Z', 'critical'); // due 2025-01-08T00:00Z

  it.each([
    ['2025-01-01T00:00:00Z', 'within'],
    ['2025-01-06T05:59:59Z', 'within'],
    ['2025-01-06T06:00:00Z', 'due-soon'], // the last quarter of 7 days: 42 hours
    ['2025-01-07T23:59:59.999Z', 'due-soon'],
    ['2025-01-08T00:00:00Z', 'breached'],
    ['2025-01-08T01:00:00+01:00', 'breached'], // the same instant in another zone
    ['2025-01-07T23:00:00-01:00', 'breached'],
  ] as const)('at %s is %s', (at, state) => {
    expect(slaStateAt(due, at)).toBe(state);
  });

  it('is none without a clock', () => {
    expect(
      slaStateAt(
        computeDueDate('2025-01-01T00:00:00Z', 'info'),
        '2030-01-01T00:00:00Z',
      ),
    ).toBe('none');
  });

  it('reads a policy from config, refusing nonsense', () => {
    expect(DEFAULT_SLA_POLICY.days).toEqual({
      critical: 7,
      high: 30,
      medium: 90,
      low: 180,
      info: null,
    });
    expect(slaPolicySchema.parse({ days: { critical: 2 } }).days.high).toBe(30);
    expect(
      slaPolicySchema.safeParse({ dataClassFactors: { pci: 2 } }).success,
    ).toBe(false);
    expect(slaPolicySchema.safeParse({ days: { critical: -1 } }).success).toBe(
      false,
    );
    expect(slaPolicySchema.safeParse({ dueSoonFraction: 1 }).success).toBe(
      false,
    );
  });
});
