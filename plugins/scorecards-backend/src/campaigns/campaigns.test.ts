/*
 * A campaign on a fixed clock: three services of the fraud-detection system
 * asked to reach SecOps silver; day one one reaches it, day two a second
 * does; the burn-down, the teams behind, the CSV, and a reader who may not
 * see one service (absent from every list and count).
 */
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { TechInsightsService } from '@backstage-community/plugin-tech-insights-node';
import express from 'express';
import request from 'supertest';
import { ScorecardService } from '../service/ScorecardService';
import { createScorecardsRouter } from '../router/createScorecardsRouter';
import { CampaignService } from './CampaignService';
import { CampaignStore, MIGRATIONS_DIR } from './CampaignStore';
import { readCampaignsConfig } from './campaignsConfig';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const service = (name: string, team: string, system = 'fraud-detection') =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', title: name.toUpperCase() },
    spec: { type: 'service', system },
    relations: [
      { type: 'secopsOwnedBy', targetRef: `group:default/${team}` },
      { type: 'devopsOwnedBy', targetRef: 'group:default/sre' },
    ],
  } as Entity);

const entities = [
  service('fraud-scoring-service', 'soc-t1'),
  service('rules-engine', 'appsec'),
  service('case-management-ui', 'appsec'),
  service('payments-web', 'soc-t1', 'transaction-edge'),
];

/** Which SecOps checks each service passes: bronze, silver. */
let passing: Record<string, ('bronze' | 'silver')[]>;

const check = (id: string, level: string, discipline = 'secops') => ({
  id,
  type: 'json-rules-engine',
  name: id,
  description: id,
  factIds: ['f'],
  metadata: { discipline, level },
});

const techInsights = {
  runBulkChecks: jest.fn(async (refs: { name: string }[]) =>
    refs.map(({ name }) => ({
      entity: `component:default/${name}`,
      results: (['bronze', 'silver'] as const).map(level => ({
        facts: {},
        result: passing[name]?.includes(level) ?? false,
        check: check(`secops-${level}`, level),
      })),
    })),
  ),
} as unknown as TechInsightsService;

const campaignConfig = new ConfigReader({
  scorecards: {
    campaigns: [
      {
        id: 'fraud-secops-silver',
        title: 'Fraud detection at SecOps silver',
        target: { discipline: 'secops', level: 'silver' },
        deadline: '2027-01-31',
        entities: { kind: 'component', system: 'fraud-detection' },
      },
    ],
  },
});

describe.each(databases.eachSupportedId())('campaigns on %p', databaseId => {
  let app: express.Express;
  let campaigns: CampaignService;
  let store: CampaignStore;

  beforeEach(async () => {
    const knex = await databases.init(databaseId);
    store = new CampaignStore(knex);
    await knex.migrate.latest({ directory: MIGRATIONS_DIR });
    const catalog = catalogServiceMock({ entities });
    // ana.ruiz may not read the case management UI.
    const byRefs = catalog.getEntitiesByRefs.bind(catalog);
    catalog.getEntitiesByRefs = async (req, opts) => {
      const res = await byRefs(req, opts);
      const user = (opts as any).credentials.principal.userEntityRef;
      return {
        items: res.items.map(e =>
          user === 'user:default/ana.ruiz' &&
          e?.metadata.name === 'case-management-ui'
            ? undefined
            : e,
        ),
      };
    };
    campaigns = new CampaignService({
      campaigns: readCampaignsConfig(campaignConfig),
      store,
      catalog,
      techInsights,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    const router = await createScorecardsRouter({
      httpAuth: mockServices.httpAuth({
        defaultCredentials: mockCredentials.none(),
      }),
      service: {} as ScorecardService,
      campaigns,
    });
    app = express().use(router).use(mockErrorHandler());
  });

  const get = (path: string, user = 'user:default/raj.patel') =>
    request(app)
      .get(path)
      .set({ Authorization: mockCredentials.user.header(user) });

  it('burns down day by day and names the teams behind, below the target first', async () => {
    passing = {
      'fraud-scoring-service': ['bronze', 'silver'],
      'rules-engine': ['bronze'],
    };
    await campaigns.computeAll(new Date('2026-12-06T10:00:00Z'));
    // A later run the same day replaces that day's standing.
    await campaigns.computeAll(new Date('2026-12-06T11:00:00Z'));
    passing['rules-engine'].push('silver');
    await campaigns.computeAll(new Date('2026-12-07T10:00:00Z'));

    const res = await get('/campaigns/fraud-secops-silver');
    expect(res.status).toBe(200);
    expect(res.body.campaign).toMatchObject({
      title: 'Fraud detection at SecOps silver',
      deadline: '2027-01-31',
      asOf: '2026-12-07T10:00:00.000Z',
      total: 3, // payments-web is not in the system
      atTarget: 2,
    });
    expect(res.body.days).toEqual([
      { day: '2026-12-06', total: 3, below: 2 },
      { day: '2026-12-07', total: 3, below: 1 },
    ]);
    expect(res.body.teams).toEqual([
      { team: 'group:default/appsec', total: 2, below: 1 },
      { team: 'group:default/soc-t1', total: 1, below: 0 },
    ]);
    expect(res.body.entities[0]).toEqual({
      entityRef: 'component:default/case-management-ui',
      title: 'CASE-MANAGEMENT-UI',
      team: 'group:default/appsec',
      level: 'none',
      atTarget: false,
    });
    expect(res.body.entities.map((e: any) => e.level)).toEqual([
      'none',
      'silver',
      'silver',
    ]);

    const list = await get('/campaigns');
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: 'fraud-secops-silver',
        total: 3,
        atTarget: 2,
      }),
    ]);
  });

  it('leaves out of every list and count what the reader may not read, CSV included', async () => {
    passing = { 'fraud-scoring-service': ['bronze', 'silver'] };
    await campaigns.computeAll(new Date('2026-12-06T10:00:00Z'));
    const res = await get(
      '/campaigns/fraud-secops-silver',
      'user:default/ana.ruiz',
    );
    expect(res.body.campaign).toMatchObject({ total: 2, atTarget: 1 });
    expect(res.body.days).toEqual([{ day: '2026-12-06', total: 2, below: 1 }]);
    expect(JSON.stringify(res.body)).not.toContain('case-management-ui');

    const csv = await get(
      '/campaigns/fraud-secops-silver?format=csv',
      'user:default/ana.ruiz',
    );
    expect(csv.type).toBe('text/csv');
    expect(csv.text.trim().split(/\r?\n/)).toEqual([
      'entity,title,team,level,target,at_target,as_of',
      'component:default/rules-engine,RULES-ENGINE,group:default/appsec,none,secops silver,no,2026-12-06T10:00:00.000Z',
      'component:default/fraud-scoring-service,FRAUD-SCORING-SERVICE,group:default/soc-t1,silver,secops silver,yes,2026-12-06T10:00:00.000Z',
    ]);
  });

  it('shows no entity once a run finds none, rather than the last day that had some', async () => {
    passing = {};
    await campaigns.computeAll(new Date('2026-12-06T10:00:00Z'));
    const emptied = new CampaignService({
      campaigns: readCampaignsConfig(campaignConfig),
      store,
      catalog: catalogServiceMock({ entities: [] }),
      techInsights,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    await emptied.computeAll(new Date('2026-12-07T10:00:00Z'));
    const res = await get('/campaigns/fraud-secops-silver');
    expect(res.body.campaign).toMatchObject({
      asOf: '2026-12-07T10:00:00.000Z',
      total: 0,
    });
    expect(res.body.entities).toEqual([]);
    expect(res.body.days).toEqual([{ day: '2026-12-06', total: 3, below: 3 }]);
  });

  it('answers a campaign not computed yet, an unknown one 404, a malformed id 400, no token 401', async () => {
    const fresh = await get('/campaigns/fraud-secops-silver');
    expect(fresh.body).toMatchObject({
      campaign: { asOf: null, total: 0, atTarget: 0 },
      days: [],
      entities: [],
    });
    expect((await get('/campaigns/no-such-campaign')).status).toBe(404);
    expect((await get('/campaigns/..%2Fetc')).status).toBe(400);
    expect((await request(app).get('/campaigns')).status).toBe(401);
  });
});

describe('campaign config', () => {
  const read = (campaign: object) =>
    readCampaignsConfig(
      new ConfigReader({
        scorecards: {
          campaigns: [
            {
              id: 'c1',
              title: 'C',
              target: { discipline: 'secops', level: 'silver' },
              deadline: '2027-01-31',
              entities: { kind: 'component' },
              ...campaign,
            },
          ],
        },
      }),
    );

  it('stops startup naming the key that is wrong', () => {
    expect(() =>
      read({ target: { discipline: 'finops', level: 'silver' } }),
    ).toThrow(
      'scorecards.campaigns[0].target.discipline must be netops, devops or secops, got "finops"',
    );
    expect(() =>
      read({ target: { discipline: 'secops', level: 'platinum' } }),
    ).toThrow(
      'scorecards.campaigns[0].target.level must be bronze, silver or gold',
    );
    expect(() => read({ deadline: '31/01/2027' })).toThrow(
      'scorecards.campaigns[0].deadline must be a day (YYYY-MM-DD)',
    );
    expect(() => read({ id: 'Bad Id' })).toThrow(
      'scorecards.campaigns[0].id must be unique',
    );
    expect(() => read({ entities: { kind: 'component', tag: 3 } })).toThrow(
      'scorecards.campaigns[0].entities.tag must be a string or a non-empty list of strings',
    );
    expect(() => read({ entities: { kind: 'component', tag: [] } })).toThrow(
      'scorecards.campaigns[0].entities.tag must be a string or a non-empty list',
    );
    // A typo would widen the campaign to every component.
    expect(() =>
      read({ entities: { kind: 'component', sytem: 'payments' } }),
    ).toThrow(
      'scorecards.campaigns[0].entities.sytem is not known; use kind, system, type, lifecycle, tag',
    );
    expect(() => read({ deadline: '2027-02-31' })).toThrow(
      'scorecards.campaigns[0].deadline must be a day',
    );
  });

  it('turns entities into a catalog filter', () => {
    expect(
      read({
        entities: {
          kind: 'component',
          system: 'fraud-detection',
          tag: ['pci'],
        },
      })[0].filter,
    ).toEqual({
      kind: 'component',
      'spec.system': 'fraud-detection',
      'metadata.tags': ['pci'],
    });
  });
});
