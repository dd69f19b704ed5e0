/*
 * The running portal's catalog API carries the typed NetOps / DevOps / SecOps
 * relations for every sample component, system and resource.
 */
import { test, expect } from '@playwright/test';
import { guestToken, waitForTypedOwners } from '../support/portalApi';

test('every sample component, system and resource has its three typed owners', async ({
  request,
}) => {
  const token = await guestToken(request);
  // Only the deliberate gaps lack an owner.
  const entities = await waitForTypedOwners(request, token);
  expect(
    entities.filter(e => e.kind === 'Component').length,
  ).toBeGreaterThanOrEqual(12);

  const gateway = entities.find(
    e => e.metadata.name === 'edge-transaction-gateway',
  )!;
  expect(
    gateway
      .relations!.filter(r => /[oO]wnedBy$/.test(r.type))
      .map(r => `${r.type} ${r.targetRef}`)
      .sort(),
  ).toEqual([
    'devopsOwnedBy group:default/sre-payments',
    'netopsOwnedBy group:default/netops-edge',
    'ownedBy group:default/payments-edge-team',
    'secopsOwnedBy group:default/soc-tier1',
  ]);
});
