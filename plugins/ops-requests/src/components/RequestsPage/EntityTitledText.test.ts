import { titleParts } from './EntityTitledText';

describe('titleParts', () => {
  it('finds the full entity refs of catalog kinds, keeping the words between', () => {
    expect(
      titleParts(
        'Network access: component:default/case-management-ui -> resource:default/fraud-cases-db (5432/tcp)',
      ),
    ).toEqual([
      { text: 'Network access: ' },
      { ref: 'component:default/case-management-ui' },
      { text: ' -> ' },
      { ref: 'resource:default/fraud-cases-db' },
      { text: ' (5432/tcp)' },
    ]);
  });

  it('ends a ref before the sentence ends', () => {
    expect(titleParts('Confirm group:default/soc-tier1.')).toEqual([
      { text: 'Confirm ' },
      { ref: 'group:default/soc-tier1' },
      { text: '.' },
    ]);
  });

  it("leaves a requester's words alone: URLs, CIDRs, incident ids, other prefixes", () => {
    for (const words of [
      'see https://wiki.bank.test/net/x and 10.20.0.0/16',
      'INC-4711: alerts fail; docs:team/page',
    ]) {
      expect(titleParts(words)).toEqual([{ text: words }]);
    }
  });
});
