import { repositoryPolicy } from '../__testUtils__/repositoryPolicy';
import { freezeOccurrences, freezeSchema, inScope } from './changeCalendar';
import { evaluatePolicy } from './evaluatePolicy';

const freeze = (f: object) =>
  freezeSchema.parse({ scope: { all: true }, ...f });

describe('freeze windows', () => {
  it('a fixed freeze occurs once, when it overlaps the range', () => {
    const yearEnd = freeze({
      name: 'Year-end',
      from: '2026-12-18T18:00:00Z',
      to: '2027-01-04T08:00:00Z',
    });
    expect(
      freezeOccurrences(
        yearEnd,
        new Date('2026-12-24T00:00:00Z'),
        new Date('2026-12-24T00:00:00Z'),
      ),
    ).toEqual([
      {
        freeze: 'Year-end',
        start: '2026-12-18T18:00:00.000Z',
        end: '2027-01-04T08:00:00.000Z',
      },
    ]);
    expect(
      freezeOccurrences(
        yearEnd,
        new Date('2027-01-04T08:00:00Z'),
        new Date('2027-01-04T09:00:00Z'),
      ),
    ).toEqual([]);
  });

  it('a monthly freeze recurs from the month end into the next month, in its time zone', () => {
    const close = freeze({
      name: 'Close',
      monthly: { fromDay: -2, toDay: 2 },
      timeZone: 'UTC',
    });
    expect(
      freezeOccurrences(
        close,
        new Date('2027-01-15T00:00:00Z'),
        new Date('2027-03-15T00:00:00Z'),
      ).map(o => o.start.slice(0, 10)),
    ).toEqual(['2027-01-30', '2027-02-27']);
  });

  it('scopes by everything, domain, system or zone', () => {
    const always = { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };
    const target = {
      entityRef: 'component:default/x',
      hop: 0,
      system: 'system:default/core-network',
      domain: 'domain:default/shared',
      zone: 'dmz',
    };
    expect(inScope(freeze({ name: 'a', ...always }), target)).toBe(true);
    expect(
      inScope(
        freeze({ name: 'b', ...always, scope: { zones: ['DMZ'] } }),
        target,
      ),
    ).toBe(true);
    expect(
      inScope(
        freeze({
          name: 'c',
          ...always,
          scope: { systems: ['system:default/core-network'] },
        }),
        target,
      ),
    ).toBe(true);
    expect(
      inScope(
        freeze({
          name: 'd',
          ...always,
          scope: { domains: ['domain:default/payments'] },
        }),
        target,
      ),
    ).toBe(false);
  });

  it('refuses a freeze definition without dates or recurrence, or with an unknown zone', () => {
    expect(() => freeze({ name: 'x' })).toThrow(
      'a freeze needs from and to, or monthly',
    );
    expect(() =>
      freeze({
        name: 'y',
        monthly: { fromDay: 1, toDay: 2 },
        timeZone: 'Mars/Olympus',
      }),
    ).toThrow('unknown time zone');
  });

  it('does not hold break-glass', () => {
    const result = evaluatePolicy(repositoryPolicy(), {
      kind: 'network-access',
      names: ['a-to-b'],
      exposure: 'internal',
      dataClasses: [],
      production: false,
      owners: { netops: 'group:default/netops-dc' },
      changeScope: {
        at: '2026-12-24T00:00:00Z',
        entities: [
          {
            entityRef: 'resource:default/fw',
            hop: 0,
            system: 'system:default/core-network',
          },
        ],
      },
      breakGlass: {
        durationMinutes: 60,
        openByRequester: 0,
        onCallFor: 'group:default/netops-dc',
      },
    });
    expect(result.results.find(r => r.rule === 'change-freeze')).toEqual({
      rule: 'change-freeze',
      passed: true,
      message: 'break-glass during an incident is not held by change freezes',
    });
  });

  describe('maintenance windows', () => {
    const facts = (at: string, planned: boolean, production = true) => ({
      kind: 'network-access' as const,
      names: ['a-to-fw'],
      exposure: 'internal' as const,
      dataClasses: [],
      production,
      owners: { netops: 'group:default/netops-dc' },
      changeScope: {
        at,
        planned,
        entities: [
          {
            entityRef: 'resource:default/fw-edge',
            hop: 0,
            system: 'system:default/core-network',
          },
        ],
      },
    });
    const rule = (f: ReturnType<typeof facts>) =>
      evaluatePolicy(repositoryPolicy(), f).results.find(
        r => r.rule === 'maintenance-window',
      );

    it('pass a planned production change inside one (Tuesday 23:00 London)', () => {
      expect(rule(facts('2027-02-09T23:00:00Z', true))).toEqual({
        rule: 'maintenance-window',
        passed: true,
        message: 'applies inside Core network maintenance',
      });
    });

    it('refuse a planned production change outside, naming the next one', () => {
      expect(rule(facts('2027-02-10T12:00:00Z', true))).toEqual({
        rule: 'maintenance-window',
        passed: false,
        message:
          '2027-02-10T12:00:00Z is outside the maintenance windows of resource:default/fw-edge; plan it in the next one: Core network maintenance at 2027-02-11T22:00:00.000Z',
      });
    });

    it('only inform an unplanned change, and leave non-production alone', () => {
      expect(rule(facts('2027-02-10T12:00:00Z', false))?.passed).toBe(true);
      expect(rule(facts('2027-02-10T12:00:00Z', true, false))).toBeUndefined();
    });
  });
});
