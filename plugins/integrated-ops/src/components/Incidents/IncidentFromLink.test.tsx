import { Incident } from '@integrated-ops/plugin-integrated-ops-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeOpsApi,
  integratedOpsApiRef,
  renderWithApis,
} from '../../__testUtils__/renderWithApis';
import { IncidentFromLink } from './IncidentFromLink';

const incident = (over: Partial<Incident> = {}): Incident => ({
  id: '7',
  fingerprint: 'fp-tls',
  alertname: 'TlsHandshakeFailures',
  openedAt: '2026-03-04T02:13:00.000Z',
  lastAlertAt: '2026-03-04T02:18:00.000Z',
  alerts: 2,
  outcome: 'routed',
  entityRef: 'component:default/fraud-scoring-service',
  discipline: 'netops',
  team: 'group:default/netops-dc',
  firstTeam: 'group:default/netops-dc',
  reroutes: 0,
  notified: ['user:default/omar.haddad', 'group:default/netops-dc'],
  canAcknowledge: true,
  ...over,
});

describe('IncidentFromLink', () => {
  it('lets the on-call person acknowledge, then says who did', async () => {
    const api = fakeOpsApi({
      incident: jest.fn(async () => incident()),
      acknowledgeIncident: jest.fn(async () =>
        incident({
          acknowledgedAt: '2026-03-04T02:16:00.000Z',
          acknowledgedBy: 'user:default/omar.haddad',
          canAcknowledge: false,
        }),
      ),
    });
    await renderWithApis(<IncidentFromLink id="7" />, [
      [integratedOpsApiRef, api],
    ]);
    expect(
      await screen.findByRole('heading', {
        name: 'Incident: TlsHandshakeFailures',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText(/repeated 1 time/)).toBeInTheDocument();
    expect(screen.getByText('Waiting for acknowledgement')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    expect(api.acknowledgeIncident).toHaveBeenCalledWith('7');
    expect(await screen.findByText(/^Acknowledged by/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
  });

  it('offers no button to someone outside the team, and says a re-route', async () => {
    const api = fakeOpsApi({
      incident: jest.fn(async () =>
        incident({
          canAcknowledge: false,
          team: 'group:default/soc-tier1',
          discipline: 'secops',
          reroutes: 1,
        }),
      ),
    });
    await renderWithApis(<IncidentFromLink id="7" />, [
      [integratedOpsApiRef, api],
    ]);
    expect(await screen.findByText(/re-routed from/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
  });
});
