import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { LookupAnswerEntityProvider } from '@integrated-ops/plugin-integrated-ops-react';
import type {
  FindingList,
  FindingView,
} from '@integrated-ops/plugin-security-findings-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { securityFindingsApiRef } from '../../api';
import { LookupFindingsSection } from './LookupFindingsSection';

const REF = 'component:default/fraud-scoring-service';

const critical: FindingView = {
  id: '7',
  entityRef: REF,
  tool: 'trivy-image',
  scanner: 'trivy',
  fingerprint: 'f'.repeat(64),
  ruleId: 'CVE-2024-3094',
  category: 'image',
  severity: 'critical',
  title: 'CVE-2024-3094 <script>alert(1)</script>',
  message: 'xz backdoor',
  links: [],
  discipline: 'devops',
  visibleTo: ['devops', 'secops'],
  owner: 'group:default/sre-payments',
  status: 'open',
  firstSeen: '2026-12-01T06:00:00.000Z',
  lastSeen: '2026-12-06T18:00:00.000Z',
  reopenCount: 0,
  dueAt: '2026-12-04T18:00:00.000Z',
  slaState: 'breached',
};

const answer = (items: FindingView[], total = items.length): FindingList => ({
  entityRef: REF,
  items,
  total,
  summary: {
    bySeverity: { critical: 1, high: total - 1, medium: 4, low: 0, info: 0 },
    breached: 2,
    accepted: 0,
    oldestDue: items[0]?.dueAt ?? null,
  },
  generatedAt: '2026-12-06T18:00:00.000Z',
});

const render = (listFindings: jest.Mock) =>
  renderInTestApp(
    <TestApiProvider apis={[[securityFindingsApiRef, { listFindings }]]}>
      <LookupAnswerEntityProvider entity={{ ref: REF, kind: 'Component' }}>
        <LookupFindingsSection />
      </LookupAnswerEntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

describe('LookupFindingsSection', () => {
  it("names the answered component's open criticals and highs with owner and clock, scanner text as text", async () => {
    const listFindings = jest.fn(async () => answer([critical], 3));
    await render(listFindings);
    const list = await screen.findByRole('list', {
      name: 'Open critical and high findings',
    });
    const item = within(list).getByRole('listitem');
    expect(item).toHaveTextContent(
      'CRITICAL CVE-2024-3094 <script>alert(1)</script>',
    );
    expect(item).toHaveTextContent(
      'trivy-image · DevOps (sre-payments) · overdue by 2 d',
    );
    expect(list.querySelector('script')).toBeNull();
    expect(
      screen.getByText(
        /and 2 more critical or high; 7 open in all, 2 past SLA\./,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: "All findings on the component's page",
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/fraud-scoring-service',
    );
    expect(listFindings).toHaveBeenCalledWith({
      entity: REF,
      limit: 5,
      severity: ['critical', 'high'],
    });
  });

  it('says when there is no open critical or high', async () => {
    await render(jest.fn(async () => answer([], 0)));
    expect(
      await screen.findByText('No open critical or high finding.'),
    ).toBeInTheDocument();
  });

  it('says why it could not load, and asks again', async () => {
    const listFindings = jest
      .fn()
      .mockRejectedValueOnce(new Error('the backend is restarting'))
      .mockResolvedValue(answer([critical]));
    await render(listFindings);
    expect(
      await screen.findByText(
        'Findings could not be loaded: the backend is restarting',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('list', {
        name: 'Open critical and high findings',
      }),
    ).toBeInTheDocument();
  });
});
