import { describeProviderEscalation, describeShift } from './describeShift';

const person = (name: string) => ({
  ref: `user:default/${name}`,
  name,
  contacts: [],
});

describe('describeShift', () => {
  it('says until when, who is next, and nothing about the source for YAML', () => {
    expect(
      describeShift({
        rotation: 'primary',
        until: '2026-03-05T08:00:00Z',
        next: person('Omar'),
        timeZone: 'UTC',
        source: 'yaml',
      }),
    ).toMatch(/^until .*, then Omar$/);
  });

  it('names the vendor and the age of its answer', () => {
    expect(
      describeShift({
        rotation: 'primary',
        timeZone: 'UTC',
        source: 'pagerduty',
        ageSeconds: 42,
      }),
    ).toBe('from PagerDuty, 42 s old');
  });

  it('says the vendor is unavailable and what answers instead', () => {
    const text = describeShift({
      rotation: 'primary',
      until: '2026-03-05T08:00:00Z',
      timeZone: 'UTC',
      source: 'yaml',
      unavailable: {
        provider: 'opsgenie',
        since: '2026-03-04T02:13:00Z',
        message: 'Opsgenie answered HTTP 500',
      },
    });
    expect(text).toContain('Opsgenie unavailable since');
    expect(text).toContain(
      '(Opsgenie answered HTTP 500): answered from the YAML rotation',
    );
  });
});

describe('describeProviderEscalation', () => {
  it('lists the levels with their delay and who is on call', () => {
    expect(
      describeProviderEscalation({
        provider: 'pagerduty',
        id: 'P1',
        name: 'SOC',
        levels: [
          { level: 1, delayMinutes: 5, onCall: [person('Amara')] },
          { level: 2, onCall: [] },
        ],
      }),
    ).toBe(
      'PagerDuty policy SOC: level 1 (then 5 min) Amara; level 2 nobody on call',
    );
  });
});
