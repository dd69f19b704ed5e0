import {
  gapAnswer,
  lookupResponse,
  scoringMatch,
} from '../../__testUtils__/fixtures';
import { onCallSummary, whoToPage } from './whoToPage';

const ANSWER_URL = 'https://portal.bank.example/ops-lookup?q=10.20.3.14';

describe('whoToPage', () => {
  it('gives the numbers, handover times with their zone, escalation and a link back', () => {
    const match = scoringMatch();
    const lines = whoToPage(
      lookupResponse('10.20.3.14', [match]),
      match,
      ANSWER_URL,
    ).split('\n');
    expect(lines[2]).toBe(
      'NetOps: Priya Nair · DevOps: Tom Becker · SecOps: Lena Fischer',
    );
    expect(lines).toContain(
      '  on call (primary): Priya Nair (phone +44 20 7946 0100, priya.nair@bank.example) until Mon, Mar 2, 05:00 PM UTC (06:00 PM GMT+1 rotation time), then Next Person',
    );
    expect(lines).toContain(
      '  team: NetOps DC Fabric pager +44 20 7000 0101, #NetOps DC Fabric https://chat.bank.example/NetOps DC Fabric',
    );
    expect(lines).toContain('  escalate: SOC Tier 2 -> SOC Tier 3');
    expect(lines[lines.length - 1]).toBe(`Answer: ${ANSWER_URL}`);
  });

  it('makes a discipline with nobody to page loud and names whom to call instead', () => {
    const match = { ...scoringMatch(), answer: gapAnswer() };
    const text = whoToPage(
      lookupResponse('10.20.3.14', [match], {
        stale: true,
        entities: 98,
        lastError: 'catalog unreachable: ECONNREFUSED',
      }),
      match,
      ANSWER_URL,
    );
    expect(onCallSummary(match)).toBe(
      'NetOps: Priya Nair · DevOps: Tom Becker · SecOps: NOBODY - call Jonas Meyer, Major Incident Management',
    );
    expect(text.split('\n').slice(-5)).toEqual([
      'SecOps: !! No SecOps owner: none declared, inherited or in spec.owner.',
      '  CALL INSTEAD: Major Incident Management, on call Jonas Meyer (phone +44 20 7946 0500, jonas.meyer@bank.example), Incident commander line +44 20 7000 0999',
      'Runbooks: https://runbooks.bank.example/fraud/scoring',
      'WARNING: ownership index is stale (catalog unreachable: ECONNREFUSED)',
      `Answer: ${ANSWER_URL}`,
    ]);
  });
});
