import { Entity } from '@backstage/catalog-model';
import { parseOpsTeam } from './opsTeam';

const group = (opsTeam: unknown): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'soc-tier1' },
  spec: { type: 'team', children: [], opsTeam } as Entity['spec'],
});

const rotation = {
  name: 'shift',
  members: ['lucas.martin', 'user:default/aisha.bello'],
  start: '2026-01-05T07:00',
  period: 'PT12H',
  timeZone: 'Europe/London',
};

describe('parseOpsTeam', () => {
  it('accepts a SOC team with tier, lead, escalation and a rotation', () => {
    const result = parseOpsTeam(
      group({
        discipline: 'secops',
        socTier: 1,
        lead: 'lucas.martin',
        escalatesTo: 'soc-tier2',
        onCall: [rotation],
      }),
    );
    expect(result).toEqual({
      ok: true,
      value: {
        discipline: 'secops',
        socTier: 1,
        lead: 'user:default/lucas.martin',
        escalatesTo: 'group:default/soc-tier2',
        onCall: [
          {
            ...rotation,
            members: ['user:default/lucas.martin', 'user:default/aisha.bello'],
          },
        ],
      },
    });
  });

  it('is absent for a group that declares nothing', () => {
    expect(parseOpsTeam(group(undefined))).toEqual({
      ok: true,
      value: undefined,
    });
  });

  it.each([
    [{ discipline: 'finops' }, /spec\.opsTeam\.discipline/],
    [
      { discipline: 'netops', socTier: 1 },
      /spec\.opsTeam\.socTier: only secops teams have a SOC tier/,
    ],
    [{ discipline: 'secops', socTier: 4 }, /spec\.opsTeam\.socTier/],
    [
      {
        discipline: 'secops',
        onCall: [{ ...rotation, timeZone: 'Europe/Lndon' }],
      },
      /onCall\[0\]\.timeZone: unknown time zone "Europe\/Lndon"/,
    ],
    [
      { discipline: 'secops', onCall: [{ ...rotation, period: 'weekly' }] },
      /onCall\[0\]\.period: "weekly" must be an ISO-8601 duration/,
    ],
    [
      { discipline: 'secops', onCall: [{ ...rotation, period: 'PT1M' }] },
      /onCall\[0\]\.period/,
    ],
    [
      { discipline: 'secops', onCall: [{ ...rotation, start: 'Monday 9am' }] },
      /onCall\[0\]\.start: must be a local date-time/,
    ],
    [
      {
        discipline: 'secops',
        onCall: [{ ...rotation, start: '2026-02-30T09:00' }],
      },
      /onCall\[0\]\.start: "2026-02-30T09:00" is not a valid date-time/,
    ],
    [
      { discipline: 'secops', onCall: [{ ...rotation, members: [] }] },
      /onCall\[0\]\.members: a rotation needs at least one member/,
    ],
    [
      {
        discipline: 'secops',
        onCall: [{ ...rotation, members: ['group:soc'] }],
      },
      /onCall\[0\]\.members\[0\]: "group:soc" must refer to a user/,
    ],
    [
      { discipline: 'secops', onCall: [rotation, rotation] },
      /rotation name "shift" is used twice/,
    ],
  ])('rejects %j', (opsTeam, message) => {
    const result = parseOpsTeam(group(opsTeam));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.join('\n')).toMatch(message);
  });
});
