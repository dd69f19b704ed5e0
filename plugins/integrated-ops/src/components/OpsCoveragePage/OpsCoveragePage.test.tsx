import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeOpsApi,
  integratedOpsApiRef,
  renderWithApis,
} from '../../__testUtils__/renderWithApis';
import { coverageResponse } from '../../__testUtils__/fixtures';
import { OpsCoveragePage } from './OpsCoveragePage';

describe('OpsCoveragePage', () => {
  it('lists ownership drift: owner groups gone, leavers in rotations', async () => {
    await renderWithApis(<OpsCoveragePage />, [
      [
        integratedOpsApiRef,
        fakeOpsApi({ coverage: jest.fn(async () => coverageResponse()) }),
      ],
    ]);
    const drift = await screen.findByRole('list', { name: 'Ownership drift' });
    expect(drift).toHaveTextContent(
      'Owner group gone: group:default/netops-legacy',
    );
    expect(drift).toHaveTextContent(
      '2 entities name it as owner (component:default/legacy-batch-scorer, resource:default/old-dmz)',
    );
    expect(drift).toHaveTextContent('Leaver in a rotation');
    expect(
      within(drift).getByRole('link', { name: /soc-tier2/ }),
    ).toBeInTheDocument();
  });

  it('leads with one figure, charts per system and team, and what to fix per discipline and team to chase', async () => {
    await renderWithApis(<OpsCoveragePage />, [
      [
        integratedOpsApiRef,
        fakeOpsApi({ coverage: jest.fn(async () => coverageResponse()) }),
      ],
    ]);
    expect(
      await screen.findByText('39 of 41 entities fully covered (95.1%)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /1 entities have gaps; 403 of 410 ownership checks pass/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('figure', { name: 'Coverage per system' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('figure', { name: 'Coverage per owning team' }),
    ).toBeInTheDocument();

    const secops = screen.getByRole('region', { name: 'SecOps gaps' });
    expect(secops).toHaveTextContent(
      'No owner to chase: set spec.opsOwners on the entity or its System (1)',
    );
    const gapLink = within(secops).getByRole('link', {
      name: 'Legacy Batch Scorer',
    });
    expect(gapLink).toHaveAttribute(
      'href',
      '/catalog/default/component/legacy-batch-scorer',
    );
    expect(gapLink.closest('li')).toHaveTextContent(
      'Legacy Batch Scorer: no owner',
    );

    // The numbers behind the charts, lowest coverage first.
    const perSystem = screen.getByRole('region', { name: 'Per system' });
    expect(
      within(perSystem)
        .getAllByRole('row')
        .slice(1)
        .map(r => r.textContent),
    ).toEqual(['fraud-detection4292.5% (37/40)', '(no system)44100% (40/40)']);
  });

  it('exports the gaps as the backend’s CSV', async () => {
    const csv = new Blob(['entity,kind\n'], { type: 'text/csv' });
    const api = fakeOpsApi({
      coverage: jest.fn(async () => coverageResponse()),
      coverageCsv: jest.fn(async () => csv),
    });
    const createObjectURL = jest.fn(() => 'blob:gaps');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function checkLink(this: HTMLAnchorElement) {
        expect(this.download).toBe('ops-ownership-gaps.csv');
        expect(this.href).toBe('blob:gaps');
      });
    await renderWithApis(<OpsCoveragePage />, [[integratedOpsApiRef, api]]);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export gaps as CSV' }),
    );
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(createObjectURL).toHaveBeenCalledWith(csv);
    click.mockRestore();
  });

  it('says so when there are no gaps', async () => {
    const report = { ...coverageResponse(), gaps: [] };
    await renderWithApis(<OpsCoveragePage />, [
      [
        integratedOpsApiRef,
        fakeOpsApi({ coverage: jest.fn(async () => report) }),
      ],
    ]);
    expect(
      await screen.findByText(/No gaps: every entity has all three owners/),
    ).toBeInTheDocument();
  });

  it('explains a 503 while the index is being built', async () => {
    await renderWithApis(<OpsCoveragePage />, [
      [
        integratedOpsApiRef,
        fakeOpsApi({
          coverage: jest.fn(() =>
            Promise.reject(Object.assign(new Error('x'), { statusCode: 503 })),
          ),
        }),
      ],
    ]);
    expect(
      await screen.findByText(/ownership index is still being built/),
    ).toBeInTheDocument();
  });

  it('lists the alerts of the last day that found no owner, with the labels that failed', async () => {
    await renderWithApis(<OpsCoveragePage />, [
      [
        integratedOpsApiRef,
        fakeOpsApi({
          coverage: jest.fn(async () => coverageResponse()),
          unroutedAlerts: jest.fn(async () => ({
            since: '2026-03-03T02:13:00.000Z',
            count: 2,
            recent: [
              {
                receivedAt: '2026-03-04T02:13:00.000Z',
                fingerprint: 'f1',
                labels: {
                  alertname: 'NodeDown',
                  instance: '198.51.100.7:9100',
                },
                reason: 'no entity matches instance=198.51.100.7:9100',
              },
            ],
          })),
        }),
      ],
    ]);
    expect(
      await screen.findByText('2 alerts went to the fallback team'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Unrouted alerts' }),
    ).toHaveTextContent(
      'alertname=NodeDown instance=198.51.100.7:9100: no entity matches instance=198.51.100.7:9100',
    );
  });
});
