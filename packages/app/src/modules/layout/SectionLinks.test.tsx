import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { activeSection, SectionLinks } from './SectionLinks';

const sections = [
  { id: 'templates', label: 'Templates', href: '/create/templates' },
  { id: 'tasks', label: 'Tasks', href: '/create/tasks' },
  { id: 'root', label: 'Overview', href: '/create' },
];

describe('activeSection', () => {
  it('is the longest href the path is inside, at a segment boundary', () => {
    expect(activeSection(sections, '/create/tasks/t-1')).toBe('tasks');
    expect(activeSection(sections, '/create/templates/')).toBe('templates');
    expect(activeSection(sections, '/create')).toBe('root');
    expect(activeSection(sections, '/create/tasksx')).toBe('root');
    expect(activeSection(sections, '/catalog')).toBeUndefined();
    expect(
      activeSection(
        [{ id: 'q', label: 'Q', href: '/create/tasks?owner=me' }],
        '/create/tasks',
      ),
    ).toBe('q');
  });
});

describe('SectionLinks', () => {
  it('lists the sections as links in a named navigation, the current one marked', async () => {
    await renderInTestApp(
      <SectionLinks label="Create sections" sections={sections} />,
      { initialRouteEntries: ['/create/tasks/t-1'] },
    );
    const nav = screen.getByRole('navigation', { name: 'Create sections' });
    expect(nav).toBeInTheDocument();
    // Below the Tasks page (one task): the current section, not the page.
    expect(screen.getByRole('link', { name: 'Tasks' })).toHaveAttribute(
      'aria-current',
      'true',
    );
    expect(screen.getByRole('link', { name: 'Templates' })).not.toHaveAttribute(
      'aria-current',
    );
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  });
});
