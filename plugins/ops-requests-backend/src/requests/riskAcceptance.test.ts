/*
 * Risk acceptance with a fixed clock and a real git repository: judged on
 * the finding the security-findings plugin answers (here a directory of two
 * findings of the PCI gateway), approved by the finding's owning team and
 * SecOps, one at a time per finding, landed as a file on main.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  changeIntentSchema,
  RiskFinding,
} from '@integrated-ops/plugin-ops-requests-common';
import { FindingDirectory } from '@integrated-ops/plugin-ops-requests-node';
import { execFileSync } from 'child_process';
import { setupRequestService } from '../__testUtils__/requestService';
import { decider } from '../__testUtils__/teamClaims';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const GATEWAY = 'component:default/gateway';
const requester = { userEntityRef: 'user:default/raj', credentials: {} as any };

const FINDINGS: Record<string, RiskFinding> = {
  '7': {
    id: '7',
    severity: 'medium',
    discipline: 'devops',
    title: 'CVE-2019-1549',
    tool: 'trivy',
    ruleId: 'CVE-2019-1549',
    status: 'open',
  },
  '8': {
    id: '8',
    severity: 'critical',
    discipline: 'devops',
    title: 'CVE-2024-3094',
    tool: 'grype',
    ruleId: 'CVE-2024-3094',
    status: 'open',
  },
};
const asked: string[] = [];
const findings: FindingDirectory = {
  finding: async (entityRef, id) => {
    asked.push(`${entityRef}#${id}`);
    return entityRef === GATEWAY ? FINDINGS[id] : undefined;
  },
};

const accept = (finding: string, expiresAt = '2026-03-20') =>
  changeIntentSchema.parse({
    kind: 'risk-acceptance',
    component: 'gateway',
    finding,
    justification: 'Compensated by the WAF virtual patch until the rebuild',
    expiresAt,
  });

describe('risk acceptance requests', () => {
  it('are judged on the finding as the findings plugin says, approved by its owners and SecOps, and land on main', async () => {
    const { service, git, clock } = await setupRequestService(databases, {
      findings,
    });
    const filed = await service.create(accept('7'), requester);
    expect(asked).toContain(`${GATEWAY}#7`);
    expect(filed).toMatchObject({
      kind: 'risk-acceptance',
      state: 'pending',
      title:
        'Risk acceptance: medium "CVE-2019-1549" on component:default/gateway until 2026-03-20T00:00:00.000Z',
      // PCI: SecOps approves besides the finding's DevOps owner.
      requiredApprovals: ['devops', 'secops'],
      approvers: {
        devops: 'group:default/sre',
        secops: 'group:default/soc-t1',
      },
    });
    // The same finding again while this one is open: refused.
    await expect(service.create(accept('7'), requester)).rejects.toThrow(
      /risk-acceptance\.one-at-a-time: this finding's risk is asked for or accepted already by cr-/,
    );
    await service.approve(filed.id, decider('user:default/sam'));
    const decided = await service.approve(
      filed.id,
      decider('user:default/lucas'),
    );
    expect(['approved', 'applied']).toContain(decided.state);
    const applied =
      decided.state === 'applied' ? decided : await service.apply(decided);
    expect(applied.state).toBe('applied');
    const file = execFileSync('git', [
      '--git-dir',
      git.remoteOf('infrastructure'),
      'show',
      'main:components/gateway/security/risk-acceptances/finding-7.yaml',
    ]).toString();
    expect(file).toContain('severity: medium');
    expect(file).toContain('acceptedUntil: 2026-03-20T00:00:00.000Z');

    // A critical finding: at most 30 days; unknown or hidden ones: 404.
    clock.now = new Date('2026-03-02T12:00:00Z');
    await expect(
      service.create(accept('8', '2026-06-01'), requester),
    ).rejects.toThrow(
      /risk-acceptance\.duration: until .* is more than the 30 days a critical finding may be accepted/,
    );
    await expect(service.create(accept('9'), requester)).rejects.toThrow(
      /has no finding 9/,
    );
  });

  it('lets only one of two filings of the same finding at the same moment through', async () => {
    const { service } = await setupRequestService(databases, { findings });
    const results = await Promise.allSettled([
      service.create(accept('8'), requester),
      service.create(accept('8'), requester),
    ]);
    expect(results.map(r => r.status).sort()).toEqual([
      'fulfilled',
      'rejected',
    ]);
  });
});
