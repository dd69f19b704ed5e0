import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeOpsApi,
  opsRequestsApiRef,
  renderWithApis,
} from '../../__testUtils__/renderWithApis';
import { CalendarPage } from './CalendarPage';

const response = {
  from: '2026-12-01T00:00:00.000Z',
  to: '2026-12-31T00:00:00.000Z',
  entries: [
    {
      kind: 'planned-apply' as const,
      title: 'Apply cr-1: Network access: web -> gateway (443/tcp)',
      start: '2026-12-05T22:00:00.000Z',
      requestId: 'cr-1',
      teams: ['group:default/netops-edge'],
      targets: ['component:default/gateway'],
    },
    {
      kind: 'freeze' as const,
      title: 'Freeze: Year-end freeze (core network)',
      start: '2026-12-18T18:00:00.000Z',
      end: '2027-01-04T08:00:00.000Z',
      teams: [],
      targets: ['system:default/core-network'],
    },
  ],
};

describe('CalendarPage', () => {
  it("puts a day's freeze first and its re-certifications on one line", async () => {
    const recertification = (n: number) => ({
      kind: 'recertification' as const,
      title: `Confirm ownership: component:default/svc-${n}`,
      start: '2026-12-18T09:00:00.000Z',
      requestId: `cr-r${n}`,
      teams: ['group:default/netops-dc'],
      targets: [`component:default/svc-${n}`],
    });
    const calendar = jest.fn(async () => ({
      ...response,
      entries: [
        recertification(1),
        recertification(2),
        response.entries[1],
        recertification(3),
      ],
    }));
    await renderWithApis(<CalendarPage />, [
      [opsRequestsApiRef, fakeOpsApi({ calendar })],
    ]);
    const day = await screen.findByRole('list', {
      name: 'Calendar 2026-12-18',
    });
    const lines = day.querySelectorAll(':scope > li');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toHaveTextContent('Freeze: Year-end freeze');
    expect(lines[1]).toHaveTextContent('3 ownership declarations due');
  });

  it('lists the entries by day, links requests, and asks again with a team filter', async () => {
    const calendar = jest.fn(async () => response);
    await renderWithApis(<CalendarPage />, [
      [opsRequestsApiRef, fakeOpsApi({ calendar })],
    ]);
    expect(
      await screen.findByRole('list', { name: 'Calendar 2026-12-05' }),
    ).toHaveTextContent('Planned apply');
    expect(
      screen.getByRole('link', {
        name: 'Apply cr-1: Network access: web -> gateway (443/tcp)',
      }),
    ).toHaveAttribute('href', '/ops-requests/cr-1');
    expect(
      screen.getByRole('list', { name: 'Calendar 2026-12-18' }),
    ).toHaveTextContent('Freeze: Year-end freeze (core network)');

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Team' }),
      'group:default/netops-dc',
    );
    await waitFor(() =>
      expect(calendar).toHaveBeenLastCalledWith({
        team: 'group:default/netops-dc',
        system: '',
      }),
    );
  });
});
