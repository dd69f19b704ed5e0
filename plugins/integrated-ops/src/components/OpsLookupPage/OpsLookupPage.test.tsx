import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeOpsApi,
  integratedOpsApiRef,
  renderWithApis,
} from '../../__testUtils__/renderWithApis';
import {
  blastRadiusResponse,
  lookupResponse,
  scoringMatch,
} from '../../__testUtils__/fixtures';
import { OpsLookupPage } from './OpsLookupPage';

function answeringApi() {
  return fakeOpsApi({
    lookup: jest.fn(async q => lookupResponse(q, [scoringMatch()])),
    blastRadius: jest.fn(async () => blastRadiusResponse()),
  });
}

describe('OpsLookupPage', () => {
  it('puts the cursor in the search box, and Enter looks up', async () => {
    const api = answeringApi();
    await renderWithApis(<OpsLookupPage />, [[integratedOpsApiRef, api]]);

    const box = screen.getByRole('textbox', { name: 'Look up owner of' });
    expect(box).toHaveFocus();
    await userEvent.keyboard('10.20.3.14{Enter}');

    expect(api.lookup).toHaveBeenCalledWith('10.20.3.14');
    const secops = await screen.findByRole('region', { name: 'SecOps owner' });
    expect(within(secops).getByText('Lena Fischer')).toBeInTheDocument();
    expect(
      screen.getByText('Looked up IP address 10.20.3.14.'),
    ).toBeInTheDocument();
  });

  it('opens with the answer for a deep link ?q=', async () => {
    const api = answeringApi();
    await renderWithApis(<OpsLookupPage />, [[integratedOpsApiRef, api]], {
      routeEntries: ['/?q=10.20.3.14'],
    });
    expect(await screen.findByText('Priya Nair')).toBeInTheDocument();
    expect(api.lookup).toHaveBeenCalledWith('10.20.3.14');
    expect(
      screen.getByRole('textbox', { name: 'Look up owner of' }),
    ).toHaveValue('10.20.3.14');
  });

  it('shows the blast radius grouped by hop with each entity’s owners', async () => {
    const api = answeringApi();
    await renderWithApis(<OpsLookupPage />, [[integratedOpsApiRef, api]], {
      routeEntries: ['/?q=10.20.3.14'],
    });
    const dependents = await screen.findByRole('region', {
      name: 'What else breaks (dependents)',
    });
    expect(api.blastRadius).toHaveBeenCalledWith(
      'component:default/fraud-scoring-service',
      3,
    );
    const rows = within(dependents)
      .getAllByRole('row')
      .map(r => r.textContent ?? '');
    expect(rows[1]).toBe('1 hop away');
    expect(rows[2]).toMatch(
      /^Edge Transaction Gateway.*NetOps DC Fabricon call: Priya Nair/,
    );
    expect(rows[3]).toBe('2 hops away');
    expect(rows[4]).toMatch(/^Card Authorisation/);
    expect(
      screen.getByRole('region', {
        name: 'What it depends on (possible causes)',
      }),
    ).toHaveTextContent('Feature Store DB');
  });

  it('copies a "who to page" summary', async () => {
    const writeText = jest.fn(async () => {});
    Object.defineProperty(window.navigator, 'clipboard', {
      value: { writeText },
      configurable: true,
    });
    await renderWithApis(
      <OpsLookupPage />,
      [[integratedOpsApiRef, answeringApi()]],
      {
        routeEntries: ['/?q=10.20.3.14'],
      },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Copy who to page' }),
    );
    await waitFor(() => expect(writeText).toHaveBeenCalled());
    const text = (writeText.mock.calls[0] as unknown as [string])[0];
    expect(text).toContain(
      'Fraud Scoring Service [component:default/fraud-scoring-service]',
    );
    expect(text).toContain(
      '- NetOps: NetOps DC Fabric - on call: Priya Nair <priya.nair@bank.example>',
    );
    expect(text).toContain(
      '- SecOps: SOC Tier 1 (inherited from system:default/fraud-detection) - on call: Lena Fischer',
    );
    expect(text).toContain('escalate: SOC Tier 2 -> SOC Tier 3');
    expect(text).toContain(
      'Runbooks: https://runbooks.bank.example/fraud/scoring',
    );
  });

  it('says when nothing matches', async () => {
    const api = fakeOpsApi({
      lookup: jest.fn(async q => lookupResponse(q, [])),
    });
    await renderWithApis(<OpsLookupPage />, [[integratedOpsApiRef, api]], {
      routeEntries: ['/?q=no-such-host.example'],
    });
    expect(
      await screen.findByText(
        'Nothing in the catalog matches "no-such-host.example"',
      ),
    ).toBeInTheDocument();
    expect(api.blastRadius).not.toHaveBeenCalled();
  });

  it('shows a backend error with what went wrong', async () => {
    const api = fakeOpsApi({
      lookup: jest.fn(() =>
        Promise.reject(
          Object.assign(new Error('Not allowed: integrated-ops.lookup.read'), {
            statusCode: 403,
          }),
        ),
      ),
    });
    await renderWithApis(<OpsLookupPage />, [[integratedOpsApiRef, api]], {
      routeEntries: ['/?q=10.20.3.14'],
    });
    expect(
      await screen.findByText(/You are not allowed to read ownership data/),
    ).toBeInTheDocument();
  });
});
