/*
 * The real catalog backend with this module, loading a copy of the sample
 * catalog/ from disk: typed relations in both directions, inheritance, removal
 * of a declaration, and an invalid edit - on SQLite and on PostgreSQL.
 */
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AlphaEntity } from '@backstage/catalog-model/alpha';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import request from 'supertest';
import { catalogModuleIntegratedOps } from './module';

jest.setTimeout(120_000);

const sampleCatalog = resolve(__dirname, '../../../catalog');
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

type Server = Parameters<typeof request>[0];

async function getEntity(
  server: Server,
  kind: string,
  name: string,
): Promise<Entity | undefined> {
  const res = await request(server).get(
    `/api/catalog/entities/by-name/${kind}/default/${name}`,
  );
  return res.status === 200 ? res.body : undefined;
}

const relationsOf = (
  entity: Entity | undefined,
  typePattern = /[oO]wne(d|r)/,
) =>
  (entity?.relations ?? [])
    .filter(r => typePattern.test(r.type))
    .map(r => `${r.type} ${r.targetRef}`)
    .sort();

async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(r => setTimeout(r, 500));
    }
  }
}

function editFile(file: string, from: string, to: string) {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`"${from}" not found in ${file}`);
  writeFileSync(file, text.replace(from, to));
}

describe.each(databases.eachSupportedId())(
  'typed ownership on the sample catalog (%s)',
  databaseId => {
    let server: Server;
    let stop: () => Promise<void>;
    let dir: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ops-catalog-'));
      cpSync(sampleCatalog, dir, { recursive: true });
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleIntegratedOps,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                processingInterval: { milliseconds: 400 },
                rules: [
                  {
                    allow: [
                      'Component',
                      'System',
                      'API',
                      'Resource',
                      'Location',
                      'Domain',
                      'Group',
                      'User',
                    ],
                  },
                ],
                locations: [{ type: 'file', target: join(dir, 'all.yaml') }],
              },
              integratedOps: { ownership: { lookupCacheSeconds: 0 } },
            },
          }),
        ],
      });
      server = backend.server;
      stop = () => backend.stop();
    });

    afterAll(async () => {
      await stop?.();
    });

    it('relates a component to its three owners, declared and inherited, and the teams back', async () => {
      const scoring = await eventually(async () => {
        const e = await getEntity(server, 'component', 'fraud-scoring-service');
        expect(relationsOf(e)).toEqual([
          'devopsOwnedBy group:default/sre-payments', // from System fraud-detection
          'netopsOwnedBy group:default/netops-dc', // declared
          'ownedBy group:default/fraud-ml-team',
          'secopsOwnedBy group:default/soc-tier1', // from Domain fraud-prevention
        ]);
        return e!;
      });
      expect(scoring.metadata.annotations).toMatchObject({
        'integrated-ops.io/netops-owner-source': 'declared',
        'integrated-ops.io/devops-owner-source':
          'inherited:system:default/fraud-detection',
        'integrated-ops.io/secops-owner-source':
          'inherited:domain:default/fraud-prevention',
      });

      await eventually(async () => {
        const netopsDc = await getEntity(server, 'group', 'netops-dc');
        expect(relationsOf(netopsDc, /netopsOwnerOf/)).toContain(
          'netopsOwnerOf component:default/fraud-scoring-service',
        );
        const sre = await getEntity(server, 'group', 'sre-payments');
        expect(relationsOf(sre, /devopsOwnerOf/)).toContain(
          'devopsOwnerOf component:default/fraud-scoring-service',
        );
      });
    });

    it('gives every sample component, system and resource all three owners, except the deliberate gaps', async () => {
      const gaps = [
        'component:default/legacy-batch-scorer',
        'resource:default/model-artifacts-bucket',
      ];
      await eventually(async () => {
        const res = await request(server).get(
          '/api/catalog/entities?filter=kind=component,kind=system,kind=resource',
        );
        expect(res.status).toBe(200);
        const incomplete = (res.body as Entity[])
          .filter(e =>
            ['netops', 'devops', 'secops'].some(
              d => !e.relations?.some(r => r.type === `${d}OwnedBy`),
            ),
          )
          .map(e => `${e.kind}:default/${e.metadata.name}`.toLowerCase())
          .sort();
        expect(incomplete).toEqual(gaps);
        expect(res.body.length).toBeGreaterThan(35);
      });
      const legacy = await getEntity(
        server,
        'component',
        'legacy-batch-scorer',
      );
      expect(
        legacy?.metadata.annotations?.['integrated-ops.io/secops-owner-source'],
      ).toBe('fallback');
    });

    it('drops the relations of a declaration that is removed', async () => {
      await eventually(async () => {
        const pipeline = await getEntity(
          server,
          'component',
          'model-training-pipeline',
        );
        expect(relationsOf(pipeline, /secops/)).toEqual([
          'secopsOwnedBy group:default/vuln-mgmt',
        ]);
      });

      editFile(
        join(dir, 'estate/components.yaml'),
        '    secops: group:default/vuln-mgmt\n',
        '',
      );

      await eventually(async () => {
        const pipeline = await getEntity(
          server,
          'component',
          'model-training-pipeline',
        );
        expect(relationsOf(pipeline, /secops/)).toEqual([
          'secopsOwnedBy group:default/soc-tier1',
        ]);
        const vulnMgmt = await getEntity(server, 'group', 'vuln-mgmt');
        expect(relationsOf(vulnMgmt, /secopsOwnerOf/)).not.toContain(
          'secopsOwnerOf component:default/model-training-pipeline',
        );
      });
    });

    it('shows an invalid declaration as a processing error on the entity and keeps its last good state', async () => {
      await eventually(async () => {
        expect(
          relationsOf(
            await getEntity(server, 'component', 'ml-inference-service'),
            /devops/,
          ),
        ).toEqual(['devopsOwnedBy group:default/platform-delivery']);
      });

      editFile(
        join(dir, 'estate/components.yaml'),
        '    devops: group:default/platform-delivery\n  network:\n    hostnames: [inference',
        '    devops: user:default/daniel.okafor\n  network:\n    hostnames: [inference',
      );

      const broken = await eventually(async () => {
        const e = await getEntity(server, 'component', 'ml-inference-service');
        expect(
          (e as AlphaEntity | undefined)?.status?.items?.map(
            i => i.error?.message,
          ),
        ).toEqual([
          'spec.opsOwners.devops: "user:default/daniel.okafor" must refer to a group, not a user',
        ]);
        return e!;
      });
      expect(relationsOf(broken, /devops/)).toEqual([
        'devopsOwnedBy group:default/platform-delivery',
      ]);
    });
  },
);
