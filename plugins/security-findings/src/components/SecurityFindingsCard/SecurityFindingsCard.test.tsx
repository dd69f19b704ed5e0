import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  FindingList,
  FindingView,
} from '@integrated-ops/plugin-security-findings-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { securityFindingsApiRef } from '../../api';
import { SecurityFindingsCard } from './SecurityFindingsCard';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'edge-transaction-gateway', namespace: 'default' },
  spec: {},
};

const finding = (over: Partial<FindingView>): FindingView => ({
  id: '1',
  entityRef: 'component:default/edge-transaction-gateway',
  tool: 'trivy-image',
  scanner: 'trivy',
  fingerprint: 'f'.repeat(64),
  ruleId: 'CVE-2019-1549',
  category: 'image',
  severity: 'medium',
  title: 'CVE-2019-1549',
  message: 'Package: libcrypto1.1',
  vulnerability: {
    id: 'CVE-2019-1549',
    aliases: [],
    packageName: 'libcrypto1.1',
    installedVersion: '1.1.1c-r0',
    fixedVersion: '1.1.1d-r0',
  },
  links: ['https://avd.aquasec.com/nvd/cve-2019-1549'],
  discipline: 'devops',
  visibleTo: ['devops'],
  owner: 'group:default/sre-payments',
  status: 'open',
  firstSeen: '2026-09-01T06:00:00.000Z',
  lastSeen: '2026-12-06T18:00:00.000Z',
  reopenCount: 0,
  dueAt: '2026-10-16T06:00:00.000Z',
  slaState: 'breached',
  ...over,
});

const list = (items: FindingView[], total = items.length): FindingList => ({
  entityRef: 'component:default/edge-transaction-gateway',
  items,
  total,
  summary: {
    bySeverity: { critical: 1, high: 0, medium: total - 1, low: 0, info: 0 },
    breached: 1,
    accepted: 0,
    oldestDue: items[0]?.dueAt ?? null,
  },
  generatedAt: '2026-12-06T18:00:00.000Z',
});

const renderCard = (listFindings: jest.Mock) =>
  renderInTestApp(
    <TestApiProvider apis={[[securityFindingsApiRef, { listFindings }]]}>
      <EntityProvider entity={entity}>
        <SecurityFindingsCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

describe('SecurityFindingsCard', () => {
  it('shows the counts, the breach, and each finding with its owner and clock', async () => {
    const listFindings = jest.fn(async () =>
      list(
        [
          finding({}),
          finding({
            id: '2',
            severity: 'critical',
            category: 'secret',
            title: '<img src=x onerror=alert(1)> AWS key',
            vulnerability: undefined,
            location: { path: 'auth.py', startLine: 3 },
            // eslint-disable-next-line no-script-url -- a hostile scanner's link
            links: ['javascript:alert(1)'],
            owner: undefined,
            dueAt: '2026-12-09T18:00:00.000Z',
            slaState: 'due-soon',
          }),
        ],
        12,
      ),
    );
    await renderCard(listFindings);

    expect(listFindings).toHaveBeenCalledWith({
      entity: 'component:default/edge-transaction-gateway',
      limit: 8,
    });
    const counts = await screen.findByRole('list', {
      name: 'Open findings by severity',
    });
    expect(within(counts).getAllByRole('listitem')[0]).toHaveTextContent(
      '1Critical',
    );
    expect(
      screen.getByText(/1 open finding is past its SLA; the oldest was due/),
    ).toBeInTheDocument();

    const rows = within(
      screen.getByRole('table', { name: 'Open findings, soonest due first' }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('MEDIUM');
    expect(
      within(rows[1]).getByRole('link', { name: 'CVE-2019-1549' }),
    ).toHaveAttribute('href', 'https://avd.aquasec.com/nvd/cve-2019-1549');
    expect(rows[1]).toHaveTextContent(
      'trivy-image · libcrypto1.1 1.1.1c-r0 (fixed in 1.1.1d-r0)',
    );
    expect(rows[1]).toHaveTextContent('overdue by 51 d · past its SLA');
    expect(
      within(rows[1]).getByRole('link', { name: /sre-payments/ }),
    ).toBeInTheDocument();

    // Scanner text is text; a link that is not http(s) is not a link.
    expect(rows[2]).toHaveTextContent('<img src=x onerror=alert(1)> AWS key');
    expect(rows[2].querySelector('img')).toBeNull();
    expect(
      within(rows[2]).queryByRole('link', { name: /AWS key$/ }),
    ).toBeNull();
    // Accepting a risk is a change request: the template, filled in.
    expect(
      within(rows[2]).getByRole('link', { name: /^Accept risk… \(/ }),
    ).toHaveAttribute(
      'href',
      `/create/templates/default/risk-acceptance?formData=${encodeURIComponent(
        '{"component":"component:default/edge-transaction-gateway","finding":"2"}',
      )}`,
    );
    expect(rows[2]).toHaveTextContent('no owner: goes to the SOC');
    expect(rows[2]).toHaveTextContent('due in 3 d · due soon');
    expect(screen.getByText('and 10 more, due later.')).toBeInTheDocument();
  });

  it('says when nothing is open', async () => {
    await renderCard(jest.fn(async () => list([], 0)));
    expect(await screen.findByText(/No open findings/)).toBeInTheDocument();
  });

  it('offers a retry when loading failed', async () => {
    const failing = jest.fn(async () => {
      throw new Error('security-findings answered 503');
    });
    await renderCard(failing);
    expect(
      await screen.findByText(
        'Findings could not be loaded: security-findings answered 503',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(failing).toHaveBeenCalledTimes(2));
    expect(await screen.findByText(/could not be loaded/)).toBeInTheDocument();
  });
});
