import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleIntegratedOps from '@integrated-ops/plugin-catalog-backend-module-integrated-ops';
import { resolve } from 'path';
import request from 'supertest';
import { integratedOpsPlugin } from '../plugin';
import { databasePerPlugin } from './databasePerPlugin';

type Feature = Parameters<typeof startTestBackend>[0]['features'] extends
  | (infer F)[]
  | undefined
  ? F
  : never;

/**
 * The lookup on the sample catalog/ through the real catalog backend and the
 * typed-ownership catalog module, with any other features (the
 * notifications backend, a vendor module) and config. Resolves once the
 * index holds the processed estate.
 */
export async function startSampleEstate(
  databases: TestDatabases,
  options: { features?: Feature[]; integratedOps?: object } = {},
) {
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleIntegratedOps,
      integratedOpsPlugin,
      // the real scheduler: the mock one runs tasks only once, at startup
      schedulerServiceFactory,
      databasePerPlugin(databases),
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
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
            locations: [
              {
                type: 'file',
                target: resolve(__dirname, '../../../../catalog/all.yaml'),
              },
            ],
          },
          integratedOps: {
            ownership: { lookupCacheSeconds: 0 },
            lookup: { refreshSeconds: 1 },
            ...options.integratedOps,
          },
        },
      }),
    ],
  });
  const { server } = backend;
  // Wait until the index holds the processed estate: nothing falls back to
  // spec.owner except the two deliberate gaps (first passes may, until the
  // catalog has the System they inherit from).
  const deliberateGaps = [
    'component:default/legacy-batch-scorer',
    'resource:default/model-artifacts-bucket',
  ];
  const deadline = Date.now() + 90_000;
  for (;;) {
    const res = await request(server).get('/api/integrated-ops/coverage');
    const fallbacks =
      res.status === 200
        ? [
            ...new Set<string>(
              res.body.gaps
                .filter((g: any) =>
                  g.gaps.some((x: any) => x.kind === 'owner-fallback'),
                )
                .map((g: any) => g.entityRef),
            ),
          ].sort()
        : undefined;
    if (
      res.status === 200 &&
      res.body.overall.entities > 40 &&
      JSON.stringify(fallbacks) === JSON.stringify(deliberateGaps)
    )
      break;
    if (Date.now() > deadline)
      throw new Error(
        `index never caught up: ${res.status} ${JSON.stringify(fallbacks)}`,
      );
    await new Promise(r => setTimeout(r, 500));
  }
  return { server, stop: () => backend.stop() };
}
