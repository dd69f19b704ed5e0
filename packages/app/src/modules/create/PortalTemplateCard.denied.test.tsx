import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { act, screen, waitFor } from '@testing-library/react';
import { renderCard } from './__testUtils__/renderTemplateCard';

describe('PortalTemplateCard without task-create permission', () => {
  it('offers no Choose to whom may not create tasks', async () => {
    const permission = await renderCard(AuthorizeResult.DENY);
    expect(
      await screen.findByRole('heading', { name: 'Request network access' }),
    ).toBeInTheDocument();
    // The answer has come (no Choose while it loads either).
    await waitFor(() => expect(permission.authorize).toHaveBeenCalled());
    await act(() => Promise.resolve());
    expect(screen.queryByRole('button', { name: /^Choose/ })).toBeNull();
  });
});
