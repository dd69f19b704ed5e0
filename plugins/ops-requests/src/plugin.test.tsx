import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { opsRequestsApiRef } from './api';
import { opsRequestsPage } from './plugin';
import { fakeOpsApi } from './__testUtils__/renderWithApis';

describe('the Change requests page extension', () => {
  it('mounts the page, which asks the backend for the requests awaiting my approval', async () => {
    const api = fakeOpsApi({ listRequests: jest.fn(async () => []) });
    renderInTestApp(createExtensionTester(opsRequestsPage).reactElement(), {
      apis: [[opsRequestsApiRef, api]],
    });
    expect(
      await screen.findByRole('tab', { name: /awaiting my approval/i }),
    ).toBeInTheDocument();
    expect(api.listRequests).toHaveBeenCalledWith('awaiting');
  });
});
