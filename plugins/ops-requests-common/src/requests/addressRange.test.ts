import { parseAddressRange } from './addressRange';
import { networkAccessIntentSchema } from './changeIntent';

describe('parseAddressRange', () => {
  it('reads IPv4 and IPv6 ranges as their network address', () => {
    expect(parseAddressRange('203.0.113.7/24')).toBe('203.0.113.0/24');
    expect(parseAddressRange(' 198.51.100.0/28 ')).toBe('198.51.100.0/28');
    expect(parseAddressRange('2001:db8:abcd:12::1/64')).toBe(
      '2001:db8:abcd:12::/64',
    );
  });

  it('is not fooled by entity refs, hosts without a prefix or impossible prefixes', () => {
    expect(parseAddressRange('component:default/payments-web')).toBeUndefined();
    expect(parseAddressRange('203.0.113.7')).toBeUndefined();
    expect(parseAddressRange('203.0.113.0/33')).toBeUndefined();
    expect(parseAddressRange('999.0.113.0/24')).toBeUndefined();
  });
});

describe('network access intent: source', () => {
  const intent = {
    kind: 'network-access',
    destination: 'component:default/gateway',
    ports: '443/tcp',
    justification: 'A partner posts settlement files to the gateway',
  };

  it('is an entity ref or an address range', () => {
    for (const source of [
      'component:default/web',
      '203.0.113.0/24',
      '2001:db8::/48',
    ]) {
      expect(
        networkAccessIntentSchema.safeParse({ ...intent, source }).success,
      ).toBe(true);
    }
  });

  it('says a malformed range is one, rather than looking it up as an entity', () => {
    const parsed = networkAccessIntentSchema.safeParse({
      ...intent,
      source: '999.1.1.1/24',
    });
    expect(parsed.error?.issues[0].message).toBe(
      '"999.1.1.1/24" is not a valid address range (e.g. 203.0.113.0/24)',
    );
    // A namespace and name that happen to be hex are still an entity ref.
    expect(
      networkAccessIntentSchema.safeParse({ ...intent, source: 'cafe/12' })
        .success,
    ).toBe(true);
  });

  it('refuses anything else, saying what it may be', () => {
    const parsed = networkAccessIntentSchema.safeParse({
      ...intent,
      source: 'partner network',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].message).toBe(
      'must be an entity reference such as component:default/payments-web, or an address range outside the catalog such as 203.0.113.0/24',
    );
  });
});
