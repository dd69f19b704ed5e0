import { mockServices } from '@backstage/backend-test-utils';
import {
  LunrSearchEngine,
  TestPipeline,
} from '@backstage/plugin-search-backend-node';
import { IndexableDocument } from '@backstage/plugin-search-common';
import { addressTerm } from './addressTerm';
import { OpsLunrSearchEngine } from './OpsLunrSearchEngine';

const doc = (title: string, text: string): IndexableDocument => ({
  title,
  text,
  location: `/catalog/${title.toLowerCase().replace(/\W+/g, '-')}`,
});

// As the sample estate indexes them: the scoring service with its address
// and hostname, its segment, and documents whose words are 2-letter or
// 1-digit like the address's parts.
const ownership = [
  doc(
    'Fraud Scoring Service',
    'component fraud-scoring-service 10.20.3.14 scoring.fraud.bank.internal',
  ),
  doc('Fraud detection segment', 'resource seg-fraud 10.20.3.0/24'),
];
const catalog = [
  doc('SOC Tier 3', 'Threat hunting, malware analysis and forensics.'),
  doc('Fraud Cases DB', 'PostgreSQL 15 (HA pair) holding cases.'),
  doc('Scoring dashboards', 'Grafana boards for the scoring service.'),
];

async function engineWith(engine: LunrSearchEngine) {
  for (const [type, documents] of [
    ['ops-ownership', ownership],
    ['software-catalog', catalog],
  ] as const) {
    await TestPipeline.fromIndexer(await engine.getIndexer(type))
      .withDocuments(documents)
      .execute();
  }
  return engine;
}

const titles = async (
  engine: LunrSearchEngine,
  query: Parameters<LunrSearchEngine['query']>[0],
) => (await engine.query(query)).results.map(r => r.document.title);

describe('OpsLunrSearchEngine', () => {
  const logger = mockServices.logger.mock();

  it('ranks the documents holding an address first, offers the lookup, and leaves out edit-distance look-alikes', async () => {
    const ops = await engineWith(new OpsLunrSearchEngine({ logger }));
    const stock = await engineWith(new LunrSearchEngine({ logger }));

    const asked = await ops.query({ term: '10.20.3.14' });
    expect(asked.results[0]).toMatchObject({
      type: 'ops-lookup',
      document: { location: '/ops-lookup?q=10.20.3.14' },
    });
    expect(asked.results.slice(1).map(r => r.document.title)).toEqual([
      'Fraud Scoring Service',
    ]);
    // Side by side: Backstage's own query ranks the short title holding
    // "3" first, and matches "DB" and "HA" to "20" and "14" by edit distance.
    const stockTitles = await titles(stock, { term: '10.20.3.14' });
    expect(stockTitles[0]).toBe('SOC Tier 3');
    expect(stockTitles).toContain('Fraud Cases DB');

    expect(
      await titles(ops, { term: 'scoring.fraud.bank.internal:8443' }),
    ).toEqual([
      'Who owns scoring.fraud.bank.internal? Open the incident lookup',
      'Fraud Scoring Service',
    ]);
  });

  it('asks a word as Backstage does, and offers the lookup only on the first page beside ownership results', async () => {
    const ops = await engineWith(new OpsLunrSearchEngine({ logger }));
    const stock = await engineWith(new LunrSearchEngine({ logger }));
    expect(await titles(ops, { term: 'scoring' })).toEqual(
      await titles(stock, { term: 'scoring' }),
    );
    expect(
      await titles(ops, { term: '10.20.3.0/24', types: ['ops-ownership'] }),
    ).toEqual([
      'Who owns 10.20.3.0/24? Open the incident lookup',
      'Fraud detection segment',
    ]);
    // As the search backend asks: every type the caller may see.
    expect(
      await titles(ops, {
        term: '10.20.3.14',
        types: ['software-catalog', 'ops-ownership'],
      }),
    ).toEqual([
      'Who owns 10.20.3.14? Open the incident lookup',
      'Fraud Scoring Service',
    ]);
    expect(
      await titles(ops, { term: '10.20.3.14', types: ['software-catalog'] }),
    ).toEqual([]);
    const next = await ops.query({ term: '10.20.3.14', pageCursor: 'MQ==' });
    expect(next.results.find(r => r.type === 'ops-lookup')).toBeUndefined();
  });
});

describe('addressTerm', () => {
  it.each([
    ['10.20.3.14', '10.20.3.14'],
    ['10.20.3.14:8443', '10.20.3.14'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['10.20.3.0/24', '10.20.3.0/24'],
    [
      'https://Scoring.Fraud.bank.internal/health',
      'scoring.fraud.bank.internal',
    ],
    ['scoring.fraud.bank.internal.', 'scoring.fraud.bank.internal'],
    ['10.20.3.14\r\n\u0001', '10.20.3.14'],
  ])('reads %s as the address %s', (term, address) => {
    expect(addressTerm(term)).toBe(address);
  });

  it.each(['scoring', 'fraud scoring', 'component:default/x', ''])(
    'reads %p as no address',
    term => expect(addressTerm(term)).toBeUndefined(),
  );
});
