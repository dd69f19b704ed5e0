import {
  searchApiRef,
  SearchContextProvider,
} from '@backstage/plugin-search-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { lookupRouteRef } from '../../routes';
import { LookupHomeWidget } from './LookupHomeWidget';
import { LookupSearchSuggestion } from './LookupSearchSuggestion';

function WhereAmI() {
  const { pathname, search } = useLocation();
  return <p>at {pathname + search}</p>;
}

describe('ways into the incident lookup', () => {
  it('the home page card opens the answer for what is typed', async () => {
    await renderInTestApp(
      <Routes>
        <Route path="/" element={<LookupHomeWidget />} />
        <Route path="/ops-lookup" element={<WhereAmI />} />
      </Routes>,
      { mountedRoutes: { '/ops-lookup': lookupRouteRef } },
    );
    await userEvent.type(
      screen.getByRole('textbox', {
        name: 'Who owns it? Name, hostname, URL or IP',
      }),
      ' 10.20.3.14:8443 {Enter}',
    );
    expect(
      await screen.findByText('at /ops-lookup?q=10.20.3.14%3A8443'),
    ).toBeInTheDocument();
  });

  it('the search modal offers the lookup for the search term', async () => {
    const searchApi = { query: jest.fn(async () => ({ results: [] })) };
    await renderInTestApp(
      <TestApiProvider apis={[[searchApiRef, searchApi]]}>
        <SearchContextProvider
          initialState={{
            term: 'api.pay.bank.example',
            types: [],
            filters: {},
          }}
        >
          <LookupSearchSuggestion />
        </SearchContextProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/ops-lookup': lookupRouteRef } },
    );
    expect(
      screen.getByRole('link', {
        name: 'Who owns “api.pay.bank.example”? Open the incident lookup',
      }),
    ).toHaveAttribute('href', '/ops-lookup?q=api.pay.bank.example');
  });
});
