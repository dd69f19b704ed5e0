import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integratedOpsApiRef } from './api';
import { opsCoveragePage, opsLookupPage } from './plugin';
import {
  blastRadiusResponse,
  coverageResponse,
  lookupResponse,
  scoringMatch,
} from './__testUtils__/fixtures';
import { fakeOpsApi } from './__testUtils__/renderWithApis';

describe('the page extensions', () => {
  it('mounts the incident lookup page, which looks up what is typed', async () => {
    const api = fakeOpsApi({
      lookup: jest.fn(async q => lookupResponse(q, [scoringMatch()])),
      blastRadius: jest.fn(async () => blastRadiusResponse()),
    });
    renderInTestApp(createExtensionTester(opsLookupPage).reactElement(), {
      apis: [[integratedOpsApiRef, api]],
      // The answer links each owner to its catalog page.
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    const box = await screen.findByRole('textbox', {
      name: 'Name, hostname, URL or IP',
    });
    await userEvent.type(box, '10.20.3.14{Enter}');
    expect(api.lookup).toHaveBeenCalledWith('10.20.3.14');
    expect(
      await screen.findByRole('region', { name: 'SecOps owner' }),
    ).toBeInTheDocument();
  });

  it('mounts the coverage page, which reads the coverage report', async () => {
    const api = fakeOpsApi({
      coverage: jest.fn(async () => coverageResponse()),
    });
    renderInTestApp(createExtensionTester(opsCoveragePage).reactElement(), {
      apis: [[integratedOpsApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByText('39 of 41 entities fully covered (95.1%)'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Legacy Batch Scorer' }),
    ).toBeInTheDocument();
  });
});
