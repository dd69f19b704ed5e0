import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router-dom';
import { requestsRouteRef } from '../../routes';
import { openedKey, RequestTaskOutputs } from './RequestTaskOutputs';

function WhereAmI() {
  return <p data-testid="location">{useLocation().pathname}</p>;
}

function renderTaskPage(output: Record<string, unknown> | undefined) {
  return renderInTestApp(
    <>
      <Routes>
        <Route
          path="/create/tasks/:taskId"
          element={<RequestTaskOutputs output={output} />}
        />
      </Routes>
      <WhereAmI />
    </>,
    {
      initialRouteEntries: ['/create/tasks/task-1'],
      mountedRoutes: {
        '/ops-requests': requestsRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

const filed = {
  requestId: 'cr-7',
  links: [{ title: 'Change request cr-7', url: '/ops-requests/cr-7' }],
};

describe('RequestTaskOutputs', () => {
  beforeEach(() => window.sessionStorage.clear());

  it('opens the filed request once the task names it', async () => {
    await renderTaskPage(filed);
    expect(await screen.findByTestId('location')).toHaveTextContent(
      '/ops-requests/cr-7',
    );
    expect(window.sessionStorage.getItem(openedKey('task-1'))).toBe('cr-7');
  });

  it('stays on the task page when the tab already opened it (Back from the request)', async () => {
    window.sessionStorage.setItem(openedKey('task-1'), 'cr-7');
    await renderTaskPage(filed);
    expect(
      await screen.findByRole('link', { name: 'Change request cr-7' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/create/tasks/task-1',
    );
  });

  it('goes nowhere for an output that is no request id', async () => {
    await renderTaskPage({ requestId: '../../settings' });
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/create/tasks/task-1',
    );
  });

  it('stays while the task runs or when it filed nothing', async () => {
    await renderTaskPage(undefined);
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/create/tasks/task-1',
    );
  });
});
