/*
 * connectivity-reach as an AI agent calls it over MCP: the same answer as
 * GET /reach, with a one-line summary, for the caller's credentials.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  modelReady,
  OUTSIDER,
  startConnectivityPortal,
} from '../__testUtils__/connectivityPortal';

jest.setTimeout(30_000);

let portal: Awaited<ReturnType<typeof startConnectivityPortal>>;
beforeAll(async () => {
  portal = await startConnectivityPortal();
  await modelReady(portal.get);
});
afterAll(() => portal.stop());

const reach = (input: object, user = 'user:default/alice') =>
  portal.actions
    .invoke({
      id: 'test:connectivity-reach',
      input: input as any,
      credentials: mockCredentials.user(user),
    })
    .then(r => r.output as any);

describe('MCP action connectivity-reach', () => {
  it('says allowed with the rule, denied with the isolating side', async () => {
    const allowed = await reach({
      from: 'payments-web',
      to: 'component:default/fraud-scoring',
      port: '8443',
    });
    expect(allowed.allowed).toBe(true);
    expect(allowed.summary).toBe(
      'component:default/payments-web -> component:default/fraud-scoring TCP 8443: allowed by fraud/allow-payments-web-to-fraud-scoring',
    );
    expect(allowed.answer.rules[0].expiresAt).toBe('2027-02-28');

    const denied = await reach({
      from: 'payments-web',
      to: 'component:default/fraud-scoring',
      port: '22',
    });
    expect(denied.allowed).toBe(false);
    expect(denied.summary).toMatch(
      /^component:default\/payments-web -> component:default\/fraud-scoring TCP 22: denied; isolated by the destination \(fraud\/fraud-scoring\[Component\]\): /,
    );
  });

  it('refuses a bad port and an entity the caller may not read, in words', async () => {
    await expect(
      reach({ from: 'payments-web', to: 'fraud-scoring', port: '84x' }),
    ).rejects.toThrow(/port: "84x" is not a port/);
    await expect(
      reach({ from: 'secret-svc', to: 'fraud-scoring', port: '443' }, OUTSIDER),
    ).rejects.toThrow(
      'from: no entity "secret-svc" in the catalog that you may read',
    );
  });
});
