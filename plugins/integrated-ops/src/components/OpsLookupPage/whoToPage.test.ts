import {
  gapAnswer,
  lookupResponse,
  scoringMatch,
} from '../../__testUtils__/fixtures';
import { whoToPage } from './whoToPage';

describe('whoToPage', () => {
  it('says plainly when a discipline has no owner, and when the index is stale', () => {
    const match = { ...scoringMatch(), answer: gapAnswer() };
    const text = whoToPage(
      lookupResponse('10.20.3.14', [match], {
        stale: true,
        entities: 98,
        lastError: 'catalog unreachable: ECONNREFUSED',
      }),
      match,
    );
    expect(text.split('\n')).toEqual([
      'Who to page for 10.20.3.14 (IP address 10.20.3.14), as of 2026-03-02T12:00:00Z:',
      'Legacy Batch Scorer [component:default/legacy-batch-scorer] in system:default/fraud-detection',
      '- NetOps: NetOps DC Fabric - on call: Priya Nair <priya.nair@bank.example> - chat #NetOps DC Fabric, pager NetOps DC Fabric pager',
      '- DevOps: SRE Payments (inherited from system:default/fraud-detection) - on call: Tom Becker <tom.becker@bank.example> - chat #SRE Payments, pager SRE Payments pager',
      '- SecOps: NO OWNER (missing)',
      'Runbooks: https://runbooks.bank.example/fraud/scoring',
      'WARNING: ownership index is stale (catalog unreachable: ECONNREFUSED)',
    ]);
  });
});
