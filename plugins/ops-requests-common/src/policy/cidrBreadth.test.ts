import { repositoryPolicy } from '../__testUtils__/repositoryPolicy';
import { ChangeRequestFacts } from './changeRequest';
import { evaluatePolicy } from './evaluatePolicy';

/** The cidr-breadth result for a flow from a range outside the catalog. */
const breadth = (cidr: string) =>
  evaluatePolicy(repositoryPolicy(), {
    kind: 'network-access',
    names: ['partner-to-db'],
    source: { entityRef: cidr, cidrs: [cidr], external: true },
    destination: {
      entityRef: 'resource:default/db',
      cidrs: ['10.40.2.11/32'],
      zone: 'pci',
    },
    ports: [{ protocol: 'tcp', from: 443, to: 443 }],
    exposure: 'internal',
    dataClasses: [],
    production: false,
    owners: { netops: 'group:default/netops-dc' },
  } as ChangeRequestFacts).results.find(r => r.rule === 'cidr-breadth')!;

describe('cidr-breadth and IPv4-mapped IPv6 ranges', () => {
  it.each([
    ['::ffff:0.0.0.0/96', 0],
    ['::ffff:10.0.0.0/104', 8],
    ['::/80', 0],
    ['::ffff:0:0/95', 0],
  ])('judges %s as the IPv4 /%i it holds, and refuses it', (cidr, v4) => {
    expect(breadth(cidr)).toEqual({
      rule: 'cidr-breadth',
      passed: false,
      message: `${cidr} holds IPv4 addresses as a /${v4}, broader than /24; name a narrower segment or host`,
    });
  });

  it.each(['::ffff:203.0.113.0/120', '2001:db8::/64', '203.0.113.0/24'])(
    'passes %s, no broader than the policy allows',
    cidr => {
      expect(breadth(cidr).passed).toBe(true);
    },
  );
});
