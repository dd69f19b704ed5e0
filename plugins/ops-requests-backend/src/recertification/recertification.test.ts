import { TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { setupRequestService } from '../__testUtils__/requestService';
import { decider } from '../__testUtils__/teamClaims';

// Each case commits to a real git repository; a loaded 2-core runner needs more than 5 s.
jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** A team; NetOps unless it serves no ops discipline (a product team). */
const group = (name: string, discipline: string | null = 'netops'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'team',
    children: [],
    ...(discipline ? { opsTeam: { discipline } } : {}),
  },
});

/** An owned entity as the catalog module leaves it: typed relations and where each came from. */
const owned = (
  kind: string,
  name: string,
  netops: string,
  source: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'integrated-ops.io/netops-owner-source': source },
  },
  spec: { type: 'service' },
  relations: [{ type: 'netopsOwnedBy', targetRef: `group:default/${netops}` }],
});

// The Edge system declares NetOps Edge; its two components inherit it.
// Stand-alone, the cases database declares NetOps DC itself.
const catalog = [
  group('netops-edge'),
  group('netops-dc'),
  group('payments-team', null),
  group('sre', 'devops'),
  owned('System', 'edge', 'netops-edge', 'declared'),
  owned('Component', 'gateway', 'netops-edge', 'inherited:system:default/edge'),
  owned('Component', 'web', 'netops-edge', 'inherited:system:default/edge'),
  owned('Resource', 'cases-db', 'netops-dc', 'declared'),
];

const ANA = 'user:default/ana'; // netops-edge
const OMAR = 'user:default/omar'; // netops-dc

describe.each(databases.eachSupportedId())(
  'ownership re-certification on %p',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const svc = await setupRequestService(databases, {
        knex,
        ownershipCatalog: catalog,
      });
      const recert = svc.service.recertifications!;
      const stateOf = async (declaredOn: string) =>
        (await recert.report()).items.find(i => i.declaredOn === declaredOn);
      return { ...svc, recert, stateOf };
    }

    it('asks each owning team once per declaration; a confirmation holds for the period', async () => {
      const { recert, service, sent, clock, stateOf } = await setup();
      const filed = await recert.fileDue();
      expect(filed).toHaveLength(2);
      expect(await recert.fileDue()).toEqual([]); // asked, not again
      expect(await stateOf('system:default/edge')).toMatchObject({
        team: 'group:default/netops-edge',
        entities: 3,
        state: 'pending',
      });
      expect(sent).toContain(
        'Confirm ownership: system:default/edge (NetOps) -> group:default/netops-edge',
      );

      const asked = (await stateOf('system:default/edge'))!.requestId!;
      // Only the asked team confirms.
      await expect(service.approve(asked, decider(OMAR))).rejects.toThrow(
        'in none of the teams that approve',
      );
      const confirmed = await service.approve(asked, decider(ANA));
      expect(confirmed.state).toBe('applied');
      expect(await stateOf('system:default/edge')).toMatchObject({
        state: 'confirmed',
        confirmedBy: ANA,
        confirmedAt: '2026-03-02T12:00:00.000Z',
      });

      // 181 days later the confirmation has lapsed: asked again.
      clock.now = new Date('2026-08-30T12:00:00Z');
      // The unanswered one expired after 14 days.
      expect(await service.expireDue()).toHaveLength(1);
      expect((await stateOf('system:default/edge'))!.state).toBe('due');
      expect(await recert.fileDue()).toHaveLength(2);
    });

    it('hands over to another team, which accepts', async () => {
      const { recert, service, store, sent, stateOf } = await setup();
      await recert.fileDue();
      const asked = (await stateOf('system:default/edge'))!.requestId!;
      const handed = await recert.handOver(
        await service.get(asked),
        ANA,
        'netops-dc',
        'DC fabric runs the edge now',
      );
      expect(handed.state).toBe('handed-over');
      expect(await stateOf('system:default/edge')).toMatchObject({
        state: 'handover-offered',
        handOverTo: 'group:default/netops-dc',
      });
      const offer = (await stateOf('system:default/edge'))!.requestId!;
      expect(sent).toContain(
        'Accept ownership: system:default/edge (NetOps) -> group:default/netops-dc',
      );
      // The team handing over cannot accept for the other.
      await expect(service.approve(offer, decider(ANA))).rejects.toThrow();
      const accepted = await service.approve(offer, decider(OMAR));
      expect(accepted.state).toBe('applied');
      expect((await store.audit(offer)).map(a => a.action)).toEqual([
        'created',
        'approved:netops',
        'approved',
        'handover-accepted',
      ]);
      // The catalog still names netops-edge until someone changes it.
      expect(await stateOf('system:default/edge')).toMatchObject({
        team: 'group:default/netops-edge',
        state: 'handover-accepted',
        handOverTo: 'group:default/netops-dc',
      });
      expect(sent).toContain(
        'Hand-over accepted: system:default/edge (NetOps) -> group:default/netops-edge,group:default/netops-dc',
      );
      expect(await recert.fileDue()).toEqual([]);
    });

    it('asks the first team again when the other refuses', async () => {
      const { recert, service, stateOf } = await setup();
      await recert.fileDue();
      const asked = (await stateOf('system:default/edge'))!.requestId!;
      await recert.handOver(
        await service.get(asked),
        ANA,
        'group:default/netops-dc',
      );
      const offer = (await stateOf('system:default/edge'))!.requestId!;
      const refused = await service.reject(
        offer,
        OMAR,
        'Not ours: the edge stays with NetOps Edge',
      );
      expect(refused.state).toBe('rejected');
      const again = (await stateOf('system:default/edge'))!;
      expect(again).toMatchObject({
        state: 'pending',
        team: 'group:default/netops-edge',
      });
      expect((await service.get(again.requestId!)).description).toContain(
        'group:default/netops-dc refused the hand-over: Not ours',
      );
    });

    it('refuses a hand-over to what is no group in the catalog, and a plain refusal', async () => {
      const { recert, service, stateOf } = await setup();
      await recert.fileDue();
      const asked = await service.get(
        (await stateOf('system:default/edge'))!.requestId!,
      );
      await expect(
        recert.handOver(asked, ANA, 'component:default/web'),
      ).rejects.toThrow('hand over to a group');
      await expect(
        recert.handOver(asked, ANA, 'group:default/nobody'),
      ).rejects.toThrow('no group group:default/nobody in the catalog');
      await expect(
        recert.handOver(asked, ANA, 'group:default/netops-edge'),
      ).rejects.toThrow('already owns it');
      // Only to a team the policy lets own NetOps.
      await expect(
        recert.handOver(asked, ANA, 'group:default/payments-team'),
      ).rejects.toThrow(
        'hand over to a team that may own it: NetOps owner group:default/payments-team is not a NetOps team',
      );
      await expect(
        recert.handOver(asked, ANA, 'group:default/sre'),
      ).rejects.toThrow('NetOps owner group:default/sre is not a NetOps team');
      await expect(
        service.reject(asked.id, ANA, 'we do not own this any more'),
      ).rejects.toThrow('hand it over to the team that owns it');
      expect((await service.get(asked.id)).state).toBe('pending');
    });
  },
);
