import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fireEvent, screen } from '@testing-library/react';
import { renderCard } from './__testUtils__/renderTemplateCard';

describe('PortalTemplateCard', () => {
  it('names the template as a heading, its owner and details, and chooses it', async () => {
    const onSelected = jest.fn();
    await renderCard(AuthorizeResult.ALLOW, onSelected);
    expect(
      screen.getByRole('heading', { name: 'Request network access', level: 3 }),
    ).toBeInTheDocument();
    expect(screen.getByText('Tags: netops, firewall')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'NetOps wiki' })).toHaveAttribute(
      'href',
      'https://wiki.bank.test/netops',
    );
    // A script URL in the template's metadata is shown, never followed.
    expect(screen.getByText('Not a link')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Not a link' })).toBeNull();
    expect(screen.getByRole('link', { name: 'netops' })).toHaveAttribute(
      'href',
      '/catalog/default/group/netops',
    );
    expect(
      screen.getByRole('link', { name: 'Details of Request network access' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/template/network-access-request',
    );
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Choose Request network access',
      }),
    );
    expect(onSelected).toHaveBeenCalledTimes(1);
  });
});
