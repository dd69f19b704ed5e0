import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen } from '@testing-library/react';
import { renderCard } from './__testUtils__/renderTemplateCard';

describe('PortalTemplateCard without task-create permission', () => {
  it('offers no Choose to whom may not create tasks', async () => {
    await renderCard(AuthorizeResult.DENY);
    expect(
      await screen.findByRole('heading', { name: 'Request network access' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Choose/ })).toBeNull();
  });
});
