import { PrefixTable } from './PrefixTable';

describe('PrefixTable', () => {
  const table = new PrefixTable();
  table.add('10.0.0.0/8', 'corp');
  table.add('10.30.0.0/16', 'ml');
  table.add('10.30.8.0/22', 'ml-gpu');
  table.add('10.20.3.0/24', 'pci');
  table.add('0.0.0.0/0', 'default-route');
  table.add('2001:db8::/32', 'v6-site');
  table.add('2001:db8:aa::/48', 'v6-lab');

  it.each([
    ['10.30.9.7', 'ml-gpu', 22],
    ['10.30.12.1', 'ml', 16],
    ['10.20.3.14', 'pci', 24],
    ['10.99.0.1', 'corp', 8],
    ['192.0.2.1', 'default-route', 0],
    ['::ffff:10.20.3.14', 'pci', 24],
    ['2001:db8:aa::1', 'v6-lab', 48],
    ['2001:db8:bb::1', 'v6-site', 32],
  ])('%s falls in %s (/%i)', (address, value, prefixLength) => {
    expect(table.longestMatch(address)).toEqual({
      values: [value],
      prefixLength,
    });
  });

  it('answers undefined where no block contains the address', () => {
    const v4only = new PrefixTable();
    v4only.add('10.0.0.0/8', 'corp');
    expect(v4only.longestMatch('172.16.0.1')).toBeUndefined();
    expect(v4only.longestMatch('2001:db8::1')).toBeUndefined();
  });

  it('names the block nearest an address that no block contains', () => {
    const sparse = new PrefixTable();
    sparse.add('172.16.4.0/24', 'branch-a');
    sparse.add('172.16.200.0/24', 'branch-b');
    sparse.add('2001:db8:aa::/48', 'v6-lab');
    const min = { ipv4: 16, ipv6: 48 };
    // 172.16.5.9 shares 23 bits with branch-a's 172.16.4.0, 16 with branch-b.
    expect(sparse.nearest('172.16.5.9', min)).toEqual({
      cidr: '172.16.4.0/24',
      prefixLength: 24,
      commonBits: 23,
      values: ['branch-a'],
    });
    expect(sparse.nearest('172.16.201.1', min)?.values).toEqual(['branch-b']);
    // Another /16 is not near.
    expect(sparse.nearest('172.17.4.1', min)).toBeUndefined();
    expect(sparse.nearest('2001:db8:aa:1::1', min)).toMatchObject({
      cidr: '2001:db8:aa::/48',
      commonBits: 48,
    });
    expect(sparse.nearest('2001:db8:ab::1', min)).toBeUndefined();
  });

  it('keeps several segments declared on the same block', () => {
    const dup = new PrefixTable();
    dup.add('10.1.0.0/24', 'a');
    dup.add('10.1.0.0/24', 'b');
    expect(dup.longestMatch('10.1.0.9')?.values).toEqual(['a', 'b']);
    expect(dup.size).toBe(2);
  });

  it('normalises a block given with host bits set', () => {
    const t = new PrefixTable();
    t.add('10.20.3.77/24', 'pci');
    expect(t.longestMatch('10.20.3.1')?.values).toEqual(['pci']);
  });

  it('falls back to the next most specific block once one is removed', () => {
    const t = new PrefixTable();
    t.add('10.0.0.0/8', 'corp');
    t.add('10.20.3.0/24', 'pci');
    t.add('10.20.3.0/24', 'pci-old');
    t.remove('10.20.3.0/24', 'pci-old');
    expect(t.longestMatch('10.20.3.14')?.values).toEqual(['pci']);
    t.remove('10.20.3.0/24', 'pci');
    expect(t.longestMatch('10.20.3.14')).toEqual({
      values: ['corp'],
      prefixLength: 8,
    });
    t.remove('10.0.0.0/8', 'not-there');
    expect(t.size).toBe(1);
    t.remove('::ffff:10.0.0.0/104', 'corp');
    expect(t.longestMatch('10.20.3.14')).toBeUndefined();
    expect(t.size).toBe(0);
  });
});
