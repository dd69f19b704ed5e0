import { parse } from 'yaml';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import {
  ChangeRequest,
  changePolicySchema,
} from '@integrated-ops/plugin-ops-requests-common';
import { sampleRequest } from '../__testUtils__/sampleRequest';
import { calendarEntries } from './calendarEntries';
import { calendarIcs } from './calendarIcs';

const policy = changePolicySchema.parse(
  parse(
    readFileSync(
      resolve(__dirname, '../../../../policies/change-policy.yaml'),
      'utf8',
    ),
  ),
);

const request = (over: Partial<ChangeRequest>): ChangeRequest =>
  ({ ...sampleRequest(), ...over } as ChangeRequest);

const requests = [
  request({
    id: 'cr-planned',
    state: 'approved',
    applyAt: '2026-12-05T22:00:00.000Z',
    expiresAt: '2027-02-01T00:00:00.000Z',
    approvers: { netops: 'group:default/netops-dc' },
    targets: ['component:default/fraud-scoring-service'],
  }),
  request({
    id: 'cr-bg',
    state: 'post-review',
    expiresAt: '2026-12-02T14:00:00.000Z',
    breakGlass: {
      incident: 'INC-1',
      durationMinutes: 120,
      onCallFor: 'group:default/netops-edge',
      reviewDueAt: '2026-12-03T12:00:00.000Z',
      notify: 'group:default/soc',
    },
    approvers: { netops: 'group:default/netops-edge' },
    targets: ['component:default/payments-web'],
  }),
  request({
    id: 'cr-applied',
    state: 'applied',
    appliedAt: '2026-10-10T10:00:00.000Z',
    expiresAt: '2027-01-05T00:00:00.000Z',
    approvers: { netops: 'group:default/netops-dc' },
    targets: ['resource:default/fw-edge'],
  }),
  request({
    id: 'cr-rejected',
    state: 'rejected',
    expiresAt: '2026-12-10T00:00:00.000Z',
  }),
];

const withoutMaintenance = <T extends { kind: string }>(entries: T[]) =>
  entries.filter(e => e.kind !== 'maintenance');

const december = {
  from: new Date('2026-12-01T00:00:00Z'),
  to: new Date('2026-12-31T23:59:59Z'),
};

describe('the change calendar', () => {
  it('lists freezes, planned applies, expiries, reviews and re-certifications in time order', () => {
    const entries = calendarEntries({
      policy,
      requests,
      ...december,
      recertifyAfterDays: 60,
    });
    expect(
      withoutMaintenance(entries).map(e => [
        e.kind,
        e.requestId ?? e.title,
        e.start.slice(0, 16),
      ]),
    ).toEqual([
      // November's month-end close runs into December.
      ['freeze', 'Freeze: Month-end close (core network)', '2026-11-29T00:00'],
      ['expiry', 'cr-bg', '2026-12-02T14:00'],
      ['review-due', 'cr-bg', '2026-12-03T12:00'],
      ['planned-apply', 'cr-planned', '2026-12-05T22:00'],
      ['recertification', 'cr-applied', '2026-12-09T10:00'],
      ['freeze', 'Freeze: Year-end freeze (core network)', '2026-12-18T18:00'],
      ['freeze', 'Freeze: Month-end close (core network)', '2026-12-30T00:00'],
    ]);
    // The month-end close in London time: the last two days of December into 2 January.
    expect(withoutMaintenance(entries).at(-1)?.end).toBe(
      '2027-01-02T00:00:00.000Z',
    );
  });

  it('filters by team (its requests; freezes concern everyone) and by system', () => {
    const team = calendarEntries({
      policy,
      requests,
      ...december,
      recertifyAfterDays: 60,
      filter: { team: 'group:default/netops-edge' },
    });
    expect(withoutMaintenance(team).map(e => e.requestId ?? e.kind)).toEqual([
      'freeze',
      'cr-bg',
      'cr-bg',
      'freeze',
      'freeze',
    ]);
    const systems: Record<string, string> = {
      'component:default/fraud-scoring-service':
        'system:default/fraud-detection',
      'resource:default/fw-edge': 'system:default/core-network',
    };
    const coreNetwork = calendarEntries({
      policy,
      requests,
      ...december,
      recertifyAfterDays: 60,
      filter: {
        system: 'system:default/core-network',
        systemOf: ref => systems[ref],
      },
    });
    expect(
      withoutMaintenance(coreNetwork).map(e => e.requestId ?? e.kind),
    ).toEqual(['freeze', 'cr-applied', 'freeze', 'freeze']);
    const fraud = calendarEntries({
      policy,
      requests,
      ...december,
      recertifyAfterDays: 60,
      filter: {
        system: 'system:default/fraud-detection',
        systemOf: ref => systems[ref],
      },
    });
    // The core network's maintenance windows are not the fraud system's.
    expect(fraud.map(e => e.requestId ?? e.kind)).toEqual(['cr-planned']);
  });

  it('renders iCalendar with one event per entry and the freeze spanning its window', () => {
    const ics = calendarIcs(
      calendarEntries({
        policy,
        requests,
        ...december,
        recertifyAfterDays: 60,
      }),
      'https://portal.bank.example',
    );
    expect(ics).toMatch(/^BEGIN:VCALENDAR/);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(
      calendarEntries({ policy, requests, ...december, recertifyAfterDays: 60 })
        .length,
    );
    expect(ics).toContain('SUMMARY:Freeze: Year-end freeze (core network)');
    expect(ics).toContain('DTSTART:20261218T180000Z');
    expect(ics).toContain('DTEND:20270104T080000Z');
    expect(ics).toContain(
      'URL;VALUE=URI:https://portal.bank.example/ops-requests/cr-planned',
    );
  });

  it("lists the core network's maintenance windows: Tuesdays and Thursdays, 22:00 London", () => {
    const windows = calendarEntries({
      policy,
      requests: [],
      ...december,
      recertifyAfterDays: 60,
    }).filter(e => e.kind === 'maintenance');
    expect(windows.slice(0, 2).map(w => [w.start, w.end])).toEqual([
      ['2026-12-01T22:00:00.000Z', '2026-12-02T02:00:00.000Z'],
      ['2026-12-03T22:00:00.000Z', '2026-12-04T02:00:00.000Z'],
    ]);
    expect(windows).toHaveLength(10); // 1 December is a Tuesday, 31 December a Thursday
  });
});
