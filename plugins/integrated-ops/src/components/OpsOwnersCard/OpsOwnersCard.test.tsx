import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import {
  fakeOpsApi,
  integratedOpsApiRef,
  renderWithApis,
} from '../../__testUtils__/renderWithApis';
import {
  gapAnswer,
  lookupResponse,
  scoringMatch,
} from '../../__testUtils__/fixtures';
import { OpsOwnersCard } from './OpsOwnersCard';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fraud-scoring-service', namespace: 'default' },
  spec: {},
};

const renderCard = (api: ReturnType<typeof fakeOpsApi>) =>
  renderWithApis(
    <EntityProvider entity={entity}>
      <OpsOwnersCard />
    </EntityProvider>,
    [[integratedOpsApiRef, api]],
  );

describe('OpsOwnersCard', () => {
  it('shows the three owners with on call, contacts and where each came from', async () => {
    const api = fakeOpsApi({
      lookup: jest.fn(async q => lookupResponse(q, [scoringMatch()])),
    });
    await renderCard(api);

    expect(api.lookup).toHaveBeenCalledWith(
      'component:default/fraud-scoring-service',
    );
    const netops = await screen.findByRole('region', { name: 'NetOps owner' });
    expect(within(netops).getByText('NetOps DC Fabric')).toBeInTheDocument();
    expect(within(netops).getByText('Priya Nair')).toBeInTheDocument();
    // The on-call person's number is on the card, not a click away.
    expect(
      within(netops).getByRole('link', {
        name: 'Phone: +44 20 7946 0100 (Mobile)',
      }),
    ).toHaveAttribute('href', 'tel:+442079460100');
    expect(within(netops).getByText('declared')).toBeInTheDocument();
    expect(
      within(netops).getByRole('link', {
        name: 'Pager: +44 20 7000 0101 (NetOps DC Fabric pager)',
      }),
    ).toHaveAttribute('href', 'tel:+442070000101');

    const devops = screen.getByRole('region', { name: 'DevOps owner' });
    expect(within(devops).getByText('Tom Becker')).toBeInTheDocument();
    expect(within(devops).getByText('inherited')).toBeInTheDocument();
    expect(
      within(devops).getByRole('link', { name: /fraud-detection/ }),
    ).toHaveAttribute('href', '/catalog/default/system/fraud-detection');

    const secops = screen.getByRole('region', { name: 'SecOps owner' });
    const path = within(secops).getByRole('list', { name: 'Escalation path' });
    expect(
      within(path)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      // The owning team is the column itself: the path goes on from it.
      'SOC Tier 2 (SOC tier 2)',
      'SOC Tier 3 (SOC tier 3)',
    ]);
    expect(
      screen.getByText(/Ownership index: 98 entities/),
    ).toBeInTheDocument();
  });

  it('marks a missing owner', async () => {
    const gap = gapAnswer();
    await renderCard(
      fakeOpsApi({
        lookup: jest.fn(async q =>
          lookupResponse(q, [{ ...scoringMatch(), entityRef: q, answer: gap }]),
        ),
      }),
    );
    const secops = await screen.findByRole('region', { name: 'SecOps owner' });
    expect(within(secops).getByText('missing')).toBeInTheDocument();
    expect(within(secops).getByText(/No SecOps owner/)).toBeInTheDocument();
  });

  it('says when the index is stale', async () => {
    await renderCard(
      fakeOpsApi({
        lookup: jest.fn(async q =>
          lookupResponse(q, [scoringMatch()], {
            stale: true,
            entities: 98,
            ageSeconds: 600,
            lastError: 'catalog returned 503',
          }),
        ),
      }),
    );
    expect(
      await screen.findByText(
        'Stale: the catalog could not be read; this answer is from an index last updated 10 min ago.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Last error: catalog returned 503'),
    ).toBeInTheDocument();
  });

  it('explains a 503 while the index is being built', async () => {
    await renderCard(
      fakeOpsApi({
        lookup: jest.fn(() =>
          Promise.reject(
            Object.assign(new Error('not built'), { statusCode: 503 }),
          ),
        ),
      }),
    );
    expect(
      await screen.findByText(/ownership index is still being built/),
    ).toBeInTheDocument();
  });

  it('says when the entity is not indexed yet, and shows it once it is', async () => {
    const lookup = jest
      .fn()
      .mockImplementationOnce(async (q: string) => lookupResponse(q, []))
      .mockImplementation(async (q: string) =>
        lookupResponse(q, [scoringMatch()]),
      );
    await renderCard(fakeOpsApi({ lookup }));
    expect(
      await screen.findByText(/is not in the ownership index yet/),
    ).toBeInTheDocument();
    // Asked again a few seconds later, by itself.
    expect(
      await screen.findByText('Priya Nair', {}, { timeout: 8000 }),
    ).toBeInTheDocument();
    expect(lookup).toHaveBeenCalledTimes(2);
  }, 15_000);

  it('shows since when each owner owns it and the recent owner changes', async () => {
    const api = fakeOpsApi({
      lookup: jest.fn(async q => lookupResponse(q, [scoringMatch()])),
      ownershipHistory: jest.fn(async () => ({
        entityRef: 'component:default/fraud-scoring-service',
        current: {
          netops: {
            owner: scoringMatch().answer!.owners.netops.ownerRef,
            source: 'declared',
            since: '2026-11-03T12:00:00.000Z',
          },
          devops: { source: 'missing' },
          secops: { source: 'missing' },
        },
        changes: [
          {
            at: '2026-11-03T12:00:00.000Z',
            discipline: 'netops',
            from: 'group:default/netops-edge',
            to: scoringMatch().answer!.owners.netops.ownerRef,
            source: 'declared',
          },
        ],
        historyStartsAt: '2026-10-01T00:00:00.000Z',
      })),
    });
    await renderCard(api);
    const netops = await screen.findByRole('region', { name: 'NetOps owner' });
    expect(
      await within(netops).findByText(/owner since (3 Nov 2026|Nov 3, 2026)/),
    ).toBeInTheDocument();
    const timeline = screen.getByRole('region', { name: 'Owner changes' });
    expect(timeline).toHaveTextContent(/NetOps: netops-edge -> /);
    expect(timeline).toHaveTextContent(
      /Ownership history since (1 Oct 2026|Oct 1, 2026)/,
    );
  });
});
