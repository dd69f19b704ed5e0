/*
 * Break-glass access with a fixed clock and a real git repository: whoever
 * is on call for an owning team gets access at once (merged into main, in
 * post-review); anyone else gets a normal request; the owning teams confirm
 * or revoke it; it is revoked at its end time whatever happens, and when
 * nobody confirms it in the review window.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { changeIntentSchema } from '@integrated-ops/plugin-ops-requests-common';
import { OnCallDirectory } from '@integrated-ops/plugin-ops-requests-node';
import { setupRequestService } from '../__testUtils__/requestService';
import { decider } from '../__testUtils__/teamClaims';

// Each case commits to a real git repository; a loaded 2-core runner needs more than 5 s.
jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const OMAR = 'user:default/omar'; // NetOps DC, owner of cases-db
const oncall = { userEntityRef: OMAR, credentials: {} as any };
const MANIFEST = 'kubernetes/fraud/allow-web-to-cases-db.yaml';

/** Omar is on call for netops-dc, Ana for netops-edge; nobody else is on call. */
const ON_CALL: Record<string, string> = {
  [OMAR]: 'group:default/netops-dc',
  'user:default/ana': 'group:default/netops-edge',
};
const directory: OnCallDirectory = {
  onCallFor: async (user, teams) =>
    teams.includes(ON_CALL[user]) ? ON_CALL[user] : undefined,
};

const emergency = (input: object = {}) =>
  changeIntentSchema.parse({
    kind: 'network-access',
    source: 'component:default/web',
    destination: 'resource:default/cases-db',
    ports: '5432/tcp',
    justification: 'INC-4711: fraud cases DB unreachable from the web tier',
    emergency: { incident: 'INC-4711', durationMinutes: 120 },
    ...input,
  });

async function setup() {
  const ctx = await setupRequestService(databases, { onCall: directory });
  return {
    ...ctx,
    as: (u: string) => ({ userEntityRef: u, credentials: {} as any }),
  };
}

describe('break-glass access', () => {
  it('is applied at once for the on-call, told to the skipped approvers and the SOC, and in post-review', async () => {
    const { service, git, sent } = await setup();
    const granted = await service.create(emergency(), oncall);
    expect(granted).toMatchObject({
      state: 'post-review',
      expiresAt: '2026-03-02T14:00:00.000Z',
      breakGlass: {
        incident: 'INC-4711',
        onCallFor: 'group:default/netops-dc',
        reviewDueAt: '2026-03-03T12:00:00.000Z',
        notify: 'group:default/soc',
      },
    });
    expect(granted.approvals).toEqual([]);
    expect(await git.show('infrastructure', 'main', MANIFEST)).toContain(
      'kind: NetworkPolicy',
    );
    expect(sent).toContain(
      'Break-glass: Network access: component:default/web -> resource:default/cases-db (5432/tcp) -> group:default/netops-dc,group:default/soc-t1,group:default/soc',
    );
    expect(
      granted.policy.results.filter(r => r.rule.startsWith('break-glass')),
    ).toEqual([
      {
        rule: 'break-glass.zone',
        passed: true,
        message: 'break-glass is allowed into zone restricted',
      },
      {
        rule: 'break-glass.exposure',
        passed: true,
        message: 'the source is in the catalog',
      },
      {
        rule: 'break-glass.duration',
        passed: true,
        message: '120 min, at most 240',
      },
      {
        rule: 'break-glass.open-per-person',
        passed: true,
        message: '0 open now, at most 1',
      },
      {
        rule: 'break-glass.on-call',
        passed: true,
        message: 'on call now for group:default/netops-dc',
      },
    ]);
  });

  it('is a normal request, awaiting approval, for someone who is not on call', async () => {
    const { service, git, as } = await setup();
    const request = await service.create(emergency(), as('user:default/ana'));
    expect(request.state).toBe('pending');
    expect(request.breakGlass).toBeUndefined();
    expect(request.expiresAt).toBe('2026-03-02T14:00:00.000Z');
    expect(request.policy.results.at(-1)!.message).toMatch(
      /^not on call now for group:default\/netops-dc, group:default\/sre, group:default\/soc-t1: filed as a normal request/,
    );
    await expect(
      git.show('infrastructure', 'main', MANIFEST),
    ).rejects.toThrow();
  });

  it.each([
    [
      { destination: 'component:default/gateway', ports: '443/tcp' },
      'break-glass.zone',
      'break-glass is not allowed into zone default (only internal, pci, restricted)',
    ],
    [
      { source: '203.0.113.0/24' },
      'break-glass.exposure',
      'break-glass never opens access from outside the catalog (203.0.113.0/24)',
    ],
    [
      { emergency: { incident: 'INC-1', durationMinutes: 600 } },
      'break-glass.duration',
      '600 min is longer than the 240 min break-glass allows',
    ],
  ])(
    'refuses where the policy does not allow it, saying why (%#)',
    async (change, rule, message) => {
      const { service, branches, as } = await setup();
      const destination = (change as any).destination;
      // Ana is on call for the gateway's NetOps team, Omar for the database's.
      const who = destination ? as('user:default/ana') : oncall;
      await expect(service.create(emergency(change), who)).rejects.toThrow(
        `${rule}: ${message}`,
      );
      // Refused before anything is committed.
      expect(await branches()).toEqual(['main']);
    },
  );

  it('allows one open break-glass per person', async () => {
    const { service } = await setup();
    await service.create(emergency(), oncall);
    await expect(
      service.create(
        emergency({
          ports: '5432/tcp',
          justification: 'INC-4711: second flow for the same incident',
        }),
        oncall,
      ),
    ).rejects.toThrow(
      'break-glass.open-per-person: you hold 1 open break-glass grant; at most 1 at once',
    );
  });

  it('is confirmed by an owning team (never the requester), then revoked at its end time', async () => {
    const { service, git, clock } = await setup();
    const granted = await service.create(emergency(), oncall);
    await expect(
      service.confirm(granted.id, decider('user:default/ana')),
    ).rejects.toThrow('is in none of the teams that review');
    const confirmed = await service.confirm(
      granted.id,
      decider('user:default/lucas'),
      'seen, needed',
    );
    expect(confirmed.state).toBe('applied');

    clock.now = new Date('2026-03-02T13:59:00Z');
    expect(await service.expireDue()).toEqual([]);
    clock.now = new Date('2026-03-02T14:00:00Z');
    expect(await service.expireDue()).toEqual([granted.id]);
    expect((await service.get(granted.id)).state).toBe('revoked');
    await expect(
      git.show('infrastructure', 'main', MANIFEST),
    ).rejects.toThrow();
  });

  it('is revoked now by an owning team that does not want it, through git', async () => {
    const { service, git, sent } = await setup();
    const granted = await service.create(emergency(), oncall);
    const revoked = await service.revokeNow(
      granted.id,
      decider('user:default/omar'),
      'not needed any more',
    );
    expect(revoked.state).toBe('revoked');
    await expect(
      git.show('infrastructure', 'main', MANIFEST),
    ).rejects.toThrow();
    expect(sent.at(-1)).toMatch(
      /^Revoked: .* -> user:default\/omar,group:default\/soc$/,
    );
  });

  it('is revoked at its end time even while still in review', async () => {
    const { service, clock } = await setup();
    const granted = await service.create(emergency(), oncall);
    clock.now = new Date('2026-03-02T14:00:01Z');
    expect(await service.expireDue()).toEqual([granted.id]);
    expect((await service.get(granted.id)).state).toBe('revoked');
  });

  it('is revoked when nobody confirms it within the review window', async () => {
    const { service, store, clock } = await setup();
    const granted = await service.create(
      emergency({ emergency: { incident: 'INC-9', durationMinutes: 240 } }),
      oncall,
    );
    // Review due after 24 h; the grant ended after 4 h: both revoke it.
    clock.now = new Date('2026-03-03T12:00:00Z');
    const revoked = [
      ...(await service.revokeUnreviewed()),
      ...(await service.expireDue()),
    ];
    expect(revoked).toEqual([granted.id]);
    const audit = await store.audit(granted.id);
    expect(audit.map(a => a.action)).toEqual([
      'created',
      'baseline',
      'break-glass',
      'applied',
      'revoked',
    ]);
  });
});
