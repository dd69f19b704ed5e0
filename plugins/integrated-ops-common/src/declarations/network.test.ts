import { entity } from '../testEntities';
import { parseNetwork } from './network';

describe('parseNetwork', () => {
  it('accepts hostnames (lower-cased), addresses, a segment and CIDRs', () => {
    const e = entity('Resource', 'seg', {
      network: {
        hostnames: ['API.Pay.Bank.Example'],
        addresses: ['10.20.1.10', '2001:db8::1'],
        cidrs: ['10.20.1.0/24', '2001:db8::/48'],
        zone: 'dmz',
        segment: 'resource:default/seg-dmz',
      },
    });
    expect(parseNetwork(e)).toEqual({
      ok: true,
      value: {
        hostnames: ['api.pay.bank.example'],
        addresses: ['10.20.1.10', '2001:db8::1'],
        cidrs: ['10.20.1.0/24', '2001:db8::/48'],
        zone: 'dmz',
        segment: 'resource:default/seg-dmz',
      },
    });
  });

  it.each([
    [
      { cidrs: ['10.20.1.0/33'] },
      'spec.network.cidrs[0]: must be a CIDR block like 10.20.3.0/24',
    ],
    [
      { addresses: ['10.20.1.300'] },
      'spec.network.addresses[0]: must be an IPv4 or IPv6 address',
    ],
    [
      { hostnames: ['https://pay.bank.example'] },
      'spec.network.hostnames[0]: must be a DNS hostname',
    ],
  ])('rejects %j', (network, message) => {
    expect(parseNetwork(entity('Component', 'c', { network }))).toEqual({
      ok: false,
      errors: [message],
    });
  });
});
