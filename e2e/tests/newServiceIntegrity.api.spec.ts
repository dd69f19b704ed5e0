/*
 * The New service template through the portal's real scaffolder (SQLite and
 * PostgreSQL backends): a name another team holds is refused before anything
 * is written - a sample component's, in any case, and one an earlier run
 * registered - and the existing entity keeps its owners, read back from the
 * catalog API; a product team is not accepted as an ops owner.
 */
import { APIRequestContext, expect, test } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import {
  getOnce,
  guestToken,
  waitForEntities,
  waitForTypedOwners,
} from '../support/portalApi';
import { sampleEntityRefs } from '../support/sampleCatalog';
import { runTemplate } from '../support/scaffolder';

let token: string;

test.beforeAll(async ({ request }) => {
  token = await guestToken(request);
  await waitForEntities(request, token, sampleEntityRefs());
  await waitForTypedOwners(request, token);
});

/** The data directory of the backend this project runs against. */
const dataDir = () =>
  test.info().project.name === 'postgres'
    ? process.env.PORTAL_E2E_POSTGRES_DATA_DIR!
    : process.env.PORTAL_E2E_SQLITE_DATA_DIR!;

/** Catalog files the New service template registered (integratedOps.catalogInfo.dir). */
const registeredFiles = () => {
  const dir = join(dataDir(), 'catalog');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};
const registeredFile = (name: string) =>
  readFileSync(join(dataDir(), 'catalog', `${name}.yaml`), 'utf8');
const repositoryExists = (name: string) =>
  existsSync(join(dataDir(), 'git', `${name.toLowerCase()}.git`));

/** An entity's owners as the catalog serves them: ownedBy and the typed relations, and where it comes from. */
async function ownersOf(request: APIRequestContext, name: string) {
  const response = await getOnce(
    request,
    `/api/catalog/entities/by-name/component/default/${name}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  if (!response.ok()) return undefined;
  const entity = await response.json();
  return {
    location: entity.metadata.annotations['backstage.io/managed-by-location'],
    relations: (entity.relations ?? [])
      .filter((r: any) => r.type.endsWith('OwnedBy') || r.type === 'ownedBy')
      .map((r: any) => `${r.type} ${r.targetRef}`)
      .sort(),
  };
}

/** A few catalog processing passes (2 s each in the e2e config): long enough for a stray file to show. */
const processingPasses = () => new Promise(r => setTimeout(r, 6_000));

const service = (name: string, opsOwners: Record<string, string>) => ({
  name,
  description: 'Should never replace another team’s service',
  system: 'system:default/fraud-detection',
  language: 'go',
  exposure: 'internal',
  dataClass: 'none',
  opsOwners,
});

test('the name of a sample component, in any case, is refused and the component keeps its owners', async ({
  request,
}) => {
  const before = await ownersOf(request, 'fraud-scoring-service');
  expect(before?.relations).toEqual([
    'devopsOwnedBy group:default/sre-payments',
    'netopsOwnedBy group:default/netops-dc',
    'ownedBy group:default/fraud-ml-team',
    'secopsOwnedBy group:default/soc-tier1',
  ]);
  const files = registeredFiles();

  for (const name of ['fraud-scoring-service', 'Fraud-Scoring-Service']) {
    const result = await runTemplate(
      request,
      token,
      'new-service',
      service(name, {
        netops: 'group:default/netops-edge',
        devops: 'group:default/platform-delivery',
        secops: 'group:default/soc-tier2',
      }),
    );
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain(
      `"${name}" is taken, nothing was written: component:default/fraud-scoring-service already exists in the catalog, owned by group:default/fraud-ml-team (NetOps group:default/netops-dc, DevOps group:default/sre-payments, SecOps group:default/soc-tier1). Choose another name.`,
    );
    expect(result.log.join('\n')).toContain(
      'FAIL name: component:default/fraud-scoring-service already exists',
    );
    // Refused at the first step: nothing rendered, registered or created.
    expect(result.log.join('\n')).not.toContain('Wrote service/catalog-info');
    expect(registeredFiles()).toEqual(files);
    expect(repositoryExists(name)).toBe(false);
  }

  await processingPasses();
  expect(await ownersOf(request, 'fraud-scoring-service')).toEqual(before);
});

test('a name an earlier run registered: the second team is refused, the first team’s file and owners stay', async ({
  request,
}) => {
  test.setTimeout(180_000);
  const name = `integrity-${test.info().project.name}-${Date.now().toString(
    36,
  )}`;
  const first = await runTemplate(
    request,
    token,
    'new-service',
    service(name, { devops: 'group:default/platform-delivery' }),
  );
  expect(first.status, JSON.stringify(first.error)).toBe('completed');
  const expectedOwners = [
    'devopsOwnedBy group:default/platform-delivery',
    'netopsOwnedBy group:default/netops-dc',
    'ownedBy group:default/platform-delivery',
    'secopsOwnedBy group:default/soc-tier1',
  ];
  await expect
    .poll(async () => (await ownersOf(request, name))?.relations, {
      timeout: 60_000,
      intervals: [1_000],
    })
    .toEqual(expectedOwners);
  const firstFile = registeredFile(name);
  const files = registeredFiles();

  for (const second of [name, name.toUpperCase()]) {
    const result = await runTemplate(
      request,
      token,
      'new-service',
      service(second, {
        devops: 'group:default/sre-payments',
        secops: 'group:default/soc-tier2',
      }),
    );
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain(
      `"${second}" is taken, nothing was written: component:default/${name} already exists in the catalog, owned by group:default/platform-delivery`,
    );
    expect(result.error?.message).toContain(
      `its catalog file ${name}.yaml is registered already`,
    );
    expect(registeredFile(name)).toBe(firstFile);
    expect(registeredFiles()).toEqual(files);
  }

  await processingPasses();
  expect((await ownersOf(request, name))?.relations).toEqual(expectedOwners);
});

test('a payments team is not accepted as the SecOps owner', async ({
  request,
}) => {
  const name = `integrity-owner-${
    test.info().project.name
  }-${Date.now().toString(36)}`;
  const files = registeredFiles();
  const result = await runTemplate(
    request,
    token,
    'new-service',
    service(name, { secops: 'group:default/payments-edge-team' }),
  );
  expect(result.status).toBe('failed');
  expect(result.error?.message).toContain(
    '- owner-discipline: SecOps owner group:default/payments-edge-team is not a SecOps team: it declares no discipline',
  );
  expect(result.log.join('\n')).toContain(
    'FAIL owner-discipline: SecOps owner group:default/payments-edge-team',
  );
  expect(registeredFiles()).toEqual(files);
  expect(repositoryExists(name)).toBe(false);
  expect(await ownersOf(request, name)).toBeUndefined();
});
