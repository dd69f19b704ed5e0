import { ResponseRow } from './IncidentStore';
import { responseKpis, weekStart } from './responseKpis';

const T0 = Date.UTC(2026, 2, 2, 2, 0); // Monday 2 March 2026, 02:00 UTC
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** An incident opened `opened` minutes after T0, acknowledged and resolved `ack`/`res` minutes after that. */
const row = (
  over: Partial<ResponseRow> & { opened: number; ack?: number; res?: number },
): ResponseRow => {
  const { opened, ack, res, ...rest } = over;
  return {
    openedS: (T0 + opened * 60_000) / 1000,
    ttaS: ack === undefined ? null : ack * 60,
    ttrS: res === undefined ? null : res * 60,
    outcome: 'routed',
    entityRef: 'component:default/fraud-scoring-service',
    discipline: 'netops',
    team: 'group:default/netops-dc',
    firstTeam: 'group:default/netops-dc',
    firstDiscipline: 'netops',
    ...rest,
  };
};

const period = { from: at(-60), to: at(20_000), truncated: false };

describe('responseKpis', () => {
  // NetOps DC: acknowledged after 2, 4 and 10 minutes, resolved after 30 and 60; one still open.
  const rows: ResponseRow[] = [
    row({ opened: 0, ack: 2, res: 30 }),
    row({ opened: 100, ack: 4, res: 60 }),
    row({ opened: 200, ack: 10 }),
    // Paged to NetOps DC first, then SOC Tier 1 owned it.
    row({
      opened: 300,
      discipline: 'secops',
      team: 'group:default/soc-tier1',
      ack: 1,
      res: 15,
    }),
    // No owner: counted apart, in no team.
    row({
      opened: 400,
      outcome: 'fallback',
      team: 'group:default/incident-command',
      firstTeam: 'group:default/incident-command',
    }),
    // The next week.
    row({
      opened: 8 * 1440,
      ack: 1,
      res: 5,
    }),
  ];

  it('gives each team its median and p90 time to acknowledge and to resolve, in seconds', () => {
    const kpis = responseKpis(rows, period);
    expect(kpis.byTeam).toEqual([
      {
        key: 'group:default/netops-dc',
        discipline: 'netops',
        incidents: 4,
        acknowledged: 4,
        resolved: 3,
        open: 1,
        ttaP50Seconds: 2 * 60, // 1, 2, 4, 10 min
        ttaP90Seconds: 10 * 60,
        ttrP50Seconds: 30 * 60, // 5, 30, 60 min
        ttrP90Seconds: 60 * 60,
        reroutedAway: 1,
      },
      {
        key: 'group:default/soc-tier1',
        discipline: 'secops',
        incidents: 1,
        acknowledged: 1,
        resolved: 1,
        open: 0,
        ttaP50Seconds: 60,
        ttaP90Seconds: 60,
        ttrP50Seconds: 15 * 60,
        ttrP90Seconds: 15 * 60,
        reroutedAway: 0,
      },
    ]);
    expect([kpis.incidents, kpis.unowned]).toEqual([6, 1]);
    expect(kpis.byDiscipline.map(d => [d.key, d.incidents])).toEqual([
      ['netops', 4],
      ['secops', 1],
    ]);
  });

  it('counts each week apart, the incidents without an owner included', () => {
    expect(responseKpis(rows, period).byWeek).toEqual([
      {
        weekStart: '2026-03-02',
        incidents: 5,
        unowned: 1,
        ttaP50Seconds: 120,
        ttrP50Seconds: 30 * 60,
      },
      {
        weekStart: '2026-03-09',
        incidents: 1,
        unowned: 0,
        ttaP50Seconds: 60,
        ttrP50Seconds: 5 * 60,
      },
    ]);
  });

  it('narrows to one team: what it owned, and what was paged to it first', () => {
    const kpis = responseKpis(rows, {
      ...period,
      team: 'group:default/soc-tier1',
    });
    expect(kpis.incidents).toBe(1);
    expect(kpis.byTeam.map(t => [t.key, t.incidents])).toEqual([
      ['group:default/soc-tier1', 1],
    ]);
    const first = responseKpis(rows, {
      ...period,
      team: 'group:default/netops-dc',
    });
    expect(first.incidents).toBe(5);
    expect(first.byTeam.map(t => [t.key, t.reroutedAway])).toEqual([
      ['group:default/netops-dc', 1],
    ]);
  });

  it('keeps the discipline a team was paged as when it only ever had incidents routed away', () => {
    const moved = row({
      opened: 0,
      discipline: 'secops',
      team: 'group:default/soc-tier1',
      firstTeam: 'group:default/netops-edge',
      firstDiscipline: 'netops',
    });
    expect(responseKpis([moved], period).byTeam).toEqual([
      expect.objectContaining({
        key: 'group:default/netops-edge',
        discipline: 'netops',
        incidents: 0,
        reroutedAway: 1,
      }),
      expect.objectContaining({
        key: 'group:default/soc-tier1',
        discipline: 'secops',
        incidents: 1,
        reroutedAway: 0,
      }),
    ]);
  });

  it('starts weeks on Monday, UTC', () => {
    expect(weekStart('2026-03-08T23:59:00.000Z')).toBe('2026-03-02');
    expect(weekStart('2026-03-09T00:00:00.000Z')).toBe('2026-03-09');
  });
});
